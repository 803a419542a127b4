"""Decide what to do with an analysed message: one place for every routing decision.

Per part: calculate (policy.calculate), answer a rule (threshold/cap facts), clarify (ask the
deciding fact or the measure), look it up (retrieval), say it is not covered, or decline.
The conversation's facts are kept per measure, so a later turn may answer an earlier question
or move the same amount to another measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import cn2an

from bot import lexicon as lx
from bot import sentences as sent
from bot.analyse import (
    BASE_ROLES,
    FACT_ROLES,
    Amount,
    Analysis,
    asks,
    company_letter,
    conditions_of,
    label_of,
    with_fact_amount,
    with_shared,
)
from bot.lexicon import Lexicon
from bot.reply import Route
from ingest.bm25 import mostly_english, named_entities
from policy import FIELDS, Facts, Measure, find_amounts, find_percents, parse_amount
from policy.money import Yuan, format_wan


@dataclass
class Plan:
    route: Route
    why: str
    calculations: list[tuple[str, Facts]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # measures whose figures are asked
    clarify: list[str] = field(default_factory=list)  # measures that need an amount
    clarify_options: tuple[str, ...] = ()  # candidate measures when none is clear
    premises: list[tuple[str, str]] = field(default_factory=list)  # (measure, claimed text)
    knowledge: list[str] = field(default_factory=list)  # sub-questions to look up
    not_covered: list[str] = field(default_factory=list)
    injection: bool = False
    focus: list[str] = field(default_factory=list)
    facts: dict[str, Facts] = field(default_factory=dict)  # the conversation's, to keep
    left_out: dict[str, list[str]] = field(default_factory=dict)  # "100万元（不满足：…）"
    suggested: str | None = None  # a measure only the embedding placed: asked, not computed
    # measures whose base is not exact: (approx | range, lowest, highest base)
    spans: dict[str, tuple[str, Yuan, Yuan]] = field(default_factory=dict)
    bounds: dict[str, Yuan] = field(default_factory=dict)  # "不到500万": the figure said
    separate: set[str] = field(default_factory=set)  # several companies' annual amounts
    # each company's facts for a measure counted per company: measure → letter → facts
    per_company: dict[str, dict[str, Facts]] = field(default_factory=dict)
    # a question the award depends on beside the measure's conditions: measure → question
    open_questions: dict[str, str] = field(default_factory=dict)
    # yes/no facts said not known yet, per measure: the award is stated only if it is the same
    # either way
    doubted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # conditions the user said they do not know, per measure: they decide like a missing fact
    unknown: dict[str, list[str]] = field(default_factory=dict)
    # an amount asked about with no measure ("在重庆花了800万，能补多少"): kept for the turn
    # that names the measure ("是租摄影棚的钱")
    unplaced: str | None = None  # an amount, as text (exact to the fen)
    remember: bool = False  # keep the focus and facts though nothing was computed
    asked: tuple[str, ...] = ()  # which of a measure's terms the message asks for
    # every condition the conversation has stated, per measure, computed or not yet
    # ("项目还没备案" before any amount): kept for the turns to come
    said: dict[str, dict[str, bool]] = field(default_factory=dict)
    # amounts the conversation said with a label ("A项目…700万"): label → [measure, yuan]
    labels: dict[str, list[Any]] = field(default_factory=dict)
    # measures whose only cost is quoted or unpaid: asked for once it is paid
    unpaid: list[str] = field(default_factory=list)
    # what is still to pay of a contract beside what was paid, per measure (yuan, as text):
    # kept for the turn that says it is paid ("尾款上周付了")
    pending: dict[str, str] = field(default_factory=dict)
    # amounts the conversation left out of a measure (a stated condition not met), per
    # measure (yuan, as text): a sum said later that includes them is no new amount
    left: dict[str, list[str]] = field(default_factory=dict)
    # the items a measure's amount was added up from over the turns, per measure: [the words
    # of the turn that said it, yuan as text], so a later "特效那笔是220万" corrects one of them
    items: dict[str, list[list[str]]] = field(default_factory=dict)


def session_facts(state: dict[str, Any]) -> tuple[list[str], dict[str, Facts]]:
    focus = [str(q) for q in state.get("focus", [])]
    facts = {str(q): Facts.from_json(f) for q, f in (state.get("facts") or {}).items()}
    return focus, facts


def decide(a: Analysis, lexicon: Lexicon, state: dict[str, Any]) -> Plan:
    focus, kept = session_facts(state)
    plan = Plan("knowledge", "question", injection=a.injection, focus=focus, facts=dict(kept))
    if a.fabrication:
        # "那能不能把发票拆成两个项目报，这样就不碰上限了": refused whatever the conversation
        # computed before (the calculation is kept for the turns to come)
        plan.route, plan.why, plan.remember = "out_of_scope", "fabrication", True
        return plan
    # ("甲乙两家…各能拿多少" then "甲那边先不算了，只算乙": the kept amounts are still two
    # companies' unless this turn gives the measure's amounts anew)
    plan.separate = {str(m) for m in state.get("separate") or []} - set(a.bases)
    if _one_company(a, plan, state):
        return plan
    plan.asked = tuple(
        term
        for term, asks in (
            ("staff", bool(lx.STAFF_ASK.search(a.text))),
            ("cap", a.asks_cap),
            ("threshold", a.asks_threshold),
            ("rate", a.asks_rate),
        )
        if asks
    )
    plan.left = {str(k): [str(y) for y in v] for k, v in (state.get("left") or {}).items()}
    plan.items = {
        str(k): [[str(w), str(y)] for w, y in v] for k, v in (state.get("items") or {}).items()
    }
    for measure, amount, question in a.excluded:
        plan.left.setdefault(measure, []).append(str(amount.yuan))
        # the condition as a statement, so a 需确认 line asking it for the rest is not the
        # same sentence again
        stated = question.rstrip("？?").replace("是否为", "为").replace("是否", "")
        reason = f"{amount.said}（不满足：{stated}）"
        plan.left_out.setdefault(measure, []).append(reason)
    for measure, note in a.mixed.items():
        plan.left_out.setdefault(measure, []).append(note)
    if a.mixed and not a.bases:
        # "重庆棚租600万" then "这600万里面还包含了剧组住宿费，具体多少还在查": the base is
        # not known now; asked for, never the total computed
        plan.route, plan.why = "clarify", "amount"
        plan.clarify = plan.focus = list(a.mixed)
        for measure in a.mixed:
            merged = a.facts.get(measure, Facts()).merged_over(kept.get(measure, Facts()))
            plan.facts[measure] = replace(merged, amount_yuan=None, claims_yuan=())
        plan.not_covered = list(a.uncovered)
        return plan
    said = {str(q): dict(c) for q, c in (state.get("said") or {}).items()}
    for measure, f in a.facts.items():
        said[measure] = {**said.get(measure, {}), **f.conditions}
    plan.said = said
    plan.labels = {str(k): list(v) for k, v in (state.get("labels") or {}).items()}
    labels_before = set(plan.labels)
    earlier_labels = dict(plan.labels)
    plan.labels.update({k: [m, str(yuan)] for k, (m, yuan) in a.labelled.items()})
    kinds = {m for m, _ in a.labelled.values()}
    if len(kinds) == 1:
        # "…先算A": the others set aside keep their labels, under the same measure
        plan.labels.update({k: [next(iter(kinds)), str(y)] for k, y in a.aside.items()})
    plan.pending = {str(k): str(v) for k, v in (state.get("pending") or {}).items()}
    _label_amount_moved(a, earlier_labels, kept)
    if _company_added(a, lexicon, plan, focus, kept):
        return plan
    _kept_amount_pointed_back(a, kept)
    _new_project_has_no_award(a, lexicon, kept)
    if _future_beside_kept(a, plan, kept):
        return plan
    if _discounted(a, plan, focus, kept):
        return plan
    # ("现在按多少算": the amount computed again, no rate asked)
    terms = _asks_terms(a) and not re.search(r"按多少(来)?(算|计)", a.text)
    if _rest_paid(a, plan, focus, kept) and not a.measures and not terms:
        # "尾款上周付了，全部结清": the conversation's calculation again, with it paid
        plan.route, plan.why = "calculator", "paid"
        plan.calculations = [(m, kept[m]) for m in focus if _has_base(kept.get(m, Facts()))]
        return plan
    if (
        _moved_between(a, lexicon, plan, focus, kept)
        or _split_between(a, plan, focus, kept)
        or _part_not_covered(a, lexicon, plan, focus, kept)
        or _label_denied(a, lexicon, plan, focus, kept)
        or _label_now_meets(a, lexicon, plan, kept)
        or _one_of_several(a, plan, focus, kept)
        or _part_elsewhere(a, lexicon, plan, focus, kept)
        or _sum_with_left_out(a, plan, focus, kept)
        or _added_elsewhere(a, lexicon, plan, focus, kept)
        or _item_corrected(a, plan, focus, kept)
        or _amount_taken_back(a, lexicon, plan)
    ):
        return plan
    if _back_to_label(a, plan, kept, labels_before):
        return plan
    if _label_without_amount(a, plan, focus):
        return plan
    paid = _the_company_paid(a, lexicon, focus, kept) or _the_client(a, lexicon, focus, kept)
    if paid is None and _settled_early(a, lexicon, plan, state, kept):
        return plan
    _place_earlier_amount(a, state)
    named = _label_added_to(a, earlier_labels, kept)
    facts = paid or _facts_of_turn(a, focus, kept)
    plan.pending.update({m: str(y) for m, y in a.pending.items()})
    if named and _has_base(facts.get(plan.labels[named][0], Facts())):
        measure = plan.labels[named][0]
        plan.labels[named] = [measure, str(facts[measure].amount_yuan)]
    if paid is None:
        _relabelled_claims(a, state, kept, facts)
    _earlier_year_award(a, focus, kept, facts)
    _staff_not_known(a, lexicon, focus, kept, facts)
    if paid is None:
        _client_and_own(a, lexicon, facts)
        _besides_the_earlier_job(a, lexicon, focus, kept, facts)
        _own_year_of_clients_fees(a, lexicon, facts)
        _this_and_next_year(a, lexicon, focus, kept, facts)
    for measure, f in facts.items() if paid is None else ():
        # what an earlier turn said of this measure, under what this turn and the kept
        # calculation say
        # (not the speaker's role said only to deny its own award, when this turn asks the
        # recipient's: "我们…排第二" then "这部分补助该谁拿、多少？")
        earlier = {
            k: v
            for k, v in said.get(measure, {}).items()
            if k not in a.recipient_asked.get(measure, ())
        }
        facts[measure] = replace(f, conditions={**earlier, **f.conditions})
    _premises(a, plan, list(a.measures), lexicon)
    if a.embedded and a.measures == [a.embedded]:
        # Placed by similarity alone (no word of the measure): a wrong measure would be a
        # wrong amount, so ask first and compute on "是".
        plan.route, plan.why = "clarify", "suggest"
        plan.suggested = a.embedded
        plan.focus = [a.embedded]
        plan.facts[a.embedded] = facts[a.embedded]
        return plan
    for measure, f in facts.items():
        _per_measure(a, lexicon, plan, measure, f)
    if any(_has_base(f) for _, f in plan.calculations):
        # Beside a calculation, a measure named without an amount is context ("盖个摄影棚，
        # 投资1.5个亿" is one building; "影视基地总规划…一期新建影视棚") unless its own
        # clause asks about it or the message states a fact of it.
        # ("这两项各能拿多少": each measure named is asked)
        both = bool(lx.BOTH.search(a.text)) and len(a.measures) > 1
        plan.clarify = [m for m in plan.clarify if both or _asked_in_own_part(a, m)]
        plan.calculations = [
            (m, f)
            for m, f in plan.calculations
            if _has_base(f) or _asked_in_own_part(a, m) or _states(lexicon, m, f)
        ]
    _each_of_conversation(a, lexicon, plan, kept)
    if a.not_asked:
        # "我只问国家专项资金本身…不问重庆配套": not that measure's calculation
        plan.calculations = [(m, f) for m, f in plan.calculations if m not in a.not_asked]
        if not plan.calculations and plan.route == "calculator":
            plan.route, plan.why = "knowledge", "question"
    if a.asked_only and any(m in a.asked_only for m, _ in plan.calculations):
        # "我只问我们协拍公司自己能拿多少": the other party's measure is context
        plan.calculations = [(m, f) for m, f in plan.calculations if m in a.asked_only]
    computed = {m for m, _ in plan.calculations}
    for measure in computed:
        if a.other_years and lexicon.measure(measure).cap_scope == "per_company_year":
            plan.left_out.setdefault(measure, []).extend(a.other_years)
    if len(computed) == 1 and a.left_out:
        plan.left_out.setdefault(next(iter(computed)), []).extend(a.left_out)
    # ("700万左右，还没最终结算": not final, its award stated only if the same at either end)
    plan.spans = {
        m: ("range" if a.unsettled else kind, low, high)
        for m, (kind, low, high) in a.spans.items()
        if m in computed
    }
    plan.bounds = {m: b for m, b in a.bounds.items() if m in computed}
    plan.separate = (a.separate_companies | plan.separate) & computed
    plan.per_company = {m: f for m, f in a.per_company.items() if m in plan.separate}
    plan.open_questions = {m: q for m, q in a.open_questions.items() if m in computed}
    plan.doubted = {m: tuple(sorted(f)) for m, f in a.doubted.items() if m in computed}
    plan.unknown = {m: sorted(c) for m, c in a.unknown.items() if m in computed}
    plan.unpaid = [m for m in a.unpaid if m not in computed and m not in plan.clarify]
    return _route(a, lexicon, plan, facts)


def _each_of_conversation(
    a: Analysis, lexicon: Lexicon, plan: Plan, kept: dict[str, Facts]
) -> None:
    """ "建棚和租棚分别能补多少", "两项分别说说", "What would each subsidy be?": each measure
    asked, one this turn names without an amount or one an earlier turn computed, is computed
    with what the conversation said of it."""
    if not lx.EACH_ASKED.search(a.text):
        return
    computed = [m for m, _ in plan.calculations]
    if not computed:
        return
    earlier = [
        m
        for m, f in kept.items()
        if m not in computed
        and (_has_base(f) or (not _needs_amount(lexicon, m) and bool(f.to_inputs())))
    ]
    named = [m for m in plan.clarify if m in earlier]
    wanted = named or (earlier if len(earlier) == 1 and len(computed) == 1 else [])
    for measure in wanted:
        mine = a.facts.get(measure, Facts())
        plan.calculations.append((measure, mine.merged_over(kept[measure])))
    plan.clarify = [m for m in plan.clarify if m not in wanted]


def _settled_early(
    a: Analysis, lexicon: Lexicon, plan: Plan, state: dict[str, Any], kept: dict[str, Facts]
) -> bool:
    """A confirmation, a question asked again of the conversation, a greeting, gaming,
    another place, an off-topic or an open topic."""
    suggested = state.get("suggested")
    if suggested in kept and lx.YES.match(a.text):
        # "是的": the measure suggested last turn is the one; compute it now.
        plan.route, plan.why = "calculator", "confirmed"
        plan.calculations = [(suggested, kept[suggested])]
        plan.focus = [suggested]
        return True
    if lx.YES.match(a.text) and any(_has_base(kept.get(m, Facts())) for m in plan.focus):
        # "是的" after "请同时确认：…": the open yes/no conditions hold; compute again.
        plan.route, plan.why = "calculator", "confirmed"
        for measure in plan.focus:
            facts = kept.get(measure, Facts())
            said = {
                c.id: True for c in lexicon.measure(measure).conditions if c.field is None and c.ask
            }
            said.update(facts.conditions)
            plan.calculations.append((measure, replace(facts, conditions=said)))
        return True
    if _asks_again(a, lexicon, plan, kept):
        return True
    for flag, why in (
        (a.greeting, "greeting"),
        (a.fabrication, "fabrication"),
        (a.other_place, "other_place"),
        (bool(lx.OFF_TOPIC.search(a.text)) and not a.measures, "off_topic"),
    ):
        if flag:
            plan.route, plan.why = "out_of_scope", why
            return True
    about_money = bool(a.amounts) or bool(lx.SUPPORT.search(a.text) or lx.MONEY.search(a.text))
    plan.not_covered = [*a.topics, *(a.uncovered if about_money else [])]
    if set(a.topics) & lexicon.alone_topics and not _topics_aside(a, lexicon):
        plan.why = "not_covered"  # "按老政策，棚租800万能补多少": not this policy's terms
        return True
    if lx.ADVICE.search(a.text):
        plan.not_covered.append(lx.ADVICE_TOPIC)
        if (a.amounts and not _asks_amount(a)) or not lx.POLICY_ASK.search(a.text):
            # "花800万租棚值不值？", "推荐一个好用的AI剪辑软件吧": advice, whatever the amounts
            # or the measure its words name; the award asked beside it is computed ("…能拿
            # 多少？另外横店那边能补多少，哪边更划算？")
            plan.why = "not_covered"
            return True
    # (not a correction of the conversation's amount: "哦不对，是700万。另外申请要交哪些材料？")
    # (nor a fact the conversation's calculation takes: "今年已经领过200万了。还有…要交税吗？")
    corrects = bool(kept) and (
        bool(lx.CORRECTION.search(a.text)) or any(x.role in FACT_ROLES for x in a.amounts)
    )
    if _asks_other_than_award(a) and not corrects:
        # States a spend, asks only something else ("申请表在哪下载？我们棚租花了850万";
        # "装修费算不算固定资产投入？装修花了1300万"): answered as a question, no award computed
        plan.why = "not_covered" if plan.not_covered else "question"
        return True
    # (not a turn that gives the conversation's calculation a fact or an amount: "社保交了7个人。
    # 另外区里还有没有额外奖励？" computes, and names the open topic beside it)
    continues = (
        bool(kept)
        and any(_has_base(kept.get(m, Facts())) for m in plan.focus)
        and (
            # (an award received, a land or commercial part: "今年已经领过200万了。还有…")
            any(x.role in (*BASE_ROLES, *FACT_ROLES) for x in a.amounts)
            or a.shared.staff is not None
            or any(f.to_inputs() for f in a.facts.values())
        )
    )
    # ("不走立项备案，从来没备过案…能不能按那条20%拿补助？": a denied condition answers whether)
    denied = any(False in f.conditions.values() for m, f in a.facts.items() if m in a.measures)
    if (
        a.topics
        and not _asks_amount(a)
        and not _false_claims(a, lexicon)
        and not continues
        and not denied
        # "…收取服务费800万元，另外想问一下申报材料要交哪些": an aside beside the amount
        and not (a.bases and lx.ASIDE_QUESTION.search(a.text))
        and not _award_asked_beside_topics(a, lexicon)
        and not _amount_not_known_yet(a, lexicon, plan)
    ):
        # Asks only what the text leaves open ("去哪个部门办理？", "记什么会计科目？"): say so,
        # without a calculation nobody asked for.
        plan.why = "not_covered"
        return True
    return False


def _new_project_has_no_award(a: Analysis, lexicon: Lexicon, kept: dict[str, Facts]) -> None:
    """ "之前已经按租棚这条拿了800万补助" then "这次新片又在重庆的棚里花了2000万": the award an
    earlier turn said was another project's, for a measure capped per project; the new one's
    cap is whole."""
    if not (lx.NEW_PROJECT.search(a.text) or lx.OTHER_PROJECT.search(a.text)):
        return
    if any(x.role == "prior_award" for x in a.amounts) or _awards_of_another_time(a):
        return  # the award said again, with this turn's words of it
    for measure, facts in list(kept.items()):
        if facts.prior_awards_yuan and lexicon.measure(measure).cap_scope == "per_project":
            kept[measure] = replace(facts, prior_awards_yuan=0)


def _topics_aside(a: Analysis, lexicon: Lexicon) -> bool:
    """ "…在重庆用棚花了660万…这边各补多少？另外成都那边有没有类似的政策，比重庆高还是低？":
    the award of the spend asked first, the matters the text leaves open only after "另外"."""
    aside = lx.ASIDE_START.search(a.text)
    before = a.text[: aside.start()] if aside else ""
    if not (a.bases and lx.ASKS_AMOUNT.search(before) and lx.SUBSIDY.search(before)):
        return False
    return not any(p.search(before) for t, p in lexicon.topics if t in lexicon.alone_topics)


def _award_asked(a: Analysis) -> bool:
    """Does a clause ask how much of the award ("能补多少", "奖励多少"), not how much of
    something else ("审核一般要多少个工作日", "税率多少", "区里的标准是多少")?"""
    return any("多少" in p.text and (p.measure or lx.SUBSIDY.search(p.text)) for p in a.parts)


def _asks_other_than_award(a: Analysis) -> bool:
    """The message states a spend but asks only something the calculation does not answer:
    no question of it asks how much or whether the spend qualifies, it claims no figure, and
    it does not build the case for an award (two or more of the measure's conditions said:
    "建棚投入3000万 评审入统都过了 贷款有贴息吗")."""
    # "收入呢一千零五十万": a 呢 inside a clause is a pause, not a question
    asking = [
        (index, t)
        for index, p in enumerate(a.parts)
        if asks(t := re.sub(r"呢(?=.)", "", p.text))
        or lx.A_NOT_A.search(t)  # "算不算", "能不能" (not "不对不对")
        or re.search(r"(?i)\b(how|what|which|who|when|where|can|could)\b", t)
        or a.text[p.start + len(p.text) : p.start + len(p.text) + 1] in ("?", "？")
        # "咨询：1.可获补助金额；2.补助多久能到账", "问：奖励金额": the items of what is asked
        or (lx.ASKED_LIST.search(a.text[: p.start]) and lx.LIST_ITEM.match(p.text))
        or (
            bool(lx.ASKED_LIST.search(a.text[max(0, p.start - 6) : p.start]))
            and bool(lx.AWARD_NAMED.match(p.text))
        )
    ]
    stated = max((len(f.conditions) for f in a.facts.values()), default=0)
    return (
        bool(a.amounts)
        and bool(asking)
        # "所以只有72万？", "总不至于连220万都没有吧？": an amount asked about is the award's
        and not any(x.part == index for x in a.amounts for index, _ in asking)
        # "投资最大的是哪一个，投了多少钱？": how much someone else invested, not the award
        and not any(
            lx.AWARD_ASKED.search(t) and not lx.OTHER_AMOUNT_ASKED.search(t) for _, t in asking
        )
        and not a.unknown
        and not a.claimed
        and not lx.CONFIRM.search(a.text)  # "硬件补贴是先给一半吧？我们投了2000万": checked
        and stated < 2
        and not lx.FOLLOW_UP.search(a.text)
        and not (a.bases and lx.ASIDE_QUESTION.search(a.text))
        # "1. …用棚费用1300万元；2. 请一并告知申报材料": a numbered note's spend is its case
        and not (a.bases and lx.NUMBERED_NOTE.search(a.text))
        and not (a.bases and lx.ALSO_ASKED.search(a.text))  # "…来电人还问：…"
        # "What would the subsidy on that part alone be?": the award, asked in English
        and not (mostly_english(a.text) and _asks_amount(a))
    )


def _with_another_work(a: Analysis, mine: Facts, earlier: Facts) -> Facts:
    """ "还有一个剧本B…入选了重大工程。两个加起来呢？": another work beside the earlier ones,
    with its own award."""
    works = earlier.tiers or tuple(t for t in (earlier.tier,) if t)
    # (not "另一个剧本呢…": the other one asked about alone)
    adds = lx.ADD_UP.search(a.text) or lx.WORKS_ADDED.search(a.text)
    if mine.tier and works and lx.ANOTHER_WORK.search(a.text) and adds:
        return replace(mine, tier=None, tiers=(*works, mine.tier))
    return mine


def _for_the_recipient(a: Analysis, measure: str, facts: Facts) -> Facts:
    """ "那第一出品单位那边按规定能拿多少": asked of the recipient, whoever asks, the conditions
    stated only to deny the speaker's own award (`ask: false`) do not hold against it."""
    dropped = a.recipient_asked.get(measure, ())
    if not dropped:
        return facts
    kept = {k: v for k, v in facts.conditions.items() if k not in dropped}
    return replace(facts, conditions=kept)


