"""Loaders: one `Document` per kb file (.md/.txt with front matter, .docx, .pdf, .html)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
# Titles that read like a government document are policies; the rest are articles.
_POLICY_WORDS = ("政策", "办法", "措施", "通知", "规定", "意见", "细则", "条例")

# libyaml's safe loader when PyYAML has it: the pure-Python one took 2 ms a front matter,
# 15 of the 16 s an unchanged kb of 7,500 documents spent reading them.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LoadError(Exception):
    """A kb file that cannot be read; the message says why."""


@dataclass(frozen=True)
class Document:
    """A kb document as Markdown-ish text plus its front matter."""

    id: str
    title: str
    type: str
    body: str
    file_name: str
    publisher: str | None = None
    date: str | None = None
    source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        meta = f"{self.id}\x1f{self.title}\x1f{self.type}\x1f{self.publisher}\x1f{self.date}"
        return hashlib.sha256(f"{meta}\x1e{self.body}".encode()).hexdigest()[:16]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _infer_type(title: str) -> str:
    return "policy" if any(word in title for word in _POLICY_WORDS) else "article"


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match.group(2).strip() if match else None


def _build(path: Path, body: str, meta: dict[str, Any], fallback_title: str | None) -> Document:
    title = _text(meta.get("title")) or fallback_title or _first_heading(body) or path.stem
    doc_type = _text(meta.get("type")) or _infer_type(title)
    if doc_type not in ("policy", "news", "article"):
        doc_type = "article"
    if not body.strip():
        raise LoadError("no text")
    return Document(
        id=_text(meta.get("id")) or path.stem,
        title=title,
        type=doc_type,
        body=body,
        file_name=path.name,
        publisher=_text(meta.get("publisher")),
        date=_text(meta.get("date")),
        source=_text(meta.get("source")),
    )


def _load_markdown(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(raw)
    if match:
        loaded = yaml.load(match.group(1), Loader=_YAML_LOADER)
        if not isinstance(loaded, dict):
            raise LoadError("front matter is not a mapping")
        meta = loaded
        raw = raw[match.end() :]
    return _build(path, raw, meta, None)


def _load_docx(path: Path) -> Document:
    import docx

    document = docx.Document(str(path))
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = re.search(r"Heading (\d)", style)
        if style == "Title":
            lines.append(f"# {text}")
        elif level:
            lines.append(f"{'#' * min(int(level.group(1)) + 1, 6)} {text}")
        else:
            lines.append(text)
    title = document.core_properties.title or None
    return _build(path, "\n\n".join(lines), {}, title)


def _load_pdf(path: Path) -> Document:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = [(page.extract_text() or "").strip() for page in reader.pages]
    # PDF text breaks lines mid-sentence; a blank line or a sentence end marks a paragraph.
    paragraphs: list[str] = []
    for page in pages:
        current = ""
        for line in page.splitlines():
            line = line.strip()
            if not line:
                if current:
                    paragraphs.append(current)
                current = ""
                continue
            current += line
            if line.endswith(("。", "！", "？", "；", ":", "：")):
                paragraphs.append(current)
                current = ""
        if current:
            paragraphs.append(current)
    title = None
    if reader.metadata is not None and reader.metadata.title:
        title = str(reader.metadata.title)
    return _build(
        path, "\n\n".join(paragraphs), {}, title or (paragraphs[0] if paragraphs else None)
    )


def _load_html(path: Path) -> Document:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    lines: list[str] = []
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td"]):
        text = " ".join(tag.get_text(" ", strip=True).split())
        if not text:
            continue
        name = str(tag.name)
        lines.append(f"{'#' * int(name[1])} {text}" if name.startswith("h") else text)
    if not lines and soup.body is not None:
        lines = [line.strip() for line in soup.body.get_text("\n").splitlines() if line.strip()]
    title = soup.title.get_text(strip=True) if soup.title is not None else None
    return _build(path, "\n\n".join(lines), {}, title or None)


def load_document(path: Path) -> Document:
    """Load one kb file; raises LoadError with a reason when it cannot be read."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".md", ".markdown", ".txt"):
            return _load_markdown(path)
        if suffix == ".docx":
            return _load_docx(path)
        if suffix == ".pdf":
            return _load_pdf(path)
        if suffix in (".html", ".htm"):
            return _load_html(path)
    except LoadError:
        raise
    except Exception as exc:  # any parser failure means "cannot be read", reported by name
        raise LoadError(f"{type(exc).__name__}: {exc}") from exc
    raise LoadError(f"unsupported file type {suffix or '(none)'}")


def kb_files(kb_dir: Path) -> list[Path]:
    """Files in kb_dir to ingest (hidden files and READMEs are not documents)."""
    return sorted(
        p
        for p in kb_dir.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and p.stem.upper() != "README"
    )
