"""The bot: one library call, `Bot.ask(question, session_id) -> Reply`, behind every interface."""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from bot import compose, quote
from bot import lexicon as lx
from bot import sentences as sent
from bot.analyse import Analyser, Analysis
from bot.analyse import asks as clause_asks
from bot.dialect import mandarin
from bot.errors import InvalidQuestion
from bot.lexicon import Lexicon
from bot.normalize import is_meaningful, validate
from bot.plan import Plan, decide, items_after
from bot.reply import CalculationResult, Citation, Reply
from bot.sessions import WEB, SessionStore, open_session_store
from bot.spelling import Respeller
from bot.writes import WriteHealth
from ingest.bm25 import (
    glossed,
    mostly_english,
    named_entities,
    synonyms,
    synonyms_of,
)
from policy import (
    BUILTIN_DIR,
    Calculation,
    Facts,
    InvalidFacts,
    Measure,
    Policies,
    builtin_policies,
    calculate,
    find_amounts,
    format_wan,
)
from policy.facts import FIELD_BY_NAME
from policy.money import Yuan, units_spelled

if TYPE_CHECKING:
    from bot.llm import LLMComposer
    from bot.settings import Settings
    from ingest.index import Chunk
    from ingest.reader.retrieval import Hit, RetrievalResult

log = logging.getLogger(__name__)
Format = Literal["markdown", "plain"]
CANDIDATES = 5  # retrieved, then reranked by the reader; at most two are quoted


class Retriever(Protocol):
    def retrieve(self, query: str, k: int = 3) -> RetrievalResult: ...
    def warm(self) -> None: ...
    def reload_if_changed(self) -> bool: ...


