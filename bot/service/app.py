"""The FastAPI app: JSON API, SSE chat, web pages, WeChat push; `create_app` assembles it."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.service import accesslog, metrics
from bot.service.bodytext import RefuseLoneSurrogates
from bot.service.errors import BodyLimit, install_handlers
from bot.service.headers import SecurityHeaders, swagger_policy
from bot.service.indexwatch import IndexWatch
from bot.service.logstore import open_question_log
from bot.service.ratelimit import ADMIN_FAILURES_PER_MINUTE, RateLimiter, open_storage
from bot.service.replies import OncePerMessage, RedisReplyStore
from bot.service.routes import admin, calculate, chat, documents, feedback, health, measures
from bot.service.routes import wechat as wechat_routes
from bot.service.state import AppState
from bot.settings import Settings, get_settings
from policy import builtin_policies

if TYPE_CHECKING:
    from bot.bot import Bot

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_BODY_BYTES = 64 * 1024

# The pages load nothing from the network and run no inline script.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def create_app(
    settings: Settings | None = None, bot: Bot | None = None, *, load_before_serving: bool = False
) -> FastAPI:
    """Build the app. Without `bot`, it is opened from settings in a background thread at
    startup, so /healthz answers at once and /readyz is 503 until the bot is warm; with
    `load_before_serving` startup waits for it, so the server listens only once it can answer
    (behind a proxy that has no health checks of its own, such as plain nginx)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        budgets = open_storage(settings.rate_limit_storage)
        state = AppState(
            settings=settings,
            log=open_question_log(settings),
            limiter=RateLimiter("requests", settings.rate_limit_per_minute, budgets),
            admin_failures=RateLimiter("admin-failures", ADMIN_FAILURES_PER_MINUTE, budgets),
            ask_slots=anyio.CapacityLimiter(settings.ask_concurrency),
        )
        replies = RedisReplyStore.from_url(settings.redis_url) if settings.redis_url else None
        if replies is not None:  # WeChat's retries may land on any replica
            state.wechat_replies = OncePerMessage(replies)
        app.state.policybot = state
        if load_before_serving:
            await anyio.to_thread.run_sync(state.load_bot, bot)
        else:
            threading.Thread(
                target=state.load_bot, args=(bot,), name="policybot-load", daemon=True
            ).start()
        watch = IndexWatch(state, settings.index_poll_seconds)
        watch.start()
        try:
            yield
        finally:
            watch.stop()
            state.log.close()
            if replies is not None:
                replies.close()

    app = FastAPI(
        title="影视政策助手 API",
        description=(
            "、".join(f"《{d.title}》" for d in builtin_policies().documents)
            + "：问答（带引用）、补助测算、条款与知识库。"
            ' 错误统一为 {"error": {"code", "message"}}。'
        ),
        version="0.1.0",
        lifespan=lifespan,
        # FastAPI's default docs pages load Swagger UI from a CDN; ours serves it locally.
        docs_url=None,
        redoc_url=None,
    )
    install_handlers(app)
    app.add_middleware(RefuseLoneSurrogates)  # inside the body limit: reads a bounded body
    accesslog.install()
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    if settings.trusted_proxies:
        # The client is the peer unless the peer is a named proxy; then the address that
        # proxy appended to X-Forwarded-For (uvicorn's own middleware, run by the app so
        # the rule holds under any server; `serve` turns uvicorn's loopback default off).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    app.add_middleware(SecurityHeaders)
    for module in (health, chat, feedback, calculate, measures, documents, admin, wechat_routes):
        app.include_router(module.router)
    metrics.install(app)

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers=PAGE_HEADERS)

    @app.get("/staff", include_in_schema=False)
    async def staff() -> FileResponse:
        return FileResponse(STATIC_DIR / "staff.html", headers=PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _mount_docs(app)
    return app


def _mount_docs(app: FastAPI) -> None:
    """OpenAPI docs at /docs with the Swagger UI 5 files of the fastapi-offline wheel (FastAPI
    emits OpenAPI 3.1, which older Swagger UI builds cannot render); nothing from the network."""
    from importlib.resources import files

    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse

    assets = str(files("fastapi_offline") / "static")
    app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    page = get_swagger_ui_html(
        openapi_url=app.openapi_url or "/openapi.json",
        title="影视政策助手 API",
        swagger_js_url="/docs-assets/swagger-ui-bundle.js",
        swagger_css_url="/docs-assets/swagger-ui.css",
        swagger_favicon_url="/docs-assets/favicon.png",
    ).body
    headers = {"Content-Security-Policy": swagger_policy(bytes(page))}

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(page, headers=headers)
