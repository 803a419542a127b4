"""Chinese sentence boundaries that keep paired quotation marks and brackets whole.

A sentence ends at 。！？!? or an ellipsis (……), together with any closing marks that follow
(“因为科技,才有电影。” keeps its ”), and at a line break. Inside an open pair (「」“”‘’《》（）
『』()) a full stop does not end the sentence: a quotation of several sentences stays with the
words that introduce it, so no line of an answer starts with a stray ” or 」. A pair left open
at the end of the text (a passage cut mid-quotation) does not swallow the rest: that span is
split as if the marks were absent.
"""

from __future__ import annotations

import itertools
import re

PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")"}
CLOSERS = frozenset(PAIRS.values())
FINAL = frozenset("。！？!?…")
# Clause boundaries, for cutting an over-long sentence to a quotable span.
_CLAUSE_END = frozenset("；;，,：:")
# "张升说。" after a quotation stays with it: a speaker and a verb, a few characters.
ATTRIBUTION_MAX = 6
_RUN = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
_FINAL_AT_END = re.compile(r"[。！？!?…][”’」』）)》\"']*$")


def split(text: str) -> list[str]:
    """The sentences of `text`, stripped, in order; their concatenation (without line breaks
    and surrounding spaces) is the text."""
    out: list[str] = []
    for line in text.splitlines():
        out += _split_line(line)
    return out


def _split_line(line: str) -> list[str]:
    sentences = _cut(line, pairs=True)
    if sentences and _open_pair(sentences[-1]):
        # The last piece opened a pair it never closed: split it without pairing.
        sentences = sentences[:-1] + _cut(sentences[-1], pairs=False)
    return [s.strip() for s in sentences if s.strip()]


def _cut(text: str, pairs: bool) -> list[str]:
    pieces: list[str] = []
    stack: list[str] = []
    start = i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if pairs and char in PAIRS and not (stack and PAIRS[char] == char):
            stack.append(PAIRS[char])
        elif pairs and stack and char == stack[-1]:
            stack.pop()
            if not stack and text[i - 1] in FINAL and not _attribution(text, i + 1):
                # “……。” ends its sentence with the closing mark.
                i += 1
                while i < n and text[i] in CLOSERS:
                    i += 1
                pieces.append(text[start:i])
                start = i
                continue
        elif char in FINAL and not stack and text[start:i].strip():
            i += 1
            while i < n and (text[i] in FINAL or text[i] in CLOSERS):
                i += 1
            pieces.append(text[start:i])
            start = i
            continue
        i += 1
    if start < n:
        pieces.append(text[start:])
    return pieces


def _attribution(text: str, i: int) -> bool:
    """Is what follows a closed quotation only its speaker ("……。”张升说。")?"""
    rest = text[i : i + ATTRIBUTION_MAX + 1]
    end = next((k for k, c in enumerate(rest) if c in FINAL), None)
    return end is not None and end > 0 and not any(c in PAIRS for c in rest[:end])


def _open_pair(text: str) -> bool:
    stack: list[str] = []
    for char in text:
        if char in PAIRS:
            stack.append(PAIRS[char])
        elif stack and char == stack[-1]:
            stack.pop()
    return bool(stack)


def is_complete(sentence: str) -> bool:
    """Does it end like a sentence? A caption, a pull quote or a byline does not."""
    return bool(_FINAL_AT_END.search(sentence.strip()))


def clauses(sentence: str) -> list[str]:
    """The sentence cut after each ；;，,：: outside quotation marks and brackets."""
    pieces: list[str] = []
    stack: list[str] = []
    start = 0
    for i, char in enumerate(sentence):
        if char in PAIRS:
            stack.append(PAIRS[char])
        elif stack and char == stack[-1]:
            stack.pop()
        elif char in _CLAUSE_END and not stack:
            pieces.append(sentence[start : i + 1])
            start = i + 1
    if start < len(sentence):
        pieces.append(sentence[start:])
    return pieces


def bigrams(text: str) -> set[str]:
    """Pairs of neighbouring Chinese characters, letters or digits, never across punctuation
    or a space: the words of a text, without a tokenizer."""
    out: set[str] = set()
    for run in _RUN.findall(text):
        out |= {a + b for a, b in itertools.pairwise(run)}
    return out
