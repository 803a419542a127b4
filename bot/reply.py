"""The reply contract shared by the CLI, the HTTP API, the web pages and WeChat (DESIGN.md)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Route = Literal["calculator", "knowledge", "clarify", "out_of_scope"]


class Citation(BaseModel):
    source: str = Field(description="kb document id")
    title: str
    clause: str | None = Field(default=None, description="policy measure id, if any")
    text: str = Field(description="quoted source text")


class Reply(BaseModel):
    answer: str
    route: Route
    session_id: str
    citations: list[Citation] = Field(default_factory=list)
    # policy.Calculation.to_dict(): clause, inputs, eligible, amount_yuan, is_upper_bound,
    # capped, cap_yuan, steps, unmet_conditions (+ citation, caveat, notes)
    calculation: dict[str, Any] | None = None
    # One per measure when a message holds several (each with "conclusion": 符合|不符合|待确认);
    # `calculation` stays the first of them for existing clients.
    calculations: list[dict[str, Any]] = Field(default_factory=list)
    not_covered: list[str] = Field(
        default_factory=list, description="parts of the question the kb does not answer"
    )