class Bot:
    def __init__(
        self,
        retriever: Retriever,
        sessions: SessionStore,
        composer: LLMComposer | None = None,
        max_chars: int = 500,
        policies: Policies | None = None,
    ) -> None:
        self.retriever = retriever
        self.sessions = sessions
        self.session_writes = WriteHealth("sessions")
        self.composer = composer
        self.max_chars = max_chars
        self.policies = policies or builtin_policies()
        self.lexicon = Lexicon(self.policies)
        # The query encoder the retriever already holds also places unseen wording.
        self.analyser = Analyser(self.lexicon, embed=getattr(retriever, "embed", None))
        # typos of the policy's trigger words and of every word the kb uses ("奖历" → 奖励)
        kb_words = getattr(retriever, "kb_words", lambda: ())()
        self.respeller = Respeller(
            [*self.lexicon.triggers, *lx.TERM_WORDS],
            getattr(retriever, "is_word", None),
            more=kb_words,
        )
        self.common = compose.common_bigrams(self.lexicon.here_names)
        embed = getattr(retriever, "embed", None)
        self.similarity = quote.Similarity(embed) if embed is not None else None
        # the people the articles introduce, for the kb generation they were read from
        self._introduced: tuple[object, dict[str, tuple[Chunk, str, str]]] | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Bot:
        """Open the index, the session store, the policies and (if configured) the LLM."""
        from bot.llm import LLMComposer
        from bot.settings import get_settings
        from ingest.reader.retrieval import HybridRetriever

        settings = settings or get_settings()
        retriever = HybridRetriever.open(
            settings.data_dir,
            embedding_model=settings.embedding_model,
            chroma_url=settings.chroma_url,
            collection=settings.collection,
        )
        sessions = open_session_store(settings)
        folders = [BUILTIN_DIR, *([settings.policy_dir] if settings.policy_dir else [])]
        return cls(
            retriever,
            sessions,
            composer=LLMComposer.from_settings(settings),
            max_chars=settings.max_message_chars,
            policies=Policies.load(folders),
        )

    def warm(self) -> None:
        self.retriever.warm()
        if self.analyser.embed is not None:
            self.analyser.profiles()
        self.ask("摄影棚补贴上限是多少？")
        documents = getattr(self.retriever, "documents", None)
        chunks_of = getattr(self.retriever, "chunks_of", None)
        if self.similarity is not None and documents and chunks_of:
            # ~1 s for the kb's sentences, once, not on a user's first question
            for doc in documents():
                self.similarity.prepare(quote.texts(chunks_of(doc["id"])))

    def reload(self) -> bool:
        return self.retriever.reload_if_changed()

    def ask(
        self,
        question: str,
        session_id: str | None = None,
        fmt: Format = "markdown",
        *,
        channel: str = WEB,
    ) -> Reply:
        """Answer one turn. Raises InvalidQuestion (Chinese message) for empty or huge input.

        `session_id` continues a session the store issued for `channel`; any other id (or
        none) starts a new session, whose id the reply carries."""
        # "3.6M RMB", a pasted table's "4,200,000" under "（单位：元）": read in 万元
        # "补好多", "局长是哪个": the caller's dialect in Mandarin words first
        text = units_spelled(self.respeller.fix(mandarin(validate(question, self.max_chars))))
        text = glossed(text)  # "stage rental in Chongqing": the kb's words for the English
        sid = self._resume(session_id, channel)
        state = self.sessions.load(sid)
        if not is_meaningful(text):
            answer = compose.out_of_scope_answer("noise", self.policies)
            reply = Reply(answer=answer, route="out_of_scope", session_id=sid)
            return self._finish(reply, fmt, sid, state, None)
        unit = lx.UNIT_ONLY.match(text)
        bare = state.get("bare")
        if unit and isinstance(bare, str) and (whole := lx.with_unit(bare, unit["unit"])):
            # "特效费用260" then "单位是万": read as "特效费用260万" (with what the turn adds)
            text = f"{whole.rstrip('。.')}，{unit['rest']}" if unit["rest"] else whole
        focus = [str(q) for q in state.get("focus", [])]
        context = focus[0] if len(focus) == 1 else None
        text = _in_the_conversation_s_unit(text, state, focus)
        analysis = self.analyser.analyse(text, context)
        plan = decide(analysis, self.lexicon, state)
        bare_number = None if analysis.amounts else lx.BARE_NUMBER.search(text)
        if plan.route == "out_of_scope":
            answer = compose.out_of_scope_answer(plan.why, self.policies)
            reply = Reply(answer=answer, route="out_of_scope", session_id=sid)
        elif bare_number and (analysis.measures or analysis.ambiguous):
            number = bare_number["n"]
            answer = f"请问“{number}”的金额单位是万元还是元？请回复单位（如“万元”），我接着测算。"
            reply = Reply(answer=answer, route="clarify", session_id=sid)
        elif (
            plan.route == "knowledge"
            and not analysis.amounts
            and not analysis.asks
            and (noted := self._noted(analysis))
        ):
            # "项目还没备案": a fact for the calculation to come, not a question
            named = focus or plan.focus  # "虚拟拍摄委托在渝企业做的": the measure it names
            asked = self._measure(named[0]) if len(named) == 1 else None
            ask = (
                f"请告诉我{asked.base_label}金额，我按“{asked.title}”测算。"
                if asked is not None and asked.needs_amount
                else "请告诉我费用类别和金额，我按条款测算。"
            )
            answer = "已记下：" + "；".join(noted) + "。" + ask
            reply = Reply(answer=answer, route="clarify", session_id=sid)
        elif plan.route == "knowledge":
            reply = self._knowledge(text, plan, sid)
        else:
            reply = self._calculate(plan, sid)
        computing = reply.route in ("calculator", "clarify") or plan.remember
        keep = plan if computing and plan.focus else None
        state = {k: v for k, v in state.items() if k not in ("unplaced", "bare")}
        if plan.said:
            state["said"] = plan.said
        if plan.labels:
            state["labels"] = plan.labels
        state.pop("pending", None)
        if plan.pending:
            state["pending"] = plan.pending
        if plan.left:
            state["left"] = plan.left
        if computing:
            # several companies' amounts kept per measure: a later turn computes them apart too
            state["separate"] = sorted(plan.separate)
            state["per_company"] = {
                m: {letter: f.to_json() for letter, f in own.items()}
                for m, own in plan.per_company.items()
            }
        if reply.route == "calculator":
            state["items"] = items_after(analysis, plan)
        if bare_number:
            state["bare"] = text  # its unit may come next
        if reply.route == "clarify" and plan.unplaced is not None:
            state["unplaced"] = plan.unplaced
            state["options"] = list(plan.clarify_options) or list(self.lexicon.measures)
        if reply.route == "knowledge" and not focus and (about := self._clause_quoted(reply)):
            # "后期奖励社保要几个人" then "我们刚好3个", "收入240万": the measure asked about
            state["focus"], state["facts"] = [about], {}
        return self._finish(reply, fmt, sid, state, keep)

    def _clause_quoted(self, reply: Reply) -> str | None:
        """The one measure a knowledge answer quotes, when it quotes nothing else."""
        quoted = {f"{c.source}/{c.clause}" if c.clause else None for c in reply.citations}
        if len(quoted) != 1:
            return None
        qid = quoted.pop()
        return qid if qid in self.lexicon.measures else None

    def _noted(self, analysis: Analysis) -> list[str]:
        """The conditions a turn states, each once, as "question：是/否"."""
        noted: dict[str, str] = {}
        for qid, facts in analysis.facts.items():
            for condition in self.lexicon.measure(qid).conditions:
                value = facts.conditions.get(condition.id)
                if value is not None:
                    noted.setdefault(condition.question.rstrip("？?"), "是" if value else "否")
        if analysis.shared.staff is not None:
            noted["缴纳社保人员"] = f"{analysis.shared.staff}人"
        return [f"{question}：{value}" for question, value in noted.items()]

    def _resume(self, session_id: str | None, channel: str) -> str:
        """The session to continue, or a new one; when the store cannot write (a full disk)
        the turn is answered under an id that is not kept."""
        resumed: list[str] = []
        if self.session_writes.attempt(
            lambda: resumed.append(self.sessions.resume(session_id, channel))
        ):
            return resumed[0]
        return secrets.token_hex(16)

    def _finish(
        self, reply: Reply, fmt: Format, sid: str, state: dict[str, Any], plan: Plan | None
    ) -> Reply:
        new_state = {k: v for k, v in state.items() if k != "slots"}
        new_state["last_route"] = reply.route
        new_state["turns"] = int(str(state.get("turns", 0))) + 1
        new_state.pop("suggested", None)
        if plan is not None:
            new_state["focus"] = plan.focus
            new_state["facts"] = {q: f.to_json() for q, f in plan.facts.items()}
            if plan.suggested:
                new_state["suggested"] = plan.suggested
        # A full disk costs the follow-up its context, not this answer.
        self.session_writes.attempt(lambda: self.sessions.save(sid, new_state))
        update: dict[str, Any] = {}
        if reply.hotline_script is None:
            update["hotline_script"] = compose.spoken(reply.answer, reply.citations)
        if fmt == "plain":
            update["answer"] = compose.to_plain(reply.answer)
            if reply.brief is not None:
                update["brief"] = compose.to_plain(reply.brief)
        return reply.model_copy(update=update)

    def _measure(self, qid: str) -> Measure:
        return self.lexicon.measure(qid)

    def _citation(self, measure: Measure) -> Citation:
        title = self.policies.document(measure.document).title
        return compose.clause_citation(measure, title)

    def _calculate(self, plan: Plan, sid: str) -> Reply:
        calcs = []
        problems: list[tuple[Measure, str]] = []
        approx: dict[Measure, list[str]] = {}
        for qid, facts in plan.calculations:
            measure = self._measure(qid)
            try:
                if qid in plan.separate and qid in plan.per_company:
                    # several companies: each with its own threshold, staff and cap
                    calcs.append((_per_company(measure, plan.per_company[qid], plan), measure))
                    continue
                if qid in plan.separate:
                    problems.append((measure, compose.separate(measure)))
                    continue
                span = plan.spans.get(qid)
                if span is not None and span[0] == "range":
                    # "三四百万", "一亿多": worked at the end the caller said (300万, 1亿), never
                    # at a midpoint nobody said; both ends must give this same award
                    facts = replace(facts, amount_yuan=span[1])
                result = calculate(measure, facts, plan.unknown.get(qid, ()))
                question = plan.open_questions.get(qid) or _doubt_decides(
                    measure, facts, result, plan.doubted.get(qid, ()), plan.unknown.get(qid, ())
                )
                if question is not None and result.eligible and result.amount_yuan:
                    # the award depends on what is not known yet: no amount is stated
                    result = replace(
                        result,
                        eligible=None,
                        amount_yuan=None,
                        unmet_conditions=[question, *result.unmet_conditions],
                        deciding=[question, *result.deciding],
                    )
                if span is not None and not _steady(measure, facts, result, span):
                    problems.append((measure, compose.UNSTEADY))
                    continue
                if span is not None and span[0] == "range":
                    approx[measure] = [compose.range_note(span[1])]
                    bound = plan.bounds.get(qid)
                    if bound is not None:
                        # "不到500万": stated as said, not as the working figure
                        result = _said_below(result, span[1], bound)
                        approx[measure] = [compose.APPROX]
                elif span is not None:
                    approx[measure] = [compose.APPROX]
                calcs.append((result, measure))
            except InvalidFacts as exc:
                problems.append((measure, exc.message))
        problems += [(self._measure(q), compose.NOT_PAID) for q in plan.unpaid]
        rules = [self._measure(q) for q in plan.rules]
        premises = list(dict.fromkeys(self._measure(q) for q, _ in plan.premises))
        asks = [self._measure(q) for q in [*plan.clarify, *filter(None, [plan.suggested])]]
        computed = {q for q, _ in plan.calculations} | set(plan.rules)
        quoted, citations, not_covered = self._look_up(
            plan.knowledge, list(plan.not_covered), computed
        )
        measures = [*(m for _, m in calcs), *premises, *rules, *asks, *(m for m, _ in problems)]
        measures = list(dict.fromkeys(measures))
        remarks = {
            self._measure(q): [f"不计入：{item}" for item in items]
            for q, items in plan.left_out.items()
        }
        for measure, lines in approx.items():
            remarks[measure] = [*remarks.get(measure, []), *lines]
        citations = [self._citation(m) for m in measures] + citations
        results = [CalculationResult.of(c) for c, _ in calcs]
        route = plan.route
        if not calcs and not rules and not premises:
            route = "clarify"
            text = self._clarify_text(plan, asks, problems)
            if not_covered or quoted:
                extra = compose.compound_answer(
                    [], [], [], not_covered, quoted, policies=self.policies
                )
                text = text + extra
        else:
            text = compose.compound_answer(
                calcs,
                rules,
                premises,
                not_covered,
                quoted,
                policies=self.policies,
                injection=plan.injection,
                remarks=remarks,
                asked=plan.asked,
            )
            if asks or problems:
                shown = [*(m for _, m in calcs), *premises, *rules]
                text = text + self._clarify_text(plan, asks, problems, shown)
        return Reply(
            answer=text.answer,
            brief=text.brief,
            hotline_script=text.hotline_script,
            route=route,
            session_id=sid,
            citations=citations,
            calculation=results[0] if results else None,
            calculations=results,
            not_covered=not_covered,
        )

    def _clarify_text(
        self,
        plan: Plan,
        asks: list[Measure],
        problems: list[tuple[Measure, str]],
        quoted: Sequence[Measure] = (),
    ) -> compose.Composed:
        """What to ask; `quoted`: measures whose source the reply already quotes."""
        policies = self.policies
        if plan.suggested:
            return compose.suggest_answer(self._measure(plan.suggested), policies=policies)
        if not asks and not problems:
            options = [self._measure(q) for q in plan.clarify_options]
            candidates = options or list(policies.measures)
            return compose.clarify_answer(None, (), candidates, policies=policies)
        text = compose.Composed()
        for m in asks:
            missing = [f"{m.base_label}金额（{m.base}）"]
            text += compose.clarify_answer(m, missing, (), policies=policies, quoted=quoted)
            # "总共花了900万，里面也有酒店住宿…": why the figure said is not the base
            notes = plan.left_out.get(m.qualified_id, [])
            text.add("remark", *(f"说明：您所说的{note}" for note in notes))
        # one problem of several measures ("所给金额不是确数…") is said once, for all of them
        grouped: dict[str, list[Measure]] = {}
        for m, message in problems:
            grouped.setdefault(message, []).append(m)
        for message, measures in grouped.items():
            text += compose.clarify_answer(
                measures[0], [message], (), policies=policies, quoted=quoted, also=measures[1:]
            )
        return text

    def _found(self, question: str, result: RetrievalResult) -> bool:
        hits = result.hits
        if lx.POLICY_NAME_ASKED.search(question):
            # "政策的全称叫什么": a passage giving a title in 《》 answers it, however short the
            # question and low its retrieval margin
            return any(lx.DOCUMENT_TITLE.search(h.chunk.text) for h in hits)
        # the question's words, and the kb's words its synonyms give ("哪几个部门" → 市电影局)
        asked = "，".join([question, *synonyms_of(question)])
        if not (result.found and hits and compose.supported(asked, hits, self.common)):
            return False
        best = compose.rerank(question, hits)
        clauses_only = all(h.chunk.measure for h in best)
        # a question in English asks of the policy in the glossary's words ("subsidy" → 补助)
        english = mostly_english(question)
        if clauses_only and not lx.POLICY_ASK.search(asked if english else question):
            return False  # only clauses to quote, for a question not about the policy's terms
        inclusion = lx.INCLUSION_ASKED.search(question)
        rest = question.replace(inclusion.group(0), "").rstrip("？?。！! ") if inclusion else ""
        if inclusion and not clause_asks(rest) and hasattr(self.retriever, "vocabulary_split"):
            unknown, known = self.retriever.vocabulary_split(inclusion["subject"])
            # (not "这笔": what it points back at is named before)
            unknown = [w for w in unknown if not w.startswith(("这", "那"))]
            if unknown and not [w for w in known if not lx.is_function_word(w)]:
                return False  # "装修费、软装算不算固定资产投入": the kb never names them
        quotable = self._quotable(question, best)
        # a title the kb holds anyway (the policy's own) is no title of what is asked ("签约的
        # 19部影视剧都叫什么名字")
        titled = [self._without_own_titles(s) for s in quotable]
        for needed in lx.answer_types(question):
            if clauses_only and needed is lx.COMPANY_NAME:
                continue  # "补贴给哪些企业": the clause names the kind
            if not any(lx.answers(needed, question, s) for s in titled):
                return False  # "几号开幕": no sentence to quote holds a date
        did = lx.WHO_DID.search(question)
        verb = did["verb"].removesuffix("的") if did else ""  # "是谁说的": 说
        if did and not lx.is_function_word(verb) and not any(verb in s for s in quotable):
            return False  # "开幕式是谁主持的": no sentence says who hosted
        people = named_entities()
        if (
            did
            and did["role"]
            and not any(verb in s and any(n in s for n in people) for s in quotable)
        ):
            return False  # "是哪位领导发布的": the sentence of the deed names nobody
        when = lx.WHEN_DID.search(question)
        deed = (when["verb"] or when["verb2"]) if when else ""
        if deed and not any(deed in s and lx.DATE_SAID.search(s) for s in quotable):
            return False  # "几号闭幕的": no sentence dates the closing
        if (
            lx.BREAKDOWN_ASKED.search(question)
            and not clauses_only
            and any(lx.COUNTED_SET.search(s) for s in quotable)
        ):
            return False  # "19部影视剧每部拿了多少补贴": the passage counts them, lists none
        member = lx.MEMBER_ASKED.search(question)
        if member is not None and not _lists_member(member, hits):
            # "19部里有没有《流浪地球3》", "倍视传媒是不是也在签约的23个项目里": no sentence
            # names it among them
            return False
        said = lx.DID_SAY.search(question)
        if said is not None and not self._said_by(said["who"], said["topic"], hits, share=0.5):
            return False  # "张升有没有说AI会不会导致剧组裁员": no paragraph of his says so
        view = lx.VIEW_OF.search(question) or lx.VIEW_OF_AFTER.search(question)
        if view is not None and not self._said_by(view["who"], view["topic"], hits):
            return False  # "张升对AI短视频怎么看": no sentence of his is about short videos
        if lx.SOLUTION_ASKED.search(question) and not self._solution_given(question, hits):
            return False  # "邵丹…那他最后给的办法到底是啥": he only posed the question
        office = lx.office_asked(question)
        if lx.BOT_VIEW.search(question):
            return False  # "你觉得…会不会…？给个明确判断": no sentence is the bot's view
        # "院长是谁": the office itself, not "原副院长"
        if office is not None and not any(re.search(f"(?<!副){office}", s) for s in quotable):
            return False  # "局长是谁": no sentence names the office
        predicts = lx.PREDICTION.search(question) and not lx.VIEW_ASKED.search(question)
        if lx.OTHER_TIME.search(question) or predicts:
            return False  # "明年还在永川办吗": another edition, or a prediction
        for event in lx.EVENT_NAME.finditer(question):
            own = lx.EVENT_NAME_FILLER.sub("", event["name"])
            elsewhere = re.search(self.lexicon.elsewhere, own)
            if elsewhere and not any(own in h.chunk.text for h in hits):
                if lx.THIS_POLICY_PLACE.search(question):
                    continue  # "这个政策是在上海国际电影节期间发布的吧": a premise to correct
                return False  # "上海国际电影节今年的主题": another city's festival
        if not lx.CONFIRM.search(question) and any(
            not any(d in h.chunk.text for h in hits) for d in _days_asked(question)
        ):
            return False  # "7月6日电影节那边有什么活动": a day the passages never mention
        years = {y.group(0).rstrip("年") for y in lx.YEAR.finditer(question)}
        # "是2024年吧？": a year offered to be checked is corrected from the passage, not refused
        checked = bool(lx.CONFIRM_STRICT.search(question) or re.search(r"吧[？?]?$", question))
        if not checked and any(not any(y in h.chunk.text for h in hits) for y in years):
            return False  # "2024年那届的主题": a year the passages never mention
        named = lx.named_types(question)
        if self._biography_unsaid(question, result.hits):
            return False  # "邵丹都拍过什么片", "布兰博公司有多少员工": not what the kb says of them
        if named:
            # "哪个学校", "口号是什么": a sentence naming one answers, however it is worded
            # the best passages, and the candidates of their documents beside them (a chunk
            # that starts mid-paragraph, "但他认为…", leaves its speaker's title in the one
            # before); the lead is then chosen for it
            docs = {h.chunk.doc_id for h in best}
            texts = [h.chunk.text for h in (*best, *hits) if h.chunk.doc_id in docs]
            return all(any(lx.answers(t, question, s) for s in texts) for t in named)
        # "我记得政策是7月15日在闭幕式上发布的吧": a figure offered for confirmation is
        # corrected by the sentence holding the true one, whatever other words it got wrong
        if lx.CONFIRM.search(question) and lx.FIGURE_CLAIMED.search(question):
            return True
        if lx.QUOTE_ASKED.search(question) and _quotes_a_passage(question, best):
            return True  # "像当初学开车一样……后半句是啥来着": a line of the passage, completed
        if _near_quote(question, hits) is not None:
            return True  # "贾樟柯说“因为资本，才有电影”": a line misquoted, corrected from it
        return not self._off_subject(question)

    def _introductions(self) -> dict[str, tuple[Chunk, str, str]]:
        """Each person the articles name, with the first passage that introduces them (a
        title right before the name): person → (chunk, sentence, the words before the name)."""
        chunks_of = getattr(self.retriever, "chunks_of", None)
        documents = getattr(self.retriever, "documents", None)
        if chunks_of is None or documents is None:
            return {}
        generation = getattr(self.retriever, "generation", None)
        cached = self._introduced
        if cached is not None and cached[0] == generation:
            return cached[1]  # (read again when the kb is ingested again)
        out: dict[str, tuple[Chunk, str, str]] = {}
        for document in documents():
            for chunk in chunks_of(str(document["id"])):
                for sentence in sent.split(chunk.text):
                    for name in named_entities():
                        at = sentence.find(name)
                        before = sentence[max(0, at - 16) : at] if at > 0 else ""
                        if name not in out and lx.TITLE_WORD.search(before):
                            out[name] = (chunk, sentence, before)
        self._introduced = (generation, out)
        return out

    def _introduction(self, question: str, hits: list[Hit]) -> tuple[Hit, str] | None:
        """ "克里斯·布兰博是哪家公司的", "奥斯卡最佳视效奖得主布兰博也来了，他怎么评价AI", "那个
        说AI像汽车取代马车的嘉宾是谁", "北影那位原来的副院长叫啥名字": who one person the
        articles name is, asked or wrongly titled; the passage that introduces them answers,
        wherever the question's other words point: that passage and the sentence. None when it
        is not such a question, or the kb does not introduce them."""
        if not hits:
            return None
        known = self._introductions()
        people = set(known)
        names = {n for n in people if n in question} | (
            set(synonyms_of(question, english_only=True)) & people
        )
        names = {n for n in names if not any(n != m and n in m for m in names)}  # 克里斯·布兰博
        if self._biography_unsaid(question, hits):
            return None
        if (
            not names
            and lx.IDENTITY_ASKED.search(question)
            and lx.DESCRIBED_PERSON.search(question)
        ):
            # "那个说AI像汽车取代马车的外国嘉宾是谁": the one person the passage found names
            names = {n for n in people if n in hits[0].chunk.text}
        if not names and lx.NAME_ASKED.search(question):
            # "北影那位原来的副院长叫啥名字": the one person introduced with that title
            asked = _in_kb_words(question)
            names = {
                n
                for n, (_, _, before) in known.items()
                if (t := lx.TITLE_WORD.search(asked))
                and t.group(0) in before
                and len(sent.bigrams(asked) & sent.bigrams(before)) >= 3
            }
        if len(names) != 1:
            return None
        name = names.pop()
        chunk, sentence, before = known[name]
        at = question.find(name)
        titled = at > 0 and lx.TITLE_WORD.search(question[max(0, at - 12) : at]) is not None
        who = bool(lx.IDENTITY_ASKED.search(question) or lx.NAME_ASKED.search(question))
        if name in question and not (who or titled):
            return None
        if lx.NOW_ASKED.search(question) and "原" in before:
            return None  # "侯克明现在在哪个单位": the kb gives a former title
        if titled and not _claims_another_title(question, name, before):
            return None  # the title said is the kb's own: no claim to correct
        return replace(hits[0], chunk=chunk), sentence

    def _former_title_asked_now(self, question: str) -> bool:
        """ "侯克明现在在哪个单位任职？已经退休了吗": where someone is now, of a person the kb
        gives only a former title ("原副院长")."""
        if not lx.NOW_ASKED.search(question):
            return False
        return any(
            name in question and "原" in before
            for name, (_, _, before) in self._introductions().items()
        )

    def _byline(self, question: str, hits: list[Hit]) -> tuple[Hit, str] | None:
        """ "这篇是哪两位记者写的", "那篇文章是哪家媒体发的": the article's byline, in the
        document the question found; None when it has none."""
        if not hits or not lx.BYLINE_ASKED.search(question):
            return None
        chunks_of = getattr(self.retriever, "chunks_of", None)
        if chunks_of is None:
            return None
        for chunk in chunks_of(hits[0].chunk.doc_id):
            for sentence in sent.split(chunk.text):
                if lx.BYLINE.search(sentence):
                    return replace(hits[0], chunk=chunk), sentence
        return None

    def _biography_unsaid(self, question: str, hits: list[Hit]) -> bool:
        """A question about someone the kb names that asks for their biography (films, staff,
        age, nationality, schooling, revenue) in words no paragraph naming them uses: the kb
        says of them only who they are and what they said."""
        names = [n for n in named_entities() if n in question]
        if not names:
            return False
        asked = {m.group(0) for m in lx.BIOGRAPHY_ASKED.finditer(question)}
        if not asked:
            return False
        paragraphs = "".join(_paragraphs_naming(names, hits))
        return not any(word in paragraphs for word in asked)

    def _without_own_titles(self, sentence: str) -> str:
        for document in self.policies.documents:
            sentence = sentence.replace(f"《{document.title}》", "")
        return sentence

    def _solution_given(self, question: str, hits: list[Hit]) -> bool:
        """Does a paragraph naming the person the question names give a way out? (No person
        named: not checked.)"""
        rare: list[str] = getattr(self.retriever, "rare_words", lambda _q: [])(question)
        names = [w for w in rare if any(w in h.chunk.text for h in hits)]
        if not names:
            return True
        return any(lx.SOLUTION_SAID.search(p) for p in _paragraphs_naming(names, hits))

    def _said_by(self, who: str, topic: str, hits: list[Hit], share: float = 0.0) -> bool:
        """Does a retrieved paragraph naming this person speak of the subject (with more than
        `share` of its words, when given)?"""
        words = {
            b
            for b in sent.bigrams(topic)
            if b not in compose.GENERIC | self.common
            and not quote.FUNCTION_CHARS & set(b)
            and all("\u4e00" <= c <= "\u9fff" for c in b)  # "AI" is in every paragraph here
        }
        # "奥斯卡最佳视效奖得主布兰博对…": the name is the end of the words before 对
        names = [who[i:] for i in range(len(who) - 1)]
        for paragraph in _paragraphs_naming(names, hits):
            common = words & sent.bigrams(paragraph)
            if not words or (common and len(common) > share * len(words)):
                return True
        return False

    def _quotable(self, question: str, hits: list[Hit]) -> list[str]:
        out: list[str] = []
        for hit in hits:
            chunk = hit.chunk
            measure = (
                self.policies.find(f"{chunk.doc_id}/{chunk.measure}") if chunk.measure else None
            )
            out += [measure.source] if measure else compose.best_sentences(question, chunk.text)
        return out

    def _without_asides(self, question: str, known: Sequence[str] | None = None) -> str:
        """The message without its asides ("学生作业要用", "写稿要带头衔", "列一下就行": a
        clause that asks nothing, names no amount and no word of the kb); the message itself
        when nothing else is left. `known`: the message's kb words, when already split."""
        if known is None:
            split = getattr(self.retriever, "vocabulary_split", None)
            if split is None:
                return question
            _, known = split(question)
        words = [*known, *self.lexicon.words]
        kept = "".join(c for c in _clauses(question) if not _aside(c, words))
        return kept.rstrip("，,；;：:") or question

    def _off_subject(self, question: str) -> bool:
        """The question's own words are mostly ones the kb never uses: a loosely related
        passage is no answer ("哪所大学的特效专业最好" retrieves the effects clause)."""
        split = getattr(self.retriever, "vocabulary_split", None)
        if split is None or lx.ISSUER_ASKED.search(question):
            return False  # who issued the policy: the news says, whatever body is named
        rare = getattr(self.retriever, "rare_words", None)
        if lx.TITLE_WORD.search(question) and rare is not None and rare(question):
            # "北京电影学院现任院长侯克明…", "张升是…所长吧": a title claimed of someone the kb
            # names is corrected from the sentence that introduces them
            return False
        unknown, known = split(question)
        # the words of an aside are no subject the kb lacks
        subject = self._without_asides(question, known)
        unknown = [w for w in unknown if w in subject]
        known += [w for w in unknown if w in self.lexicon.words]
        unknown = [
            w
            for w in unknown
            if not lx.is_function_word(w)
            and w not in lx.DOCUMENT_WORDS
            and w not in self.lexicon.words
            and w not in lx.VERB_FORMS
        ]
        if lx.CONFIRM.search(question):
            # "电影节是在重庆渝中区办的对吧": a place claimed is a premise to check, no subject
            # the kb lacks
            places = [*self.lexicon.here_names, *self.lexicon.elsewhere_names]
            named = [w for w in unknown if any(p in w for p in places)]
            unknown = [w for w in unknown if w not in named and not any(w in n for n in named)]
        here = set(self.lexicon.here_names)
        known += synonyms_of(
            question, english_only=True
        )  # "Chris Bramble 拿过什么奖": 布兰博, a name it knows
        known = [w for w in known if w not in lx.GENERIC_WORDS and w not in here]
        rumour = lx.HEARSAY.search(question)
        if rumour and not lx.FIGURE_CLAIMED.search(question):
            # (the words of the rumour's own sentence, not a letter's greeting around it)
            said = re.split(r"[。！？!?\n]", question[rumour.start() :])[0]
            if [w for w in unknown if w in said and not lx.HEARSAY.fullmatch(w)]:
                return True  # a rumour of something the kb never speaks of
        return len(unknown) > len(known)

    def _within_named_policy(self, text: str, result: RetrievalResult) -> RetrievalResult:
        """A message that names one of several policies is answered from that one (and the
        articles), never from another policy's clauses."""
        named = [d.document for d in self.policies.documents if d.named_in(text)]
        if len(named) != 1 or len(self.policies.documents) < 2:
            return result
        others = {d.document for d in self.policies.documents} - set(named)
        hits = [h for h in result.hits if h.chunk.doc_id not in others]
        return replace(result, hits=hits, found=result.found and bool(hits))

    def _look_up(
        self, questions: list[str], not_covered: list[str], computed: set[str] | None = None
    ) -> tuple[list[tuple[str, str]], list[Citation], list[str]]:
        """Sub-questions of a compound message: quote what the kb says, or name them. A clause
        the reply already computes (and quotes as its source) is not quoted again."""
        quoted: list[tuple[str, str]] = []
        citations: list[Citation] = []
        elsewhere = self.lexicon.elsewhere
        for question in questions:
            if re.search(f"(?:{elsewhere})(?:{lx.THAT_PLACE_POLICY}|{lx.OTHER_POLICY})", question):
                not_covered.append(OTHER_PLACES)  # "成都那边有没有类似的政策可以一起申请"
                continue
            result = self.retriever.retrieve(question, k=CANDIDATES)
            if not self._found(question, result):
                not_covered.append(question)
                continue
            hit = compose.rerank(question, result.hits, keep=1)[0]
            chunk = hit.chunk
            if chunk.measure and f"{chunk.doc_id}/{chunk.measure}" in (computed or set()):
                continue  # "能拿重庆的后期奖励吗" beside that award's calculation
            measure = (
                self.policies.find(f"{chunk.doc_id}/{chunk.measure}") if chunk.measure else None
            )
            if measure is not None:
                sentences = [measure.source]
            else:
                # the sentence that answers, chosen as a knowledge answer's lead is (never the
                # headline run into the first sentence)
                lead = quote.choose(
                    question,
                    [h for h in result.hits if h.chunk.doc_id == chunk.doc_id],
                    getattr(self.retriever, "chunks_of", lambda _doc: ()),
                    compose.GENERIC | self.common,
                    self.similarity,
                )
                sentences = lead.exact if lead is not None else [quote.body_of(chunk)]
            text = "“" + "".join(sentences) + "”"
            if any(text in q for _, q in quoted):
                continue  # the same passage for two sub-questions: quoted once
            # a claim of who issued the policy and when is answered, not repeated
            label = "政策的发布" if lx.ORIGIN_CLAIM.search(question) else question
            quoted.append((label, f"{text}（《{chunk.title}》）"))
            citations.append(compose.hit_citation(hit, "".join(sentences)))
        # "…能补多少" and "…能补多少，哪边更划算": named once, in the longer words
        named = list(dict.fromkeys(not_covered))
        named = [n for n in named if not any(n != m and n in m for m in named)]
        return quoted, citations, named

    def _in_the_conversation(self, text: str, plan: Plan) -> str:
        """A question that points back at the conversation's measure ("这个补贴什么时候给",
        "哪些服务算在里面", "申请的时候要凭什么") is asked of that measure: its title is added."""
        if len(plan.focus) != 1 or plan.focus[0] not in self.lexicon.measures:
            return text
        if self.lexicon.scores(text) or not lx.POINTS_BACK.search(text):
            return text  # names a measure of its own, or does not point back
        return f"{text}（{self._measure(plan.focus[0]).title}）"

    def _knowledge(self, text: str, plan: Plan, sid: str) -> Reply:
        if plan.why == "not_covered":
            answer = compose.not_found_answer(self.policies, plan.not_covered)
            return Reply(
                answer=answer, route="knowledge", session_id=sid, not_covered=plan.not_covered
            )
        text = self._without_asides(text)  # "学生作业要用": no words to look for
        query = self._in_the_conversation(text, plan)  # retrieved with; the lead is for `text`
        result = self._within_named_policy(text, self.retriever.retrieve(query, k=CANDIDATES))
        hits = compose.rerank(text, result.hits) if result.hits else []
        hits, their_words = _of_the_person_asked(text, hits)
        intro = self._introduction(text, hits) or self._byline(text, hits)
        if self._former_title_asked_now(text) or (not self._found(query, result) and intro is None):
            answer = compose.not_found_answer(self.policies)
            return Reply(answer=answer, route="knowledge", session_id=sid)
        # "这个政策是在上海国际电影节期间发布的吧": led by when and where it was released
        lead_for = lx.RELEASE_ASKED if lx.THIS_POLICY_PLACE.search(text) else text
        quoted = _near_quote(text, hits)
        if quoted is not None:
            lead_for = quoted  # the line the question quotes, however misquoted
        if intro is not None:
            hits, lead_for = [intro[0]], intro[1]  # who they are: their introduction leads
        if self.composer is not None:
            composed = self.composer.compose(text, hits)
            if composed is not None:
                # One citation per document clause (hits may be overlapping chunks).
                cited: dict[tuple[str, str | None], Hit] = {}
                for h in hits:
                    cited.setdefault((h.chunk.doc_id, h.chunk.measure), h)
                citations = [compose.hit_citation(h) for h in cited.values()]
                return Reply(
                    answer=composed.text,
                    route="knowledge",
                    session_id=sid,
                    citations=citations,
                    calculation=composed.calculation,
                    calculations=[composed.calculation] if composed.calculation else [],
                )
        answer, citations = self._extracted(lead_for, hits, plan)
        if their_words is not None and _another_speaker_leads(text, answer):
            # "侯克明对AI怎么看" led by another speaker's words: theirs lead instead
            answer, citations = self._extracted(their_words, hits, plan)
        if plan.not_covered:
            # "…发布日期写准确，另外问通知里能不能附政策原文链接": the open part named beside it
            lines = answer.splitlines()
            at = next((i for i, line in enumerate(lines) if line.startswith("来源：")), len(lines))
            answer = "\n".join(
                [
                    *lines[:at],
                    *compose.open_lines(plan.not_covered, self.policies, False),
                    *lines[at:],
                ]
            )
        # The page lists the citations under the answer: its text leaves out the sources line.
        brief = "\n".join(line for line in answer.splitlines() if not line.startswith("来源："))
        return Reply(
            answer=answer,
            route="knowledge",
            session_id=sid,
            citations=citations,
            brief=brief,
            not_covered=plan.not_covered,
        )

    def _extracted(self, lead_for: str, hits: list[Hit], plan: Plan) -> tuple[str, list[Citation]]:
        return compose.extractive_answer(
            lead_for,
            hits,
            self.policies,
            plan.injection,
            documents=getattr(self.retriever, "chunks_of", None),
            common=self.common,
            similarity=self.similarity,
        )


