"""Knowledge answers that open with the answer: the source sentence (or two) that best answers
the question, quoted word for word with its citation marker, then a little context.

Sentences are scored, not chunks: the question's specific words and numbers, what kind of
thing it asks for (a date, a person, an amount, a condition) and the fused retrieval score of
the passage holding them. The passages of one document are put back together first, so that
the sentence the chunker repeats between neighbouring chunks is one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from bot import sentences as sent
from bot.reply import Citation
from ingest.text import normalise

if TYPE_CHECKING:
    from ingest.index import Chunk
    from ingest.reader.retrieval import Hit
    from policy import Policies

# A lead quote is read aloud or seen on a phone's first lines: at most this many characters
# (issue 9). A longer sentence is cut to the run of clauses that answers best.
LEAD_MAX = 120
# A lead shorter than this ("项目建成后实行一次性兑现。") gets the sentence around it as 原文.
SHORT_LEAD = 40
CONTEXT_MAX = 80
# A neighbour of a full-length lead is shown when it shares this much with the question
# (a specific word counts 1, one beside the question word 1 + FOCUS_WEIGHT).
CONTEXT_MIN_SCORE = 2
# One shared specific bigram is worth RANK_WEIGHT of the best retrieval score: the retriever
# decides between otherwise equal sentences, the question's words decide the rest.
RANK_WEIGHT = 1.0
NUMBER_WEIGHT = 2
FOCUS_WEIGHT = 3
# A sentence over LEAD_MAX is quoted cut; between equals, the one that fits whole leads.
LONG_PENALTY = 0.5
FOCUS_SPAN = 4
_WH = re.compile(r"什么时候|什么|哪些|哪里|哪个|哪家|哪位|哪|谁|多少|几|怎么|如何|是否|吗")

# Sentences that point back to their neighbour ("会上…", "该政策…", "但他认为…").
ANAPHORA = re.compile(
    r"^(?:但|而|并|且|也|所以|因此|同时)?(会上|对此|二者|两者|该|此|这|其|他|她|它)"
)
# A line without a full stop may still be the answer when it is a byline.
BYLINE = re.compile(r"记者|通讯员|作者|编辑|撰稿")
# Particles: a bigram holding one ("的补", "了一", "是等") is grammar, not a word.
FUNCTION_CHARS = frozenset("的了是吗呢吧么啊")
_QUOTED = re.compile(r"[“「『‘]([^”」』’]+)[”」』’]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Kind:
    """A question type and what a sentence answering it carries."""

    asks: re.Pattern[str]
    carries: re.Pattern[str]
    bonus: int


# Weights tuned on the golden and development fact cases (tests/eval/answers.yaml, dev-*.yaml).
KINDS = (
    Kind(
        re.compile(r"什么时候|何时|哪天|几号|日期|时间|哪一年|多久"),
        re.compile(r"\d+月|\d+日|\d{4}年|\d+年前|建成后|之后|期间|一次性"),
        3,
    ),
    # who: an identity (a role, a title, an organisation), not just someone speaking
    Kind(
        re.compile(r"是谁|哪位|谁|哪家|哪个单位|哪些部门|什么来头|什么人|身份"),
        re.compile(r"记者|创始人|主任|院长|导演|摄影师|得主|部门|单位|局|公司|学院|实验室"),
        2,
    ),
    # what someone said or thinks
    Kind(
        re.compile(r"说了什么|说什么|怎么看|认为|看法|观点|提出|怎么说|表示"),
        re.compile(r"表示|说|认为|看来|称|提出"),
        2,
    ),
    Kind(
        re.compile(r"多少|几个|几部|几人|金额|上限|最高|比例"),
        re.compile(r"\d"),
        2,
    ),
    Kind(
        re.compile(r"条件|要求|需要|什么样|才能|门槛|资格|凭证|程序"),
        re.compile(r"达到|不少于|经|纳入|凭|立项|备案|评审"),
        2,
    ),
)


@dataclass(frozen=True)
class Sentence:
    text: str
    doc_id: str
    title: str
    measure: str | None
    paragraph: int  # line of the document body, from 1 (headings not counted)
    order: int  # place in the document


@dataclass
class Source:
    """One cited document clause and the pieces quoted from it."""

    doc_id: str
    title: str
    measure: str | None
    label: str
    paragraphs: list[int] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)


def _body(chunk: Chunk) -> str:
    text = chunk.text.replace("**", "")
    if chunk.heading and text.startswith(chunk.heading + "\n"):
        return text[len(chunk.heading) + 1 :]
    return text


def _overlap(left: str, right: str) -> int:
    """Characters at the start of `right` that repeat the end of `left` (the chunker's one
    repeated sentence); 0 when there are none."""
    for size in range(min(len(left), len(right)), 7, -1):
        if left.endswith(right[:size]):
            return size
    return 0


@lru_cache(maxsize=64)
def document(chunks: tuple[Chunk, ...]) -> tuple[Sentence, ...]:
    """The sentences of a document rebuilt from its chunks (in reading order), overlaps
    merged, each with its paragraph number."""
    lines: list[tuple[str, Chunk]] = []
    previous: Chunk | None = None
    for chunk in chunks:
        body = _body(chunk)
        same_run = (
            previous is not None
            and chunk.measure is None
            and previous.measure is None
            and previous.heading == chunk.heading
        )
        if previous is not None and same_run:
            size = _overlap(_body(previous), body)
            rest = body[size:]
            if size and lines and not rest.startswith("\n"):
                head, _, rest = rest.partition("\n")
                lines[-1] = (lines[-1][0] + head, lines[-1][1])
            body = rest
        lines += [(line, chunk) for line in body.split("\n") if line.strip()]
        previous = chunk
    out: list[Sentence] = []
    for number, (line, chunk) in enumerate(lines, start=1):
        for text in sent.split(line):
            out.append(Sentence(text, chunk.doc_id, chunk.title, chunk.measure, number, len(out)))
    return tuple(out)


def leadable(s: Sentence, question: str) -> bool:
    """May this sentence open an answer? Not a caption, a pull quote or a headline (a line
    without a full stop) unless it is the byline a question about the writer asks for."""
    if sent.is_complete(s.text):
        return True
    found = BYLINE.search(s.text)
    return bool(found and found.group() in question)


def kind_bonus(question: str, text: str) -> int:
    return sum(k.bonus for k in KINDS if k.asks.search(question) and k.carries.search(text))


class Scorer:
    """How well a sentence (or a clause of one) answers the question."""

    def __init__(self, question: str, words: frozenset[str]):
        self.question = question
        self.words = words  # the question's specific bigrams
        self.numbers = set(_NUMBER.findall(question))
        # The words right after the question word say what is asked ("什么时候兑现"); when
        # it ends the question, the words before it ("主题是什么").
        self.focus: set[str] = set()
        for quoted in _QUOTED.findall(question):  # 侯克明说的“新的征程”指的是什么？
            self.focus |= sent.bigrams(quoted)
        for m in _WH.finditer(question):
            after = words & sent.bigrams(question[m.end() : m.end() + FOCUS_SPAN])
            before = words & sent.bigrams(question[max(0, m.start() - FOCUS_SPAN) : m.start()])
            self.focus |= after or before

    def overlap(self, text: str) -> int:
        """The question's own words in the text (those beside the question word weigh more)."""
        found = sent.bigrams(text)
        return len(self.words & found) + FOCUS_WEIGHT * len(self.focus & found)

    def __call__(self, text: str) -> float:
        score = self.overlap(text) + kind_bonus(self.question, text)
        return score + NUMBER_WEIGHT * len(self.numbers & set(_NUMBER.findall(text)))


