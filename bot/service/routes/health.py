"""GET /healthz (the process answers) and GET /readyz (index and model loaded and warm, and
what each shared dependency says)."""

from __future__ import annotations

import anyio
import httpx
from fastapi import APIRouter
from limits.storage import MemoryStorage

from bot.service.deps import StateDep
from bot.service.errors import ApiError
from bot.service.models import Dependency, Readiness, Status
from bot.service.state import AppState

router = APIRouter(tags=["health"])

# A check that takes longer than this says the server is not serving (a probe every few
# seconds must not pile up behind a hung server).
CHECK_TIMEOUT_SECONDS = 1.0


@router.get("/healthz", response_model=Status)
async def healthz() -> Status:
    """Always 200 while the process runs."""
    return Status(status="ok")


@router.get("/readyz", response_model=Readiness)
async def readyz(state: StateDep) -> Readiness:
    """200 once the bot is loaded and warm; 503 before (or if loading failed). While the last
    write of the question log or the sessions failed (a full disk), or a shared server cannot
    be reached (the database, Redis, the Chroma server), still 200: "degraded", for the replica
    still answers (calculations need none of them)."""
    if state.ready:
        stores = state.write_health()
        dependencies = await anyio.to_thread.run_sync(check_dependencies, state)
        failing = any(s.failing for s in stores) or not all(d.ok for d in dependencies.values())
        bot = state.bot
        generation = getattr(bot.retriever, "generation", None) if bot else None
        return Readiness(
            status="degraded" if failing else "ready",
            failed_writes={s.key: s.failures for s in stores},
            dependencies=dependencies,
            index_generation=generation if isinstance(generation, int) else None,
        )
    if state.load_error:
        # The reason (with paths) goes to the server log only.
        raise ApiError(
            503, "load_failed", "知识库加载失败，请查看服务日志（是否已运行 policybot ingest？）。"
        )
    raise ApiError(503, "not_ready", "服务正在加载知识库，请稍后再试。", {"Retry-After": "2"})


def check_dependencies(state: AppState) -> dict[str, Dependency]:
    """Each dependency asked now (runs in a worker thread: a check may wait on a network)."""
    return {
        "database": _database(state),
        "redis": _redis(state),
        "chroma": _chroma(state),
    }


def _database(state: AppState) -> Dependency:
    """The shared database of the question log and of the sessions (one server, but each
    store has a pool of its own: either may have found it gone)."""
    stores = [state.log, state.bot.sessions if state.bot else None]
    databases = [d for d in (getattr(s, "database", None) for s in stores) if d is not None]
    if not databases:
        return Dependency(backend="sqlite", ok=True)
    verdicts = [str(database.check()) for database in databases]
    problem = next((v for v in verdicts if v != "ok"), None)
    return Dependency(backend="postgresql", ok=problem is None, detail=problem)


def _redis(state: AppState) -> Dependency:
    storage = state.limiter.storage
    if isinstance(storage, MemoryStorage):
        return Dependency(backend="memory", ok=True)
    ok = bool(storage.check())
    return Dependency(backend="redis", ok=ok, detail=None if ok else "no answer to PING")


def _chroma(state: AppState) -> Dependency:
    url = state.settings.chroma_url
    if not url:
        return Dependency(backend="chroma embedded", ok=True)
    base = url if "://" in url else f"http://{url}"
    try:
        answer = httpx.get(f"{base.rstrip('/')}/api/v2/heartbeat", timeout=CHECK_TIMEOUT_SECONDS)
    except httpx.HTTPError as exc:
        return Dependency(backend="chroma server", ok=False, detail=type(exc).__name__)
    ok = answer.status_code == 200
    return Dependency(
        backend="chroma server", ok=ok, detail=None if ok else f"HTTP {answer.status_code}"
    )
