"""Chunking: one chunk per measure with its heading; sentence windows with overlap."""

from __future__ import annotations

import itertools

from ingest.writer.chunking import MAX_CHARS, chunk_document, split_sentences
from ingest.writer.documents import Document, load_document
from tests.conftest import KB_DIR, MEASURE_IDS

MEASURES = set(MEASURE_IDS)


def test_each_measure_is_one_chunk_with_its_heading() -> None:
    chunks = chunk_document(load_document(KB_DIR / "policy-chongqing-tech-film.md"))
    by_measure = {c.measure: c for c in chunks if c.measure}
    assert set(by_measure) == MEASURES
    assert len([c for c in chunks if c.measure]) == len(MEASURES)
    assert by_measure["studio"].text.startswith("支持完善产业链\n")
    assert by_measure["script"].heading == "支持剧本创作、转化"
    # The infographic lines belong to the measure paragraph they illustrate.
    hardware = by_measure["hardware"].text
    assert "可提高至1000万元" in hardware and "硬件建设补贴" in hardware
    assert "最高配套1000万元" in by_measure["base-park"].text
    assert all("<!--" not in c.text and "**" not in c.text for c in chunks)


def test_chunk_ids_are_content_hashes_and_stable() -> None:
    doc = load_document(KB_DIR / "article-filmmakers-ai.md")
    first, second = chunk_document(doc), chunk_document(doc)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)
    assert [c.position for c in first] == list(range(len(first)))


def test_article_windows_overlap_by_one_sentence() -> None:
    chunks = chunk_document(load_document(KB_DIR / "article-filmmakers-ai.md"))
    assert len(chunks) > 5
    for chunk in chunks:
        body = chunk.text.split("\n", 1)[-1]
        assert len(body) <= MAX_CHARS + 200
    for left, right in itertools.pairwise(chunks):
        if left.heading != right.heading:
            continue
        last = split_sentences(left.text.split("\n", 1)[-1])[-1]
        assert right.text.split("\n", 1)[-1].startswith(last)


def test_headings_stay_with_their_text() -> None:
    chunks = chunk_document(load_document(KB_DIR / "article-filmmakers-ai.md"))
    section = [c for c in chunks if c.heading == "AI与创作力是共融关系"]
    assert section and all(c.text.startswith("AI与创作力是共融关系\n") for c in section)


def test_split_sentences_keeps_closing_quotes() -> None:
    text = "他说:“因为科技,才有电影。”后来呢？好；再见!"
    assert split_sentences(text) == ["他说:“因为科技,才有电影。”", "后来呢？", "好；", "再见!"]


def test_long_sentence_is_cut_at_commas() -> None:
    sentence = ("一段很长的话," * 80) + "完。"
    parts = split_sentences(sentence)
    assert len(parts) > 1 and all(len(p) <= MAX_CHARS for p in parts)
    assert "".join(parts) == sentence


def test_plain_document_without_markers() -> None:
    doc = Document(
        id="d", title="t", type="article", body="## 标题\n\n第一句。第二句！", file_name="d.md"
    )
    [chunk] = chunk_document(doc)
    assert chunk.text == "标题\n第一句。第二句！" and chunk.measure is None


def test_lines_stay_apart_so_a_caption_is_not_glued_to_the_next_sentence() -> None:
    body = "## 标题\n\n第一句。\n\n“盛典”活动现场\n\n第二句！第三句。"
    doc = Document(id="d", title="t", type="article", body=body, file_name="d.md")
    [chunk] = chunk_document(doc)
    assert chunk.text == "标题\n第一句。\n“盛典”活动现场\n第二句！第三句。"