def _asks_again(a: Analysis, lexicon: Lexicon, plan: Plan, kept: dict[str, Facts]) -> bool:
    """A turn that asks the conversation's award again: its total ("那总共能拿多少"), or
    "how much" alone once the facts came in turn by turn."""
    # measures computed so far, and those with no amount to give whose facts were said
    # ("剧本…入选了重大工程", then the studio's amount, then "两项一共多少")
    computed = [
        m
        for m, f in kept.items()
        if _has_base(f) or (not _needs_amount(lexicon, m) and bool(f.to_inputs()))
    ]
    if _awards_of_another_time(a):
        return False  # "那150万是去年年底批的…那今年能拿多少": a fact corrected, then asked
    bases = [x for x in a.amounts if x.role in BASE_ROLES]
    if lx.TOTAL_ASK.search(a.text) and not bases and computed:
        # "那总共能拿多少", "两项现在各多少": every measure of the conversation (and one this
        # turn adds), each computed again with what this turn says
        for m in dict.fromkeys([*computed, *a.measures]):
            mine = _with_another_work(a, a.facts.get(m, Facts()), kept.get(m, Facts()))
            merged = with_shared(a, mine).merged_over(kept.get(m, Facts()))
            merged = _for_the_recipient(a, m, merged)
            if _has_base(merged) or not _needs_amount(lexicon, m):
                plan.calculations.append((m, merged))
        plan.route, plan.why = "calculator", "total"
        plan.not_covered = [*a.topics, *a.uncovered]  # "另外宣发还花了300万…总共多少"
        plan.focus = [m for m, _ in plan.calculations]
        plan.facts.update(dict(plan.calculations))
        _premises(a, plan, plan.focus, lexicon)
        return True
    again = [
        m for m in plan.focus if m in kept and (m in computed or not _needs_amount(lexicon, m))
    ]
    # "能补多少", "今年还没拿过这项补助", "您就按这个算"
    asks_again = (
        _asks_amount(a)
        or bool(lx.NO_PRIOR.search(a.text))
        or bool(lx.RECOMPUTE.search(a.text))
        or bool(lx.STILL_ENOUGH.search(a.text))  # "还够得到吗": the threshold, asked again
        # "那封顶是多少？" after the award: the cap, shown against this conversation's amount
        # ("那封顶呢，是不是就1000万了": a figure claimed is checked beside it)
        # (a figure no clause states is a premise, corrected on its own)
        or (
            (a.asks_cap or a.asks_threshold)
            and not a.measures
            and all(x.role == "claimed_rule" and x.yuan in lexicon.any_figure for x in a.amounts)
        )
    )
    nothing_new = not a.shared.to_inputs() and not any(
        a.facts.get(m, Facts()).to_inputs() for m in a.measures
    )
    only_claims = all(x.role in ("claimed_rule", "other") for x in a.amounts)
    if (
        again
        and set(a.measures) <= set(again)
        and nothing_new
        and only_claims  # "上半年已经拿过80万，那还能拿多少": a fact, read below
        and asks_again
        and not set(a.topics) & lexicon.alone_topics
    ):
        # "能补多少？", "那一共多少奖励？" after the facts came in turn by turn
        plan.route, plan.why = "calculator", "again"
        # "能补多少？大概多久能到账？", "另外宣发还花了300万…总共能补多少": named beside it
        plan.not_covered = [*a.topics, *a.uncovered]
        # "顺便问下成都有没有类似的协拍补贴？我们这笔在重庆能拿多少": looked up beside it
        plan.knowledge = _sub_questions(a, lexicon)
        # "后期那块能拿多少？" of a conversation about two measures: the one it names, by its
        # words however weak
        named = [m for m in again if m in a.measures] or [
            m for m in again if any(p.scores.get(m, 0) > 0 for p in a.parts)
        ]
        if named and (len(named) == 1 or set(named) == set(a.measures)):
            again = named
        # "特效那块…先不管了，只算棚的": not the measure set aside
        again = [m for m in again if m not in a.not_asked] or again
        # "那如果今年之前没拿过呢": an award said before is taken back
        taken_back = bool(lx.NO_PRIOR.search(a.text))
        plan.calculations = [
            # with what this turn states ("项目还没备案呢，能先补吗")
            (
                m,
                _for_the_recipient(
                    a,
                    m,
                    replace(
                        kept[m],
                        conditions={**kept[m].conditions, **_said(a, m)},
                        prior_awards_yuan=0 if taken_back else kept[m].prior_awards_yuan,
                    ),
                ),
            )
            for m in again
        ]
        _premises(a, plan, again, lexicon)
        return True
    return False


