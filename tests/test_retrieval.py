"""Hybrid retrieval on the real index: golden-set targets, normalisation, catalogue."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.evaluation.retrieval import GOLDEN, TARGETS, load_golden, relevant_ids, render, run
from ingest.index import Chunk
from ingest.reader.retrieval import HybridRetriever, RetrievalResult
from tests.conftest import ROOT
from tests.utils.data import copy_data_dir


@pytest.fixture(scope="module")
def retriever(kb_index: Path) -> HybridRetriever:
    r = HybridRetriever.open(kb_index)
    r.warm()
    return r


def test_golden_set_shape_and_references(retriever: HybridRetriever) -> None:
    answerable, unanswerable = load_golden(ROOT / GOLDEN)
    assert len(answerable) >= 60 and len(unanswerable) >= 12
    chunks: list[Chunk] = list(retriever._state.chunks.values())
    for question in answerable:
        assert relevant_ids(chunks, question.refs), f"no chunk matches {question.text}"
    # Every measure and every article/news chunk is the answer to some question.
    covered = set().union(*(relevant_ids(chunks, q.refs) for q in answerable))
    assert {c.measure for c in chunks if c.id in covered} >= {
        c.measure for c in chunks if c.measure
    }
    uncovered = [c.text[:30] for c in chunks if c.id not in covered]
    assert not uncovered, uncovered


def test_hybrid_meets_targets(kb_index: Path) -> None:
    rows = {row["mode"]: row for row in run(kb_index, ROOT / GOLDEN)}
    assert set(rows) == {"dense", "bm25", "hybrid"}
    hybrid = rows["hybrid"]
    for key, target in TARGETS.items():
        assert hybrid[key] >= target, (key, hybrid)
    assert hybrid["found_acc"] >= 0.9
    assert render(list(rows.values())).row_count == 3


def test_result_shape(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("做电脑特效外包给重庆公司有补助吗", k=3)
    assert isinstance(result, RetrievalResult) and result.found
    assert len(result.hits) == 3
    top = result.hits[0]
    assert top.chunk.measure == "digital-services" and top.chunk.doc_type == "policy"
    assert top.chunk.heading == "支持完善产业链" and top.chunk.text.startswith("支持完善产业链")
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid"])
def test_every_mode_returns_hits(retriever: HybridRetriever, mode: str) -> None:
    result = retriever.retrieve("剧本立项奖励", k=2, mode=mode)  # type: ignore[arg-type]
    assert result.hits and result.hits[0].chunk.measure == "script"


def test_traditional_and_full_width_queries(retriever: HybridRetriever) -> None:
    simplified = retriever.retrieve("协拍服务机构每年最多补助多少")
    traditional = retriever.retrieve("協拍服務機構每年最多補助多少？")
    full_width = retriever.retrieve("协拍服务机构每年最多补助５００万吗？")
    assert simplified.hits[0].chunk.measure == traditional.hits[0].chunk.measure == "crew-services"
    assert full_width.hits[0].chunk.measure == "crew-services"


def test_unrelated_question_is_not_found(retriever: HybridRetriever) -> None:
    assert not retriever.retrieve("明天重庆会下雨吗？要不要带伞").found
    assert retriever.retrieve("后期公司缴纳社保人数有什么要求").found


def test_vocabulary_split_reads_the_kb_text_not_only_its_tokens(
    retriever: HybridRetriever,
) -> None:
    # "剧组" is tokenized 影视剧 / 组 inside "为影视剧组提供": a word of the kb all the same
    unknown, known = retriever.vocabulary_split("剧组的戏服算不算道具")
    assert "剧组" in known and "道具" in known
    assert "戏服" in unknown
    unknown, _ = retriever.vocabulary_split("意外险怎么买")
    assert "意外险" in unknown
    # "打造成" tokenized 打 / 造成: one character off the kb's 打造
    _, known = retriever.vocabulary_split("重庆想把自己打造成什么")
    assert "造成" in known


def test_catalogue(retriever: HybridRetriever) -> None:
    docs = retriever.documents()
    assert {d["type"] for d in docs} == {"policy", "news", "article"}
    assert all(set(d) == {"id", "title", "type", "chunks", "date", "publisher"} for d in docs)
    assert [h.chunk.measure for h in retriever.chunks_for_measure("base-park")] == ["base-park"]
    assert retriever.chunks_for_measure("no-such-measure") == []


def test_in_memory_scores_equal_chromas_own(kb_index: Path) -> None:
    in_memory = HybridRetriever.open(kb_index)
    assert in_memory._state.vectors is not None

    from_chroma = _ChromaOnly.open(kb_index)
    assert from_chroma._state.vectors is None
    for question in ("在重庆租摄影棚拍戏能补多少", "本届电影节的主题是什么", "北京的天气"):
        a = in_memory.signals(question).dense
        b = from_chroma.signals(question).dense
        assert a.keys() == b.keys()
        assert all(abs(a[cid] - b[cid]) < 1e-4 for cid in a)
        assert in_memory.retrieve(question).hits == from_chroma.retrieve(question).hits


class _ChromaOnly(HybridRetriever):
    """Dense search through Chroma's HNSW index at any size."""

    in_memory_max = 0


@pytest.mark.parametrize("path", ["memory", "chroma"])
def test_restricted_to_one_document_or_type(kb_index: Path, path: str) -> None:
    retriever = (HybridRetriever if path == "memory" else _ChromaOnly).open(kb_index)
    question = "剧本立项奖励有多少"
    news = retriever.retrieve(question, k=5, doc="news-policy-release")
    assert news.hits and {h.chunk.doc_id for h in news.hits} == {"news-policy-release"}
    articles = retriever.retrieve(question, k=5, kind="article")
    assert articles.hits and {h.chunk.doc_type for h in articles.hits} == {"article"}
    both = retriever.retrieve(question, k=5, doc="policy-chongqing-tech-film", kind="policy")
    assert both.hits[0].chunk.measure == "script"
    policy = "policy-chongqing-tech-film"
    assert retriever.retrieve(question, k=5, doc=policy, kind="news").hits == []
    nowhere = retriever.retrieve(question, doc="no-such-document")
    assert nowhere.hits == [] and not nowhere.found
    assert retriever.retrieve(question, k=5).hits[0].chunk.measure == "script"


def test_signals_hold_the_candidates_only(kb_index: Path) -> None:
    from ingest.reader import retrieval

    retriever = HybridRetriever.open(kb_index)
    wide = retriever.signals("在重庆租摄影棚拍戏能补多少")
    assert len(wide.dense) == len(retriever._state.chunks) <= retrieval.CANDIDATES
    narrow = retriever.signals("在重庆租摄影棚拍戏能补多少", depth=0)
    assert narrow == wide
    top = retrieval._top(np.array([0.2, 0.9, 0.5, 0.9, 0.1]), 3)
    assert top.tolist() == [1, 3, 2]  # best first, ties in index order


def test_a_generation_without_its_vector_file_reads_chroma(kb_index: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    copy_data_dir(kb_index, copy)
    for matrix in (copy / "index").glob("policybot-g*/vectors.npy"):
        matrix.unlink()
    reread = HybridRetriever.open(copy)
    original = HybridRetriever.open(kb_index)
    assert reread._state.vectors is not None and original._state.vectors is not None
    # Chroma hands back its own normalised copy (within 2e-8 of ours)
    assert np.allclose(reread._state.vectors[1], original._state.vectors[1], rtol=0, atol=1e-6)
    reread.close()
