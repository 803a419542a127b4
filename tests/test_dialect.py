"""Dialect forms callers type, put in Mandarin before reading (table in ingest/dialect.txt)."""

from __future__ import annotations

import pytest

from bot.dialect import mandarin


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("要得 能补好多嘛", "好的 能补多少嘛"),
        ("26个亿里头AI赋能中心占好多", "26个亿里头AI赋能中心占多少"),
        ("重庆市电影局局长是哪个", "重庆市电影局局长是谁"),
        ("基地咋个走 轻轨到得了不", "基地怎么走 轻轨能到吗"),
        ("基地莫得国家专项资金 市里还能给配套不", "基地没有国家专项资金 市里还能给配套吗"),
        ("布兰博得过啥奖啊", "布兰博得过什么奖啊"),
        ("我不晓得备没备案", "我不知道备没备案"),
        ("这个zc是哪几个部门出的", "这个政策是哪几个部门出的"),  # pinyin initials
        ("签约的都是哪些gs", "签约的都是哪些公司"),
    ],
)
def test_dialect_is_read_in_mandarin(said: str, meant: str) -> None:
    assert mandarin(said) == meant


@pytest.mark.parametrize(
    "text",
    ["好多人来了", "政策是哪个部门发的", "还差好多", "为啥", "不知道行不行", "能不能补", "GS公司"],
)
def test_mandarin_and_other_meanings_are_left_alone(text: str) -> None:
    assert mandarin(text) == text