def _place_earlier_amount(a: Analysis, state: dict[str, Any]) -> None:
    """The turn after "which measure?" names it: the amount asked about before is its base."""
    unplaced = state.get("unplaced")
    if not isinstance(unplaced, str | int) or a.amounts:
        return
    earlier = parse_amount(str(unplaced))
    options = [str(q) for q in state.get("options") or []]
    chosen = lx.CHOICE.match(a.text.strip())
    if chosen and not a.measures:
        index = int(cn2an.cn2an(chosen.group(1), "smart")) - 1
        if 0 <= index < len(options):
            a.measures = [options[index]]  # "2" or "第二个": the listed option
    if len(a.measures) != 1:
        return
    measure = a.measures[0]
    facts = a.facts.get(measure, Facts())
    if not _has_base(facts):
        a.facts[measure] = replace(facts, amount_yuan=earlier)


def _the_company_paid(
    a: Analysis, lexicon: Lexicon, focus: list[str], kept: dict[str, Facts]
) -> dict[str, Facts] | None:
    """ "那租给我们棚的这家重庆公司自己能拿补助吗？", "那这家后期公司呢？他们今年就我们这一单":
    the company the conversation's money was paid to, under the measure it may claim it by
    (the data's `paid_to`). Its yearly revenue is that money only when the turn says so."""
    if len(focus) != 1 or not lx.PAID_COMPANY.search(a.text):
        return None
    # (a place said of it, "那家公司在成都"; not one naming it, "那家重庆协拍公司")
    placed = re.search(f"(在|是|于|位于)(?:{lexicon.here}|{lexicon.elsewhere})", a.text)
    asks_of_it = bool(re.search(r"呢[？?，,。]?", a.text)) and not placed
    if placed and lx.CORRECTION.search(a.text):
        return None  # "说错了，最后是成都那家公司做的…那还能补多少": the spend's place corrected
    if not (_asks_amount(a) or lx.ITS_OWN_ASKED.search(a.text) or asks_of_it):
        return None  # "那家公司在成都", "如果那家公司其实是成都的呢": the spend's place
    earlier = kept.get(focus[0], Facts())
    target = lexicon.company_of.get(focus[0])
    if target is None:
        return None
    bases = [x for x in a.amounts if x.role in BASE_ROLES]
    if bases:
        # "服化道是重庆本地一家公司做的" then "它今年就接了我们这一单，560万，它能拿多少", "our
        # vendor … billed us RMB 8 million — what do THEY get?": the money it received
        if not lx.IT_RECEIVED.search(a.text):
            return None
        earlier = replace(earlier, amount_yuan=sum(x.yuan for x in bases), claims_yuan=())
    elif not _has_base(earlier):
        return None
    if set(a.measures) - {target, focus[0]}:
        return None  # a third measure named: not this question
    # its own conditions as this turn states them: what the conversation said of the
    # speaker's place ("我们是外地剧组") is the client's, not the paid company's
    mine = replace(a.facts.get(target, Facts()), conditions=conditions_of(lexicon, target, a.text))
    if not lexicon.measure(target).annual_base or lx.ONLY_CLIENT.search(a.text):
        mine = replace(mine, amount_yuan=earlier.amount_yuan, claims_yuan=earlier.claims_yuan)
    a.measures = [target]
    a.paid_company = target
    return {target: with_shared(a, mine)}


def _the_client(
    a: Analysis, lexicon: Lexicon, focus: list[str], kept: dict[str, Facts]
) -> dict[str, Facts] | None:
    """ "如果换成剧组自己来申请呢，他们付的也是这600万": the client who paid the conversation's
    company, under the measure by which it claims that money (the measure whose `paid_to` is
    the company's)."""
    if len(focus) != 1 or not lx.CLIENT_ASKS.search(a.text):
        return None
    earlier = kept.get(focus[0], Facts())
    if earlier.amount_yuan is None:
        return None
    if any(x.role in BASE_ROLES and x.yuan != earlier.amount_yuan for x in a.amounts):
        return None  # another amount: read as usual
    company = lexicon.measure(focus[0])
    clients = [
        m.qualified_id
        for m in lexicon.measures.values()
        if m.document == company.document and m.paid_to == company.id
    ]
    if len(clients) != 1 or set(a.measures) - {clients[0], focus[0]}:
        return None
    target = clients[0]
    mine = replace(a.facts.get(target, Facts()), conditions=conditions_of(lexicon, target, a.text))
    mine = replace(mine, amount_yuan=earlier.amount_yuan, claims_yuan=())
    own = kept.get(target, Facts())
    if _has_base(own):
        # "…棚租设备道具一共1600万" then "置景公司A…另外收了我们600万，不在1600万里" then "我们
        # 制片方和A公司各能拿多少": the client's own spend, said before, is its base
        mine = replace(
            own.merged_over(mine), amount_yuan=own.amount_yuan, claims_yuan=own.claims_yuan
        )
    if lx.AMOUNT_NOT_KNOWN.search(a.text) and lx.MORE_SPENT.search(a.text):
        # "剧组后来还在重庆另一家棚拍了一段…花了多少我们不清楚": what it paid us is a part of
        # its spend, the rest not known: its base is asked for, never the part computed
        mine = replace(mine, amount_yuan=None, claims_yuan=())
    a.measures = [target]
    return {target: with_shared(a, mine)}


def _this_and_next_year(
    a: Analysis,
    lexicon: Lexicon,
    focus: list[str],
    kept: dict[str, Facts],
    facts: dict[str, Facts],
) -> None:
    """ "今年…服务费用900万" then "那假如明年再接一个剧组，服务费用1200万，今明两年这项补助加起来
    最多能拿多少": this year's and next year's, each computed on its own (its threshold and its
    year's cap), then added."""
    named = lx.named_years(a.text)
    if not (
        (lx.NEXT_YEAR.search(a.text) or len(set(named)) == 1) and lx.YEARS_TOGETHER.search(a.text)
    ):
        return
    # ("2026年又做了1300万，这两年一共能拿多少": the year this turn names, and the one before)
    labels = (f"{int(named[0]) - 1}年度", f"{named[0]}年度") if named else ("今年度", "明年度")
    for measure in focus:
        earlier, now = kept.get(measure, Facts()), facts.get(measure, Facts())
        yearly = lexicon.measure(measure)
        if not (yearly.annual_base or yearly.cap_scope == "per_company_year"):
            continue
        if not (_has_base(earlier) and _has_base(now)) or now == earlier:
            continue
        both = now.merged_over(earlier)
        this_year = replace(
            both,
            amount_yuan=earlier.amount_yuan,
            claims_yuan=earlier.claims_yuan,
            prior_awards_yuan=earlier.prior_awards_yuan,
        )
        said = [x.yuan for x in a.bases.get(measure, [])]  # this turn's own, not added on
        next_year = replace(
            both,
            amount_yuan=sum(said) if said else now.amount_yuan,
            claims_yuan=() if said else now.claims_yuan,
            prior_awards_yuan=0,
        )
        a.per_company[measure] = {labels[0]: this_year, labels[1]: next_year}
        a.separate_companies.add(measure)


def _own_year_of_clients_fees(a: Analysis, lexicon: Lexicon, facts: dict[str, Facts]) -> None:
    """ "今年给三部片子做特效：甲片300万、乙片250万、丙片150万，这是我们全年的技术服务收入，我们
    公司自己能拿多少后期奖励": the company's own award alone, its year the fees it was paid."""
    if len(a.asked_only) != 1 or not lx.ONE_JOB_YEAR.search(a.text):
        return
    own = a.asked_only[0]
    clients = [c for c, company in lexicon.company_of.items() if company == own and c in facts]
    if len(clients) != 1 or _has_base(facts.get(own, Facts())):
        return
    fees = facts[clients[0]]
    if not _has_base(fees):
        return
    if fees.claims_yuan:
        mine = replace(facts.get(own, Facts()), amount_yuan=None, claims_yuan=fees.claims_yuan)
    else:
        mine = replace(facts.get(own, Facts()), amount_yuan=fees.amount_yuan, claims_yuan=())
    facts[own] = with_shared(a, mine)
    del facts[clients[0]]
    a.measures = [own]


def _client_and_own(a: Analysis, lexicon: Lexicon, facts: dict[str, Facts]) -> None:
    """ "客户（制片方）能拿多少？我们自己能拿多少？": the company that served a client asks the
    client's award and its own, for the same money, under the client's measure and the one the
    company claims that money by (the data's `paid_to`). The fee is the company's year only
    when the message says so ("今年就这一单") for a measure that counts a year's amounts; a
    year's total said beside a project's fee ("收了350万…全年技术服务收入1200万") is the
    company's, the fee the client's."""
    if not (
        (lx.OWN_TOO.search(a.text) or lx.OWN_ASKED.search(a.text))
        and (
            lx.asked_of_others(lx.FOR_THE_CLIENT, a.text)
            or lx.asked_of_others(lx.CLIENT_ASKS, a.text)
            or any("我们" not in m.group(0) for m in lx.COMPANY_AWARD_ASKED.finditer(a.text))
        )
    ):
        return
    scores = lexicon.scores(a.text)
    for client in list(facts):
        own = lexicon.company_of.get(client)
        if own is None:
            continue
        own_measure = lexicon.measure(own)
        if own not in a.measures and scores.get(own, 0) < 2:
            continue  # the speaker is no company of that kind ("剧组租我们的棚": its owner)
        if any(_has_base(f) for m, f in facts.items() if m not in (client, own)):
            continue  # a third measure computed: not this question
        theirs, mine = facts[client], facts.get(own, Facts())
        if _has_base(theirs) and not _has_base(mine):
            # its other services of the year, named under its own measure ("A剧组置景650万")
            others = tuple(
                x.yuan
                for x in a.amounts
                if a.parts[x.part].measure == own and x.role in (*BASE_ROLES, "other")
            )
            fee = theirs.claims_yuan or tuple(y for y in (theirs.amount_yuan,) if y is not None)
            ours = fee + others
            if not own_measure.annual_base or lx.ONE_JOB_YEAR.search(a.text):
                if len(ours) == 1:
                    mine = replace(mine, amount_yuan=ours[0], claims_yuan=())
                else:
                    mine = replace(mine, amount_yuan=None, claims_yuan=ours)
        elif _has_base(mine) and not _has_base(theirs):
            said_of = [*a.unassigned, *a.bases.get(own, [])]
            paid_us = [x for x in said_of if lx.PAID_US.search(_clause_of(a, x))]
            rest = [x.yuan for x in a.bases.get(own, []) if x not in paid_us]
            if len(paid_us) == 1 and rest:
                # "今年技术服务收入2400万…客户…付给我们1000万": the client's own fee is said
                theirs = replace(theirs, amount_yuan=paid_us[0].yuan, claims_yuan=())
                a.unassigned = [x for x in a.unassigned if x is not paid_us[0]]
                mine = replace(
                    mine,
                    amount_yuan=rest[0] if len(rest) == 1 else None,
                    claims_yuan=() if len(rest) == 1 else tuple(rest),
                )
                said = conditions_of(lexicon, own, a.text)
                facts[client] = theirs
                facts[own] = with_shared(a, replace(mine, conditions={**said, **mine.conditions}))
                a.measures = list(dict.fromkeys([*a.measures, client, own]))
                a.asked_only = []
                continue
            amounts = a.bases.get(own, [])
            year = [x for x in amounts if lx.YEAR_TOTAL_BEFORE.search(a.text[: x.start])]
            fees = [x for x in amounts if x not in year]
            # "收了对方300万…我们全年技术服务收入一共1100万": the year's whole, said apart
            year = year or [
                x
                for x in a.amounts
                if x.role == "whole" and lx.YEAR_TOTAL_BEFORE.search(a.text[: x.start])
            ]
            if len(year) > 1 or not fees:
                continue
            paid = sum(x.yuan for x in fees)
            labels = [label_of(a, x) for x in fees]
            if len(fees) > 1 and None not in labels and len(set(labels)) == len(fees):
                # "给A片收了300万，给B片收了500万": each client's own project and claim
                theirs = replace(theirs, amount_yuan=None, claims_yuan=tuple(x.yuan for x in fees))
            else:
                theirs = replace(theirs, amount_yuan=paid, claims_yuan=())
            if year:
                mine = replace(mine, amount_yuan=year[0].yuan, claims_yuan=())
            elif own_measure.annual_base and not lx.ONE_JOB_YEAR.search(a.text):
                # "给客户做剪辑配音收了300万": one client's fee, not the year's revenue
                mine = replace(mine, amount_yuan=None, claims_yuan=())
        else:
            if (
                _has_base(mine)
                and _has_base(theirs)
                # (not "我们自己的奖励我已经知道了，只关心客户那边的能补多少")
                and not re.search(r"只(关心|问|想知道|想问|算|看)|已经知道|算过了", a.text)
            ):
                # "付了我们1200万；我们全年…2100万（含这1200万）…客户能补多少，我们自己的…":
                # each said its own amount; both are asked
                a.asked_only = []
            continue
        said = conditions_of(lexicon, own, a.text)
        facts[client] = theirs
        facts[own] = with_shared(a, replace(mine, conditions={**said, **mine.conditions}))
        a.measures = list(dict.fromkeys([*a.measures, client, own]))
        a.asked_only = []  # both are asked, though one question names its measure


def _clause_of(a: Analysis, amount: Amount) -> str:
    """The clause an amount is said in."""
    return a.parts[amount.part].text


def _earlier_year_award(
    a: Analysis, focus: list[str], kept: dict[str, Facts], facts: dict[str, Facts]
) -> None:
    """ "不对，那150万是去年拿的": the award the conversation took as this year's was another
    year's; it no longer reduces this year's cap."""
    said = _awards_of_another_time(a)
    for measure in focus:
        earlier = _so_far(measure, facts, kept)
        before = kept.get(measure, Facts()).prior_awards_yuan
        if earlier is not None and (earlier.prior_awards_yuan in said or before in said):
            facts[measure] = replace(earlier, prior_awards_yuan=0)


