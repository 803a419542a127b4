"""The index on a Chroma server, shared by replicas that share no disk.

With a server (`POLICYBOT_CHROMA_URL`) the current generation is named by the metadata of a
small collection on it, `<collection>-current` (no records, just {"generation", "collection",
"model", "manifest_sha256"}), which every replica reads; the file pointer in a data dir is
then only that machine's copy. A generation's collection carries its documents' records in
its own metadata, so a replica that lacks the generation's local files (manifest, BM25
matrix, vectors) rebuilds them from the server: the chunks from the collection's documents
and metadatas, the vectors from its embeddings. Embedded Chroma keeps the file pointer alone.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from ingest.bm25 import BM25Index, tokenize
from ingest.index import (
    BM25_FILE,
    VECTORS_FILE,
    Chunk,
    Manifest,
    file_sha256,
    generation_dir,
    generation_name,
    pointer_path,
    write_json_atomic,
)
from ingest.index import read_pointer as read_file_pointer

POINTER_SUFFIX = "-current"
# The pointer collection holds no vectors; its embedding function (ours, as on every open)
# names no model.
POINTER_MODEL = "none"
# The generation's document records, as JSON, in its collection's metadata.
DOCUMENTS_KEY = "policybot_documents"
# Records read per call when rebuilding (as the reader's VECTOR_PAGE).
PAGE = 2_000

log = logging.getLogger("policybot.index")


def pointer_collection(collection: str) -> str:
    return f"{collection}{POINTER_SUFFIX}"


def read_pointer(api: Any, collection: str) -> dict[str, Any] | None:
    """The generation the server names as current, or None before the first ingest that
    published one (an index written by an older version: the data dir's file names it)."""
    from ingest import store

    try:
        pointer = store.open_collection(api, pointer_collection(collection), None, POINTER_MODEL)
    except Exception:  # chromadb's NotFoundError and kin: nothing published yet
        return None
    data = dict(pointer.metadata or {})
    if type(data.get("generation")) is not int:
        return None
    return data


def publish(api: Any, collection: str, pointer: dict[str, Any]) -> None:
    """Make `pointer` the generation every replica serves (one metadata write)."""
    from ingest import store

    name = pointer_collection(collection)
    try:
        target = store.open_collection(api, name, None, POINTER_MODEL)
    except Exception:
        target = store.open_collection(api, name, None, POINTER_MODEL, create=True)
    target.modify(metadata=dict(pointer))


def documents_metadata(documents: list[dict[str, Any]]) -> dict[str, str]:
    """The metadata a generation's collection is created with."""
    return {DOCUMENTS_KEY: json.dumps(documents, ensure_ascii=False)}


def has_local_files(folder: Path) -> bool:
    """Whether a generation's folder holds its manifest and BM25 matrix (both are written
    before the generation is named anywhere; whether they verify is the ingest's check, and
    parsing a manifest of 50,000 chunks here would cost every load half a second)."""
    return (folder / "manifest.json").is_file() and (folder / BM25_FILE).is_file()


def write_generation(
    folder: Path,
    data_dir: Path,
    chunks: list[Any],
    matrix: Any,
    generation: int,
    model: str,
    collection: str,
    documents: list[dict[str, Any]],
) -> None:
    """A generation's local files: the vectors (chunk order), the BM25 matrix and the
    manifest (an ingest writes them; a replica that lacks them rebuilds them)."""
    np.save(folder / VECTORS_FILE, matrix.astype(np.float32), allow_pickle=False)
    BM25Index.build([c.id for c in chunks], [tokenize(c.text, data_dir) for c in chunks]).save(
        folder / BM25_FILE
    )
    Manifest(
        generation=generation,
        model=model,
        collection=collection,
        documents=documents,
        chunks=[dict(vars(c)) for c in chunks],
        checksums={BM25_FILE: file_sha256(folder / BM25_FILE)},
    ).save(folder)


def materialise(api: Any, data_dir: Path, collection: str, pointer: dict[str, Any]) -> Path:
    """The generation's local files, rebuilt from its collection on the server when this
    data dir lacks them (written aside, then moved into place); returns its folder."""
    from ingest import store

    generation = int(pointer["generation"])
    folder = generation_dir(data_dir, collection, generation)
    if has_local_files(folder):
        return folder
    name = str(pointer.get("collection") or generation_name(collection, generation))
    model = str(pointer["model"])
    source = store.open_collection(api, name, None, model)
    chunks, vectors = _read_collection(source)
    documents = _documents(source.metadata or {}, chunks)
    order = {str(d["id"]): i for i, d in enumerate(documents)}
    ranked = sorted(range(len(chunks)), key=lambda i: (order[chunks[i].doc_id], chunks[i].position))
    chunks = [chunks[i] for i in ranked]
    matrix = vectors[ranked] if len(chunks) else np.zeros((0, 0), dtype=np.float32)

    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        write_generation(tmp, data_dir, chunks, matrix, generation, model, name, documents)
        # Replicas sharing a data dir may rebuild at once: the first to finish is kept.
        if not has_local_files(folder):
            shutil.rmtree(folder, ignore_errors=True)  # a broken leftover
            try:
                tmp.replace(folder)
            except OSError:
                if not has_local_files(folder):
                    raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info(
        "index generation %d rebuilt from the Chroma server (%d chunks)", generation, len(chunks)
    )
    return folder


def adopt(api: Any, data_dir: Path, collection: str) -> dict[str, Any] | None:
    """Bring this data dir's file pointer (and the generation's files) to the generation the
    server names, before an ingest builds on it; returns that pointer."""
    shared = read_pointer(api, collection)
    if shared is None:
        return None
    folder = materialise(api, data_dir, collection, shared)
    local = read_file_pointer(data_dir, collection)
    checksum = file_sha256(folder / "manifest.json")
    if (
        local is None
        or local["generation"] != shared["generation"]
        or (local.get("manifest_sha256") != checksum)
    ):
        write_json_atomic(
            pointer_path(data_dir, collection),
            {**shared, "manifest_sha256": checksum},
        )
    return shared


def _read_collection(source: Any) -> tuple[list[Chunk], Any]:
    """Every chunk of a collection and its vectors (rows in the same order), a page at a
    time."""
    total = source.count()
    chunks: list[Chunk] = []
    matrix: Any = None
    for offset in range(0, total, PAGE):
        got = source.get(
            include=["documents", "metadatas", "embeddings"], limit=PAGE, offset=offset
        )
        page = np.asarray(got["embeddings"], dtype=np.float32)
        if matrix is None:
            matrix = np.zeros((total, page.shape[1]), dtype=np.float32)
        matrix[len(chunks) : len(chunks) + len(page)] = page
        for chunk_id, text, meta in zip(
            got["ids"], got["documents"], got["metadatas"], strict=True
        ):
            chunks.append(
                Chunk(
                    id=str(chunk_id),
                    doc_id=str(meta["doc_id"]),
                    title=str(meta["title"]),
                    doc_type=str(meta["doc_type"]),
                    measure=str(meta["measure"]) if meta.get("measure") else None,
                    heading=str(meta["heading"]) if meta.get("heading") else None,
                    text=str(text),
                    position=int(meta["position"]),
                )
            )
    if matrix is None:
        matrix = np.zeros((0, 0), dtype=np.float32)
    return chunks, matrix[: len(chunks)]


def _documents(metadata: dict[str, Any], chunks: list[Chunk]) -> list[dict[str, Any]]:
    """The generation's document records: from its collection's metadata, or (a collection
    written before it carried them) what its chunks tell: id, title, type, chunk count."""
    counts: dict[str, int] = {}
    for chunk in chunks:
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    try:
        records = json.loads(str(metadata[DOCUMENTS_KEY]))
        if isinstance(records, list) and {str(d["id"]) for d in records} >= set(counts):
            return [dict(d) for d in records]
    except (KeyError, ValueError, TypeError):
        pass
    first = {c.doc_id: c for c in reversed(chunks)}
    return [
        {
            "id": doc_id,
            "title": first[doc_id].title,
            "type": first[doc_id].doc_type,
            "date": None,
            "publisher": None,
            "source": None,
            "file": None,
            "hash": None,
            "chunks": count,
        }
        for doc_id, count in counts.items()
    ]
