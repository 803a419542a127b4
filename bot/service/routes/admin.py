"""Admin routes behind the bearer token: re-ingest while serving, and the question log."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from bot.service.deps import StateDep, require_admin
from bot.service.errors import ApiError
from bot.service.models import LoggedQuestion, ReindexResult
from bot.service.state import AppState
from bot.settings import Settings
from bot.writes import WRITE_ERRORS

logger = logging.getLogger("policybot.api")

# How long to wait before asking for the report again after the log could not be read.
RETRY_SECONDS = "5"

router = APIRouter(prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_admin)])


def run_ingest(settings: Settings) -> dict[str, Any]:
    """Ingest the kb in a child process (build aside, then swap); returns its summary.

    The child (`bot.service.reindex`) runs at a lower priority and keeps torch out of this
    process.
    """
    command = [
        sys.executable,
        "-m",
        "bot.service.reindex",
        str(settings.kb_dir),
        str(settings.data_dir),
        settings.embedding_model,
        settings.chroma_url or "",
        settings.collection,
    ]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        logger.error("ingest failed:\n%s", done.stderr[-4000:])
        raise RuntimeError(f"ingest exited with {done.returncode}")
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


def _reindex(state: AppState) -> dict[str, Any]:
    """Ingest aside, then let the bot pick up the new index; releases the reindex lock."""
    try:
        started = time.perf_counter()
        before = _generation(state)
        summary = run_ingest(state.settings)
        if state.bot is None:
            # Startup failed (typically: no index yet); the fresh index may fix that.
            state.load_bot()
            reloaded = state.ready
        else:
            # The index watch may have swapped already: what counts is the generation served.
            state.bot.reload()
            reloaded = _generation(state) != before
        return {
            "summary": summary,
            "reloaded": reloaded,
            "seconds": round(time.perf_counter() - started, 2),
        }
    finally:
        state.reindex_lock.release()


def _generation(state: AppState) -> object:
    return getattr(state.bot.retriever, "generation", None) if state.bot else None


@router.post("/reindex", response_model=ReindexResult)
async def reindex(state: StateDep) -> dict[str, Any]:
    """Re-ingest the kb while the old index keeps answering; 409 if one is already running."""
    if not state.reindex_lock.acquire(blocking=False):
        raise ApiError(409, "reindex_running", "正在重建索引，请稍后再试。")
    try:
        return await run_in_threadpool(_reindex, state)
    except ApiError:
        raise
    except Exception as exc:
        logger.exception("reindex failed")
        raise ApiError(500, "reindex_failed", f"重建索引失败：{type(exc).__name__}") from exc


@router.get(
    "/questions",
    response_model=list[LoggedQuestion],
    responses={503: {"description": "the question log cannot be read now"}},
)
async def questions(
    state: StateDep,
    unanswered: Annotated[bool, Query(description="only questions left unanswered")] = False,
    feedback: Annotated[
        Literal["up", "down"] | None,
        Query(description="only answers rated so: down for the 👎 ones"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Logged questions, latest first: question, route, latency_ms, answered, time, client,
    and the asker's 👍/👎 (feedback); of every replica when they share a database."""
    try:
        return await run_in_threadpool(
            state.log.questions, unanswered=unanswered, feedback=feedback, limit=limit
        )
    except WRITE_ERRORS as exc:  # the database gone, or a full or unreadable disk
        logger.warning("question log not read: %s", exc)
        raise ApiError(
            503,
            "log_unavailable",
            "问题记录暂时无法读取，请稍后再试。",
            {"Retry-After": RETRY_SECONDS},
        ) from exc