def _awards_of_another_time(a: Analysis) -> set[Yuan]:
    """The amounts the turn says were awarded in another year or to another project ("那150万
    是去年拿的", "那600万是公司另一个项目拿的")."""
    return {
        x.yuan
        for x in a.amounts
        if lx.AWARD_OF_EARLIER_YEAR_AFTER.match(a.text, x.start + len(x.text))
    }


def _staff_not_known(
    a: Analysis,
    lexicon: Lexicon,
    focus: list[str],
    kept: dict[str, Facts],
    facts: dict[str, Facts],
) -> None:
    """ "不对，刚才说的5个人连外包一起算的，实际交社保的有几个我得回去查": the count the
    conversation had is withdrawn; the award waits for it."""
    if not lx.STAFF_UNKNOWN.search(a.text):
        return
    for measure in focus:
        earlier = _so_far(measure, facts, kept)
        if earlier is not None and lexicon.measure(measure).min_staff and _has_base(earlier):
            facts[measure] = replace(earlier, staff=None)


def _so_far(measure: str, facts: dict[str, Facts], kept: dict[str, Facts]) -> Facts | None:
    """A measure's facts as the conversation has them: this turn's over the kept ones."""
    now, before = facts.get(measure), kept.get(measure)
    return now.merged_over(before) if now and before else (now or before)


def _besides_the_earlier_job(
    a: Analysis,
    lexicon: Lexicon,
    focus: list[str],
    kept: dict[str, Facts],
    facts: dict[str, Facts],
) -> None:
    """ "那我们公司自己呢？今年除了这一单，我们还给另一个剧组做了置景，收了550万": the company
    paid in the conversation's calculation claims that money beside this turn's, under the
    measure it claims it by."""
    if len(focus) != 1 or not lx.BESIDES_EARLIER.search(a.text):
        return
    earlier = kept.get(focus[0], Facts())
    own = lexicon.company_of.get(focus[0])
    if own is None or not _has_base(earlier):
        return
    mine = facts.get(own)
    if mine is None or not _has_base(mine):
        return
    before = earlier.claims_yuan or tuple(y for y in (earlier.amount_yuan,) if y is not None)
    now = mine.claims_yuan or tuple(y for y in (mine.amount_yuan,) if y is not None)
    facts[own] = replace(mine, amount_yuan=None, claims_yuan=before + now)


def _facts_of_turn(a: Analysis, focus: list[str], kept: dict[str, Facts]) -> dict[str, Facts]:
    """This turn's facts per measure, with what the conversation already said."""
    facts = {m: a.facts.get(m, Facts()) for m in a.measures}
    # (not the same money moved: "要是这1200万花在后期上呢？剪辑配音、特效都找的重庆公司")
    moved = a.follow_up and lx.MONEY_MOVED.search(a.text) and lx.POINTED_BACK_AMOUNT.search(a.text)
    if focus and a.bases and lx.BOTH.search(a.text) and not moved:
        # "另外特效也是重庆公司做的，240万，这两块分别补多少": the earlier measure too
        for measure in focus:
            if measure not in facts and _has_base(kept.get(measure, Facts())):
                facts[measure] = kept[measure]
    if not _follow_up(a, focus, kept, facts):
        _shared_facts(a, facts)
        # "那如果我是做这个剪辑配音的重庆公司呢？收入300万": a new measure with its own amount
        # is what the turn asks; the earlier one, only named, is not computed again
        switching = any(_has_base(f) for m, f in facts.items() if m not in focus)
        for measure in list(facts):
            if measure in kept and measure in a.measures and _adds_to(facts[measure]):
                # (but "交社保的其实只有两个人…另外我们给剧组租设备收了五百万": the staff count
                # said before, corrected, is this measure's news)
                # ("忘了说，里面有土地费一千五百万…另外…后期…八百万": a deduction, too)
                mine, before = facts[measure], kept[measure].staff
                restaffed = before is not None and mine.staff not in (None, before)
                news = restaffed or bool(
                    mine.land_yuan or mine.commercial_yuan or mine.prior_awards_yuan
                )
                if switching and not _has_base(mine) and not news:
                    del facts[measure]
                    continue
                facts[measure] = facts[measure].merged_over(kept[measure])
            elif measure in kept and not (facts[measure].tier or facts[measure].tiers):
                # "这个剧本后来拍成电影了": the work named again keeps what it was listed in
                earlier = kept[measure]
                facts[measure] = replace(facts[measure], tier=earlier.tier, tiers=earlier.tiers)
    for measure in focus:
        # "棚费记错了，是1800万，特效那个没错": the measure said unchanged is computed again
        # with what the conversation has
        unchanged = any(p.measure == measure and lx.UNCHANGED.search(p.text) for p in a.parts)
        if unchanged and measure not in a.bases and _has_base(kept.get(measure, Facts())):
            facts[measure] = facts.get(measure, Facts()).merged_over(kept[measure])
    return facts


def _asks_terms(a: Analysis) -> bool:
    """A measure's terms asked: 上限, 门槛, 比例, "对社保人数有要求吗", "需要什么条件"."""
    return a.asks_cap or a.asks_threshold or a.asks_rate or bool(lx.TERMS_ASKED.search(a.text))


def _terms_of_uncovered(a: Analysis, lexicon: Lexicon) -> bool:
    """Are the terms asked (rate, cap, threshold) asked of a cost no measure names, in its
    own clause ("贴息比例多少")?"""
    if lexicon.uncovered is None:
        return False
    return any(
        lexicon.uncovered.search(p.text)
        and (
            lx.RATE_WORDS.search(p.text)
            or lx.CAP_WORDS.search(p.text)
            or lx.THRESHOLD_WORDS.search(p.text)
        )
        for p in a.parts
    )


def _claims_terms(a: Analysis, measure: Measure, facts: Facts) -> bool:
    """Does a message offered for confirmation claim something of a measure's terms (a figure,
    a rate, a head count, a term's word, a condition, words of its clause other than the ones
    naming it)? "布兰博是奥斯卡最佳视效奖得主吧" names an effects word and claims nothing of
    the measure; "硬件投入里不算土地费和配套的商业投资，对吧" claims its clause's words."""
    own = {
        g for g in _trigrams(measure.source) if not any(g in w for w in measure.vocabulary.triggers)
    }
    return (
        any(x.role == "claimed_rule" for x in a.amounts)
        or a.shared.staff is not None
        or bool(lx.STAFF_RULE_CLAIM.search(a.text))
        or bool(find_percents(a.text))
        or any(w in a.text for w in lx.TERM_WORDS)
        or bool(facts.to_inputs())
        or bool(own & _trigrams(a.text))
    )


def _trigrams(text: str) -> set[str]:
    """The runs of three Chinese characters in a text."""
    return {
        text[i : i + 3]
        for i in range(len(text) - 2)
        if all("\u4e00" <= c <= "\u9fff" for c in text[i : i + 3])
    }


def _asks_own_amount_again(a: Analysis, lexicon: Lexicon, plan: Plan) -> bool:
    """A turn asking how much, naming no measure and no amount, in a conversation about one
    measure whose amount is not said yet."""
    if a.measures or a.amounts or len(plan.focus) != 1 or not _asks_amount(a):
        return False
    if _asks_terms(a):
        return False  # "那补多少比例，最高多少": the measure's terms, not this spend's award
    measure = plan.focus[0]
    facts = plan.facts.get(measure)
    return (
        measure in lexicon.measures
        and lexicon.measure(measure).needs_amount
        and facts is not None
        and not _has_base(facts)
    )


def _without_sentence_of(text: str, pattern: re.Pattern[str]) -> str:
    """The text less the clause in which the pattern is found and the clauses that go on
    about it, up to the sentence's end or a clause starting something new ("另外…")."""
    kept: list[str] = []
    for sentence in sent.split(text):
        skipping = False
        for clause in sent.clauses(sentence):
            if pattern.search(clause):
                skipping = True
            elif skipping and lx.NEW_QUESTION_START.match(clause.strip()):
                skipping = False
            if not skipping:
                kept.append(clause)
    return "".join(kept)


def _amount_not_known_yet(a: Analysis, lexicon: Lexicon, plan: Plan) -> bool:
    """A turn saying the amount is not known yet ("今年的账还没结，金额回头再报", "投资额还在
    做可研，没定下来"), naming no other measure and no amount, in a conversation about one
    measure that needs an amount."""
    if len(plan.focus) != 1 or any(m not in plan.focus for m in a.measures):
        return False
    measure = plan.focus[0]
    if a.amounts and not _withdrawn(a, plan.facts.get(measure)):
        return False
    return (
        measure in lexicon.measures
        and lexicon.measure(measure).needs_amount
        and bool(lx.AMOUNT_NOT_KNOWN.search(a.text))
    )


def _amount_taken_back(a: Analysis, lexicon: Lexicon, plan: Plan) -> bool:
    """The conversation's amount taken back, the right one not known yet: asked for, the
    award left open (never computed with the figure taken back)."""
    if not a.amounts or not _amount_not_known_yet(a, lexicon, plan):
        return False
    measure = plan.focus[0]
    plan.route, plan.why = "clarify", "amount"
    plan.clarify = [measure]
    plan.facts[measure] = replace(plan.facts[measure], amount_yuan=None, claims_yuan=())
    return True


def _withdrawn(a: Analysis, earlier: Facts | None) -> bool:
    """ "说错了，600万是签的合同额，实际收入还在核算": the conversation's amount, named only to
    take it back."""
    return (
        earlier is not None
        and earlier.amount_yuan is not None
        and bool(lx.CORRECTION.search(a.text) or lx.NOT_BY_IT.search(a.text))
        and all(x.yuan == earlier.amount_yuan for x in a.amounts)
    )


def _per_measure(a: Analysis, lexicon: Lexicon, plan: Plan, measure: str, f: Facts) -> None:
    """Calculate, answer the measure's rules, or ask for its amount."""
    m = lexicon.measure(measure)
    if any(p[0] == measure for p in plan.premises) and not _has_base(f):
        return
    if m.needs_amount and not _has_base(f):
        # its terms: 上限, 门槛, 比例, and "对社保人数有要求吗", "需要什么条件"
        # (not the terms of a cost no measure names: "有没有贷款贴息？贴息比例多少")
        terms = _asks_terms(a) and not _terms_of_uncovered(a, lexicon)
        if terms or a.injection or (lx.CONFIRM.search(a.text) and _claims_terms(a, m, f)):
            plan.rules.append(measure)  # incl. "得满5个人才行吧？": answered by the rules
        elif _asks_amount(a) or a.paid_company == measure:
            plan.clarify.append(measure)  # "那这家后期公司呢？": its own revenue is asked for
        return
    stated = bool(f.tier or f.conditions or f.to_inputs())
    if not m.needs_amount and not (_asks_amount(a) or stated):
        return
    if not m.needs_amount and a.topics and not stated:
        return  # "配套是按1比1配吗？配套比例到底是多少": the open topic asked, no award
    # (a sentence named as open is not asked of the clause: "…两项可补多少？申报截止日期是哪天？")
    own = [p.text for p in a.parts if p.measure == measure]
    asked = "".join(
        s
        for s in sent.split(a.text)
        if any(o in s for o in own) or not any(p.search(s) for _, p in lexicon.topics)
    )
    if not m.needs_amount and _only_unanswered_asked(a, lexicon, measure, m.source, asked):
        return  # "基地要达到多大面积才能拿配套": the clause states no such figure
    if m.tiers and f.tier is None and not f.tiers and (a.asks_cap or a.injection):
        plan.rules.append(measure)
        return
    plan.calculations.append((measure, f))


def _only_unanswered_asked(
    a: Analysis, lexicon: Lexicon, measure: str, source: str, asked: str
) -> bool:
    """Does the message ask of this measure a figure its clause does not state ("基地要达到多大
    面积才能拿配套"), and not its award beside it? A question of the award's own ("剧本奖和数字
    技术服务补助各多少，剧本奖能不能几个编剧平分") computes it, and one the text leaves open by
    name ("配套支持是按专项资金的几比几给") is named beside the calculation."""
    if all(lx.answers(t, asked, source) for t in lx.answer_types(asked)):
        return False
    questions = [p.text for p in a.parts if asks(p.text) and p.measure in (measure, None)]
    open_named = [q for q in questions if any(pat.search(q) for _, pat in lexicon.topics)]
    unanswered = [
        q
        for q in questions
        if q not in open_named and not all(lx.answers(t, q, source) for t in lx.answer_types(q))
    ]
    award_asked = [
        q
        for q in questions
        if q not in unanswered and q not in open_named and lx.AWARD_ASKED.search(q)
    ]
    # (no question of the measure's own found at all: the figure the message asks is unanswered)
    return (bool(unanswered) and not award_asked) or not (unanswered or open_named or award_asked)


