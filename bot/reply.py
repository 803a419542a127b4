"""The reply contract shared by the CLI, the HTTP API, the web pages and WeChat (DESIGN.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from policy.calculator import Conclusion

if TYPE_CHECKING:
    from policy import Calculation

Route = Literal["calculator", "knowledge", "clarify", "out_of_scope"]


class Citation(BaseModel):
    source: str = Field(description="kb document id")
    title: str
    clause: str | None = Field(default=None, description="policy measure id, if any")
    text: str = Field(description="quoted source text")
    label: str | None = Field(
        default=None,
        description="what tells this source apart: the measure (第2项：…) or the paragraphs",
    )
    paragraphs: list[int] = Field(
        default_factory=list, description="paragraphs quoted, counted from 1 in the document"
    )


class ClauseSource(BaseModel):
    """Where a calculation's rule is written."""

    source: str = Field(description="policy document id")
    clause: str = Field(description="measure id")
    text: str = Field(description="the measure's source sentence")


class CalculationResult(BaseModel):
    """One measure applied to the stated facts (`policy.Calculation.to_dict()`)."""

    clause: str = Field(description="measure id")
    document: str = Field(description="policy document id")
    conclusion: Conclusion = Field(description="待确认 while a condition is unconfirmed")
    title: str = Field(description="the measure's title")
    inputs: dict[str, Any] = Field(description="the facts used, e.g. {amount_yuan: 8000000}")
    eligible: bool | None = Field(description="null: a deciding fact is missing")
    amount_yuan: int | None = Field(description="the award in whole yuan; null when not known")
    amount_text: str | None = Field(description="the award in Chinese units, e.g. 160万元")
    is_upper_bound: bool = Field(description="the amount is a ceiling (最高), not a sum")
    capped: bool = Field(description="the cap reduced the amount")
    cap_yuan: int
    steps: list[str] = Field(description="how the amount follows from the clause")
    unmet_conditions: list[str] = Field(description="questions still to answer")
    reasons: list[str] = Field(description="why not eligible")
    citation: ClauseSource
    caveat: str
    notes: list[str] = Field(description="where the policy text is silent")

    @classmethod
    def of(cls, calculation: Calculation) -> CalculationResult:
        return cls.model_validate(calculation.to_dict())


class Reply(BaseModel):
    answer: str = Field(description="the whole reply as text (CLI, WeChat)")
    route: Route
    session_id: str
    citations: list[Citation] = Field(default_factory=list)
    calculation: CalculationResult | None = Field(
        default=None, description="the first of `calculations`, for existing clients"
    )
    calculations: list[CalculationResult] = Field(
        default_factory=list, description="one per measure when a message holds several"
    )
    not_covered: list[str] = Field(
        default_factory=list, description="parts of the question the kb does not answer"
    )
    brief: str | None = Field(
        default=None,
        description="the answer without what `calculations` and `citations` carry (steps,"
        " questions, notes, caveat, source sentences), for pages that render those fields;"
        " null: show `answer`",
    )
    hotline_script: str | None = Field(
        default=None,
        description="plain text for hotline staff to read aloud: headline, the question or"
        " reason that matters, the clause, the caveat",
    )
