"""Normalise a question: full-width → half-width, Traditional → Simplified, tidy whitespace."""

from __future__ import annotations

import re

from bot.errors import InvalidQuestion
from ingest.text import normalise as normalise_text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"\s+")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[\s]*")


def normalise(text: str) -> str:
    """The kb's normalisation (NFKC, Traditional → Simplified), without control characters; a
    question is one line, its line breaks kept as "；" (a pasted list "棚租——420万⏎特效——280万"
    is several items, not one)."""
    text = _LINE_BREAKS.sub("；", _CONTROL.sub("", text).strip())
    return _SPACES.sub(" ", normalise_text(text)).strip()


def validate(question: object, max_chars: int) -> str:
    """Return the normalised question or raise InvalidQuestion with a Chinese message."""
    if not isinstance(question, str):
        raise InvalidQuestion("invalid", "问题必须是文字。")
    if not question.strip():
        raise InvalidQuestion("empty", "请输入您的问题。")
    if len(question) > max_chars:
        raise InvalidQuestion(
            "too_long", f"问题太长了（{len(question)}字），请精简到{max_chars}字以内。"
        )
    text = normalise(question)
    if not text:
        raise InvalidQuestion("empty", "请输入您的问题。")
    return text


def is_meaningful(text: str) -> bool:
    """False for input with no Chinese, letters or digits (emoji, punctuation only)."""
    return bool(_MEANINGFUL.search(text))