def _route(a: Analysis, lexicon: Lexicon, plan: Plan, facts: dict[str, Facts]) -> Plan:
    focus_before = plan.focus
    if plan.calculations or plan.rules or plan.premises:
        plan.route, plan.why = "calculator", "calculate"
        # (a measure whose amount is asked for beside them is the conversation's too)
        computed = [m for m, _ in plan.calculations]
        plan.focus = (computed + [m for m in plan.clarify if m not in computed]) or plan.rules
        plan.focus = plan.focus or list(focus_before)
        plan.facts.update(dict(plan.calculations))
        # "社保有7个人，能申请吗": the facts of a rules answer are kept for the amount to come
        plan.facts.update({m: facts[m] for m in plan.rules if m in facts and facts[m].to_inputs()})
    elif _amount_not_known_yet(a, lexicon, plan):
        # "费用现在还说不准" in a conversation about one measure: its amount is asked for,
        # the sum left open (never assumed); what the same sentence says of it ("要看拍摄
        # 周期拖多久", "还没出审计报告") is no question of its own
        plan.route, plan.why = "clarify", "amount"
        plan.clarify = list(plan.focus)
        rest = _without_sentence_of(a.text, lx.AMOUNT_NOT_KNOWN)
        plan.not_covered = [
            t for t in plan.not_covered if any(p.search(rest) for q, p in lexicon.topics if q == t)
        ]
        plan.knowledge = [q for q in _sub_questions(a, lexicon) if q in rest]
        return plan
    elif plan.not_covered and not a.amounts and not (plan.clarify and _award_asked(a)):
        plan.why = "not_covered"
        return plan
    elif plan.clarify:
        # "…全部本地租的，项目已经备案了。能补多少？申请要准备哪些材料？": the amount is asked
        # for, the open topic named beside it
        plan.route, plan.why = "clarify", "amount"
        plan.focus = plan.clarify
        plan.facts.update({m: facts[m] for m in plan.clarify})
    elif a.injection and not a.measures:
        plan.route, plan.why = "out_of_scope", "injection"
        return plan
    elif _asks_own_amount_again(a, lexicon, plan):
        # "虚拟拍摄委托在渝企业做的" then "能补多少": the conversation's measure, its amount asked
        plan.route, plan.why = "clarify", "amount"
        plan.clarify = list(plan.focus)
    elif (
        (a.unassigned or a.ambiguous)
        and (_asks_amount(a) or a.asks_threshold or a.asks_cap or (a.unassigned and a.follow_up))
        # "电影院建设能补多少", "每分钟补多少": a cost no measure names, with no measure named,
        # is not a clause to choose but a question the text leaves open
        and not (a.uncovered and not a.measures and not a.ambiguous)
        # "26亿投资里面哪个项目投得最多": someone else's money asked of, no award
        and not (lx.OTHER_AMOUNT_ASKED.search(a.text) and not a.measures)
    ):
        plan.route, plan.why = "clarify", "no_measure"
        plan.clarify_options = a.ambiguous
        exact = [x for x in a.unassigned if x.role in ("fee", "revenue", "investment")]
        if len(exact) == 1 and len(a.unassigned) == 1:
            plan.unplaced = str(exact[0].yuan)
    elif (
        _asks_amount(a)
        and not (a.asks_cap or a.asks_threshold or a.asks_rate)
        and not plan.not_covered
        and not a.measures  # a measure named and not computed asks no category
        # "贾樟柯…是不是领了奖？…一共评了多少个": a question about someone, no subsidy
        and not any(name in a.text for name in named_entities())
    ):
        plan.route, plan.why = "clarify", "no_measure"
    if plan.route in ("calculator", "clarify"):
        plan.knowledge = _sub_questions(a, lexicon)
        return plan
    if plan.not_covered:
        plan.why = "not_covered"
        return plan
    plan.knowledge = [a.text]
    stated = [m for m in a.measures if m in facts and facts[m].to_inputs()]
    if len(stated) == 1:
        # "社保有7个人，能申请后期奖励吗": answered from the text; the facts wait for the amount
        plan.focus, plan.remember = stated, True
        plan.facts[stated[0]] = facts[stated[0]]
    return plan


def _back_to_label(
    a: Analysis, plan: Plan, kept: dict[str, Facts], labels_before: set[str]
) -> bool:
    """ "回到A，能补多少", "哦A剧是770万，A能补多少": the labelled amount of the conversation,
    under its own measure."""
    if len(plan.labels) < 2 or lx.WHOLE.search(a.text) or lx.BOTH.search(a.text):
        return False  # "今年一共能补多少": the total, read as usual
    if lx.SAME_PROJECT.search(a.text):
        return False  # "还有重庆B公司的剪辑配音95万，也是这个项目的": added to the project's
    # the label asked may be one said before, or one this turn gives its amount ("A项目…900万"
    # then "B项目…650万，B能补多少": B alone, not added to A)
    asked = {lx.label(m) for m in lx.LABEL_TURN.finditer(a.text)} & set(plan.labels)
    # "《山城》呢": the label alone, asked as a follow-up
    alone = re.fullmatch(r"(那|那么)?\s*(\S{1,16}?)\s*呢[?？]?", a.text.strip())
    bare = alone is not None and lx.LABEL_TURN.fullmatch(alone.group(2)) is not None
    # "先只算乙片的", "X片那600万我们决定不报了，只报Y片": one label kept
    only = bool(re.search(r"只(算|报|问|要|申请|申报)", a.text))
    if len(asked) != 1 or not (_asks_amount(a) or bare or only):
        if not only:
            return False
        named = {lx.label(m) for m in lx.LABEL_TURN.finditer(a.text)}
        after = re.search(r"只(算|报|问|要|申请|申报)[^，,。？?]{0,8}", a.text)
        asked = {lx.label(m) for m in lx.LABEL_TURN.finditer(after.group(0))} if after else set()
        asked &= set(plan.labels)
        if len(asked) != 1 or not named:
            return False
    label = asked.pop()
    if label not in labels_before and not labels_before:
        return False
    if any(
        x.role in BASE_ROLES and a.labelled.get(label, ("", x.yuan))[1] != x.yuan for x in a.amounts
    ):
        return False  # another amount said in this turn: read as usual
    measure, yuan = plan.labels[label]
    earlier = kept.get(measure, Facts())
    if label not in labels_before and re.search(
        rf"{re.escape(label)}(公司|企业|子公司)|(公司|企业){re.escape(label)}(?![A-Za-z])", a.text
    ):
        # "我们集团还有个B公司…社保只有2个人。只问B公司能拿多少": a company this turn names is
        # its own, with what this turn says of it; another's staff or awards are not its
        # (a crew or project named anew is the same company's: "B剧组又来了…还能再拿多少")
        earlier = with_shared(a, a.facts.get(measure, Facts())).merged_over(
            Facts(conditions=earlier.conditions)
        )
    facts = replace(earlier, amount_yuan=parse_amount(str(yuan)), claims_yuan=())
    facts = replace(facts, conditions={**plan.said.get(measure, {}), **earlier.conditions})
    _computed(plan, "label", [(measure, facts)])
    plan.separate.discard(measure)  # one company's (or project's) amount alone
    return True


def _label_without_amount(a: Analysis, plan: Plan, focus: list[str]) -> bool:
    """ "A片…2000万；B片…费用还没出来" then "那B片大概能拿多少？": a label the conversation
    gave no amount, asked alone: its amount is asked for (never another label's computed)."""
    if a.amounts or len(focus) != 1 or not plan.labels or not _asks_amount(a):
        return False
    if lx.WHOLE.search(a.text) or lx.BOTH.search(a.text):
        return False
    asked = {lx.label(m) for m in lx.LABEL_TURN.finditer(a.text)}
    if len(asked) != 1 or asked & set(plan.labels):
        return False
    plan.route, plan.why = "clarify", "amount"
    plan.clarify = list(focus)
    plan.facts[focus[0]] = replace(
        plan.facts.get(focus[0], Facts()), amount_yuan=None, claims_yuan=()
    )
    return True


def _moved_between(
    a: Analysis, lexicon: Lexicon, plan: Plan, focus: list[str], kept: dict[str, Facts]
) -> bool:
    """ "那600万里有100万其实是虚拟拍摄的技术服务费，应该归到数字技术服务那块": part of the
    amount the conversation has under one measure is moved to the measure named after the
    move; both are computed again."""
    move = lx.MOVED_TO.search(a.text)
    if move is None or len(a.amounts) != 2:
        return False
    whole, part = sorted(a.amounts, key=lambda x: -x.yuan)
    source = next((m for m in focus if kept.get(m, Facts()).amount_yuan == whole.yuan), None)
    scores = lexicon.scores(re.split(r"[。！？!?]", a.text[move.end() :])[0])
    target = max(scores, key=lambda m: scores[m]) if scores else None
    if source is None or target is None or target == source or part.yuan >= whole.yuan:
        return False
    earlier = kept[source]
    other = kept.get(target, Facts())
    moved_to = replace(other, amount_yuan=(other.amount_yuan or 0) + part.yuan, claims_yuan=())
    said = {**plan.said.get(target, {}), **other.conditions}
    left = replace(earlier, amount_yuan=whole.yuan - part.yuan, claims_yuan=())
    _computed(plan, "moved", [(source, left), (target, replace(moved_to, conditions=said))])
    plan.left_out[source] = [f"{part.said}（已移至另一项计算）"]
    return True


def _split_between(a: Analysis, plan: Plan, focus: list[str], kept: dict[str, Facts]) -> bool:
    """ "在重庆花了900万" then "这900万里600万是租棚和设备，300万是虚拟拍摄": the conversation's
    amount split into parts, each under the measure its clause names, each computed."""
    if len(focus) != 1 or len(a.amounts) < 3:
        return False
    earlier = kept.get(focus[0], Facts())
    whole, *parts = sorted(a.amounts, key=lambda x: x.start)
    after = a.text[whole.start + len(whole.text) :]
    if whole.yuan != earlier.amount_yuan or not re.match(
        r"\s*(元)?(里面|里头|里|中|当中|之中)", after
    ):
        return False
    if sum(x.yuan for x in parts) != whole.yuan:
        return False
    by_measure: dict[str, list[Yuan]] = {}
    for x in parts:
        measure = a.parts[x.part].measure
        if measure is None:
            return False
        by_measure.setdefault(measure, []).append(x.yuan)
    if len(by_measure) < 2:
        return False
    calculations = []
    for measure, amounts in by_measure.items():
        base = earlier if measure == focus[0] else kept.get(measure, Facts())
        facts = a.facts.get(measure, Facts()).merged_over(replace(base, amount_yuan=None))
        facts = replace(facts, amount_yuan=sum(amounts), claims_yuan=())
        facts = replace(facts, conditions={**plan.said.get(measure, {}), **facts.conditions})
        calculations.append((measure, with_shared(a, facts)))
    _computed(plan, "moved", calculations)
    return True


def _part_not_covered(
    a: Analysis, lexicon: Lexicon, plan: Plan, focus: list[str], kept: dict[str, Facts]
) -> bool:
    """ "1300万里面有200万其实是剧组住宿，不该算吧？剩下的按多少补": part of the
    conversation's amount named as a cost no measure names comes off it."""
    if len(a.amounts) != 2 or lexicon.uncovered is None:
        return False
    whole, part = sorted(a.amounts, key=lambda x: -x.yuan)
    # (the total as said: the reading may already have taken the part off it)
    said_total = next(iter(find_amounts(whole.text)), None)
    total = said_total.yuan if said_total is not None else whole.yuan
    source = next((m for m in focus if kept.get(m, Facts()).amount_yuan == total), None)
    if source is None or part.yuan >= total:
        return False
    whole = replace(whole, yuan=total)
    after = a.text[part.start + len(part.text) :]
    said = re.split(r"[，,。！？!?；;]", after)[0]
    inside = re.search(rf"{re.escape(whole.text)}[^，,。]{{0,4}}(里面|里头|里|当中|中)", a.text)
    if not inside or not lexicon.uncovered.search(said):
        return False
    earlier = kept[source]
    _computed(
        plan, "not_covered_part", [(source, replace(earlier, amount_yuan=whole.yuan - part.yuan))]
    )
    named = lexicon.uncovered.search(said)
    kind = named.group(0) if named else "政策未列支持事项"
    plan.left_out[source] = [f"{part.said}（{kind}，政策未列支持事项，已从{whole.said}中扣除）"]
    return True


def _label_denied(
    a: Analysis, lexicon: Lexicon, plan: Plan, focus: list[str], kept: dict[str, Facts]
) -> bool:
    """ "A、B两部片…A片700万，B片1100万，都备案了" then "B片其实还没备案，A是备案了的": the
    labelled claim whose own clause now denies a condition is left out; the others are computed
    with what the conversation said of them."""
    if len(focus) != 1 or a.bases or not plan.labels:
        return False
    measure = focus[0]
    earlier = kept.get(measure, Facts())
    if len(earlier.claims_yuan) < 2:
        return False
    claims = list(earlier.claims_yuan)
    dropped = []
    for part in a.parts:
        named = {lx.label(m) for m in lx.LABEL_TURN.finditer(part.text)} & set(plan.labels)
        said = conditions_of(lexicon, measure, part.text)
        denied = [c for c, v in said.items() if v is False]
        for name in named:
            m, yuan = plan.labels[name]
            if m == measure and denied and int(yuan) in claims:
                claims.remove(int(yuan))
                cond = lexicon.measure(measure).condition(denied[0])
                question = cond.question if cond else denied[0]
                stated = question.rstrip("？?").replace("是否为", "为").replace("是否", "")
                dropped.append(f"{name}：{format_wan(int(yuan))}（不满足：{stated}）")
    if not dropped or not claims:
        return False
    facts = replace(
        earlier,
        amount_yuan=claims[0] if len(claims) == 1 else None,
        claims_yuan=() if len(claims) == 1 else tuple(claims),
    )
    plan.left_out.setdefault(measure, []).extend(dropped)
    _computed(plan, "label_denied", [(measure, facts)])
    return True


def _company_added(
    a: Analysis, lexicon: Lexicon, plan: Plan, focus: list[str], kept: dict[str, Facts]
) -> bool:
    """ "后期公司A（重庆）收入600万，社保5人" then "后期公司B（也在重庆）收入5000万，社保50人":
    another company's own amount, beside the first company's: each computed apart."""
    if len(focus) != 1 or len(plan.labels) < 2 or focus[0] not in a.bases:
        return False
    measure = focus[0]
    counted = lexicon.measure(measure)
    if not (counted.annual_base or counted.cap_scope == "per_company_year"):
        return False  # a project's measure: vendors are no applicants
    earlier = kept.get(measure)
    if earlier is None or earlier.amount_yuan is None or earlier.claims_yuan:
        return False
    letters = {company_letter(m) for m in lx.COMPANY_LETTER.finditer(a.text)}
    if len(letters) != 1:
        return False
    letter = letters.pop()
    if (
        a.one_company_asked
        or re.search(rf"{letter}(公司|企业)?(自己)?(还|又)?(能|可以|可)(补|拿|申请|领)", a.text)
        or re.search(rf"(只|就|单独)(问|算)[^，,。？?]{{0,2}}{letter}", a.text)
    ):
        return False  # its own award asked alone ("B能拿多少？")
    before = [
        k
        for k, (m, y) in plan.labels.items()
        if m == measure and str(y) == str(earlier.amount_yuan)
    ]
    if not before or letter in before or len(a.bases[measure]) != 1:
        return False
    mine = with_shared(a, a.facts.get(measure, Facts()))
    plan.per_company[measure] = {before[0]: earlier, letter: mine}
    plan.separate.add(measure)
    _computed(plan, "company_added", [(measure, mine)])
    return True


