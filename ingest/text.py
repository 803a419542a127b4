"""Text normalisation shared by chunking, BM25 and queries."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_SPACES = re.compile(r"[ \t\u3000]+")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def normalise(text: str) -> str:
    """Full-width → half-width (NFKC), Traditional → Simplified, collapse spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = str(_t2s().convert(text))
    return _SPACES.sub(" ", text).strip()
