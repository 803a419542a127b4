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
from typing import TYPE_CHECKING, Any

import numpy as np

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
# The sentences closest in meaning to the question gain up to SIM_WEIGHT per standard
# deviation of the question's cosine above the mean over the candidates (1.0: +5 leads on the
# development sets, 1.5 loses one). Among fewer than MEANING_POOL candidates (two policy
# clauses) the spread says nothing the retriever did not (2: one lead lost).
SIM_WEIGHT = 1.0
MEANING_POOL = 5
FOCUS_SPAN = 4
# A line without a full stop may still be the answer when it is a byline.
BYLINE = re.compile(r"记者|通讯员|作者|编辑|撰稿")
# The whole question word ("哪几位", "哪一类"), so that what follows it is the noun asked for.
_WH = re.compile(
    r"什么时候|什么样|什么|哪(?:一|几)?(?:个|位|家|些|类|种|块|所|年|天|里|儿)?"
    r"|谁|多少|几|怎么样|怎么|如何|是否|吗"
)
# A noun asked for ("哪个学校", "哪几个部门", "哪几位记者") is rarely in its answer: the answer
# names one of its kind ("北京电影学院", "市委宣传部", a byline). What names one, per noun;
# from the golden and development fact cases. A literal match still counts.
CLASSES = {
    "学校": re.compile(r"学院|大学|学校"),
    "部门": re.compile(r"部门|单位|[部局委厅署办](?=[、,，和与及]|联合)"),
    "单位": re.compile(r"实验室|公司|学院|大学|研究院|中心|[部局委厅署]"),
    "公司": re.compile(r"公司|传媒|集团|影业|创始人"),
    "活动": re.compile(r"盛典|电影周|论坛|仪式|典礼|展|洽谈会|发布会|开幕式"),
    "场合": re.compile(r"盛典|电影周|论坛|仪式|典礼|展|洽谈会|发布会|开幕式"),
    "记者": BYLINE,
    "方向": re.compile(r"领域|方向|覆盖"),
    "口号": re.compile(r"主题|口号"),
}

