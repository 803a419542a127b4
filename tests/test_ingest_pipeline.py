"""Idempotent ingest: unchanged kb embeds nothing; changes replace; failures keep serving."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ingest.writer.embedding
from ingest import IndexNotBuilt
from ingest import ingest as run_ingest
from ingest.reader.retrieval import HybridRetriever
from tests.conftest import KB_DIR
from tests.utils.legacy import legacy_bm25


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(KB_DIR, target)
    return target


def test_kb_index_fixture_holds_every_document(kb_index: Path) -> None:
    retriever = HybridRetriever.open(kb_index)
    docs = {d["id"]: d for d in retriever.documents()}
    assert set(docs) == {
        "policy-chongqing-tech-film",
        "news-policy-release",
        "article-filmmakers-ai",
    }
    assert docs["policy-chongqing-tech-film"]["chunks"] == 7
    assert docs["policy-chongqing-tech-film"]["type"] == "policy"
    [hardware] = retriever.chunks_for_measure("hardware")
    assert hardware.chunk.heading == "支持重大产业平台建设" and "1000万元" in hardware.chunk.text


def test_unchanged_reingest_embeds_nothing(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    first = run_ingest(kb_copy, data)
    assert first.added == first.chunks > 20 and first.kept == first.removed == 0

    def no_embedding(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged kb must not be embedded")

    monkeypatch.setattr(ingest.writer.embedding, "document_encoder", no_embedding)
    second = run_ingest(kb_copy, data)
    assert (second.added, second.kept, second.removed) == (0, first.chunks, 0)
    assert "0 added" in second.line() and "新增 0" in second.line()


def test_changed_and_removed_documents(kb_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = run_ingest(kb_copy, data)
    retriever = HybridRetriever.open(data)
    generation = retriever.generation
    article = kb_copy / "article-filmmakers-ai.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("兰世秋 周双双", "兰世秋"), encoding="utf-8"
    )
    (kb_copy / "news-policy-release.md").unlink()
    second = run_ingest(kb_copy, data)
    assert second.documents == 2
    assert second.added == 1  # only the last article chunk changed
    assert second.removed == 1 + 2  # that chunk's old version + the news document's chunks
    assert second.kept == first.chunks - 3
    # The serving retriever keeps answering from its generation until it reloads.
    assert retriever.retrieve("贾樟柯怎么看科技").hits
    assert retriever.reload_if_changed() is True
    assert retriever.generation == generation + 1
    assert {d["id"] for d in retriever.documents()} == {
        "policy-chongqing-tech-film",
        "article-filmmakers-ai",
    }
    assert all(h.chunk.doc_id != "news-policy-release" for h in retriever.retrieve("签约项目").hits)
    assert retriever.reload_if_changed() is False


def test_failed_ingest_leaves_previous_index_serving(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    run_ingest(kb_copy, data)
    retriever = HybridRetriever.open(data)
    before = retriever.retrieve("剧本立项奖励").hits[0].chunk.id

    class Broken:
        def __init__(self, name: str) -> None:
            self.name = name

        def encode(self, texts: list[str]) -> None:
            raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.writer.embedding, "document_encoder", lambda _, name: Broken(name))
    (kb_copy / "extra.md").write_text("# 新通知\n\n补充说明一条。\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        run_ingest(kb_copy, data)
    assert retriever.reload_if_changed() is False
    assert HybridRetriever.open(data).retrieve("剧本立项奖励").hits[0].chunk.id == before
    assert not list((data / "index").glob("*-g0002"))


def test_unreadable_file_is_reported_and_skipped(kb_copy: Path, tmp_path: Path) -> None:
    (kb_copy / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    summary = run_ingest(kb_copy, tmp_path / "data")
    assert summary.documents == 3
    assert [name for name, _ in summary.skipped] == ["scan.pdf"]
    assert "scan.pdf" in summary.line()


def test_open_without_index_raises(tmp_path: Path) -> None:
    with pytest.raises(IndexNotBuilt):
        HybridRetriever.open(tmp_path / "empty")


def test_two_ingests_at_once_take_turns(kb_copy: Path, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    data = tmp_path / "data"
    with ThreadPoolExecutor(max_workers=2) as pool:
        summaries = list(pool.map(lambda _: run_ingest(kb_copy, data), range(2)))
    first, second = sorted(summaries, key=lambda s: -s.added)
    assert first.added == first.chunks and second.added == 0  # the second found it done
    assert second.kept == first.chunks
    retriever = HybridRetriever.open(data)
    assert retriever.retrieve("摄影棚补贴", k=1).hits[0].chunk.measure == "studio"


def _copy_document(kb: Path, name: str, new_id: str) -> None:
    """The same body under another id and title (a second document that quotes the first)."""
    text = (kb / f"{name}.md").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    head = "\n".join(
        f"id: {new_id}"
        if line.startswith("id:")
        else f"{line} (copy)"
        if line.startswith("title:")
        else line
        for line in head.splitlines()
    )
    (kb / f"{new_id}.md").write_text(f"{head}\n---\n{body}", encoding="utf-8")


def test_a_text_already_indexed_is_not_embedded_again(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    first = run_ingest(kb_copy, data)
    assert first.embedded == first.chunks
    _copy_document(kb_copy, "news-policy-release", "news-copy")

    def no_embedding(*args: object, **kwargs: object) -> None:
        raise AssertionError("texts already indexed must not be embedded")

    monkeypatch.setattr(ingest.writer.embedding, "document_encoder", no_embedding)
    second = run_ingest(kb_copy, data)
    copies = second.chunks - first.chunks
    assert copies > 0 and second.added == copies and second.embedded == 0
    assert "embedded 0 distinct texts" in second.line()
    retriever = HybridRetriever.open(data)
    hits = retriever.retrieve("签约项目", k=10, doc="news-copy").hits
    assert hits and {h.chunk.doc_id for h in hits} == {"news-copy"}
    assert {h.chunk.title for h in hits} == {"重庆发布激励政策 支持科技影视产业高质量发展 (copy)"}


def test_identical_texts_are_embedded_once(kb_copy: Path, tmp_path: Path) -> None:
    _copy_document(kb_copy, "news-policy-release", "news-copy")
    summary = run_ingest(kb_copy, tmp_path / "data")
    assert summary.added == summary.chunks
    retriever = HybridRetriever.open(tmp_path / "data")
    news = {d["id"]: d["chunks"] for d in retriever.documents()}["news-copy"]
    assert summary.embedded == summary.chunks - news


def test_a_generation_of_the_previous_format_serves_and_is_rewritten(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index written before bm25.npz and vectors.npy (BM25 as JSON term counts)."""
    import json

    from ingest.bm25 import tokenize
    from ingest.index import Manifest, file_sha256, pointer_path, write_json_atomic

    data = tmp_path / "data"
    first = run_ingest(kb_copy, data)
    [folder] = (data / "index").glob("policybot-g*")
    manifest = Manifest.load(folder)
    token_lists = [tokenize(str(c["text"])) for c in manifest.chunks]
    legacy = legacy_bm25([c["id"] for c in manifest.chunks], token_lists)
    (folder / "bm25.json").write_text(json.dumps(legacy, ensure_ascii=False), encoding="utf-8")
    (folder / "bm25.npz").unlink()
    (folder / "vectors.npy").unlink()
    manifest.checksums = {"bm25.json": file_sha256(folder / "bm25.json")}
    manifest.save(folder)
    pointer = json.loads(pointer_path(data, "policybot").read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = file_sha256(folder / "manifest.json")
    write_json_atomic(pointer_path(data, "policybot"), pointer)

    old = HybridRetriever.open(data)
    assert old.retrieve("剧本立项奖励").hits[0].chunk.measure == "script"

    def no_embedding(*args: object, **kwargs: object) -> None:
        raise AssertionError("the vectors of a verified collection are reused")

    monkeypatch.setattr(ingest.writer.embedding, "document_encoder", no_embedding)
    upgraded = run_ingest(kb_copy, data)
    assert upgraded.repaired == ["policybot-g0001 was written by an older version"]
    assert upgraded.kept == first.chunks and upgraded.embedded == 0
    assert {p.name for p in (data / "index" / "policybot-g0002").iterdir()} >= {
        "bm25.npz",
        "vectors.npy",
    }
    new = HybridRetriever.open(data)
    assert new.retrieve("剧本立项奖励").hits == old.retrieve("剧本立项奖励").hits
