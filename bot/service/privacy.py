"""Personal numbers masked before a question is logged: ID-card, bank-card and mobile numbers.

The log is for staff to see what people ask; none of them needs these numbers. Digits may be
half- or full-width and a card number may be grouped by spaces or hyphens, as people type it.
"""

from __future__ import annotations

import re
from typing import Any

_D = "[0-9０-９]"
_EDGE_BEFORE = r"(?<![0-9０-９])"
_EDGE_AFTER = r"(?![0-9０-９])"

# Longest first: an 18-digit ID number also looks like a bank-card number, and both contain
# 11-digit runs that look like a mobile number.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # resident ID: 18 characters, the last a check digit or X (15 digits before 1999)
    (
        "[身份证号]",
        re.compile(rf"{_EDGE_BEFORE}(?:{_D}{{17}}[0-9０-９XxＸｘ]|{_D}{{15}}){_EDGE_AFTER}"),
    ),
    # bank card: 16-19 digits, perhaps in groups of four
    ("[银行卡号]", re.compile(rf"{_EDGE_BEFORE}(?:{_D}[ -]?){{15,18}}{_D}{_EDGE_AFTER}")),
    # mainland mobile: 11 digits from 13x-19x, perhaps +86 and grouped 3-4-4
    (
        "[手机号]",
        re.compile(
            rf"(?:\+?86[ -]?)?{_EDGE_BEFORE}[1１][3-9３-９]{_D}"
            rf"[ -]?{_D}{{4}}[ -]?{_D}{{4}}{_EDGE_AFTER}"
        ),
    ),
)


def mask(text: str) -> str:
    """`text` with every ID-card, bank-card and mobile number replaced by what it was."""
    for label, pattern in PATTERNS:
        text = pattern.sub(label, text)
    return text


def mask_all(value: Any) -> Any:
    """`mask` applied to every string in a JSON-like value (a reply)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {key: mask_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_all(item) for item in value]
    return value
