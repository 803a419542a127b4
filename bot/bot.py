"""The bot: one library call, `Bot.ask(question, session_id) -> Reply`, behind every interface."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal, Protocol

from bot import compose
from bot.errors import InvalidQuestion
from bot.normalize import is_meaningful, validate
from bot.reply import Citation, Reply
from bot.router import Decision, asks_cap, asks_threshold, decide
from bot.sessions import SessionStore
from bot.slots import Slots, extract
from policy import Facts, InvalidFacts, calculate, get_measure

if TYPE_CHECKING:
    from bot.llm import LLMComposer
    from bot.settings import Settings
    from ingest.reader.retrieval import RetrievalResult

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
    ) -> None:
        self.retriever = retriever
        self.sessions = sessions
        self.composer = composer
        self.max_chars = max_chars

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Bot:
        """Open the index, the session store and (if configured) the LLM composer."""
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
        sessions = SessionStore(settings.data_dir / "sessions.db")
        return cls(
            retriever,
            sessions,
            composer=LLMComposer.from_settings(settings),
            max_chars=settings.max_message_chars,
        )

    def warm(self) -> None:
        self.retriever.warm()
        self.ask("摄影棚补贴上限是多少？", session_id="__warmup__")

    def reload(self) -> bool:
        return self.retriever.reload_if_changed()

    def ask(self, question: str, session_id: str | None = None, fmt: Format = "markdown") -> Reply:
        """Answer one turn. Raises InvalidQuestion (Chinese message) for empty or huge input."""
        text = validate(question, self.max_chars)
        sid = SessionStore.resolve_id(session_id)
        state = self.sessions.load(sid)
        earlier = Slots.from_json(state["slots"]) if state.get("slots") else None
        if not is_meaningful(text):
            reply = Reply(
                answer=compose.out_of_scope_answer("noise"), route="out_of_scope", session_id=sid
            )
            return self._finish(reply, fmt, sid, state, None)
        decision, slots = decide(text, extract(text), earlier)
        if decision.route == "calculator":
            reply = self._calculator(text, decision, slots, sid)
        elif decision.route == "clarify":
            reply = self._clarify(decision, slots, sid)
        elif decision.route == "out_of_scope":
            reply = Reply(
                answer=compose.out_of_scope_answer(decision.why),
                route="out_of_scope",
                session_id=sid,
            )
        else:
            reply = self._knowledge(text, decision, sid)
        keep = slots if reply.route in {"calculator", "clarify"} and slots.measure else earlier
        return self._finish(reply, fmt, sid, state, keep)

    def _finish(
        self, reply: Reply, fmt: Format, sid: str, state: dict[str, object], slots: Slots | None
    ) -> Reply:
        new_state = dict(state)
        new_state["last_route"] = reply.route
        new_state["turns"] = int(str(state.get("turns", 0))) + 1
        if slots is not None:
            new_state["slots"] = slots.to_json()
        self.sessions.save(sid, new_state)
        if fmt == "plain":
            reply = reply.model_copy(update={"answer": compose.to_plain(reply.answer)})
        return reply

    def _calculator(self, text: str, decision: Decision, slots: Slots, sid: str) -> Reply:
        assert slots.measure is not None
        measure = get_measure(slots.measure)
        citation = [compose.clause_citation(measure)]
        needs_amount = measure.needs_amount and slots.amount_yuan is None
        needs_tier = bool(measure.tiers) and slots.tier is None
        if needs_amount or needs_tier:
            if asks_cap(text) or asks_threshold(text) or decision.injection or needs_tier:
                answer = compose.measure_facts_answer(measure, decision.injection)
                return Reply(answer=answer, route="calculator", session_id=sid, citations=citation)
            missing = [f"{measure.base_label}金额（{measure.base}）"]
            return Reply(
                answer=compose.clarify_answer(measure, missing, ()),
                route="clarify",
                session_id=sid,
                citations=citation,
            )
        facts = Facts(
            amount_yuan=None if slots.claims_yuan else slots.amount_yuan,
            claims_yuan=slots.claims_yuan,
            staff=slots.staff,
            major_project=slots.major_project,
            land_yuan=slots.land_yuan,
            commercial_yuan=slots.commercial_yuan,
            tier=slots.tier,
        )
        try:
            result = calculate(measure.id, facts)
        except InvalidFacts as exc:
            return Reply(
                answer=compose.clarify_answer(measure, [exc.message], ()),
                route="clarify",
                session_id=sid,
                citations=citation,
            )
        return Reply(
            answer=compose.calculation_answer(result, decision.injection),
            route="calculator",
            session_id=sid,
            citations=citation,
            calculation=result.to_dict(),
        )

    def _clarify(self, decision: Decision, slots: Slots, sid: str) -> Reply:
        return Reply(
            answer=compose.clarify_answer(None, (), slots.ambiguous),
            route="clarify",
            session_id=sid,
        )

    def _knowledge(self, text: str, decision: Decision, sid: str) -> Reply:
        if decision.why == "not_covered":
            return Reply(
                answer=compose.not_found_answer("not_covered"), route="knowledge", session_id=sid
            )
        result = self.retriever.retrieve(text, k=CANDIDATES)
        if not result.found or not result.hits or not compose.supported(text, result.hits):
            return Reply(answer=compose.not_found_answer(), route="knowledge", session_id=sid)
        hits = compose.rerank(text, result.hits)
        if self.composer is not None:
            composed = self.composer.compose(text, hits)
            if composed is not None:
                citations = [compose.hit_citation(h) for h in hits]
                return Reply(
                    answer=composed.text,
                    route="knowledge",
                    session_id=sid,
                    citations=citations,
                    calculation=composed.calculation,
                )
        answer, citations = compose.extractive_answer(text, hits, decision.injection)
        return Reply(answer=answer, route="knowledge", session_id=sid, citations=citations)


__all__ = ["Bot", "Citation", "InvalidQuestion"]
