"""The calculator: table cases around every threshold and cap, plus properties."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy import (
    Facts,
    InvalidFacts,
    UnknownMeasure,
    calculate,
    format_wan,
    get_measure,
    load_measures,
    parse_amount,
)
from tests.conftest import KB_DIR

W = 10_000  # one 万元
DONE_HARDWARE = {"reviewed": True, "in_statistics": True, "completed": True}

# (measure, facts, eligible, amount_yuan, capped)
CASES: list[tuple[str, Facts, bool | None, int | None, bool]] = [
    # 1 studio: ≥500万 → 20%, ≤1000万 per project
    ("studio", Facts(amount_yuan=499 * W), False, 0, False),
    ("studio", Facts(amount_yuan=4_999_999), False, 0, False),
    ("studio", Facts(amount_yuan=500 * W), True, 100 * W, False),
    ("studio", Facts(amount_yuan=800 * W), True, 160 * W, False),
    ("studio", Facts(amount_yuan=5000 * W), True, 1000 * W, False),
    ("studio", Facts(amount_yuan=5001 * W), True, 1000 * W, True),
    ("studio", Facts(amount_yuan=12000 * W), True, 1000 * W, True),
    ("studio", Facts(), None, None, False),
    # 2 crew-services: 达到500万 → 20%, ≤200万 per company per year
    ("crew-services", Facts(amount_yuan=400 * W), False, 0, False),
    ("crew-services", Facts(amount_yuan=500 * W), True, 100 * W, False),
    ("crew-services", Facts(amount_yuan=1000 * W), True, 200 * W, False),
    ("crew-services", Facts(amount_yuan=1500 * W), True, 200 * W, True),
    ("crew-services", Facts(claims_yuan=(600 * W, 800 * W)), True, 200 * W, True),
    ("crew-services", Facts(claims_yuan=(300 * W, 600 * W)), True, 120 * W, False),
    ("crew-services", Facts(claims_yuan=(300 * W, 400 * W)), False, 0, False),
    ("crew-services", Facts(amount_yuan=600 * W, prior_awards_yuan=150 * W), True, 50 * W, True),
    ("crew-services", Facts(amount_yuan=600 * W, prior_awards_yuan=200 * W), True, 0, True),
    # a project's own award already received: what is left under its cap (not the year's)
    ("studio", Facts(amount_yuan=5500 * W, prior_awards_yuan=700 * W), True, 300 * W, True),
    (
        "digital-services",
        Facts(amount_yuan=1000 * W, prior_awards_yuan=300 * W),
        True,
        150 * W,
        False,
    ),
    # 3 digital-services: ≥200万 → 15% to 第一出品单位, ≤500万 per project
    ("digital-services", Facts(amount_yuan=199 * W), False, 0, False),
    ("digital-services", Facts(amount_yuan=200 * W), True, 30 * W, False),
    ("digital-services", Facts(amount_yuan=300 * W), True, 45 * W, False),
    ("digital-services", Facts(amount_yuan=3000 * W), True, 450 * W, False),
    ("digital-services", Facts(amount_yuan=5000 * W), True, 500 * W, True),
    # 4 postproduction: revenue ≥200万 and ≥3 insured staff → 15%, ≤500万 per company per year
    ("postproduction", Facts(amount_yuan=199 * W, staff=5), False, 0, False),
    ("postproduction", Facts(amount_yuan=200 * W, staff=3), True, 30 * W, False),
    ("postproduction", Facts(amount_yuan=1000 * W, staff=2), False, 0, False),
    # The staff count decides eligibility: unknown, no amount is stated (it is asked back).
    ("postproduction", Facts(amount_yuan=1000 * W), None, None, False),
    # 年度技术服务收入: one company's amounts of one year add up for threshold and cap.
    ("postproduction", Facts(claims_yuan=(80 * W, 90 * W, 100 * W), staff=3), True, 405_000, False),
    ("postproduction", Facts(claims_yuan=(2000 * W, 2000 * W), staff=3), True, 500 * W, True),
    ("postproduction", Facts(claims_yuan=(50 * W, 60 * W), staff=3), False, 0, False),
    ("postproduction", Facts(amount_yuan=4000 * W, staff=10), True, 500 * W, True),
    (
        "postproduction",
        Facts(amount_yuan=4000 * W, staff=10, prior_awards_yuan=100 * W),
        True,
        400 * W,
        True,
    ),
    # 5 script: plan → 最高50万 once; major → 100万 once
    ("script", Facts(tier="plan"), True, 50 * W, False),
    ("script", Facts(tier="major"), True, 100 * W, False),
    ("script", Facts(), None, None, False),
    ("script", Facts(tier="plan", conditions={"registered": False}), False, 0, False),
    # several scripts of one applicant: one award each, added up
    ("script", Facts(tiers=("plan", "major")), True, 150 * W, False),
    ("script", Facts(tiers=("major", "major")), True, 200 * W, False),
    ("script", Facts(tiers=("plan", "major"), conditions={"registered": False}), False, 0, False),
    # 6 hardware: investment excl. land and commercial ≥1000万 → 10%, ≤500万; major ≤1000万
    ("hardware", Facts(amount_yuan=999 * W), False, 0, False),
    ("hardware", Facts(amount_yuan=1000 * W), True, 100 * W, False),
    ("hardware", Facts(amount_yuan=5000 * W), True, 500 * W, False),
    ("hardware", Facts(amount_yuan=6000 * W), True, 500 * W, True),
    ("hardware", Facts(amount_yuan=6000 * W, major_project=True), True, 600 * W, False),
    ("hardware", Facts(amount_yuan=20000 * W, major_project=True), True, 1000 * W, True),
    ("hardware", Facts(amount_yuan=1500 * W, land_yuan=600 * W), False, 0, False),
    (
        "hardware",
        Facts(amount_yuan=3000 * W, land_yuan=500 * W, commercial_yuan=500 * W),
        True,
        200 * W,
        False,
    ),
    # 7 base-park: up to 1000万 matching support
    ("base-park", Facts(), True, 1000 * W, False),
    ("base-park", Facts(conditions={"fund_support": False}), False, 0, False),
]


@pytest.mark.parametrize(("measure", "facts", "eligible", "amount", "capped"), CASES)
def test_table(
    measure: str, facts: Facts, eligible: bool | None, amount: int | None, capped: bool
) -> None:
    result = calculate(measure, facts)
    assert (result.eligible, result.amount_yuan, result.capped) == (eligible, amount, capped)
    assert result.citation["text"] == get_measure(measure).source
    assert "经审核后凭合法有效凭证" in result.caveat
    if eligible is None:
        assert result.unmet_conditions
    if eligible is False:
        assert result.reasons


def test_steps_read_as_a_formula() -> None:
    result = calculate("studio", Facts(amount_yuan=800 * W))
    assert result.steps == ["800万元 × 20% = 160万元；未超过单个项目上限1000万元"]
    capped = calculate("digital-services", Facts(amount_yuan=5000 * W))
    assert capped.steps == ["5000万元 × 15% = 750万元；超过单个项目上限500万元，按500万元计"]


def test_amounts_are_exact_to_the_fen() -> None:
    # 4,999,999.99元 has not reached 500万; invoices with 角分 add up exactly
    amount = parse_amount("4999999.99元")
    assert amount == Decimal("4999999.99")
    assert calculate("studio", Facts(amount_yuan=amount)).eligible is False
    assert parse_amount("5,000,000.00元") == 5_000_000
    assert isinstance(parse_amount("5,000,000.00元"), int)
    assert parse_amount("1.234567万") == Decimal("12345.67")
    claims = tuple(parse_amount(x) for x in ("2,360,000.00", "1,845,600.50元", "798,399.50元"))
    result = calculate("studio", Facts(claims_yuan=(sum(claims),)))
    assert result.amount_yuan == 1_000_800  # 5,004,000元 × 20%
    # the award is whole yuan, rounded down
    assert calculate("studio", Facts(amount_yuan=Decimal("6000000.99"))).amount_yuan == 1_200_000
    # exact in a conversation's state
    assert Facts.from_json(Facts(amount_yuan=amount).to_json()).amount_yuan == amount


def test_upper_bound_awards_are_flagged() -> None:
    assert calculate("script", Facts(tier="plan")).is_upper_bound is True
    assert calculate("script", Facts(tier="major")).is_upper_bound is False
    # several scripts: an upper bound when any of them is one
    assert calculate("script", Facts(tiers=("plan", "major"))).is_upper_bound is True
    assert calculate("script", Facts(tiers=("major", "major"))).is_upper_bound is False
    assert calculate("base-park", Facts()).is_upper_bound is True
    assert calculate("studio", Facts(amount_yuan=800 * W)).is_upper_bound is False


def test_unmet_conditions_are_questions() -> None:
    result = calculate("postproduction", Facts(amount_yuan=300 * W))
    assert result.eligible is None and result.conclusion == "待确认"
    assert all(q.endswith(("？", "）")) for q in result.unmet_conditions)
    assert any("社保" in q for q in result.unmet_conditions)


def test_conclusion_waits_for_open_conditions() -> None:
    assert calculate("studio", Facts(amount_yuan=800 * W)).conclusion == "待确认"
    confirmed = Facts(amount_yuan=800 * W, conditions={"filed": True, "local": True})
    assert calculate("studio", confirmed).conclusion == "符合"
    denied = calculate("studio", Facts(amount_yuan=800 * W, conditions={"filed": False}))
    assert (denied.conclusion, denied.amount_yuan) == ("不符合", 0)


def test_an_open_question_that_cannot_deny_the_award_leaves_it_eligible() -> None:
    # "项目是否已建成" only says when the subsidy is paid (on_false: note)
    facts = Facts(amount_yuan=3000 * W, conditions={"reviewed": True, "in_statistics": True})
    result = calculate("hardware", facts)
    assert result.conclusion == "符合" and result.deciding == []
    assert any("建成" in q for q in result.unmet_conditions)
    open_review = calculate("hardware", Facts(amount_yuan=3000 * W))
    assert open_review.conclusion == "待确认"
    assert all(q in open_review.unmet_conditions for q in open_review.deciding)


def test_silence_of_the_text_is_stated() -> None:
    result = calculate("studio", Facts(amount_yuan=800 * W))
    assert any("未说明" in note for note in result.notes)


def test_hardware_major_project_note_when_unknown() -> None:
    result = calculate("hardware", Facts(amount_yuan=6000 * W))
    assert any("1000万元" in note for note in result.notes)


def test_several_projects_each_with_its_own_major_project_cap() -> None:
    facts = Facts.from_dict(
        {"claims": ["9000万", "7000万"], "majors": [True, False], "conditions": DONE_HARDWARE}
    )
    result = calculate("hardware", facts)
    assert (result.eligible, result.amount_yuan) == (True, 14_000_000), result.steps
    assert Facts.from_json(facts.to_json()) == facts
    with pytest.raises(InvalidFacts):
        calculate("hardware", replace(facts, majors=(True,)))  # one per claim
    with pytest.raises(InvalidFacts):
        Facts.from_dict({"majors": ["yes"]})
    # a later turn's claims of other projects drop the earlier projects' list statuses
    assert Facts(claims_yuan=(1, 2, 3)).merged_over(facts).majors == ()


def test_unknown_measure_and_bad_facts() -> None:
    with pytest.raises(UnknownMeasure):
        calculate("actor-fees", Facts(amount_yuan=1))
    with pytest.raises(InvalidFacts):
        calculate("script", Facts(tier="oscar"))
    with pytest.raises(InvalidFacts):
        calculate("script", Facts(tiers=("plan", "oscar")))
    with pytest.raises(InvalidFacts):
        Facts.from_dict({"tiers": "plan"})  # a list of tiers, one per work
    with pytest.raises(InvalidFacts):
        calculate("hardware", Facts(amount_yuan=100 * W, land_yuan=200 * W))
    with pytest.raises(InvalidFacts):
        Facts.from_dict({"amount": "800万", "salary": 1})
    with pytest.raises(InvalidFacts):
        Facts.from_dict({"staff": "three"})


def test_several_works_tiers_go_through_json() -> None:
    facts = Facts.from_dict({"tiers": ["plan", "major"]})
    assert Facts.from_json(facts.to_json()) == facts and facts.to_inputs() == {
        "tiers": ["plan", "major"]
    }


def test_facts_from_dict_parses_chinese_amounts() -> None:
    facts = Facts.from_dict({"amount": "八百万元", "staff": "3", "claims": ["1.2亿"]})
    assert (facts.amount_yuan, facts.staff, facts.claims_yuan) == (8_000_000, 3, (120_000_000,))


def test_measure_lookup_by_number() -> None:
    assert get_measure("3").id == "digital-services"


RATED = [m.id for m in load_measures() if m.rate is not None]
amounts = st.integers(min_value=0, max_value=10**11)


@given(st.sampled_from(RATED), amounts)
def test_never_above_the_cap(measure: str, amount: int) -> None:
    m = get_measure(measure)
    result = calculate(measure, Facts(amount_yuan=amount, staff=3, major_project=True))
    assert result.amount_yuan is not None
    assert 0 <= result.amount_yuan <= max(m.cap_yuan, m.major_cap_yuan or 0)
    assert isinstance(result.amount_yuan, int)


@given(st.sampled_from(RATED), amounts)
def test_zero_below_the_threshold(measure: str, amount: int) -> None:
    m = get_measure(measure)
    assert m.threshold_yuan is not None
    result = calculate(measure, Facts(amount_yuan=amount, staff=3))
    if amount < m.threshold_yuan:
        assert (result.eligible, result.amount_yuan) == (False, 0)
    else:
        assert result.eligible is True and result.amount_yuan


@given(st.sampled_from(RATED), amounts, amounts)
def test_non_decreasing_in_the_base(measure: str, a: int, b: int) -> None:
    low, high = sorted((a, b))
    first = calculate(measure, Facts(amount_yuan=low, staff=3)).amount_yuan
    second = calculate(measure, Facts(amount_yuan=high, staff=3)).amount_yuan
    assert first is not None and second is not None and first <= second


@given(st.sampled_from(RATED), amounts)
def test_deterministic(measure: str, amount: int) -> None:
    facts = Facts(amount_yuan=amount, staff=4)
    assert calculate(measure, facts).to_dict() == calculate(measure, facts).to_dict()


@given(st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=6))
def test_annual_cap_holds_across_claims(claims: list[int]) -> None:
    result = calculate("crew-services", Facts(claims_yuan=tuple(claims)))
    assert result.amount_yuan is not None and result.amount_yuan <= 200 * W


# --- the data file is the single source of every figure ---------------------------------


@pytest.mark.parametrize("measure", load_measures(), ids=lambda m: m.id)
def test_every_figure_occurs_in_its_source_sentence(measure: object) -> None:
    from policy import Measure

    assert isinstance(measure, Measure)
    policy_text = (KB_DIR / "policy-chongqing-tech-film.md").read_text("utf-8")
    assert measure.source in policy_text
    for figure in measure.figures:
        assert figure in measure.source
    numbers = [measure.threshold_yuan, measure.cap_yuan, measure.major_cap_yuan]
    numbers += [t.amount_yuan for t in measure.tiers]
    for yuan in numbers:
        if yuan is not None and yuan != 0:
            assert format_wan(yuan) in measure.source, (measure.id, yuan)
    if measure.rate is not None:
        assert f"{measure.rate}%" in measure.source
    if measure.min_staff is not None:
        assert f"{measure.min_staff}人" in measure.source
    if measure.threshold_text:
        assert measure.threshold_text in measure.source
    for tier in measure.tiers:
        assert tier.text in measure.source


def test_several_projects_are_capped_one_by_one() -> None:
    result = calculate("studio", Facts(claims_yuan=(600 * W, 6000 * W)))
    assert (result.amount_yuan, result.capped) == (1120 * W, True)
    assert result.steps[-1] == "合计 1120万元（上限按每个项目分别计算）"


def test_the_steps_of_a_refused_award_do_not_work_out_an_award() -> None:
    # a staff count below the minimum: 0元, and no "500万元 × 15% = 75万元" beside it
    result = calculate("postproduction", Facts(amount_yuan=5_000_000, staff=2))
    assert (result.eligible, result.amount_yuan) == (False, 0)
    assert not any("×" in step for step in result.steps)
    # below the threshold the step says so
    below = calculate("postproduction", Facts(amount_yuan=1_500_000, staff=5))
    assert below.steps and all("不予补助" in step for step in below.steps)


def test_paid_to_names_another_measure_of_the_same_policy(tmp_path: object) -> None:
    from pathlib import Path

    import yaml

    from policy import BUILTIN_DIR, Policies

    source = next(Path(BUILTIN_DIR).glob("*.yaml"))
    data = yaml.safe_load(source.read_text("utf-8"))
    assert Policies.load((BUILTIN_DIR,)).find(f"{data['document']}/studio").paid_to == (
        "crew-services"
    )
    data["measures"][0]["paid_to"] = "no-such-measure"
    folder = Path(str(tmp_path))
    (folder / source.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ValueError, match="paid_to"):
        Policies.load((folder,))


def test_a_condition_said_to_be_unknown_decides_like_a_missing_fact() -> None:
    from policy import Facts, calculate

    facts = Facts(amount_yuan=9_000_000)
    usual = calculate("studio", facts)
    assert (usual.eligible, usual.amount_yuan) == (True, 1_800_000)  # to confirm, computed
    unsure = calculate("studio", facts, unknown={"filed"})
    assert (unsure.eligible, unsure.amount_yuan) == (None, None)
    assert any("备案" in q for q in unsure.unmet_conditions)
    # a condition stated is stated, whatever was said unknown of it
    said = calculate("studio", Facts(amount_yuan=9_000_000, conditions={"filed": True}), {"filed"})
    assert (said.eligible, said.amount_yuan) == (True, 1_800_000)


def test_one_land_figure_beside_several_projects_is_not_taken_off_each() -> None:
    # whose land it is decides each project's award: asked, never subtracted from both
    facts = Facts(claims_yuan=(3000 * W, 9000 * W), commercial_yuan=1500 * W)
    with pytest.raises(InvalidFacts):
        calculate(get_measure("hardware"), facts)
    net = calculate(get_measure("hardware"), Facts(claims_yuan=(3000 * W, 7500 * W)))
    assert net.amount_yuan == 800 * W


def test_the_recipient_said_to_be_unknown_leaves_the_award_open() -> None:
    from policy import Facts, calculate

    # a recipient condition (never asked) is skipped when nobody says anything of it...
    facts = Facts(amount_yuan=3_200_000, conditions={"filed": True, "in_chongqing": True})
    assert calculate("digital-services", facts).amount_yuan == 480_000
    # ...but "出品署名顺序还没最后定" makes it a deciding fact not known
    unsure = calculate("digital-services", facts, unknown={"first_producer"})
    assert (unsure.eligible, unsure.amount_yuan) == (None, None)
    assert any("第一出品单位" in q for q in unsure.unmet_conditions)


def test_a_work_listed_in_none_of_the_tiers_gets_nothing() -> None:
    from policy import Facts, calculate

    none = calculate("script", Facts(conditions={"registered": True, "tier": False}))
    assert (none.eligible, none.amount_yuan) == (False, 0)
    assert any("未列入" in r for r in none.reasons)
    # the tier not said at all: asked, no amount
    open_ = calculate("script", Facts(conditions={"registered": True}))
    assert (open_.eligible, open_.amount_yuan) == (None, None)
