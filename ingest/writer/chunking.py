"""Chinese-aware chunking: one chunk per policy measure, sentence windows for articles."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ingest.index import Chunk
from ingest.writer.documents import Document

MIN_CHARS = 150
MAX_CHARS = 300
_MEASURE = re.compile(r"<!--\s*measure:\s*([\w-]+)\s*-->")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
# A sentence ends at 。！？； (or their ASCII forms); closing quotes stay with it.
_SENTENCE = re.compile(r"[^。！？；?!;]*(?:[。！？；?!;…]+[”’\"」』）)]*|$)")
_CLAUSE = re.compile(r"[^，,、：:]*[，,、：:]?")


@dataclass
class _Block:
    heading: str | None
    measure: str | None
    lines: list[str]


def _clean(line: str) -> str:
    return line.replace("**", "").replace("__", "").strip()


def _blocks(body: str) -> list[_Block]:
    """Split a body into blocks: a new block at each heading and each measure marker."""
    body = _MEASURE.sub(lambda m: f"\n\x00measure:{m.group(1)}\n", body)
    body = _COMMENT.sub("", body)
    blocks: list[_Block] = []
    heading: str | None = None
    current = _Block(None, None, [])
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("\x00measure:"):
            blocks.append(current)
            current = _Block(heading, line.removeprefix("\x00measure:"), [])
            continue
        match = _HEADING.match(line)
        if match:
            blocks.append(current)
            level, text = len(match.group(1)), _clean(match.group(2))
            # The H1 is the document title; section headings are what chunks carry.
            heading = text if level > 1 or heading is None else heading
            current = _Block(heading, None, [])
            continue
        if line and line != "---":
            current.lines.append(_clean(line))
    blocks.append(current)
    # Consecutive blocks of the same measure (paragraph + its infographic) are one chunk.
    merged: list[_Block] = []
    for block in blocks:
        if not block.lines:
            continue
        last = merged[-1] if merged else None
        same_measure = bool(block.measure) and last is not None and last.measure == block.measure
        same_section = (
            not block.measure
            and last is not None
            and not last.measure
            and last.heading == block.heading
        )
        if last is not None and (same_measure or same_section):
            last.lines.extend(block.lines)
        else:
            merged.append(_Block(block.heading, block.measure, list(block.lines)))
    return merged


def split_sentences(text: str) -> list[str]:
    """Sentences ending at 。！？；; over-long ones are cut further at commas."""
    out: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE.findall(text)):
        if not sentence:
            continue
        if len(sentence) <= MAX_CHARS:
            out.append(sentence)
            continue
        piece = ""
        for clause in _CLAUSE.findall(sentence):
            if piece and len(piece) + len(clause) > MAX_CHARS:
                out.append(piece)
                piece = ""
            piece += clause
        if piece:
            out.append(piece)
    return out


def _size(sentence: str) -> int:
    return len(sentence.rstrip("\n"))


def _windows(sentences: list[str]) -> list[list[str]]:
    """Group sentences into ~150-300 char windows; each window repeats the last sentence."""
    windows: list[list[str]] = []
    start = 0
    while start < len(sentences):
        end, size = start, 0
        while end < len(sentences):
            if size >= MIN_CHARS or (size and size + _size(sentences[end]) > MAX_CHARS):
                break
            size += _size(sentences[end])
            end += 1
        windows.append(sentences[start:end])
        if end >= len(sentences):
            break
        start = end - 1 if end - 1 > start else end
    return windows


def _chunk_id(doc_id: str, text: str) -> str:
    return hashlib.sha256(f"{doc_id}\x1f{text}".encode()).hexdigest()[:24]


def chunk_document(doc: Document) -> list[Chunk]:
    """Chunks of a document in reading order; ids are content hashes."""
    texts: list[tuple[str | None, str | None, str]] = []
    for block in _blocks(doc.body):
        prefix = f"{block.heading}\n" if block.heading else ""
        if block.measure:
            texts.append((block.measure, block.heading, prefix + "\n".join(block.lines)))
            continue
        # A sentence that ends its line keeps the line break: a caption or a byline (no
        # full stop) then stays apart from the sentence after it.
        sentences = [
            s + ("\n" if i == len(parts) - 1 else "")
            for line in block.lines
            for parts in [split_sentences(line)]
            for i, s in enumerate(parts)
        ]
        for window in _windows(sentences):
            texts.append((None, block.heading, prefix + "".join(window).rstrip("\n")))
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for position, (measure, heading, text) in enumerate(texts):
        chunk_id = _chunk_id(doc.id, text)
        if chunk_id in seen:  # identical text twice in one document: keep ids unique
            chunk_id = _chunk_id(doc.id, f"{text}\x1f{position}")
        seen.add(chunk_id)
        chunks.append(
            Chunk(chunk_id, doc.id, doc.title, doc.type, measure, heading, text, position)
        )
    return chunks
