"""POST /api/feedback: the asker's 👍/👎 on one answer, kept with its question in the log."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from bot.service.deps import ClientDep, StateDep
from bot.service.errors import ApiError
from bot.service.logstore import RatingOutcome
from bot.service.models import FeedbackRequest, FeedbackSaved

router = APIRouter(prefix="/api", tags=["chat"])

# How long to wait before trying again after the log could not be written (a full disk).
RETRY_SECONDS = "30"


@router.post(
    "/feedback",
    response_model=FeedbackSaved,
    responses={
        403: {"description": "the answer was asked in another session"},
        404: {"description": "no such answer (never logged, or past the retention)"},
        503: {"description": "the question log cannot be written now"},
    },
)
async def feedback(body: FeedbackRequest, client: ClientDep, state: StateDep) -> FeedbackSaved:
    """Rate one answer: up (👍) or down (👎); a later rating of the same answer replaces it."""
    outcome: list[RatingOutcome] = []

    def write() -> None:
        outcome.append(state.log.rate(body.answer_id, body.session_id, body.rating))

    # A failed write is counted for /readyz like every question-log write.
    saved = await run_in_threadpool(state.log_writes.attempt, write)
    if not saved:
        raise ApiError(
            503,
            "feedback_not_saved",
            "评价暂时无法保存，请稍后再试。",
            {"Retry-After": RETRY_SECONDS},
        )
    if outcome[0] == "unknown":
        raise ApiError(404, "unknown_answer", "没有找到这条回答（可能已超过保存期限），无法评价。")
    if outcome[0] == "not_yours":
        raise ApiError(403, "not_your_answer", "只能评价本次对话中的回答。")
    return FeedbackSaved(status="saved", rating=body.rating)
