"""Answer texts built only from the calculator's result, the policy data and quoted sources."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bot import quote
from bot.reply import Citation
from policy import Calculation, Measure, Policies, format_wan
from policy.money import Yuan

if TYPE_CHECKING:
    from ingest.index import Chunk
    from ingest.reader.retrieval import Hit

NOT_FOUND = "知识库中没有找到相关规定。"
SILENT = "政策原文未作规定，请以主管部门解释为准"
APPROX = "金额为约数：按所给约数测算，实际以准确金额为准"
# A cost only quoted or not yet paid: the clause pays against valid vouchers of costs incurred.
NOT_PAID = (
    "所给费用尚未支付或仅为报价；补助按实际发生、凭合法有效凭证的费用测算，请在支付后提供实际金额"
)


def range_note(low: Yuan) -> str:
    return f"金额为范围：按所给范围的下限{format_wan(low)}测算，范围内结果相同；实际以准确金额为准"


def separate(measure: Measure) -> str:
    """Several companies' amounts under a measure counted per company: asked one by one."""
    staff = "和缴纳社保人数" if measure.min_staff else ""
    return (
        f"几家企业的{measure.base_label}不能合在一起算（门槛和上限按每家企业分别计算）："
        f"请按每家企业分别提供{measure.base_label}{staff}，我逐家测算。"
    )


UNSTEADY = (
    "所给金额不是确数，在其范围内结果不同（跨过门槛或上限，或金额随之变化）；请提供准确金额。"
)
INJECTION_NOTE = "（您消息中关于改变规则或上限的说法不会被采纳，以下严格依据政策原文。）"
FABRICATION = "抱歉，不能协助虚开、拆分或抬高发票、合同和费用：补助须经审核后凭合法有效凭证兑现。"
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_MARKUP = re.compile(r"\*\*|^#+\s*|^>\s?", re.M)


def scope(policies: Policies) -> str:
    titles = "、".join(f"《{d.title}》" for d in policies.documents)
    return f"我可以解答{titles}的条款内容、按条款测算补助金额，以及知识库收录的相关报道。"


def clause_citation(measure: Measure, title: str) -> Citation:
    return Citation(source=measure.document, title=title, clause=measure.id, text=measure.source)


def hit_citation(hit: Hit, text: str | None = None) -> Citation:
    chunk = hit.chunk
    return Citation(
        source=chunk.doc_id,
        title=chunk.title,
        clause=chunk.measure,
        text=text or _clean(chunk.text),
    )


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _head(measure: Measure) -> str:
    return f"“{measure.title}”（第{measure.number}项）"


Kind = Literal["head", "ask", "key", "detail", "remark", "other", "source", "clause", "caveat"]
# Who reads which lines. The answer text (CLI, WeChat) has all but the script's own lines.
# The page's brief leaves out what the page draws from the structured fields: the steps,
# questions, reasons, notes and caveat of `calculations`, the source sentences of
# `citations`. The hotline script is what staff read aloud: the headlines, the one question
# or reason that matters, where the rule is written, the caveat.
_VIEWS: dict[str, frozenset[Kind]] = {
    "answer": frozenset({"head", "ask", "detail", "remark", "other", "source", "caveat"}),
    "brief": frozenset({"head", "remark", "other"}),
    "hotline": frozenset({"head", "key", "other", "clause", "caveat"}),
}


@dataclass
class Composed:
    """A calculator reply's lines, each tagged with what it is, read three ways."""

    lines: list[tuple[Kind, str]] = field(default_factory=list)

    def add(self, kind: Kind, *lines: str) -> None:
        self.lines += [(kind, line) for line in lines]

    def __add__(self, other: Composed) -> Composed:
        return Composed([*self.lines, *other.lines])

    def _view(self, name: str) -> list[str]:
        return [line for kind, line in self.lines if kind in _VIEWS[name]]

    @property
    def answer(self) -> str:
        """Everything, for the CLI and WeChat (markdown; `to_plain` for plain text)."""
        return "\n".join(self._view("answer"))

    @property
    def brief(self) -> str:
        """For pages that render `calculations` and `citations` themselves."""
        return "\n".join(self._view("brief"))

    @property
    def hotline_script(self) -> str:
        """Plain text to read aloud; no line twice."""
        return "\n".join(dict.fromkeys(to_plain(line) for line in self._view("hotline")))


