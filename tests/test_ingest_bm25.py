"""BM25: domain dictionary, stop words, expansion, ranking, persistence, and the sparse
matrix scoring exactly as the per-chunk formula does on the current kb."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bot.evaluation.retrieval import GOLDEN, load_golden
from ingest.bm25 import BM25Index, expand, in_kb_words, synonyms, tokenize
from ingest.writer.chunking import chunk_document
from ingest.writer.documents import kb_files, load_document
from tests.conftest import KB_DIR, ROOT
from tests.utils.legacy import legacy_bm25


def test_domain_terms_are_single_tokens() -> None:
    tokens = tokenize("协拍服务机构提供服化道、机灯美、置景，第一出品单位申请")
    for term in ("协拍服务机构", "服化道", "机灯美", "置景", "第一出品单位"):
        assert term in tokens


def test_stop_words_and_punctuation_are_dropped() -> None:
    tokens = tokenize("请问，我们的剧本怎么申请奖励呢？")
    assert "请问" not in tokens and "呢" not in tokens and "，" not in tokens
    assert "剧本" in tokens and "奖励" in tokens


def test_traditional_and_full_width_input_is_normalised() -> None:
    assert "摄影棚" in tokenize("攝影棚補貼")
    assert "500" in tokenize("５００万元")


def test_expansion_adds_policy_terms() -> None:
    assert "剧本" in expand("本子立项", tokenize("本子立项"))
    assert "电脑特效" in expand("做特效", tokenize("做特效"))
    assert synonyms()["后期"] == ("后期制作", "剪辑配音", "图像处理")


def test_coverage_reads_a_word_the_kb_lacks_as_its_synonym() -> None:
    texts = ["项目覆盖数字制作、智慧影像等领域", "剧本立项奖励"]
    index = BM25Index.build(["a", "b"], [tokenize(t) for t in texts])
    tokens = tokenize("签约项目都涉及哪些方向")
    assert "涉及" in tokens and "覆盖" in in_kb_words(tokens, index.vocabulary)
    assert index.coverage(in_kb_words(tokens, index.vocabulary)) > index.coverage(tokens)
    # a word the kb uses stays itself
    assert in_kb_words(["项目"], index.vocabulary) == ["项目"]


def test_ranking_and_round_trip(tmp_path: Path) -> None:
    texts = ["摄影棚租赁补助", "剧本立项奖励", "电脑特效技术服务"]
    index = BM25Index.build(["a", "b", "c"], [tokenize(t) for t in texts])
    scores = index.scores(tokenize("剧本奖励"))
    assert int(np.argmax(scores)) == 1
    assert index.scores(["不存在的词"]).tolist() == [0.0, 0.0, 0.0]
    path = tmp_path / "bm25.npz"
    index.save(path)
    loaded = BM25Index.load(path)
    assert loaded.ids == index.ids and loaded.terms == index.terms
    assert loaded.scores(tokenize("剧本奖励")).tolist() == scores.tolist()


def test_jieba_cache_goes_to_the_data_dir(tmp_path: Path) -> None:
    tokenize("摄影棚", tmp_path)
    assert (tmp_path / "cache" / "jieba.cache").is_file()


def _reference_scores(token_lists: list[list[str]], query: list[str]) -> list[float]:
    """Okapi BM25 as the index computed it before the sparse matrix: a loop over chunks."""
    k1, b, n = 1.5, 0.75, len(token_lists)
    df: Counter[str] = Counter()
    for tokens in token_lists:
        df.update(set(tokens))
    idf = {t: math.log(1.0 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    avg = sum(len(t) for t in token_lists) / n
    terms = [t for t in dict.fromkeys(query) if t in idf]
    out = []
    for tokens in token_lists:
        tf, norm = Counter(tokens), k1 * (1 - b + b * len(tokens) / avg)
        out.append(sum(idf[t] * tf[t] * (k1 + 1) / (tf[t] + norm) for t in terms if tf[t]))
    return out


def _reference_coverage(token_lists: list[list[str]], query: list[str]) -> float:
    n = len(token_lists)
    df: Counter[str] = Counter()
    for tokens in token_lists:
        df.update(set(tokens))
    idf = {t: math.log(1.0 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    weights = {t: idf.get(t, max(idf.values())) for t in dict.fromkeys(query)}
    best = max(sum(w for t, w in weights.items() if t in set(tokens)) for tokens in token_lists)
    return best / sum(weights.values())


@pytest.fixture(scope="module")
def kb_tokens() -> tuple[list[str], list[list[str]]]:
    chunks = [c for path in kb_files(KB_DIR) for c in chunk_document(load_document(path))]
    return [c.id for c in chunks], [tokenize(c.text) for c in chunks]


def test_sparse_scores_equal_the_per_chunk_formula_on_the_kb(
    kb_tokens: tuple[list[str], list[list[str]]],
) -> None:
    ids, token_lists = kb_tokens
    index = BM25Index.build(ids, token_lists)
    answerable, unanswerable = load_golden(ROOT / GOLDEN)
    questions = [q.text for q in answerable] + unanswerable
    assert len(questions) >= 70
    for question in questions:
        tokens = tokenize(question)
        query = expand(question, tokens)
        expected = _reference_scores(token_lists, query)
        assert np.allclose(index.scores(query), expected, rtol=0, atol=1e-6), question
        assert abs(index.coverage(tokens) - _reference_coverage(token_lists, tokens)) < 1e-6


def test_coverage_within_a_mask(kb_tokens: tuple[list[str], list[list[str]]]) -> None:
    ids, token_lists = kb_tokens
    index = BM25Index.build(ids, token_lists)
    tokens = tokenize("剧本立项奖励")
    full = index.coverage(tokens)
    assert full > 0
    nothing = np.zeros(len(ids), dtype=bool)
    assert index.coverage(tokens, nothing) == 0.0
    assert index.coverage(tokens, ~nothing) == full


def test_an_index_of_the_json_format_still_loads(
    tmp_path: Path, kb_tokens: tuple[list[str], list[list[str]]]
) -> None:
    ids, token_lists = kb_tokens
    path = tmp_path / "bm25.json"
    legacy = legacy_bm25(ids, token_lists)
    path.write_text(json.dumps(legacy, ensure_ascii=False), encoding="utf-8")
    query = tokenize("在重庆租摄影棚拍戏能补多少")
    loaded = BM25Index.load_legacy(path).scores(query)
    assert loaded.tolist() == BM25Index.build(ids, token_lists).scores(query).tolist()


def test_english_glossary_terms_match_whole_words_only() -> None:
    from ingest.bm25 import synonyms_of

    assert "主题" in synonyms_of("What is the Theme of the festival?")
    assert synonyms_of("our database was updated") == []


def test_a_message_mostly_in_english_is_glossed_into_the_kb_s_words() -> None:
    from ingest.bm25 import glossed

    assert glossed("We used studios in Chongqing") == "We used 摄影棚 in 重庆"
    assert (
        glossed("布兰博 said AI 会先进入动画电影") == "布兰博 said AI 会先进入动画电影"
    )  # mostly Chinese
