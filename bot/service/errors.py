"""Every error leaves the API as JSON {"error": {"code", "message"}}, messages in Chinese."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("policybot.api")

# Status → (code, message) for errors raised by the framework rather than by our routes.
STATUS_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求格式不正确。"),
    401: ("unauthorized", "需要有效的管理令牌。"),
    403: ("forbidden", "没有访问权限。"),
    404: ("not_found", "没有找到这个地址。"),
    405: ("method_not_allowed", "不支持这种请求方法。"),
    413: ("payload_too_large", "请求内容太大。"),
    415: ("unsupported_media_type", "请以 JSON 格式发送请求。"),
    422: ("validation_error", "请求参数不正确。"),
    429: ("rate_limited", "请求过于频繁，请稍后再试。"),
    500: ("internal_error", "服务暂时出现问题，请稍后再试。"),
    503: ("not_ready", "服务正在启动，请稍后再试。"),
}


class ApiError(StarletteHTTPException):
    """An error with our code and Chinese message; raised from routes and dependencies."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=dict(headers or {}))
        self.code = code
        self.message = message


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, ApiError):
        return error_response(exc.status_code, exc.code, exc.message, exc.headers)
    code, message = STATUS_ERRORS.get(exc.status_code, ("http_error", "请求无法处理。"))
    return error_response(exc.status_code, code, message, exc.headers)


def _describe(error: Mapping[str, Any]) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
    return f"{where}：{error.get('msg', '')}" if where else str(error.get("msg", ""))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(422, "invalid_json", "请求体不是有效的 JSON。")
    details = "；".join(_describe(e) for e in errors[:3])
    return error_response(422, "validation_error", f"请求参数不正确（{details}）。")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    code, message = STATUS_ERRORS[500]
    return error_response(500, code, message)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "payload_too_large", f"请求内容太大（上限 {limit // 1024} KB）。")


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413 before anything parses them.

    Checks Content-Length up front and counts the bytes of chunked bodies as they arrive.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                if value.isdigit() and int(value) > self.max_bytes:
                    exc = BodyTooLarge(self.max_bytes)
                    response = error_response(413, exc.code, exc.message)
                    await response(scope, receive, send)
                    return
                break
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited, send)
