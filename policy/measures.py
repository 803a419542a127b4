"""Policies as data: documents of measures, loaded from YAML (the single source of every figure).

A policy arrives as a kb document plus one data file (`policy/data/<document id>.yaml`, or
any folder handed to `Policies.load`): its measures with thresholds, rates and caps, the
words people use for each, and its conditions as checkable facts. No code names a measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from policy.errors import UnknownMeasure
from policy.facts import FIELD_BY_NAME

CapScope = Literal["per_project", "per_company_year", "one_time"]
BUILTIN_DIR = Path(__file__).resolve().parent / "data"

CAP_SCOPE_TEXT: dict[str, str] = {
    "per_project": "单个项目",
    "per_company_year": "单个企业每年",
    "one_time": "一次性",
}


@dataclass(frozen=True)
class Condition:
    """A fact the measure requires. `field` names a fact field (staff, tier) when the answer is
    a value rather than yes/no; `decides`: unknown means no amount can be stated yet."""

    id: str
    question: str
    decides: bool = False
    field: str | None = None
    true_when: str | None = None  # a pattern that states the condition holds
    false_when: str | None = None  # a pattern that states it does not
    on_false: Literal["reason", "note"] = "reason"
    note: str | None = None
    # What the condition is about: "spend" (where the money went: the stage, the vendor), read
    # from each amount's own words; "project" (one of the applicant's projects: filed or
    # not), read from each amount's own clause or its project's label ("A剧已备案…；B剧还没
    # 备案，600万"); "applicant" (the company itself), read only from its patterns, since
    # another place in its clause may be a client's ("给北京来的剧组").
    subject: Literal["spend", "project", "applicant"] | None = None
    # Whose place it is when it is the vendor's (the company the applicant hired): a message
    # from that company ("委托我们的剧组", "我们是北京的后期公司") states it with its own place.
    party: Literal["vendor"] | None = None
    # The words naming what the condition is about (a pattern: "立项|备案"). A clause that
    # denies or defers them in words the patterns above do not list ("还没报专业评审", "立项
    # 备案要等明年初才报") states the condition false.
    term: str | None = None
    # False: asked of nobody, stated only to deny ("我们只是第二出品方": the award is the first
    # producer's); unknown, it holds
    ask: bool = True


@dataclass(frozen=True)
class Option:
    """A yes/no fact that changes the result without deciding eligibility (e.g. a higher cap)."""

    field: str
    true_when: str
    false_when: str


@dataclass(frozen=True)
class Tier:
    id: str
    label: str
    amount_yuan: int
    upper_bound: bool
    text: str
    when: str | None = None  # a pattern that states this tier


@dataclass(frozen=True)
class Vocabulary:
    """How people name the measure: weighted trigger words, phrases that mean another measure
    (`shadows`), measures it outranks when both match, and example questions (embedded)."""

    triggers: dict[str, int] = field(default_factory=dict)
    shadows: tuple[str, ...] = ()
    outranks: dict[str, int] = field(default_factory=dict)
    examples: tuple[str, ...] = ()
    requires: str | None = None  # a pattern the message must match for the measure to count


@dataclass(frozen=True)
class Topic:
    topic: str
    when: str
    # a message on this topic asks about something else than this policy's terms ("按老政策
    # 能补多少"): it is named as open, and nothing is computed
    alone: bool = False


@dataclass(frozen=True, eq=False)  # one object per measure: compared and hashed by identity
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
    caveat: str = ""
    major_cap_yuan: int | None = None
    min_staff: int | None = None
    conditions: tuple[Condition, ...] = ()
    tiers: tuple[Tier, ...] = ()
    fields: tuple[str, ...] = ()  # fact fields the measure uses (forms, LLM tool)
    base_roles: tuple[str, ...] = ()  # what its base amount is: fee, revenue, investment
    annual_base: bool = False  # amounts of one company in one year add up for the threshold
    options: tuple[Option, ...] = ()
    amount_cues: dict[str, str] = field(default_factory=dict)  # fact field → words before it
    # topics the document leaves open that this measure's own clause settles ("到账时间":
    # "项目建成后实行一次性兑现")
    settles: tuple[str, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    # The measure (same document) under which the company paid this base may claim it: the
    # studio's rent is the 协拍 company's service fee, the effects fee the post house's revenue.
    paid_to: str | None = None

    @property
    def qualified_id(self) -> str:
        return f"{self.document}/{self.id}"

    @property
    def needs_amount(self) -> bool:
        return self.rate is not None

    def condition(self, condition_id: str) -> Condition | None:
        return next((c for c in self.conditions if c.id == condition_id), None)

    def inputs(self) -> list[dict[str, Any]]:
        """Form fields for this measure, derived from the one fact schema."""
        out: list[dict[str, Any]] = []
        for name in self.fields:
            spec = FIELD_BY_NAME[name]
            if spec.kind in ("amounts", "bools", "choices", "conditions"):
                continue
            label = spec.label
            if name == "amount":
                label = f"{self.base_label}（元，可写“800万”）"
            required = name == "amount" or any(c.field == name for c in self.conditions)
            out.append({"name": name, "label": label, "kind": spec.kind, "required": required})
        if self.tiers:
            out.append(
                {
                    "name": "tier",
                    "label": FIELD_BY_NAME["tier"].label,
                    "kind": "choice",
                    "required": True,
                    "choices": [{"value": t.id, "label": t.label} for t in self.tiers],
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": self.document,
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
            "tiers": [{k: v for k, v in t.__dict__.items() if k != "when"} for t in self.tiers],
            "conditions": [{"id": c.id, "question": c.question} for c in self.conditions],
            "inputs": self.inputs(),
            "source": {"doc": self.document, "text": self.source},
        }


@dataclass(frozen=True)
class PolicyDocument:
    document: str
    title: str
    caveat: str
    measures: tuple[Measure, ...]
    here: tuple[str, ...] = ()  # names inside the policy's area
    elsewhere: tuple[str, ...] = ()  # names of other places
    silent_on: tuple[Topic, ...] = ()  # what the text leaves open
    uncovered_costs: str | None = None  # costs no measure names (a pattern)
    names: tuple[str, ...] = ()  # what people call the document besides its title

    def named_in(self, text: str) -> bool:
        """Does a message name this document (its title, without 《》 or notes, or a name)?"""
        title = re.sub(r"[（(][^）)]*[）)]$", "", self.title)
        return any(name and name in text for name in (title, *self.names))


@dataclass(frozen=True)
class Policies:
    """Every policy document the calculator and the bot know, in load order."""

    documents: tuple[PolicyDocument, ...]

    @classmethod
    def load(cls, folders: list[Path] | tuple[Path, ...] = (BUILTIN_DIR,)) -> Policies:
        documents: list[PolicyDocument] = []
        for folder in folders:
            for path in sorted(Path(folder).glob("*.yaml")):
                documents.append(_document(yaml.safe_load(path.read_text("utf-8"))))
        ids = [m.qualified_id for d in documents for m in d.measures]
        if len(ids) != len(set(ids)):
            raise ValueError(f"measure ids repeat across policy data in {folders}")
        for d in documents:
            own = {m.id for m in d.measures}
            for m in d.measures:
                if m.paid_to is not None and m.paid_to not in own - {m.id}:
                    raise ValueError(
                        f"{d.document}/{m.id}: paid_to {m.paid_to} is no other measure"
                    )
        return cls(tuple(documents))

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for d in self.documents for m in d.measures)

    def document(self, document_id: str) -> PolicyDocument:
        return next(d for d in self.documents if d.document == document_id)

    def find(self, measure_id: str) -> Measure | None:
        try:
            return self.get(measure_id)
        except UnknownMeasure:
            return None

    def get(self, measure_id: str) -> Measure:
        """By id, `document/id`, or number (when one document is loaded)."""
        found = [
            m
            for m in self.measures
            if measure_id in (m.id, m.qualified_id)
            or (len(self.documents) == 1 and str(m.number) == measure_id)
        ]
        if len(found) == 1:
            return found[0]
        known = "、".join(m.id for m in self.measures)
        if found:
            known = "、".join(m.qualified_id for m in found)
            raise UnknownMeasure(f"“{measure_id}”不唯一，请写全：{known}")
        raise UnknownMeasure(f"没有编号为“{measure_id}”的条款；可选：{known}")


def _document(raw: dict[str, Any]) -> PolicyDocument:
    document = str(raw["document"])
    caveat = str(raw["caveat"])
    place = raw.get("jurisdiction") or {}
    return PolicyDocument(
        document=document,
        title=str(raw["title"]),
        caveat=caveat,
        measures=tuple(_measure(m, document, caveat) for m in raw["measures"]),
        here=tuple(place.get("here", ())),
        elsewhere=tuple(place.get("elsewhere", ())),
        silent_on=tuple(Topic(**t) for t in raw.get("silent_on", ())),
        uncovered_costs=raw.get("uncovered_costs"),
        names=tuple(str(n) for n in raw.get("names", ())),
    )


def _measure(m: dict[str, Any], document: str, caveat: str) -> Measure:
    vocabulary = m.get("vocabulary") or {}
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
        caveat=caveat,
        major_cap_yuan=m.get("major_cap_yuan"),
        min_staff=m.get("min_staff"),
        conditions=tuple(Condition(**c) for c in m.get("conditions", [])),
        tiers=tuple(Tier(**t) for t in m.get("tiers", [])),
        fields=tuple(m.get("fields", ())),
        base_roles=tuple(m.get("base_roles", ())),
        annual_base=bool(m.get("annual_base", False)),
        options=tuple(Option(**o) for o in m.get("options", [])),
        amount_cues=dict(m.get("amount_cues") or {}),
        settles=tuple(m.get("settles") or ()),
        paid_to=m.get("paid_to"),
        vocabulary=Vocabulary(
            triggers={str(k).lower(): int(v) for k, v in vocabulary.get("triggers", {}).items()},
            shadows=tuple(vocabulary.get("shadows", ())),
            outranks=dict(vocabulary.get("outranks", {})),
            examples=tuple(vocabulary.get("examples", ())),
            requires=vocabulary.get("requires"),
        ),
    )


@lru_cache(maxsize=1)
def builtin_policies() -> Policies:
    """The policies shipped in policy/data (the CLI, the API and the tests use these)."""
    return Policies.load((BUILTIN_DIR,))


def load_measures() -> list[Measure]:
    return list(builtin_policies().measures)


def get_measure(measure_id: str) -> Measure:
    return builtin_policies().get(measure_id)


def tier_choices() -> list[str]:
    """The values the `tier` fact takes: the tier ids of the built-in measures, in order."""
    return list(dict.fromkeys(t.id for m in load_measures() for t in m.tiers))
