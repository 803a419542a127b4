"""The index: its format (index.py), the writer (writer/: kb → Chroma + BM25) and the reader
(reader/: hybrid retrieval), offline. `ingest()` is the writer's entry point."""

from __future__ import annotations

from ingest.index import IndexNotBuilt
from ingest.writer.pipeline import IngestSummary, ingest

__all__ = ["IndexNotBuilt", "IngestSummary", "ingest"]