def _one_company(a: Analysis, plan: Plan, state: dict[str, Any]) -> bool:
    """ "甲乙两家…各能拿多少" then "甲那边先不算了，只算乙" / "那乙呢": one of the companies
    computed apart before, alone, with what this turn adds of it."""
    kept = state.get("per_company") or {}
    if not kept or a.bases:
        return False
    asked = {m["label"] for m in lx.ONLY_LETTER_ASKED.finditer(a.text)}
    aside = {m["letter"] for m in lx.LABEL_SET_ASIDE.finditer(a.text) if m["letter"]}
    alone = re.fullmatch(
        r"(那|那么)?\s*([A-D甲乙丙丁])(公司|企业)?\s*(呢|的呢|能拿多少)[?？]?", a.text.strip()
    )
    if alone:
        asked.add(alone.group(2))
    together = bool(re.search(r"合计|一共|总共|加起来|两家|几家|各(能|自|拿|多少)", a.text))
    for measure, own in kept.items():
        letters = set(own)
        chosen = asked & letters or (
            letters - aside if aside and len(letters - aside) == 1 else set()
        )
        if not chosen and together and (not a.measures or a.measures == [str(measure)]):
            # "两家合计多少": all of them again, each computed apart, with what this turn says of
            # the one it names ("乙其实是四川的公司，在重庆没注册。那两家合计呢")
            facts = {str(k): Facts.from_json(v) for k, v in own.items()}
            named = set(re.findall(r"(?<![A-Za-z])([A-D甲乙丙丁])(?![A-Za-z方])", a.text)) & set(
                facts
            )
            if len(named) == 1:
                letter = named.pop()
                facts[letter] = a.facts.get(str(measure), Facts()).merged_over(facts[letter])
            plan.per_company[str(measure)] = facts
            plan.separate.add(str(measure))
            _computed(plan, "companies", [(str(measure), next(iter(facts.values())))])
            return True
        if len(chosen) != 1:
            continue
        letter = chosen.pop()  # (its letter in the reply's steps is not needed: one company)
        its = a.facts.get(measure, Facts()).merged_over(Facts.from_json(own[letter]))
        _computed(plan, "one_company", [(str(measure), its)])
        plan.separate.discard(str(measure))
        return True
    return False


def _label_now_meets(a: Analysis, lexicon: Lexicon, plan: Plan, kept: dict[str, Facts]) -> bool:
    """ "A剧…700万，已备案；B剧…1100万，还没备案" then "B剧今天备案下来了，那现在两部一共能拿
    多少": the labelled amount left out for a condition it now meets joins the others."""
    if a.bases:
        return False
    named = {lx.label(m) for m in lx.LABEL_TURN.finditer(a.text)} & set(plan.labels)
    done = []
    for name in named:
        measure, yuan = plan.labels[name]
        left = plan.left.get(measure, [])
        said = conditions_of(lexicon, measure, a.text)
        if str(yuan) not in left or not said or False in said.values():
            continue
        earlier = kept.get(measure, Facts())
        claims = earlier.claims_yuan or ((earlier.amount_yuan,) if earlier.amount_yuan else ())
        kept[measure] = replace(
            earlier,
            amount_yuan=None,
            claims_yuan=(*claims, int(yuan)),
            conditions={**earlier.conditions, **said},
        )
        left.remove(str(yuan))
        done.append(measure)
    if not done:
        return False
    _computed(plan, "label_met", [(m, kept[m]) for m in dict.fromkeys(done)])
    return True


def _one_of_several(a: Analysis, plan: Plan, focus: list[str], kept: dict[str, Facts]) -> bool:
    """ "两个项目…900万…550万" then "第二个项目还没备案，先不算它了，只算第一个"; "两个剧本…"
    then "第二个本子是在上海立项的，那就只算第一个吧": of several claims (or scripts' tiers)
    of one measure, the one kept, computed alone with what the conversation said of it."""
    if len(focus) > 1 and not a.bases and not a.measures:
        # "①棚1300万；②剪辑配音350万" then "只算第一个就行": one of the measures
        only = lx.ONLY_NTH.search(a.text)
        ordinal = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
        n = int(ordinal.get(only["n"], only["n"])) - 1 if only else -1
        if 0 <= n < len(focus) and _has_base(kept.get(focus[n], Facts())):
            _computed(plan, "one_of_several", [(focus[n], kept[focus[n]])])
            return True
    if len(focus) != 1 or a.bases:
        return False
    earlier = kept.get(focus[0], Facts())
    items: tuple[Any, ...] = earlier.claims_yuan or earlier.tiers
    if len(items) < 2:
        return False
    only, drop = lx.ONLY_NTH.search(a.text), lx.DROP_NTH.search(a.text)
    if only is None and drop is None:
        return False
    ordinal = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
    if only is not None:
        keep = [int(ordinal.get(only["n"], only["n"])) - 1]
    else:
        assert drop is not None
        gone = int(ordinal.get(drop["n"], drop["n"])) - 1
        keep = [i for i in range(len(items)) if i != gone]
    if any(i >= len(items) for i in keep):
        return False
    chosen = tuple(items[i] for i in keep)
    if earlier.claims_yuan:
        facts = replace(
            earlier,
            amount_yuan=chosen[0] if len(chosen) == 1 else None,
            claims_yuan=() if len(chosen) == 1 else chosen,
        )
    else:
        tier = chosen[0] if len(chosen) == 1 else None
        facts = replace(earlier, tier=tier, tiers=() if tier else chosen)
    # the kept one's conditions hold: what this turn denies was said of the one left out
    now = a.facts.get(focus[0], Facts()).conditions
    stated: dict[str, bool] = {k: v for k, v in {**earlier.conditions, **now}.items() if v}
    facts = replace(facts, conditions=stated)
    _computed(plan, "one_of_several", [(focus[0], facts)])
    return True


def _part_elsewhere(
    a: Analysis, lexicon: Lexicon, plan: Plan, focus: list[str], kept: dict[str, Facts]
) -> bool:
    """ "重庆棚租和器材一共1000万" then "这1000万里有400万其实是在横店付的棚租": part of the
    conversation's amount was spent elsewhere; the rest is computed, the part named as left
    out (the measure is not denied by what is said of that part)."""
    if len(focus) != 1 or not lx.PART_OF_EARLIER.search(a.text):
        return False
    measure = focus[0]
    earlier = kept.get(measure, Facts())
    said = a.bases.get(measure, [])
    if not a.measures and not said:
        # "这450万里有300万是给北京的公司做的，剩下的才是重庆公司做的": no measure named
        said = [x for x in a.amounts if x.role in BASE_ROLES]
    # (the earlier amount named again, "这1000万里", is no part)
    parts = [x for x in said if x.yuan != earlier.amount_yuan]
    rest_said = False
    every = [x for x in a.amounts if x.role in BASE_ROLES and x.yuan != earlier.amount_yuan]
    if (
        len(every) == 2
        and earlier.amount_yuan is not None
        and sum(x.yuan for x in every) == earlier.amount_yuan
    ):
        parts = every
        # "其中150万是付给成都一家道具公司的，重庆本地的只有470万": the rest said beside it
        elsewhere = [x for x in parts if lexicon.names_elsewhere.search(_clause_of(a, x))]
        rest_said = len(elsewhere) == 1
        parts = elsewhere if rest_said else parts
    if earlier.amount_yuan is None or len(parts) != 1 or parts[0].yuan >= earlier.amount_yuan:
        return False
    now = a.facts.get(measure, Facts()).conditions
    # (the part's own clause naming another place, though the rest is said to be here)
    away = bool(lexicon.names_elsewhere.search(_clause_of(a, parts[0])))
    rest_here = away and (rest_said or any(lx.REMAINDER.match(p.text) for p in a.parts))
    places = [c for c in _place_conditions(lexicon, measure) if rest_here or now.get(c) is False]
    if not places:
        return False
    part = parts[0]
    conditions = {k: v for k, v in earlier.conditions.items() if k not in places or v}
    facts = replace(
        earlier, amount_yuan=earlier.amount_yuan - part.yuan, claims_yuan=(), conditions=conditions
    )
    _computed(plan, "part_elsewhere", [(measure, facts)])
    plan.left_out[measure] = [f"{part.said}（不在本市，已从中扣除）"]
    return True


def _place_conditions(lexicon: Lexicon, measure: str) -> list[str]:
    """The measure's conditions on where its money went or its company is."""
    return [r.condition for r in lexicon.rules if r.measure == measure and r.about_place]


def _item_words(text: str) -> set[str]:
    """The Chinese word pairs of a text, without those of amounts ("220万")."""
    return {
        b
        for b in sent.bigrams(text)
        if re.fullmatch(r"[\u4e00-\u9fff]{2}", b) and not re.search(r"[万亿元]", b)
    }


def _items_total(items: list[list[str]]) -> Yuan:
    """The sum of the items kept for a measure (see `Plan.items`)."""
    return sum(parse_amount(y) for _, y in items)


def _item_corrected(a: Analysis, plan: Plan, focus: list[str], kept: dict[str, Facts]) -> bool:
    """ "剪辑配音150万" then "电脑特效…另外花了120万" then "哦特效那笔是220万，我看错了": one
    of the items the conversation added up is corrected; the sum is computed again with it."""
    if len(focus) != 1 or not lx.CORRECTION.search(a.text):
        return False
    measure = focus[0]
    items = plan.items.get(measure, [])
    earlier = kept.get(measure, Facts())
    if len(items) < 2 or earlier.amount_yuan != _items_total(items):
        return False
    said = [x for x in [*a.bases.get(measure, []), *a.unassigned] if x.role in BASE_ROLES]
    if len(said) != 1 or set(a.measures) - {measure}:
        return False
    words = _item_words(a.text)
    overlap = [len(words & _item_words(w)) for w, _ in items]
    best = max(overlap)
    if best == 0 or overlap.count(best) > 1:
        return False  # which item is meant is not clear: read as usual
    index = overlap.index(best)
    items = [list(item) for item in items]
    items[index][1] = str(said[0].yuan)
    total = _items_total(items)
    conditions = {**earlier.conditions, **a.facts.get(measure, Facts()).conditions}
    _computed(
        plan,
        "item_corrected",
        [(measure, replace(earlier, amount_yuan=total, conditions=conditions))],
    )
    plan.items[measure] = items
    return True


def items_after(a: Analysis, plan: Plan) -> dict[str, list[list[str]]]:
    """The items each computed measure's amount is the sum of, after this turn (see
    `Plan.items`): the earlier ones and this turn's, when they add up to it."""
    out: dict[str, list[list[str]]] = {}
    for measure, facts in plan.calculations:
        if facts.amount_yuan is None or facts.claims_yuan:
            continue
        said = [x for x in a.bases.get(measure, []) if x.role in BASE_ROLES]
        if not said and len(plan.calculations) == 1:
            said = [x for x in a.unassigned if x.role in BASE_ROLES]
        new = [[a.text[:80], str(x.yuan)] for x in said]
        old = plan.items.get(measure, [])
        total = facts.amount_yuan
        if old and _items_total([*old, *new]) == total:
            out[measure] = [*old, *new]
        elif new and _items_total(new) == total:
            out[measure] = new
        elif old and _items_total(old) == total:
            out[measure] = old
    return out


def _added_elsewhere(
    a: Analysis, lexicon: Lexicon, plan: Plan, focus: list[str], kept: dict[str, Facts]
) -> bool:
    """ "委托重庆企业做虚拟拍摄，花了300万" then "另外剪辑配音是找的杭州的公司，花了200万":
    money added under the conversation's measure but spent elsewhere is left out; what was
    counted is computed again (the measure is not denied by it)."""
    if len(focus) != 1 or not lx.NEW_ITEM.search(a.text) or lx.CORRECTION.search(a.text):
        return False
    if lx.ANOTHER_COMPANY.search(a.text):
        return False  # "另一家协拍公司呢？它是成都注册的…800万": that company's own, asked
    measure = focus[0]
    earlier = kept.get(measure, Facts())
    if not _has_base(earlier) or set(a.measures) - {measure}:
        return False
    said = [x for x in a.amounts if x.role in BASE_ROLES]
    if len(said) != 1:
        return False
    now = a.facts.get(measure, Facts()).conditions
    places = [c for c in _place_conditions(lexicon, measure) if now.get(c) is False]
    if not places or not lexicon.names_elsewhere.search(_clause_of(a, said[0]) + a.text):
        return False
    facts = replace(
        earlier,
        conditions={**earlier.conditions, **{k: v for k, v in now.items() if k not in places}},
    )
    _computed(plan, "added_elsewhere", [(measure, facts)])
    plan.left_out[measure] = [f"{said[0].said}（不在本市，不计入）"]
    plan.left.setdefault(measure, []).append(str(said[0].yuan))
    return True


def _sum_with_left_out(a: Analysis, plan: Plan, focus: list[str], kept: dict[str, Facts]) -> bool:
    """ "重庆棚400万，另外横店棚600万" then "合起来1000万，够门槛了吧": a total said of what the
    conversation counted and what it left out is no new amount; the counted part is computed
    again, the rest named as left out."""
    if len(focus) != 1 or lx.CORRECTION.search(a.text):
        return False
    measure = focus[0]
    earlier = kept.get(measure, Facts())
    left = [parse_amount(y) for y in plan.left.get(measure, [])]
    said = [x for x in a.amounts if x.role in (*BASE_ROLES, "whole")]
    if earlier.amount_yuan is None or not left or len(said) != 1 or set(a.measures) - {measure}:
        return False
    total = said[0]
    if total.yuan != earlier.amount_yuan + sum(left):
        return False
    if not lx.WHOLE.search(a.text[max(0, total.start - 8) : total.start]):
        return False
    facts = replace(
        earlier, conditions={**earlier.conditions, **a.facts.get(measure, Facts()).conditions}
    )
    _computed(plan, "left_out_again", [(measure, facts)])
    plan.left_out[measure] = [f"{total.said}中的{format_wan(sum(left))}（前面已说明不计入）"]
    return True