def clip(text: str, score: Callable[[str], float], limit: int = LEAD_MAX) -> tuple[str, str]:
    """The best-scoring run of whole clauses within `limit` characters: (the exact substring,
    how it is shown, with … where it was cut)."""
    if len(text) <= limit:
        return text, text
    parts = sent.clauses(text)
    best: tuple[float, int, int] = (-1.0, 0, 1)
    for start in range(len(parts)):
        end, size = start, 0
        while end < len(parts) and size + len(parts[end]) <= limit:
            size += len(parts[end])
            end += 1
        if end == start:  # one clause over the limit: cut it bare
            end = start + 1
        value = score("".join(parts[start:end]))
        if value > best[0]:
            best = (value, start, end)
    _, start, end = best
    exact = "".join(parts[start:end])
    if len(exact) > limit:
        exact = exact[:limit]
    shown = exact
    if end < len(parts) or len(exact) < len("".join(parts[start:end])):
        shown = shown.rstrip("，,；;：:、") + "…"
    if start > 0:
        shown = "…" + shown
    return exact.rstrip("，,；;：:、") if shown.endswith("…") else exact, shown


@dataclass
class Lead:
    sentences: list[Sentence]
    shown: list[str]  # as quoted (cut with … where too long)
    exact: list[str]  # exact substrings of the kb
    context: list[tuple[Sentence, str, str]]  # (sentence, exact, shown) around the lead


