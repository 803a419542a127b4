"""GET /api/search restricted to one document or one document type, through the ASGI app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.service.app import create_app
from tests.utils.service import asgi_client, make_settings, shared_bot

pytestmark = pytest.mark.anyio
QUESTION = "剧本立项奖励有多少"


async def test_search_within_one_document_or_type(kb_index: Path) -> None:
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    async with asgi_client(app) as client:

        async def search(**params: str) -> dict[str, Any]:
            response = await client.get("/api/search", params={"q": QUESTION, "k": 5, **params})
            assert response.status_code == 200, response.text
            body: dict[str, Any] = response.json()
            return body

        everything = await search()
        news = await search(doc="news-policy-release")
        articles = await search(kind="article")
        nowhere = await search(doc="no-such-document")
        too_long = await client.get("/api/search", params={"q": QUESTION, "doc": "x" * 201})
    assert everything["hits"][0]["measure"] == "script"
    assert news["hits"] and {h["doc_id"] for h in news["hits"]} == {"news-policy-release"}
    assert articles["hits"] and {h["doc_type"] for h in articles["hits"]} == {"article"}
    assert nowhere["hits"] == [] and nowhere["found"] is False
    assert too_long.status_code == 422
