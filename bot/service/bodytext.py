"""Refuse request bodies whose JSON strings hold lone UTF-16 surrogates ("\\ud800").

Python's JSON decoder accepts them, but no text can be encoded with one: left in, they failed
deep inside (an error message quoting the input, the question log, the bot) as 500s that
closed the connection. Refused here, before anything parses the body, they are a 422 like
malformed JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.service.errors import ApiError, error_response

# Only a body with a surrogate escape (\uD800-\uDFFF) or its raw UTF-8-like bytes can decode
# to a lone surrogate; others are not parsed here.
_MAYBE = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


INVALID_TEXT = (
    "invalid_text",
    "请求中有无法识别的字符（不成对的 UTF-16 代理项），请检查后重新发送。",
)


def has_lone_surrogate(body: bytes) -> bool:
    """True when `body` is JSON with a lone surrogate in a key or a string."""
    if not _MAYBE.search(body):
        return False
    try:
        data = json.loads(body)
    except ValueError:
        return False  # not JSON: the route reports it as such
    return _holds_surrogate(data)


def _holds_surrogate(data: Any) -> bool:
    if isinstance(data, str):
        return bool(_SURROGATE.search(data))
    if isinstance(data, dict):
        return any(_holds_surrogate(k) or _holds_surrogate(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_holds_surrogate(item) for item in data)
    return False


class RefuseLoneSurrogates:
    """Read the (already size-limited) body, refuse it with 422 if it has a lone surrogate,
    else hand it on unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        try:
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request" or not message.get("more_body", False):
                    break
        except ApiError as exc:
            # Raised by the body limit; the exception handlers are inside this middleware.
            await error_response(exc.status_code, exc.code, exc.message)(scope, receive, send)
            return
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
        if has_lone_surrogate(body):
            await error_response(422, *INVALID_TEXT)(scope, receive, send)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