Remarks = Mapping[Measure, Sequence[str]]  # per measure: lines under its headline


def _amount(calc: Calculation) -> str:
    if calc.eligible is False:
        return "不予补助"
    if calc.amount_yuan is None:
        return "金额待定"
    if calc.amount_yuan == 0 and calc.capped:
        return f"{format_wan(0)}（上限额度已用完）"
    return ("最高" if calc.is_upper_bound else "") + format_wan(calc.amount_yuan)


def _questions(calc: Calculation) -> list[str]:
    """The open questions of a result, those that can still deny the award first."""
    return [*calc.deciding, *(q for q in calc.unmet_conditions if q not in calc.deciding)]


def _calculations(
    text: Composed, calcs: Sequence[tuple[Calculation, Measure]], remarks: Remarks
) -> None:
    """One headline per measure (measure, amount, 符合 / 不符合 / 待确认), then what decides
    it (reasons, open questions), then the steps."""
    many = len(calcs) > 1
    if many:
        text.add("head", f"按政策条款分别测算（共{len(calcs)}项，各自独立计算、分别申请）：")
    holders: dict[str, list[Measure]] = {}  # a remark → the measures it is about
    for _, measure in calcs:
        for item in remarks.get(measure, ()):
            holders.setdefault(item, []).append(measure)
    for index, (calc, measure) in enumerate(calcs, start=1):
        label = f"{index}. {_head(measure)}：" if many else f"按{_head(measure)}测算："
        text.add("head", f"{label}**{_amount(calc)}**，结论：{calc.conclusion}。")
        own = [item for item in remarks.get(measure, ()) if len(holders[item]) == 1]
        text.add("remark", *(f"- {item}" for item in own))
    for item, measures in holders.items():
        if len(measures) > 1:  # said once for all the measures it is about
            numbers = "、".join(f"第{m.number}项" for m in measures)
            text.add("remark", f"- {numbers}：{item}")
    refused: dict[str, list[str]] = {}  # a reason → the measures it denies, said once
    for calc, measure in calcs:
        for reason in calc.reasons:
            refused.setdefault(reason, []).append(f"第{measure.number}项")
    if refused:

        def why(reason: str) -> str:
            return f"{'、'.join(refused[reason])}：{reason}" if many else reason

        text.add("ask", "不符合的原因：", *(f"- {why(r)}" for r in refused))
        firsts = dict.fromkeys(c.reasons[0] for c, _ in calcs if c.reasons)
        text.add("key", *(f"不符合的原因：{why(r)}" for r in firsts))
    eligible = [c for c, _ in calcs if c.eligible is not False]
    questions = list(dict.fromkeys(q for c in eligible for q in _questions(c)))
    if questions:
        pending = any(c.conclusion == "待确认" for c in eligible)
        text.add("ask", "需确认：" if pending else "另请确认：", *(f"- {q}" for q in questions))
    for calc in eligible:
        if calc.unmet_conditions:
            ask = "需要先确认" if calc.conclusion == "待确认" else "另请确认"
            text.add("key", f"{ask}：{_questions(calc)[0]}")
    if many:
        # one heading; each step says its item: two measures of the same money may share a sum
        # ("700万元 × 20% = 140万元"), which is then not said twice alike
        lines = [
            f"- 第{measure.number}项{'（待上述信息确认）' if calc.eligible is None else ''}：{step}"
            for calc, measure in calcs
            for step in calc.steps
        ]
        if lines:
            text.add("detail", "计算过程：", *lines)
        return
    for calc, _ in calcs:
        if not calc.steps:
            continue
        label = "计算过程：" if calc.eligible is not None else "按条文测算（待上述信息确认）："
        text.add("detail", label, *(f"- {step}" for step in calc.steps))


def _sources(text: Composed, measures: Sequence[Measure], policies: Policies) -> None:
    """Each measure's source sentence (the answer), and where it is written (the script)."""
    for m in measures:
        where = f"（第{m.number}项）" if len(measures) > 1 else ""
        text.add("source", f"依据原文{where}：“{m.source}”")
    for document in dict.fromkeys(m.document for m in measures):
        numbers = "、".join(f"第{m.number}项" for m in measures if m.document == document)
        text.add("clause", f"依据：《{policies.document(document).title}》{numbers}。")


