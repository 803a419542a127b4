"""👍/👎 on an answer over real HTTP (ASGI) with the real Bot: kept with its question in the log,
only from the session that asked, and shown (and filtered) in the admin questions report."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.service.app import create_app
from bot.service.logstore import LoggedQuestion, SqliteQuestionLog

# The full-disk test's tmpfs (root only), used through request.getfixturevalue.
from tests.test_full_disk import fill, small_volume  # noqa: F401
from tests.utils.service import admin_headers, asgi_client, make_settings, parse_sse, shared_bot

pytestmark = pytest.mark.anyio

Json = dict[str, Any]


def question(n: int) -> str:
    """A calculator question of its own: the log of the shared index outlives each test."""
    return f"在重庆租用摄影棚产生了{n}00万元服务费用，能拿多少补助？（{uuid.uuid4().hex[:8]}）"


def app_over(index: Path, **overrides: object):  # type: ignore[no-untyped-def]
    return create_app(make_settings(index, **overrides), bot=shared_bot(index))


async def ask(client: httpx.AsyncClient, message: str, session_id: str | None = None) -> Json:
    """The reply, with the answer's id from its header."""
    response = await client.post("/api/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200
    reply: Json = response.json()
    return {**reply, "answer_id": response.headers["X-Answer-Id"]}


async def rate(
    client: httpx.AsyncClient, reply: Json, rating: str, /, **change: str
) -> httpx.Response:
    body = {"answer_id": reply["answer_id"], "session_id": reply["session_id"], "rating": rating}
    return await client.post("/api/feedback", json={**body, **change})


async def report(client: httpx.AsyncClient, **params: str) -> list[Json]:
    response = await client.get(
        "/api/admin/questions", params={"limit": "1000", **params}, headers=admin_headers()
    )
    assert response.status_code == 200
    rows: list[Json] = response.json()
    return rows


async def test_a_rating_is_kept_with_its_question_and_filtered_in_the_report(
    kb_index: Path,
) -> None:
    liked_q, disliked_q, unrated_q = question(6), question(7), question(9)
    async with asgi_client(app_over(kb_index)) as client:
        liked = await ask(client, liked_q)
        disliked = await ask(client, disliked_q, liked["session_id"])
        unrated = await ask(client, unrated_q, liked["session_id"])
        assert len({liked["answer_id"], disliked["answer_id"], unrated["answer_id"]}) == 3

        saved = await rate(client, liked, "up")
        assert saved.status_code == 200 and saved.json() == {"status": "saved", "rating": "up"}
        assert (await rate(client, disliked, "up")).status_code == 200
        assert (await rate(client, disliked, "down")).status_code == 200  # changed their mind

        rows = {row["question"]: row for row in await report(client)}
        down = [row["question"] for row in await report(client, feedback="down")]
        up = [row["question"] for row in await report(client, feedback="up")]
    assert rows[liked_q]["feedback"] == "up"
    assert rows[disliked_q]["feedback"] == "down" and rows[disliked_q]["feedback_time"]
    assert rows[unrated_q]["feedback"] is None and rows[unrated_q]["feedback_time"] is None
    assert disliked_q in down and liked_q not in down and unrated_q not in down
    assert liked_q in up and disliked_q not in up and unrated_q not in up


async def test_only_the_session_that_asked_may_rate(kb_index: Path) -> None:
    asked = question(8)
    async with asgi_client(app_over(kb_index)) as client:
        mine = await ask(client, asked)
        theirs = await ask(client, question(8))  # another conversation
        assert mine["session_id"] != theirs["session_id"]
        stolen = await rate(client, mine, "down", session_id=theirs["session_id"])
        guessed = await rate(client, mine, "down", session_id=uuid.uuid4().hex)
        unknown = await rate(client, mine, "down", answer_id=uuid.uuid4().hex)
        rows = {row["question"]: row for row in await report(client)}
    assert stolen.status_code == 403 and guessed.status_code == 403
    assert stolen.json()["error"] == {
        "code": "not_your_answer",
        "message": "只能评价本次对话中的回答。",
    }
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "unknown_answer"
    assert "没有找到这条回答" in unknown.json()["error"]["message"]
    assert rows[asked]["feedback"] is None


@pytest.mark.parametrize(
    "change",
    [
        {"rating": "meh"},
        {"rating": ""},
        {"answer_id": "1 OR 1=1"},
        {"answer_id": "A" * 32},
        {"session_id": "x" * 65},
    ],
)
async def test_malformed_ratings_get_a_422_in_chinese(kb_index: Path, change: Json) -> None:
    async with asgi_client(app_over(kb_index)) as client:
        reply = await ask(client, question(5))
        response = await rate(client, reply, "up", **change)
        missing = await client.post("/api/feedback", json={"rating": "up"})
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("请求参数不正确")
    assert missing.status_code == 422


async def test_a_streamed_answer_can_be_rated(kb_index: Path) -> None:
    asked = question(6)
    async with asgi_client(app_over(kb_index)) as client:
        streamed = await client.post("/api/chat/stream", json={"message": asked})
        done = [data for name, data in parse_sse(streamed.text) if name == "done"]
        assert done
        reply = {**json.loads(done[0]), "answer_id": streamed.headers["X-Answer-Id"]}
        assert (await rate(client, reply, "down")).status_code == 200
        rows = await report(client, feedback="down")
    assert [row["channel"] for row in rows if row["question"] == asked] == ["stream"]


async def test_ratings_share_the_address_budget(kb_index: Path) -> None:
    async with asgi_client(app_over(kb_index, rate_limit_per_minute=3)) as client:
        reply = await ask(client, question(6))
        answers = [(await rate(client, reply, "up")).status_code for _ in range(3)]
    assert answers[:2] == [200, 200]
    assert answers[2] == 429


def test_a_log_written_before_ratings_gains_them(tmp_path: Path) -> None:
    path = tmp_path / "questions.db"
    old = sqlite3.connect(path)
    old.executescript(
        """CREATE TABLE questions (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL,
        client TEXT NOT NULL, channel TEXT NOT NULL, session_id TEXT, question TEXT NOT NULL,
        route TEXT NOT NULL, answered INTEGER NOT NULL, latency_ms INTEGER NOT NULL,
        answer TEXT NOT NULL, reply TEXT NOT NULL);
        INSERT INTO questions VALUES (1, '2999-01-01T00:00:00.000+00:00', 'c', 'api', 's0',
        '旧问题', 'knowledge', 1, 5, '旧回答', '{}');"""
    )
    old.close()
    log = SqliteQuestionLog(path)
    answer_id = uuid.uuid4().hex
    log.record(
        LoggedQuestion("c", "api", "新问题", "knowledge", True, 5, "s1", "答", None, answer_id)
    )
    assert log.rate(answer_id, "s1", "down") == "saved"
    assert log.rate(answer_id, "s0", "down") == "not_yours"
    rows = log.questions()
    log.close()
    assert [(r["question"], r["feedback"]) for r in rows] == [("新问题", "down"), ("旧问题", None)]


async def test_a_rating_on_a_full_disk_is_refused_and_counted(
    request: pytest.FixtureRequest, retriever: Any
) -> None:
    from bot.bot import Bot
    from bot.sessions import SqliteSessionStore

    volume: Path = request.getfixturevalue("small_volume")
    sessions = SqliteSessionStore(volume / "sessions.db")
    app = create_app(make_settings(volume), bot=Bot(retriever, sessions))
    asked = question(6)
    async with asgi_client(app) as client:
        reply = await ask(client, asked)
        filler = fill(volume)
        full = await rate(client, reply, "down")
        readyz = (await client.get("/readyz")).json()
        filler.unlink()
        again = await rate(client, reply, "down")
        rows = await report(client, feedback="down")
    sessions.close()
    assert full.status_code == 503 and full.headers["Retry-After"]
    assert full.json()["error"]["message"] == "评价暂时无法保存，请稍后再试。"
    assert readyz["status"] == "degraded" and readyz["failed_writes"]["question_log"] == 1
    assert again.status_code == 200
    assert [row["question"] for row in rows] == [asked]
