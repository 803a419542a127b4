"""/readyz names each dependency and /metrics speaks Prometheus; a replica whose database or
Redis is gone still answers calculations and says degraded (real servers on 127.0.0.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from bot.bot import Bot
from bot.database import Database, upgrade
from bot.service.app import create_app
from bot.service.state import AppState
from bot.sessions import PostgresSessionStore
from tests.utils import servers
from tests.utils.service import admin_headers, asgi_client, free_port, make_settings, shared_bot

if TYPE_CHECKING:
    from ingest.reader.retrieval import HybridRetriever

pytestmark = pytest.mark.anyio

CALC_QUESTION = "在重庆租用摄影棚产生了800万元服务费用，能拿多少补助？"
FOLLOW_UP = "那如果是5000万呢？"
UNKNOWN = "重庆的火锅哪家最好吃？"
SECRET = "k" * 32


def client_state(client: httpx.AsyncClient) -> AppState:
    """The app state behind an ASGI client."""
    transport = client._transport
    assert isinstance(transport, httpx.ASGITransport)
    state: AppState = transport.app.state.policybot  # type: ignore[attr-defined]
    return state


def sample(metrics: str, name: str, **labels: str) -> float:
    """The value of one series in Prometheus's text format (labels in any order)."""
    for line in metrics.splitlines():
        match = re.fullmatch(r"([a-zA-Z_:]+)(?:\{(.*)\})? (\S+)", line)
        if not match or match[1] != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match[2] or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(match[3])
    raise AssertionError(f"no {name} {labels} in /metrics")


async def test_readyz_names_the_embedded_defaults(kb_index: Path) -> None:
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    async with asgi_client(app) as client:
        ready = (await client.get("/readyz")).json()
    assert ready["status"] == "ready"
    assert ready["dependencies"] == {
        "database": {"backend": "sqlite", "ok": True, "detail": None},
        "redis": {"backend": "memory", "ok": True, "detail": None},
        "chroma": {"backend": "chroma embedded", "ok": True, "detail": None},
    }
    assert isinstance(ready["index_generation"], int)


async def test_a_replica_may_listen_only_once_it_can_answer(kb_index: Path) -> None:
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index), load_before_serving=True)
    async with asgi_client(app, ready=False) as client:
        # The startup the server waits on before it listens ended with the bot warm.
        assert (await client.get("/readyz")).status_code == 200


async def test_metrics_count_requests_latency_and_answers_by_route(kb_index: Path) -> None:
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    async with asgi_client(app) as client:
        for message in (CALC_QUESTION, CALC_QUESTION, UNKNOWN):
            assert (await client.post("/api/chat", json={"message": message})).status_code == 200
        scraped = await client.get("/metrics")
    assert scraped.status_code == 200 and scraped.headers["content-type"].startswith("text/plain")
    text = scraped.text
    chat = {"handler": "/api/chat", "method": "POST", "status": "200"}
    assert sample(text, "http_requests_total", **chat) == 3
    assert sample(text, "http_request_duration_seconds_count", handler="/api/chat") == 3
    assert sample(text, "http_request_duration_seconds_bucket", handler="/api/chat", le="+Inf") == 3
    assert sample(text, "policybot_answers_total", route="calculator", answered="true") == 2
    not_found = sum(
        float(v)
        for v in re.findall(
            r'^policybot_answers_total\{[^}]*answered="false"[^}]*\} (\S+)$', text, re.M
        )
    )
    assert not_found == 1  # the not-found rate's numerator
    assert sample(text, "policybot_write_failures_total", store="sessions") == 0
    assert sample(text, "policybot_write_failures_total", store="question_log") == 0
    assert sample(text, "policybot_index_generation") >= 1
    assert sample(text, "policybot_ready") == 1
    # Two apps in one process keep their own series.
    other = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    async with asgi_client(other) as client:
        fresh = (await client.get("/metrics")).text
    assert "policybot_answers_total{" not in fresh


