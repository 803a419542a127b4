"""`ingest()`: load kb/, chunk, embed what changed, build a new generation aside, swap."""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest import shared
from ingest.encoder import DEFAULT_MODEL, export_light_model
from ingest.index import (
    Chunk,
    Manifest,
    file_sha256,
    generation_dir,
    generation_name,
    index_dir,
    pointer_path,
    read_pointer,
    write_json_atomic,
)
from ingest.writer.chunking import chunk_document
from ingest.writer.documents import Document, LoadError, kb_files, load_document
from ingest.writer.embedding import EmbedStats, gather_vectors
from ingest.writer.verify import Verified, verify_current


@dataclass(frozen=True)
class IngestSummary:
    documents: int
    chunks: int
    added: int
    kept: int
    removed: int
    seconds: float
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # What did not verify in the index kept so far, and was rebuilt from kb/
    repaired: list[str] = field(default_factory=list)
    # Distinct texts run through the model (a chunk whose text is already indexed, under any
    # id, reuses its vector), and the seconds that took
    embedded: int = 0
    embed_seconds: float = 0.0

    def line(self) -> str:
        text = (
            f"已索引 {self.documents} 个文档、{self.chunks} 个片段"
            f"（新增 {self.added}，保留 {self.kept}，删除 {self.removed}），"
            f"用时 {self.seconds:.1f} 秒"
            f" | {self.documents} documents, {self.chunks} chunks: {self.added} added,"
            f" {self.kept} kept, {self.removed} removed in {self.seconds:.1f} s"
        )
        if self.embedded != self.added:
            text += f" | 向量化 embedded {self.embedded} distinct texts, the rest reused"
        if self.skipped:
            names = "; ".join(f"{name}: {reason}" for name, reason in self.skipped)
            text += f" | 跳过 skipped {len(self.skipped)}: {names}"
        if self.repaired:
            text += f" | 已修复 repaired: {'; '.join(self.repaired)}"
        return text