def _another_speaker_leads(question: str, answer: str) -> bool:
    """Does the answer's first line name a person of the kb the question does not name?"""
    lead = answer.split("\n", 1)[0]
    return any(n in lead and n not in question for n in named_entities())


# A sub-question about another place's own policy, named as open beside the calculation.
OTHER_PLACES = compose.OTHER_PLACES


def _near_quote(question: str, hits: list[Hit]) -> str | None:
    """The sentence of a passage found that a phrase the question quotes nearly repeats (half
    of its pairs of characters or more: "因为资本，才有电影" of "因为科技,才有电影"), or None."""
    for phrase in lx.QUOTED.findall(question):
        pairs = sent.bigrams(phrase)
        if len(pairs) < 3 or any(phrase in h.chunk.text for h in hits[:3]):
            continue  # (quoted right: the usual reading finds it)
        for hit in hits[:3]:
            for sentence in sent.split(hit.chunk.text):
                if len(pairs & sent.bigrams(sentence)) * 2 >= len(pairs):
                    return sentence
    return None


def _quotes_a_passage(question: str, hits: list[Hit]) -> bool:
    """Does the question quote four characters running of a passage found?"""
    runs = re.findall(r"[\u4e00-\u9fff]{4,}", question)
    grams = {run[i : i + 4] for run in runs for i in range(len(run) - 3)}
    return any(g in h.chunk.text for g in grams for h in hits[:2])


