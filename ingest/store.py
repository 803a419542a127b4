"""Chroma: client factory and our embedding function (Chroma's default is never used)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from ingest.encoder import DEFAULT_MODEL, Encoder, SentenceTransformerEncoder

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

# Cosine distance: Chroma returns 1 - cosine similarity for normalised vectors.
SPACE = "cosine"
# HNSW's search breadth. Among 50,000 vectors Chroma's default (100) found 61% of the exact
# top 50 for the golden questions, 400 finds 85% (97% among 20,000), for 2.3 ms a query
# instead of 1.7 (bench/scale.py --crossover).
EF_SEARCH = 400
_EF_CLASS: Any = None


def _embedding_function_class() -> Any:
    """Built on first use so that importing this module does not import chromadb."""
    global _EF_CLASS
    if _EF_CLASS is not None:
        return _EF_CLASS
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    class PolicybotEmbeddingFunction(EmbeddingFunction[Documents]):
        """Wraps our encoder; its stored config holds the model name, never a path."""

        def __init__(self, encoder: Encoder | None = None, model: str = DEFAULT_MODEL) -> None:
            self._encoder = encoder
            self._model = encoder.name if encoder is not None else model

        def __call__(self, input: Documents) -> Embeddings:
            if self._encoder is None:
                self._encoder = SentenceTransformerEncoder(self._model)
            return list(self._encoder.encode(list(input)))

        @staticmethod
        def name() -> str:
            return "policybot-encoder"

        def get_config(self) -> dict[str, Any]:
            return {"model": self._model}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> PolicybotEmbeddingFunction:
            return PolicybotEmbeddingFunction(model=str(config.get("model", DEFAULT_MODEL)))

        def default_space(self) -> Any:
            return SPACE

    register_embedding_function(PolicybotEmbeddingFunction)  # type: ignore[no-untyped-call]
    _EF_CLASS = PolicybotEmbeddingFunction
    return _EF_CLASS


def embedding_function(encoder: Encoder | None, model: str) -> Any:
    return _embedding_function_class()(encoder=encoder, model=model)


def client(data_dir: Path, chroma_url: str | None) -> ClientAPI:
    """Embedded persistent store under data_dir/chroma, or a Chroma server at chroma_url."""
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        before = set(SharedSystemClient._identifier_to_system)
        api = chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=settings,
        )
        created = set(SharedSystemClient._identifier_to_system) - before
        _SESSIONS[id(api)] = _http_sessions(created)
        return api
    path = data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def open_collection(
    api: ClientAPI,
    name: str,
    encoder: Encoder | None,
    model: str,
    *,
    create: bool = False,
    metadata: dict[str, Any] | None = None,
) -> Collection:
    """Open (or create, with `metadata`) a collection, always handing it our embedding
    function."""
    ef = embedding_function(encoder, model)
    if create:
        configuration: Any = {"hnsw": {"space": SPACE, "ef_search": EF_SEARCH}}
        return api.create_collection(
            name, embedding_function=ef, configuration=configuration, metadata=metadata
        )
    return api.get_collection(name, embedding_function=ef)


# HTTP sessions opened by each server client. Chroma gives every HttpClient its own System
# (plus one for tenant lookup) and does not close their httpx sessions on close().
_SESSIONS: dict[int, list[Any]] = {}


def _http_sessions(identifiers: set[str]) -> list[Any]:
    from chromadb.api.shared_system_client import SharedSystemClient

    sessions = []
    for identifier in identifiers:
        system = SharedSystemClient._identifier_to_system.get(identifier)
        for component in getattr(system, "_instances", {}).values():
            session = getattr(component, "_session", None)
            if session is not None and hasattr(session, "close"):
                sessions.append(session)
    return sessions


def close(api: ClientAPI) -> None:
    """Close a client, and for a server client the HTTP sessions it opened."""
    api.close()  # type: ignore[attr-defined]
    for session in _SESSIONS.pop(id(api), []):
        session.close()


def discard_embedded(data_dir: Path, api: ClientAPI | None) -> None:
    """Remove an embedded database that does not open, and Chroma's cached handle on it."""
    from chromadb.api.shared_system_client import SharedSystemClient

    path = data_dir / "chroma"
    if api is not None:
        with contextlib.suppress(Exception):
            api.close()  # type: ignore[attr-defined]
    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        with contextlib.suppress(Exception):
            system.stop()
    shutil.rmtree(path, ignore_errors=True)


def remove_orphaned_segments(data_dir: Path) -> list[str]:
    """Remove segment folders of the embedded store that no collection uses (left behind by
    a database that was emptied or replaced); returns their names."""
    path = data_dir / "chroma"
    try:
        with contextlib.closing(
            sqlite3.connect(f"file:{path / 'chroma.sqlite3'}?mode=ro", uri=True)
        ) as db:
            live = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
    except sqlite3.Error:
        return []  # not a layout we know: leave it alone
    removed = []
    for folder in path.iterdir():
        if folder.is_dir() and _is_uuid(folder.name) and folder.name not in live:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _is_uuid(name: str) -> bool:
    try:
        uuid.UUID(name)
    except ValueError:
        return False
    return True
