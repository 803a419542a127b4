"""Response models of the JSON routes: what /openapi.json promises and clients receive.

The reply and the calculation are the contract of bot/reply.py; these are the rest.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from policy.facts import Kind
from policy.measures import CapScope


class Status(BaseModel):
    status: Literal["ok"]


class Dependency(BaseModel):
    backend: str = Field(
        description="postgresql | sqlite | redis | memory | chroma server | chroma embedded"
    )
    ok: bool
    detail: str | None = Field(default=None, description="why not, when not ok")


class Readiness(BaseModel):
    status: Literal["ready", "degraded"] = Field(
        description="degraded: answering, but the last write of a store (question log, "
        "sessions) failed, e.g. on a full disk, or a shared server (database, redis, chroma) "
        "cannot be reached"
    )
    failed_writes: dict[str, int] = Field(description="failed writes per store since start")
    dependencies: dict[str, Dependency] = Field(
        default_factory=dict, description="database, redis and chroma, each checked now"
    )
    index_generation: int | None = Field(
        default=None, description="the index generation this replica serves"
    )


class DocumentInfo(BaseModel):
    id: str = Field(description="kb document id")
    title: str
    type: str = Field(description="policy | news | article | …")
    chunks: int = Field(description="retrievable chunks")
    date: str | None
    publisher: str | None


class SearchHit(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    doc_type: str
    measure: str | None = Field(description="policy measure id, for a clause")
    heading: str | None
    text: str
    position: int = Field(description="the chunk's place in its document")
    score: float = Field(description="fused rank score (higher is better)")


class SearchResult(BaseModel):
    query: str
    found: bool = Field(description="whether any hit answers the query")
    terms: list[str] = Field(description="words to highlight, longest first")
    hits: list[SearchHit]


class Choice(BaseModel):
    value: str
    label: str


class FormField(BaseModel):
    name: str = Field(description="the fact's name in /api/calculate's facts")
    label: str
    kind: Kind
    required: bool
    choices: list[Choice] = Field(default_factory=list, description="only for kind choice")


class TierInfo(BaseModel):
    id: str
    label: str
    amount_yuan: int
    upper_bound: bool
    text: str


class ConditionInfo(BaseModel):
    id: str
    question: str


class SourceText(BaseModel):
    doc: str
    text: str


class MeasureInfo(BaseModel):
    id: str
    document: str
    number: int
    section: str
    title: str
    recipient: str
    applicant: str
    base: str
    threshold_yuan: int | None
    threshold_text: str | None
    rate: str | None = Field(description='e.g. "20%"; null for fixed amounts')
    cap_yuan: int
    cap_scope: CapScope
    cap_text: str
    major_cap_yuan: int | None
    upper_bound: bool
    min_staff: int | None
    tiers: list[TierInfo]
    conditions: list[ConditionInfo]
    inputs: list[FormField] = Field(description="the form fields of this measure")
    source: SourceText


class IngestSummary(BaseModel):
    documents: int
    chunks: int
    added: int
    kept: int
    removed: int
    seconds: float
    skipped: list[tuple[str, str]] = Field(description="[path, reason] of files not indexed")


class ReindexResult(BaseModel):
    summary: IngestSummary
    reloaded: bool = Field(description="the bot now answers from the new index")
    seconds: float


class LoggedQuestion(BaseModel):
    id: int
    time: str = Field(description="ISO 8601, UTC")
    client: str
    channel: str = Field(description="api | stream | wechat")
    session_id: str | None
    question: str
    route: str
    answered: bool
    latency_ms: int
    answer: str
    feedback: Literal["up", "down"] | None = Field(
        description="the asker's rating of the answer (👍 up, 👎 down), if any"
    )
    feedback_time: str | None = Field(description="when it was rated, ISO 8601, UTC")


class FeedbackRequest(BaseModel):
    answer_id: str = Field(
        pattern=r"^[0-9a-f]{32}$",
        description="the X-Answer-Id header of the reply (POST /api/chat or /api/chat/stream)",
    )
    session_id: str = Field(
        max_length=64, description="the session_id of that reply: only its asker may rate it"
    )
    rating: Literal["up", "down"] = Field(description="up 👍 (helpful) or down 👎")


class FeedbackSaved(BaseModel):
    status: Literal["saved"]
    rating: Literal["up", "down"]
