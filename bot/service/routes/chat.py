"""POST /api/chat and /api/chat/stream: the reply contract of DESIGN.md, as JSON or SSE."""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

import anyio
from fastapi import APIRouter, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from bot.reply import Reply
from bot.service.deps import ClientDep, StateDep, check_message, ready_bot
from bot.service.errors import STATUS_ERRORS, ApiError
from bot.service.logstore import LoggedQuestion, is_answered
from bot.service.state import AppState
from bot.sessions import WEB

if TYPE_CHECKING:
    from bot.bot import Bot

logger = logging.getLogger("policybot.api")

router = APIRouter(prefix="/api", tags=["chat"])

# The id of one answer, for POST /api/feedback: a header, so the reply contract stays as it is.
ANSWER_ID_HEADER = "X-Answer-Id"
_ANSWER_ID_DOC = {
    ANSWER_ID_HEADER: {
        "description": "this answer's id: POST /api/feedback rates it",
        "schema": {"type": "string"},
    }
}

# A sentence ends after 。！？；!? (and any closing quotes) or at a line break.
_SENTENCE = re.compile(r"[^。！？；!?\n]*(?:[。！？；!?]+[”’」』）)]*\n*|\n+|$)")


class ChatRequest(BaseModel):
    message: str = Field(description="the question, in Chinese")
    session_id: str | None = Field(
        default=None,
        description="continue a conversation: the session_id of an earlier reply; an id the "
        "server did not issue, or one idle too long, starts a new session (the reply carries "
        "its id)",
    )
    format: Literal["markdown", "plain"] = Field(
        default="markdown", description="plain: no Markdown (WeChat)"
    )


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer; joined again they give back the text exactly."""
    return [part for part in _SENTENCE.findall(text) if part]


def answer(
    state: AppState,
    bot: Bot,
    question: str,
    session_id: str | None,
    fmt: Literal["markdown", "plain"],
    *,
    client: str,
    channel: str,
    sessions_of: str = WEB,
    answer_id: str | None = None,
) -> Reply:
    """Ask the bot and log the question with its reply (runs in a worker thread);
    `sessions_of` is the channel whose sessions `session_id` may name, `answer_id` the id
    its asker may rate the answer by."""
    started = time.perf_counter()
    try:
        reply = bot.ask(question, session_id, fmt, channel=sessions_of)
    except Exception as exc:
        raise _as_api_error(exc) from exc
    latency_ms = round((time.perf_counter() - started) * 1000)
    data = reply.model_dump()
    entry = LoggedQuestion(
        client=client,
        channel=channel,
        question=question,
        route=reply.route,
        answered=is_answered(data),
        latency_ms=latency_ms,
        session_id=reply.session_id,
        answer=reply.answer,
        reply=data,
        answer_id=answer_id,
    )
    state.answers.add(reply.route, entry.answered)
    # The answer does not wait on the log: a failed write is counted for /readyz.
    state.log_writes.attempt(lambda: state.log.record(entry))
    return reply


def _as_api_error(exc: Exception) -> Exception:
    """The bot's refusal of a question (empty, too long, garbage) becomes a 422."""
    from bot.errors import InvalidQuestion

    if isinstance(exc, InvalidQuestion):
        return ApiError(422, exc.code, exc.message)
    return exc


def new_answer_id() -> str:
    return secrets.token_hex(16)


@router.post("/chat", response_model=Reply, responses={200: {"headers": _ANSWER_ID_DOC}})
async def chat(body: ChatRequest, client: ClientDep, state: StateDep, response: Response) -> Reply:
    """Answer one question (calculator, knowledge, clarify or out of scope) with citations."""
    question = check_message(body.message, state)
    bot = ready_bot(state)
    answer_id = new_answer_id()
    work = _answering(state, bot, question, body, client, "api", answer_id)
    reply = await anyio.to_thread.run_sync(work, limiter=state.ask_slots)
    response.headers[ANSWER_ID_HEADER] = answer_id
    return reply


def _answering(
    state: AppState,
    bot: Bot,
    question: str,
    body: ChatRequest,
    client: str,
    channel: str,
    answer_id: str,
) -> Callable[[], Reply]:
    """The blocking call that answers one chat request (run in a worker thread)."""
    return partial(
        answer,
        state,
        bot,
        question,
        body.session_id,
        body.format,
        client=client,
        channel=channel,
        answer_id=answer_id,
    )


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post(
    "/chat/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "headers": _ANSWER_ID_DOC}},
)
async def chat_stream(body: ChatRequest, client: ClientDep, state: StateDep) -> StreamingResponse:
    """The same answer as Server-Sent Events.

    `event: delta` with {"text": sentence} for each sentence of the text a page shows (the
    reply's `brief` where it has one: the blocks of a calculation are in the reply, not in the
    text), then `event: done` with the whole reply; a failure while answering is sent as
    `event: error` {code, message}.
    """
    question = check_message(body.message, state)
    bot = ready_bot(state)
    answer_id = new_answer_id()  # sent ahead in the headers, before the answer exists

    async def events() -> AsyncIterator[str]:
        yield ": answering\n\n"  # a comment: lets clients see the stream is open
        try:
            work = _answering(state, bot, question, body, client, "stream", answer_id)
            reply = await anyio.to_thread.run_sync(work, limiter=state.ask_slots)
        except ApiError as exc:
            yield _event("error", {"code": exc.code, "message": exc.message})
            return
        except Exception:
            logger.exception("chat stream failed")
            code, message = STATUS_ERRORS[500]
            yield _event("error", {"code": code, "message": message})
            return
        for sentence in split_sentences(reply.brief or reply.answer):
            yield _event("delta", {"text": sentence})
        yield _event("done", reply.model_dump())

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
            ANSWER_ID_HEADER: answer_id,
        },
    )