# Sentences that point back to their neighbour ("会上…", "该政策…", "但他认为…").
ANAPHORA = re.compile(
    r"^(?:但|而|并|且|也|所以|因此|同时)?(会上|对此|二者|两者|该|此|这|其|他|她|它)"
)
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
        re.compile(
            r"是谁|哪(?:几)?位|谁|哪(?:几)?家|哪个单位|哪(?:些|几个)部门|什么来头|什么人|身份"
            r"|做什么的|干什么的|哪个学校"
        ),
        re.compile(r"记者|创始人|主任|院长|导演|摄影师|得主|部门|单位|局|公司|学院|实验室"),
        2,
    ),
    # a title asked for outright ("他是哪个单位什么职务"): over what identifies the person
    # in the question ("拿照相机打比方的专家")
    Kind(
        re.compile(r"职务|头衔|职位|什么职|哪个单位"),
        re.compile(r"主任|院长|局长|创始人|导演|教授|记者|得主|学院|实验室|总局"),
        4,
    ),
    # what someone said or thinks
    Kind(
        re.compile(r"说了什么|说什么|怎么看|认为|看法|观点|提出|怎么说|表示"),
        re.compile(r"表示|说|认为|看来|称|提出"),
        2,
    ),
    # how many: not "哪几个部门", which asks which ones
    Kind(
        re.compile(r"多少|(?<!哪)几(?:个|部|人|家|项)|金额|上限|最高|比例"),
        re.compile(r"\d"),
        2,
    ),
    Kind(
        re.compile(r"条件|要求|需要|什么样|才能|门槛|资格|凭证|程序"),
        re.compile(r"达到|不少于|经|纳入|凭|立项|备案|评审"),
        2,
    ),
    # how an award is paid: at once or in parts, when
    Kind(
        re.compile(
            r"怎么(?:给|发|拨|兑现)|如何(?:给|发|拨|兑现)|边建边|一次|分几|分期|分批|每年都"
        ),
        re.compile(r"一次性|兑现|分期|拨付|每年"),
        3,
    ),
    # a document's name: the sentence giving its title
    Kind(re.compile(r"全称|全名|正式名称|名称|标题|文件名"), re.compile(r"《[^》]{4,}》"), 3),
    # a comparison someone drew
    Kind(
        re.compile(r"类比|比喻|比方|比作|好比|像什么"),
        re.compile(r"就像|好比|如同|犹如|仿佛"),
        3,
    ),
    # who wrote it: the byline
    Kind(
        re.compile(r"谁写|写的|记者|作者|撰稿"),
        BYLINE,
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


def body_of(chunk: Chunk) -> str:
    """A chunk's text without its heading line."""
    return _body(chunk)


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


def texts(chunks: Sequence[Chunk]) -> list[str]:
    """The sentences of a document as its answers quote them (to encode them ahead)."""
    return [s.text for s in document(tuple(chunks))]


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

    def __init__(self, question: str, words: frozenset[str], titles: Sequence[str] = ()):
        self.question = question
        self.words = words  # the question's specific bigrams
        self.numbers = set(_NUMBER.findall(question))
        # The words right after the question word say what is asked ("什么时候兑现"); when
        # it ends the question, the words before it ("主题是什么").
        self.focus: set[str] = set()
        for quoted in _QUOTED.findall(question):  # 侯克明说的“新的征程”指的是什么？
            if not _in_title(quoted, titles):  # "“电影人永川论剑”那篇报道": names the article
                self.focus |= sent.bigrams(quoted)
        self.classes: list[re.Pattern[str]] = []
        if not _WH.search(question) and len(re.findall(r"[\u4e00-\u9fff]", question)) <= 8:
            self.focus |= words  # "主题？", "签约项目数量？": the noun alone is what is asked
        for m in _WH.finditer(question):
            right = question[m.end() : m.end() + FOCUS_SPAN]
            if "的" in right:  # "哪家公司的创始人": the head noun after 的 is asked too
                right = question[m.end() : m.end() + right.index("的") + 1 + FOCUS_SPAN - 1]
            after = words & sent.bigrams(right)
            before = words & sent.bigrams(question[max(0, m.start() - FOCUS_SPAN) : m.start()])
            self.focus |= after or before
            self.classes += [CLASSES[noun] for noun in CLASSES if right.startswith(noun)]

    @classmethod
    def of(
        cls, question: str, ignore: frozenset[str] = frozenset(), titles: Sequence[str] = ()
    ) -> Scorer:
        """`ignore`: bigrams every question about this kb shares with it (no evidence);
        `titles`: the retrieved documents' titles (a phrase quoting one names the document)."""
        words = sent.bigrams(question) - ignore
        kept = frozenset(b for b in words if not FUNCTION_CHARS & set(b))
        return cls(question, kept, titles)

    def overlap(self, text: str) -> int:
        """The question's own words in the text (those beside the question word weigh more)."""
        found = sent.bigrams(text)
        named = any(c.search(text) for c in self.classes)
        return len(self.words & found) + FOCUS_WEIGHT * (len(self.focus & found) + named)

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
    referent: str = ""  # what a lead that points back points to, quoted from before it


@dataclass(frozen=True)
class Candidate:
    """A sentence (with the one before it, when it points back to it) that may lead."""

    value: float
    rank: int  # between equal values: the better retrieved document, then the earlier place
    sentences: list[Sentence]
    referent: str = ""


class Similarity:
    """The question's cosine with each kb sentence. A sentence is encoded once and kept (the
    kb has about 80; one costs ~13 ms), so an answer only encodes the question, which the
    retriever has already encoded and cached."""

    def __init__(self, embed: Callable[[list[str]], Any]):
        self.embed = embed
        self._vectors: dict[str, Any] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.embed(missing), strict=True))

    def __contains__(self, text: str) -> bool:
        return text in self._vectors

    def __call__(self, question: str, texts: Sequence[str]) -> list[float]:
        self.prepare(texts)
        query = self.embed([question])[0]
        return [float(self._vectors[t] @ query) for t in texts]