def _rest_paid(a: Analysis, plan: Plan, focus: list[str], kept: dict[str, Facts]) -> bool:
    """ "首付款190万已付…尾款190万等交片后再付" then "尾款上周付了，全部结清": what was still to
    pay is added to what was paid, in the conversation's facts the turn is read against. (With
    its amount, "尾款300万昨天付了" adds as any amount does.) Did it add any?"""
    added = False
    for measure in focus:
        if measure not in plan.pending:
            continue
        rest = parse_amount(plan.pending[measure])
        said = a.bases.get(measure) or (a.unassigned if not a.measures else [])
        if any(x.yuan == rest for x in said):
            del plan.pending[measure]  # paid, with its amount said ("尾款300万也付了")
            continue
        earlier = kept.get(measure, Facts())
        if a.bases or not lx.PAID_REST.search(a.text) or earlier.claims_yuan:
            continue
        # (a quote alone, now paid: "报价580万，还没签合同" then "已经全部付清了")
        paid = (earlier.amount_yuan or 0) + rest
        kept[measure] = replace(earlier, amount_yuan=paid, claims_yuan=())
        plan.facts[measure] = kept[measure]
        del plan.pending[measure]
        added = True
    return added


def _discounted(a: Analysis, plan: Plan, focus: list[str], kept: dict[str, Facts]) -> bool:
    """ "重庆特效公司报价260万" then "最后谈下来打了八五折": the conversation's one amount, at
    the price agreed, computed again."""
    rate = lx.discount_rate(a.text)
    if rate is None or a.amounts or len(focus) != 1:
        return False
    measure = focus[0]
    earlier = kept.get(measure, Facts())
    # the price computed, or the one quoted and waiting ("报价260万" was left out as unpaid)
    price = earlier.amount_yuan
    if price is None and measure in plan.pending:
        price = parse_amount(plan.pending.pop(measure))
    if price is None or earlier.claims_yuan:
        return False
    paid = (Decimal(price) * rate).quantize(Decimal(1), ROUND_HALF_UP)
    _computed(plan, "discount", [(measure, replace(earlier, amount_yuan=int(paid)))])
    return True


def _future_beside_kept(a: Analysis, plan: Plan, kept: dict[str, Facts]) -> bool:
    """ "第一期已经花了540万" then "第二期还没开拍，预计还要300万": money still to be spent
    is no new amount of the measure; what was spent stays its base (the rest is pending)."""
    for measure, amounts in list(a.bases.items()):
        earlier = kept.get(measure)
        if earlier is None or not _has_base(earlier) or len(amounts) != 1:
            continue
        x = amounts[0]
        start = max(a.text.rfind(c, 0, x.start) for c in "。？?！!；;\n")
        sentence = a.text[start + 1 : x.start + len(x.text)]
        if not (
            lx.NOT_INCURRED.search(sentence) or re.search(r"预计(还要|再)|还要再|还得再", sentence)
        ):
            continue
        plan.pending[measure] = str(x.yuan)
        plan.left_out.setdefault(measure, []).append(f"{x.said}（尚未发生，未计入）")
        _computed(plan, "future", [(measure, earlier)])
        return True
    return False


def _kept_amount_pointed_back(a: Analysis, kept: dict[str, Facts]) -> None:
    """ "实际投入了9000万" then "哦这9000万里面土地款有1500万": the conversation's amount
    pointed back at is no new amount of its measure; what the turn says of it (its land, its
    supporting commerce) is kept."""
    for measure, amounts in list(a.bases.items()):
        earlier = kept.get(measure)
        if earlier is None or len(amounts) != 1:
            continue
        x = amounts[0]
        if x.yuan not in (earlier.amount_yuan, *earlier.claims_yuan):
            continue
        after = a.text[x.start + len(x.text) :]
        # ("4500万里面含土地费800万": the amount named as what holds the parts said)
        if not re.search(
            r"(这|那)(一)?(笔|个)?\s*$", a.text[max(0, x.start - 3) : x.start]
        ) and not (re.match(r"\s*(元)?(里面|里头|里|当中|之中|中)(含|包括|包含|有)", after)):
            continue
        del a.bases[measure]
        a.facts[measure] = replace(a.facts[measure], amount_yuan=None, claims_yuan=())


def _label_amount_moved(a: Analysis, labels: dict[str, list[Any]], kept: dict[str, Facts]) -> None:
    """ "重庆协拍公司甲，服务费600万；重庆后期公司乙，收入700万" then "甲其实是1200万，乙社保4人":
    an amount said in the clause of one earlier label belongs to that label's measure, though
    another clause of the turn names another measure (the one the amount would go to)."""
    if len(labels) < 2:
        return
    for index, part in enumerate(a.parts):
        named = {lx.label(m) for m in lx.LABEL_TURN.finditer(part.text)} & set(labels)
        here = [x for x in a.amounts if x.part == index and x.role in BASE_ROLES]
        if len(named) != 1 or len(here) != 1:
            continue
        amount, measure = here[0], labels[next(iter(named))][0]
        now = next((m for m, xs in a.bases.items() if amount in xs), None)
        if now is None or now == measure or len(a.bases[now]) != 1:
            continue
        if measure not in kept or kept[measure].claims_yuan:
            continue  # several claims of one measure: replaced by their labels elsewhere
        del a.bases[now]
        a.facts[now] = replace(a.facts[now], amount_yuan=None, claims_yuan=())
        a.bases[measure] = [amount]
        a.facts[measure] = replace(
            a.facts.get(measure, Facts()), amount_yuan=amount.yuan, claims_yuan=()
        )
        if measure not in a.measures:
            a.measures.append(measure)


def _label_added_to(
    a: Analysis, labels: dict[str, list[str]], kept: dict[str, Facts]
) -> str | None:
    """ "《山城》800万，《雾都》450万", "《山城》能拿多少", then "《雾都》又花了100万，现在呢":
    the amount added goes to the labelled one named, not to the one computed last. Returns
    the label, its kept amount now the labelled one's."""
    if len(labels) < 2 or not lx.ADD_UP.search(a.text) or lx.CORRECTION.search(a.text):
        return None
    named = {lx.label(m) for m in lx.LABEL_TURN.finditer(a.text)} & set(labels)
    if len(named) != 1:
        return None
    label = named.pop()
    measure, yuan = labels[label]
    earlier = kept.get(measure)
    if earlier is None or not _has_base(earlier) or len(earlier.claims_yuan) > 1:
        # (every label's amount kept as a claim: the one named grows among them, below)
        return None
    kept[measure] = replace(earlier, amount_yuan=parse_amount(str(yuan)), claims_yuan=())
    return label


def _computed(plan: Plan, why: str, calculations: list[tuple[str, Facts]]) -> None:
    """The plan computes these, which become the conversation's measures and facts."""
    plan.route, plan.why = "calculator", why
    plan.calculations = calculations
    plan.focus = [m for m, _ in calculations]
    plan.facts.update(dict(calculations))


def _relabelled_claims(
    a: Analysis, state: dict[str, Any], kept: dict[str, Facts], facts: dict[str, Facts]
) -> None:
    """ "A片800万，B片600万" then "B片刚核对了，实际只有450万": the labelled claim said again
    with a new amount replaces its old one; the other claims stay."""
    before = {str(k): list(v) for k, v in (state.get("labels") or {}).items()}
    for label, (measure, yuan) in a.labelled.items():
        if label not in before or before[label][0] != measure or measure not in kept:
            continue
        old = parse_amount(str(before[label][1]))
        claims = list(kept[measure].claims_yuan)
        if old == yuan or old not in claims or len(claims) < 2:
            continue
        # "B片后来补拍，又开了一张150万的棚费发票": an amount added to the labelled one
        added = bool(lx.ADD_UP.search(a.text)) and not lx.CORRECTION.search(a.text)
        claims[claims.index(old)] = old + yuan if added else yuan
        mine = facts.get(measure, Facts())
        conditions = {**kept[measure].conditions, **mine.conditions}
        facts[measure] = replace(
            kept[measure], amount_yuan=None, claims_yuan=tuple(claims), conditions=conditions
        )


def _said(a: Analysis, measure: str) -> dict[str, bool]:
    return a.facts[measure].conditions if measure in a.facts else {}


def _follow_up(
    a: Analysis, focus: list[str], kept: dict[str, Facts], facts: dict[str, Facts]
) -> bool:
    """A turn that continues the conversation's calculation: a new amount (or one to add:
    "又花了200万，加起来呢"), a fact that was asked for, an award already received, or the same
    amount moved to another measure ("要是这笔钱花在剪辑配音上呢")."""
    if not focus:
        return False
    only = kept.get(focus[0], Facts()) if len(focus) == 1 else None
    # (not a measure named only by what is left of the total: "剩下都是棚体和设备")
    new_measures = [
        m
        for m in a.measures
        if m not in focus
        and not all(
            lx.REMAINDER.match(p.text) and not any(x.part == i for x in a.amounts)
            for i, p in enumerate(a.parts)
            if p.measure == m
        )
    ]
    moves_money = a.follow_up and bool(lx.SAME_MONEY.search(a.text))
    # (the money named again is no new amount: "要是这1200万花在后期上呢")
    same = not a.amounts or (
        only is not None
        and bool(lx.MONEY_MOVED.search(a.text))
        and all(x.yuan == only.amount_yuan for x in a.amounts)
    )
    if new_measures and moves_money and same and only and _has_base(only):
        for measure in new_measures:
            carried = Facts(amount_yuan=only.amount_yuan, claims_yuan=only.claims_yuan)
            facts[measure] = a.facts.get(measure, Facts()).merged_over(carried)
        return True
    if any(m in a.bases or a.facts.get(m, Facts()).to_inputs() for m in new_measures) or (
        new_measures and not a.bases and not a.unassigned
    ):
        return False  # (not a measure only named beside the conversation's own amount: "漏了
        # 一笔20万的调色收入，加上呢" in a conversation about the revenue)
    corrected = bool(lx.CORRECTION.search(a.text))
    # "那明年如果又有一单800万呢": another year starts another sum
    adds_up = bool(lx.ADD_UP.search(a.text) or lx.SEVERAL.search(a.text)) and not (
        lx.NEXT_YEAR.search(a.text)
    )
    touched = False
    moved, here = _moved(a)
    award_only = bool(a.amounts) and all(x.role in ("other", "prior_award") for x in a.amounts)
    for measure in focus:
        mine = a.facts.get(measure, Facts())
        for condition in moved.get(measure, ()):
            # "如果那家公司其实是成都的呢" / "还是重庆那家做的": where the spend sits
            mine = replace(mine, conditions={**mine.conditions, condition: here})
        earlier = kept.get(measure, Facts())
        if only is not None:
            fixed = _corrected_claim(a, earlier) if corrected else None
            said = [x.yuan for x in a.bases.get(measure, []) or a.unassigned]
            if earlier.amount_yuan in said and len(set(said)) == 2:
                # "3000万是两年的合计，今年单独是1,700万": the earlier amount named, and the one
                # that replaces it
                corrected = True
                new = next(y for y in said if y != earlier.amount_yuan)
                mine = replace(mine, amount_yuan=new, claims_yuan=())
            elif fixed is not None:
                mine = replace(mine, amount_yuan=None, claims_yuan=fixed)
            elif a.unassigned:
                mine = replace(mine, amount_yuan=a.unassigned[0].yuan, claims_yuan=())
            for amount in a.loose:
                mine = with_fact_amount(mine, amount)
        minus = [x for x in a.amounts if x.role == "minus"]
        # (of the measure its clause names, when it names one: "棚方后来退了我们100万")
        named = {a.parts[x.part].measure for x in minus} - {None}
        taken_out = [x.yuan for x in minus] if not named or measure in named else []
        if taken_out and not a.bases.get(measure) and earlier.amount_yuan:
            # "道具那100万去掉": the earlier amount less it
            left = max(earlier.amount_yuan - sum(taken_out), 0)
            mine = replace(mine, amount_yuan=left, claims_yuan=())
        added = mine.amount_yuan
        said = [x.yuan for x in a.bases.get(measure, [])]
        # "又租了设备200万，一共600万": a total after the part it adds, the earlier included
        wholes = [x.yuan for x in a.amounts if x.role == "whole"] if said else []
        total = next(
            (
                y
                for y in [*said, *wholes]
                if len(said) + len(wholes) > 1
                and earlier.amount_yuan is not None
                and y == earlier.amount_yuan + sum(said) + sum(wholes) - y
            ),
            None,
        )
        if total is None and len(said) == 1 and earlier.amount_yuan is not None:
            base = a.bases[measure][0]
            head = a.text[max(0, base.start - 8) : base.start]
            if said[0] > earlier.amount_yuan and lx.NEW_TOTAL_BEFORE.search(head):
                total = said[0]  # "虚拟拍摄也是他们做的，加起来一共260万": the sum, said
        # "前三季度分别是210万、245万、198万" then "四季度数出来了：276万": the year's next part
        period = bool(earlier.claims_yuan) and bool(lx.PART_OF_YEAR.search(a.text))
        if total is not None:
            # "漏了一笔服装道具150万，加上是570万": the new total said with what it adds
            mine = replace(mine, amount_yuan=total, claims_yuan=())
        elif (adds_up or period) and not corrected and added is not None and _has_base(earlier):
            if lx.ANOTHER_COMPANY.search(a.text) or (
                lx.OTHER_ONE_ALONE.match(a.text)
                and not lx.TOTAL_ASK.search(a.text)
                and not lx.ADD_UP.search(a.text)
                and not re.search(r"一共|合计|总共|加起来|合起来|都算|两(部|个)", a.text)
            ):
                mine = replace(mine, amount_yuan=added, claims_yuan=())  # its own, alone
            elif (lx.SEVERAL.search(a.text) or earlier.claims_yuan) and not (
                lx.SAME_PROJECT.search(a.text) and not earlier.claims_yuan
            ):
                # "第二部是1100万", "B项目也是…1000万": another project, another claim
                claims = earlier.claims_yuan or (earlier.amount_yuan or 0,)
                mine = replace(mine, amount_yuan=None, claims_yuan=(*claims, added))
            else:
                mine = replace(mine, amount_yuan=(earlier.amount_yuan or 0) + added)
        if not corrected:
            mine = _with_another_work(a, mine, earlier)
        if lx.MORE_STAFF.search(a.text) and a.shared.staff and earlier.staff is not None:
            mine = replace(mine, staff=earlier.staff + a.shared.staff)  # "再招1个人呢"
        mine = with_shared(a, mine)
        said_now = [x.yuan for x in sorted(a.bases.get(measure, []), key=lambda x: x.start)]
        if (
            len(earlier.claims_yuan) > 1
            and len(said_now) == 2
            and said_now[0] in earlier.claims_yuan
            and mine.amount_yuan == sum(said_now)
            and re.search(r"追加|又加|加上|新增|另加|补了|又花", a.text)
        ):
            # "一个300万，一个180万" then "180万那个项目后来又追加了…60万": that project's claim
            grown = list(earlier.claims_yuan)
            grown[grown.index(said_now[0])] = sum(said_now)
            mine = replace(mine, amount_yuan=None, claims_yuan=tuple(grown))
        # "前年拿过400万奖励，会影响今年吗": recompute, changed or not
        # "公司也是杭州的，这样也可以吗": the company's place, recomputed to answer it
        restated = award_only or a.places_not_of_spend
        if _adds_to(mine) or (a.follow_up and a.unassigned) or restated:
            facts[measure] = mine.merged_over(earlier)
            touched = True
        if any(
            k in earlier.conditions or k in mine.conditions
            for k in a.recipient_asked.get(measure, ())
        ):
            merged = facts.get(measure, mine).merged_over(earlier)
            facts[measure] = _for_the_recipient(a, measure, merged)
            touched = True
        if measure in a.tier_unknown and (earlier.tier or earlier.tiers):
            # "我搞混了，不确定是重大工程还是重点影片生产规划", "另一个剧本…具体哪个还不知道":
            # the tier said before is not this one's
            facts[measure] = replace(
                facts.get(measure, mine).merged_over(earlier), tier=None, tiers=()
            )
            touched = True
        said_now = [x.yuan for x in [*a.bases.get(measure, []), *a.unassigned]]
        if a.base_not_known and all(y == earlier.amount_yuan for y in said_now):
            # ("收入那个数我说不准…先别按500万算": the figure named is the one taken back)
            # "那今年的呢？…技术服务收入还没统计出来": the figure said before is not this one's;
            # its amount is asked for, never the earlier one computed again
            facts[measure] = replace(
                facts.get(measure, mine).merged_over(earlier), amount_yuan=None, claims_yuan=()
            )
            touched = True
    if touched:
        # "特效刚结完，一共320万" after "棚租650万…特效费用还没结算。能补多少？": the other
        # measures of the conversation's question are answered again beside it (not where
        # the turn asks of one: "…一半在深圳（200万），那特效这块能补多少？")
        asks_one = any(p.measure and asks(p.text) for p in a.parts)
        moved_here = moves_money and same and bool(new_measures)  # "要是这1200万花在后期上呢"
        for measure in focus if not (asks_one or moved_here) else ():
            if measure not in facts and _has_base(kept.get(measure, Facts())):
                facts[measure] = replace(
                    kept[measure],
                    conditions={
                        **kept[measure].conditions,
                        **a.facts.get(measure, Facts()).conditions,
                    },
                )
        a.unassigned = []
        a.measures = [m for m in focus if m in facts]
    return touched


