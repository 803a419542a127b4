"""/wechat: WeChat's message push (server verification and text messages, XML or JSON,
plain or in safe mode).

A push is accepted only when signed by the token within the timestamp window (a replayed one
is refused). WeChat drops a passive reply that takes longer than 5 seconds, so the answer is
awaited for at most REPLY_TIMEOUT_SECONDS; when late, the user is asked to send the question
again (the late answer still completes, is logged, and is what WeChat's retry of the same
MsgId gets: a message is answered once however often it is pushed).
"""

from __future__ import annotations

import logging
import time
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from bot.reply import Reply
from bot.service import wechat
from bot.service.deps import StateDep, check_message
from bot.service.errors import ApiError
from bot.service.routes.chat import answer
from bot.service.state import AppState
from bot.service.wechat_crypto import BadEncryption, BadMsgSignature, MessageCrypto
from bot.sessions import WECHAT

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

clock = time.time  # tests set the clock to replay WeChat's documented sample of 2014


def _check_signature(state: AppState, signature: str, timestamp: str, nonce: str) -> None:
    if not wechat.verify(state.settings.wechat_token, signature, timestamp, nonce):
        raise ApiError(403, "bad_signature", "签名校验失败。")
    window = state.settings.wechat_timestamp_window_seconds
    if not timestamp.isdigit() or abs(clock() - int(timestamp)) > window:
        raise ApiError(403, "stale_timestamp", "消息时间戳超出允许范围。")


def _crypto(state: AppState) -> MessageCrypto | None:
    settings = state.settings
    if not settings.wechat_encoding_aes_key:
        return None
    return MessageCrypto(
        settings.wechat_token, settings.wechat_encoding_aes_key, settings.wechat_app_id
    )


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
    encrypt_type: Signed = "",
    msg_signature: Signed = "",
) -> Response:
    """A pushed message (XML or JSON); the reply is a text message in the same format.

    In safe mode (EncodingAESKey configured) the message must come encrypted
    (`encrypt_type=aes`, checked by `msg_signature`) and the reply is encrypted too."""
    _check_signature(state, signature, timestamp, nonce)
    crypto = _crypto(state)
    if crypto is not None and encrypt_type != "aes":
        raise ApiError(403, "encryption_required", "此公众号只接收加密消息。")
    if crypto is None and encrypt_type == "aes":
        raise ApiError(400, "bad_message", "未配置消息加密密钥。")
    content_type = request.headers.get("content-type", "")
    try:
        message = wechat.parse(await request.body(), content_type)
        if crypto is not None:
            inner = crypto.decrypt(message.encrypt, msg_signature, timestamp, nonce)
            message = wechat.parse(inner, "json" if message.fmt == "json" else "xml")
    except BadMsgSignature as exc:
        raise ApiError(403, "bad_signature", "签名校验失败。") from exc
    except (wechat.BadMessage, BadEncryption) as exc:
        raise ApiError(400, "bad_message", "无法解析的消息。") from exc
    text = await _answer_once(state, message)
    now = str(int(time.time()))
    body, media_type = wechat.build_text_reply(message, text, int(now))
    if crypto is not None:
        encrypted, reply_signature = crypto.encrypt(body, now, nonce)
        body, media_type = wechat.build_encrypted_reply(
            message.fmt, encrypted, reply_signature, now, nonce
        )
    return Response(body, media_type=media_type)


async def _answer_once(state: AppState, message: wechat.Message) -> str:
    """The reply text, made once per message: a retry (same MsgId) gets the same text."""
    if not message.msg_id:  # events and non-text messages: a fixed reply, nothing to repeat
        return await _reply_text(state, message)
    key = f"{message.to_user}\0{message.from_user}\0{message.msg_id}"
    text = await state.wechat_replies.reply(
        key, lambda: _reply_text(state, message), REPLY_TIMEOUT_SECONDS
    )
    if text is None:
        logger.warning("wechat answer late for %s", message.from_user)
        return LATE_REPLY
    return text


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
    bot = state.bot
    if bot is None or not state.ready:
        return LOADING_REPLY

    def call() -> Reply:
        session_id = bot.sessions.for_user(WECHAT, message.from_user)
        return answer(
            state,
            bot,
            question,
            session_id,
            "plain",
            client=client,
            channel="wechat",
            sessions_of=WECHAT,
        )

    try:
        reply = await anyio.to_thread.run_sync(call, limiter=state.ask_slots)
    except ApiError as exc:
        return exc.message
    except Exception:
        logger.exception("wechat answer failed")
        return ERROR_REPLY
    return reply.answer
