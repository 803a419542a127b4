"""Indexes as older versions wrote them, for the tests that read or replace them."""

from __future__ import annotations

from collections import Counter
from typing import Any


def legacy_bm25(ids: list[str], token_lists: list[list[str]]) -> dict[str, Any]:
    """The JSON BM25 file (`bm25.json`) of the versions before the sparse matrix."""
    return {
        "ids": ids,
        "term_freqs": [dict(Counter(t)) for t in token_lists],
        "lengths": [len(t) for t in token_lists],
        "idf": {},
        "avg_length": 0.0,
        "k1": 1.5,
        "b": 0.75,
    }