def choose(
    question: str,
    hits: Sequence[Hit],
    documents: Callable[[str], Sequence[Chunk]],
    ignore: frozenset[str] = frozenset(),
) -> Lead | None:
    """The lead sentence(s) for the question among the retrieved passages, and its context.
    `ignore`: bigrams every question about this kb shares with it (no evidence)."""
    question = normalise(question)
    words = frozenset(
        b for b in sent.bigrams(question) - ignore if not any(c in FUNCTION_CHARS for c in b)
    )
    score = Scorer(question, words)
    top = max((h.score for h in hits), default=0.0) or 1.0
    by_doc: dict[str, tuple[Sentence, ...]] = {}
    retrieved: dict[tuple[str, str], float] = {}  # sentence → best score of a hit holding it
    for hit in hits:
        doc = hit.chunk.doc_id
        if doc not in by_doc:
            by_doc[doc] = document(tuple(documents(doc)) or (hit.chunk,))
        body = _body(hit.chunk)
        for s in by_doc[doc]:
            if s.text in body:
                key = (doc, s.text)
                retrieved[key] = max(retrieved.get(key, 0.0), hit.score / top)
    # Every sentence of a retrieved document may lead (the byline sits in a chunk of its own);
    # those of the retrieved passages carry their retrieval score. A sentence that points back
    # leads together with the one before it, which may carry what the question asks for.
    units: list[tuple[float, int, list[Sentence]]] = []
    for rank, sentences in enumerate(by_doc.values()):
        for s in sentences:
            held = (s.doc_id, s.text) in retrieved
            if not leadable(s, question) or (s.measure and not held):
                continue  # a clause the retriever did not pick is another measure's
            value = score(s.text) + RANK_WEIGHT * retrieved.get((s.doc_id, s.text), 0.0)
            if len(s.text) > LEAD_MAX:
                value -= LONG_PENALTY
            unit = [s]
            before = sentences[s.order - 1] if s.order > 0 else None
            if ANAPHORA.match(s.text) and not _named(s, before, question, words):
                if before is None or not sent.is_complete(before.text):
                    continue
                if len(before.text) + len(s.text) > LEAD_MAX:
                    continue
                unit = [before, s]
                both = before.text + s.text
                value += kind_bonus(question, both) - kind_bonus(question, s.text)
            units.append((value, -rank * 10_000 - s.order, unit))
    if not units:
        return None
    _, _, chosen = max(units, key=lambda u: (u[0], u[1]))
    return _lead(chosen, by_doc[chosen[0].doc_id], score, question)


