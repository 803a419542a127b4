"""Chongqing and Sichuan speech put in Mandarin before a message is read ("补好多" → 补多少,
"局长是哪个" → 局长是谁). The forms are data (ingest/dialect.txt), applied in order."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import ingest

DIALECT = Path(ingest.__file__).resolve().parent / "dialect.txt"  # beside the glossary


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for line in DIALECT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=>" not in line:
            continue
        pattern, mandarin = (side.strip() for side in line.rsplit("=>", 1))
        rules.append((re.compile(pattern), mandarin))
    return tuple(rules)


def mandarin(text: str) -> str:
    """The message with each dialect form of the table in its Mandarin words."""
    for pattern, words in _rules():
        text = pattern.sub(words, text)
    return text