def _in_title(phrase: str, titles: Sequence[str]) -> bool:
    """Is the quoted phrase a document's title, or most of it ("电影人永川论剑" of
    《电影人永川“论剑”： AI时代,…》)? Punctuation and spaces do not count."""
    bare = _bare(phrase)
    return len(bare) >= 4 and any(bare in _bare(title) for title in titles)


def _bare(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def candidates(
    question: str,
    hits: Sequence[Hit],
    documents: Callable[[str], Sequence[Chunk]],
    ignore: frozenset[str] = frozenset(),
    similarity: Similarity | None = None,
) -> tuple[list[Candidate], dict[str, tuple[Sentence, ...]], Scorer]:
    """Every sentence of the retrieved documents that may lead, scored; the documents' sentences;
    the scorer. `ignore`: bigrams every question about this kb shares with it (no evidence)."""
    question = normalise(question)
    score = Scorer.of(question, ignore, sorted({normalise(h.chunk.title) for h in hits}))
    words = score.words
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
    pool = [
        s
        for sentences in by_doc.values()
        for s in sentences
        if leadable(s, question) and (not s.measure or (s.doc_id, s.text) in retrieved)
    ]
    meaning = _meaning(question, pool, similarity)
    out: list[Candidate] = []
    for rank, sentences in enumerate(by_doc.values()):
        for s in sentences:
            held = (s.doc_id, s.text) in retrieved
            if not leadable(s, question) or (s.measure and not held):
                continue  # a clause the retriever did not pick is another measure's
            value = score(s.text) + RANK_WEIGHT * retrieved.get((s.doc_id, s.text), 0.0)
            value += meaning.get(s.text, 0.0)
            if len(s.text) > LEAD_MAX:
                value -= LONG_PENALTY
            place = -rank * 10_000 - s.order
            before = sentences[s.order - 1] if s.order > 0 else None
            if not ANAPHORA.match(s.text) or _named(s, before, question, words):
                out.append(Candidate(value, place, [s]))
                continue
            # It points back to something the question does not name: it leads with its
            # referent prefixed, or after the sentence before it when that one carries what
            # the question asks for (the date of "会上发布了…").
            referent = _referent(s, sentences)
            alone = value
            if referent and len(referent) + len(s.text) + 2 <= LEAD_MAX:
                alone = value - score(s.text) + score(referent + s.text)
                out.append(Candidate(alone, place, [s], referent))
            if before is None or not sent.is_complete(before.text):
                continue
            if len(before.text) + len(s.text) > LEAD_MAX:
                continue
            both = before.text + s.text
            paired = value + kind_bonus(question, both) - kind_bonus(question, s.text)
            if not referent or paired > alone:
                out.append(Candidate(paired, place, [before, s]))
    return out, by_doc, score


def _meaning(
    question: str, pool: Sequence[Sentence], similarity: Similarity | None
) -> dict[str, float]:
    """A bonus for the sentences closest in meaning to the question: the sentence embedding
    finds the paraphrase the bigrams miss ("最先冲击" for "首先影响")."""
    if similarity is None or len(pool) < MEANING_POOL:
        return {}
    texts = [s.text for s in pool]
    sims = np.array(similarity(question, texts))
    spread = float(sims.std()) or 1.0
    z = (sims - sims.mean()) / spread
    return {t: SIM_WEIGHT * max(0.0, float(v)) for t, v in zip(texts, z, strict=True)}


def choose(
    question: str,
    hits: Sequence[Hit],
    documents: Callable[[str], Sequence[Chunk]],
    ignore: frozenset[str] = frozenset(),
    similarity: Similarity | None = None,
) -> Lead | None:
    """The lead sentence(s) for the question among the retrieved passages, and its context.
    `ignore`: bigrams every question about this kb shares with it (no evidence)."""
    found, by_doc, score = candidates(question, hits, documents, ignore, similarity)
    if not found:
        return None
    best = max(found, key=lambda c: (c.value, c.rank))
    return _lead(best.sentences, by_doc[best.sentences[0].doc_id], score, best.referent)


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


# What a sentence that points back names, and the noun it points back to: "会上" a meeting
# (…洽谈会), "该政策" a policy. A pronoun (他, 二者) is left to the sentence before it.
_HEADS = {"会上": "会"}
REFERENT_MAX = 30
REFERENT_BACK = 2  # sentences looked back
_RUN_START = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·]+$")
_PREPOSITION = re.compile(r"^(?:在|于|由|对|从|经|为|据)")