def calculation_answer(
    calc: Calculation,
    measure: Measure,
    *,
    policies: Policies,
    injection: bool = False,
    remarks: Remarks | None = None,
) -> Composed:
    return compound_answer(
        [(calc, measure)], (), (), (), (), policies=policies, injection=injection, remarks=remarks
    )


def compound_answer(
    calcs: Sequence[tuple[Calculation, Measure]],
    rules: Sequence[Measure],
    premises: Sequence[Measure],
    not_covered: Sequence[str],
    quoted: Sequence[tuple[str, str]],
    *,
    policies: Policies,
    injection: bool = False,
    remarks: Remarks | None = None,
    asked: Sequence[str] = (),
) -> Composed:
    """One reply for a message with one or several parts: the headline of each calculation,
    what decides it, its steps, the figures asked, the parts the policy leaves open, the
    looked-up answers; notes, sources and caveat once."""
    text = Composed()
    if injection:
        text.add("other", INJECTION_NOTE)
    _calculations(text, calcs, remarks or {})
    for measure in premises:
        text.add("other", f"您提到的数字与政策原文不符。{_head(measure)}的规定是：")
        text.add("other", *_rule_lines(measure, asked))
    for measure in rules:
        if measure not in premises:
            text.add("other", f"{_head(measure)}：", *_rule_lines(measure, asked))
    text.add("other", *open_lines(not_covered, policies))
    text.add("other", *(f"关于“{question}”：{answer}" for question, answer in quoted))
    notes = dict.fromkeys(n for calc, _ in calcs for n in calc.notes)
    text.add("detail", *(f"说明：{note}" for note in notes))
    _sources(text, list(dict.fromkeys([*(m for _, m in calcs), *premises, *rules])), policies)
    # The caveat is about a computed amount: a reply that only states the rules has none.
    text.add("caveat", *dict.fromkeys(m.caveat for _, m in calcs))
    return text


def _rule_lines(measure: Measure, asked: Sequence[str] = ()) -> list[str]:
    """The measure's terms, line by line; what the question asked for ("cap", "threshold",
    "staff", "rate") first, so that the answer leads."""
    lines: list[tuple[str, str]] = [
        ("applicant", f"- 对象：{measure.applicant}；补助给{measure.recipient}")
    ]
    if measure.threshold_text:
        lines.append(("threshold", f"- 门槛：{measure.base}{measure.threshold_text}"))
    if measure.min_staff is not None:
        lines.append(("staff", f"- 人员：缴纳社保人员不少于{measure.min_staff}人"))
    if measure.rate is not None:
        lines.append(("rate", f"- 比例：{measure.rate}%"))
    for tier in measure.tiers:
        lines.append(("cap", f"- {tier.label}：{tier.text}"))
    lines.append(("cap", f"- 上限：{measure.cap_text}"))
    first = [line for term in asked for key, line in lines if key == term]
    return first + [line for key, line in lines if key not in asked]


def clarify_answer(
    measure: Measure | None,
    missing: Sequence[str],
    candidates: Sequence[Measure],
    *,
    policies: Policies,
    quoted: Sequence[Measure] = (),
    also: Sequence[Measure] = (),
) -> Composed:
    """Ask for what a calculation misses. `also`: other measures missing the same thing;
    `quoted`: measures whose source sentence the reply already quotes (not quoted again)."""
    text = Composed()
    if measure is None:
        text.add("other", "为了按条款测算，请告诉我这笔费用属于哪一类，以及金额是多少：")
        text.add("other", *(f"{m.number}. {m.title}" for m in candidates))
        text.add("other", "例如：“租摄影棚拍摄，服务费用××万元，能补多少？”")
        return text
    heads = "、".join(_head(m) for m in [measure, *also])
    text.add("other", f"要按{heads}测算，还需要：", *(f"- {item}" for item in missing))
    _sources(text, [m for m in [measure, *also] if m not in quoted], policies)
    return text


def suggest_answer(measure: Measure, *, policies: Policies) -> Composed:
    """A measure placed by similarity only: ask before computing (a wrong one is a wrong
    amount)."""
    text = Composed()
    text.add(
        "other",
        f"这笔费用可能属于{_head(measure)}：{measure.base}。"
        "如果是，请回复“是”，我按该条款测算；如果不是，请说明这笔钱具体花在什么上。",
    )
    _sources(text, [measure], policies)
    return text