@pytest.fixture
def own_postgres() -> Iterator[servers.PostgresServer]:
    """A PostgreSQL of this test's own, which it stops and starts."""
    with servers.postgres_server() as server:
        upgrade(server.url)
        yield server


async def test_a_replica_without_its_database_still_calculates_and_says_degraded(
    own_postgres: servers.PostgresServer, retriever: HybridRetriever, kb_index: Path
) -> None:
    sessions = PostgresSessionStore(Database(own_postgres.url), secret=SECRET)
    bot = Bot(retriever, sessions)
    settings = make_settings(kb_index, database_url=own_postgres.url, session_secret=SECRET)
    async with asgi_client(create_app(settings, bot=bot)) as client:
        first = (await client.post("/api/chat", json={"message": CALC_QUESTION})).json()
        ready = (await client.get("/readyz")).json()
        assert ready["status"] == "ready"
        assert ready["dependencies"]["database"] == {
            "backend": "postgresql",
            "ok": True,
            "detail": None,
        }

        own_postgres.stop()
        follow = await client.post(
            "/api/chat", json={"message": FOLLOW_UP, "session_id": first["session_id"]}
        )
        fresh = await client.post("/api/chat", json={"message": CALC_QUESTION})
        assert follow.status_code == fresh.status_code == 200
        # Without the database the follow-up has lost its context, not its answer.
        assert follow.json()["route"] == "clarify"
        assert fresh.json()["calculation"]["amount_yuan"] == 1_600_000
        down = await client.get("/readyz")
        assert down.status_code == 200 and down.json()["status"] == "degraded"
        assert down.json()["dependencies"]["database"] == {
            "backend": "postgresql",
            "ok": False,
            "detail": "the database is unreachable",
        }
        assert down.json()["failed_writes"]["sessions"] >= 1
        # the question log is on the same server: both answers went out, neither was logged
        assert down.json()["failed_writes"]["question_log"] == 2
        metrics = (await client.get("/metrics")).text
        assert sample(metrics, "policybot_write_failures_total", store="sessions") >= 1
        assert sample(metrics, "policybot_write_failures_total", store="question_log") == 2
        report = await client.get("/api/admin/questions", headers=admin_headers())
        assert report.status_code == 503 and report.headers["Retry-After"]
        assert report.json()["error"]["message"] == "问题记录暂时无法读取，请稍后再试。"

        own_postgres.start()
        log = client_state(client).log
        for database in (sessions.database, getattr(log, "database", None)):
            assert database is not None
            database.clock = lambda: float("inf")  # past the wait before the next probe
        again = (await client.post("/api/chat", json={"message": CALC_QUESTION})).json()
        later = (
            await client.post(
                "/api/chat", json={"message": FOLLOW_UP, "session_id": again["session_id"]}
            )
        ).json()
        assert later["session_id"] == again["session_id"]
        assert later["calculation"]["amount_yuan"] == 10_000_000
        assert (await client.get("/readyz")).json()["status"] == "ready"
        logged = await client.get("/api/admin/questions", headers=admin_headers())
        # the first question, before the server stopped, and the two after its return
        questions = [row["question"] for row in logged.json()]
        assert questions == [FOLLOW_UP, CALC_QUESTION, CALC_QUESTION]
    sessions.close()


async def test_a_replica_without_redis_keeps_limits_itself_and_says_degraded(
    kb_index: Path,
) -> None:
    gone = f"redis://127.0.0.1:{free_port()}/0"
    settings = make_settings(kb_index, redis_url=gone, rate_limit_per_minute=2)
    async with asgi_client(create_app(settings, bot=shared_bot(kb_index))) as client:
        answers = [
            (await client.post("/api/chat", json={"message": CALC_QUESTION})).status_code
            for _ in range(3)
        ]
        ready = (await client.get("/readyz")).json()
    assert answers == [200, 200, 429]
    assert ready["status"] == "degraded"
    assert ready["dependencies"]["redis"] == {
        "backend": "redis",
        "ok": False,
        "detail": "no answer to PING",
    }
