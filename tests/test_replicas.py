"""Two replicas, one truth: two apps with bots of their own, sharing only a real PostgreSQL
and a real Redis on 127.0.0.1, as `policybot serve` replicas behind a round-robin proxy do."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from bot.bot import Bot
from bot.database import upgrade
from bot.service.app import create_app
from bot.sessions import WECHAT, open_session_store
from tests.test_wechat import text_xml
from tests.utils.service import admin_headers, asgi_client, make_settings, wechat_query

if TYPE_CHECKING:
    from ingest.reader.retrieval import HybridRetriever

pytestmark = pytest.mark.anyio

CALC_QUESTION = "在重庆租用摄影棚产生了800万元服务费用，能拿多少补助？"
FOLLOW_UP = "那如果是5000万呢？"
SECRET = "replica-shared-session-secret-0123456789"
PER_MINUTE = 6


@pytest.fixture
async def replicas(
    database_url: str, redis_url: str, retriever: HybridRetriever, tmp_path: Path
) -> AsyncIterator[tuple[list[httpx.AsyncClient], list[Bot]]]:
    """Two replicas: each its own app, bot, session store and data dir (as on two machines),
    on one database and one Redis; the index is the same one."""
    upgrade(database_url)
    settings = [
        make_settings(
            tmp_path / f"replica-{n}",
            database_url=database_url,
            redis_url=redis_url,
            session_secret=SECRET,
            rate_limit_per_minute=PER_MINUTE,
        )
        for n in range(2)
    ]
    bots = [Bot(retriever, open_session_store(s)) for s in settings]
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(asgi_client(create_app(s, bot=bot)))
            for s, bot in zip(settings, bots, strict=True)
        ]
        yield clients, bots
    for bot in bots:
        bot.sessions.close()


async def test_a_conversation_continues_on_the_other_replica(
    replicas: tuple[list[httpx.AsyncClient], list[Bot]],
) -> None:
    (one, other), _ = replicas
    first = (await one.post("/api/chat", json={"message": CALC_QUESTION})).json()
    assert first["calculation"]["amount_yuan"] == 1_600_000
    follow = (
        await other.post(
            "/api/chat", json={"message": FOLLOW_UP, "session_id": first["session_id"]}
        )
    ).json()
    assert follow["session_id"] == first["session_id"]
    assert follow["calculation"]["amount_yuan"] == 10_000_000
    back = (
        await one.post(
            "/api/chat", json={"message": "那如果是1000万呢？", "session_id": first["session_id"]}
        )
    ).json()
    assert back["session_id"] == first["session_id"]
    assert back["calculation"]["amount_yuan"] == 2_000_000


async def test_the_rate_limit_counts_across_both(
    replicas: tuple[list[httpx.AsyncClient], list[Bot]],
) -> None:
    clients, _ = replicas
    statuses = [
        (await clients[n % 2].post("/api/chat", json={"message": CALC_QUESTION})).status_code
        for n in range(PER_MINUTE + 2)
    ]
    # Each replica alone would allow PER_MINUTE: together they allow PER_MINUTE in all.
    assert statuses == [200] * PER_MINUTE + [429, 429]


async def test_a_wechat_retry_on_the_other_replica_is_not_asked_twice(
    replicas: tuple[list[httpx.AsyncClient], list[Bot]],
) -> None:
    clients, bots = replicas
    user = "oReplicaUser"

    async def push(replica: int, text: str, msg_id: int) -> str:
        body = text_xml(text, user=user, msg_id=msg_id)
        query = wechat_query(nonce=str(msg_id))
        response = await clients[replica].post("/wechat", params=query, content=body)
        assert response.status_code == 200, response.text
        return ET.fromstring(response.content).findtext("Content") or ""

    first = await push(0, CALC_QUESTION, 8_100_001)
    retries = await asyncio.gather(
        push(1, CALC_QUESTION, 8_100_001), push(0, CALC_QUESTION, 8_100_001)
    )
    follow = await push(1, FOLLOW_UP, 8_100_002)
    assert "160万元" in first and list(retries) == [first, first]
    assert "1000万元" in follow  # the follow-up on the other replica knew the conversation
    session = bots[0].sessions.for_user(WECHAT, user)
    assert session == bots[1].sessions.for_user(WECHAT, user)
    assert bots[1].sessions.load(session)["turns"] == 2  # four pushes, two questions


async def test_the_admin_report_shows_both_replicas_and_their_feedback(
    replicas: tuple[list[httpx.AsyncClient], list[Bot]],
) -> None:
    (one, other), _ = replicas
    asked = []
    for client, message in ((one, CALC_QUESTION), (other, "本届电影节的主题是什么？")):
        response = await client.post("/api/chat", json={"message": message})
        assert response.status_code == 200
        asked.append({**response.json(), "answer_id": response.headers["X-Answer-Id"]})

    async def report(client: httpx.AsyncClient, **params: str) -> list[dict[str, object]]:
        response = await client.get("/api/admin/questions", params=params, headers=admin_headers())
        assert response.status_code == 200
        rows: list[dict[str, object]] = response.json()
        return rows

    expected = ["本届电影节的主题是什么？", CALC_QUESTION]
    for client in (one, other):
        assert [row["question"] for row in await report(client)] == expected
    # The answer given by replica one is rated through replica two: seen through both.
    first = asked[0]
    rating = {"answer_id": first["answer_id"], "session_id": first["session_id"]}
    saved = await other.post("/api/feedback", json={**rating, "rating": "down"})
    assert saved.status_code == 200
    for client in (one, other):
        downs = await report(client, feedback="down")
        assert [(row["question"], row["feedback"]) for row in downs] == [(CALC_QUESTION, "down")]
    # Only the session that asked may rate, whichever replica it asks.
    stranger = await one.post(
        "/api/feedback",
        json={
            "answer_id": asked[1]["answer_id"],
            "session_id": first["session_id"],
            "rating": "up",
        },
    )
    assert stranger.status_code == 403
