"""GET /healthz (the process answers) and GET /readyz (index and model loaded and warm)."""

from __future__ import annotations

from fastapi import APIRouter

from bot.service.deps import StateDep
from bot.service.errors import ApiError
from bot.service.models import Readiness, Status

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Status)
async def healthz() -> Status:
    """Always 200 while the process runs."""
    return Status(status="ok")


@router.get("/readyz", response_model=Readiness)
async def readyz(state: StateDep) -> Readiness:
    """200 once the bot is loaded and warm; 503 before (or if loading failed). While the last
    write of the question log or the sessions failed (a full disk), still 200: "degraded"."""
    if state.ready:
        stores = state.write_health()
        return Readiness(
            status="degraded" if any(s.failing for s in stores) else "ready",
            failed_writes={s.key: s.failures for s in stores},
        )
    if state.load_error:
        # The reason (with paths) goes to the server log only.
        raise ApiError(
            503, "load_failed", "知识库加载失败，请查看服务日志（是否已运行 policybot ingest？）。"
        )
    raise ApiError(503, "not_ready", "服务正在加载知识库，请稍后再试。", {"Retry-After": "2"})