def _corrected_claim(a: Analysis, earlier: Facts) -> tuple[Yuan, ...] | None:
    """One of several claims corrected: "第二部是580万不是480万", "第一个记错了，是508万"."""
    claims = list(earlier.claims_yuan)
    if len(claims) < 2:
        return None
    old = [x for x in a.amounts if re.search(r"不是\s*$", a.text[max(0, x.start - 3) : x.start])]
    new = [x for x in a.amounts if x not in old and x.role in BASE_ROLES]
    if len(new) != 1:
        return None
    if old and old[0].yuan in claims:
        claims[claims.index(old[0].yuan)] = new[0].yuan
        return tuple(claims)
    ordinal = lx.ORDINAL.search(a.text)
    if ordinal is None:
        return None
    index = int(cn2an.cn2an(ordinal.group(1), "smart")) - 1
    if not 0 <= index < len(claims):
        return None
    claims[index] = new[0].yuan
    return tuple(claims)


def _moved(a: Analysis) -> tuple[dict[str, list[str]], bool]:
    """Spend conditions a follow-up with no measure of its own restates by naming only
    another place ("其实是成都的公司": denied) or only the policy's own ("还是重庆那家做的")."""
    if a.measures or a.amounts or not (a.other_place_named or a.own_place_named):
        return {}, False
    if lx.ISSUED_BY.search(a.text):
        return {}, False  # "这个政策是重庆市科技局发的吧": who issued it
    if lx.CLIENTS_PLACE.search(a.text):
        return {}, False  # "客户很多是重庆的剧组": the clients' place, not the company's
    if a.places_not_of_spend:
        # "项目是在浙江备的案，公司也是杭州的": the company's place, never the spend's
        return dict(a.place_conditions), a.own_place_named
    # "嗯在重庆" of a company's own measure: where the company is
    places = {m: a.spend_conditions.get(m) or c for m, c in a.place_conditions.items()}
    return {**places, **a.spend_conditions}, a.own_place_named


def _states(lexicon: Lexicon, measure: str, facts: Facts) -> bool:
    """Does the message state a fact this measure uses (a condition, its tier, one of its
    fields)? "已纳入市级重大项目名单" is a fact of the building measure, not of the base's."""
    m = lexicon.measure(measure)
    own = {spec.attr for spec in FIELDS if spec.name in m.fields}
    stated = set(facts.to_inputs())
    return bool(facts.conditions or facts.tier or stated & own)


def _needs_amount(lexicon: Lexicon, measure: str) -> bool:
    return lexicon.measure(measure).needs_amount


def _has_base(facts: Facts) -> bool:
    return facts.amount_yuan is not None or bool(facts.claims_yuan)


def _shared_facts(a: Analysis, facts: dict[str, Facts]) -> None:
    for measure in list(facts):
        facts[measure] = with_shared(a, facts[measure])


def _asked_in_own_part(a: Analysis, measure: str) -> bool:
    """Its own clause asks about it, or says its amount is not known yet ("另外还委托重庆
    公司做了剪辑配音，那块费用还没出数")."""
    for index, part in enumerate(a.parts):
        if part.measure != measure:
            continue
        if a.uncovered and any(u in part.text for u in a.uncovered):
            continue  # "园区物业费、水电费能不能减免": a cost no measure names, asked
        after = a.parts[index + 1] if index + 1 < len(a.parts) else None
        following = after.text if after else ""
        if lx.HOW_MUCH.search(part.text) or lx.AMOUNT_PENDING.search(part.text + following):
            return True
        alone = after is not None and not any(x.part == index + 1 for x in a.amounts)
        if (
            alone
            and after is not None
            and not after.measure
            and lx.AWARD_WORD.search(part.text)
            and lx.HOW_MUCH.match(following.strip())
        ):
            return True  # "园区也想申请那个基地配套支持，能拿多少？": its question follows
    return False


def _adds_to(facts: Facts) -> bool:
    return bool(facts.to_inputs())


def _asks_amount(a: Analysis) -> bool:
    """Asks how much subsidy ("能补多少"), not a yes/no question ("能不能帮我们提交") nor the
    price of something else ("灯光师一天多少钱")."""
    if lx.ALREADY_COMPUTED.search(a.text):
        return False  # "能补多少我已经算过了，就想问多久到账"
    if lx.RESULT_ASKED.search(a.text):
        return True  # "按20%算是不是1100万？": the award, offered to be checked
    if re.search(
        # (in the glossary's words too: "What would the 补助 on that part be")
        r"(?i)\bhow much\b|"
        r"\b(what|maximum|max)\b[^.?!]{0,24}(?:subsidy|award|reward|补助|补贴|奖励)|"
        r"\btotal\b[^.?!]{0,30}(?:subsidy|award|reward|补助|补贴|奖励)[^.?!]{0,20}[?？]",
        a.text,
    ):
        return True  # asked in English
    if a.bases and lx.NUMBERED_NOTE.search(a.text):
        return True  # "1. …用棚费用1300万元；2. 请一并告知申报材料": the spend's award is the case
    if a.bases and lx.ALSO_ASKED.search(a.text):
        return True  # "记录：…收入250万…。来电人还问：…": the spend's award, and a question beside
    # "诉求：补助金额；应向哪个部门申报", "咨询：1.可获补助金额": the award, listed as asked
    for listed in lx.ASKED_LIST.finditer(a.text):
        item = lx.LIST_ITEM.sub("", a.text[listed.end() :], count=1)
        if a.bases and lx.AWARD_NAMED.match(item):
            return True
    # "三项各多少": how much each of the amounts said gives, with no word of the award
    each = bool(a.bases) and bool(
        re.search(
            r"(各|分别|一共|总共|合计)(是|能有|有)?多少|问[^，,。；;？?]{0,5}(金额|数额)|"
            r"(分别|各自|请|麻烦)(测算|算一下|算下|核算)",  # "请分别测算C、D"
            a.text,
        )
    )
    if not (lx.ASKS_AMOUNT.search(a.text) and (lx.SUBSIDY.search(a.text) or each)):
        return False
    if a.asks_what:
        return False
    # the clause asking how much is about the award, and not about a matter the text leaves
    # open ("这笔补助是分几期拨付的？每期拨多少？"), nor about someone's investment
    # ("投资最大的是哪一个，投了多少钱？我们也想投5000万建个棚")
    asking = [c for c in re.split(r"[，,。；;？?！!\n]", a.text) if lx.ASKS_AMOUNT.search(c)]
    if not asking:
        return True  # "分别补吗" is read as a whole
    return not all(lx.OTHER_AMOUNT_ASKED.search(c) for c in asking)


def _premises(a: Analysis, plan: Plan, measures: list[str], lexicon: Lexicon) -> None:
    """A figure the user claims ("上限是一亿元吧", "剧本奖是80万吧") is answered from the
    source sentence, never used as a base. A figure the clause itself states ("租棚补20%、
    单个项目最多1000万这个我知道了") is no false premise."""
    for measure, value, text in a.claimed:
        target = measure or (measures[0] if len(measures) == 1 else None)
        if target is not None and value not in lexicon.figures[target]:
            plan.premises.append((target, text))


def _false_claims(a: Analysis, lexicon: Lexicon) -> list[str]:
    """The figures claimed that no clause states ("封顶2000万是吧"); "500万的门槛" is the
    clause's own figure, no claim to correct."""
    return [text for _, value, text in a.claimed if value not in lexicon.any_figure]


def _award_asked_beside_topics(a: Analysis, lexicon: Lexicon) -> bool:
    """ "现在能先申请市里的配套支持吗？区里有没有自己的补贴？": whether the measure applies is
    asked in a clause of its own, beside the open topic."""
    return any(
        p.measure
        and asks(p.text)
        and lx.AWARD_ASKED.search(p.text)
        and not any(pattern.search(p.text) for _, pattern in lexicon.topics)
        for p in a.parts
    )


def _asks_rules_of(text: str) -> bool:
    """ "上限是多少", "门槛呢": the measure's terms, which the reply states."""
    return bool(
        lx.CAP_WORDS.search(text)
        or lx.THRESHOLD_WORDS.search(text)
        or lx.RATE_WORDS.search(text)
        or lx.TERMS_ASKED.search(text)
    )


def _sub_questions(a: Analysis, lexicon: Lexicon) -> list[str]:
    """Questions of a compound message that are neither the calculation nor a named topic:
    "我们不是重庆注册的公司，有影响吗？" is looked up on its own."""
    out: list[str] = []
    parts = a.parts
    for i, part in enumerate(parts):
        if lx.ORIGIN_CLAIM.search(part.text) and not any(x.part == i for x in a.amounts):
            # "7月8日在永川发布的那个政策，…能拿多少": who issued it and when, from the kb
            out.append(part.text)
            continue
        if re.search(
            f"(?:{lexicon.elsewhere})(?:{lx.THAT_PLACE_POLICY}|{lx.OTHER_POLICY})", part.text
        ):
            out.append(part.text)  # "顺便问下成都那边有没有类似的协拍补贴": named as another's
            continue
        if part.text not in a.questions or lx.GREETING.match(part.text):
            continue  # (not "在吗？" before the question)
        if part.measure and (lx.AWARD_ASKED.search(part.text) or _asks_rules_of(part.text)):
            continue  # the calculation's own question; not "怎么才能进市级重大项目名单"
        if lx.AWARD_AMOUNT_ASKED.search(part.text) and not re.search(lexicon.elsewhere, part.text):
            continue  # the award asked, naming no measure: "问这笔今年还能补多少"
        if any(x.part == i for x in a.amounts) or find_percents(part.text):
            continue  # its amount or rate is read above (a claim is corrected, never echoed)
        if lx.FOLLOW_UP.search(part.text) or lx.VERDICT_ASKED.search(part.text):
            continue  # "要是在成都租的呢", "是不是没戏了": the calculation above answers it
        if a.years_apart and lx.YEARS_TOGETHER.search(part.text):
            continue  # "两个年度奖励合计多少": the years computed apart and added answer it
        if lx.UNKNOWN_TO_ME.search(part.text) or lx.DOUBT_SAID.search(part.text):
            continue  # "但我不记得是哪一个": what is still to confirm is asked in the reply
        if lx.CONFIRM_TAG.search(part.text) and any(
            p.measure for p in parts[max(0, i - 2) : i + 1]
        ):
            continue  # "…20%补助，是发给投资方的，对吗": the measure's terms above answer it
        if any(pattern.search(part.text) for _, pattern in lexicon.topics):
            continue
        if lexicon.uncovered is not None and lexicon.uncovered.search(part.text):
            continue
        question = part.text
        if len(re.sub(r"[^\u4e00-\u9fff]", "", question)) <= 6 and i > 0:
            if any(x.part == i - 1 for x in a.amounts) or parts[i - 1].measure:
                continue  # "…封顶300万，对吗？": asks about the clause read above
            if a.places_not_of_spend and re.search(
                f"{lexicon.here}|{lexicon.elsewhere}", parts[i - 1].text
            ):
                continue  # "公司也是杭州的，这样也可以吗": the conclusion above answers it
            question = f"{parts[i - 1].text}，{question}"
        out.append(re.sub(r"^(另外|此外|还有|同时|以及|然后|其次)", "", question))
    return out[:2]
