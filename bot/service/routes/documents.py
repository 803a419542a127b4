"""GET /api/documents (what the kb holds) and GET /api/search (hybrid hits, staff console;
?doc= and ?kind= restrict them to one document or type)."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Annotated, Any, cast

import anyio
from fastapi import APIRouter, Query

from bot.service.deps import ClientDep, StateDep, check_message, ready_bot
from bot.service.models import DocumentInfo, SearchHit, SearchResult

if TYPE_CHECKING:
    from ingest.reader.retrieval import Hit

router = APIRouter(prefix="/api", tags=["knowledge base"])

_PUNCT = re.compile(r"^[\W_]+$")


def as_dict(item: Any) -> dict[str, Any]:
    """A hit, summary or document record as a plain dict, whatever model it comes in."""
    if hasattr(item, "model_dump"):
        data: dict[str, Any] = item.model_dump()
        return data
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return dict(item)


def hit_record(hit: Hit) -> SearchHit:
    """A hit as the flat record clients receive: the chunk's fields (its id as chunk_id), score."""
    fields = dataclasses.asdict(hit.chunk)
    return SearchHit(chunk_id=fields.pop("id"), **fields, score=hit.score)


def query_terms(query: str) -> list[str]:
    """Words of the query to highlight in hits: jieba's search-mode words, longest first."""
    import jieba

    words = {w.strip() for w in jieba.lcut_for_search(query)}
    # Single characters would light up half of every paragraph; keep them only if alone.
    terms = {w for w in words if w and not _PUNCT.match(w) and (len(w) > 1 or w.isdigit())}
    return sorted(terms or {w for w in words if w and not _PUNCT.match(w)}, key=len, reverse=True)


@router.get("/documents", response_model=list[DocumentInfo])
async def documents(client: ClientDep, state: StateDep) -> list[dict[str, Any]]:
    """The kb documents: id, title, type, number of chunks."""
    bot = ready_bot(state)
    # documents() is on HybridRetriever, not on the Bot's narrower Retriever protocol.
    retriever = cast(Any, bot.retriever)
    return [as_dict(d) for d in retriever.documents()]


@router.get("/search", response_model=SearchResult)
async def search(
    q: Annotated[str, Query(description="what to look for")],
    client: ClientDep,
    state: StateDep,
    k: Annotated[int, Query(ge=1, le=20, description="how many hits")] = 5,
    doc: Annotated[
        str | None, Query(max_length=200, description="only this document (its id)")
    ] = None,
    kind: Annotated[
        str | None, Query(max_length=50, description="only this document type (policy, news, …)")
    ] = None,
) -> SearchResult:
    """Hybrid retrieval over the kb (or one document or type of it): hits with their text,
    and the terms to highlight."""
    query = check_message(q, state)
    bot = ready_bot(state)

    def run() -> SearchResult:
        if doc is None and kind is None:
            result = bot.retriever.retrieve(query, k)
        else:
            # The filters are HybridRetriever's, not on the Bot's narrower Retriever protocol.
            result = cast(Any, bot.retriever).retrieve(query, k, doc=doc, kind=kind)
        return SearchResult(
            query=query,
            found=bool(result.found),
            terms=query_terms(query),
            hits=[hit_record(hit) for hit in result.hits],
        )

    return await anyio.to_thread.run_sync(run, limiter=state.ask_slots)