def _named(
    s: Sentence,
    before: Sentence | None,
    question: str,
    words: frozenset[str],
) -> bool:
    """Does the question itself name what the sentence points back to? ("该政策" asked about
    "这个政策"; "他" after a sentence naming 张升, asked about 张升.)"""
    match = ANAPHORA.match(s.text)
    assert match is not None
    noun = s.text[match.end() : match.end() + 2]
    if match.group(1) in ("该", "此", "这", "其") and len(noun) == 2 and noun in question:
        return True
    if before is None:
        return False
    return bool((words & sent.bigrams(before.text)) - sent.bigrams(s.text))


def _lead(
    chosen: list[Sentence],
    doc: Sequence[Sentence],
    score: Scorer,
    question: str,
) -> Lead:
    if len(chosen) == 1:
        exact, shown = clip(chosen[0].text, score)
        lead = Lead(chosen, [shown], [exact], [])
    else:
        texts = [s.text for s in chosen]
        lead = Lead(chosen, texts, texts, [])
    first, last = chosen[0], chosen[-1]
    after = doc[last.order + 1] if last.order + 1 < len(doc) else None
    before = doc[first.order - 1] if first.order > 0 else None
    options = [
        near
        for near in (before, after)
        if near is not None
        and near.measure == first.measure
        and near.paragraph == first.paragraph
        and sent.is_complete(near.text)
    ]
    if ANAPHORA.match(first.text):
        # It leads because the question names what it points back to: show that sentence.
        options = [near for near in options if near is before]
    elif sum(len(t) for t in lead.shown) >= SHORT_LEAD:
        # A full lead gets a neighbour only if that, too, carries the question's words.
        options = [near for near in options if score.overlap(near.text) >= CONTEXT_MIN_SCORE]
    if options:
        near = max(options, key=lambda n: (score(n.text), n is after))
        exact, shown = clip(near.text, score, CONTEXT_MAX)
        lead.context.append((near, exact, shown))
    return lead


def sources_of(lead: Lead, policies: Policies) -> list[Source]:
    """One source per document clause, in order of first quotation."""
    out: dict[tuple[str, str | None], Source] = {}
    pieces = list(zip(lead.sentences, lead.exact, strict=True))
    pieces += [(s, e) for s, e, _ in lead.context]
    for s, exact in pieces:
        key = (s.doc_id, s.measure)
        if key not in out:
            out[key] = Source(s.doc_id, s.title, s.measure, "")
        source = out[key]
        if exact not in source.pieces:
            source.pieces.append(exact)
        if s.paragraph not in source.paragraphs:
            source.paragraphs.append(s.paragraph)
    for source in out.values():
        measure = policies.find(f"{source.doc_id}/{source.measure}") if source.measure else None
        if measure is not None:
            source.label = f"第{measure.number}项“{measure.title}”"
        else:
            source.label = "、".join(f"第{p}段" for p in sorted(source.paragraphs))
    return list(out.values())


def render(lead: Lead, sources: Sequence[Source]) -> tuple[list[str], list[Citation]]:
    """Answer lines (markdown) and citations: the lead quote with its marker, the context as
    原文, the sources once."""
    index = {(s.doc_id, s.measure): i for i, s in enumerate(sources, start=1)}
    marker = index[(lead.sentences[0].doc_id, lead.sentences[0].measure)]
    lines = [f"> {''.join(lead.shown)}[{marker}]"]
    if lead.context:
        near = "".join(shown for _, _, shown in lead.context)
        where = index[(lead.context[0][0].doc_id, lead.context[0][0].measure)]
        lines.append(f"原文：{near}[{where}]")
    lines.append(
        "来源：" + "；".join(f"[{i}]《{s.title}》{s.label}" for i, s in enumerate(sources, 1))
    )
    citations = [
        Citation(
            source=s.doc_id,
            title=s.title,
            clause=s.measure,
            text="\n".join(s.pieces),
            label=s.label,
            paragraphs=sorted(s.paragraphs),
        )
        for s in sources
    ]
    return lines, citations