def _in_kb_words(text: str, within: str | None = None) -> str:
    """The text with its short forms in the kb's words ("北影" → 北京电影学院); `within`: only
    those words that text holds."""
    for term, targets in synonyms().items():
        if not term.isascii() and term in text and (within is None or targets[0] in within):
            text = text.replace(term, targets[0])
    return text


def _claims_another_title(question: str, name: str, introduced: str) -> bool:
    """Does the title the question puts before the name say something the kb's introduction
    does not ("奥斯卡最佳视效奖得主布兰博" beside "艾美奖最佳视效奖得主…布兰博")? Its short
    forms are read in the kb's words first ("北影原副院长" is "北京电影学院原副院长")."""
    head = re.split(r"[，,。；;：:！!？?、\s]", question[: question.find(name)])[-1][-12:]
    head = _in_kb_words(head, within=introduced)
    return bool(sent.bigrams(head) - sent.bigrams(introduced))


def _of_the_person_asked(question: str, hits: list[Hit]) -> tuple[list[Hit], str | None]:
    """ "侯克明对AI怎么看": what one person the kb names said or thinks is in a paragraph naming
    them, not in another speaker's on the same subject: the passages naming them, and the
    first sentence of their first paragraph to lead."""
    names = [n for n in named_entities() if n in question]
    if len(names) != 1 or not lx.VIEW_ASKED.search(question):
        return hits, None
    own = [h for h in hits if names[0] in h.chunk.text]
    paragraphs = _paragraphs_naming(names, own)
    if not paragraphs:
        return hits, None
    return own, re.split(r"(?<=[。！？!?])", paragraphs[0])[0]


