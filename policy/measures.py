"""The seven measures, loaded from measures.yaml (the single source of every figure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from policy.errors import UnknownMeasure

CapScope = Literal["per_project", "per_company_year", "one_time"]

CAP_SCOPE_TEXT: dict[str, str] = {
    "per_project": "单个项目",
    "per_company_year": "单个企业每年",
    "one_time": "一次性",
}


@dataclass(frozen=True)
class Condition:
    id: str
    question: str


@dataclass(frozen=True)
class Tier:
    id: str
    label: str
    amount_yuan: int
    upper_bound: bool
    text: str


@dataclass(frozen=True)
class Measure:
    id: str
    number: int
    section: str
    title: str
    recipient: str
    applicant: str
    base: str
    base_label: str
    threshold_yuan: int | None
    threshold_text: str | None
    rate: Decimal | None
    cap_yuan: int
    cap_scope: CapScope
    cap_text: str
    upper_bound: bool
    source: str
    figures: tuple[str, ...]
    document: str
    major_cap_yuan: int | None = None
    min_staff: int | None = None
    conditions: tuple[Condition, ...] = ()
    tiers: tuple[Tier, ...] = ()
    aliases: tuple[str, ...] = field(default=())

    @property
    def needs_amount(self) -> bool:
        return self.rate is not None

    def inputs(self) -> list[dict[str, Any]]:
        """Form fields for this measure (the staff console builds its calculator from them)."""
        fields: list[dict[str, Any]] = []
        if self.needs_amount:
            fields.append(
                {
                    "name": "amount",
                    "label": f"{self.base_label}（元，可写“800万”）",
                    "kind": "amount",
                    "required": True,
                }
            )
        if self.min_staff is not None:
            fields.append(
                {"name": "staff", "label": "缴纳社保人员数（人）", "kind": "int", "required": True}
            )
        if self.id == "hardware":
            fields += [
                {
                    "name": "land",
                    "label": "其中土地费（元，不计入）",
                    "kind": "amount",
                    "required": False,
                },
                {
                    "name": "commercial",
                    "label": "其中配套商业投资（元，不计入）",
                    "kind": "amount",
                    "required": False,
                },
                {
                    "name": "major_project",
                    "label": "已纳入市级重大项目名单",
                    "kind": "bool",
                    "required": False,
                },
            ]
        if self.tiers:
            fields.append(
                {
                    "name": "tier",
                    "label": "入选情况",
                    "kind": "choice",
                    "required": True,
                    "choices": [{"value": t.id, "label": t.label} for t in self.tiers],
                }
            )
        if self.cap_scope == "per_company_year" and self.needs_amount:
            fields.append(
                {
                    "name": "prior_awards",
                    "label": "本年度本条款已获补助（元）",
                    "kind": "amount",
                    "required": False,
                }
            )
        return fields

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "section": self.section,
            "title": self.title,
            "recipient": self.recipient,
            "applicant": self.applicant,
            "base": self.base,
            "threshold_yuan": self.threshold_yuan,
            "threshold_text": self.threshold_text,
            "rate": None if self.rate is None else f"{self.rate}%",
            "cap_yuan": self.cap_yuan,
            "cap_scope": self.cap_scope,
            "cap_text": self.cap_text,
            "major_cap_yuan": self.major_cap_yuan,
            "upper_bound": self.upper_bound,
            "min_staff": self.min_staff,
            "tiers": [t.__dict__ for t in self.tiers],
            "conditions": [c.__dict__ for c in self.conditions],
            "inputs": self.inputs(),
            "source": {"doc": self.document, "text": self.source},
        }


@dataclass(frozen=True)
class PolicyData:
    document: str
    caveat: str
    measures: tuple[Measure, ...]


@lru_cache(maxsize=1)
def policy_data() -> PolicyData:
    raw = yaml.safe_load(resources.files("policy").joinpath("measures.yaml").read_text("utf-8"))
    document = str(raw["document"])
    measures = tuple(_measure(m, document) for m in raw["measures"])
    return PolicyData(document=document, caveat=str(raw["caveat"]), measures=measures)


def _measure(m: dict[str, Any], document: str) -> Measure:
    return Measure(
        id=m["id"],
        number=int(m["number"]),
        section=m["section"],
        title=m["title"],
        recipient=m["recipient"],
        applicant=m["applicant"],
        base=m["base"],
        base_label=m["base_label"],
        threshold_yuan=m["threshold_yuan"],
        threshold_text=m["threshold_text"],
        rate=None if m["rate"] is None else Decimal(str(m["rate"])),
        cap_yuan=int(m["cap_yuan"]),
        cap_scope=m["cap_scope"],
        cap_text=m["cap_text"],
        upper_bound=bool(m["upper_bound"]),
        source=m["source"],
        figures=tuple(m["figures"]),
        document=document,
        major_cap_yuan=m.get("major_cap_yuan"),
        min_staff=m.get("min_staff"),
        conditions=tuple(Condition(**c) for c in m.get("conditions", [])),
        tiers=tuple(Tier(**t) for t in m.get("tiers", [])),
    )


def load_measures() -> list[Measure]:
    return list(policy_data().measures)


def get_measure(measure_id: str) -> Measure:
    for measure in policy_data().measures:
        if measure.id == measure_id or str(measure.number) == measure_id:
            return measure
    known = "、".join(m.id for m in policy_data().measures)
    raise UnknownMeasure(f"没有编号为“{measure_id}”的条款；可选：{known}")
