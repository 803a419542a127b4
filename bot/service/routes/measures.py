"""GET /api/measures: the policy's measures with their source text and calculator inputs."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter

from bot.service.deps import ClientDep
from bot.service.errors import ApiError
from bot.service.models import MeasureInfo
from policy import UnknownMeasure, get_measure, load_measures

router = APIRouter(prefix="/api/measures", tags=["measures"])


@lru_cache(maxsize=1)
def _all() -> list[dict[str, Any]]:
    return [m.to_dict() for m in load_measures()]


# A form field has `choices` only when it is a choice: fields not given are left out.
@router.get("", response_model=list[MeasureInfo], response_model_exclude_unset=True)
async def list_measures(client: ClientDep) -> list[dict[str, Any]]:
    """All measures in policy order."""
    return _all()


@router.get("/{measure_id}", response_model=MeasureInfo, response_model_exclude_unset=True)
async def show_measure(measure_id: str, client: ClientDep) -> dict[str, Any]:
    """One measure by id (or number); 404 when unknown."""
    try:
        return get_measure(measure_id).to_dict()
    except UnknownMeasure as exc:
        raise ApiError(404, exc.code, exc.message) from exc