def _progress_bar() -> Any:
    """Chunks done of all, chunks per second and the time left."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:.1f}/s" if task.speed else "–/s")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeRemainingColumn(),
        transient=True,
    )


def _load_all(kb_dir: Path, progress: Any) -> tuple[list[Document], list[tuple[str, str]]]:
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    files = kb_files(kb_dir)
    task = progress.add_task("读取文档 loading", total=len(files)) if progress else None
    for path in files:
        try:
            doc = load_document(path)
        except LoadError as exc:
            skipped.append((path.name, str(exc)))
        else:
            if doc.id in seen:
                skipped.append((path.name, f"duplicate document id {doc.id}"))
            else:
                seen.add(doc.id)
                documents.append(doc)
        if progress:
            progress.advance(task)
    return documents, skipped


def _doc_record(doc: Document, chunks: int) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "type": doc.type,
        "date": doc.date,
        "publisher": doc.publisher,
        "source": doc.source,
        "file": doc.file_name,
        "hash": doc.content_hash,
        "chunks": chunks,
    }


def _drop_old_generations(
    api: Any, data_dir: Path, collection: str, keep_from: int, newest: int
) -> None:
    """Keep the new generation and the one before (a serving retriever may still read it)."""
    for folder in index_dir(data_dir).glob(f"{collection}-g*"):
        try:
            generation = int(folder.name.rsplit("-g", 1)[1])
        except ValueError:
            continue
        if generation < keep_from or generation > newest:
            shutil.rmtree(folder, ignore_errors=True)
    for existing in api.list_collections():
        name = getattr(existing, "name", existing)
        if not str(name).startswith(f"{collection}-g"):
            continue
        try:
            generation = int(str(name).rsplit("-g", 1)[1])
        except ValueError:
            continue
        if generation < keep_from or generation > newest:
            api.delete_collection(str(name))


def ingest(
    kb_dir: Path,
    data_dir: Path,
    *,
    embedding_model: str = DEFAULT_MODEL,
    chroma_url: str | None = None,
    collection: str = "policybot",
    progress: bool = False,
    rebuild: bool = False,
) -> IngestSummary:
    """Index kb_dir into data_dir; only changed chunks are embedded, the swap is atomic.

    The index kept so far is verified first; what does not verify is rebuilt. `rebuild`
    reuses nothing: every chunk is embedded again and every older generation removed.
    """
    started = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(data_dir / ".ingest.lock"):
        return _ingest(
            kb_dir, data_dir, embedding_model, chroma_url, collection, progress, started, rebuild
        )


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """One ingest at a time per data dir (CLI, admin reindex, another process): the second
    waits, then finds the index up to date."""
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ingest(
    kb_dir: Path,
    data_dir: Path,
    embedding_model: str,
    chroma_url: str | None,
    collection: str,
    progress: bool,
    started: float,
    rebuild: bool,
) -> IngestSummary:
    bar = _progress_bar() if progress else None
    if bar:
        bar.start()
    try:
        documents, skipped = _load_all(kb_dir, bar)
        chunks: list[Chunk] = [c for doc in documents for c in chunk_document(doc)]
        per_doc = Counter(c.doc_id for c in chunks)
        doc_records = [_doc_record(doc, per_doc[doc.id]) for doc in documents]
        records = [dict(vars(c)) for c in chunks]  # asdict's deep copy: 5 s at 52,500
        if embedding_model == DEFAULT_MODEL:
            export_light_model(data_dir)

        from ingest import store

        api, repaired = _open_store(data_dir, chroma_url)
        try:
            if chroma_url:
                # Another machine may have ingested into the server since this data dir did:
                # build on the generation the server serves, never beside it.
                try:
                    shared.adopt(api, data_dir, collection)
                except Exception as exc:  # chromadb's own tree; kb/ rebuilds what is lost
                    repaired.append(f"the generation the Chroma server names is unreadable ({exc})")
            current = Verified() if rebuild else verify_current(api, data_dir, collection)
            repaired += current.problems
            # Vectors are reused only from a collection that verified, made by the same model.
            previous = current.manifest if current.vectors else None
            if previous is not None and previous.model != embedding_model:
                previous = None
            old_ids = {r["id"] for r in previous.chunks} if previous else set()
            new_ids = {c.id for c in chunks}
            added = new_ids - old_ids
            kept = new_ids & old_ids
            removed = old_ids - new_ids
            unchanged = (
                current.whole
                and previous is not None
                and previous.chunks == records
                and previous.documents == doc_records
            )
            stats = EmbedStats(0, len(chunks), 0, 0.0)
            if not unchanged:
                stats = _build_generation(
                    api,
                    data_dir,
                    collection,
                    embedding_model,
                    previous,
                    chunks,
                    doc_records,
                    bar,
                    keep_previous=current.whole,
                    publish=bool(chroma_url),
                )
                if chroma_url is None:
                    store.remove_orphaned_segments(data_dir)
            else:
                removed = set()
        finally:
            store.close(api)  # releases sqlite handles / HTTP connections
        return IngestSummary(
            documents=len(documents),
            chunks=len(chunks),
            added=len(added) if not unchanged else 0,
            kept=len(kept),
            removed=len(removed),
            seconds=round(time.perf_counter() - started, 2),
            skipped=skipped,
            repaired=repaired,
            embedded=stats.embedded,
            embed_seconds=stats.seconds,
        )
    finally:
        if bar:
            bar.stop()


def _build_generation(
    api: Any,
    data_dir: Path,
    collection: str,
    model: str,
    previous: Manifest | None,
    chunks: list[Chunk],
    doc_records: list[dict[str, Any]],
    bar: Any,
    *,
    keep_previous: bool,
    publish: bool,
) -> EmbedStats:
    """Write generation N+1 completely, then point at it (and, with `publish`, point every
    replica of the Chroma server at it); on failure N keeps serving.

    After the swap, N is kept for a serving retriever that may still read it, unless it did
    not verify; older generations are removed."""
    import numpy as np

    from ingest import store

    generation = _next_generation(api, data_dir, collection)
    name = generation_name(collection, generation)
    folder = generation_dir(data_dir, collection, generation)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if name in {str(getattr(c, "name", c)) for c in api.list_collections()}:
        api.delete_collection(name)
    try:
        vectors, stats = gather_vectors(api, data_dir, collection, model, previous, chunks, bar)
        target = store.open_collection(
            api, name, None, model, create=True, metadata=shared.documents_metadata(doc_records)
        )
        for start in range(0, len(chunks), 256):
            batch = chunks[start : start + 256]
            target.add(
                ids=[c.id for c in batch],
                embeddings=np.stack([vectors[c.id] for c in batch]),
                documents=[c.text for c in batch],
                metadatas=[c.metadata() for c in batch],  # type: ignore[misc]
            )
        matrix = np.stack([vectors[c.id] for c in chunks]) if chunks else np.zeros((0, 0))
        shared.write_generation(
            folder, data_dir, chunks, matrix, generation, model, name, doc_records
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(Exception):
            api.delete_collection(name)
        raise
    pointer = {
        "generation": generation,
        "collection": name,
        "model": model,
        "manifest_sha256": file_sha256(folder / "manifest.json"),
    }
    write_json_atomic(pointer_path(data_dir, collection), pointer)
    if publish:
        shared.publish(api, collection, pointer)
    keep_from = generation - 1 if keep_previous else generation
    _drop_old_generations(api, data_dir, collection, keep_from, generation)
    return stats


def _next_generation(api: Any, data_dir: Path, collection: str) -> int:
    """One past every generation the pointer, a folder or a collection names (any may be
    broken; on a Chroma server another machine's ingest may have made collections this data
    dir never saw, and a number reused would replace one a replica serves)."""
    pointer = read_pointer(data_dir, collection)
    seen = [0, pointer["generation"] if pointer else 0]
    names = [folder.name for folder in index_dir(data_dir).glob(f"{collection}-g*")]
    names += [str(getattr(c, "name", c)) for c in api.list_collections()]
    for name in names:
        if not name.startswith(f"{collection}-g"):
            continue
        suffix = name.rsplit("-g", 1)[1]
        if suffix.isdigit():
            seen.append(int(suffix))
    return max(seen) + 1


def _open_store(data_dir: Path, chroma_url: str | None) -> tuple[Any, list[str]]:
    """The Chroma client; an embedded database that does not open is removed and started
    again (its collections are rebuilt from kb/), with the reason."""
    from ingest import store

    api: Any = None
    try:
        api = store.client(data_dir, chroma_url)
        api.list_collections()
    except Exception as exc:
        if chroma_url:
            if api is not None:
                store.close(api)
            raise
        problem = exc
    else:
        return api, []
    store.discard_embedded(data_dir, api)
    return store.client(data_dir, None), [f"the Chroma database does not open ({problem})"]
