"""The index format, shared by writer and reader: the `Chunk`, and where an index lives in
the data dir (generations, the current pointer, the manifest).

data_dir/index/<collection>.current.json   → {"generation": N, ...}  (replaced atomically)
data_dir/index/<collection>-g000N/manifest.json, bm25.npz, vectors.npy
Chroma collection <collection>-g000N (embedded under data_dir/chroma, or on the server).
A new ingest builds generation N+1 beside N and swaps the pointer only when it is complete.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_VERSION = 1
# The BM25 matrix of a generation; generations written before it hold bm25.json instead.
BM25_FILE = "bm25.npz"
LEGACY_BM25_FILE = "bm25.json"
# The generation's vectors as one float32 matrix, rows in chunk order (for exact search).
VECTORS_FILE = "vectors.npy"


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit of a document."""

    id: str
    doc_id: str
    title: str
    doc_type: str
    measure: str | None
    heading: str | None
    text: str
    position: int

    def metadata(self) -> dict[str, str | int]:
        meta: dict[str, str | int] = {
            "doc_id": self.doc_id,
            "title": self.title,
            "doc_type": self.doc_type,
            "position": self.position,
            "hash": self.id,
        }
        # Chroma metadata values cannot be None: absent keys mean "none".
        if self.measure:
            meta["measure"] = self.measure
        if self.heading:
            meta["heading"] = self.heading
        return meta


class IndexNotBuilt(Exception):
    """No index in the data dir yet: run `policybot ingest`."""


def index_dir(data_dir: Path) -> Path:
    return data_dir / "index"


def pointer_path(data_dir: Path, collection: str) -> Path:
    return index_dir(data_dir) / f"{collection}.current.json"


def generation_name(collection: str, generation: int) -> str:
    return f"{collection}-g{generation:04d}"


def generation_dir(data_dir: Path, collection: str, generation: int) -> Path:
    return index_dir(data_dir) / generation_name(collection, generation)


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_pointer(data_dir: Path, collection: str) -> dict[str, Any] | None:
    path = pointer_path(data_dir, collection)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or type(data.get("generation")) is not int:
        return None
    return data


@dataclass
class Manifest:
    """What one generation holds: its documents and chunk records (ids are content hashes)."""

    generation: int
    model: str
    collection: str
    documents: list[dict[str, Any]]
    chunks: list[dict[str, Any]]
    version: int = MANIFEST_VERSION
    # sha256 of the generation's other files (bm25.npz), checked before an ingest keeps it
    checksums: dict[str, str] = field(default_factory=dict)

    def save(self, folder: Path) -> None:
        write_json_atomic(folder / "manifest.json", asdict(self))

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return cls(**data)

    def chunk_objects(self) -> list[Chunk]:
        return [Chunk(**record) for record in self.chunks]


def load_current(data_dir: Path, collection: str) -> Manifest | None:
    pointer = read_pointer(data_dir, collection)
    if pointer is None:
        return None
    folder = generation_dir(data_dir, collection, int(pointer["generation"]))
    try:
        return Manifest.load(folder)
    except (OSError, ValueError, TypeError):
        return None
