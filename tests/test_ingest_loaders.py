"""Loaders: Markdown front matter, .docx, .pdf, .html; unreadable files are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.writer.documents import LoadError, load_document
from tests.conftest import KB_DIR


def _pdf(text: str) -> bytes:
    """A one-page PDF with one line of Helvetica text, offsets computed."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_markdown_front_matter() -> None:
    doc = load_document(KB_DIR / "policy-chongqing-tech-film.md")
    assert doc.id == "policy-chongqing-tech-film"
    assert doc.type == "policy"
    assert doc.title == "重庆市支持科技影视产业高质量发展的若干激励政策"
    assert doc.date == "2025-07-05"
    assert not doc.body.startswith("---")
    news = load_document(KB_DIR / "news-policy-release.md")
    assert news.type == "news" and news.publisher is None


def test_markdown_without_front_matter_uses_stem_and_heading(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    path.write_text("# 关于申报补助的通知\n\n请于月底前提交材料。\n", encoding="utf-8")
    doc = load_document(path)
    assert (doc.id, doc.title, doc.type) == ("notice", "关于申报补助的通知", "policy")


def test_docx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("永川影视基地申报指南", level=1)
    document.add_paragraph("申报单位应当在本市注册。材料包括营业执照和项目合同。")
    path = tmp_path / "guide.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.id == "guide"
    assert "## 永川影视基地申报指南" in doc.body
    assert "营业执照" in doc.body


def test_pdf(tmp_path: Path) -> None:
    path = tmp_path / "release.pdf"
    path.write_bytes(_pdf("Film subsidy applications open in July."))
    doc = load_document(path)
    assert "Film subsidy applications open in July." in doc.body
    assert doc.id == "release"


def test_html_strips_script_and_style(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>影视政策问答</title><style>p{color:red}</style></head><body>"
        "<script>var secret = 1;</script><h2>申报时间</h2><p>每年三月集中受理。</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.title == "影视政策问答"
    assert "## 申报时间" in doc.body and "每年三月集中受理。" in doc.body
    assert "secret" not in doc.body and "color" not in doc.body


@pytest.mark.parametrize(
    ("name", "content"),
    [("broken.docx", b"not a zip"), ("broken.pdf", b"%PDF-1.4 garbage"), ("x.xlsx", b"")],
)
def test_unreadable_files_raise_load_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError):
        load_document(path)
