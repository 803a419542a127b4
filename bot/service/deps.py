"""Dependencies shared by the routers: app state, the ready bot, client ids, limits, auth."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from bot.errors import InvalidQuestion
from bot.normalize import validate
from bot.service.errors import ApiError
from bot.service.ratelimit import retry_after_header
from bot.service.state import AppState

if TYPE_CHECKING:
    from bot.bot import Bot

MAX_CLIENT_ID_CHARS = 128


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.policybot
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def ready_bot(state: AppState) -> Bot:
    """The loaded bot, or 503 while it is still loading."""
    if state.bot is None or not state.ready:
        raise ApiError(503, "not_ready", "服务正在加载知识库，请稍后再试。", {"Retry-After": "5"})
    return state.bot


def client_address(request: Request) -> str:
    """The socket peer, or the client a trusted proxy forwarded for (`trusted_proxies`)."""
    return request.client.host if request.client else "unknown"


def client_name(request: Request) -> str:
    """The client as the log names it: `X-Client-Id` (e.g. an openid) as a label on its
    address. The label is the client's own word, so it never keys a budget."""
    label = request.headers.get("x-client-id", "").strip()[:MAX_CLIENT_ID_CHARS]
    address = client_address(request)
    return f"{label}@{address}" if label else address


def _too_many(code: str, message: str, wait: float) -> ApiError:
    return ApiError(429, code, message, {"Retry-After": retry_after_header(wait)})


def check_rate(state: AppState, client: str) -> None:
    wait = state.limiter.acquire(client)
    if wait > 0:
        raise _too_many("rate_limited", "请求过于频繁，请稍后再试。", wait)


def rate_limited_client(request: Request, state: StateDep) -> str:
    """The client's name, after taking one request from its address's budget (429 when spent)."""
    check_rate(state, client_address(request))
    return client_name(request)


ClientDep = Annotated[str, Depends(rate_limited_client)]


def require_admin(request: Request, state: StateDep) -> None:
    """Bearer token from settings, compared in constant time; no token configured → 401.
    An address that sent too many wrong tokens in a minute gets 429, even with the right one."""
    address = client_address(request)
    wait = state.admin_failures.wait(address)
    if wait > 0:
        raise _too_many("too_many_failures", "管理令牌错误次数过多，请稍后再试。", wait)
    token = state.settings.admin_token
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if (
        not token
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(given.strip().encode(), token.encode())
    ):
        state.admin_failures.acquire(address)
        raise ApiError(401, "unauthorized", "需要有效的管理令牌。", {"WWW-Authenticate": "Bearer"})


def check_message(message: str, state: AppState) -> str:
    """The bot's own check of a question (`Bot.ask` runs the same), made before the bot is
    asked: a refusal is a 422 even while the bot loads, and before a stream opens."""
    try:
        validate(message, state.settings.max_message_chars)
    except InvalidQuestion as exc:
        raise ApiError(422, exc.code, exc.message) from exc
    return message.strip()
