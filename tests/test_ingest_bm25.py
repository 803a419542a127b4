"""BM25: domain dictionary, stop words, expansion, ranking, persistence."""

from __future__ import annotations

from pathlib import Path

from ingest.bm25 import BM25Index, expand, synonyms, tokenize


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


def test_ranking_and_round_trip(tmp_path: Path) -> None:
    texts = ["摄影棚租赁补助", "剧本立项奖励", "电脑特效技术服务"]
    index = BM25Index.build(["a", "b", "c"], [tokenize(t) for t in texts])
    scores = index.scores(tokenize("剧本奖励"))
    assert max(range(3), key=scores.__getitem__) == 1
    assert index.scores(["不存在的词"]) == [0.0, 0.0, 0.0]
    path = tmp_path / "bm25.json"
    index.save(path)
    assert BM25Index.load(path).scores(tokenize("剧本奖励")) == scores


def test_jieba_cache_goes_to_the_data_dir(tmp_path: Path) -> None:
    tokenize("摄影棚", tmp_path)
    assert (tmp_path / "cache" / "jieba.cache").is_file()
