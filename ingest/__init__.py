"""Ingest the kb into Chroma + BM25 and retrieve from it (hybrid, offline)."""

from __future__ import annotations

from ingest.index import IndexNotBuilt
from ingest.writer.pipeline import IngestSummary, ingest

__all__ = ["IndexNotBuilt", "IngestSummary", "ingest"]