def spoken(answer: str, citations: Sequence[Citation]) -> str:
    """The hotline script of a reply composed without one: the plain text, each line once,
    and the documents it quotes that it does not name."""
    lines = [line for line in to_plain(answer).splitlines() if line.strip()]
    titles = dict.fromkeys(f"《{c.title}》" for c in citations)
    unnamed = [title for title in titles if title not in answer]
    if unnamed:
        lines.append(f"依据：{'、'.join(unnamed)}。")
    return "\n".join(dict.fromkeys(lines))


def out_of_scope_answer(why: str, policies: Policies) -> str:
    text = scope(policies)
    if why == "greeting":
        return f"您好！我是影视政策助手。{text}"
    if why == "injection":
        return f"抱歉，我不能改变政策规则，也不能审批或发放补助。{text}"
    if why == "fabrication":
        return FABRICATION
    if why == "other_place":
        titles = "、".join(f"《{d.title}》" for d in policies.documents)
        return f"抱歉，我只掌握{titles}，无法解答其他地区的政策。{text}"
    return f"抱歉，这个问题不在我的知识范围内。{text}"


def not_found_answer(policies: Policies, not_covered: Sequence[str] = ()) -> str:
    extra = ""
    silent = _silent(not_covered)
    if silent:
        titles = "、".join(m.title for m in policies.measures)
        extra = f"{'、'.join(silent)}：{SILENT}。政策列出的支持事项为：{titles}。"
    if OTHER_PLACES in not_covered:
        extra += _other_places(policies)
    return f"{NOT_FOUND}{extra}{scope(policies)}"


def open_lines(
    not_covered: Sequence[str], policies: Policies, beside_calculation: bool = True
) -> list[str]:
    """The lines naming what the text leaves open, beside an answer (beside a calculation:
    that costs the policy does not list are not computed)."""
    lines = []
    silent = _silent(not_covered)
    if silent:
        costs = "；政策列出的支持事项之外的费用不予测算" if beside_calculation else ""
        lines.append(f"{'、'.join(silent)}：{SILENT}{costs}。")
    if OTHER_PLACES in not_covered:
        lines.append(_other_places(policies))
    return lines


def _silent(not_covered: Sequence[str]) -> list[str]:
    """The matters the text leaves open, as they are named (a quoted question without its
    quotation marks: "来电人还问：“申请时要提供哪些合同？”")."""
    named = (t.strip("“”\"'「」『』 ") for t in not_covered if t != OTHER_PLACES)
    return [t for t in dict.fromkeys(named) if t]


# A sub-question about another place's policy, named beside the answer.
OTHER_PLACES = "其他地区的政策"


def _other_places(policies: Policies) -> str:
    titles = "、".join(f"《{d.title}》" for d in policies.documents)
    return f"其他地区的政策：我只掌握{titles}，无法解答其他地区的政策。"


def common_bigrams(names: Sequence[str]) -> frozenset[str]:
    """Bigrams of names every question about this kb may use (its places): no evidence."""
    return frozenset(b for name in names for b in _bigrams(name))


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" or c.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)}


WHOLE_CHUNK_CHARS = 200
_WHEN = re.compile(r"什么时候|何时|哪天|几号|日期|时间")
_WHO = re.compile(r"是谁|哪位|谁")
_DATE = re.compile(r"\d+月|\d+日|\d{4}年")
_ANAPHORA = re.compile(r"^(会上|该|此|这|其|他|她|二者|两者|对此)")
_NAME_HINT = re.compile(r"记者|表示|说|认为|看来")


def rerank(query: str, hits: Sequence[Hit], keep: int = 2) -> list[Hit]:
    """A light reader stage: fused rank plus the question's bigrams found in each chunk.

    Fusion ranks policy clauses high for any question that sounds like money; a chunk that
    shares clearly more of the question's words is the better one to quote."""
    if not hits:
        return []
    q = _bigrams(query) - _GENERIC
    top = hits[0].score or 1.0
    held = [_bigrams(h.chunk.text) for h in hits]
    # a word of the question that few passages hold says more than one most of them hold
    # ("签约" in the news alone, "项目" in every clause)
    df = {b: sum(b in h for h in held) for b in q}
    weight = {b: math.log((len(hits) + 1) / (n + 0.5)) for b, n in df.items() if n}
    scored = [
        (h.score / top + READER_WEIGHT * sum(weight.get(b, 0.0) for b in q & chunk), -i, h)
        for i, (h, chunk) in enumerate(zip(hits, held, strict=True))
    ]
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best = scored[0][0]
    return [h for score, _, h in scored[:keep] if score >= best * 0.9]


