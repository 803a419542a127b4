"""The deterministic subsidy calculator: facts in, a structured and explained result out.

Pure: no I/O beyond the policy data, no floats. Amounts are whole yuan (int); rates are
Decimal percentages. Where the policy text is silent the result says so in `notes`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any, Literal

from policy.errors import InvalidFacts
from policy.facts import Facts
from policy.measures import CAP_SCOPE_TEXT, Measure, get_measure
from policy.money import Yuan, format_percent, format_wan

Conclusion = Literal["符合", "不符合", "待确认"]

SILENT_ON_COMBINING = "政策条文未说明本条款能否与其他条款叠加享受，请以主管部门解释为准。"


@dataclass(frozen=True)
class Calculation:
    clause: str
    title: str
    inputs: dict[str, Any]
    eligible: bool | None  # None: facts missing, see unmet_conditions
    amount_yuan: int | None
    is_upper_bound: bool
    capped: bool
    cap_yuan: int
    steps: list[str]
    unmet_conditions: list[str]
    reasons: list[str]  # why not eligible
    citation: dict[str, str]
    caveat: str
    notes: list[str]
    document: str = ""
    # The unmet conditions a "no" to which would make the result 不符合 (a subset of
    # unmet_conditions; the others only change when or how the award is paid).
    deciding: list[str] = field(default_factory=list)

    @property
    def conclusion(self) -> Conclusion:
        """符合 only when no open question can still turn the result; 待确认 while one can."""
        if self.eligible is False:
            return "不符合"
        if self.eligible is None or self.deciding:
            return "待确认"
        return "符合"

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "document": self.document,
            "conclusion": self.conclusion,
            "title": self.title,
            "inputs": self.inputs,
            "eligible": self.eligible,
            "amount_yuan": self.amount_yuan,
            "amount_text": None if self.amount_yuan is None else format_wan(self.amount_yuan),
            "is_upper_bound": self.is_upper_bound,
            "capped": self.capped,
            "cap_yuan": self.cap_yuan,
            "steps": list(self.steps),
            "unmet_conditions": list(self.unmet_conditions),
            "reasons": list(self.reasons),
            "citation": dict(self.citation),
            "caveat": self.caveat,
            "notes": list(self.notes),
        }


def _pct(base: Yuan, rate: Decimal) -> int:
    # Whole yuan, rounded down: the calculator never states more than the policy gives.
    return int((Decimal(base) * rate / 100).to_integral_value(rounding=ROUND_DOWN))


class _Builder:
    def __init__(self, measure: Measure, facts: Facts, unknown: Collection[str] = ()) -> None:
        self.m = measure
        self.facts = facts
        self.unknown = frozenset(unknown)  # conditions the user says they do not know
        self.steps: list[str] = []
        self.unmet: list[str] = []
        self.deciding: list[str] = []
        self.reasons: list[str] = []
        self.notes: list[str] = []
        self.capped = False
        self.is_upper_bound = measure.upper_bound
        self.cap = measure.cap_yuan

        self.undecided = False  # a deciding fact is unknown: no amount can be stated

    def ask_conditions(self) -> None:
        """Yes/no conditions (those fed by a fact field are checked where the field is used)."""
        for cond in self.m.conditions:
            if cond.field is not None:
                continue
            answer = self.facts.conditions.get(cond.id)
            if answer is None and not cond.ask and cond.id not in self.unknown:
                continue  # (said only to deny it: "我们只是第二出品方"; unless said not known)
            if answer is None:
                self.unmet.append(cond.question)
                # "我不清楚备没备": not known, so no amount can be stated yet
                self.undecided |= cond.decides or cond.id in self.unknown
                if cond.on_false == "reason":
                    self.deciding.append(cond.question)
            elif answer is False and cond.on_false == "note":
                self.notes.append(cond.note or cond.question)
            elif answer is False:
                self.reasons.append(f"不满足条件：{cond.question.rstrip('？?')}（回答为否）")

    def ask_field(self, field: str) -> None:
        cond = next((c for c in self.m.conditions if c.field == field), None)
        if cond is not None:
            self.unmet.append(cond.question)
            self.deciding.append(cond.question)
            self.undecided |= cond.decides

    def result(self, eligible: bool | None, amount: int | None) -> Calculation:
        if self.reasons:
            eligible, amount = False, 0
            # the steps agree with the result: no award worked out that is not given
            self.steps = [s for s in self.steps if "不予补助" in s]
        elif self.undecided and eligible is True:
            eligible, amount = None, None
        return Calculation(
            clause=self.m.id,
            title=self.m.title,
            inputs=self.facts.to_inputs(),
            eligible=eligible,
            amount_yuan=amount,
            is_upper_bound=self.is_upper_bound and bool(amount),
            capped=self.capped,
            cap_yuan=self.cap,
            steps=self.steps,
            unmet_conditions=self.unmet,
            reasons=self.reasons,
            citation={"source": self.m.document, "clause": self.m.id, "text": self.m.source},
            caveat=self.m.caveat,
            notes=[*self.notes, SILENT_ON_COMBINING],
            document=self.m.document,
            deciding=self.deciding,
        )


def calculate(measure: Measure | str, facts: Facts, unknown: Collection[str] = ()) -> Calculation:
    """Apply one measure to the facts. Raises UnknownMeasure for an unknown id. `unknown`:
    conditions the user said they do not know; each then decides like a missing staff count
    (eligible and amount unknown) rather than being left to confirm."""
    if isinstance(measure, str):
        measure = get_measure(measure)
    b = _Builder(measure, facts, unknown)
    if measure.tiers:
        return _tiered(b)
    if measure.rate is None:
        return _fixed(b)
    return _rated(b)


def _tier_choices(measure: Measure) -> str:
    """The error for a tier the measure does not have, listing the ones it has."""
    return f"入选情况只能是：{'、'.join(f'{t.id}（{t.label}）' for t in measure.tiers)}"


def _tiered(b: _Builder) -> Calculation:
    b.ask_conditions()
    if len(b.facts.tiers) > 1:
        return _several_tiers(b)
    tier = next((t for t in b.m.tiers if t.id == b.facts.tier), None)
    if b.facts.tier is not None and tier is None:
        raise InvalidFacts(_tier_choices(b.m))
    listed = next((c for c in b.m.conditions if c.field == "tier"), None)
    if tier is None and listed is not None and b.facts.conditions.get(listed.id) is False:
        # "没有被列入任何国家规划或者重大工程": none of the tiers the award is for
        b.reasons.append(
            "不满足条件：" + "，也未".join(t.label for t in b.m.tiers).join(("未", ""))
        )
        return b.result(False, 0)
    if tier is None:
        b.ask_field("tier")
        for t in b.m.tiers:
            b.steps.append(f"{t.label}：{t.text}")
        b.is_upper_bound = False
        return b.result(None, None)
    b.is_upper_bound = tier.upper_bound
    b.cap = tier.amount_yuan
    prefix = "最高" if tier.upper_bound else ""
    b.steps.append(f"{tier.label}：{prefix}{format_wan(tier.amount_yuan)}一次性奖励")
    if tier.upper_bound:
        b.notes.append("“最高”为上限，实际金额由主管部门评审确定。")
    return b.result(True, tier.amount_yuan)


def _several_tiers(b: _Builder) -> Calculation:
    """Several works of one applicant ("两个剧本：一个列入年度计划，一个列入重大工程"): one
    award each, added up."""
    by_id = {t.id: t for t in b.m.tiers}
    unknown = [t for t in b.facts.tiers if t not in by_id]
    if unknown:
        raise InvalidFacts(_tier_choices(b.m))
    total = 0
    for index, tier_id in enumerate(b.facts.tiers, start=1):
        tier = by_id[tier_id]
        prefix = "最高" if tier.upper_bound else ""
        b.steps.append(
            f"第{index}个：{tier.label}：{prefix}{format_wan(tier.amount_yuan)}一次性奖励"
        )
        total += tier.amount_yuan
    b.steps.append(f"合计 {format_wan(total)}（每个作品分别计算）")
    b.is_upper_bound = any(by_id[t].upper_bound for t in b.facts.tiers)
    b.cap = total
    if b.is_upper_bound:
        b.notes.append("“最高”为上限，实际金额由主管部门评审确定。")
    return b.result(True, total)


def _fixed(b: _Builder) -> Calculation:
    b.ask_conditions()
    b.steps.append(f"{b.m.cap_text}（政策未规定按比例计算）")
    b.notes.append("政策未规定配套支持的计算比例，只规定了上限；实际金额由主管部门确定。")
    if b.facts.amount_yuan is not None:
        b.notes.append("您提供的金额不影响本条款的上限测算。")
    return b.result(True, b.m.cap_yuan)


def _rated(b: _Builder) -> Calculation:
    m, facts = b.m, b.facts
    assert m.rate is not None and m.threshold_yuan is not None
    b.ask_conditions()
    if m.min_staff is not None:
        if facts.staff is None:
            b.ask_field("staff")
        elif facts.staff < m.min_staff:
            b.reasons.append(f"缴纳社保人员{facts.staff}人，少于政策要求的{m.min_staff}人")
    if m.major_cap_yuan is not None:
        if facts.major_project:
            b.cap = m.major_cap_yuan
        elif facts.major_project is None and not facts.majors:
            b.notes.append(
                f"如项目纳入市级重大项目名单，补贴上限可提高至{format_wan(m.major_cap_yuan)}。"
            )
    claims = list(facts.claims_yuan) or (
        [facts.amount_yuan] if facts.amount_yuan is not None else []
    )
    if not claims:
        b.unmet.insert(0, f"请提供{m.base_label}金额（{m.base}）。")
        b.deciding.insert(0, b.unmet[0])
        return b.result(None, None)

    if m.annual_base and len(claims) > 1:
        summed = sum(claims)
        b.steps.append(
            f"{m.base_label}按年度合计：{' + '.join(format_wan(c) for c in claims)}"
            f" = {format_wan(summed)}"
        )
        claims = [summed]
    caps = [b.cap] * len(claims)
    if facts.majors:
        # several projects, some on the major-projects list: each its own cap
        if len(facts.majors) != len(claims) or m.major_cap_yuan is None:
            raise InvalidFacts("各项目的重大项目名单情况须与各笔金额一一对应")
        caps = [m.major_cap_yuan if major else m.cap_yuan for major in facts.majors]
    if len(claims) > 1 and "land" in m.fields and (facts.land_yuan or facts.commercial_yuan):
        # one land or commercial figure beside several projects: whose it is decides each award
        raise InvalidFacts("有多个项目时，请先从各项目的实际投入中分别扣除其土地费和配套商业投资")
    scope = CAP_SCOPE_TEXT[m.cap_scope]
    total = 0
    for index, claim in enumerate(claims, start=1):
        label = f"第{index}笔：" if len(claims) > 1 else ""
        base = claim
        if "land" in m.fields and (facts.land_yuan or facts.commercial_yuan):
            base = claim - facts.land_yuan - facts.commercial_yuan
            if base < 0:
                raise InvalidFacts("土地费和配套商业投资之和不能超过总投入")
            b.steps.append(
                f"{label}实际投入 {format_wan(claim)} − 土地费 {format_wan(facts.land_yuan)}"
                f" − 配套商业投资 {format_wan(facts.commercial_yuan)} = {format_wan(base)}"
            )
        if base < m.threshold_yuan:
            b.steps.append(
                f"{label}{m.base_label}{format_wan(base)}，未达到{format_wan(m.threshold_yuan)}"
                "的门槛，不予补助"
            )
            if len(claims) == 1:
                b.reasons.append(
                    f"{m.base_label}{format_wan(base)}未达到门槛{format_wan(m.threshold_yuan)}"
                )
            continue
        award = _pct(base, m.rate)
        step = f"{label}{format_wan(base)} × {format_percent(m.rate)} = {format_wan(award)}"
        cap = caps[index - 1]
        listed = "（纳入市级重大项目名单）" if facts.majors and facts.majors[index - 1] else ""
        if m.cap_scope != "per_company_year" and award > cap:
            b.capped = True
            step += f"；超过{scope}上限{listed}{format_wan(cap)}，按{format_wan(cap)}计"
            award = cap
        elif m.cap_scope != "per_company_year":
            step += f"；未超过{scope}上限{listed}{format_wan(cap)}"
        b.steps.append(step)
        total += award

    if m.cap_scope != "per_company_year" and len(claims) > 1:
        b.steps.append(f"合计 {format_wan(total)}（上限按每个项目分别计算）")
    if m.cap_scope == "per_project" and facts.prior_awards_yuan and len(claims) == 1 and total:
        # the project's own award already received: what is left under its cap
        room = int(max(caps[0] - facts.prior_awards_yuan, 0))
        b.steps.append(
            f"本项目已获本条款补助{format_wan(facts.prior_awards_yuan)}，"
            f"剩余额度 {format_wan(caps[0])} − {format_wan(facts.prior_awards_yuan)}"
            f" = {format_wan(room)}"
        )
        if total > room:
            b.capped = True
            b.steps.append(f"按剩余额度{format_wan(room)}计")
            total = room
    if m.cap_scope == "per_company_year":
        room = int(max(b.cap - facts.prior_awards_yuan, 0))  # whole yuan, as awards are
        if facts.prior_awards_yuan:
            b.steps.append(
                f"本年度已获本条款补助{format_wan(facts.prior_awards_yuan)}，"
                f"剩余额度 {format_wan(b.cap)} − {format_wan(facts.prior_awards_yuan)}"
                f" = {format_wan(room)}"
            )
        if total > room:
            b.capped = True
            b.steps.append(
                f"合计 {format_wan(total)} 超过{scope}上限（剩余额度{format_wan(room)}），"
                f"按{format_wan(room)}计"
            )
            total = room
        else:
            b.steps.append(f"合计 {format_wan(total)}，未超过{scope}上限{format_wan(b.cap)}")
        if len(claims) > 1 and not m.annual_base:
            b.notes.append("政策未说明同一企业多笔服务费用能否合并计算门槛，此处按每笔分别判断。")
    b.notes += [c.note for c in m.conditions if c.note and facts.conditions.get(c.id) is None]
    if total == 0 and len(claims) > 1 and not b.capped:
        b.reasons.append("各笔费用均未达到门槛")
    return b.result(not b.reasons, total)
