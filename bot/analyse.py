"""Read a whole message: its parts, the amounts and their roles, the measures, the facts it
states or denies, and what it asks. Pure (the embedding model is handed in), fast, tested by
table in tests/test_analyse.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import numpy as np

from bot import lexicon as lx
from bot.lexicon import Lexicon
from policy import FIELDS, Facts, Measure, find_amounts, find_percents, format_wan
from policy.facts import FIELD_BY_NAME
from policy.money import FoundAmount, Yuan, exact

Role = Literal[
    "fee",
    "revenue",
    "investment",
    "prior_award",
    "claimed_rule",
    "land",
    "commercial",
    "whole",
    "approx",
    "range",
    "minus",
    "other",
]
BASE_ROLES = ("fee", "revenue", "investment", "approx", "range")
Embed = Callable[[list[str]], Any]  # texts → unit vectors (rows)

# Clause boundaries: sentence ends, commas, and connectives that start a new part.
_CLAUSE = re.compile(
    r"(?:[。！？!?；;\n：:]|(?<!\d)[，,]|[，,](?!\d)|\.(?=\s))+|(?=另外|此外|还有(?!吗|没有|不|呢)|同时|以及|然后|其次)"
)  # a comma between digits ("6,800,000") is a thousands separator; an English full stop ends
# a sentence ("…2.6 million. We also paid…"), a decimal point does not
# Embedding fallback for a message no trigger word places (unseen wording): the best measure
# by cosine to its title, base and example questions, if it leads the runner-up clearly.
# bench/fallback.py (the 50 golden calculator questions with their measure's trigger words
# removed): 0.80 / 0.02 places 21 rightly and 3 wrongly; 0.82 / 0.03 places 16, none wrongly;
# stricter settings only lose right ones. A wrong measure is a wrong amount: precision wins.
EMBED_MIN = 0.82
EMBED_LEAD = 0.03


@dataclass(frozen=True)
class Amount:
    yuan: Yuan
    text: str
    start: int
    role: Role
    part: int  # index of the clause it sits in
    low: Yuan | None = None  # an approximate amount or a range: its two ends
    high: Yuan | None = None
    was: Role | None = None  # a total's own role ("投资总额8000万": an investment)
    bound: Yuan | None = None  # "不到500万": the figure said, which the amount is below

    @property
    def said(self) -> str:
        """The amount as the message put it: a range or an estimate by its words ("500万"
        of "超过500万"), never its working midpoint."""
        if self.low is not None or self.high is not None:
            return self.text
        return format_wan(self.yuan)


@dataclass(frozen=True)
class Part:
    text: str
    start: int
    scores: dict[str, float]
    measure: str | None  # qualified id of the best measure by trigger words
    ambiguous: tuple[str, ...] = ()
    context: str = ""  # the whole clause, when an enumeration split it ("收入分别是60万、45万")


@dataclass
class Analysis:
    """What one message says. Measures are qualified ids (document/measure)."""

    text: str
    parts: list[Part]
    amounts: list[Amount]
    measures: list[str]  # in order of mention
    facts: dict[str, Facts]  # stated facts per measure (conditions, staff, amounts…)
    shared: Facts  # facts stated without a measure (staff, conditions of any measure)
    claimed: list[tuple[str | None, int | Decimal, str]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # what the text leaves open, asked here
    uncovered: list[str] = field(default_factory=list)  # costs no measure names
    unassigned: list[Amount] = field(default_factory=list)  # base amounts with no measure
    bases: dict[str, list[Amount]] = field(default_factory=dict)  # base amounts per measure
    # Amounts left out of a measure's base because their own clause puts the spend in another
    # place ("剪辑找的杭州团队花了100万"): (measure, amount, condition question).
    excluded: list[tuple[str, Amount, str]] = field(default_factory=list)
    # the clauses that say a condition of a project or a spend is not known ("B片的备案手续我
    # 不清楚办没办"), by (measure, condition)
    unknown_at: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    loose: list[Amount] = field(default_factory=list)  # a prior award or land with no measure
    separate_companies: set[str] = field(default_factory=set)  # annual sums of several firms
    # each company's own facts for a measure counted per company, read from its own words
    # ("甲年收入600万社保4人；乙年收入400万社保3人"): measure → letter → facts
    per_company: dict[str, dict[str, Facts]] = field(default_factory=dict)
    # the yes/no option facts each clause states ("已纳入市级重大项目名单"): fact → clause → value
    options_at: dict[str, dict[int, bool]] = field(default_factory=dict)
    # conditions the user says they do not know ("备案是合作方在弄，我不清楚备没备")
    unknown: dict[str, set[str]] = field(default_factory=dict)
    embedded: str | None = None  # the measure only the embedding model suggested

    @property
    def bounds(self) -> dict[str, Yuan]:
        """Measures whose one base is said only as below a figure ("不到500万"): that figure."""
        return {
            measure: amounts[0].bound
            for measure, amounts in self.bases.items()
            if len(amounts) == 1 and amounts[0].bound is not None
        }

    @property
    def spans(self) -> dict[str, tuple[str, Yuan, Yuan]]:
        """Measures whose base is not exact: ("approx" for "280万左右", "range" for "八九百万"
        or "300到400万"), with the base's lowest and highest sum."""
        out: dict[str, tuple[str, Yuan, Yuan]] = {}
        for measure, amounts in self.bases.items():
            fuzzy = [x for x in amounts if x.role in ("approx", "range")]
            if not fuzzy:
                continue
            kind = "range" if any(x.role == "range" for x in fuzzy) else "approx"
            low = sum(x.low if x.low is not None else x.yuan for x in amounts)
            high = sum(x.high if x.high is not None else x.yuan for x in amounts)
            out[measure] = (kind, low, high)
        return out

    ambiguous: tuple[str, ...] = ()
    other_place: bool = False
    fabrication: bool = False
    injection: bool = False
    greeting: bool = False
    follow_up: bool = False
    how_much: bool = False
    asks_what: bool = False
    asks: bool = False  # any question at all (a mark, 吗/呢, a question word)
    asks_cap: bool = False
    asks_threshold: bool = False
    asks_rate: bool = False
    several: bool = False
    other_place_named: bool = False  # names another place (and not the policy's own)
    own_place_named: bool = False  # names the policy's own place (and no other)
    # every place named is where the project was filed or the company is, not where it spent
    # ("项目是在浙江备的案，公司也是杭州的")
    places_not_of_spend: bool = False
    spend_conditions: dict[str, list[str]] = field(default_factory=dict)  # measure → ids
    place_conditions: dict[str, list[str]] = field(default_factory=dict)  # the company's place
    # Measures for which a condition read another place ("委托北京公司"): not off-scope.
    place_read: set[str] = field(default_factory=set)
    questions: list[str] = field(default_factory=list)  # clauses that ask something else
    # Measures a question asks about alone ("我们建设方能拿多少硬件补贴"): only these computed.
    asked_only: list[str] = field(default_factory=list)
    not_asked: list[str] = field(default_factory=list)
    paid_company: str | None = None  # the conversation turned to the company paid (plan.py)
    # Base amounts said with a label ("A项目棚租700万"): label → (measure, yuan)
    labelled: dict[str, tuple[str, Yuan]] = field(default_factory=dict)
    # amounts of another year than the one computed ("300万元（2024年，按2025年度测算…）")
    other_years: list[str] = field(default_factory=list)
    # measures whose tier the message says is not known ("不确定是重大工程还是规划")
    tier_unknown: set[str] = field(default_factory=set)
    # the recipient's award asked ("第一出品单位那边能拿多少"): measure → the conditions
    # stated only to deny the speaker's own award, which do not hold against it
    recipient_asked: dict[str, list[str]] = field(default_factory=dict)
    # the amount a measure is worked on said not known yet ("收入还没统计出来")
    base_not_known: bool = False
    # several years of one company asked together ("两个年度各是多少"): each computed apart
    years_apart: list[str] = field(default_factory=list)
    # parts kept out of a base, said back ("演员片酬600万元（合计1500万元中所列，已从中扣除）")
    left_out: list[str] = field(default_factory=list)
    unpaid: list[str] = field(default_factory=list)  # measures whose only cost is unpaid
    pending: dict[str, Yuan] = field(default_factory=dict)  # unpaid beside the paid, by measure
    # a total holding costs no measure names, with no figure for them, per measure: its note
    mixed: dict[str, str] = field(default_factory=dict)
    unsettled: bool = False  # an inexact amount said not final yet ("左右，还没最终结算")
    one_company_asked: bool = False  # the message asks one of several companies alone
    # questions whose answer the award depends on, beside the conditions: measure → question
    # ("上半年已经拿过一笔…具体多少我得找财务查": what is left under the yearly cap)
    open_questions: dict[str, str] = field(default_factory=dict)
    # yes/no facts of the schema the user says they do not know yet: measure → fields
    doubted: dict[str, set[str]] = field(default_factory=dict)
    # labelled amounts set aside by the one asked alone ("先算A"): label → yuan, kept so a
    # later turn may ask them ("那B公司呢")
    aside: dict[str, Yuan] = field(default_factory=dict)


