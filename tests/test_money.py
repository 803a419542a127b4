"""Chinese money parsing and formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy import InvalidAmount, find_amounts, find_percents, format_wan, format_yuan, parse_amount
from policy.money import units_spelled


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("800万", 8_000_000),
        ("800万元", 8_000_000),
        ("八百万元", 8_000_000),
        ("八百万", 8_000_000),
        ("1.2亿", 120_000_000),
        ("1.2亿元", 120_000_000),
        ("3,000,000元", 3_000_000),
        ("3000000", 3_000_000),
        ("两千五百万", 25_000_000),
        ("一千万元", 10_000_000),
        ("五十万", 500_000),
        ("一亿两千万", 120_000_000),
        ("1亿2000万", 120_000_000),
        ("1.5个亿", 150_000_000),
        ("两个亿", 200_000_000),
        ("3个亿", 300_000_000),
        ("一亿二", 120_000_000),
        ("¥6,500,000", 6_500_000),
        ("８００万", 8_000_000),  # full-width digits
        ("８００萬元", 8_000_000),  # full-width + Traditional unit
        ("1.2億", 120_000_000),
        ("兩千五百萬", 25_000_000),
        ("人民币500万元", 5_000_000),
        (" 500 万 ", 5_000_000),
        ("1千万", 10_000_000),
        ("300w", 3_000_000),
        ("0", 0),
        ("12.5万", 125_000),
        (8_000_000, 8_000_000),
        (Decimal("1600000"), 1_600_000),
    ],
)
def test_parse_amount(text: str | int | Decimal, yuan: int) -> None:
    assert parse_amount(text) == yuan
    assert isinstance(parse_amount(text), int)


@pytest.mark.parametrize("text", ["", "   ", "abc", "万元", "-500万", "−5万", "500美元", "1e9"])
def test_parse_amount_rejects_with_a_chinese_message(text: str) -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_amount(text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in info.value.message)


def test_bool_is_not_an_amount() -> None:
    with pytest.raises(InvalidAmount):
        parse_amount(True)


def test_find_amounts_in_a_question() -> None:
    found = find_amounts("委托重庆企业做特效花了300万，那如果是五千万呢？2025年有3人，补20%")
    assert [a.yuan for a in found] == [3_000_000, 50_000_000]
    assert [a.text for a in found] == ["300万", "五千万"]


def test_find_amounts_ignores_years_people_and_percent() -> None:
    assert find_amounts("2025年7月5日，23个项目，3人，20%") == []
    assert find_amounts("观众5000万人次，招了30万人") == []
    # the currency said after the unit is no count of people
    assert [a.yuan for a in find_amounts("共花了六百万元人民币，能补多少")] == [6_000_000]


def test_find_percents() -> None:
    assert find_percents("给予20%补助，按百分之十五，１０％") == [
        Decimal(20),
        Decimal(15),
        Decimal(10),
    ]


@pytest.mark.parametrize(
    ("yuan", "wan", "plain"),
    [
        (1_600_000, "160万元", "1,600,000元"),
        (10_000_000, "1000万元", "10,000,000元"),
        (125_000, "12.5万元", "125,000元"),
        (8_000, "8,000元", "8,000元"),
        (0, "0元", "0元"),
    ],
)
def test_format(yuan: int, wan: str, plain: str) -> None:
    assert format_wan(yuan) == wan
    assert format_yuan(yuan) == plain


@given(st.integers(min_value=0, max_value=10**12))
def test_format_round_trips(yuan: int) -> None:
    assert parse_amount(format_wan(yuan)) == yuan
    assert parse_amount(format_yuan(yuan)) == yuan


def test_a_second_figure_joins_only_a_first_with_its_unit() -> None:
    # "1亿2000万" is one amount; "Q1 180万" is a label and an amount
    assert [a.yuan for a in find_amounts("1亿2000万")] == [120_000_000]
    assert [a.yuan for a in find_amounts("Q1 180万，Q2 240万")] == [1_800_000, 2_400_000]


def test_counts_in_wan_are_not_money() -> None:
    assert find_amounts("园区规划面积20万平方米，播放量1亿次") == []


def test_kuai_after_a_small_numeral_counting_parts_is_not_money() -> None:
    assert find_amounts("这两块都能补吗") == []
    assert find_amounts("棚租和特效两块分别能补多少") == []
    assert [a.yuan for a in find_amounts("两块钱")] == [2]
    assert [a.yuan for a in find_amounts("这两块加起来800万")] == [8_000_000]


def test_arabic_digits_with_chinese_units_are_one_amount() -> None:
    assert [(a.yuan, a.text) for a in find_amounts("棚租1千2百万，特效300万")] == [
        (12_000_000, "1千2百万"),
        (3_000_000, "300万"),
    ]
    assert [a.yuan for a in find_amounts("5千2百5十万")] == [52_500_000]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # English notation, in RMB
        ("studio rent在重庆花了3.6M RMB，plus equipment rental 1.5M", [3_600_000, 1_500_000]),
        ("invoice total 5.8 million RMB", [5_800_000]),
        ("Annual technical service revenue: RMB 45M.", [45_000_000]),
        ("4,200,000 RMB", [4_200_000]),
        # a foreign currency stays foreign; "4M" alone is not money
        ("budget 3M USD", []),
        ("we paid USD 600k in total", []),
        ("US$1.2 million for the effects", []),
        ("视频4M大小", []),
        # a table's bare figures under a declared unit; codes, years and phones stay as they are
        (
            "摄影棚  2,600,000；服装  700,000；（单位：元）合同编号CQ-2025-0318，电话：13983451234",
            [2_600_000, 700_000],
        ),
        ("棚租  420；设备  185（以上金额单位为万元）", [4_200_000, 1_850_000]),
        # no unit declared: figures in thousands are yuan when one runs to millions
        ("VFX（重庆公司）3,600,000；剪辑配音（重庆）450,000", [3_600_000, 450_000]),
        ("技术服务收入1,200，社保3人", []),
        ("报表单位：千元。协拍服务收入 6,480", [6_480_000]),
        ("Revenue from post-production services: 2,850k RMB", [2_850_000]),
        # 角分 kept exact
        ("设备租赁费 ¥1,845,600.50（单位：元）", [Decimal("1845600.50")]),
        # chat shorthand (kw 千万, w 万); capital numerals of a form
        ("棚+设备在永川花了1.2kw，片子备过案的", [12_000_000]),
        ("特效外包50w，调色30W", [500_000, 300_000]),
        ("www.cq.gov.cn 上有通知", []),
        ("年度技术服务收入壹仟零伍拾万元", [10_500_000]),
    ],
)
def test_amounts_written_without_a_chinese_unit_are_spelled(text: str, amounts: list[int]) -> None:
    assert [a.yuan for a in find_amounts(units_spelled(text))] == amounts


def test_capital_numerals_read_as_plain_ones_beyond_amounts() -> None:
    assert units_spelled("缴纳社保人员柒人") == "缴纳社保人员七人"
    assert units_spelled("零元") == "零元"


def test_wan_typed_as_w_after_a_chinese_numeral() -> None:
    assert [a.yuan for a in find_amounts("给剧组搞外景协拍跟设备租赁 六百个w")] == [6_000_000]
    assert [a.yuan for a in find_amounts("六百w")] == [6_000_000]
    assert find_amounts("六百个wifi") == [] and find_amounts("一千个") == []


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("这块费用是0", "这块费用是0元"),  # nothing spent needs no unit
        ("费用是0.5", "费用是0.5"),  # a figure, still asked for its unit
        ("花了10", "花了10"),
    ],
)
def test_a_zero_spent_is_an_amount(text: str, spelled: str) -> None:
    assert units_spelled(text) == spelled


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("两块业务：一块给剧组做设备租赁，今年服务费600万；另一块做后期", [6_000_000]),
        ("就花了两块钱", [2]),
    ],
)
def test_kuai_counts_parts_unless_it_ends_an_amount(text: str, amounts: list[int]) -> None:
    assert [a.yuan for a in find_amounts(text)] == amounts


def test_a_currency_word_before_a_chinese_unit_is_read_in_that_unit() -> None:
    # "人民币920万元" is 920万, not 920 yuan followed by a stray 万元
    assert units_spelled("服务费共计人民币920万元") == "服务费共计人民币920万元"
    assert [a.yuan for a in find_amounts(units_spelled("服务费共计人民币920万元"))] == [9_200_000]
    assert [a.yuan for a in find_amounts(units_spelled("spent RMB 6.5 million"))] == [6_500_000]
