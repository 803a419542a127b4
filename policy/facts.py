"""The calculator's facts, defined once: name, kind, Chinese label, the question to ask.

Everything else is derived from `FIELDS`: `Facts.from_dict`/`to_inputs`, the staff console's
forms (`Measure.inputs`), the LLM tool's arguments (bot/llm.py), the options of `policybot calc`
(bot/cli/calc.py) and the conversation's state. A measure lists which fields it uses (`fields:`
in its data file).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any, Literal

from policy.errors import InvalidFacts
from policy.money import Yuan, parse_amount

Kind = Literal["amount", "amounts", "int", "bool", "bools", "choice", "choices", "conditions"]


@dataclass(frozen=True)
class FactField:
    name: str  # the key in JSON and the LLM tool's argument
    attr: str  # the attribute of `Facts`
    kind: Kind
    label: str
    question: str
    help: str = ""
    option: str = ""  # the CLI option when it is not --name (--prior for prior_awards)
    per_claim: str = ""  # the field holding this fact claim by claim, when claims differ

    @property
    def cli_option(self) -> str:
        return self.option or self.name


FIELDS: tuple[FactField, ...] = (
    FactField(
        "amount",
        "amount_yuan",
        "amount",
        "金额（元，可写“800万”）",
        "金额是多少？",
        "费用、收入或投入，如“800万”",
    ),
    FactField(
        "claims",
        "claims_yuan",
        "amounts",
        "同一企业同一年度的多笔金额",
        "各笔金额分别是多少？",
        "几笔金额的列表",
        option="claim",
    ),
    FactField("staff", "staff", "int", "缴纳社保人员数（人）", "企业缴纳社保的人员有几人？"),
    FactField(
        "major_project",
        "major_project",
        "bool",
        "已纳入市级重大项目名单",
        "项目是否已纳入市级重大项目名单？",
        option="major",
        per_claim="majors",
    ),
    FactField(
        "majors",
        "majors",
        "bools",
        "各项目是否已纳入市级重大项目名单",
        "各项目是否分别已纳入市级重大项目名单？",
        "与多笔金额一一对应的是/否列表（几个项目入选情况不同时）",
    ),
    FactField("land", "land_yuan", "amount", "其中土地费（元，不计入）", "其中土地费是多少？"),
    FactField(
        "commercial",
        "commercial_yuan",
        "amount",
        "其中配套商业投资（元，不计入）",
        "其中配套商业投资是多少？",
    ),
    FactField(
        "tier",
        "tier",
        "choice",
        "入选情况",
        "被列入的是哪一类规划或工程？",
        "入选情况：条款所列档次的 id（见 policybot measures --json）",
    ),
    FactField(
        "tiers",
        "tiers",
        "choices",
        "多个作品各自的入选情况",
        "各个作品分别被列入哪一类？",
        "同一申请人几个作品各自的入选情况：条款所列档次的 id 列表（如两个剧本）",
    ),
    FactField(
        "prior_awards",
        "prior_awards_yuan",
        "amount",
        "已获本条款补助（元；按年封顶的条款为本年度已获，按项目封顶的为本项目已获）",
        "已获本条款补助多少？（按年封顶的条款计本年度，按项目封顶的计本项目）",
        option="prior",
    ),
    FactField(
        "conditions",
        "conditions",
        "conditions",
        "条件",
        "以下条件是否满足？",
        "条件 id → 是/否",
        option="condition",
    ),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}


@dataclass(frozen=True)
class Facts:
    """What the user told us. None means "not stated" (asked back, never assumed)."""

    amount_yuan: Yuan | None = None
    claims_yuan: tuple[Yuan, ...] = ()  # several amounts of one company in one year
    staff: int | None = None
    major_project: bool | None = None
    majors: tuple[bool, ...] = ()  # each claim's own major_project, when they differ
    land_yuan: Yuan = 0
    commercial_yuan: Yuan = 0
    tier: str | None = None
    tiers: tuple[str, ...] = ()  # several works of one applicant, each with its tier
    # already granted under the measure: this company this year (a yearly cap), or this
    # project (a cap per project)
    prior_awards_yuan: Yuan = 0
    conditions: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        """Build from JSON/CLI input; amounts may be ints or Chinese text ("800万")."""
        if not isinstance(data, dict):
            raise InvalidFacts("facts 必须是一个对象")
        aliases = {f"{f.name}_yuan": f.name for f in FIELDS if f.kind == "amount"}
        data = {aliases.get(k, k): v for k, v in data.items()}
        unknown = set(data) - set(FIELD_BY_NAME)
        if unknown:
            raise InvalidFacts(f"无法识别的字段：{'、'.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for name, raw in data.items():
            spec = FIELD_BY_NAME[name]
            value = _parse(spec, raw)
            if value is not None:
                values[spec.attr] = value
        return cls(**values)

    def to_inputs(self) -> dict[str, Any]:
        """The stated facts, by attribute name (zeros and unknowns left out), as JSON: an
        amount with 角分 is text ("1845600.5"), which `from_dict` reads back exactly."""
        out: dict[str, Any] = {}
        for spec in FIELDS:
            value = getattr(self, spec.attr)
            if _unstated(value):
                continue
            out[spec.attr] = dict(value) if isinstance(value, dict) else _jsonable(value)
        return out

    def merged_over(self, earlier: Facts) -> Facts:
        """These facts, gaps filled from an earlier turn (conditions are merged)."""
        values: dict[str, Any] = {}
        for spec in FIELDS:
            mine, theirs = getattr(self, spec.attr), getattr(earlier, spec.attr)
            if spec.kind == "conditions":
                values[spec.attr] = {**theirs, **mine}
            elif _unstated(mine):
                values[spec.attr] = theirs
        if self.amount_yuan is not None or self.claims_yuan:
            values["amount_yuan"], values["claims_yuan"] = self.amount_yuan, self.claims_yuan
        merged = replace(self, **values)
        if merged.majors and len(merged.majors) != len(merged.claims_yuan):
            merged = replace(merged, majors=())  # said of other claims than these
        return merged

    def to_json(self) -> dict[str, Any]:
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        known = {f.attr for f in FIELDS}
        values = {k: v for k, v in data.items() if k in known}
        for spec in FIELDS:  # amounts with 角分 were written as text
            value = values.get(spec.attr)
            if spec.kind == "amount" and isinstance(value, str):
                values[spec.attr] = parse_amount(value)
            elif spec.kind == "amounts" and value is not None:
                values[spec.attr] = tuple(
                    parse_amount(v) if isinstance(v, str) else v for v in value
                )
            elif spec.kind in ("choices", "bools") and value is not None:
                values[spec.attr] = tuple(value)
        return cls(**values)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return str(value) if isinstance(value, Decimal) else value  # "1845600.5": exact in JSON


def _parse(spec: FactField, raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    if spec.kind == "amount":
        return parse_amount(raw)
    if spec.kind == "amounts":
        if not isinstance(raw, list | tuple):
            raise InvalidFacts(f"{spec.name} 必须是金额列表")
        return tuple(parse_amount(c) for c in raw)
    if spec.kind == "int":
        if isinstance(raw, bool) or not str(raw).strip().isdigit():
            raise InvalidFacts(f"{spec.label.split('（')[0]}必须是非负整数")
        return int(str(raw).strip())
    if spec.kind == "bool":
        if not isinstance(raw, bool):
            raise InvalidFacts(f"{spec.name} 必须是 true 或 false")
        return raw
    if spec.kind == "bools":
        if not isinstance(raw, list | tuple) or not all(isinstance(c, bool) for c in raw):
            raise InvalidFacts(f"{spec.name} 必须是 true/false 列表")
        return tuple(raw)
    if spec.kind == "choice":
        if not isinstance(raw, str):
            raise InvalidFacts(f"{spec.name} 必须是文字")
        return raw
    if spec.kind == "choices":
        if not isinstance(raw, list | tuple) or not all(isinstance(c, str) for c in raw):
            raise InvalidFacts(f"{spec.name} 必须是文字列表")
        return tuple(raw)
    if not isinstance(raw, dict) or not all(isinstance(v, bool) for v in raw.values()):
        raise InvalidFacts("conditions 必须是 {条件: true/false}")
    return dict(raw)


def _unstated(value: Any) -> bool:
    """None, a zero amount or an empty list: nothing said. False is said ("不是重大项目")."""
    if isinstance(value, bool):
        return False
    return value is None or value == 0 or value == () or value == {}