def _paragraphs_naming(names: Sequence[str], hits: list[Hit]) -> list[str]:
    """The retrieved paragraphs that name one of these people."""
    return [
        paragraph
        for hit in hits
        for paragraph in hit.chunk.text.split("\n")
        if any(name in paragraph for name in names)
    ]


def _lists_member(member: re.Match[str], hits: list[Hit]) -> bool:
    """Does a retrieved sentence name the item asked about among the set it is asked of? (Not
    checked for a verb, "有没有写到", nor a count asked, "有几部影视剧".)"""
    item = re.sub(r"^(也|还|那个|这个|做|搞)", "", member["item"] or member["item2"])
    item = re.sub(r"(的|项目|公司)$", "", item)  # "做道具库的": 道具库
    if re.match(r"(写|提|说|讲|规定|包括|涉及|要求)", item) or re.search(
        r"几|多少|哪|什么|啥", item
    ):
        return True
    of_set = {
        b
        for b in sent.bigrams(member["set"] or member["set2"] or "")
        if not quote.FUNCTION_CHARS & set(b)
    }
    sentences = [p for h in hits for p in re.split(r"(?<=[。！？!?])", h.chunk.text)]
    return any(item in p and (not of_set or of_set & sent.bigrams(p)) for p in sentences)


def _days_asked(question: str) -> set[str]:
    """The days a question names ("7月6日"), but not a date claimed for an event the kb dates
    ("政策是7月15日发布的": corrected from the passage)."""
    return {
        d.group(0).replace("号", "日")
        for d in lx.DAY.finditer(question)
        if not re.match(
            r"[^，,。？?]{0,16}(发布|出台|举行|举办|签约|开幕|闭幕|召开|印发)", question[d.end() :]
        )
    }