READER_WEIGHT = 0.1
# Bigrams every question about this kb shares with it; they prove nothing about relevance.
_GENERIC = frozenset(
    {
        "电影",
        "影节",
        "上合",
        "合组",
        "组织",
        "织国",
        "国家",
        "家电",
        "政策",
        "科技",
        "影视",
        "视产",
        "产业",
        "什么",
        "哪些",
        "怎么",
        "是谁",
        "多少",
        "这个",
        "那个",
        "请问",
        "一下",
        "可以",
        "能不",
        "不能",
        "有没",
        "没有",
        "我们",
        "你们",
        "他们",
        "的是",
        "是什",
        "么样",
        "了吗",
    }
)


GENERIC = _GENERIC  # for callers choosing a lead the way extractive_answer does


def supported(query: str, hits: Sequence[Hit], common: frozenset[str] = frozenset()) -> bool:
    """Does any hit share a specific word (not the kb's generic vocabulary) with the question?

    The retriever's not-found decision is calibrated on scores; this is a second, lexical
    check: "永川区长是谁？" retrieves the festival article, but nothing in it mentions 区长."""
    specific = _bigrams(query) - _GENERIC - common
    if not specific:
        return True  # nothing to check against: trust the retriever
    return any(specific & _bigrams(h.chunk.text) for h in hits)


def _kind_bonus(query: str, sentence: str) -> int:
    """Prefer sentences that carry what the question type asks for (a date, a person)."""
    bonus = 0
    if _WHEN.search(query) and _DATE.search(sentence):
        bonus += 3
    if _WHO.search(query) and _NAME_HINT.search(sentence):
        bonus += 2
    return bonus


def best_sentences(query: str, text: str, limit: int = 2, skip: Sequence[str] = ()) -> list[str]:
    """The sentences of a chunk that share most with the question, in document order."""
    sentences = [
        s.strip()
        for s in _SENTENCE.findall(_clean(text))
        if len(s.strip()) > 4 and s.strip() not in skip
    ]
    if sum(len(sentence) for sentence in sentences) <= WHOLE_CHUNK_CHARS:
        return sentences  # a short chunk reads best whole
    q = _bigrams(query)
    overlap = [len(q & _bigrams(sentence)) + _kind_bonus(query, sentence) for sentence in sentences]
    ranked = sorted(range(len(sentences)), key=lambda i: (-overlap[i], i))
    chosen = {i for i in ranked[:limit] if overlap[i] > 0} or set(ranked[:1])
    # A sentence that points back ("会上…", "该政策…") needs the one before it.
    chosen |= {i - 1 for i in chosen if i > 0 and _ANAPHORA.match(sentences[i])}
    return [sentences[i] for i in sorted(chosen)]


def extractive_answer(
    query: str,
    hits: Sequence[Hit],
    policies: Policies,
    injection: bool = False,
    documents: Callable[[str], Sequence[Chunk]] | None = None,
    common: frozenset[str] = frozenset(),
    similarity: quote.Similarity | None = None,
) -> tuple[str, list[Citation]]:
    """Lead with the source sentence that best answers the question, then its context and
    the sources once. `documents` gives a document's chunks (to merge overlapping passages and
    number paragraphs); without it only the hits are read. No caveat: nothing is computed."""
    lines = [INJECTION_NOTE] if injection else []
    lead = quote.choose(query, hits, documents or (lambda _doc: ()), _GENERIC | common, similarity)
    if lead is None:
        return "\n".join([*lines, NOT_FOUND]), []
    body, citations = quote.render(lead, quote.sources_of(lead, policies))
    return "\n".join(lines + body), citations


def to_plain(text: str) -> str:
    """Markdown-free text for WeChat and the hotline script."""
    text = _MARKUP.sub("", text)
    return re.sub(r"^- ", "· ", text, flags=re.M)
