"""Calculator replies as text: one headline, each thing once per reader (answer, brief, script)."""

from __future__ import annotations

import pytest

from bot import compose
from policy import Facts, builtin_policies, calculate, get_measure

W = 10_000
POLICIES = builtin_policies()
CONCLUSIONS = ("符合", "不符合", "待确认")
CONFIRMED = {"filed": True, "local": True}


def reply(measure_id: str, facts: Facts) -> compose.Composed:
    measure = get_measure(measure_id)
    return compose.calculation_answer(calculate(measure, facts), measure, policies=POLICIES)


@pytest.mark.parametrize(
    ("measure", "facts", "headline"),
    [
        (
            "studio",
            Facts(amount_yuan=800 * W, conditions=CONFIRMED),
            "按“使用本市摄影棚、设施设备、服装道具补助”（第1项）测算：**160万元**，结论：符合。",
        ),
        ("studio", Facts(amount_yuan=800 * W), "**160万元**，结论：待确认。"),
        ("studio", Facts(amount_yuan=300 * W), "**不予补助**，结论：不符合。"),
        ("postproduction", Facts(amount_yuan=800 * W), "**金额待定**，结论：待确认。"),
        ("script", Facts(tier="plan"), "**最高50万元**，结论：待确认。"),
        (
            "crew-services",
            Facts(
                amount_yuan=700 * W, prior_awards_yuan=200 * W, conditions={"in_chongqing": True}
            ),
            "**0元（上限额度已用完）**，结论：符合。",
        ),
    ],
)
def test_the_reply_opens_with_measure_amount_and_conclusion(
    measure: str, facts: Facts, headline: str
) -> None:
    first = reply(measure, facts).answer.splitlines()[0]
    assert first.endswith(headline)
    assert f"（第{get_measure(measure).number}项）" in first
    assert sum(f"结论：{c}。" in first for c in CONCLUSIONS) == 1


def test_an_unconfirmed_deciding_condition_is_asked_right_under_the_headline() -> None:
    lines = reply("studio", Facts(amount_yuan=800 * W)).answer.splitlines()
    assert "结论：待确认" in lines[0] and "符合条件" not in lines[0]
    assert lines[1:3] == ["需确认：", "- 该影视项目是否已在全国各地立项备案？"]


def test_a_question_that_cannot_deny_the_award_is_asked_besides() -> None:
    facts = Facts(amount_yuan=3000 * W, conditions={"reviewed": True, "in_statistics": True})
    lines = reply("hardware", facts).answer.splitlines()
    assert "结论：符合" in lines[0]
    assert lines[1] == "另请确认："


def test_each_reader_gets_each_thing_once() -> None:
    text = reply("studio", Facts(amount_yuan=800 * W))
    step = "800万元 × 20% = 160万元"
    caveat = "本结果仅为按政策条文的测算"
    source = get_measure("studio").source
    assert [text.answer.count(s) for s in (step, caveat, source)] == [1, 1, 1]
    # The page renders steps, questions, notes and caveat from `calculations`, and the source
    # from `citations`: its brief is the headline alone.
    assert text.brief == text.answer.splitlines()[0]
    script = text.hotline_script.splitlines()
    assert script == [
        "按“使用本市摄影棚、设施设备、服装道具补助”（第1项）测算：160万元，结论：待确认。",
        "需要先确认：该影视项目是否已在全国各地立项备案？",
        "依据：《重庆市支持科技影视产业高质量发展的若干激励政策》第1项。",
        get_measure("studio").caveat,
    ]


def test_a_refusal_names_the_reason_that_matters() -> None:
    script = reply("digital-services", Facts(amount_yuan=150 * W)).hotline_script.splitlines()
    assert script[1] == "不符合的原因：数字内容技术服务费用150万元未达到门槛200万元"


def test_several_measures_get_one_headline_each_and_shared_things_once() -> None:
    studio, digital = get_measure("studio"), get_measure("digital-services")
    denied = Facts(amount_yuan=600 * W, conditions={"filed": False})
    calcs = [(calculate(studio, denied), studio), (calculate(digital, denied), digital)]
    text = compose.compound_answer(calcs, (), (), (), (), policies=POLICIES)
    lines = text.answer.splitlines()
    assert lines[0] == "按政策条款分别测算（共2项，各自独立计算、分别申请）："
    assert lines[1].startswith("1. “使用本市摄影棚") and "结论：不符合" in lines[1]
    assert lines[2].startswith("2. “委托在渝企业") and "结论：不符合" in lines[2]
    assert text.answer.count("立项备案（回答为否）") == 1
    assert text.answer.count(studio.caveat) == 1
    assert len(text.hotline_script.splitlines()) == len(set(text.hotline_script.splitlines()))


def test_the_rules_alone_carry_no_calculation_caveat() -> None:
    text = compose.compound_answer([], [get_measure("studio")], (), (), (), policies=POLICIES)
    assert "本结果仅为按政策条文的测算" not in text.answer + text.hotline_script
    assert "比例：20%" in text.brief and "依据原文" in text.answer