def _in_the_conversation_s_unit(text: str, state: dict[str, Any], focus: list[str]) -> str:
    """ "不是800是880" after "重庆棚租800万": bare numbers of a follow-up in 万, like the amount
    the conversation is about."""
    if not focus or find_amounts(text) or not lx.BARE_ANY.search(text):
        return text
    facts = (state.get("facts") or {}).get(focus[0]) or {}
    amount = facts.get("amount_yuan")
    if not isinstance(amount, int) or amount < 10_000 or amount % 10_000:
        return text
    said = {m.group(0) for m in lx.BARE_ANY.finditer(text)}
    if str(amount // 10_000) not in said and not lx.CORRECTION.search(text):
        return text  # no word of the earlier amount, nor a correction: not one in 万
    return lx.BARE_ANY.sub(lambda m: m.group(0) + "万", text)


def _doubt_decides(
    measure: Measure,
    facts: Facts,
    result: Calculation,
    doubted: Sequence[str],
    unknown: Sequence[str],
) -> str | None:
    """The question for a yes/no fact the user does not know yet ("还不确定能不能进市级重大
    项目名单"), when the award would differ were it true; None when it does not decide."""
    for name in doubted:
        if getattr(facts, name) is not None:
            continue  # stated elsewhere in the conversation
        other = calculate(measure, replace(facts, **{name: True}), unknown)  # type: ignore[arg-type]
        if other.amount_yuan != result.amount_yuan:
            return FIELD_BY_NAME[name].question
    return None


def _per_company(measure: Measure, own: dict[str, Facts], plan: Plan) -> Calculation:
    """A measure counted per company, for several companies at once: each computed with its
    own facts, then one result whose amount is their sum (unknown if one is unknown), with each
    company's steps, open questions and reasons under its letter."""
    results = {
        letter: calculate(measure, facts, plan.unknown.get(measure.qualified_id, ()))
        for letter, facts in own.items()
    }
    first = next(iter(results.values()))
    eligible: bool | None
    if any(r.eligible is None for r in results.values()):
        eligible, amount = None, None
    else:
        eligible = any(r.eligible for r in results.values())
        amount = sum(r.amount_yuan or 0 for r in results.values() if r.eligible)

    def each(field: str) -> list[str]:
        return [f"{letter}：{line}" for letter, r in results.items() for line in getattr(r, field)]

    steps = each("steps")
    if sum(1 for r in results.values() if r.eligible) > 1:
        parts = " + ".join(format_wan(r.amount_yuan or 0) for r in results.values() if r.eligible)
        who = next(
            (w for w in ("年度", "项目") if all(letter.endswith(w) for letter in results)), "企业"
        )
        who = f"各{who}"
        steps.append(f"{who}分别计算后合计：{parts} = {format_wan(amount or 0)}")
    return replace(
        first,
        inputs={"companies": {letter: r.inputs for letter, r in results.items()}},
        eligible=eligible,
        amount_yuan=amount,
        is_upper_bound=any(r.is_upper_bound for r in results.values()),
        capped=any(r.capped for r in results.values()),
        steps=steps,
        unmet_conditions=each("unmet_conditions"),
        reasons=each("reasons"),
        deciding=each("deciding"),
        notes=list(dict.fromkeys(n for r in results.values() for n in r.notes)),
    )


def _said_below(result: Calculation, working: Yuan, bound: Yuan) -> Calculation:
    said, shown = f"不到{format_wan(bound)}", format_wan(working)
    return replace(
        result,
        steps=[step.replace(shown, said) for step in result.steps],
        reasons=[reason.replace(shown, said) for reason in result.reasons],
    )


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"(?<=[，,。；;：:？?！!])", text) if c]