class Analyser:
    def __init__(self, lexicon: Lexicon, embed: Embed | None = None) -> None:
        self.lexicon = lexicon
        self.embed = embed
        self._profiles: tuple[list[str], Any] | None = None

    # -- the whole message -------------------------------------------------------------------
    def analyse(self, text: str, context: str | None = None) -> Analysis:
        """Read one message. `context`: the measure the conversation is about, which amounts
        of a message naming no measure belong to ("其中250万是重庆公司做的")."""
        lex = self.lexicon
        # "6,000,000元", "3,000万": a figure's separators are no clause's comma
        text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
        whole = _echo_answered(text)
        text = _asked_company_only(whole)
        parts = self._company_side(
            text, self._client_side(text, self._parts(text, context)), context
        )
        amounts = self._amounts(text, parts)
        a = Analysis(
            text=text,
            parts=parts,
            amounts=amounts,
            measures=[],
            facts={},
            shared=Facts(),
            # "👋你好": a greeting with its emoji
            greeting=bool(lx.GREETING.match(re.sub(r"[^\w!！。.?？~～]", "", text))),
            injection=bool(lx.INJECTION.search(text)),
            fabrication=lx.is_gaming(text),
            follow_up=bool(lx.FOLLOW_UP.search(text)) or len(text) <= 12,
            how_much=bool(lx.HOW_MUCH.search(text)),
            asks_what=bool(lx.WHAT.search(text)) and "多少" not in text,
            asks=asks(text),
            asks_cap=_asks_term(lx.CAP_WORDS, text),
            asks_threshold=bool(lx.THRESHOLD_WORDS.search(text)),
            asks_rate=bool(lx.RATE_WORDS.search(text)),
            several=bool(lx.SEVERAL.search(text)) and not lx.SAME_PROJECT.search(text),
        )
        # (not words quoted from the articles: "“我个人非常兴奋…”这句话是哪位嘉宾说的")
        unquoted = lx.QUOTED_SPAN.sub("“”", text)
        a.topics = [topic for topic, pattern in lex.topics if pattern.search(unquoted)]
        if lex.uncovered is not None:
            a.uncovered = sorted({m.group(0) for m in lex.uncovered.finditer(text)})
            if _episodes_counted(text):
                # "每集棚租设备15万，一共32集": a per-episode figure the count makes a sum
                a.uncovered = [u for u in a.uncovered if not lx.PER_EPISODE.search(u)]
        mentioned = [p.measure for p in parts if p.measure]
        a.measures = list(dict.fromkeys(mentioned))
        # "棚租420万、道具160万、特效280万，分别能补多少": one answer per measure, not per amount
        a.several = a.several or (
            bool(lx.EACH.search(text))
            and len(a.measures) <= 1
            # "发票三张，分别为210万元、185万元、160万元，均为同一项目": one project's invoices
            and not lx.SAME_PROJECT.search(text)
        )
        a.ambiguous = next((p.ambiguous for p in parts if p.ambiguous), ())
        # (a follow-up about the conversation's measure too: "这个补贴是分期给吗")
        about = [*a.measures, *([context] if context in lex.measures else [])]
        settled = {t for q in about for t in lex.measure(q).settles}
        if lx.HOW_LONG_AFTER.search(text):
            settled = set()  # "建成后多久能拿到钱": how long after what the clause says, open
        a.topics = [t for t in a.topics if t not in settled]  # the clause itself says
        if not a.measures or any(_yearly(lex.measure(q)) for q in a.measures):
            _drop_earlier_years(a)  # years matter where the text counts a year
        _keep_asked_label(a)
        _drop_other_parties(a)
        _drop_not_incurred(a, context)
        a.asked_only = self._asked_only(a) or self._party_asked(a)
        # "不问重庆配套": a measure the message says it is not asking about
        # ("特效那块我们不是第一出品方，先不管了": the measure of the clause before)
        a.not_asked = [
            m
            for i, p in enumerate(parts)
            if lx.NOT_ASKED.search(p.text)
            and (
                m := p.measure
                or (parts[i - 1].measure if i and lx.NOT_ASKED_ALONE.fullmatch(p.text) else None)
            )
        ]
        a.not_asked += self._set_aside(a)
        self._assign(a, context)
        # a head count said in a conversation about a measure that counts staff is its count
        asked_of = [*a.measures, *([context] if context in lex.measures else [])]
        staffed = any(lex.measure(q).min_staff for q in asked_of if q)
        places = self._read_facts(a, staffed)
        self._exclude_elsewhere(a, places)
        self._part_not_known(a)
        self._year_not_known(a)
        self._mixed_total(a, context)
        for measure, facts in list(a.facts.items()):
            a.facts[measure] = self._combine(a, measure, facts)
        self._options_per_claim(a)
        _remainder_said(a)
        _parts_listed_apart(a)
        a.other_place = self._other_place(a)
        named = re.search(lex.elsewhere, text)
        own = re.search(lex.here, text)
        a.other_place_named = bool(named) and not own
        a.own_place_named = bool(own) and not named
        named_places = sorted(
            [*re.finditer(lex.elsewhere, text), *re.finditer(lex.here, text)],
            key=lambda m: m.start(),
        )
        not_of_spend: list[bool] = []
        for place in named_places:
            not_of_spend.append(
                bool(
                    lx.PLACE_OF_FILING.match(text[place.end() :])
                    or lx.PLACE_OF_COMPANY_AFTER.match(text[place.end() :])
                    or lx.PLACE_OF_COMPANY_BEFORE.search(text[: place.start()])
                    # "项目是在浙江备案的，不是在重庆": the place before, denied
                    or (
                        not_of_spend
                        and not_of_spend[-1]
                        and re.search(r"(不是|并非|而不是|不)在?\s*$", text[: place.start()])
                    )
                )
            )
        # (not a place naming who issued the policy: "这个政策是重庆市科技局发的吧")
        a.places_not_of_spend = (
            bool(named_places) and not lx.ISSUED_BY.search(text) and all(not_of_spend)
        )
        for rule in lex.rules:
            if rule.subject == "spend":
                a.spend_conditions.setdefault(rule.measure, []).append(rule.condition)
            elif rule.about_place:  # where the company itself is
                a.place_conditions.setdefault(rule.measure, []).append(rule.condition)
        a.questions = [p.text for p in parts if asks(p.text) and not _only_asks_amount(p.text)]
        self._per_company(a, context)
        self._per_year(a, context)
        a.base_not_known = self._base_not_known(text, {*a.measures, context})
        self._year_holds_its_part(a)
        self._recipient_asked(a, context)
        self._project_award_received(a)
        a.one_company_asked = text != whole
        a.unsettled = bool(lx.NOT_FINAL.search(text))
        if lx.PRIOR_AMOUNT_UNKNOWN.search(text) and not any(
            x.role == "prior_award" for x in a.amounts
        ):
            for measure in a.measures:
                if lex.measure(measure).cap_scope == "per_company_year":
                    a.open_questions[measure] = (
                        "今年已获本条款补助的金额是多少？（剩余额度取决于它）"
                    )
        return a

    def _per_company(self, a: Analysis, context: str | None) -> None:
        """A measure counted per company, with several companies' amounts: each company's
        facts read from its own words, so each is computed with its own threshold, staff, award
        received and cap. Left empty when a company's words give it no amount of its own."""
        if not a.separate_companies:
            return
        texts = company_texts(a.text)
        # "甲的先不算，乙和丙合计多少": the companies set aside are not computed
        aside = {m["letter"] for m in lx.LABEL_SET_ASIDE.finditer(a.text) if m["letter"]}
        texts = {letter: t for letter, t in texts.items() if letter not in aside}
        if len(texts) < 2:
            return
        said = list(texts.values())
        head = 0  # what the message says before naming any company, shared by all
        while all(len(t) > head and t[head] == said[0][head] for t in said):
            head += 1
        for measure in a.separate_companies:
            own: dict[str, Facts] = {}
            for letter, text in texts.items():
                alone = self.analyse(text, context)
                facts = alone.facts.get(measure)
                if facts is None or measure in alone.separate_companies:
                    return
                if facts.amount_yuan is None and not facts.claims_yuan:
                    return
                # "一家在成都（…收入1200万）": its own words name another place, not this one
                words = text[head:]
                if re.search(self.lexicon.elsewhere, words) and not re.search(
                    self.lexicon.here, words
                ):
                    places = a.place_conditions.get(measure, [])
                    conditions = {**facts.conditions, **{c: False for c in places}}
                    facts = replace(facts, conditions=conditions)
                own[letter] = with_shared(alone, facts)
            a.per_company[measure] = own

    def _project_award_received(self, a: Analysis) -> None:
        """An award already received under a measure capped per project is that project's:
        the one whose spend the same sentence names ("B项目前几期已经拿了900万…这次又花了1000
        万"), or the one the message asks about ("这个项目还能拿多少"), whatever year it was
        received in; else another project's, which leaves this one's cap whole. The spend it
        was received for, said right before it ("第一阶段花了1000万，已经拿了200万补助"), is
        not worked again: the award is the later spend's, within what is left of the cap."""
        text = a.text
        earlier = [x for x in a.amounts if x.role == "other" and _earlier_award(text, x)]
        priors = [x for x in a.amounts if x.role == "prior_award"]
        for measure, facts in list(a.facts.items()):
            if self.lexicon.measure(measure).cap_scope != "per_project":
                continue
            received = [x for x in priors if x.yuan == facts.prior_awards_yuan]
            if earlier and not facts.prior_awards_yuan and len(earlier) == 1:
                # "2026年…已经拿了300万补助；2027年又追加…这个项目还能拿多少"
                facts = replace(facts, prior_awards_yuan=earlier[0].yuan)
                received = earlier
            if len(received) != 1:
                a.facts[measure] = replace(facts, prior_awards_yuan=0)
                continue
            award = received[0]
            sentence = _sentence_at(text, award.start)
            if lx.OTHER_PROJECT.search(
                _clause_before(text, award) + text[max(0, award.start - 16) : award.start]
            ):
                # "去年另一部戏已经拿过摄影棚补助800万了，今年这部新戏…3000万": not this one's
                a.facts[measure] = replace(facts, prior_awards_yuan=0)
                continue
            bases = sorted(a.bases.get(measure, []), key=lambda x: x.start)
            # (not a new project said after it: "已经拿过…300万，这次新片…1600万")
            beside = [
                x
                for x in bases
                if _sentence_at(text, x.start) == sentence
                and (
                    x.start < award.start
                    or not lx.NEW_PROJECT.search(text[award.start + len(award.text) : x.start])
                )
            ]
            if facts.claims_yuan and len(beside) == 1 and len(bases) == len(facts.claims_yuan):
                # several projects, the award one's: each computed with its own
                a.per_company[measure] = {
                    f"第{i}个项目": replace(
                        facts,
                        amount_yuan=x.yuan,
                        claims_yuan=(),
                        prior_awards_yuan=award.yuan if x is beside[0] else 0,
                    )
                    for i, x in enumerate(bases, start=1)
                }
                a.separate_companies.add(measure)
                continue
            if not beside and (
                # (an award said with no spend at all stays, for the turns to come: "第一阶段
                # …已经按租棚这条拿了800万补助")
                (bases and not lx.THIS_PROJECT.search(text)) or lx.OTHER_PROJECT.search(sentence)
            ):
                # "今年已经拿过一次棚补助300万，这次新片又花了800万", "去年另一部戏已经拿过…"
                a.facts[measure] = replace(facts, prior_awards_yuan=0)
                continue
            spent = [x for x in beside if x.start < award.start]
            if (
                not facts.claims_yuan
                and facts.amount_yuan is not None
                and len(spent) == 1
                and spent[0].yuan < facts.amount_yuan
            ):
                facts = replace(facts, amount_yuan=facts.amount_yuan - spent[0].yuan)
                a.left_out.append(f"{spent[0].said}（已获补助{award.said}对应的费用，不重复测算）")
            a.facts[measure] = facts

    def _recipient_asked(self, a: Analysis, context: str | None) -> None:
        """A condition stated only to deny it (`ask: false`: the recipient the clause names)
        denies the speaker's own award ("我们只是第二出品方…我们能拿多少"); asked of the
        recipient ("第一出品单位能拿多少", "这笔补助给谁"), the award is computed for it (in
        a later turn too: `recipient_asked`)."""
        # ("我们是这部剧的第二出品方…钱是我们付的，能申请…吗": the speaker's role, its award)
        own = (
            lx.OWN_ASKED.search(a.text)
            or lx.PARTY_ASKS_OWN.search(a.text)
            or lx.SPEAKER_ROLE.search(a.text)
        )
        about = [*a.facts, *([context] if context in self.lexicon.measures else [])]
        for measure in dict.fromkeys(about):
            facts = a.facts.get(measure, Facts())
            m = self.lexicon.measure(measure)
            silent = [c.id for c in m.conditions if not c.ask]
            if not silent:
                continue
            denied = [c for c in silent if facts.conditions.get(c) is False]
            core = re.sub(r"(单位|方|公司)$", "", m.recipient)
            asked = re.search(
                rf"(?<!我们)(?<!我们的)({re.escape(core)})(单位|方|公司)?[^，,。？?]{{0,8}}"
                r"(能|可以|可)(拿|补|获得|领|申请|到)|给谁|谁(能|可以)?(拿|领|申请)|"
                rf"帮[^，,。？?]{{0,4}}{re.escape(core)}",
                a.text,
            )
            if asked:
                a.recipient_asked[measure] = silent
            if (asked or not own) and denied and measure in a.facts:
                kept = {k: v for k, v in facts.conditions.items() if k not in denied}
                a.facts[measure] = replace(facts, conditions=kept)

    def _year_holds_its_part(self, a: Analysis) -> None:
        """ "付了300万。这家公司今年全年技术服务收入一共900万（含我们这300万）": a year's total
        named with a part said before it; the part is not added to the year's total again."""
        for i in range(1, len(a.amounts)):
            total, part = a.amounts[i - 1], a.amounts[i]
            between = a.text[total.start + len(total.text) : part.start]
            if part.yuan >= total.yuan or not lx.PART_NAMED_INSIDE.fullmatch(between):
                continue
            for measure, facts in list(a.facts.items()):
                claims = list(facts.claims_yuan)
                if not self.lexicon.measure(measure).annual_base or total.yuan not in claims:
                    continue
                if part.yuan in claims:
                    claims.remove(part.yuan)
                    a.facts[measure] = replace(
                        facts,
                        amount_yuan=claims[0] if len(claims) == 1 else None,
                        claims_yuan=() if len(claims) == 1 else tuple(claims),
                    )

    def _years_listed(self, a: Analysis) -> None:
        """ "25、26、27三年后期技术服务收入分别是180万、260万、520万，三年合计能拿多少": the
        years listed and their figures said after in the same order, each year its own."""
        listed = lx.YEARS_LISTED.search(a.text)
        if listed is None or not lx.YEARS_TOGETHER.search(a.text):
            return
        years = ["20" + y[-2:] for y in re.findall(r"(?:20)?2\d", listed["list"])]
        sentence = _sentence_at(a.text, listed.start())
        if "分别" not in sentence or len(set(years)) != len(years):
            return
        for measure in a.measures:
            if not _yearly(self.lexicon.measure(measure)) or measure not in a.facts:
                continue
            figures = sorted(a.bases.get(measure, []), key=lambda x: x.start)
            if len(figures) != len(years) or any(x.start < listed.end() for x in figures):
                continue
            facts = a.facts[measure]
            a.per_company[measure] = {
                f"{year}年度": with_shared(a, replace(facts, amount_yuan=x.yuan, claims_yuan=()))
                for year, x in zip(years, figures, strict=True)
            }
            a.separate_companies.add(measure)

    def _base_not_known(self, text: str, about: set[str | None]) -> bool:
        """Does the text say the amount a measure is worked on is not known yet ("收入还没统计
        出来", "费用现在还说不准"), not an award received, a head count or a condition ("固定
        资产投资还没纳入统计")?"""
        return any(
            lx.AMOUNT_NOT_KNOWN.search(clause)
            and not re.search(
                r"社保|人数|几个人|多少人|补助|奖励|补贴|拿过|领过|获得|土地|商业", clause
            )
            and all(
                _read(clause, r.true_when, r.false_when) is None
                for r in self.lexicon.rules
                if r.measure in about
            )
            for clause in re.split(r"[，,。；;！!？?\n]", text)
        )

    def _per_year(self, a: Analysis, context: str | None) -> None:
        """Several years of one company asked together ("2025年度收入4200万，2026年度1600万，
        两个年度各是多少、合计多少"): a measure counted by the year is computed year by year,
        each from the words of its own year (its threshold, award received and cap), then
        added. Left as one year when a year's words give it no amount of its own."""
        if a.per_company:
            return
        if not a.years_apart:
            self._years_listed(a)
            self._this_and_next_year_said(a)
            return
        texts = year_texts(a.text, a.years_apart)
        for measure in a.measures:
            if measure not in a.facts or not _yearly(self.lexicon.measure(measure)):
                continue
            own: dict[str, Facts] = {}
            for year, text in texts.items():
                alone = self.analyse(text, context)
                facts = alone.facts.get(measure)
                if facts is None or (facts.amount_yuan is None and not facts.claims_yuan):
                    return
                own[f"{year}年度"] = with_shared(alone, facts)
            a.per_company[measure] = own
            a.separate_companies.add(measure)
        if a.per_company:
            a.other_years = []

    def _this_and_next_year_said(self, a: Analysis) -> None:
        """ "今年技术服务收入600万，明年预计能到900万，今明两年加起来一共多少": this year's and
        next year's figures of one company, each computed on its own (its threshold and its
        year's cap), then added."""
        if a.per_company or not (
            lx.THIS_YEAR.search(a.text)
            and lx.NEXT_YEAR.search(a.text)
            and (lx.YEARS_TOGETHER.search(a.text) or lx.THIS_AND_NEXT_TOGETHER.search(a.text))
        ):
            return
        yearly = [m for m in a.bases if _yearly(self.lexicon.measure(m))]
        if len(yearly) != 1:
            return
        measure = yearly[0]

        def next_year(x: Amount) -> bool:
            head = re.split(r"[。；;！!？?\n]", a.text[: x.start])[-1]
            said = [(m.end(), "this") for m in lx.THIS_YEAR.finditer(head)]
            said += [(m.end(), "next") for m in lx.NEXT_YEAR.finditer(head)]
            return bool(said) and max(said)[1] == "next"

        later = [x for x in a.amounts if x.role == "other" and next_year(x)]
        if not later:
            return
        facts = with_shared(a, a.facts[measure])
        a.per_company[measure] = {
            "今年度": facts,
            "明年度": replace(
                facts,
                amount_yuan=sum(x.yuan for x in later),
                claims_yuan=(),
                prior_awards_yuan=0,
            ),
        }
        a.separate_companies.add(measure)

    def _parts(self, text: str, context: str | None = None) -> list[Part]:
        parts: list[Part] = []
        position = 0
        # a measure that needs its applicant's words has them in a conversation about it
        # ("在渝协拍机构…" then "第一个剧组置景费用600万")
        gated = self.lexicon.gated(text) - {context}
        # "这800万不是棚租，而是委托重庆公司做特效": the kind it is not names no measure
        denied = [m.span("denied" if m["denied"] else "spent") for m in _DENIED_KIND.finditer(text)]
        for piece, clause in _pieces(text):
            start = text.find(piece, position) if piece else position
            if piece.strip():
                role = _clause_role(clause)
                probe = "".join(
                    " " if any(a <= start + i < b for a, b in denied) else ch
                    for i, ch in enumerate(piece)
                )
                scores = self.lexicon.scores(probe, role)
                scores = {q: v for q, v in scores.items() if q not in gated}
                best, ambiguous = _best(scores)
                lumped = sorted((v, q) for q, v in scores.items() if v >= 2)
                if (
                    best
                    and len(lumped) > 1
                    and 2 * lumped[-2][0] >= lumped[-1][0]  # a weak second word is no second kind
                    and lx.LUMPED.search(piece)
                ):
                    # "后期业务和棚租收入加起来一千万": one amount for two measures, not split
                    best, ambiguous = None, tuple(sorted(q for _, q in lumped[-2:]))
                parts.append(Part(piece, max(start, 0), scores, best, ambiguous, clause))
                position = max(start, 0) + len(piece)
        return self._numbered_buildings(parts, context)

    def _numbered_buildings(self, parts: list[Part], context: str | None) -> list[Part]:
        """ "同时建两个影视棚项目…一号棚实际投入2000万", then "二号棚6500万": a numbered
        building named by a weak word of another measure is one of the projects the message
        (or the conversation) is about."""
        about = {
            p.measure
            for p in parts
            if p.measure
            and p.scores.get(p.measure, 0) >= 2
            and not lx.NUMBERED_BUILDING.search(p.text)
        }
        if context in self.lexicon.measures:
            about.add(context)
        out = []
        for p in parts:
            others = about - {p.measure}
            if (
                p.measure is not None
                and p.measure not in about
                and p.scores.get(p.measure, 0) <= 2
                and len(others) == 1
                and lx.NUMBERED_BUILDING.search(p.text)
            ):
                p = replace(p, measure=others.pop(), ambiguous=())
            out.append(p)
        return out

    def _client_side(self, text: str, parts: list[Part]) -> list[Part]:
        """A production listing what it paid ("制片方…摄影棚租金420万元、灯光设备租赁180万元"):
        an item a service company's measure names too is the production's own spend, under the
        measure by which the client claims it (the data's `paid_to`), unless the speaker is that
        company or the message names it plainly."""
        if not lx.APPLICANT.search(text) or lx.SPEAKER_SERVES.search(text):
            return parts
        client_of = self.lexicon.client_of
        company = [p for p in parts if p.measure in client_of]
        # ("我们是重庆协拍公司": the company, named plainly)
        plain = any(
            p.scores[p.measure] >= 3 and p.scores.get(client_of[p.measure], 0) == 0
            for p in company
            if p.measure is not None
        )
        if not company or plain:
            return parts
        out = []
        for p in parts:
            client = client_of.get(p.measure or "")
            # (the client's words nearly as strong: "灯光设备租赁" of a production's list)
            if client is not None and 2 * p.scores.get(client, 0) > p.scores[p.measure or ""]:
                p = replace(p, measure=client, ambiguous=())
            out.append(p)
        return out

    def _set_aside(self, a: Analysis) -> list[str]:
        """ "客户说他们在重庆棚里花了3000万，能拿600万，这个跟我们没关系", "剧组那边自己算过能拿满
        1000万，这个不用管": the measures of what the speaker sets aside, in its sentence; a
        client's award set aside without naming its measure is the client's measure of the
        speaker's company (the data's `paid_to`)."""
        out: list[str] = []
        if lx.EACH_ASKED.search(a.text):
            return out  # "这部跟我们协拍公司没关系。协拍补助和棚租补助各是多少": both asked
        for found in lx.SET_ASIDE.finditer(a.text):
            sentence = _sentence_at(a.text, found.start())
            begin = a.text.find(sentence)
            named = [p.measure for p in a.parts if p.measure and begin <= p.start < found.start()]
            if not named and lx.CLIENT_SIDE.search(sentence):
                named = [c for c, m in self.lexicon.company_of.items() if m in a.measures]
            out += named
        return list(dict.fromkeys(out))

    def _company_side(self, text: str, parts: list[Part], context: str | None) -> list[Part]:
        """A service company speaking of what it earned ("今年给重庆一个剧组租设备收了650万",
        "要是年底再接一单30万的调色" in a conversation about its own award): an item its
        client's measure names is the company's revenue, under the measure by which the company
        claims it (the data's `paid_to`), unless the client's award is asked."""
        company_of = self.lexicon.company_of
        introduced = any(lx.SPEAKER_COMPANY.fullmatch(p.text) for p in parts)
        # "后期公司，在永川，社保8个人。…调色90万、剪辑70万…能不能拿后期奖励": a company
        # named by what it does, opening the message, asking its own measure's award
        opened = bool(parts) and bool(
            parts[0].measure in company_of.values()
            and lx.BARE_COMPANY.fullmatch(parts[0].text)
            and any(p.measure == parts[0].measure and asks(p.text) for p in parts[1:])
        )
        introduced |= opened
        ours = bool(lx.SPEAKER_SERVES.search(text)) or context in company_of.values() or introduced
        # "2. 甲这单能拿数字技术服务补助吗": a question naming the client's measure itself
        client_measure_asked = any(
            p.measure in company_of
            and asks(p.text)
            and not lx.EARNED.search(p.text)
            and not lx.BUSINESS_LINE.search(p.text)
            and not lx.SPEAKER_COMPANY.fullmatch(p.text)
            for p in parts
        )
        if (
            not ours
            or lx.FOR_THE_CLIENT.search(text)
            or lx.CLIENT_ASKS.search(text)
            or lx.CLIENT_TURN.search(text)
            or client_measure_asked
        ):
            return parts
        out = []
        for p in parts:
            company = company_of.get(p.measure or "")
            # ("我们是重庆做配音剪辑的小工作室": the company, by what it does)
            if company is not None and (
                lx.EARNED.search(p.text)
                or lx.SPEAKER_COMPANY.fullmatch(p.text)
                or lx.BUSINESS_LINE.search(p.text)
                or opened
            ):
                p = replace(p, measure=company, ambiguous=())
            out.append(p)
        return out

    def _asked_only(self, a: Analysis) -> list[str]:
        """The measures the message asks about alone: "我只问我们协拍公司自己能拿多少", or every
        question of it names one measure by its award ("…，硬件补贴多少"), so the other
        measures its breakdown mentions ("影视棚及设备1.2亿") are context."""
        asking = [
            p
            for index, p in enumerate(a.parts)
            if asks(p.text) and not any(x.part == index for x in a.amounts)
        ]
        # (not "我们协拍机构和剧组制片方各能拿多少": each party asked)
        only = [
            p.measure
            for p in asking
            if p.measure and lx.ONLY_ASKED.search(p.text) and not lx.EACH_ASKED.search(p.text)
        ]
        # (not "客户那边…能拿多少？我们自己的后期奖励又是多少？": both asked)
        others = {p.measure for p in asking if p.measure and p.measure not in only}
        if only and not others:
            return only
        named = {p.measure for p in asking}
        last_amount = max((x.start for x in a.amounts), default=-1)
        if lx.ALSO_ASKS.search(a.text):
            return []  # "那家重庆特效公司自己也问…": one more party's question beside the rest
        if (
            len(named) == 1
            and all(p.start > last_amount for p in asking)  # the question closes the message
            and None not in named
            and all(sum(score > 0 for score in p.scores.values()) == 1 for p in asking)
            and not re.search(r"各[^，。,；;]{0,2}(多少|能|补|拿|是)", a.text)
            and all(lx.AWARD_WORD.search(p.text) for p in asking)
            and not lx.EACH.search(a.text)
            and not lx.TOTAL_ASK.search(a.text)
        ):
            return [m for m in named if m is not None]
        return []

    def _party_asked(self, a: Analysis) -> list[str]:
        """A message about a service company and its client that sets one party aside ("我们的
        不用算", "客户的事不用管") or asks the speaker's alone ("先问我们自己这块"): the measures
        of the party asked (the speaker's are the company's when the speaker is the company)."""
        company_of = self.lexicon.company_of
        clients = [q for q in a.measures if q in company_of]
        companies = [q for q in a.measures if q in company_of.values()]
        if not (clients and companies):
            return []
        text = a.text
        ours_aside = bool(lx.OURS_SET_ASIDE.search(text))
        theirs_aside = bool(lx.THEIRS_SET_ASIDE.search(text))
        # "…剧组那边用棚花了900万。我们公司能拿多少？": ours asked, no other party's
        # ("费用分别为700万元、650万元" tells, it asks nothing of each party)
        asked = "".join(p.text for p in a.parts if asks(p.text))
        # (not "我们制片方能拿多少": the speaker named by its role)
        others_asked = (
            lx.asked_of_others(lx.CLIENT_ASKS, text)
            or lx.asked_of_others(lx.FOR_THE_CLIENT, text)
            or lx.COMPANY_AWARD_ASKED.search(text)
            or lx.EACH_ASKED.search(asked)
            or lx.BOTH.search(asked)
        )
        questions = [p.text for p in a.parts if asks(p.text) and lx.AWARD_ASKED.search(p.text)]
        ours_alone = lx.OURS_ALONE.search(text) or (
            len(questions) == 1 and lx.OWN_ASKED.search(questions[0]) and not others_asked
        )
        theirs_alone = bool(lx.THEIRS_ALONE.search(text)) and not lx.OWN_ASKED.search(text)
        if theirs_alone and not theirs_aside:
            ours_aside = True  # "帮他们问问…能拿多少": theirs asked alone
        if ours_aside == theirs_aside and not (ours_alone and not ours_aside):
            return []
        speaker_company = bool(lx.SPEAKER_SERVES.search(text) or lx.SPEAKER_IS_COMPANY.search(text))
        ours, theirs = (companies, clients) if speaker_company else (clients, companies)
        kept = theirs if ours_aside else ours
        return [*kept, *(q for q in a.measures if q not in clients and q not in companies)]

    def _amounts(self, text: str, parts: list[Part]) -> list[Amount]:
        out: list[Amount] = []
        # another company's own figures are apart when the message asks about ours alone
        asking = [p.text for p in parts if asks(p.text)]
        theirs_apart = any("我们" in t for t in asking) and not any(
            lx.THEIR_ASK.search(t) for t in asking
        )
        # the message asks only what the client may claim (not what we may too)
        unbracketed = re.sub(r"[（(][^）)]*[）)]", "", text)
        client_asked = (
            bool(lx.FOR_THE_CLIENT.search(unbracketed))
            and not lx.OWN_TOO.search(unbracketed)
            and not lx.OWN_ASKED.search(unbracketed)
            and not lx.SPEAKER_IS_CLIENT.search(unbracketed)
            and not lx.COMPANY_AWARD_ASKED.search(unbracketed)
        )
        for found in find_amounts(text):
            index = _part_at(parts, found.start)
            clause = parts[index] if parts else None
            clause_start = clause.start if clause else 0
            # (a bracket before the amount is left out whole: "实际投入（不含土地费和配套商业
            # 投资）3600万元" is no commercial figure)
            before = re.sub(r"[（(][^）)]*[）)]", "", text[clause_start : found.start])[-12:]
            own = clause.context if clause else text
            months = (
                _months_paid(text, found, clause_start)
                or _episodes_paid(text, found, clause_start)
                or _days_paid(text, found, clause_start)
                or _area_paid(text, found, clause_start)
            )
            if months:
                # "每个月付45万，一共付了5个月", "1到6月每月18万": the months' sum, read as what
                # the clause says it is (a fee, a revenue)
                found = replace(found, yuan=found.yuan * months)
                before = lx.MONTH_SPAN.sub("", lx.PER_MONTH_BEFORE.sub("", before))
                before = lx.PER_EPISODE.sub("", lx.PER_DAY_BEFORE.sub("", before))
                before = lx.PER_AREA_BEFORE.sub("", before)
            if clause and index > 0 and _bare(clause.text, found.text):
                said = index - 1
                while said > 0 and lx.SAID_AGAIN.fullmatch(parts[said].text):
                    said -= 1  # "收入的话大概是，嗯，一千一百万吧": past the filler
                # "…领过一次奖励了，300万"; the clause's own word stays last ("…，补240万")
                before = parts[said].text[-12:] + " " + text[clause_start : found.start]
                if clause.context == clause.text:  # not an item of an enumeration
                    own = parts[said].text + clause.text
            elif (
                clause
                and index > 0
                and text[clause.start - 1 : clause.start] in ("：", ":")
                and lx.FIELD_RECEIVED.search(parts[index - 1].text)
            ):
                # a form's field "本年度已获：本条款补助200万元": what the label says of it
                before = parts[index - 1].text[-12:] + text[clause_start : found.start]
            clause_end = clause.start + len(clause.text) if clause else len(text)
            after = text[found.end : min(found.end + 6, clause_end)]
            if found.text != found.text.rstrip():
                after = " " + after  # "投了5000万 补贴能拿吗": a space ends what is said of it
            larger = any(earlier.yuan > found.yuan for earlier in out)
            rest = text[found.end :]
            role = self._role(before, after, own, result_possible=larger, rest=rest)
            if (
                role == "other"
                and re.search(r"另(外)?一家[^，。,；;\d]{0,12}$", before)
                and re.search(r"(?<![另外])一家|[两三四]家", text[: found.start])
            ):
                # "一家年度技术服务收入4800万…；另一家1500万": the second of the companies
                # counted, not money paid to another company
                role = _clause_role(own) or "fee"
            if (
                role == "other"
                and lx.OTHER_PROJECT.search(before)
                and lx.PROJECTS_COUNTED.search(text[: found.start])
            ):
                # "我们是两部电视剧的制片方…第一部…9000万，另一部剧花了3800万": the second of the
                # projects counted, not another project beside the one asked
                role = _clause_role(own) or "fee"
            wider = re.sub(
                r"[（(][^）)]*[）)]", "", text[max(clause_start, found.start - 20) : found.start]
            )
            if (
                role == "other"
                and wider != before
                and self._role(wider, after, own, result_possible=larger, rest=rest)
                == "prior_award"
            ):
                role = (
                    "prior_award"  # "今年已经拿过一次协拍服务这条的补助150万了": said further back
                )
            if lx.SPLIT_AFTER.match(text[found.end : found.end + 16]) or lx.SPLIT_BEFORE.search(
                before
            ):
                role = "other"  # "这150万应该按投资比例分他们60万": an award shared out
            budget = lx.OWN_BUDGET.search(before)
            if role == "other" and budget and self._budget_of_a_measure(text, found):
                # "租棚预算600万": a budget for one measure's kind of spend is a planned spend
                # of it (not "总预算3000万", a project's whole budget)
                planned = before[: budget.start()] + "预计花" + before[budget.end() :]
                role = self._role(planned, after, own, result_possible=larger)
            sentence = _sentence_at(text, found.start)
            if found.yuan in self.lexicon.any_figure and (
                lx.RULE_FIGURE_BEFORE.search(before)
                or lx.RULE_FIGURE_AFTER.match(after)
                or (lx.THRESHOLD_SAID.search(before) and lx.RULE_TALK.search(sentence))
                or (
                    lx.NEAR_MISS_BEFORE.search(before)
                    and any(o.role in BASE_ROLES and o.yuan < found.yuan for o in out)
                )
            ):
                role = "claimed_rule"  # the clause's figure pointed at: no spend of the user's
            if (
                role in BASE_ROLES
                and any(o.role == "claimed_rule" and o.yuan == found.yuan for o in out)
                and lx.PLANNED_BY.search(before)
                and lx.PLANNED_BY_AFTER.match(after)
            ):
                role = "other"  # "最多能拿300万，我们按300万做预算": the claimed award, planned on
            if (
                role in BASE_ROLES
                and len(out) > 1
                and found.yuan == sum(o.yuan for o in out)
                and (
                    (lx.PLANNED_BY.search(before) and lx.PLANNED_BY_AFTER.match(after))
                    or re.search(r"(合并|合|凑|加|并)成$", before)
                )
            ):
                # "一期260万，二期300万还没做，能按560万申请吗", "能不能合并成3000万申报":
                # the sum proposed
                role = "other"
            if (
                role in BASE_ROLES
                and len(out) > 1
                and re.search(
                    r"(合并|合起来|加起来|加在一起|合在一起|并在一起)(按|算|成|计)?$", before
                )
                and any(
                    found.yuan == sum(o.yuan for o in out[i:j])
                    for i in range(len(out))
                    for j in range(i + 2, len(out) + 1)
                )
            ):
                # "来电人以为摄影棚费用可合并按11,000,000元计算": a sum of the amounts said,
                # proposed, no cost of its own
                role = "other"
            if role in ("land", "commercial") and _apart(before, text[found.end : found.end + 10]):
                role = "other"  # "土地费600万是另外算的" (past a clause cut at 另外)
            inside = re.search(
                r"(里面|其中|这里面|当中|含|包含|包括)(有|还有)?(一笔)?[^，。,；;\d]{0,8}$|"
                r"(?i:\b(plus|including)\b[^.?!,]{0,6}$)",
                before,
            )
            if role in (*BASE_ROLES, *(("other",) if inside else ())) and lx.REMOVED_AFTER.match(
                _rest_of_sentence(text, found.end)
            ):
                # "道具那100万其实没在重庆花，去掉。棚的650万能补多少": taken out; what is left is
                # said beside it, or reckoned from the total
                role = "minus"
            if role == "fee" and clause:
                # "收入明细：后期剪辑300万、调色150万": the items of a list headed as revenue
                listed = text.find(clause.context, max(0, clause.start - len(clause.context)))
                # (or a header whose list runs on in clauses: "今年接了四个活：一部电影调色85万，
                # 一部电视剧剪辑120万…")
                clause_at = _clause_start(text, found.start)
                colon = max(text.rfind("：", 0, found.start), text.rfind(":", 0, found.start))
                sentence_start = max(text.rfind(c, 0, found.start) for c in "。？?！!\n") + 1
                if lx.REVENUE_HEADER.search(text[: listed if listed >= 0 else clause.start]) or (
                    colon >= sentence_start
                    and colon < clause_at
                    and lx.REVENUE_HEADER.search(text[: colon + 1])
                ):
                    role = "revenue"
            if (
                role in BASE_ROLES
                and clause
                and index > 0
                and re.match(r"(另外|另行|单独|额外)", clause.text)
                and self._cue_at_end(parts[index - 1].text)
            ):
                role = "other"  # "不含配套商业，配套商业另外投了600万": outside the base
            if role in BASE_ROLES and theirs_apart and lx.THEIRS_BEFORE.search(before):
                role = "other"  # "我们做了750万，他们做了1100万": another company's
            beyond = text[found.end : found.end + 24]
            if role in BASE_ROLES and lx.NOT_ELIGIBLE_AFTER.search(beyond[:16]):
                role = "other"  # "给广告片做了120万（那个不是影视剧组）"
            if role in BASE_ROLES and lx.NOT_OURS_AFTER.search(beyond):
                role = "other"  # "费用80万（这80万是山城数字付的，不是我们付的）"
            if role == "revenue" and client_asked and any(x.role == "fee" for x in out):
                role = "other"  # "…公司今年技术服务收入总共2600万": our year, not asked
            elif role == "revenue" and (
                lx.CLIENT_ASKS.search(_sentence_at(text, found.start)) or client_asked
            ):
                # "给剧组做剪辑收了350万，剧组那边能补多少", "…收了1200万。…我们客户（第一
                # 出品单位）能拿多少？": the client's spend
                role = "fee"
            if role in BASE_ROLES and lx.AWARD_OF_EARLIER_YEAR_AFTER.match(text, found.end):
                role = "other"  # "那150万是去年拿的": an award of another year, no base
            if (
                role in (*BASE_ROLES, "other")
                and out
                and out[-1].role == "prior_award"
                and clause
                and clause.context != clause.text
                and lx.AWARD_WORD.search(before)
            ):
                role = "prior_award"  # "今年已经拿过协拍补助150万、后期奖励100万": both received
            if role == "prior_award":
                sentence = _sentence_at(text, found.start)
                head = sentence[: found.start - text.find(sentence)]
                if _of_earlier_year(head, text[found.end :]) and not lx.THIS_YEAR.search(
                    head[list(lx.EARLIER_YEAR.finditer(head))[-1].end() :]
                ):
                    role = "other"  # "去年我们公司拿了协拍补助200万": not this year's cap
            later = text[found.end : found.end + 12]
            if (
                role in BASE_ROLES
                and lx.CORRECTED_AFTER.match(later)
                and find_amounts(re.split(r"[。！？!?\n]", text[found.end :], maxsplit=1)[0])
            ):
                role = "other"  # "580万，不对，是850万" (not "260万——啊不对，是重庆的公司")
            elif (
                role in BASE_ROLES
                and (
                    _confirmed_here(clause.context if clause else text, found.text)
                    # "签约项目总投资超过62亿，这个数没记错吧": the next clause offers it
                    or lx.CONFIRMED_NEXT.match(text, found.end)
                )
                and not lx.SPEND.search(before)
                and not (clause and clause.measure)
            ):
                role = "claimed_rule"  # "签约项目总投资好像是16亿元？"
            low = high = None
            bound: Yuan | None = None
            was: Role | None = None  # what a total is a total of (an investment, a fee)
            said_as = role  # what an inexact amount is ("总投资超过5亿元": an investment)
            ranged = lx.RANGE_BEFORE.search(before)
            if ranged and role in BASE_ROLES:
                # "300到400万": both ends, computed only if the result is the same for both
                low = _range_low(ranged.group(0), found.text)
                role = "range" if low is not None and low < found.yuan else "other"
                high = found.yuan
                if role == "range" and out and out[-1].yuan == low:
                    between = text[out[-1].start + len(out[-1].text) : found.start]
                    if lx.RANGE_BEFORE.search(out[-1].text + between):
                        out.pop()  # "300万到400万": the low end said with its unit is no amount
            elif role in BASE_ROLES and lx.INEXACT_AFTER.match(after):
                role = "approx"  # "280万左右": computed only if the result is the same nearby
                low, high = found.yuan * 9 // 10, found.yuan * 11 // 10
            elif (
                role in BASE_ROLES
                and lx.NEXT_YEAR_BEFORE.search(
                    re.split(r"[。；;！!？?\n]", text[: found.start])[-1]
                )
                and any(x.role in BASE_ROLES for x in out)
            ):
                role = "other"  # "今年收入190万…不过明年预计能到500万": not this year's
            elif role in BASE_ROLES and lx.OF_EACH_BEFORE.search(before):
                role = "other"  # "一个120万一个150万，单个都不到200万"
            elif role in BASE_ROLES and (one_sided := _one_sided(before, after, found.yuan)):
                role = "range"  # "一千万出头", "不到500万", "超过500万", "小两千万"
                low, high = one_sided
                bound = found.yuan if high < found.yuan else None
            elif (
                clause
                and clause.measure is None
                and lx.REMAINDER.match(clause.text)
                and not re.search(f"{self.lexicon.elsewhere}|{self.lexicon.here}", clause.text)
                and role not in ("land", "commercial")  # "剩下的里面有1500万是配套商业"
            ):
                role = "other"  # "其余400万是卖设备的": the part of a total that is not this
            elif (
                role in BASE_ROLES
                and (
                    lx.WHOLE.search(before)
                    or _breakdown_next(parts, index)
                    # "这1500万里有900万是我们提供的": a total its part is said inside
                    or re.match(r"\s*(元)?(里面|里头|里|当中|之中)(有|包括|包含|含)", after)
                )
                and not (clause and _after_part_of(parts, index))
                and not lx.ANOTHER_PERIOD.search(before)  # "下半年一共250万": a part itself
                # "…；另外在重庆租服装道具的服务费合计70万元": a new item's own total
                and not (out and clause and lx.NEW_ITEM.match(clause.text.lstrip()))
                # "费用分别为700万元、650万元；其中一个剧组…": the last of a list is no total
                and not (
                    out
                    and re.fullmatch(
                        r"\s*[、和及与]\s*", text[out[-1].start + len(out[-1].text) : found.start]
                    )
                )
            ):
                was, role = role, "whole"  # "总预算3000万": a base only if no part of it is named
            between = text[out[-1].start + len(out[-1].text) : found.start] if out else ""
            if role in BASE_ROLES and out and out[-1].role == "claimed_rule" and _listed(between):
                role = "claimed_rule"  # "上限500万、1000万、2000万，到底哪个对": all claimed
            estimate = _estimate_settled(out, found.yuan, before, text[found.end : found.end + 6])
            if estimate is not None:
                # "租金加起来900万出头，就按900万算吧": the estimate, now an exact amount
                x = out[estimate]
                out[estimate] = replace(
                    x, yuan=found.yuan, role=x.was or "fee", low=None, high=None, bound=None
                )
                continue
            if (
                # "平台采购价每集80万，共24集，总价1920万": a figure set aside, its total said
                (lx.WHOLE.search(before) or re.search(r"总价|总额", before))
                and any(
                    x.yuan == found.yuan and x.role == "other" and x.part >= index - 3 for x in out
                )
            ) or (
                _repeated(out, found.yuan, before)
                or _said_again(out, found.yuan, text, found.start)
                or _pointed_back(out, found, clause, text)
                or _basis_restated(out, found.yuan, before, text[found.end : found.end + 6])
                or _award_said_again(out, found.yuan, role, before)
            ):
                # "1200万元（大写：壹仟贰佰万元整）", "六百八十万，对六百八十万", "…按服务费380万算"
                continue
            if role in ("range", "approx") and said_as in ("investment", "revenue"):
                was = said_as
            if role == "range" and low is not None and high is not None:
                middle = (low + high) // 2
                out.append(
                    Amount(middle, found.text, found.start, role, index, low, high, was, bound)
                )
            else:
                out.append(Amount(found.yuan, found.text, found.start, role, index, low, high, was))
        taken = [(x.start, x.start + len(x.text)) for x in out]
        for start, end, low, high in _fuzzy(text):
            if any(a < end and start < b for a, b in taken):
                continue
            if re.match(r"\s*(到|至|-|~|～|—)", text[end:]):
                continue  # the low end of a range read with its high end
            index = _part_at(parts, start)
            out.append(Amount((low + high) // 2, text[start:end], start, "range", index, low, high))
        ordered = _restated(sorted(out, key=lambda x: x.start), text, parts)
        ordered = _inside_said_total(ordered, text)
        return _inexact_total_beside_its_part(_stated_totals(ordered, text), text)

    def _role(
        self, before: str, after: str, clause: str, result_possible: bool = True, rest: str = ""
    ) -> Role:
        """`result_possible`: a larger amount came before, of which this may be the award the
        caller worked out ("640万，就是128万吧"); the first amount of a message is none
        ("…租摄影棚，嗯，就是六百二十万"). `rest`: the message after the amount."""
        if (
            lx.RULE_CLAIM.search(before)
            or (lx.AWARD_CLAIM.search(before) and lx.CONFIRM.search(clause))
            or lx.CLAIM_AFTER.match(after)
            or (lx.THRESHOLD_CLAIM.search(before) and lx.THRESHOLD_CLAIM_AFTER.match(after))
            or (lx.CHANGE_CLAIM.search(before) and lx.THRESHOLD_CLAIM_AFTER.match(after))
        ):
            return "claimed_rule"
        # ("不含在A那1500万里": the amount said before, named again)
        if re.search(
            r"(在|算在|含在|包括在|包含在|计在)([^，,。\d]{0,3}(那|这))?$", before
        ) and re.match(r"(里面|里头|里|之内|当中|以内|内)", after):
            return "other"  # "还有500万是配套商业的，也算在4000万里面": the total named again
        if re.match(
            r"\s*(是|为|只是|其实是)(当初|原来|之前|最初|一开始|原先)?的?(预算|计划数?|报价|估算|概算)",
            rest,
        ):
            return "other"  # "650万是当初的预算": a plan, said of a figure beside the spend
        if lx.PLANNED_BEFORE.search(before) and lx.ACTUAL_AMOUNT.search(rest):
            return "other"  # "计划投资5000万…实际只投了2600万": the plan beside the actual
        if re.match(
            r"\s*(元)?(是|为|属于)[^，,。；;]{0,6}(上个|上一个|上一部|另一个|另外一个|另一部|另外一部|别的)"
            r"(项目|片子|戏|剧|电影)",
            rest,
        ):
            return "other"  # "财务给我的800万是我们公司另一部戏的棚租": not this project's
        if re.match(r"\s*(元)?[（(](那|这)(是|属于|归)[^）)]{0,8}(的事|的)[）)]", rest):
            return "other"  # "3100万（那是制片方的事）": another party's money
        if lx.NEWS_FIGURE_BEFORE.search(before):
            return "other"  # "签约项目总投资超过62亿": the news's figure, checked from the text
        if re.search(r"(并)?不是\s*(没到|不到|没有|没达到)?\s*$|(?i:\bnot\s*$)", before):
            return "other"  # "之前拿的是150万，不是80万", "棚租不是500万，是600万": denied
        recent = before[-8:]
        awarded = lx.AWARD_WORD.search(before) or lx.AWARD_AFTER.match(after)
        received = (lx.PRIOR_AWARD.search(before) or lx.RECEIVED.search(before[-12:])) and awarded
        if (received or lx.STRONG_RECEIVED.search(recent)) and not lx.AWARD_VERB_BEFORE.search(
            before
        ):
            return "other" if _of_earlier_year(before, rest) else "prior_award"
        if (
            lx.AWARD_AFTER.match(after)
            or lx.AWARD_BEFORE.search(before)
            or lx.AWARD_VERB_BEFORE.search(before)
            or lx.DIFF_BEFORE.search(before)
        ):
            return "other"  # an award applied for or hoped for, or a difference: not spent
        for m in self.lexicon.measures.values():
            for fact, cue in m.amount_cues.items():
                # "其中土地费500万" or "有800万是土地费", but not "不含土地的投资4200万"
                cued = re.search(f"(?:{cue})[^,，。]{{0,4}}$", before) or re.search(
                    # "刚才土地费说错了，是1800万": the corrected figure is still the land's
                    f"(?:{cue})[^,，。]{{0,4}}{lx.SAID_WRONG}[,，\\s]\\s*(应该)?(是|为)?$",
                    before,
                )
                if (cued and not lx.EXCLUDING.search(before[: cued.start()])) or re.match(
                    f"\\s*(是|为|属于|都是|算|的|(?i:is|are))\\s*(?:{cue})", rest[:16] or after
                ):
                    if _apart(before, after):
                        return "other"  # "土地费600万是另外算的": not in the total to reduce
                    return "land" if fact == "land" else "commercial"
        if self.lexicon.uncovered is not None and self.lexicon.uncovered.search(before[-8:]):
            return "other"  # "后期公司一年员工工资400万", "给剧组包了餐饮300万"
        if (
            lx.NOT_SPEND.search(before[-12:])
            or _funding(before, after)
            or lx.WHOLE_FILM.search(before)
            or re.match(
                r"(的)?(是|为|属于|算)?[^，,。（(]{0,3}(押金|保证金)", after
            )  # "另交了100万押金" (not "1100万（其中押金100万已退）": a part of it)
            or re.match(r"(?i)\s*(security\s+)?deposit\b", rest)
            # "we also received a RMB 2 million government grant": a grant, no fee or revenue
            or re.match(
                r"(?i)\s*(government|state|public|city|municipal)\s*(grant|subsid|补助|补贴|奖励|资助)",
                rest,
            )
        ):
            return "other"  # "贷款2000万", "采购了400万的设备", "注册资本1000万"
        if (
            lx.PER_PERIOD_BEFORE.search(before)
            or lx.PER_PERIOD_AFTER.match(after)
            or lx.COMPARED_BEFORE.search(before)
            or lx.OTHER_PROJECT.search(before)
            or lx.FOREIGN_CURRENCY_AFTER.match(after)
            or (result_possible and lx.RESULT_CLAIM.search(before))
            or lx.RATE_RESULT_BEFORE.search(before)
        ):
            return "other"  # "每天3万", "比去年的600万", "上个项目600万", "算出来是200万"
        if lx.MINUS_BEFORE.search(before):
            if re.search(r"(刚好|正好|就是|还剩|剩下|剩|还有|等于|是|变成|成了)\s*$", before):
                return "other"  # "扣掉刚好1000万吧": what is left, worked out by the caller
            return "minus"  # "扣掉给成都公司做的150万"
        return _clause_role(clause) or "fee"

    def _budget_of_a_measure(self, text: str, found: FoundAmount) -> bool:
        """Is the budget before this amount said of one measure's kind of spend: its words
        right before it ("租棚预算600万"), or the clause before when the budget starts its own
        ("我们打算在重庆租棚，预算600万")? Not a crew's or a film's ("预算2亿的大剧组")."""
        if text[found.end : found.end + 1] == "的":
            return False
        if lx.ACTUAL_SPEND.search(text[found.end :]):
            return False  # "计划…预算800万，实际结算下来…花了650万": the plan beside the actual
        head = text[: found.start]
        at = head.rfind("预算")
        if at < 0:
            return False
        clause = re.split(r"[，,。；;！!？?\s]", head[:at])
        own, previous = clause[-1], (clause[-2] if len(clause) > 1 else "")
        if own:
            return _best(self.lexicon.scores(own[-6:]))[0] is not None
        return not re.search(r"\d|万|亿", previous) and (
            _best(self.lexicon.scores(previous))[0] is not None
        )

    def _takes(self, measure: str, amount: Amount) -> bool:
        """Can the amount be this measure's base? An investment or a revenue only where the
        base is one ("去年营收3.5亿" is no fee paid to a vendor; nor is "总投资8000万的电影")."""
        inexact = amount.role in ("range", "approx", "whole")
        role = amount.was if inexact and amount.was else amount.role
        return role not in ("investment", "revenue") or role in (
            self.lexicon.measure(measure).base_roles
        )

    def _of_applicant(self, text: str, measure: str) -> bool:
        """Does a clause speak of the applicant (the producer, the recipient the measure
        names) rather than of where its money went?"""
        lex = self.lexicon
        places = f"(?:{lex.here}|{lex.elsewhere}|本地|在渝)"
        if re.search(f"(委托|外包给?|交给|包给|找了?|请)[^，。,]{{0,3}}{places}", text):
            return False  # "第一出品单位委托重庆企业做剪辑": the place is the vendor's
        recipient = lex.measure(measure).recipient
        return bool(lx.APPLICANT.search(text)) or bool(recipient and recipient in text)

    def _cue_at_end(self, text: str) -> bool:
        """Does a clause end with the name of a part kept out of a base (land, commercial)?"""
        return any(
            re.search(f"(?:{cue})$", text)
            for m in self.lexicon.measures.values()
            for cue in m.amount_cues.values()
        )

    # -- which measure each amount belongs to ------------------------------------------------
    def _assign(self, a: Analysis, context: str | None = None) -> None:
        single = a.measures[0] if len(a.measures) == 1 else None
        if not a.measures and context is not None and context in self.lexicon.measures:
            single = context
        measure_of = {
            id(x): self._fit(a, x, a.parts[x.part].measure or self._neighbour(a.parts, x.part))
            or (single if single and self._takes(single, x) else None)
            for x in a.amounts
        }
        # "一号棚实际投入6500万，二号棚1800万": a clause of a label and an amount alone is the
        # same kind as the labelled amount listed before it (not a studio fee for "棚")
        for i, x in enumerate(a.amounts):
            clause = a.parts[x.part].text.strip()
            if i and lx.LABELLED_AMOUNT_ALONE.fullmatch(clause):
                earlier = a.amounts[i - 1]
                if (
                    earlier.part == x.part - 1  # listed right after it
                    and label_of(a, earlier) is not None
                    and measure_of[id(earlier)] is not None
                ):
                    measure_of[id(x)] = measure_of[id(earlier)]
                    if x.role != earlier.role and earlier.role in ("investment", "revenue"):
                        a.amounts[i] = x = replace(x, role=earlier.role)
                        measure_of[id(x)] = measure_of[id(earlier)]
        about = self.lexicon.measures.get(context or "")
        for x in a.amounts:
            taken = measure_of[id(x)]
            if (
                x.role == "revenue"
                and about is not None
                and "revenue" in about.base_roles
                and taken is not None
                and "revenue" not in self.lexicon.measure(taken).base_roles
            ):
                # "漏了一笔20万的调色收入，加上呢" in a conversation about a company's revenue:
                # that revenue, not a fee for effects
                measure_of[id(x)] = context
        named_parts = {
            measure_of[id(x)]
            for x in a.amounts
            if x.role in BASE_ROLES and not self._uncovered_amount(a, x)
        }
        for index, amount in enumerate(a.amounts):
            if amount.role == "whole" and (
                measure_of[id(amount)] not in named_parts
                or self._labelled_alone(a, amount, measure_of)
                or _after_its_partial_parts(a, amount, measure_of)
                or _only_new_items_after(a, amount, measure_of)
                or _whole_of_one_project(a, amount, measure_of)
            ):
                # a total with no part of it named is the amount itself, less the parts of it
                # named as something else ("总共1500万，其中演员片酬600万": 900万)
                parts = self._other_parts(a, amount)
                left = amount.yuan - sum(x.yuan for x in parts)
                itself = replace(amount, yuan=max(left, 0), role=amount.was or "fee")
                a.amounts[index] = itself
                measure_of[id(itself)] = measure_of[id(amount)]
                if parts:
                    total = f"合计{format_wan(amount.yuan)}中所列"
                    a.left_out += [f"{_named(a, x)}（{total}，已从中扣除）" for x in parts]
        other_kind = self._other_kinds(a, measure_of) | _turnover_beside_fees(a, measure_of)
        a.left_out += [
            f"{_named(a, x)}（不是本项所计的{self.lexicon.measure(m).base_label}）"
            for x in a.amounts
            if id(x) in other_kind and (m := measure_of[id(x)]) is not None
        ]
        for amount in (x for x in a.amounts if x.role in BASE_ROLES):
            if self._uncovered_amount(a, amount) or id(amount) in other_kind:
                continue  # "演员片酬300万": named as not covered, never forced into a measure
            measure = measure_of[id(amount)]
            if measure is None:
                a.unassigned.append(amount)
                continue
            a.measures = list(dict.fromkeys([*a.measures, measure]))
            label = label_of(a, amount)
            if label is not None:
                a.labelled[label] = (measure, amount.yuan)
            for _ in range(_each(a, amount)):
                facts = a.facts.get(measure, Facts())
                a.facts[measure] = _add_claim(facts, amount.yuan)
                a.bases.setdefault(measure, []).append(amount)
        if (
            a.unassigned
            and not a.measures
            and self.embed is not None
            and not a.ambiguous
            and _has_content(a.text)
        ):
            measure = self.nearest_measure(a.text)
            if measure is not None:
                a.embedded = measure
                a.measures = [measure]
                for amount in a.unassigned:
                    a.facts[measure] = _add_claim(a.facts.get(measure, Facts()), amount.yuan)
                    a.bases.setdefault(measure, []).append(amount)
                a.unassigned = []
        for amount in a.amounts:
            measure = measure_of[id(amount)]
            facts = a.facts.get(measure, Facts()) if measure else Facts()
            if (
                amount.role == "minus"
                and any(
                    x.role in BASE_ROLES and measure_of.get(id(x)) == measure for x in a.amounts
                )
                and not lx.MINUS_BEFORE.search(_clause_before(a.text, amount))
                # ("2600万里面有400万是设备转租收入，不算": a part of the total before it)
                and not re.search(
                    r"(其中|里面|里头|当中|含|包含|包括)[^，,。]{0,3}$|(?i:\b(plus|including)\b[^.?!,]{0,6}$)",
                    _clause_before(a.text, amount),
                )
            ):
                continue  # "…100万去掉。棚的650万能补多少": the rest is said
            if amount.role == "minus" and measure and len(facts.claims_yuan) == 1:
                # "特效总费用500万，扣掉给成都公司做的150万": the base is what is left
                left = max(facts.claims_yuan[0] - amount.yuan, 0)
                a.facts[measure] = replace(facts, claims_yuan=(left,))
                continue
            fact = {"land": "land_yuan", "commercial": "commercial_yuan"}.get(amount.role)
            if fact and measure and not _has_field(self.lexicon, measure, fact):
                # "B棚投入1800万（含配套商业投资500万）": the measure that takes it, of those
                # with a base ("棚" named the studio measure too)
                taking = [m for m in a.bases if _has_field(self.lexicon, m, fact)]
                measure = taking[0] if len(taking) == 1 else None
                facts = a.facts.get(measure, Facts()) if measure else Facts()
            if amount.role in FACT_ROLES and not measure:
                a.loose.append(amount)
            elif fact and measure and len(facts.claims_yuan) > 1:
                # "项目一…3,000万元；项目二…9,000万元，其中配套商业投资1,500万元": the part of
                # the project it is said with, not of every project
                a.facts[measure] = _off_its_claim(a, measure, facts, amount)
            elif amount.role in FACT_ROLES and measure:
                a.facts[measure] = with_fact_amount(facts, amount)
            elif amount.role == "claimed_rule":
                a.claimed.append((measure, amount.yuan, amount.text))
        self._year_total_over_its_months(a)
        for percent in find_percents(a.text):
            if lx.CONFIRM.search(a.text) or lx.RULE_CLAIM.search(a.text):
                a.claimed.append((single, percent, f"{percent}%"))
        staffed = [
            q for q in (a.measures or self.lexicon.measures) if self.lexicon.measure(q).min_staff
        ]
        for said in lx.STAFF_CLAIM.finditer(a.text) if len(staffed) == 1 else ():
            # "要求交社保的人不少于5人": the clause's head count claimed
            count = said["n"] or said["m"]
            value = int(count) if count.isdigit() else "一二三四五六七八九十".index(count[-1]) + 1
            a.claimed.append((staffed[0], value, said.group(0)))

    def _labelled_alone(
        self, a: Analysis, whole: Amount, measure_of: dict[int, str | None]
    ) -> bool:
        """ "甲片…服务费合计6200万元，乙片3000万元": a total of one labelled project, beside the
        amounts of others only, is that project's amount."""
        label = label_of(a, whole)
        others = [
            x
            for x in a.amounts
            if x is not whole
            and x.role in BASE_ROLES
            and measure_of[id(x)] == measure_of[id(whole)]
        ]
        return label is not None and all(label_of(a, x) not in (None, label) for x in others)

    def _year_total_over_its_months(self, a: Analysis) -> None:
        """ "1-9月技术服务收入1450万元，预计全年2100万元": for a measure counting a year, the
        year's total said beside months of it is the base; the months are inside it."""
        for measure, amounts in list(a.bases.items()):
            if len(amounts) < 2 or not self.lexicon.measure(measure).annual_base:
                continue
            year = [x for x in amounts if lx.YEAR_TOTAL_BEFORE.search(a.text[: x.start])]
            months = [x for x in amounts if x not in year]
            if len(year) != 1 or not all(
                lx.MONTHS_OF_YEAR_BEFORE.search(a.text[: x.start]) for x in months
            ):
                continue
            a.bases[measure] = year
            a.facts[measure] = replace(
                a.facts[measure], amount_yuan=None, claims_yuan=(year[0].yuan,)
            )
            for x in months:
                said = lx.MONTHS_OF_YEAR_BEFORE.search(a.text[: x.start])
                start = said.start() if said else x.start
                a.left_out.append(f"{a.text[start : x.start + len(x.text)]}（已含在全年合计中）")

    def _other_parts(self, a: Analysis, whole: Amount) -> list[Amount]:
        """Parts of a total, in the breakdown right after it ("其中演员片酬600万、宣发400万"),
        that are not a base: a cost no measure covers, or an amount read as something else."""
        after = whole.start + len(whole.text)
        marker = lx.BREAKDOWN.search(a.text, after)
        between = a.text[after : marker.start()] if marker else ""
        if marker is None or not re.fullmatch(
            r"[^，,。；;？?！!]*|[^，,。；;？?！!]*[，,]\s*(但|不过|而|可|这|是|在)*", between
        ):
            return []  # no breakdown follows the total in its clause or the next
        end = re.search(r"[，,。；;？?！!]|$", a.text[marker.end() :])
        stop = marker.end() + (end.start() if end else 0)
        return [
            x
            for x in a.amounts
            if marker.start() < x.start < stop
            and (x.role == "other" or (x.role in BASE_ROLES and self._uncovered_amount(a, x)))
            # a source of the money is no part of what was spent ("其中1500万是银行贷款")
            and not _funding(_clause_before(a.text, x), a.text[x.start + len(x.text) :])
        ]

    def _other_kinds(self, a: Analysis, measure_of: dict[int, str | None]) -> set[int]:
        """Amounts labelled as another kind of the measure's base, beside one labelled as the
        base itself: "技术服务收入1800万，设备出租收入700万" gives the revenue 1800万 only."""
        labels: dict[str, list[tuple[int, str]]] = {}
        for amount in a.amounts:
            measure = measure_of[id(amount)]
            if amount.role in BASE_ROLES and measure is not None:
                label = re.split(r"[，,。；;：:、\s]", a.text[: amount.start])[-1]
                labels.setdefault(measure, []).append((id(amount), label))
        out: set[int] = set()
        for measure, labelled in labels.items():
            core = re.sub(r"^(年度|每年|年)", "", self.lexicon.measure(measure).base_label)
            head = core[-2:]  # "收入", "费用": what names a kind of it
            if len(labelled) < 2 or not any(core in label for _, label in labelled):
                continue
            # (not another company's: "甲年度技术服务收入3500万…；乙收入260万")
            company = {id(x): _company_of(a, x) for x in a.amounts}
            of_core = {company[key] for key, label in labelled if core in label}
            out |= {
                key
                for key, label in labelled
                if head in label and core not in label and company[key] in of_core
            }
        return out

    def _combine(self, a: Analysis, measure: str, facts: Facts) -> Facts:
        """Several amounts for one measure: separate claims when the message says so (分别,
        两个项目), a stated total when one is the sum of the others, else one spend added up."""
        claims = facts.claims_yuan
        if len(claims) <= 1:
            return replace(facts, amount_yuan=claims[0] if claims else None, claims_yuan=())
        m = self.lexicon.measure(measure)
        if m.annual_base or m.cap_scope == "per_company_year":
            # two companies' sums and caps are not one's; the amounts of one company named by
            # its letter ("甲（协拍）两个剧组，分别520万和610万") are its own; amounts said of two
            # letters ("收入甲150万、乙180万") are two companies' however the message names them
            named = {_company_of(a, x) for x in a.bases.get(measure, [])}
            several = lx.COMPANIES.search(a.text) and (len(named) != 1 or None in named)
            if several or len(named - {None}) > 1:
                a.separate_companies.add(measure)
        total = exact(sum(claims))  # invoices with 角分 may add up to whole yuan
        paid = [x for x in a.bases.get(measure, []) if lx.PAYMENT_PART.search(_before(a, x))]
        if paid and len(claims) == len(paid) + 1 and 2 * max(claims) == total:
            # "棚租900万，已经预付了300万，尾款600万": the payments of a total said with it
            return replace(facts, amount_yuan=max(claims), claims_yuan=())
        # "项目一…6000万，项目二5500万", "A棚…B棚…": two projects named, two claims
        works = {_project_of(a, x) for x in a.bases.get(measure, [])}
        projects = len(works - {None}) > 1 and None not in works
        if a.several or m.annual_base or (projects and not lx.SAME_PROJECT.search(a.text)):
            return replace(facts, amount_yuan=None, claims_yuan=claims)
        return replace(facts, amount_yuan=total, claims_yuan=())

    def _fit(self, a: Analysis, amount: Amount, measure: str | None) -> str | None:
        """An investment or a revenue goes to a measure whose base it can be: "盖个摄影棚，
        投资1.5个亿" is a building's investment, not a fee for using a studio."""
        role = amount.role
        if role in ("range", "approx") and amount.was:
            role = amount.was  # "总投资超过5亿元": an investment, however inexact
        scores = a.parts[amount.part].scores
        if (
            role == "whole"
            and amount.was
            and measure
            and not self.lexicon.measure(measure).base_roles
            and any(
                amount.was in self.lexicon.measure(q).base_roles and v >= 2
                for q, v in scores.items()
            )
        ):
            # a total said in the clause of a measure that takes no amount, beside the words of
            # one that takes it, is judged as what it totals ("基地内影视棚项目投入3500万，
            # 其中土地费500万": a building's investment; not "基地总投资12亿")
            role = amount.was
        if (
            role == "whole"
            and amount.was in ("investment", "revenue")
            and measure
            and amount.was not in self.lexicon.measure(measure).base_roles
            and any(
                amount.was in self.lexicon.measure(q).base_roles
                for q in (*a.measures, *a.ambiguous)
            )
        ):
            # a total invested, said beside a word of another measure the message names, goes
            # to the measure whose base it can be ("B是个小棚，投入1200万，其中配套商业300万"
            # beside a building measure named: a building's investment, not a studio fee)
            role = amount.was
        kind = amount.was if role == "whole" and amount.was else role
        if (
            kind == "fee"
            and measure is not None
            and not self.lexicon.measure(measure).base_roles
            and lx.PAID_TO.search(a.parts[amount.part].text)
        ):
            # "付给重庆影视基地的钱一共620万…剩下的都是棚租和设备服务费": money paid to a base is
            # a fee, for the measure the message names whose base a fee is
            fitting = [q for q in a.measures if "fee" in self.lexicon.measure(q).base_roles]
            if len(fitting) == 1:
                return fitting[0]
        if (
            role == "fee"
            and measure is not None
            and lx.FEE_PAID.search(a.parts[amount.part].text)
            and self.lexicon.measure(measure).base_roles
            and "fee" not in self.lexicon.measure(measure).base_roles
        ):
            # "重庆的特效公司给我们做全片CG，数字技术服务费4000万": a fee paid is no revenue; a
            # measure the message names whose base a fee is takes it
            fitting = [
                q
                for q in dict.fromkeys([*a.measures, *a.ambiguous])
                if "fee" in self.lexicon.measure(q).base_roles
                and self.lexicon.measure(q).base_roles != ("fee", "revenue")
            ]
            if len(fitting) == 1:
                return fitting[0]
        if role not in ("revenue", "investment"):
            return measure
        if (
            role == "revenue"
            and measure is not None
            and "revenue" not in self.lexicon.measure(measure).base_roles
            and lx.TURNOVER.search(_clause_before(a.text, amount)[-8:])
        ):
            return None  # "公司今年营业额2000万": the company's turnover, no fee for a service
        if measure is None:
            # "影视棚还没建成…目前投入1600万": of the measures the message may mean, the one
            # alone whose base an investment can be
            fitting = [q for q in a.ambiguous if role in self.lexicon.measure(q).base_roles]
            return fitting[0] if len(fitting) == 1 else None
        if role in self.lexicon.measure(measure).base_roles:
            return measure
        # Only a measure the message names (not one weak word: producers "投资" a film too).
        candidates = [*a.measures, *a.ambiguous]
        fitting = [q for q in candidates if role in self.lexicon.measure(q).base_roles]
        if not fitting:
            # "摄影棚建设项目实际投入1.5亿": the building measure, named only weakly, is the one
            # an investment can be the base of
            fitting = sorted(
                # a word of it, not "投资" alone ("参与项目总投资超过5亿元")
                (
                    q
                    for q, v in scores.items()
                    if role in self.lexicon.measure(q).base_roles and v >= 2
                ),
                key=lambda q: -scores[q],
            )
        if fitting:
            return fitting[0]
        # "一期棚投了3000万": an investment no named measure can take is asked about, not
        # forced into a fee's measure
        return None if role == "investment" else measure

    def _neighbour(self, parts: list[Part], index: int) -> str | None:
        """The measure of the nearest clause before (then after) an amount's own clause."""
        for i in range(index - 1, -1, -1):
            if parts[i].measure:
                return parts[i].measure
        for part in parts[index + 1 : index + 2]:
            if part.measure and not asks(part.text):
                return part.measure
        return None

    def _uncovered_amount(self, a: Analysis, amount: Amount) -> bool:
        """Is the amount's own clause a cost no measure names?"""
        part = a.parts[amount.part]
        if part.measure is not None:
            return False
        own = part.text
        before = a.parts[amount.part - 1] if amount.part > 0 else None
        if before is not None and (
            _bare(part.text, amount.text)  # "演员片酬那块就不说了，一千多万"
            or not any(x.part == amount.part - 1 for x in a.amounts)
        ):
            own = before.text + own  # "盒饭住宿另外花了120万": what was bought came first
        return self._uncovered(own)

    def _uncovered(self, text: str) -> bool:
        return self.lexicon.uncovered is not None and bool(self.lexicon.uncovered.search(text))

    # -- facts stated or denied --------------------------------------------------------------
    def _read_facts(
        self, a: Analysis, staffed: bool = False
    ) -> dict[tuple[str, str], dict[int, bool]]:
        """Conditions, options, tiers and the staff count the message states or denies.
        Returns what each clause says of the conditions of a spend or a project (not of the
        applicant), for `_exclude_elsewhere`."""
        lex = self.lexicon
        shared: dict[str, Any] = {}
        conditions: dict[str, dict[str, bool]] = {}
        places: dict[tuple[str, str], dict[int, bool]] = {}
        tiers: dict[str, list[str]] = {}
        stated_tiers: dict[str, list[tuple[int, str]]] = {}  # (clause, tier) said, not asked
        tiers_denied: set[str] = set()  # "没有被列入任何…": listed in none
        taken_out = {x.part for x in a.amounts if x.role == "minus"}
        named: set[tuple[str, str]] = set()  # conditions a clause naming its measure said
        for index, part in enumerate(a.parts):
            for rule in lex.rules:
                # (a clause another measure's word names may still state this measure's own
                # condition by its term: "二号棚方案还没评审" in a message about building)
                own_term = (
                    rule.term is not None
                    and not rule.about_place
                    and rule.measure in a.measures
                    and bool(rule.term.search(part.text))
                )
                if part.measure and part.measure != rule.measure and not own_term:
                    continue
                if index in taken_out and rule.about_place:
                    continue  # "扣掉给成都公司做的150万": that place is not the base's
                if rule.subject == "spend" and self._of_applicant(part.text, rule.measure):
                    continue  # "由北京一家公司作为第一出品单位": the applicant's place
                if rule.subject == "applicant" and _of_the_client(a, index):
                    continue  # "…收了对方300万，对方是第一出品单位，北京的公司": the client's
                reading = _with_field(a, index)
                if (rule.about_place or rule.subject == "project") and _not_known(
                    part.text, rule, lex.place_words
                ):
                    # "B片的棚是在重庆还是成都租的我得回头问下": not known, for its own project
                    a.unknown_at.setdefault((rule.measure, rule.condition), set()).add(index)
                    if lx.EITHER_PLACE.search(part.text):
                        continue  # "是注册在重庆还是四川的": it states neither place
                if (
                    lx.YES_NO_ASKED.search(reading)
                    or lx.WHICH_ASKED.search(reading)
                    or lx.ENGLISH_QUESTION.match(reading)
                    or lx.HOW_TO_ASKED.search(reading)
                ):
                    continue  # "基地已经拿到国家专项资金了吗", "哪几个基地已经…": asked
                if rule.about_place and lx.ISSUED_BY.search(reading):
                    continue  # "这个政策是重庆市科技局发的吧": the issuer's place
                if rule.about_place and self._head_office_only(reading, a.text):
                    continue  # "总部在北京，但这单是他们在重庆的子公司接的"
                if rule.about_place and lex.other_place_policy.search(reading):
                    continue  # "成都那边有没有类似的摄影棚补助": another place's policy asked
                if lex.policy_by_place.search(reading) and not re.search(lex.elsewhere, reading):
                    # "能拿重庆这个租棚补助吗": the policy's place, not the spend's (but "剧本在
                    # 上海立项…能拿重庆奖励吗" says where the script was registered)
                    continue
                value = _read(reading, rule.true_when, rule.false_when)
                if value is None and rule.term is not None:
                    value = _not_yet(reading, rule.term)
                if value is False and rule.term is not None and _once_met(a.text, rule.term):
                    value = True  # "等备案下来之后，我们能补多少": asked of when it holds
                if value is None and rule.term is not None:
                    value = _done(reading, rule.term)
                if value is None and _not_known(
                    _sentence_at(a.text, part.start), rule, lex.place_words
                ):
                    a.unknown.setdefault(rule.measure, set()).add(rule.condition)
                if (
                    value is False
                    and rule.about_place
                    and lx.REMAINDER.match(part.text)
                    and not any(x.part == index for x in a.amounts)
                ):
                    # "其中500万给了两江新区的公司，剩下的给了上海一家公司": the rest is
                    # simply not in the base; the measure is not denied
                    continue
                key = (rule.measure, rule.condition)
                # "棚和设备都是在浙江横店租的，只有外景在重庆拍": for the whole message, a clause
                # naming the measure's own things outweighs one that names none of them
                weak = rule.about_place and key in named and not part.measure
                if value is not None and part.measure:
                    named.add(key)
                if value is not None:
                    if not weak:
                        conditions.setdefault(rule.measure, {})[rule.condition] = value
                    if value is False and rule.about_place:
                        a.place_read.add(rule.measure)
                    if rule.about_place or rule.subject == "project":
                        # read clause by clause: "A剧已备案…800万；B剧还没备案，600万"
                        places.setdefault((rule.measure, rule.condition), {})[index] = value
            for qid, fact, yes, no in lex.option_rules:
                if part.measure and part.measure != qid and _has_field(lex, part.measure, fact):
                    continue  # the clause's own measure takes this fact itself
                if lx.HOW_TO_ASKED.search(part.text):
                    continue  # "怎么才能进入市级重大项目名单": asked, not stated
                value = _read(part.text, yes, no)
                if value is not None:
                    shared[fact] = value
                    a.options_at.setdefault(fact, {})[index] = value
                elif _doubted(part.text, yes):
                    # "还不确定能不能进市级重大项目名单": the award waits on it where it decides
                    a.doubted.setdefault(qid, set()).add(fact)
            for qid, tier, pattern in lex.tier_rules:
                found = pattern.search(part.text)
                around = _sentence_at(a.text, part.start)
                if found and lx.NOT_LISTED.search(part.text[: found.start()]):
                    if lx.NOT_KNOWN.search(around) or re.search(
                        r"申报中|在申报|报了|报上去|评审中|在评|等结果", around
                    ):
                        # "还没入选重大工程，在申报，结果还没出来": which list, if any, is open
                        a.tier_unknown.add(qid)
                    elif re.search(r"任何|都没|均未|都不|哪个都|一个都", part.text):
                        # "没有被列入任何国家规划或者重大工程": listed in none
                        tiers_denied.add(qid)
                    continue  # (one list denied says nothing of the other: asked)
                # (not "具体是规划还是重大工程我不清楚", nor "报了…重点影片生产规划，评审结果还没
                # 出来": which list, if any, is not known)
                sentence = _sentence_at(a.text, part.start)
                pending = ("还是" in part.text and bool(lx.NOT_KNOWN.search(part.text))) or (
                    bool(re.search(r"报了|申报|报上去|提交了|在报", part.text))
                    and bool(lx.NOT_KNOWN.search(sentence))
                )
                said_listed = bool(_read(part.text, pattern, None))
                if (pending and said_listed) or (
                    lx.LISTED_SOMEWHERE.search(part.text) and lx.NOT_KNOWN.search(sentence)
                ):
                    a.tier_unknown.add(qid)  # "不确定是重大工程还是…", "具体哪个还不知道"
                if said_listed and not pending:
                    tiers.setdefault(qid, []).append(tier)
                    if not asks(part.text):  # "问重大工程那个剧本能拿多少": points back
                        stated_tiers.setdefault(qid, []).append((index, tier))
        a.tier_unknown -= set(tiers)  # a tier said in the message after all
        for qid in tiers_denied - set(tiers) - a.tier_unknown:
            field = next((c.id for c in lex.measure(qid).conditions if c.field == "tier"), None)
            if field is not None:
                conditions.setdefault(qid, {})[field] = False
        self._places_named(a, conditions, places)
        for measure, unsure in a.unknown.items():
            unsure -= set(conditions.get(measure, {}))  # said elsewhere in the message
        self._vendor_is_speaker(a, conditions)
        staff = _staff(a.text, staffed)
        if staff is not None:
            shared["staff"] = staff
        # Facts stated without a measure: the yes/no and count fields of the fact schema.
        loose = {f.attr for f in FIELDS if f.kind in ("int", "bool")}
        a.shared = Facts(**{k: v for k, v in shared.items() if k in loose})
        for qid in {*conditions, *tiers}:
            facts = a.facts.get(qid, Facts())
            offered = len(set(tiers.get(qid, []))) > 1 and bool(
                re.search(r"还是|或者|或是|也可能|也许是", a.text)
                and (lx.NOT_KNOWN.search(a.text) or lx.NOT_DECIDED.search(a.text))
            )  # "到底是年度计划还是重大工程，他也说不清 / 文件还没下来": not known which
            works = _works(a.text)
            said = stated_tiers.get(qid, [])
            if qid in tiers and not offered and works > 1 and len(said) > 1:
                # "两个剧本：一个列入年度计划，一个列入重大工程": each its own award; "其中两个列入
                # 年度计划，一个列入重大工程": as many as the clause counts
                counted = [
                    (
                        t,
                        {"两": 2, "俩": 2, "二": 2, "2": 2, "三": 3, "3": 3}.get(m["n"], 1)
                        if m
                        else 1,
                    )
                    for i, t in said
                    for m in [
                        re.match(r"(其中)?(?P<n>[两俩二三23])(个|部)", a.parts[i].text.strip())
                    ]
                ]
                listed = tuple(t for t, n in counted for _ in range(n))
                if len(listed) != works:
                    listed = tuple(t for _, t in said)
                facts = replace(facts, tiers=listed)
            elif (
                qid in tiers
                and not offered
                and works > 1
                and len(said) == 1
                and lx.ALL_OF_THEM.search(a.parts[said[0][0]].text)
            ):
                # "两个剧本都列入了重大工程"
                facts = replace(facts, tiers=(said[0][1],) * works)
            elif qid in tiers and not offered:
                # "重大工程" outranks "年度计划" when a message names both (of one work).
                order = [t.id for t in lex.measure(qid).tiers]
                facts = replace(facts, tier=max(tiers[qid], key=order.index))
            merged = {**facts.conditions, **conditions.get(qid, {})}
            if len(facts.tiers) > 1 and len(set(facts.tiers)) == 1:
                # "两个剧本都列入了重大工程，一个是在重庆立项，另一个是在北京立项的": the works
                # that meet the place condition are the ones counted
                for (measure, condition), read in places.items():
                    values = list(read.values())
                    if measure != qid or len(values) != len(facts.tiers) or len(set(values)) < 2:
                        continue
                    met = values.count(True)
                    facts = replace(facts, tiers=(facts.tiers[0],) * met)
                    if met == 1:
                        facts = replace(facts, tier=facts.tiers[0], tiers=())
                    merged[condition] = True
                    cond = lex.measure(qid).condition(condition)
                    asked = cond.question.rstrip("？?") if cond else condition
                    a.left_out.append(f"{len(values) - met}个作品（{asked}：否），未计入")
            if (
                len(set(facts.tiers)) > 1
                and len(stated_tiers.get(qid, [])) == len(facts.tiers)
                and not re.search(r"只(问|算|说|看)", a.text)  # (one work asked alone: by label)
            ):
                # "《白塔》是在北京立项的，列入了…年度计划；《江心》在重庆立项，列入了…重大工程":
                # each work judged by what its own words say of the place
                facts, merged = self._tiers_by_place(a, qid, facts, merged, places, stated_tiers)
            a.facts[qid] = replace(facts, conditions=merged)
        return places

    def _tiers_by_place(
        self,
        a: Analysis,
        qid: str,
        facts: Facts,
        merged: dict[str, bool],
        places: dict[tuple[str, str], dict[int, bool]],
        stated: dict[str, list[tuple[int, str]]],
    ) -> tuple[Facts, dict[str, bool]]:
        def segment(index: int) -> int:
            """Where the clause's part of the list starts (its "；"-separated item)."""
            head = a.text[: a.parts[index].start]
            return max(head.rfind(c) for c in "；;。")

        for (measure, condition), read in places.items():
            if measure != qid or len(set(read.values())) < 2:
                continue
            kept, dropped = [], 0
            for index, tier in stated[qid]:
                own = [v for i, v in read.items() if segment(i) == segment(index)]
                if own and all(v is False for v in own):
                    dropped += 1
                else:
                    kept.append(tier)
            if not dropped or not kept:
                continue
            facts = replace(facts, tiers=tuple(kept) if len(kept) > 1 else ())
            facts = replace(facts, tier=kept[0] if len(kept) == 1 else None)
            merged = {**merged, condition: True}
            cond = self.lexicon.measure(qid).condition(condition)
            asked = cond.question.rstrip("？?") if cond else condition
            a.left_out.append(f"{dropped}个作品（{asked}：否），未计入")
        return facts, merged

    def _places_named(
        self,
        a: Analysis,
        conditions: dict[str, dict[str, bool]],
        places: dict[tuple[str, str], dict[int, bool]],
    ) -> None:
        """Where the money went, however worded: a clause about a measure, or holding one of
        its amounts, that names another place and not the policy's own ("特效外包给了一个深圳
        的团队", "成都300万") denies the measure's spend condition; one naming only the policy's
        own places ("重庆700万") states it."""
        lex = self.lexicon
        clauses: dict[int, set[str]] = {}
        for index, part in enumerate(a.parts):
            if part.measure:
                clauses.setdefault(index, set()).add(part.measure)
        for measure, amounts in a.bases.items():
            for amount in amounts:
                clauses.setdefault(amount.part, set()).add(measure)
                if amount.part > 0 and _bare(a.parts[amount.part].text, amount.text):
                    # "灯光器材是从北京租的，400万": the clause before says where
                    clauses.setdefault(amount.part - 1, set()).add(measure)
        taken_out = {x.part for x in a.amounts if x.role == "minus"}
        for index, measures in clauses.items():
            if index in taken_out:
                continue
            text = a.parts[index].text
            # "北京一家做了500万（北京那家跟重庆没关系）": an aside about places set aside
            asides = re.findall(r"[（(][^）)]*[）)]", text)
            outside = re.sub(r"[（(][^）)]*[）)]", "", text)
            if any(re.search(f"{lex.here}|{lex.elsewhere}", x) for x in asides) and re.search(
                f"{lex.here}|{lex.elsewhere}", outside
            ):
                text = outside
            if lex.other_place_policy.search(text):
                continue  # "另外成都那边有没有类似的摄影棚补助": another place's policy asked
            if self._head_office_only(text, a.text):
                continue
            measures = {m for m in measures if not self._of_applicant(text, m)}
            # "给一个在浙江立项备案的剧组提供摄影棚": where the project was filed, not the spend
            named = next(
                (
                    m
                    for m in re.finditer(lex.elsewhere, text)
                    if not lx.PLACE_OF_FILING.match(text[m.end() :])
                ),
                None,
            )
            elsewhere = bool(named) and not re.search(
                r"(不是|并非|非|不在)$", text[: named.start() if named else 0]
            )
            own = re.search(lex.here, text)
            denied = bool(own) and bool(
                re.search(r"(不是|并非|非|不在)$", text[: own.start() if own else 0])
            )  # "那家公司不是重庆的，是在长沙": another place
            here, elsewhere = bool(own) and not denied, elsewhere or denied
            if elsewhere == here:
                continue
            for rule in lex.rules:
                key = (rule.measure, rule.condition)
                if rule.subject != "spend" or rule.measure not in measures:
                    continue
                if index in places.get(key, {}):
                    continue  # the condition's own words said it
                places.setdefault(key, {})[index] = here
                if not here:
                    conditions.setdefault(rule.measure, {})[rule.condition] = False
                    a.place_read.add(rule.measure)
                elif lx.CORRECTION.search(a.text) and rule.condition not in conditions.get(
                    rule.measure, {}
                ):
                    # "哦不对，…这部戏的棚就是永川的": the place corrected to the policy's own
                    conditions.setdefault(rule.measure, {})[rule.condition] = True

    def _options_per_claim(self, a: Analysis) -> None:
        """ "一个影视楼宇实际投入9000万，已纳入市级重大项目名单；另一个影视棚投入7000万，不在
        名单里": a fact said differently of several projects is each project's own (the fact
        schema's `per_claim` field), read from the clauses after each project's amount."""
        for fact, said in a.options_at.items():
            per_claim = FIELD_BY_NAME[fact].per_claim if fact in FIELD_BY_NAME else ""
            if not per_claim or len(set(said.values())) < 2:
                continue  # said once, or alike of all: the message's one value
            for measure, facts in list(a.facts.items()):
                claims = sorted(a.bases.get(measure, []), key=lambda x: x.start)
                if (
                    per_claim not in self.lexicon.measure(measure).fields
                    or len(claims) < 2
                    or [x.yuan for x in claims] != list(facts.claims_yuan)
                ):
                    continue
                values: list[bool | None] = [None] * len(claims)

                def sentence(i: int) -> int:  # which sentence clause i is in
                    head = a.text[: a.parts[i].start]
                    return len(re.findall(r"[。；;！!？?\n]", head))

                for index, value in sorted(said.items()):
                    # the project of its own sentence ("影视棚项目已纳入…名单，实际投入1.5亿；专业
                    # 楼宇项目不是重大项目，实际投入4000万"), else the one said last before it
                    same = [k for k, x in enumerate(claims) if sentence(x.part) == sentence(index)]
                    owner = (
                        same[0]
                        if len(same) == 1
                        else max((k for k, x in enumerate(claims) if x.part <= index), default=0)
                    )
                    if values[owner] is None:
                        values[owner] = value
                if all(v is not None for v in values):
                    known = tuple(bool(v) for v in values)
                    a.facts[measure] = replace(
                        facts,
                        **{per_claim: known, fact: None},  # type: ignore[arg-type]
                    )

    def _head_office_only(self, clause: str, text: str) -> bool:
        """Is the clause's other place only the vendor's head office, the work done by its
        subsidiary or branch here ("特效公司总部在北京，但这单是他们在重庆的子公司接的")?"""
        lex = self.lexicon
        return bool(lex.head_office_elsewhere.search(clause) and lex.branch_here.search(text))

    def _vendor_is_speaker(self, a: Analysis, conditions: dict[str, dict[str, bool]]) -> None:
        """A vendor speaking of its client's award: the vendor's place is its own."""
        if not lx.SPEAKER_SERVES.search(a.text):
            return
        lex = self.lexicon
        here = re.search(lx.SPEAKER_AT.format(place=lex.here), a.text)
        elsewhere = re.search(lx.SPEAKER_AT.format(place=lex.elsewhere), a.text)
        for rule in lex.rules:
            if rule.party != "vendor" or rule.measure not in a.measures:
                continue
            said = conditions.setdefault(rule.measure, {})
            if bool(here) == bool(elsewhere):
                said.pop(rule.condition, None)  # a place named is the client's, not the vendor's
            else:
                said[rule.condition] = bool(here)
                if not here:
                    a.place_read.add(rule.measure)

    def _exclude_elsewhere(
        self, a: Analysis, places: dict[tuple[str, str], dict[int, bool]]
    ) -> None:
        """Of several amounts for one measure, one whose own clause puts the spend elsewhere,
        or denies a condition of its project ("B剧还没备案，600万"), is left out of the base;
        the rest are judged on what their clauses say."""
        for (measure, condition), unsure in a.unknown_at.items():
            amounts = a.bases.get(measure, [])
            said = {i: True for i in unsure}  # marks only: which amounts those clauses are of
            if measure not in a.facts:
                continue
            # (one amount, or none: what is not known is of it, wherever it is said, unless
            # said of another labelled project: "A片已经备案…400万；B片备案情况还不清楚")
            named = {lx.label(m) for i in unsure for m in lx.LABEL.finditer(a.parts[i].text)}
            of_other = bool(named) and not named & {label_of(a, x) for x in amounts}
            if (len(amounts) <= 1 and not of_other) or any(_said_of(a, x, said) for x in amounts):
                # one project's condition is not known ("A片已备案…；B片的备案我不清楚"): the
                # sum is not known either
                a.unknown.setdefault(measure, set()).add(condition)
                facts = a.facts[measure]
                conditions = {k: v for k, v in facts.conditions.items() if k != condition}
                a.facts[measure] = replace(facts, conditions=conditions)
                places.pop((measure, condition), None)
        speaker_elsewhere = lx.SPEAKER_AT.format(place=self.lexicon.elsewhere)
        for (measure, condition), said in places.items():
            amounts = a.bases.get(measure, [])
            where = {id(x): self._bracket_place(a.text, x) for x in amounts}
            where = {
                id(x): _said_of(a, x, said) if where[id(x)] is None else where[id(x)]
                for x in amounts
            }
            out = [x for x in amounts if where[id(x)] is False]
            kept = [x for x in amounts if where[id(x)] is not False]
            # "…在成都租的，费用900万…。这900万能不能按摄影棚那条补": the same money, said again
            # in a clause of the measure's own words (read as a second amount above)
            again = [x for x in kept if _points_back(a.text, x, out)]
            kept = [x for x in kept if x not in again]
            if out and not kept:
                # "一共800万，其中300万是在成都花的": the total less the part spent elsewhere (in
                # Chongqing where the message names it; else its place is still to confirm)
                rest = self._rest_of_whole(a, out)
                if rest is not None:
                    kept = [rest]
                    where[id(rest)] = True if re.search(self.lexicon.here, a.text) else None
            if again and not kept:
                # all of it spent elsewhere: the money once, judged on what its clause says
                a.bases[measure] = out
                claims = tuple(x.yuan for x in out)
                a.facts[measure] = replace(a.facts[measure], claims_yuan=claims)
            cond = self.lexicon.measure(measure).condition(condition)
            if out and not kept and not (cond and cond.party == "vendor"):
                # every amount's own clause denies it ("一个还没备案…800万；另一个…在象山影视城
                # 拍，棚租1500万"), whatever another clause says of the message as a whole (a
                # vendor speaking names its clients' places: `_vendor_is_speaker` reads those)
                facts = a.facts[measure]
                a.facts[measure] = replace(facts, conditions={**facts.conditions, condition: False})
            if not out and kept and a.aside and all(where[id(x)] is True for x in kept):
                # "A片委托重庆一家公司…260万；B片委托北京的公司…（B的先不管）": every amount
                # counted says it holds, whatever a clause of one set aside says
                facts = a.facts[measure]
                a.facts[measure] = replace(facts, conditions={**facts.conditions, condition: True})
            denying = [i for i, v in said.items() if v is False]
            if (
                not out
                and kept
                and denying
                and all(where[id(x)] is True for x in kept)
                and not any(x.part in denying for x in a.amounts)
                and self._of_other_labels(a, denying, kept)
            ):
                # "A片委托重庆公司做电脑特效300万，B片特效是在北京做的": B's clause, with no
                # amount, is B's; every amount counted says it holds
                facts = a.facts[measure]
                a.facts[measure] = replace(facts, conditions={**facts.conditions, condition: True})
            if not out or not kept:
                continue
            if (
                cond
                and cond.subject == "applicant"
                and not any(where[id(x)] for x in kept)
                and any(re.search(speaker_elsewhere, a.parts[i].text) for i in denying)
            ):
                continue  # "我们是成都的后期公司…": the speaker's own place is of all its amounts
            facts = a.facts[measure]
            question = cond.question if cond else condition
            a.excluded += [(measure, x, question) for x in out]
            a.bases[measure] = kept
            conditions = dict(facts.conditions)
            conditions.pop(condition, None)
            if any(where[id(x)] is True for x in kept):
                conditions[condition] = True
            claims = tuple(x.yuan for x in kept)
            a.facts[measure] = replace(facts, claims_yuan=claims, conditions=conditions)

    @staticmethod
    def _of_other_labels(a: Analysis, clauses: list[int], kept: list[Amount]) -> bool:
        """Do these clauses name labelled projects ("B片"), none of them the amounts'?"""
        named = {lx.label(m) for i in clauses for m in lx.LABEL.finditer(a.parts[i].text)}
        return bool(named) and not named & {label_of(a, x) for x in kept}

    def _bracket_place(self, text: str, amount: Amount) -> bool | None:
        """ "重庆棚租和设备只花了450万（大头在象山影视城花了2000万）": an amount inside
        brackets that name a place is of that place, whatever the clause around says."""
        opened = max(text.rfind("（", 0, amount.start), text.rfind("(", 0, amount.start))
        if opened < 0 or re.search(r"[）)]", text[opened : amount.start]):
            return None
        close = re.search(r"[）)]", text[amount.start :])
        inside = text[opened + 1 : amount.start + close.start() if close else len(text)]
        elsewhere = re.search(self.lexicon.elsewhere, inside)
        here = re.search(self.lexicon.here, inside)
        if elsewhere and not here:
            return False
        return None

    def _part_not_known(self, a: Analysis) -> None:
        """ "总投资1个亿，里面有土地费，但具体多少我手上没数": the base leaves out a part
        whose amount is not known, so the base itself is not known; it is asked for."""
        for measure in list(a.bases):
            facts = a.facts[measure]
            for fact, cue in self.lexicon.measure(measure).amount_cues.items():
                if getattr(facts, f"{fact}_yuan", 0):
                    continue
                said = re.search(f"{lx.PART_INCLUDED}(?:{cue})", a.text) or re.search(
                    # "土地和配套商业都在里面，具体各多少还没算清楚"
                    f"(?:{cue})[^，。,；;]{{0,8}}(都)?(在|算在|包括在|含在)(里面|里头|内)",
                    a.text,
                )
                if said and lx.NOT_KNOWN.search(_sentence_at(a.text, said.start())):
                    a.bases.pop(measure)
                    a.facts[measure] = replace(facts, amount_yuan=None, claims_yuan=())
                    break

    def _mixed_total(self, a: Analysis, context: str | None = None) -> None:
        """ "总共花了900万，里面有摄影棚、设备，也有酒店住宿、餐饮和群演劳务费，没有分开统计":
        a total that holds costs no measure names, with no figure for them, is no base: the
        part the measure counts is not known, so it is asked for (never the whole computed)."""
        uncovered = self.lexicon.uncovered
        if uncovered is None:
            return
        candidates = dict(a.bases)
        loose = [x for x in a.amounts if x.role in BASE_ROLES]
        if context in self.lexicon.measures and not candidates and len(loose) == 1:
            candidates[context] = loose  # "这600万里面还包含了剧组住宿费" in a follow-up
        for measure, amounts in list(candidates.items()):
            if len(amounts) != 1:
                continue
            x = amounts[0]
            end = x.start + len(x.text)
            stop = re.search(r"[。？?！!\n]", a.text[end:])
            sentence = a.text[end : end + stop.start() if stop else len(a.text)]
            other = uncovered.search(sentence)
            whole = _sentence_at(a.text, x.start)
            # "一家重庆的、一家上海的，两家总共大概300万，各自多少还没拆": here and elsewhere
            places = (
                re.search(self.lexicon.here, whole)
                and re.search(self.lexicon.elsewhere, whole)
                and lx.NOT_SPLIT.search(sentence)
            )
            if not places and (other is None or not lx.MIXED_IN.search(sentence)):
                continue
            if any(end < y.start < end + len(sentence) for y in a.amounts):
                continue  # the other costs have their own figure: taken out of the total
            a.bases.pop(measure, None)
            a.unassigned = [y for y in a.unassigned if y is not x]
            facts = a.facts.get(measure, Facts())
            a.facts[measure] = replace(facts, amount_yuan=None, claims_yuan=())
            what = "外地企业的费用"
            if other and not places:
                what = f"{other.group(0)}等政策未列支持事项的费用"
            a.mixed[measure] = (
                f"{x.said}（其中含{what}，未分开，不能作为测算基数；请提供其中可计入部分的金额）"
            )

    def _year_not_known(self, a: Analysis) -> None:
        """ "今年接了我们300万的活，但它全年一共接了多少活、收入多少我不知道": the base of a
        measure counted over the year is the year's whole, which is not known; the figure said
        is a part of it, so the base is asked for, never computed from the part."""
        for clause in re.split(r"[，,。；;！!？?\n]", a.text):
            if (
                not lx.YEAR_WHOLE_NOT_KNOWN.search(clause)
                or not lx.NOT_KNOWN.search(clause)
                or re.search(r"\d|[一二三四五六七八九十百千两]+万", clause)
            ):
                continue
            for measure in list(a.bases):
                if self.lexicon.measure(measure).annual_base:
                    a.bases.pop(measure)
                    a.facts[measure] = replace(a.facts[measure], amount_yuan=None, claims_yuan=())

    def _rest_of_whole(self, a: Analysis, out: list[Amount]) -> Amount | None:
        """What is left of the total the amounts spent elsewhere are parts of ("重庆和成都两边
        拍…其中300万在成都"): None when no total holds them, or nothing is left."""
        first = min(x.start for x in out)
        wholes = [
            x
            for x in a.amounts
            if x.role == "whole"
            and x.start < first
            and lx.BREAKDOWN.search(a.text, x.start + len(x.text), first)
        ]
        if not wholes:
            return None
        whole = wholes[-1]
        left = whole.yuan - sum(x.yuan for x in out)
        if left <= 0:
            return None
        return replace(whole, yuan=left, role=whole.was or "fee")

    def _other_place(self, a: Analysis) -> bool:
        lex = self.lexicon
        computed = {
            m
            for m in a.place_read & set(a.measures)
            # "委托外地企业做特效也可以申请对吧": a premise about the measure's own condition
            if m in a.bases
            or not lex.measure(m).needs_amount
            # "…对吧" of this measure, not "英国的电影税收减免是25%吧？我们在伦敦做后期…"
            or any(p.measure == m and lx.CONFIRM.search(p.text) for p in a.parts)
        }
        if lx.THIS_POLICY_PLACE.search(a.text):
            return False  # "这个政策是在上海国际电影节期间发布的吧": a premise of this one
        # (not asked aside after a spend: "…实际投入3200万，能补多少？另外成都有没有类似的…")
        aside = bool(a.bases) and bool(
            re.search(rf"(另外|此外|顺便|同时|还有)[^。？?]{{0,8}}(?:{lex.elsewhere})", a.text)
        )
        if (
            re.search(f"(?:{lex.elsewhere}){lx.OTHER_POLICY}", a.text)
            and not re.search(lex.here, a.text)
            and not aside
        ):
            return True  # "上海对影视特效的补贴是多少"
        stated = a.bases or any(f.tier or f.conditions for f in a.facts.values())
        if (
            lex.other_place_policy.search(a.text)
            and not (re.search(lex.here, a.text) and stated)
            and not aside
        ):
            # "如果在浙江横店拍，那边的政策能补多少", "横店那边棚租返多少" (not beside a spend in
            # Chongqing: "特效外包给重庆公司花了900万…成都那边有没有类似的补贴", computed)
            return True
        if not lex.elsewhere_names or computed or a.bases:
            return False
        if a.measures and lx.TERMS_ASKED.search(a.text):
            return False  # "外地编剧的本子，想拿剧本奖励，对立项地点有啥要求": this one's terms
        sentences = re.split(r"(?<=[。？?！!\n])", a.text)
        if any(re.search(lex.here, t) and not re.search(lex.elsewhere, t) for t in sentences):
            sentences = []  # "我们是重庆的协拍机构。顺便问一下，成都那边…": a question beside
        # (sentence by sentence, this place named only beside another: "正在比较川渝两地政策。
        # 诉求：成都市对在成都拍摄的影视项目，摄影棚费用补贴比例是多少")
        return any(
            re.search(lex.elsewhere, sentence)
            and not re.search(lex.here, sentence)
            and lx.SUPPORT.search(sentence)
            for sentence in [a.text, *sentences]
        )

    # -- unseen wording ----------------------------------------------------------------------
    def nearest_measure(self, text: str) -> str | None:
        """The measure whose text and examples sit closest to `text`, if clearly closest."""
        if self.embed is None:
            return None
        ids, matrix = self.profiles()
        vector = np.asarray(self.embed([text])[0], dtype=np.float32)
        sims = matrix @ vector
        best: dict[str, float] = {}
        for qid, sim in zip(ids, sims, strict=True):
            best[qid] = max(best.get(qid, -1.0), float(sim))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][1] < EMBED_MIN:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < EMBED_LEAD:
            return None
        return ranked[0][0]

    def profiles(self) -> tuple[list[str], Any]:
        if self._profiles is None:
            assert self.embed is not None
            ids: list[str] = []
            texts: list[str] = []
            for qid, m in self.lexicon.measures.items():
                for text in (m.title, m.base, *m.vocabulary.examples):
                    ids.append(qid)
                    texts.append(text)
            self._profiles = (ids, np.asarray(self.embed(texts), dtype=np.float32))
        return self._profiles


# -- helpers -------------------------------------------------------------------------------
def _has_field(lex: Lexicon, measure: str, fact: str) -> bool:
    """Does the measure take this fact ("园区纳入市级重大项目了": the park's measure does not;
    the building measure beside it does)?"""
    return any(spec.attr == fact for spec in FIELDS if spec.name in lex.measure(measure).fields)


def _asks_term(words: re.Pattern[str], text: str) -> bool:
    """Does the message ask about this term ("最多能拿多少", "上限是多少")? A term followed by
    its figure ("单个项目最多1000万这个我知道了，就想问…") states it; a claim of it ("封顶
    2000万是吧") is a premise, answered from the clause either way."""
    for match in words.finditer(text):
        after = text[match.end() : match.end() + 8]
        stated = find_amounts(after)
        if not stated or lx.CONFIRM.search(text[match.end() : match.end() + 16]):
            return True
    return False


# A kind of spend said and taken back: "不是棚租，而是特效", "并非后期而是剪辑配音".
_DENIED_KIND = re.compile(
    r"(?:(?:不是|并非|并不是)(?P<denied>[^，,。；;！!？?]{1,20}?)"
    # "要是这800万不花在棚上，而是委托…做剪辑配音"
    r"|不(?:花|用|投|放)在(?P<spent>[^，,。；;！!？?]{1,12}?)上)"
    r"(?:[，,]?\s*(?:而是|其实是)|[，,]\s*是)"
)


def _pieces(text: str) -> list[tuple[str, str]]:
    """Clauses (each with the clause it came from); a clause listing several amounts ("棚租
    700万、配乐120万、剪辑260万") is split at its enumeration commas, so each amount keeps its
    own words."""
    out: list[tuple[str, str]] = []
    for clause in _CLAUSE.split(text):
        if clause and len(find_amounts(clause)) > 1 and _ENUM.search(clause):
            out += [(piece, clause) for piece in _ENUM.split(clause)]
        else:
            out.append((clause, clause))
    return out


# Enumeration marks outside parentheses: "棚租280万/设备120万", not "（咖啡厅、餐饮）".
# After an amount, a joining word starts the next item: "棚租300万加特效300万".
# Before an amount, a joining word starts the next item too: "650万的特效和1100万的棚租";
# so does a plus sign or a space after an amount ("棚租1500万 + 特效220万", "棚是九百万 特效…").
_ENUM = re.compile(
    r"[、/／](?![^（(]*[）)])|(?<=[万元亿wW])(?:加上|加|和|跟|以及|及)(?=[^\d一二两三四五六七八九十百千万亿])"
    r"|(?<![\d一二两三四五六七八九十百千万亿])(?:和|跟|以及|及|与)(?=\s*[\d一二两三四五六七八九][^，,。]{0,6}[万亿])"
    # (an emoji after an amount ends it too: "棚租+设备一共300w😂 后期特效…600w")
    r"|\s*[+＋]\s*|(?<=[万元亿wW整])(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*|\s+)(?=[^\sA-Za-z])"
    # English: "spent 900万元 on stages and 350万元 on editing" (what follows the amount is its own)
    r"|\s+and\s+(?=\d)"
)


def _best(scores: dict[str, float]) -> tuple[str | None, tuple[str, ...]]:
    if not scores or max(scores.values()) < 2:  # one weak word ("投资", "棚") is not enough
        return None, ()
    top = max(scores.values())
    leaders = tuple(sorted(q for q, s in scores.items() if s == top))
    return (leaders[0], ()) if len(leaders) == 1 else (None, leaders)


_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_CN_DIGIT |= {"九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_D = "一二两三四五六七八九"
# "六七千万", "八九百万"; "一千五六百万"; "七百多万", "20多万"; "五百来万"
_TWO_DIGITS = re.compile(f"([{_D}])([{_D}])(十|百|千)?万")
_HEAD_TWO = re.compile(f"([{_D}])(千|百)([{_D}])([{_D}])(百|十)万")  # "四百七八十万"
# "七百多万", "一个多亿", "一千二百来万" (a thousands head before the hundreds)
_MORE = re.compile(f"(?:([{_D}])千)?(\\d+|[{_D}])(十|百|千)?个?(多|来)(万|亿)")


def spoken_ranges(text: str) -> list[tuple[int, int]]:
    """The two ends of each amount spoken as a range ("六七百万", "七百多万"): figures the text
    states, as a reply may repeat them ("按所给范围的下限700万元测算")."""
    return [(low, high) for _, _, low, high in _fuzzy(text)]


def _fuzzy(text: str) -> list[tuple[int, int, int, int]]:
    """Approximate amounts spoken as ranges: (start, end, low yuan, high yuan)."""
    out: list[tuple[int, int, int, int]] = []
    for m in _HEAD_TWO.finditer(text):
        unit, step = _CN_UNIT[m.group(2)], _CN_UNIT[m.group(5)]
        if step * 10 != unit:
            continue
        base = _CN_DIGIT[m.group(1)] * unit
        low, high = base + _CN_DIGIT[m.group(3)] * step, base + _CN_DIGIT[m.group(4)] * step
        out.append((m.start(), m.end(), low * 10_000, high * 10_000))
    for m in _TWO_DIGITS.finditer(text):
        if any(s <= m.start() < e for s, e, _, _ in out):
            continue
        if m.start() > 0 and text[m.start() - 1] in "千百":
            continue  # "三千四五十万": a head this reading does not know; no amount at all
        unit = _CN_UNIT.get(m.group(3) or "", 1)
        first, second = _CN_DIGIT[m.group(1)], _CN_DIGIT[m.group(2)]
        if second == first + 1:
            out.append((m.start(), m.end(), first * unit * 10_000, second * unit * 10_000))
    for m in _MORE.finditer(text):
        if m.group(1) and m.group(2).isdigit():
            continue  # "一千2百来万": no reading of it
        number = int(m.group(2)) if m.group(2).isdigit() else _CN_DIGIT[m.group(2)]
        unit = _CN_UNIT.get(m.group(3) or "", 1)
        step = unit if m.group(3) else 10 ** max(len(str(number)) - 1, 0)
        low = number * unit + (_CN_DIGIT[m.group(1)] * 1000 if m.group(1) else 0)
        yuan = 10_000 if m.group(5) == "万" else 100_000_000
        if m.group(4) == "来":
            out.append((m.start(), m.end(), (low - step // 2) * yuan, (low + step // 2) * yuan))
        else:
            out.append((m.start(), m.end(), low * yuan, (low + step) * yuan - 1))
    return out


def _restated(amounts: list[Amount], text: str, parts: Sequence[Part] = ()) -> list[Amount]:
    """One spend said twice: an estimate restated more closely right after ("不到500万，大概
    四百七八十万") is the second; with and without tax ("900万（含税），不含税850万") is both."""
    out = list(amounts)
    paid = [i for i, x in enumerate(out) if lx.PAYMENT_PART.search(_clause_before(text, x))]
    # the measure each amount's clause names (None when the clauses are not known)
    kind = [parts[x.part].measure if parts else None for x in out]
    for i, x in enumerate(out):
        # "协拍公司那600万服务": the amount said before, pointed back at, is the same money
        if (
            x.role in BASE_ROLES
            and lx.POINTED_BACK.search(text[max(0, x.start - 3) : x.start])
            and any(
                y.yuan == x.yuan and y.role in BASE_ROLES and kind[j] == kind[i]
                for j, y in enumerate(out[:i])
            )
        ):
            out[i] = replace(x, role="other")
    for i, x in enumerate(out):
        # "…改成600万结案，发票也按600万开": the same figure said again of the same money
        if (
            x.role in BASE_ROLES
            and re.search(r"(也|同样|还是)(按|是|为)\s*$", text[max(0, x.start - 5) : x.start])
            and any(
                y.yuan == x.yuan
                and y.role in BASE_ROLES
                and not re.search(r"[。？?！!；;]", text[y.start : x.start])
                for y in out[:i]
            )
        ):
            out[i] = replace(x, role="other")
    for i, x in enumerate(out):
        if x.role not in BASE_ROLES or not lx.FINAL_BEFORE.search(_clause_before(text, x)):
            continue
        # "原价1000万，追加200万，又取消…减了350万，最终结算850万": the settled figure is the
        # contract's; what was said of it on the way, and the same figure said again ("也只
        # 结了650万"), is no other cost
        for j, y in enumerate(out):
            if j == i or re.search(
                r"[。？?！!；;]", text[min(x.start, y.start) : max(x.start, y.start)]
            ):
                continue
            same_kind = kind[j] == kind[i] or None in (kind[j], kind[i])
            if same_kind and (
                (j < i and y.role in (*BASE_ROLES, "minus", "whole"))
                or (j > i and y.yuan == x.yuan and y.role in BASE_ROLES)
            ):
                out[j] = replace(y, role="other")
    for i, x in enumerate(out):
        if x.role in BASE_ROLES and lx.SUPERSEDES_BEFORE.search(_clause_before(text, x)):
            # "对方退回了350万，实际付了450万": the actual figure is after the refund
            for j in range(i):
                if out[j].role == "minus" and not re.search(
                    r"[。？?！!；;]", text[out[j].start : x.start]
                ):
                    out[j] = replace(out[j], role="other")
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        between = text[first.start + len(first.text) : second.start]
        if (
            first.role in BASE_ROLES
            and second.role in BASE_ROLES
            and not re.search(r"[。？?！!；;]", between)
        ):
            # (not two items each settled: "上半年…结算550万，下半年…结算800万")
            apart = lx.ANOTHER_PERIOD.search(between)
            if (lx.SUPERSEDES_BEFORE.search(_clause_before(text, second)) and not apart) or (
                lx.CORRECTED_BETWEEN.search(between)
            ):
                # "报价1000万，最后谈到800万", "六百八十万……啊说错了，是八百六十万"
                out[i - 1] = replace(first, role="other")
                earlier = out[i - 2] if i > 1 else None
                if (
                    earlier is not None
                    and earlier.role in BASE_ROLES
                    and lx.DEDUCTED.search(_clause_before(text, first))
                    and not re.search(r"[。？?！!；;]", text[earlier.start : first.start])
                    and (kind[i - 2] == kind[i] or None in (kind[i - 2], kind[i]))
                ):
                    # "特效合同380万，返工扣款60万，最终结算320万": the settled figure, past
                    # what was taken off on the way
                    out[i - 2] = replace(earlier, role="other")
                continue
            if paid == [i] and second.yuan < first.yuan:
                # "合同1000万，已付600万": only what is paid counts (`_drop_not_incurred`),
                # unless the whole is said paid ("首付款30%即414万元，现已全部付清")
                if lx.FULLY_PAID.search(_rest_of_sentence(text, second.start + len(second.text))):
                    out[i] = replace(second, role="other")
                continue
        if (
            first.role in BASE_ROLES
            and second.role in BASE_ROLES
            and len(between) <= 10
            and lx.TAX_RESTATED.search(between)
        ):
            # with and without tax: both readings, computed only if they agree
            low, high = sorted((first.yuan, second.yuan))
            out[i - 1] = replace(first, yuan=(low + high) // 2, role="range", low=low, high=high)
            out[i] = replace(second, role="other")
            continue
        if (
            first.role in ("range", "approx")
            and second.role in BASE_ROLES
            and lx.RESTATED_EXACT.search(between)
        ):
            out[i - 1] = replace(first, role="other")  # "五百来万…，准确数是523万"
            continue
        if first.role not in ("range", "approx") or second.role not in ("range", "approx"):
            continue
        if len(between) <= 8 and lx.RESTATED.search(between):
            out[i - 1] = replace(first, role="other")
    return out


def _inside_said_total(amounts: list[Amount], text: str) -> list[Amount]:
    """ "实际投入2300万（其中一块LED屏就800万，已经算在2300万里面）": a figure said to be
    inside a total named again is part of that total, no cost beside it."""
    out = list(amounts)
    for said in lx.CONTAINED_IN.finditer(text):
        named = find_amounts(said.group("n"))
        if len(named) != 1:
            continue
        total = next((x for x in out if x.yuan == named[0].yuan and x.start < said.start()), None)
        if total is None:
            continue
        for i, x in enumerate(out):
            inside = total.start < x.start < said.start() and x.yuan < total.yuan
            if inside and x.role in BASE_ROLES:
                out[i] = replace(x, role="other")
                if out[out.index(total)].role == "whole":
                    k = out.index(total)
                    out[k] = replace(total, role=total.was or "fee")
    # "一共花了1,600万（含我们这1,100万）": the part named right after its total, inside it
    for i in range(1, len(out)):
        total, part = out[i - 1], out[i]
        between = text[total.start + len(total.text) : part.start]
        if (
            total.role in (*BASE_ROLES, "whole")
            and part.role in BASE_ROLES
            and part.yuan < total.yuan
            and lx.PART_NAMED_INSIDE.fullmatch(between)
        ):
            out[i] = replace(part, role="other")
            if total.role == "whole":
                out[i - 1] = replace(total, role=total.was or "fee")
    return out


def _inexact_total_beside_its_part(amounts: list[Amount], text: str) -> list[Amount]:
    """ "一共七百来万，但是重庆的只有四百二十万": a rough total said before the exact part of it
    that counts is no amount of its own (never added to the part)."""
    out = list(amounts)
    for i in range(1, len(out)):
        total, part = out[i - 1], out[i]
        if total.role not in ("range", "approx") or part.role not in BASE_ROLES[:3]:
            continue
        head = text[max(0, total.start - 8) : total.start]
        between = text[total.start + len(total.text) : part.start]
        if (
            lx.TOTAL_BEFORE.search(head)
            and part.yuan < (total.low if total.low is not None else total.yuan)
            and lx.PART_OF_TOTAL.search(between)
        ):
            out[i - 1] = replace(total, role="other")
    return out


def _stated_totals(amounts: list[Amount], text: str) -> list[Amount]:
    """ "A棚600万，B楼700万，合起来1300万": a total said after its parts, which it equals, is
    not one more amount; the parts stay (they may be separate projects, each with its own
    threshold)."""
    out = list(amounts)
    totals: set[int] = set()  # "小计" lines of a table, then its "合计" of them all
    for i, amount in enumerate(out):
        if i and amount.role == "whole" and amount.low is None:
            previous = out[i - 1]
            between = text[previous.start + len(previous.text) : amount.start]
            if (
                previous.low is not None
                and amount.yuan > previous.yuan
                and re.match(r"[^，。,；;]{0,3}(一个|每个|一部|每部|一家|每家|一单|每单)", between)
            ):
                # "大概都是700万左右一个，合计两千一百万": the total said, not one item's estimate
                out[i - 1] = replace(previous, role="other")
                continue
        if amount.role not in (*BASE_ROLES, "whole") or amount.low is not None or i < 2:
            continue
        cue = text[max(0, amount.start - 8) : amount.start]
        # ("剪辑120万、配音80万…刚好200万": the sum said after its items)
        summed = re.search(r"(正好|刚好|一共是|总共是|合计是|加起来)\s*$", cue)
        if not (lx.WHOLE.search(cue) or lx.SUBTOTAL.search(cue) or summed):
            continue
        previous = out[i - 1]
        between = text[previous.start + len(previous.text) : amount.start]
        if lx.ANOTHER_PERIOD.search(between) or lx.NEW_ITEM.search(between):
            continue  # "…6月40万，下半年一共250万": another period's sum, whatever it equals

        running: Yuan = 0
        for index in range(i - 1, -1, -1):
            part = out[index]
            if index in totals:
                continue
            # "棚480万，餐饮120万，住宿200万，三项加起来正好800万": items no measure covers
            # are parts of the total too
            if part.role not in (*BASE_ROLES, "other") or part.low is not None:
                break
            running += part.yuan
            if running >= amount.yuan:
                break
        if running == amount.yuan and running != out[i - 1].yuan:
            out[i] = replace(amount, role="other")
            totals.add(i)
    return out


def _of_earlier_year(before: str, rest: str) -> bool:
    """Is an award said of an earlier year ("去年拿了150万")? A year named before it and again
    after it is the year the message asks about ("2025年度…已经领了350万…2025年全年收入…")."""
    # ("今年（2025年）已经…拿到150万": the year named is this year, as the caller counts)
    before = re.sub(r"(今年|本年度?)\s*[（(]\s*(20)?\d\d\s*年?\s*[）)]", r"\1", before)
    said = list(lx.EARLIER_YEAR.finditer(before))
    if not said:
        return False
    named = lx.NAMED_YEAR.match(said[-1].group(0))
    return named is None or named.group(1) not in rest


def _whole_of_one_project(a: Analysis, amount: Amount, measure_of: dict[int, str | None]) -> bool:
    """ "第一个项目…这些服务费加起来1.35亿；第二个是部悬疑片…2800万": a total of one project's
    items, the other amounts of its measure another project's, in sentences of their own."""
    if not lx.SEVERAL.search(a.text) or a.parts[amount.part].measure != measure_of.get(id(amount)):
        return False  # (its own clause names the measure: not "两片总投资分别为4亿和1.5亿")
    sentence = _sentence_at(a.text, amount.start)
    others = _other_bases_of_its_measure(a, amount, measure_of)
    return bool(others) and all(
        _sentence_at(a.text, x.start) != sentence
        and not lx.PART_OF_TOTAL.match(_sentence_at(a.text, x.start).lstrip())
        for x in others
    )


def _earlier_award(text: str, amount: Amount) -> bool:
    """Is the amount an award said received in an earlier year ("2026年…已经拿了300万补助",
    "去年拿了150万")?"""
    sentence = _sentence_at(text, amount.start)
    before = sentence[: amount.start - text.find(sentence)]
    after = text[amount.start + len(amount.text) :]
    awarded = lx.AWARD_WORD.search(before) or lx.AWARD_AFTER.match(after)
    received = lx.PRIOR_AWARD.search(before) or lx.RECEIVED.search(before[-12:])
    return bool(awarded and received and _of_earlier_year(before, after))


def _parts_listed_apart(a: Analysis) -> None:
    """ "一期棚体1500万，二期设备和装修2300万，三期配套商业综合体4000万": a land or commercial
    figure listed as an item of its own, larger than the rest, is no part inside the base; it
    is left out (not taken off the base)."""
    for measure, facts in list(a.facts.items()):
        parts = facts.land_yuan + facts.commercial_yuan
        if not parts or facts.amount_yuan is None or facts.amount_yuan >= parts:
            continue
        listed = [
            x
            for x in a.amounts
            if x.role in ("land", "commercial")
            and not re.search(r"其中|含|包括|包含|里面|里头", _clause_before(a.text, x))
        ]
        if sum(x.yuan for x in listed) != parts:
            continue
        a.facts[measure] = replace(facts, land_yuan=0, commercial_yuan=0)
        a.left_out += [f"{x.said}（列为单独一项，不计入固定资产实际投入）" for x in listed]


def _remainder_said(a: Analysis) -> None:
    """ "总投入1300万，其中300万是配套商业…所以正好1000万是棚的": the rest said beside the total
    and its land or commercial part is the base already; the parts are not taken off it
    again (the total is the amount they come off)."""
    for measure, facts in list(a.facts.items()):
        parts = facts.land_yuan + facts.commercial_yuan
        if not parts or facts.amount_yuan is None or facts.claims_yuan:
            continue
        totals = [
            x
            for x in a.amounts
            if x.role in ("whole", "other")
            and x.yuan == facts.amount_yuan + parts
            and x.yuan > facts.amount_yuan
        ]
        if totals:
            a.facts[measure] = replace(facts, amount_yuan=totals[0].yuan)


def _paid_at_discount(a: Analysis) -> bool:
    """The one quoted price of the message, discounted and said paid: replaced by the price
    paid. Did it?"""
    rate = lx.discount_rate(a.text)
    bases = [i for i, x in enumerate(a.amounts) if x.role in BASE_ROLES]
    if rate is None or len(bases) != 1 or not lx.PAID_AFTER_DISCOUNT.search(a.text):
        return False
    quote = a.amounts[bases[0]]
    if not lx.QUOTED_BEFORE.search(_clause_before(a.text, quote)):
        return False
    paid = int((Decimal(quote.yuan) * rate).quantize(Decimal(1), ROUND_HALF_UP))
    a.amounts[bases[0]] = replace(quote, yuan=paid)
    for measure, amounts in a.bases.items():
        if quote in amounts:
            a.bases[measure] = [replace(quote, yuan=paid) if x is quote else x for x in amounts]
            facts = a.facts.get(measure, Facts())
            a.facts[measure] = replace(
                facts,
                amount_yuan=paid if facts.amount_yuan == quote.yuan else facts.amount_yuan,
                claims_yuan=tuple(paid if y == quote.yuan else y for y in facts.claims_yuan),
            )
    return True


def _range_low(before: str, amount: str) -> Yuan | None:
    """The low end of "300到400万": the number before 到 in the amount's unit."""
    from policy import InvalidAmount, parse_amount

    number = re.match(r"[\d零一二两三四五六七八九十百千万多.]+", before.strip())
    unit = re.search(r"亿|千万|百万|万|w|W", amount)
    if number is None:
        return None
    text = number.group(0).replace("多", "")
    if unit and not re.search(r"亿|万", text):
        text += unit.group(0)
    try:
        return parse_amount(text)
    except InvalidAmount:
        return None


def _drop_earlier_years(a: Analysis) -> None:
    """ "去年收入1500万，今年到目前是260万": beside an amount of this year, one of an earlier
    year is not a base (this year's award is asked about)."""

    def year_of(amount: Amount) -> str | None:
        """The year said last before the amount in its sentence ("今年到10月为止做了两单，
        一单480万": this year's)."""
        head = _sentence_head(a.text, amount)
        said = [(m.end(), "earlier") for m in lx.EARLIER_YEAR.finditer(head)]
        said += [(m.end(), "this") for m in lx.THIS_YEAR.finditer(head)]
        return max(said)[1] if said else None

    def numbered(amount: Amount) -> str | None:
        """The year named last before the amount in its sentence ("2025年做了两个项目，收入
        100万和130万": both of 2025)."""
        found = lx.named_years(_sentence_head(a.text, amount))
        return found[-1] if found else None

    # (a year's total said as one, "全年服务费用合计1300万元", is that year's base too)
    bases = [x for x in a.amounts if x.role in (*BASE_ROLES, "whole")]
    priors = [x for x in a.amounts if x.role == "prior_award"]
    named = {id(x): numbered(x) for x in [*bases, *priors]}
    base_years = sorted({y for x in bases if (y := named[id(x)])})
    if len(base_years) > 1:
        # "2024年给剧组服务700万，2025年600万，2025年度能补多少": the year asked, else the last
        asked = [
            y
            for s in re.split(r"(?<=[。？?！!；;])", a.text)
            if asks(s) and not find_amounts(s)
            for y in lx.named_years(s)
        ]
        year = asked[-1] if asked else base_years[-1]
        if not asked and lx.YEARS_TOGETHER.search(a.text):
            # "两个年度的奖励各是多少、合计多少": each year computed on its own, then added
            a.years_apart = base_years
        else:
            a.other_years = [
                f"{x.said}（{named[id(x)]}年，按{year}年度测算；其他年度请分别询问）"
                for x in bases
                if named.get(id(x)) not in (None, year)
            ]
        a.amounts = [
            replace(x, role="other") if named.get(id(x)) not in (None, year) else x
            for x in a.amounts
        ]
        return
    years = {id(x): year_of(x) for x in [*bases, *priors]}
    # "2025年已拿到该项补助200万元，2026年新签一单…900万": an award of another year leaves
    # this year's cap alone
    other_year = [
        x
        for x in priors
        if bases
        and (
            (named[id(x)] and base_years and named[id(x)] not in base_years)
            or (
                not named[id(x)]
                and years[id(x)] == "earlier"
                and all(years[id(b)] != "earlier" for b in bases)
            )
        )
    ]
    if other_year:
        a.other_years = [f"{x.said}（往年已获补助，不占本年度额度）" for x in other_year]
        a.amounts = [replace(x, role="other") if x in other_year else x for x in a.amounts]

    def topic(amount: Amount) -> str | None:
        return a.parts[amount.part].measure

    def of_this_year(amount: Amount) -> bool:
        """Is there an amount of this year about the same measure (or about none named)?"""
        mine, whose = topic(amount), _company_of(a, amount)
        return any(
            years[id(x)] == "this"
            and (mine is None or topic(x) in (None, mine))
            # ("A公司…去年…2600万；B公司…今年…1100万": another company's year)
            and (whose is None or _company_of(a, x) in (None, whose))
            for x in bases
        )

    a.other_years = [
        f"{x.said}（往年的金额，按今年测算）"
        for x in bases
        if years.get(id(x)) == "earlier" and of_this_year(x)
    ]
    a.amounts = [
        replace(x, role="other") if years.get(id(x)) == "earlier" and of_this_year(x) else x
        for x in a.amounts
    ]


def _yearly(measure: Measure) -> bool:
    return measure.annual_base or measure.cap_scope == "per_company_year"


def _named(a: Analysis, amount: Amount) -> str:
    """An amount with the words that name it ("演员片酬600万元")."""
    words = re.split(r"[，,。；;：:、（(\s]", a.text[max(0, amount.start - 12) : amount.start])[-1]
    words = words[-10:] if not re.match(r"[A-Za-z]", words[-10:]) else words
    words = re.sub(r"^.*[\d一二两三四五六七八九十百千][万亿元]", "", words)  # "…四百五十万尾款"
    words = re.sub(r"^(其中|其余|剩下的?|另有|还有|但|有)(一个|一笔)?", "", words)
    words = re.sub(r"(是|为|有|约|共|了)$", "", words)
    return f"{words}{amount.said}"


_ECHO = re.compile(
    r"你(刚才|刚刚|前面)?问(的是|我们|我)?(?P<q>[^？?—]{2,30}?)(?:[？?]|——|—|--)\s*"
    r"(?P<answer>[^，。,；;！!？?]{1,12})"
)
_ECHO_ASKING = re.compile(r"有没有|是不是|是否|有无|了没有|没有$|在哪(里|儿)?|哪里的|吗$|了吗$")
_ECHO_NO = re.compile(r"^(没|没有|不是|不|未|还没|并没)")


def _echo_answered(text: str) -> str:
    """ "你问有没有纳入市级重大项目名单？纳入了": the bot's question said back, then its answer;
    read as the fact stated ("纳入市级重大项目名单，纳入了"), not asked."""

    def stated(m: re.Match[str]) -> str:
        asked, answer = _ECHO_ASKING.sub("", m["q"]).strip(), m["answer"]
        if _ECHO_NO.match(answer):
            return f"没有{asked}，{answer}"
        return f"{asked}，{answer}"

    return _ECHO.sub(stated, text)


def with_shared(a: Analysis, facts: Facts) -> Facts:
    """Facts stated without naming a measure (staff count, major project) fill its gaps."""
    return replace(
        facts,
        staff=facts.staff if facts.staff is not None else a.shared.staff,
        major_project=(
            facts.major_project if facts.major_project is not None else a.shared.major_project
        ),
    )


def _company_marks(text: str) -> list[re.Match[str]]:
    """Where the message names a company by its letter, speaking of it (not "给A的剧组做外景协拍":
    the company served, named in another's words)."""
    return [
        m
        for m in lx.COMPANY_LETTER.finditer(text)
        if not re.search(r"(给|为|帮|替|向)$", text[max(0, m.start() - 1) : m.start()])
    ]


def company_texts(text: str) -> dict[str, str]:
    """Each company named by its letter with its own words: what the message says before
    naming any, and the clauses from its letter to the next company's ("甲年收入600万社保4人；
    乙年收入400万，社保3人": 甲 → "…甲年收入600万社保4人；", 乙 → "…乙年收入400万，社保3人")."""
    marks = [(_clause_start(text, m.start()), company_letter(m)) for m in _company_marks(text)]
    letters = list(dict.fromkeys(letter for _, letter in marks))
    if len(letters) < 2:
        return {}
    head = text[: marks[0][0]]
    out = {letter: head for letter in letters}
    for (start, letter), (end, _) in zip(marks, [*marks[1:], (len(text), "")], strict=True):
        # (not past its sentence: "…收入1200万）。重庆那家能拿多少？成都那家…" asks of them all)
        stop = re.search(r"[。？?！!]", text[start:end])
        out[letter] += text[start : start + stop.end() if stop else end]
    return out


def _asked_company_only(text: str) -> str:
    """ "A公司…社保5人，B公司…社保2人，A公司自己能拿多少": of several companies named by their
    letters, the one asked about alone, with what the message says before naming any; the
    others' amounts, staff and places are theirs."""
    letters = {company_letter(m) for m in lx.COMPANY_LETTER.finditer(text)}
    if not lx.COMPANIES.search(text) and len(letters) < 2:
        return text
    asked = {m["label"] for m in lx.ASKED_LABEL.finditer(text) if m["label"]}  # letters
    asked |= {m["label"] for m in lx.ONLY_COMPANY_ASKED.finditer(text)}
    asked |= {m["label"] for m in lx.ONLY_LETTER_ASKED.finditer(text)}  # "本次只问乙的奖励金额"
    asked |= {m["label"] for m in lx.COMPANY_ASKED.finditer(text)}
    # "一家叫星河…；另一家叫云帆…。先只算星河": a company asked by the name it was given
    for m in re.finditer(
        r"(?P<one>另外一家|另一家|一家)叫(?P<name>[\u4e00-\u9fffA-Za-z]{2,6}?)[，,；;]", text
    ):
        if re.search(rf"(只|就|单独)(算|问|说)[^，,。？?]{{0,2}}{re.escape(m['name'])}", text):
            asked.add("乙" if m["one"].startswith("另") else "甲")
    # a company's words start where its clause starts ("；上海B公司也…": B's place is B's)
    marks = [(_clause_start(text, m.start()), company_letter(m)) for m in _company_marks(text)]
    if len(asked) != 1 or len({letter for _, letter in marks}) < 2:
        return text
    if re.search(
        r"[A-D甲乙丙丁](公司|企业)?\s*(和|与|跟|、|及)\s*[A-D甲乙丙丁](公司|企业)?[^，,。？?]{0,4}"
        r"(分别|各自|各|都)",
        text,
    ):
        return text  # "A公司和B公司分别能拿多少": both asked
    kept = text[: marks[0][0]]
    for (start, letter), (end, _) in zip(marks, [*marks[1:], (len(text), "")], strict=True):
        if letter in asked:
            kept += text[start:end]
    return kept


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position `at` starts, looking back at most 6 characters."""
    head = text[max(0, at - 6) : at]
    cut = max(head.rfind(c) for c in "，,。；;：:、！!？? ")
    return at - len(head) + cut + 1 if cut >= 0 else at


def year_texts(text: str, years: Sequence[str]) -> dict[str, str]:
    """Each year's words: the clauses from where a sentence names the year to where it names
    another, with every clause that names no year (said of all of them)."""
    out: dict[str, list[str]] = {y: [] for y in years}
    for sentence in re.split(r"(?<=[。？?！!；;\n])", text):
        current: str | None = None
        for clause in re.split(r"(?<=[，,：:])", sentence):
            found = set(lx.named_years(clause))
            if len(found) == 1:
                current = found.pop()
            elif found:
                current = None  # "2025年和2026年的奖励各是多少": of them all
            for year in years:
                if current in (None, year):
                    out[year].append(clause)
    return {y: "".join(clauses) for y, clauses in out.items()}


def _sentence_head(text: str, amount: Amount) -> str:
    """What the amount's sentence says before it."""
    sentence = _sentence_at(text, amount.start)
    return sentence[: amount.start - text.find(sentence)]


def company_letter(match: re.Match[str]) -> str:
    """The company letter of a COMPANY_LETTER match ("A公司" or "公司A")."""
    if match["one"]:
        # "一家…，一家…" / "一家…；另一家…": the companies in the order said
        said = lx.COMPANY_LETTER.finditer(match.string, 0, match.start())
        before = sum(1 for m in said if m["one"])
        index = max(1, before) if match["one"].startswith("另") else before
        return "甲乙丙丁"[min(index, 3)]
    return match["letter"] or match["letter2"]


def _company_of(a: Analysis, amount: Amount) -> str | None:
    """The company letter said last before an amount in its sentence ("乙做设备租赁收入900万":
    乙), or None."""
    # (the amount itself after its head: "乙700万" names 乙 by the figure that follows it)
    head = _sentence_head(a.text, amount) + amount.text
    found = [company_letter(m) for m in lx.COMPANY_LETTER.finditer(head)]
    return found[-1] if found else None


def _project_of(a: Analysis, amount: Amount) -> str | None:
    """The project label said last before an amount in its sentence ("项目二…5500万": 二,
    "B棚900万": B, "《长江》": 长江); not a company's ("A公司的特效费": a vendor)."""
    found = [
        lx.label(m)
        for m in lx.LABEL.finditer(_sentence_head(a.text, amount))
        if not re.search(r"公司|企业", m.group(0))
    ]
    return found[-1] if found else None


def label_of(a: Analysis, amount: Amount) -> str | None:
    """The label said last before an amount in its sentence ("B项目…1,350万": B; "A、B两个
    项目…A花了3400万": A, a letter the message introduced as a label)."""
    head = _sentence_head(a.text, amount)
    found = [lx.label(m) for m in lx.LABEL.finditer(head)]
    if found:
        return found[-1]
    introduced = lx.LETTERS_INTRODUCED.search(a.text)
    if introduced is None:
        return None
    letters = set(re.findall(r"[A-Z甲乙丙丁]", introduced.group("letters")))
    clause = re.split(r"[，,；;：:]", head)[-1]
    bare = [m.group(0) for m in re.finditer(r"(?<![A-Za-z])[A-Z甲乙丙丁](?![A-Za-z])", clause)]
    bare = [x for x in bare if x in letters]
    return bare[-1] if bare else None


def _drop_other_parties(a: Analysis) -> None:
    """ "隔壁XX影业去年拿了200万补助，他们棚费是1000万。我们…650万": another company's
    figures, said in its sentence, are not the speaker's."""
    original = list(a.amounts)
    for index, amount in enumerate(a.amounts):
        if amount.role not in (*BASE_ROLES, "prior_award", "whole"):
            continue
        head = _sentence_head(a.text, amount)
        named = [*lx.OTHER_PARTY.finditer(head)]
        if amount.role == "prior_award" and not lx.EACH_ASKED.search(a.text):
            # "同集团的兄弟公司今年已经拿了这项补助200万": that company's award, not ours (but
            # "我们还有一个协拍子公司…已经拿了协拍补助50万…两家各能拿多少": its own, asked)
            named += [*lx.SISTER_COMPANY.finditer(head)]
            named.sort(key=lambda m: m.start())
        elif not lx.SPEAKER_IS.search(head):
            # "我们母公司在新加坡，营收约2000万": the parent's figures, not the applicant's
            named += [*lx.PARENT_COMPANY.finditer(head)]
            named.sort(key=lambda m: m.start())
        theirs = lx.THEIRS_AFTER.match(a.text[amount.start + len(amount.text) :])
        if named and lx.HIRED_BEFORE.search(head[: named[-1].start()][-8:]):
            named = []  # "委托重庆另一家公司做了130万": the vendor we paid, our spend
        if (named and not lx.OWN_PARTY.search(head, named[-1].end())) or theirs:
            a.amounts[index] = replace(amount, role="other")
    if lx.THEIR_AWARD_ASKED.search(a.text) and not any(x.role in BASE_ROLES for x in a.amounts):
        # "隔壁做音频后期的公司…收入350万，社保3个人，他们能拿吗": the other company's award
        # is the one asked, from its own figures
        a.amounts = [
            before if before.role in BASE_ROLES else now
            for before, now in zip(original, a.amounts, strict=True)
        ]


def _drop_not_incurred(a: Analysis, context: str | None = None) -> None:
    """Only costs paid count: the clauses pay against valid vouchers of costs incurred.
    "棚租已经付了700万，有发票；另外道具公司报了400万的价，合同还没签": beside a cost said to
    be paid, one only quoted or not yet paid, or the whole contract it is part of ("合同总价
    1000万，付了定金300万"), is no cost yet: named as left out, and kept as pending for the turn
    that says it is paid. A cost said not to be paid, with nothing paid, waits for it ("合同
    已签880万，一分钱还没付"); a plan ("预计花800万") is computed as a plan. A price quoted with
    its discount and said paid at the discounted price is that price ("报价700万，打了八折，
    按折后价…付清了")."""
    if _paid_at_discount(a):
        return
    own: dict[int, str] = {}
    for i, x in enumerate(a.amounts):
        start = max(a.text.rfind(c, 0, x.start) for c in "。；;！!？?\n") + 1
        if i and a.amounts[i - 1].start + len(a.amounts[i - 1].text) > start:
            start = a.amounts[i - 1].start + len(a.amounts[i - 1].text)
        end = x.start + len(x.text)
        stop = re.search(r"[。；;！!？?\n]", a.text[end:])
        until = end + stop.start() if stop else len(a.text)
        after = a.text[end:until]
        # (not the next clause's own subject: "三季度60万，四季度还没开票")
        after = re.split(
            r"[，,](?=[一二三四1-4]季度|第?[一二三四五1-5]期|[上下]半年|\d+月|另外|还有|其他|其余|剩下|剩余|尾款|余款)",
            after,
        )[0]
        if i + 1 < len(a.amounts) and a.amounts[i + 1].start < until:
            # "合同六百五十万先付了四百五十万": words before the next amount lead into it
            after = a.text[end : a.amounts[i + 1].start]
            after = re.split(
                r"[，,、]|(?=先|再|又|还|另|尾款|首付|中期|定金|剩下|其余|其中)", after
            )[0]
        own[id(x)] = a.text[start:end] + after
    bases = [x for x in a.amounts if x.role in BASE_ROLES]
    # "实际投入1800万…报价600万…能按2400万算吗": the sum proposed is no third cost
    proposed = [
        x
        for x in bases
        if lx.PROPOSED_AFTER.match(a.text[x.start + len(x.text) :])
        and x.yuan == sum(y.yuan for y in bases if y is not x)
    ]
    bases = [x for x in bases if x not in proposed]
    a.amounts = [replace(x, role="other") if x in proposed else x for x in a.amounts]
    # ("重庆棚租合计880万，但目前一分钱还没付": a total alone, unpaid)
    wholes = [x for x in a.amounts if x.role == "whole"]
    # (not "交片后付尾款210万，都已付清": said paid since)
    unpaid = [
        x
        for x in [*bases, *wholes]
        if lx.NOT_INCURRED.search(own[id(x)])
        and not lx.FULLY_PAID.search(_rest_of_sentence(a.text, x.start + len(x.text)))
    ]
    paid = [x for x in bases if x not in unpaid and lx.INCURRED.search(own[id(x)])]
    # (not a contract's total, its own clause saying nothing paid: "客户只付了一半的款，合同额
    # 600万、实收300万")
    paid = [
        x
        for x in paid
        if not (
            lx.CONTRACT_TOTAL.search(head := re.split(r"[，,、；;。]", a.text[: x.start])[-1])
            and not lx.INCURRED.search(head)
        )
    ]
    paid_sum = sum(x.yuan for x in paid)

    def measure_of(x: Amount) -> str | None:
        named = a.parts[x.part].measure
        return named or (a.measures[0] if len(a.measures) == 1 else None) or context

    # the contract the payments are part of: named so, or the sum of the others
    def paid_of(x: Amount) -> bool:
        """A payment of x said after it ("合同1000万，已付600万", "棚租1000万，付了定金300万"),
        not another cost ("另外…花了300万", "B项目260万，都已付款")."""
        after = [y for y in bases if y.start > x.start]
        return any(
            after
            and p is after[0]  # the very next amount
            and measure_of(p) == measure_of(x)
            and lx.PAYMENT_OF.search(own[id(p)])
            and not lx.SEPARATE_COST.search(a.text[x.start + len(x.text) : p.start])
            for p in paid
        )

    whole = [
        x
        for x in bases
        if x not in unpaid
        and x not in paid
        and x.yuan > paid_sum
        and (
            # "棚租900万，已经预付了300万，尾款600万还没付": the contract, paid and unpaid
            (unpaid and len(bases) > 2 and x.yuan == sum(y.yuan for y in bases if y is not x))
            or ((lx.CONTRACT_TOTAL.search(own[id(x)]) or x is bases[0]) and paid_of(x))
        )
    ]

    if whole and not unpaid and lx.PAID_REST.search(a.text):
        # "合同总价900万，开机前付了30%定金270万，现在尾款已经结清": the whole contract is
        # paid; the payment said is a part of it
        inside = [
            p
            for p in paid
            if any(w.start < p.start and measure_of(w) == measure_of(p) for w in whole)
        ]
        a.amounts = [replace(x, role="other") if x in inside else x for x in a.amounts]
        a.left_out += [f"{_named(a, x)}（已含在合同总额内）" for x in inside]
        return
    if paid and (unpaid or whole):
        dropped = unpaid + whole
        for x in whole:
            if (m := measure_of(x)) is not None:
                a.pending[m] = x.yuan - sum(p.yuan for p in paid if measure_of(p) == m)
        for x in unpaid:
            if (m := measure_of(x)) is not None and not whole:
                a.pending[m] = a.pending.get(m, 0) + x.yuan
    # (a price quoted and said paid in full: "报价260万，已经全部付清了")
    elif (
        unpaid
        and not paid
        and not lx.HYPOTHETICAL.search(a.text)
        and not lx.FULLY_PAID.search(a.text)
    ):
        # (an estimate not settled, "六七千万吧，还没结算完", is computed where steady)
        dropped = [x for x in unpaid if x.low is None]
        if not dropped:
            return
        for x in dropped:
            if (m := measure_of(x)) is not None:
                # "报价260万" then "最后谈下来打了八五折" / "已经付清了": the price waits
                a.pending[m] = a.pending.get(m, 0) + x.yuan
    else:
        return
    a.amounts = [replace(x, role="other") if x in dropped else x for x in a.amounts]
    # a measure whose only cost is not paid yet waits for it ("棚费预计800万左右，还没结算");
    # beside a paid cost of its measure, the unpaid one is named as left out
    a.unpaid = [
        m
        for m in dict.fromkeys(measure_of(x) for x in unpaid)
        if m and not any(measure_of(x) == m for x in paid)
    ]
    a.left_out += [
        f"{_named(a, x)}（报价或尚未支付，未计入）" for x in unpaid if measure_of(x) not in a.unpaid
    ]
    a.left_out += [f"{_named(a, x)}（合同总额，按已支付部分测算）" for x in whole]


def _keep_asked_label(a: Analysis) -> None:
    """ "A项目棚租600万…；B项目…1,350万。B项目能补多少？": only the labelled one asked."""
    nth = lx.NTH_ASKED.search(a.text)
    items = [x for x in a.amounts if x.role in (*BASE_ROLES, "whole")]
    if nth and len(items) >= 2:
        # "前一部…1100万，后一部…550万。我只想知道后一个能拿多少": one of them by its place
        which = nth["which"]
        ordinal = {"一": 0, "1": 0, "二": 1, "2": 1, "三": 2, "3": 2, "四": 3, "4": 3}
        at = 0 if which.startswith("前") else len(items) - 1 if "后" in which else ordinal[which[1]]
        if at < len(items):
            keep = items[at]
            a.amounts = [
                replace(x, role="other") if x in items and x is not keep else x for x in a.amounts
            ]
            return
    sentences = re.split(r"(?<=[，,。？?！!；;])|(?<=\.)\s", a.text)
    asked = [
        lx.label(m)
        for s in sentences
        if asks(s) and not find_amounts(s)
        for m in lx.ASKED_LABEL.finditer(s)
    ]
    # "甲剧先不管，我就想问乙片那部分制片方能补多少": the one asked alone
    alone = [
        lx.label(m)
        for s in sentences
        if not find_amounts(s)
        for m in lx.ONLY_LABEL_ASKED.finditer(s)
    ]
    if len(set(alone)) == 1:
        asked = alone
    labels = {
        id(x): label_of(a, x) for x in a.amounts if x.role in (*BASE_ROLES, "prior_award", "whole")
    }
    # "《嘉陵》的不用算，《长江》是不是封顶了", "A的不用说，只问B": one set aside
    aside = {lx.label(m) for m in lx.LABEL_SET_ASIDE.finditer(a.text)}
    others = {x for x in labels.values() if x is not None} - aside
    if not asked and len(aside) == 1 and aside <= set(labels.values()) and len(others) == 1:
        asked = list(others)
    if len(set(asked)) != 1:
        return

    # an award received for another client's job is still the company's this year ("甲剧组那笔
    # 今年上半年已经领了补助110万。问乙剧组这笔还能补多少"); one of another company is not
    for x in a.amounts:
        if x.role == "prior_award" and not lx.COMPANY_LETTER.search(_sentence_head(a.text, x)):
            labels[id(x)] = None
    if asked[0] not in labels.values():
        return
    a.aside = {
        label: x.yuan
        for x in a.amounts
        if x.role in BASE_ROLES and (label := labels.get(id(x))) not in (None, asked[0])
    }
    a.amounts = [
        replace(x, role="other") if labels.get(id(x)) not in (None, asked[0]) else x
        for x in a.amounts
    ]


def _after_part_of(parts: list[Part], index: int) -> bool:
    """Is this clause inside a breakdown ("其中棚租设备合计1100万"): a subtotal of a part?"""
    return any(p.text.startswith("其中") for p in parts[max(0, index - 1) : index + 1])


def _each(a: Analysis, amount: Amount) -> int:
    """ "两部片子各花了550万", "两个项目…每个150万": the amount stands once per project."""
    before = a.text[max(0, amount.start - 12) : amount.start]
    count = lx.COUNT.search(a.text)
    if not (lx.EACH_BEFORE.search(before) and count):
        return 1
    digit = count.group(1)
    number = int(digit) if digit.isdigit() else _CN_SMALL.get(digit, 1)
    a.several = a.several or number > 1
    return max(1, min(number, 10))


def _one_sided(before: str, after: str, yuan: Yuan) -> tuple[Yuan, Yuan] | None:
    if lx.ABOVE_AFTER.match(after):
        return yuan, yuan * 11 // 10
    if lx.OPEN_AFTER.match(after) or lx.OPEN_BEFORE.search(before):
        return yuan, yuan * 10
    if lx.BELOW_BEFORE.search(before) or lx.BELOW_AFTER.match(after):
        return yuan * 9 // 10, yuan - 1
    return None


def _repeated(found: Sequence[Amount], yuan: Yuan, before: str) -> bool:
    """An amount repeated in brackets right after itself (a written-out form), or restated
    ("1,350 (10k yuan)", i.e. 1350万", "650万，也就是六百五十万")."""
    return (
        bool(found)
        and found[-1].yuan == yuan
        and bool(
            re.search(
                r"[（(][^）)]*$|(?i:\bi\.?\s?e\.?,?|\bthat is,?|即|也就是|换算成)\s*$", before
            )
        )
    )


def _not_known(text: str, rule: lx.ConditionRule, places: str = "(?!)") -> bool:
    """Does the clause say the user does not know this condition: its term with "不清楚"
    ("我不清楚备没备"), or, for a vendor's place, where it is ("那家公司在哪注册的我不清楚")?"""
    if not lx.NOT_KNOWN.search(text):
        return False
    if re.search(r"(当时|之前|以前|原来|那时)?(不知道|不清楚|不了解)(要|需要|得|必须)", text):
        return False  # "（当时不知道要评审）": the rule was not known, the fact is
    if rule.term is not None and rule.term.search(text):
        return True
    # "B片的棚是在重庆还是成都租的我得回头问下" (not "是规划还是重大工程我不清楚": no place)
    offered = re.search(r"是[^，,。？?]{0,8}还是[^，,。？?]{0,8}", text)
    either = offered is not None and bool(re.search(places, offered.group(0)))
    return (rule.party == "vendor" or rule.about_place) and bool(
        lx.PLACE_NOT_KNOWN.search(text) or either
    )


def _months_paid(text: str, found: FoundAmount, clause_start: int) -> int:
    """How many months an amount said per month was paid for, when the message says so: a
    span of months before it ("7到12月每月25万": 6) or a count after it in its sentence
    ("每个月付45万，一共付了5个月": 5). 0 when it is no monthly amount, or no count is said."""
    before = text[max(clause_start, found.start - 12) : found.start]
    after = text[found.end : found.end + 4]
    if not (lx.PER_MONTH_BEFORE.search(before) or lx.PER_MONTH_AFTER.match(after)):
        return 0
    span = lx.MONTH_SPAN.search(text[max(0, found.start - 16) : found.start])
    if span:
        first, last = int(span["a"]), int(span["b"])
        return last - first + 1 if 1 <= first <= last <= 12 else 0
    rest = re.split(r"[。！？!?；;\n]", text[found.end :], maxsplit=1)[0]
    count = lx.MONTH_COUNT.search(rest)
    if count is None:
        return 0
    value = _small_int(count["n"] or count["m"])
    return value if value is not None and 1 <= value <= 36 else 0


def _days_paid(text: str, found: FoundAmount, clause_start: int) -> int:
    """How many days an amount said per day was paid for, when its sentence counts them after
    it ("日租金8万元，一共租了75天": 75). 0 when it is no daily amount, or no count is said."""
    before = text[max(clause_start, found.start - 12) : found.start]
    if not lx.PER_DAY_BEFORE.search(before):
        return 0
    rest = re.split(r"[。！？!?；;\n]", text[found.end :], maxsplit=1)[0]
    count = lx.DAY_COUNT.search(rest)
    if count is None:
        return 0
    value = _small_int(count["n"])
    return value if value is not None and 1 <= value <= 1000 else 0


def _area_paid(text: str, found: FoundAmount, clause_start: int) -> int:
    """The area a price per square metre was paid for, when its sentence gives one area
    ("新建影视棚6000平方米，每平方米造价4500元": 6000). 0 when it is no such price."""
    before = text[max(clause_start, found.start - 12) : found.start]
    if not lx.PER_AREA_BEFORE.search(before):
        return 0
    start = max(text.rfind(c, 0, found.start) for c in "。？?！!；;\n")
    sentence = text[start + 1 :]
    sentence = sentence[
        : min((sentence.find(c) for c in "。？?！!" if c in sentence), default=len(sentence))
    ]
    areas = {m["n"].replace(",", "") for m in lx.AREA.finditer(sentence)}
    if len(areas) != 1:
        return 0
    value = int(areas.pop())
    return value if 1 <= value <= 1_000_000 else 0


def _episodes_counted(text: str) -> int | None:
    """The one count of episodes a message gives ("一共36集", said once or again: "40集电视剧…
    共40集"), not a "每集"."""
    counts = {
        m["n"] for m in lx.EPISODE_COUNT.finditer(text) if not lx.PER_EPISODE.match(m.group(0))
    }
    if len(counts) != 1:
        return None
    value = _small_int(counts.pop())
    return value if value is not None and 2 <= value <= 500 else None


def _episodes_paid(text: str, found: FoundAmount, clause_start: int) -> int:
    """How many episodes an amount said per episode was paid for, when the message counts them
    ("网剧一共36集，每集在重庆的棚租和设备租赁摊下来18万元": 36). 0 when it is no amount per
    episode, or no count is said."""
    if not lx.PER_EPISODE.search(text[clause_start : found.start]):
        return 0
    if re.search(r"投资|成本|预算|片酬", text[clause_start : found.start]):
        return 0  # "单集投资大概600万": the work's own cost per episode, no fee paid
    return _episodes_counted(text) or 0


def _basis_restated(found: Sequence[Amount], yuan: Yuan, before: str, after: str) -> bool:
    """An amount said before, named again as the basis of the question ("服务费380万元（不含
    税），开票含税402.8万元。按服务费380万算能补多少？"): the same money, not a second sum."""
    return (
        # (the earlier one may be a total of its items, or a figure that is no base: "按
        # 800万申请" asks about that money, not about a second 800万)
        any(x.yuan == yuan and x.role in (*BASE_ROLES, "whole", "other") for x in found)
        and bool(re.search(r"(按|照|以|就按)[^，。,；;]{0,8}$", before))
        and bool(re.match(r"[^，。,；;]{0,3}(算|计算|来算|测算|申请|申报)", after))
    )


def _confirmed_here(clause: str, amount: str) -> bool:
    """Is the amount itself offered for confirmation in its clause ("总投资好像是16亿元？"),
    not only a figure said after it ("一共5800w左右…是不是1160w？")?"""
    confirm = lx.CONFIRM_STRICT.search(clause)
    if confirm is None:
        return False
    at = clause.find(amount)
    if at < 0 or at > confirm.start():
        return True
    return not re.search(r"\d", clause[at + len(amount) : confirm.start()])


def _estimate_settled(found: Sequence[Amount], yuan: Yuan, before: str, after: str) -> int | None:
    """The estimate said before that this amount, named as the basis ("就按900万算吧"), settles:
    its index, or None."""
    if not (
        re.search(r"(按|照|就按)[^，。,；;]{0,4}$", before)
        and re.match(r"[^，。,；;]{0,3}(算|计算|来算|测算)", after)
    ):
        return None
    return next(
        (
            i
            for i, x in enumerate(found)
            if x.role in ("approx", "range")
            and x.low is not None
            and x.high is not None
            and x.low <= yuan <= x.high
        ),
        None,
    )


def _award_said_again(found: Sequence[Amount], yuan: Yuan, role: Role, before: str) -> bool:
    """ "我司…已获得后期制作奖励120万元…。…已获的120万元后期制作奖励是否占用…额度": an award
    named before, asked about again, is the same award (not a second one, nor a spend)."""
    earlier = [x for x in found if x.yuan == yuan and x.role in ("prior_award", "other")]
    if not earlier:
        return False
    return role == "prior_award" or bool(
        re.search(r"(已获|获得|已拿|拿到|领到|已领)的?$", before[-6:])
    )


def _listed(between: str) -> bool:
    """Only a list mark between two amounts ("500万、1000万", "500万还是1000万")."""
    return bool(re.fullmatch(r"\s*[、,，/]?\s*(还是|或者|或)?\s*", between)) and bool(
        between.strip()
    )


def _said_again(found: Sequence[Amount], yuan: Yuan, text: str, start: int) -> bool:
    """The amount just said, said again with only a filler between ("680万，对680万")."""
    if not found or found[-1].yuan != yuan:
        return False
    between = text[found[-1].start + len(found[-1].text) : start]
    return bool(lx.SAID_AGAIN.fullmatch(between))


def _bare(clause: str, amount: str) -> bool:
    """A clause that is only an amount ("300万", "八十万", "花了400万")."""
    rest = re.sub(
        r"^(一共|总共|共|大概|大约|约|也|金额|数额|数目)?(花了|用了|花费|是|为|有)?",
        "",
        clause.replace(amount, ""),
    )
    return len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", rest)) <= 1


def _turnover_beside_fees(a: Analysis, measure_of: dict[int, str | None]) -> set[int]:
    """ "场地搭建180万、…置景90万；公司今年营业额2000万": the company's turnover beside the fees
    of the measure's own services is not one of them."""
    turnover = {
        id(x)
        for x in a.amounts
        if x.role == "revenue" and lx.TURNOVER.search(_clause_before(a.text, x)[-8:])
    }
    return {
        id(x)
        for x in a.amounts
        if id(x) in turnover
        and measure_of[id(x)] is not None
        and any(
            measure_of[id(y)] == measure_of[id(x)]
            and y.role in BASE_ROLES
            and id(y) not in turnover
            # (another company's own: "甲年度技术服务收入3500万…；乙收入260万")
            and _company_of(a, y) == _company_of(a, x)
            for y in a.amounts
        )
    }


def _other_bases_of_its_measure(
    a: Analysis, amount: Amount, measure_of: dict[int, str | None]
) -> list[Amount]:
    """The message's other base amounts of the measure an amount is of."""
    return [
        x
        for x in a.amounts
        if x is not amount
        and x.role in BASE_ROLES
        and measure_of.get(id(x)) == measure_of.get(id(amount))
    ]


def _only_new_items_after(a: Analysis, whole: Amount, measure_of: dict[int, str | None]) -> bool:
    """ "在重庆租摄影棚、设备共计640万元，另外前期在上海租棚花了200万": the amounts of its
    measure after a total, each in a clause that starts a new item, are no parts of it."""
    others = _other_bases_of_its_measure(a, whole, measure_of)
    return bool(others) and all(
        x.start > whole.start
        and x.part != whole.part
        and lx.NEW_ITEM.match(a.parts[x.part].text.lstrip())
        for x in others
    )


def _after_its_partial_parts(a: Analysis, whole: Amount, measure_of: dict[int, str | None]) -> bool:
    """ "900万只是道具那部分，棚租、设备、道具合计应该是1900万": a total after amounts said to
    be only a part of it is the amount; those parts are in it."""
    before = [x for x in a.amounts if x.role in BASE_ROLES and x.start < whole.start]
    partial = [
        x
        for x in before
        if lx.ONLY_A_PART.match(a.text, x.start + len(x.text)) and x.yuan < whole.yuan
    ]
    if not partial or len(partial) != len(before):
        return False
    for index, x in enumerate(a.amounts):
        if any(x is y for y in partial):
            a.amounts[index] = replace(x, role="other")
            measure_of[id(a.amounts[index])] = measure_of[id(x)]
    return True


def _rest_of_sentence(text: str, end: int) -> str:
    """What the amount's sentence says after it."""
    stop = re.search(r"[。！!？?；;]", text[end:])
    return text[end : end + stop.start()] if stop else text[end:]


def _apart(before: str, after: str) -> bool:
    """ "土地费600万是另外算的，没包含在2500万里", "土地另花了800万", "配套商业1000万不在
    5000万里": a part said to be outside the total, not in it."""
    return bool(
        re.search(r"(另外|另)(花|付|算|交|出)了?[^，。,；;\d]{0,4}$", before)
        or re.match(
            r"[^，。,；;]{0,4}(另外算|另算|单独算|单独支付|单独付|另计|另付|没(有)?(包含|包括|算|含)在|"
            r"不(包含|包括|算|含)在|不在)",
            after,
        )
    )


def _funding(before: str, after: str) -> bool:
    """ "自有资金1000万", "1500万是银行贷款": where the money came from."""
    return bool(
        lx.FUNDING.search(before[-6:])
        or re.match(r"(是|为|来自|属于)?[^，。,；;]{0,3}(?:" + lx.FUNDING.pattern + ")", after)
    )


_POINTING_BACK = re.compile(r"(这|那)(笔|些|个)?$")


def _points_back(text: str, amount: Amount, earlier: Sequence[Amount]) -> bool:
    """ "这900万", "那笔900万": the amount of an earlier one, said again."""
    said = any(x.yuan == amount.yuan and x.start < amount.start for x in earlier)
    return said and bool(_POINTING_BACK.search(text[max(0, amount.start - 2) : amount.start]))


def _pointed_back(
    found: Sequence[Amount], amount: FoundAmount, clause: Part | None, text: str
) -> bool:
    """The same money said again: pointed back at ("一共900万，这900万都有正规发票"), the total
    named again ("土地费600万是另外算的，没包含在2500万里"), or asked about ("合同金额正好200万元。
    一、刚好200万元算不算达到门槛？"); not a clause with its own kind of money ("全年技术服务
    收入也就这420万")."""
    if clause is not None and (clause.measure or _clause_role(clause.text) is not None):
        return False
    if not any(x.yuan == amount.yuan and x.role in (*BASE_ROLES, "whole") for x in found):
        return False
    head = text[max(0, amount.start - 4) : amount.start]
    named_again = _POINTING_BACK.search(head) or re.search(r"(包含|包括|算)在$|不在$", head)
    return bool(named_again) or (clause is not None and asks(clause.text))


def _said_of(a: Analysis, amount: Amount, said: dict[int, bool]) -> bool | None:
    """What the amount's own clause says of a condition; else what the clauses naming its
    label say ("A剧已备案…；特效A剧220万": A剧's); else the nearest clause before it
    ("调色外包给北京一家公司，100万"), never reaching past another amount's clause."""
    if amount.part in said:
        return said[amount.part]
    taken = {x.part for x in a.amounts if x is not amount}

    def apart(i: int) -> bool:  # a sentence ends between clause i and the next
        return bool(re.search(r"[。？?！!；;\n]", a.text[a.parts[i].start : a.parts[i + 1].start]))

    # in its own sentence, the clauses right before it ("另外从北京自带设备，花了1000万")
    for index in range(amount.part - 1, -1, -1):
        if apart(index) or index in taken:
            break
        if index in said:
            return said[index]
    label = label_of(a, amount)
    if label is not None:
        of_label = {
            said[i]
            for i in said
            if any(lx.label(m) == label for m in lx.LABEL.finditer(a.parts[i].text))
        }
        if len(of_label) == 1:
            return of_label.pop()
    # then the clauses after it in its sentence ("B棚投入4000万，方案还没报专业评审") when it is
    # the sentence's one amount (not "棚租800万，设备300万，项目还没备案": said of both)
    start = amount.part
    while start > 0 and not apart(start - 1):
        start -= 1
    alone = not any(i in taken for i in range(start, amount.part))
    for index in range(amount.part + 1, len(a.parts)):
        if not alone or index in taken or apart(index - 1):
            break
        if index in said:
            return said[index]
    for index in range(amount.part - 1, -1, -1):
        if index in said:
            return said[index]
        if index in taken:
            return None
    return None


def _breakdown_next(parts: Sequence[Part], index: int) -> bool:
    """Does the next part start the breakdown of this one's total ("其中…", "of which…")?"""
    return index + 1 < len(parts) and bool(lx.BREAKDOWN_START.match(parts[index + 1].text))


def _part_at(parts: Sequence[Part], position: int) -> int:
    index = 0
    for i, part in enumerate(parts):
        if part.start <= position:
            index = i
    return index


def _clause_before(text: str, amount: Amount) -> str:
    """Up to 10 characters before an amount, within its clause."""
    head = text[max(0, amount.start - 10) : amount.start]
    return re.split(r"[，,。；;？?！!]", head)[-1]


def _before(a: Analysis, amount: Amount) -> str:
    """The words of its clause right before an amount."""
    return a.text[max(a.parts[amount.part].start, amount.start - 10) : amount.start]


def _sentence_at(text: str, start: int) -> str:
    """The sentence (to 。？！) holding the character at `start`."""
    begin = max(text.rfind(c, 0, start) for c in "。？?！!；;") + 1
    ends = [i for i in (text.find(c, start) for c in "。？?！!；;") if i >= 0]
    return text[begin : min(ends) + 1 if ends else len(text)]


def _clause_role(text: str) -> Role | None:
    if lx.REVENUE.search(text):
        return "revenue"
    if lx.INVESTMENT.search(text):
        return "investment"
    return None


def _read(text: str, yes: re.Pattern[str] | None, no: re.Pattern[str] | None) -> bool | None:
    """True/False when the text states/denies the fact, None when it says nothing."""
    if no is not None:
        for match in no.finditer(text):
            head = text[max(0, match.start() - 6) : match.start()]
            if lx.HEDGED.search(head):
                continue  # "不确定我们有没有备案": asked, not denied
            if re.match(r"(.)[不没]\1", text[max(0, match.start() - 1) : match.start() + 2]):
                continue  # "是不是市级重大项目还不知道": asked, not denied
            # "不是没备案", "不是说我们没备案啊": the denial denied
            if not re.search(r"((不是|并非)(说)?(我们|我司|咱们|他们)?|非|不)$", head):
                return False
    if yes is not None:
        verdicts = [
            # the negations right before the match: "不是重庆的棚" denies, "并非没有在重庆立项"
            # (two) affirms, "没备案 重庆棚租" (another phrase's) does not touch it
            _negations_before(text, m.start()) % 2 == 0
            for m in yes.finditer(text)
            # "我们应该在市级重大项目名单里吧": a guess states nothing
            if not lx.GUESSED_BEFORE.search(text[max(0, m.start() - 8) : m.start()])
            and not lx.DOUBTED_BEFORE.search(text[max(0, m.start() - 14) : m.start()])
            # "前提是要新获得哪一笔资金支持": the condition asked about, not stated
            and not lx.CONDITION_ASKED.search(text[max(0, m.start() - 6) : m.start()])
            and not re.search(r"哪|什么|啥", m.group(0))
            # "是不是市级重大项目": asked, neither stated nor denied
            and not re.fullmatch(r"(.)[不没]\1", text[max(0, m.start() - 2) : m.start() + 1])
        ]
        if verdicts:
            return any(verdicts)
    return None


def _doubted(text: str, yes: re.Pattern[str]) -> bool:
    """Does the text name the fact only to doubt it ("还不确定能不能进市级重大项目名单",
    "是不是重大项目还不知道")?"""
    for m in yes.finditer(text):
        if lx.DOUBTED_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
            return True
        after = re.sub(r"^[^，。,；;]{0,4}?(还|也|都|我们|暂时)*", "", text[m.end() :])
        if lx.NOT_KNOWN.match(after):
            return True
    return False


def _works(text: str) -> int:
    """How many works of one applicant the message speaks of ("两个剧本", "另一个本子",
    "A剧本…B剧本"); 0 when it speaks of one."""
    counted = lx.WORKS_COUNTED.search(text)
    if counted:
        return {"两": 2, "俩": 2, "2": 2, "三": 3, "3": 3}.get(counted.group("n"), 0)
    labels = {m.group("label") or m.group("n") for m in lx.WORK_LABEL.finditer(text)}
    if len(labels) > 1:
        return len(labels)
    return 2 if lx.ANOTHER_WORK.search(text) else 0


def _of_the_client(a: Analysis, index: int) -> bool:
    """Does a clause speak of the party the speaker served ("对方是这部片的第一出品单位"), or,
    naming only a place ("北京的公司"), follow one that does?"""
    text = a.parts[index].text
    if lx.CLIENT_SUBJECT.match(text):
        return True
    if lx.CLIENT_SERVED.match(text) and not re.search(r"的(是|为)", text):
        return True  # (not "给剧组做灯光设备租赁的是北京来的团队": the one who served)
    bare = re.fullmatch(r"(是|在)?[^，,。；;？?]{1,6}的(公司|企业|单位)", a.parts[index].text)
    return bool(bare) and index > 0 and bool(lx.CLIENT_SUBJECT.match(a.parts[index - 1].text))


def _with_field(a: Analysis, index: int) -> str:
    """A form's value read with its field name ("剧本立项地：北京市"), which the clause split
    at the colon."""
    part = a.parts[index]
    if index > 0 and a.text[part.start - 1 : part.start] in (":", "："):
        field_name = a.parts[index - 1].text
        if len(field_name) <= 8:
            return f"{field_name}：{part.text}"
    if index > 0 and re.match(r"(目前|现在|当前|眼下)?(还|仍|仍然)?注册(地|在)", part.text):
        # "特效供应商说下个月才迁到重庆，目前注册地还在杭州": whose place, from the clause before
        return f"{a.parts[index - 1].text}，{part.text}"
    if index > 0 and not part.measure and lx.BARE_VERDICT.fullmatch(part.text.strip()):
        # "申报过国家电影事业发展专项资金，未获批": the verdict of the clause before
        return f"{a.parts[index - 1].text}，{part.text}"
    return part.text


def _once_met(text: str, term: re.Pattern[str]) -> bool:
    """Does the message ask of the time once the step is taken ("等备案下来之后…能补多少",
    "评审通过以后能拿多少")?"""
    for match in term.finditer(text):
        before = text[max(0, match.start() - 4) : match.start()]
        after = text[match.end() : match.end() + 10]
        if re.search(r"(等|待)[^，,。；;]{0,3}$", before) and re.match(
            r"[^，,。；;]{0,5}(之后|以后|后)[^，,。；;]{0,12}(能|可以)(补|拿|申请|领)", after
        ):
            return True
        if re.match(r"[^，,。；;]{0,4}(下来|通过|办好|完成|批了)(之后|以后)", after) and re.search(
            r"(能|可以)(补|拿|申请|领)", text[match.end() :]
        ):
            return True
    return False


def _not_yet(text: str, term: re.Pattern[str]) -> Literal[False] | None:
    """False when the clause says the step its term names is not taken yet ("还没报专业评审",
    "立项备案要等明年初才报"); None when it says nothing of the kind or only asks."""
    if lx.ASKED.search(text):
        return None
    for match in term.finditer(text):
        head, tail = text[: match.start()][-10:], text[match.end() :]
        if lx.HEDGED.search(head):
            continue
        if re.search(r"(不是|并非)(说)?(我们|我司|咱们|他们)?(还|都|也)?(没有?|未)$", head):
            continue  # "不是说我们没备案啊": the denial denied
        negations = _negations_before(text, match.start())
        denied = lx.NOT_YET_BEFORE.search(head) and not (negations and negations % 2 == 0)
        if denied or lx.NOT_YET_AFTER.search(tail):
            return False  # but "不是没备案" (two negations) affirms
    return None


def _done(text: str, term: re.Pattern[str]) -> Literal[True] | None:
    """True when the clause says the step its term names is taken ("备案号有的", "评审都过了");
    None when it says nothing of the kind, asks, or denies it first."""
    if lx.ASKED.search(text):
        return None
    for match in term.finditer(text):
        if _negations_before(text, match.start()) % 2:
            continue
        rest = text[match.end() :]
        listed = lx.LISTED_AFTER.match(rest)  # "评审、统计都没问题": the steps said together
        if lx.DONE_AFTER.match(rest[listed.end() :] if listed else rest):
            return True
    return None


def _negations_before(text: str, start: int) -> int:
    run = lx.NEGATION_RUN.search(text[max(0, start - 8) : start])
    return len(lx.NEGATIONS.findall(run.group(0))) if run else 0


def _staff(text: str, staffed: bool = False) -> int | None:
    text = text.replace("五险一金", "社保")  # "一" there is no count
    listed = _insured_names(text)
    if listed is not None:
        return listed
    insured: int | None = None  # a count beside 社保 ("交社保的只有2个人")
    other: int | None = None  # a head count elsewhere in a message that names 社保
    unknown = lx.STAFF_UNKNOWN.search(text)
    others_unknown = lx.OTHERS_STAFF_UNKNOWN.search(text)
    for match in lx.STAFF.finditer(text):
        if match.group("c") and not staffed:
            continue  # "就2个" counts staff only where the conversation is about staff
        if match.group("n") and not (
            staffed or re.search(r"社保|五险|参保|员工|职工|人员|缴", text)
        ):
            continue
        before = text[max(0, match.start() - 10) : match.start()]
        after = text[match.end() : match.end() + 8]
        # (not the count said to pay 社保 itself: "只有2个交社保，其余都是劳务外包的")
        if re.search(r"外包|兼职|临时|劳务|实习|外聘|借调", before) or (
            not match.group("k") and lx.NOT_INSURED_AFTER.match(after)
        ):
            continue  # "另外外包了30个人", "另外4个人都是兼职": not insured staff
        group = next(g for g in ("k", "n", "m", "c") if match.group(g))
        said_before = text[max(0, match.start(group) - 10) : match.start(group)]
        if lx.THRESHOLD_CLAIM.search(said_before) and lx.STAFF_RULE_AFTER.match(after):
            continue  # "社保得满10个人才行吧": a rule claimed, not the company's count
        if unknown and not (match.group("m") or re.search(r"社保|五险|参保|缴", before)):
            continue  # "团队18个人，社保的情况我不清楚": a head count is not the insured
        if others_unknown and re.search(
            r"(我们|我司|咱们|我自己|自己)[^，,。；;]{0,10}$", text[: match.start()]
        ):
            continue  # "我们自己交社保的有四十多个人…它家有几个人我不清楚": not its count
        value = _small_int(match.group(group))
        if value is None:
            continue
        if match.group("k") or match.group("m") or re.search(r"社保|五险|参保|缴", before):
            insured = value
        else:
            other = value
    if insured is None and lx.NO_STAFF.search(text):
        return 0
    if insured is None:
        insured = _people_insured(text)
    return insured if insured is not None else other


def _insured_names(text: str) -> int | None:
    """The insured listed by name: "参保名单：1. 李娜；2. 周杰；3. 吴昊", "社保缴纳人员：王磊、
    陈静、刘洋、赵敏"."""
    listed = lx.INSURED_LIST.search(text)
    if listed:
        names = 0
        rest = re.split(r"[。！？!?]", text[listed.end() :])[0]  # the list ends with its sentence
        for item in re.split(r"[、，,；;\s]+(?:\d+\s*[.、)）]\s*)?", rest):
            item = re.sub(r"^\d+\s*[.、)）]\s*", "", item.strip())  # "1. 李娜"
            if not item:
                continue
            if not re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", item) or re.search(r"[:：]", item):
                break
            names += 1
        if names:
            return names
    return None


def _people_insured(text: str) -> int | None:
    """The insured person by person: "老板和两个合伙人交社保", "交社保的就我和我老婆"."""
    phrase = lx.INSURED_PEOPLE.search(text)
    if phrase is None:
        return None
    count = 0
    for piece in re.split(r"和|跟|与|、|还有", phrase.group("who") or phrase.group("who2")):
        # "就我们两个合伙人交社保": the count after who they are
        piece = re.sub(
            r"^(我们|咱们|我司|公司)(就|只有|只)?(?=[一二两三四五六七八九十\d])", "", piece.strip()
        )
        if not piece:
            continue
        number = re.match(r"([一二两三四五六七八九十\d]+)[个位名]?", piece)
        if number:
            value = _small_int(number.group(1))
            if value is None:
                return None
            count += value
        elif lx.PERSON.fullmatch(piece):
            count += 2 if piece.endswith(("俩", "两口子")) else 1
        else:
            return None  # not a person this reading knows: no count
    return count or None


_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_CN_SMALL |= {"九": 9, "十": 10, "俩": 2, "仨": 3}


def _small_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _CN_SMALL:
        return _CN_SMALL[text]
    if text.startswith("十") and len(text) == 2 and text[1] in _CN_SMALL:
        return 10 + _CN_SMALL[text[1]]
    if len(text) == 2 and text[1] == "十" and text[0] in _CN_SMALL:
        return _CN_SMALL[text[0]] * 10
    if len(text) == 3 and text[1] == "十" and text[0] in _CN_SMALL and text[2] in _CN_SMALL:
        return _CN_SMALL[text[0]] * 10 + _CN_SMALL[text[2]]
    if re.fullmatch(r"[一二两三四五六七八九十百千]+", text) and re.search(r"[百千]", text):
        import cn2an

        try:
            return int(cn2an.cn2an(text.replace("两", "二"), "strict"))  # "一百多人": 100
        except ValueError:
            return None
    return None


# Words every amount question has; what is left says what the money was spent on.
_FILLER = re.compile(
    r"花了|花费|用了|支出|费用|一共|总共|大概|大约|我们|我|请问|帮我|算一下|能补|能拿|能领|可以拿|"
    r"补贴|补助|奖励|多少钱|多少|能|补|拿|元|吗|呢|了|的|那|如果|要是|是|有|[0-9.,万亿千百十]"
)


def _has_content(text: str) -> bool:
    """Is there anything besides an amount and "how much" for the embedding to place?"""
    rest = _FILLER.sub("", re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", text))
    return len(rest) >= 3


def asks(text: str) -> bool:
    for m in lx.A_NOT_A.finditer(text):
        # "你直接说能不能享受", "是不是必须是高新技术企业" (a premise's "是不是30%" is checked,
        # not asked)
        if m.group(1) not in "是对" or not re.match(r"[^，。,]{0,4}\d", text[m.end() :]):
            return True
    return bool(
        re.search(
            r"[?？吗呢]|多少|什么|哪|怎么|如何|能否|是否|有没有|可不可以|要不要|多大|多久|多长时间|"
            # (not "二十几个人", "十几家": a count said roughly)
            r"(?<![一二三四五六七八九十百千\d])几(?![十百千万])[次个年月天号点家部项成倍]|"
            # "注册在永川好还是两江新区好": advice asked, however punctuated
            r"你觉得|您觉得|(好|划算|合适)还是|还是[^，。,]{1,12}(好|划算|合适)$|几比几|"
            # a hotline note's "问…": what the caller asks ("问配套支持是按专项资金的几比几给")
            # (a sentence of its own in a longer note: "…。问两项目补贴合计。")
            r"(^|[。；;\n]\s*)(来电人?|对方|客户)?(询问|问|想问|咨询)(?!题)[^，,。？?：:]{2,}|"
            # an English question, however punctuated: "Also, does Shanghai offer…"
            r"(?i:^\s*(what|how|which|who|when|where|why|does|do|did|is|are|can|could|will|"
            r"would|should|may)\b)",
            text,
        )
    )


def _only_asks_amount(text: str) -> bool:
    """ "分别补多少？" / "能拿多少钱": asks for the calculation, nothing else."""
    if not re.search(r"多少|补|拿|奖|领|算", text):
        return False
    rest = re.sub(
        lx.CLIENT
        + "|"
        + lx.BOTH.pattern
        + r"|分别|各|能|可以|补|拿|领|给|多少|钱|元|吗|呢|[?？]|一共|总共|大概|大约|"
        r"我们|请问|帮我|算|一下|那|么|的|奖励|补贴|补助|奖|得到|获得|有|总|共|合计|最多|最高|少|"
        r"按|照|这个|政策|条款|规定|" + lx.FILLER,
        "",
        text,
    )
    return len(rest.strip()) <= 2


FACT_ROLES = ("prior_award", "land", "commercial")


def conditions_of(lexicon: Lexicon, measure: str, text: str) -> dict[str, bool]:
    """One measure's conditions as a text states them, whatever measure its words name
    ("这家重庆公司": the paid company's place)."""
    out: dict[str, bool] = {}
    for rule in lexicon.rules:
        if rule.measure != measure:
            continue
        value = _read(text, rule.true_when, rule.false_when)
        if value is not None:
            out[rule.condition] = value
    return out


def _off_its_claim(a: Analysis, measure: str, facts: Facts, part: Amount) -> Facts:
    """One project's land or commercial part, taken off that project's claim: the nearest of
    the measure's amounts said before it. The claims stay as they are when none is."""
    bases = a.bases.get(measure, [])
    before = [x for x in bases if x.start < part.start]
    claims = list(facts.claims_yuan)
    if before and len(bases) == len(claims):
        # by its place among the claims ("含土地费200万、配套商业300万": the second part comes
        # off the claim the first already reduced)
        at = bases.index(before[-1])
    elif before and before[-1].yuan in claims:
        at = claims.index(before[-1].yuan)
    else:
        return with_fact_amount(facts, part)
    if claims[at] <= part.yuan:
        return with_fact_amount(facts, part)
    claims[at] -= part.yuan
    kind = "土地费" if part.role == "land" else "配套商业投资"
    a.left_out.append(f"{kind}{part.said}（已从第{at + 1}笔的{before[-1].said}中扣除）")
    return replace(facts, claims_yuan=tuple(claims))


def with_fact_amount(facts: Facts, amount: Amount) -> Facts:
    """An amount that is a fact other than the base: an award received, land, commercial."""
    if amount.role == "prior_award":
        return replace(facts, prior_awards_yuan=amount.yuan)
    if amount.role == "land":
        return replace(facts, land_yuan=amount.yuan)
    return replace(facts, commercial_yuan=amount.yuan)


def _add_claim(facts: Facts, yuan: Yuan) -> Facts:
    return replace(facts, claims_yuan=(*facts.claims_yuan, yuan))