def _referent(s: Sentence, sentences: Sequence[Sentence]) -> str:
    """What a sentence starting with 会上 / 该… points back to, as written in the sentences
    before it: a title in 《》 holding the noun, or the phrase ending with it ("重庆永川科技
    影视产业合作洽谈会"); "" when there is none."""
    match = ANAPHORA.match(s.text)
    assert match is not None
    word = match.group(1)
    if word in _HEADS:
        head = _HEADS[word]
    elif word in ("该", "此", "其") and _RUN_START.match(s.text[match.end() : match.end() + 2]):
        head = s.text[match.end() : match.end() + 2]
    else:
        return ""
    for back in range(1, REFERENT_BACK + 1):
        if s.order - back < 0 or sentences[s.order - back].doc_id != s.doc_id:
            break
        text = sentences[s.order - back].text
        at = text.rfind(head)
        if at < 0:
            continue
        end = at + len(head)
        opened, closed = text.rfind("《", 0, at), text.find("》", end)
        if opened >= 0 and closed >= 0 and "》" not in text[opened:at]:
            found = text[opened : closed + 1]
        else:
            run = _RUN_START.search(text[:end])
            found = _PREPOSITION.sub("", run.group()) if run else ""
        if len(head) < len(found) <= REFERENT_MAX:
            return found
    return ""


def _completes(s: Sentence, nxt: Sentence, score: Scorer, referent: str) -> bool:
    """Does the next sentence answer what the lead leaves out (a word beside the question
    word, or the kind of thing asked), so that the two lead together within LEAD_MAX?"""
    if (
        nxt.paragraph != s.paragraph
        or nxt.measure != s.measure
        or not sent.is_complete(nxt.text)
        or len(referent) + len(s.text) + len(nxt.text) > LEAD_MAX
    ):
        return False
    have, more = sent.bigrams(referent + s.text), sent.bigrams(nxt.text)
    kinds = kind_bonus(score.question, nxt.text) > kind_bonus(score.question, s.text)
    return bool((score.focus & more) - have) or kinds


def _lead(
    chosen: list[Sentence],
    doc: Sequence[Sentence],
    score: Scorer,
    referent: str = "",
) -> Lead:
    if len(chosen) == 1:
        nxt = doc[chosen[0].order + 1] if chosen[0].order + 1 < len(doc) else None
        if nxt is not None and _completes(chosen[0], nxt, score, referent):
            chosen = [chosen[0], nxt]
    if len(chosen) == 1:
        exact, shown = clip(chosen[0].text, score)
        lead = Lead(chosen, [shown], [exact], [], referent)
    else:
        texts = [s.text for s in chosen]
        lead = Lead(chosen, texts, texts, [], referent)
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
    if ANAPHORA.match(first.text) and not referent:
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
    named = f"〔{lead.referent}〕" if lead.referent else ""
    lines = [f"> {named}{''.join(lead.shown)}[{marker}]"]
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