def _aside(clause: str, known: Sequence[str]) -> bool:
    """A clause that asks nothing, names no amount and no word of the kb: "写稿要带头衔",
    "学生作业求助", "列一下就行"."""
    return not (
        clause_asks(clause)
        or re.search(r"谁|啥|几|咋|为何|为什么", clause)
        or re.match(r"(如果|要是|假如|万一|若|倘若)", clause)  # a condition of the question
        or lx.A_NOT_A.search(clause)
        or find_amounts(clause)
        or any(w in clause for w in known)
    )


def _steady(
    measure: Measure, facts: Facts, result: Calculation, span: tuple[str, Yuan, Yuan]
) -> bool:
    """Is an inexact amount's result stated safely? "280万左右" (approx): only if 10% either
    side gives the same kind of result (no threshold or cap crossed); "八九百万" (a range):
    only if both ends give the same award. Otherwise the exact amount is asked for."""
    kind, low, high = span
    if facts.claims_yuan:
        return False  # several claims with an inexact one: ask rather than guess

    def at(amount: Yuan) -> Calculation:
        return calculate(measure, replace(facts, amount_yuan=amount))

    ends = (at(low), at(high))
    if kind == "approx":
        return len({(c.eligible, c.capped) for c in (*ends, result)}) == 1
    return len({(c.eligible, c.amount_yuan) for c in ends}) == 1


__all__ = ["Bot", "Citation", "InvalidQuestion"]
