"""What `ingest` checks before it keeps the current generation: the pointer, the manifest
(its checksum in the pointer), the BM25 file (its checksum in the manifest) and the Chroma
collection (it opens and holds every chunk). kb/ is the source of truth: whatever does not
verify is rebuilt from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.bm25 import UNREADABLE, BM25Index
from ingest.index import (
    BM25_FILE,
    Manifest,
    file_sha256,
    generation_dir,
    generation_name,
    pointer_path,
    read_pointer,
)

ID_PAGE = 10_000


@dataclass
class Verified:
    """The current generation as far as it verifies."""

    manifest: Manifest | None = None  # readable and consistent with the pointer
    vectors: bool = False  # its collection opens and holds every chunk: vectors reusable
    problems: list[str] = field(default_factory=list)

    @property
    def whole(self) -> bool:
        return self.manifest is not None and self.vectors and not self.problems


def verify_current(api: Any, data_dir: Path, collection: str) -> Verified:
    """Check the generation the pointer names; an empty data dir has no problems."""
    pointer = read_pointer(data_dir, collection)
    if pointer is None:
        if pointer_path(data_dir, collection).exists():
            return Verified(problems=["the pointer file is unreadable"])
        return Verified()
    generation = pointer["generation"]
    folder = generation_dir(data_dir, collection, generation)
    name = generation_name(collection, generation)
    recorded = pointer.get("manifest_sha256")
    try:
        if recorded is not None and file_sha256(folder / "manifest.json") != recorded:
            return Verified(problems=[f"the manifest of {name} does not match its checksum"])
        manifest = Manifest.load(folder)
    except (OSError, ValueError, TypeError) as exc:
        return Verified(problems=[f"the manifest of {name} is unreadable ({exc})"])
    ids = [str(c["id"]) for c in manifest.chunks]
    if manifest.collection != name or sum(d["chunks"] for d in manifest.documents) != len(ids):
        return Verified(problems=[f"the manifest of {name} is inconsistent"])
    result = Verified(manifest=manifest, vectors=_collection_holds(api, manifest, ids))
    if not result.vectors:
        result.problems.append(f"the collection {name} is missing or incomplete")
    if recorded is None or BM25_FILE not in manifest.checksums:
        result.problems.append(f"{name} was written by an older version")
    elif not _bm25_holds(folder / BM25_FILE, manifest, ids):
        result.problems.append(f"the BM25 file of {name} does not verify")
    return result


def _bm25_holds(path: Path, manifest: Manifest, ids: list[str]) -> bool:
    try:
        if file_sha256(path) != manifest.checksums.get(BM25_FILE):
            return False
        return BM25Index.load(path).ids == ids
    except UNREADABLE:
        return False


def _collection_holds(api: Any, manifest: Manifest, ids: list[str]) -> bool:
    from ingest import store

    try:
        coll = store.open_collection(api, manifest.collection, None, manifest.model)
        if coll.count() != len(ids):
            return False
        # In pages: one get of 52,500 ids exceeds SQLite's limit on bound variables (32,766).
        for start in range(0, len(ids), ID_PAGE):
            page = ids[start : start + ID_PAGE]
            if set(coll.get(ids=page, include=[])["ids"]) != set(page):
                return False
        return True
    except Exception:  # chromadb raises its own tree (NotFoundError, InternalError, …)
        return False
