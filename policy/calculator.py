"""The deterministic subsidy calculator: facts in, a structured and explained result out.

Pure: no I/O beyond the policy data, no floats. Amounts are whole yuan (int); rates are
Decimal percentages. Where the policy text is silent the result says so in `notes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from policy.errors import InvalidFacts
from policy.measures import CAP_SCOPE_TEXT, Measure, get_measure, policy_data
from policy.money import format_percent, format_wan, parse_amount

SILENT_ON_COMBINING = "政策条文未说明本条款能否与其他条款叠加享受，请以主管部门解释为准。"


@dataclass(frozen=True)
class Facts:
    """What the user told us. None means "not stated" (asked back, never assumed)."""

    amount_yuan: int | None = None
    claims_yuan: tuple[int, ...] = ()  # several claims of one company in one year
    staff: int | None = None
    major_project: bool | None = None
    land_yuan: int = 0
    commercial_yuan: int = 0
    tier: str | None = None
    prior_awards_yuan: int = 0  # already granted to this company this year under the measure
    year: int | None = None
    conditions: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        """Build from JSON/CLI input; amounts may be ints or Chinese text ("800万")."""
        if not isinstance(data, dict):
            raise InvalidFacts("facts 必须是一个对象")
        known = {
            "amount",
            "amount_yuan",
            "claims",
            "staff",
            "major_project",
            "land",
            "commercial",
            "tier",
            "prior_awards",
            "year",
            "conditions",
        }
        unknown = set(data) - known
        if unknown:
            raise InvalidFacts(f"无法识别的字段：{'、'.join(sorted(unknown))}")

        def amount(key: str) -> int | None:
            value = data.get(key)
            return None if value is None or value == "" else parse_amount(value)

        raw_amount = data.get("amount", data.get("amount_yuan"))
        claims = data.get("claims") or ()
        if not isinstance(claims, list | tuple):
            raise InvalidFacts("claims 必须是金额列表")
        staff = data.get("staff")
        if staff is not None and staff != "":
            if isinstance(staff, bool) or not str(staff).strip().isdigit():
                raise InvalidFacts("社保人数必须是非负整数")
            staff = int(str(staff).strip())
        else:
            staff = None
        conditions = data.get("conditions") or {}
        if not isinstance(conditions, dict) or not all(
            isinstance(v, bool) for v in conditions.values()
        ):
            raise InvalidFacts("conditions 必须是 {条件: true/false}")
        major = data.get("major_project")
        if major is not None and not isinstance(major, bool):
            raise InvalidFacts("major_project 必须是 true 或 false")
        year = data.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise InvalidFacts("year 必须是整数年份")
        tier = data.get("tier")
        if tier is not None and not isinstance(tier, str):
            raise InvalidFacts("tier 必须是 plan 或 major")
        return cls(
            amount_yuan=None if raw_amount in (None, "") else parse_amount(raw_amount),
            claims_yuan=tuple(parse_amount(c) for c in claims),
            staff=staff,
            major_project=major,
            land_yuan=amount("land") or 0,
            commercial_yuan=amount("commercial") or 0,
            tier=tier or None,
            prior_awards_yuan=amount("prior_awards") or 0,
            year=year,
            conditions=dict(conditions),
        )

    def to_inputs(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.amount_yuan is not None:
            out["amount_yuan"] = self.amount_yuan
        if self.claims_yuan:
            out["claims_yuan"] = list(self.claims_yuan)
        for key in ("staff", "major_project", "tier", "year"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        for key in ("land_yuan", "commercial_yuan", "prior_awards_yuan"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.conditions:
            out["conditions"] = dict(self.conditions)
        return out


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
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


def _pct(base: int, rate: Decimal) -> int:
    # Whole yuan, rounded down: the calculator never states more than the policy gives.
    return int((Decimal(base) * rate / 100).to_integral_value(rounding=ROUND_DOWN))


class _Builder:
    def __init__(self, measure: Measure, facts: Facts) -> None:
        self.m = measure
        self.facts = facts
        self.steps: list[str] = []
        self.unmet: list[str] = []
        self.reasons: list[str] = []
        self.notes: list[str] = []
        self.capped = False
        self.is_upper_bound = measure.upper_bound
        self.cap = measure.cap_yuan

    def ask_conditions(self, skip: tuple[str, ...] = ()) -> None:
        for cond in self.m.conditions:
            if cond.id in skip:
                continue
            answer = self.facts.conditions.get(cond.id)
            if answer is None:
                self.unmet.append(cond.question)
            elif answer is False:
                self.reasons.append(f"不满足条件：{cond.question.rstrip('？?')}（回答为否）")

    def result(self, eligible: bool | None, amount: int | None) -> Calculation:
        if self.reasons:
            eligible, amount = False, 0
        data = policy_data()
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
            caveat=data.caveat,
            notes=[*self.notes, SILENT_ON_COMBINING],
        )


def calculate(measure_id: str, facts: Facts) -> Calculation:
    """Apply one measure to the facts. Raises UnknownMeasure for an unknown id."""
    measure = get_measure(measure_id)
    b = _Builder(measure, facts)
    if measure.tiers:
        return _tiered(b)
    if measure.rate is None:
        return _fixed(b)
    return _rated(b)


def _tiered(b: _Builder) -> Calculation:
    b.ask_conditions(skip=("tier",))
    tier = next((t for t in b.m.tiers if t.id == b.facts.tier), None)
    if b.facts.tier is not None and tier is None:
        raise InvalidFacts(
            f"入选情况只能是：{'、'.join(f'{t.id}（{t.label}）' for t in b.m.tiers)}"
        )
    if tier is None:
        b.unmet.append(next(c.question for c in b.m.conditions if c.id == "tier"))
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
    skip: tuple[str, ...] = ("staff",) if m.min_staff is not None else ()
    b.ask_conditions(skip=skip)
    if m.min_staff is not None:
        if facts.staff is None:
            b.unmet.append(next(c.question for c in m.conditions if c.id == "staff"))
        elif facts.staff < m.min_staff:
            b.reasons.append(f"缴纳社保人员{facts.staff}人，少于政策要求的{m.min_staff}人")
    if m.major_cap_yuan is not None:
        if facts.major_project:
            b.cap = m.major_cap_yuan
        elif facts.major_project is None:
            b.notes.append(
                f"如项目纳入市级重大项目名单，补贴上限可提高至{format_wan(m.major_cap_yuan)}。"
            )
    claims = list(facts.claims_yuan) or (
        [facts.amount_yuan] if facts.amount_yuan is not None else []
    )
    if not claims:
        b.unmet.insert(0, f"请提供{m.base_label}金额（{m.base}）。")
        return b.result(None, None)

    scope = CAP_SCOPE_TEXT[m.cap_scope]
    total = 0
    for index, claim in enumerate(claims, start=1):
        label = f"第{index}笔：" if len(claims) > 1 else ""
        base = claim
        if m.id == "hardware" and (facts.land_yuan or facts.commercial_yuan):
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
        if m.cap_scope != "per_company_year" and award > b.cap:
            b.capped = True
            step += f"；超过{scope}上限{format_wan(b.cap)}，按{format_wan(b.cap)}计"
            award = b.cap
        elif m.cap_scope != "per_company_year":
            step += f"；未超过{scope}上限{format_wan(b.cap)}"
        b.steps.append(step)
        total += award

    if m.cap_scope != "per_company_year" and len(claims) > 1:
        b.steps.append(f"合计 {format_wan(total)}（上限按每个项目分别计算）")
    if m.cap_scope == "per_company_year":
        room = max(b.cap - facts.prior_awards_yuan, 0)
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
        if len(claims) > 1:
            b.notes.append("政策未说明同一企业多笔服务费用能否合并计算门槛，此处按每笔分别判断。")
    if m.id == "hardware":
        b.notes.append("硬件建设补贴在项目建成后实行一次性兑现。")
    if total == 0 and len(claims) > 1 and not b.capped:
        b.reasons.append("各笔费用均未达到门槛")
    return b.result(not b.reasons, total)
