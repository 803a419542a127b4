"""The vectors of a new generation: reused by chunk id or by identical text, the rest
embedded once per distinct text, shortest texts first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.encoder import Encoder, document_encoder
from ingest.index import VECTORS_FILE, Chunk, Manifest, generation_dir

# Texts per encoder call. Sorted by length, a batch pads to nearly its own length: on the
# kb's chunks, batches of 16 sorted texts took 22 ms a chunk where 32 in reading order took
# 29 ms (sentence-transformers sorts only within one call).
BATCH = 16


@dataclass(frozen=True)
class EmbedStats:
    """What a generation's vectors cost: texts embedded, and vectors reused."""

    embedded: int  # distinct texts run through the model
    reused: int  # chunks whose vector came from the previous generation
    shared: int  # chunks whose text another chunk of this ingest already has
    seconds: float  # spent in the model


def _previous_vectors(
    api: Any, folder: Path, previous: Manifest, model: str, wanted: list[str]
) -> dict[str, Any]:
    """Vectors of the wanted previous chunk ids: from its matrix file, else from Chroma."""
    from ingest import store

    rows = {str(c["id"]): i for i, c in enumerate(previous.chunks)}
    try:
        matrix = np.load(folder / VECTORS_FILE, mmap_mode="r", allow_pickle=False)
        if matrix.shape[0] == len(rows) and matrix.dtype == np.float32:
            return {cid: np.array(matrix[rows[cid]]) for cid in wanted}
    except (OSError, ValueError):
        pass
    old = store.open_collection(api, previous.collection, None, model)
    vectors: dict[str, Any] = {}
    for start in range(0, len(wanted), 2_000):
        got = old.get(ids=wanted[start : start + 2_000], include=["embeddings"])
        embeddings = got["embeddings"] if got["embeddings"] is not None else []
        for chunk_id, vector in zip(got["ids"], embeddings, strict=True):
            vectors[chunk_id] = np.asarray(vector, dtype=np.float32)
    return vectors


def gather_vectors(
    api: Any,
    data_dir: Path,
    collection: str,
    model: str,
    previous: Manifest | None,
    chunks: list[Chunk],
    bar: Any,
    encoder: Encoder | None = None,
) -> tuple[dict[str, Any], EmbedStats]:
    """A vector for every chunk id. A chunk whose text the previous generation holds (under
    any id: a renamed or copied document) reuses that vector; identical texts are embedded
    once."""
    import time

    source: dict[str, str] = {}  # new chunk id → previous chunk id holding its vector
    if previous is not None:
        old_ids = {str(c["id"]) for c in previous.chunks}
        holder = {str(c["text"]): str(c["id"]) for c in previous.chunks}
        for chunk in chunks:
            if chunk.id in old_ids:
                source[chunk.id] = chunk.id
            elif chunk.text in holder:
                source[chunk.id] = holder[chunk.text]
    vectors: dict[str, Any] = {}
    if previous is not None and source:
        wanted = list(dict.fromkeys(source.values()))
        folder = generation_dir(data_dir, collection, previous.generation)
        old = _previous_vectors(api, folder, previous, model, wanted)
        vectors = {cid: old[src] for cid, src in source.items() if src in old}
    todo = [c for c in chunks if c.id not in vectors]
    texts = sorted({c.text for c in todo}, key=len)
    seconds = 0.0
    if texts:
        encoder = encoder or document_encoder(data_dir, model)
        task = bar.add_task("向量化 embedding", total=len(texts)) if bar else None
        by_text: dict[str, Any] = {}
        for start in range(0, len(texts), BATCH):
            batch = texts[start : start + BATCH]
            began = time.perf_counter()
            encoded = encoder.encode(batch)
            seconds += time.perf_counter() - began
            by_text.update(zip(batch, encoded, strict=True))
            if bar:
                bar.advance(task, len(batch))
        for chunk in todo:
            vectors[chunk.id] = by_text[chunk.text]
    stats = EmbedStats(
        embedded=len(texts),
        reused=len(chunks) - len(todo),
        shared=len(todo) - len(texts),
        seconds=round(seconds, 2),
    )
    return vectors, stats
