"""Chinese sentence boundaries: paired marks stay with their sentence (a table of cases)."""

from __future__ import annotations

import pytest

from bot.sentences import bigrams, clauses, is_complete, split

CASES = [
    ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
    # a closing mark ends the quoted sentence and never starts the next one
    (
        "张升看来,“技术是很大的支撑。”但他认为AI并不能取代创作力。",
        ["张升看来,“技术是很大的支撑。”", "但他认为AI并不能取代创作力。"],
    ),
    ("他说道:“因为科技,才有电影。”", ["他说道:“因为科技,才有电影。”"]),
    # a quotation of several sentences stays whole, with its speaker
    (
        "“照相机没有取代画家。AI很难取代。”张升说。邵丹表示,这是问题。",
        ["“照相机没有取代画家。AI很难取代。”张升说。", "邵丹表示,这是问题。"],
    ),
    ("布兰博说:“我很兴奋。一起出发吧。”", ["布兰博说:“我很兴奋。一起出发吧。”"]),
    (
        "会上发布了《政策。》,注入动力。该政策由三部门出台。",
        ["会上发布了《政策。》,注入动力。", "该政策由三部门出台。"],
    ),
    ("「甲。乙。」丙说完了。", ["「甲。乙。」丙说完了。"]),
    ("在渝企业(协拍服务机构。)提供服务。", ["在渝企业(协拍服务机构。)提供服务。"]),
    ("‘一’和‘二’。", ["‘一’和‘二’。"]),
    # an ellipsis ends a sentence, but not at its start
    ("着力鼓励来渝拍摄制作……下一句。", ["着力鼓励来渝拍摄制作……", "下一句。"]),
    ("…可按10%给予…", ["…可按10%给予…"]),
    # line breaks end sentences: a caption is a sentence of its own
    (
        "现场。\n“电影金数字荣誉”推荐盛典活动现场\n新段落。",
        ["现场。", "“电影金数字荣誉”推荐盛典活动现场", "新段落。"],
    ),
    # a pair left open (a passage cut mid-quotation) does not swallow the rest
    ("他说:“未完的引用。还有一句。", ["他说:“未完的引用。", "还有一句。"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "sentences"), CASES)
def test_split(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences
    assert "".join(sentences) == text.replace("\n", "")


def test_no_sentence_starts_with_a_closing_mark() -> None:
    text = "“30年前,开始了数字化。”导演贾樟柯也说道:“因为科技,才有电影。”贾樟柯称,电影在革新。"
    assert not any(s[0] in "”’」』）)》" for s in split(text))


@pytest.mark.parametrize(
    ("sentence", "complete"),
    [
        ("本届电影节的主题是“科技光影·上合风采”。", True),
        ("“因为科技,才有电影。”", True),
        ("“电影金数字荣誉”推荐盛典活动现场", False),
        ("新重庆-重庆日报记者 兰世秋 周双双", False),
        ("着力鼓励全国影视企业来渝拍摄制作……", True),
    ],
)
def test_is_complete(sentence: str, complete: bool) -> None:
    assert is_complete(sentence) is complete


def test_clauses_keep_quotations_whole() -> None:
    assert clauses("甲,乙“丙,丁”;戊。") == ["甲,", "乙“丙,丁”;", "戊。"]


def test_bigrams_do_not_cross_punctuation() -> None:
    assert bigrams("名单的,补贴") == {"名单", "单的", "补贴"}
