"""/wechat: WeChat's message push (server verification and text messages, XML or JSON).

WeChat drops a passive reply that takes longer than 5 seconds, so the answer is awaited for
at most REPLY_TIMEOUT_SECONDS; when late, the user is asked to send the question again (the
late answer still completes and is logged, and the next ask is answered warm).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from functools import partial
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from bot.service import wechat
from bot.service.deps import StateDep, check_message
from bot.service.errors import ApiError
from bot.service.routes.chat import answer
from bot.service.state import AppState

logger = logging.getLogger("policybot.api")

router = APIRouter(tags=["wechat"])

REPLY_TIMEOUT_SECONDS = 4.5
LATE_REPLY = "正在查询，请稍后再发送一次。"
NON_TEXT_REPLY = (
    "您好，我是影视政策助手，目前只能回答文字消息。请直接输入您的问题，"
    "例如：“在重庆租用摄影棚花了800万元，能拿多少补助？”"
)
BUSY_REPLY = "提问太频繁了，请稍后再试。"
LOADING_REPLY = "服务正在启动，请稍后再发送一次。"
ERROR_REPLY = "服务暂时出现问题，请稍后再试。"

Signed = Annotated[str, Query(max_length=128)]


def _check_signature(state: AppState, signature: str, timestamp: str, nonce: str) -> None:
    if not wechat.verify(state.settings.wechat_token, signature, timestamp, nonce):
        raise ApiError(403, "bad_signature", "签名校验失败。")


def session_for(openid: str) -> str:
    """One conversation per WeChat user (hashed: session ids allow only a few characters)."""
    return "wechat-" + hashlib.sha256(openid.encode("utf-8")).hexdigest()[:32]


@router.get("/wechat", response_class=PlainTextResponse)
async def verify_server(
    state: StateDep,
    signature: Signed = "",
    timestamp: Signed = "",
    nonce: Signed = "",
    echostr: Signed = "",
) -> PlainTextResponse:
    """Server verification: echo `echostr` only when the signature matches, else 403."""
    _check_signature(state, signature, timestamp, nonce)
    return PlainTextResponse(echostr)


@router.post("/wechat", response_class=Response)
async def receive_message(
    request: Request,
    state: StateDep,
    signature: Signed = "",
    timestamp: Signed = "",
    nonce: Signed = "",
) -> Response:
    """A pushed message (XML or JSON); the reply is a text message in the same format."""
    _check_signature(state, signature, timestamp, nonce)
    try:
        message = wechat.parse(await request.body(), request.headers.get("content-type", ""))
    except wechat.BadMessage as exc:
        raise ApiError(400, "bad_message", "无法解析的消息。") from exc
    text = await _reply_text(state, message)
    body, media_type = wechat.build_text_reply(message, text, int(time.time()))
    return Response(body, media_type=media_type)


async def _reply_text(state: AppState, message: wechat.Message) -> str:
    if message.msg_type != "text":
        return NON_TEXT_REPLY
    try:
        question = check_message(message.content, state)
    except ApiError as exc:
        return exc.message
    client = f"wechat:{message.from_user}"
    if state.limiter.acquire(client) > 0:
        return BUSY_REPLY
    if state.bot is None or not state.ready:
        return LOADING_REPLY
    call = partial(
        answer,
        state,
        state.bot,
        question,
        session_for(message.from_user),
        "plain",
        client=client,
        channel="wechat",
    )
    # abandon_on_cancel: on timeout the answer finishes (and is logged) in the background.
    work = anyio.to_thread.run_sync(call, abandon_on_cancel=True, limiter=state.ask_slots)
    try:
        reply = await asyncio.wait_for(work, REPLY_TIMEOUT_SECONDS)
    except TimeoutError:
        logger.warning("wechat answer late for %s", client)
        return LATE_REPLY
    except ApiError as exc:
        return exc.message
    except Exception:
        logger.exception("wechat answer failed")
        return ERROR_REPLY
    return reply.answer
