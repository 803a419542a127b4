"""Homophone typos of the policy's words, read as the words (bot/spelling.py)."""

from __future__ import annotations

import pytest

from bot.lexicon import Lexicon
from bot.spelling import Respeller
from ingest.bm25 import is_word
from policy import builtin_policies


@pytest.fixture(scope="module")
def respeller() -> Respeller:
    return Respeller(Lexicon(builtin_policies()).triggers, is_word)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("在重庆租摄影朋花了900万", "在重庆租摄影棚花了900万"),
        ("特笑委托重庆公司做的320万", "特效委托重庆公司做的320万"),
        ("剪集和配印找重庆公司做的", "剪辑和配音找重庆公司做的"),
        ("我们做后其制作", "我们做后期制作"),
        ("虚拟拍射找重庆公司", "虚拟拍摄找重庆公司"),
        # a word of its own is no typo, however it sounds: 时效 is not 视效
        ("补助的时效是多久", "补助的时效是多久"),
        # a stretch that cuts a word is no typo: 剧组用 holds no 租用
        ("我们剧组用了重庆的摄影棚", "我们剧组用了重庆的摄影棚"),
        # rare readings do not count: 足 (zú, rarely jù) is not 剧, 个 (gè) is not 盖
        ("给一个大剧组做置景", "给一个大剧组做置景"),
        ("又在那个棚花了180万", "又在那个棚花了180万"),
        ("English stays: studio 800万", "English stays: studio 800万"),
    ],
)
def test_typos_of_policy_words(respeller: Respeller, typed: str, read: str) -> None:
    assert respeller.fix(typed) == read


def test_without_words_nothing_changes() -> None:
    assert Respeller([]).fix("特笑") == "特笑"


def test_typos_of_the_kb_s_other_words_when_one_alone_sounds_alike() -> None:
    respeller = Respeller(
        Lexicon(builtin_policies()).triggers,
        is_word,
        more=["奖励", "主题", "主体", "倍视", "得主", "摄影"],
    )
    assert respeller.fix("后期制作奖历有啥要求") == "后期制作奖励有啥要求"
    assert respeller.fix("电影节的主提是啥") == "电影节的主提是啥"  # 主题 or 主体: neither
    assert respeller.fix("倍视传媒") == "倍视传媒"  # a word of the kb is spelled right
    # the policy's own words first: "摄影" (a kb word) does not hide the typo of 摄影棚
    assert respeller.fix("在重庆租摄影朋") == "在重庆租摄影棚"


def test_typos_of_the_words_for_a_measure_s_terms() -> None:
    from bot import lexicon as lx

    respeller = Respeller([*Lexicon(builtin_policies()).triggers, *lx.TERM_WORDS], is_word)
    assert respeller.fix("租棚补贴封定多少") == "租棚补贴封顶多少"
    assert respeller.fix("后期奖励对社保有什么要球") == "后期奖励对社保有什么要求"
