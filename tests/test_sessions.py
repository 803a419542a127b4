"""Session ids are the server's: issued at random, reached only through their channel, expired
when idle; over HTTP, nobody can read or steer another user's conversation."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.database import SCHEMA_VERSION, Database, StoreUnavailable, upgrade
from bot.service.app import create_app
from bot.sessions import WEB, WECHAT, PostgresSessionStore, SessionStore, SqliteSessionStore
from bot.settings import Settings
from tests.utils.service import asgi_client, make_settings, shared_bot, wechat_query

CALC_QUESTION = "在重庆租用摄影棚产生了800万元服务费用，能拿多少补助？"
FOLLOW_UP = "那如果是5000万呢？"
ISSUED = re.compile(r"^[0-9a-f]{32}$")  # 128 random bits


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


StoreFactory = Callable[..., SessionStore]


@pytest.fixture(params=["sqlite", "postgres"])
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Opens session stores of one backend: SQLite files, or a real PostgreSQL database
    (migrated by the upgrade the `db` command runs) that every store of the test shares."""
    opened: list[SessionStore] = []
    url = ""
    if request.param == "postgres":
        url = request.getfixturevalue("database_url")
        upgrade(url)

    def make(folder: Path, clock: Clock, secret: str = "s" * 32) -> SessionStore:
        store: SessionStore
        if url:
            store = PostgresSessionStore(
                Database(url), secret=secret, idle_seconds=600, clock=clock
            )
        else:
            store = SqliteSessionStore(
                folder / "s.db", secret=secret, idle_seconds=600, clock=clock
            )
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def test_only_issued_live_ids_of_the_channel_are_resumed(
    open_store: StoreFactory, tmp_path: Path
) -> None:
    sessions = open_store(tmp_path, Clock())
    issued = sessions.resume(None)
    assert ISSUED.match(issued)
    assert sessions.resume(issued) == issued
    for stranger in ("abc", "a" * 32, "../../etc/passwd", "", "x" * 10_000):
        fresh = sessions.resume(stranger)
        assert fresh != stranger and ISSUED.match(fresh)
    sessions.save("never-issued", {"turns": 1})  # a save does not create a session
    assert sessions.resume("never-issued") != "never-issued"
    wechat = sessions.for_user(WECHAT, "oUser")
    assert sessions.resume(wechat, WECHAT) == wechat
    assert sessions.resume(wechat, WEB) != wechat
    assert sessions.resume(issued, WECHAT) != issued


def test_state_comes_back_as_it_was_saved(open_store: StoreFactory, tmp_path: Path) -> None:
    sessions = open_store(tmp_path, Clock())
    issued = sessions.resume(None)
    state = {"focus": ["studio"], "facts": {"studio": {"amount": 8_000_000, "note": "摄影棚"}}}
    sessions.save(issued, state)
    assert sessions.load(issued) == state
    assert sessions.load("never-issued") == {}


def test_user_sessions_are_keyed_with_the_secret(open_store: StoreFactory, tmp_path: Path) -> None:
    one = open_store(tmp_path / "a", Clock(), secret="a" * 32)
    other = open_store(tmp_path / "b", Clock(), secret="b" * 32)
    assert one.for_user(WECHAT, "oUser") == one.for_user(WECHAT, "oUser")
    assert one.for_user(WECHAT, "oUser") != other.for_user(WECHAT, "oUser")
    assert one.for_user(WECHAT, "oUser") != one.for_user(WECHAT, "oOther")
    plain_hash = hashlib.sha256(b"oUser").hexdigest()[:32]
    assert plain_hash not in one.for_user(WECHAT, "oUser")


def test_a_secret_is_generated_into_the_data_dir_when_unset(tmp_path: Path) -> None:
    first = SqliteSessionStore(tmp_path / "s.db", secret=None)
    secret_file = tmp_path / "session-secret"
    assert len(secret_file.read_text().strip()) == 64
    assert secret_file.stat().st_mode & 0o077 == 0
    again = SqliteSessionStore(tmp_path / "s.db", secret=None)
    assert first.for_user(WECHAT, "o") == again.for_user(WECHAT, "o")


def test_idle_sessions_expire_and_are_purged(open_store: StoreFactory, tmp_path: Path) -> None:
    clock = Clock()
    sessions = open_store(tmp_path, clock)
    old = sessions.resume(None)
    sessions.save(old, {"turns": 1})
    user = sessions.for_user(WECHAT, "oUser")
    sessions.save(user, {"turns": 3})
    clock.now += 599
    assert sessions.resume(old) == old and sessions.load(old) == {"turns": 1}
    clock.now += 601
    assert sessions.load(old) == {}
    assert sessions.purge() == 2  # old and the user's
    assert sessions.resume(old) != old
    assert sessions.for_user(WECHAT, "oUser") == user
    assert sessions.load(user) == {}  # the user's expired conversation starts empty
    clock.now += 601
    assert sessions.purge() == 2  # the session that replaced old, and the user's
    assert sessions.purge() == 0


def test_two_stores_on_one_database_share_the_conversations(database_url: str) -> None:
    upgrade(database_url)
    clock = Clock()
    one, other = (
        PostgresSessionStore(Database(database_url), secret="k" * 32, clock=clock) for _ in range(2)
    )
    issued = one.resume(None)
    one.save(issued, {"turns": 1})
    assert other.resume(issued) == issued and other.load(issued) == {"turns": 1}
    assert other.for_user(WECHAT, "oUser") == one.for_user(WECHAT, "oUser")
    one.close()
    other.close()


def test_db_upgrade_creates_the_schema_once(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from bot.cli.main import app

    runner = CliRunner()
    monkeypatch.setenv("POLICYBOT_DATABASE_URL", database_url)
    monkeypatch.setenv("POLICYBOT_SESSION_SECRET", "k" * 32)
    database = Database(database_url)
    assert database.check() == f"schema version 0 < {SCHEMA_VERSION}: run `policybot db upgrade`"
    sessions = PostgresSessionStore(database, secret="k" * 32)
    with pytest.raises(StoreUnavailable, match="no schema"):
        sessions.resume(None)  # a replica started before the upgrade: its writes fail
    assert sessions.load("any") == {}
    first = runner.invoke(app, ["db", "upgrade"])
    assert first.exit_code == 0 and f"升级到 {SCHEMA_VERSION}" in first.output
    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0 and "已是最新" in again.output
    assert database.check() == "ok"
    database.close()


def test_db_upgrade_needs_a_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from bot.cli.main import app

    monkeypatch.delenv("POLICYBOT_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 2 and "POLICYBOT_DATABASE_URL" in result.output


def test_a_database_needs_the_shared_session_secret() -> None:
    with pytest.raises(ValidationError, match="every replica"):
        Settings(database_url="postgresql://policybot@127.0.0.1/policybot")


def test_a_session_secret_is_required_outside_development() -> None:
    with pytest.raises(ValidationError):
        Settings(environment="production", admin_token="x7Q!f0-long-random-admin-token")
    assert Settings(
        environment="production",
        admin_token="x7Q!f0-long-random-admin-token",
        session_secret="k" * 32,
    ).session_secret


@pytest.mark.anyio
async def test_chat_issues_ids_and_never_adopts_a_clients(kb_index: Path) -> None:
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    async with asgi_client(app) as client:
        chosen = "my-own-session-id"
        first = (
            await client.post("/api/chat", json={"message": CALC_QUESTION, "session_id": chosen})
        ).json()
        assert first["session_id"] != chosen and ISSUED.match(first["session_id"])
        # The issued id continues the conversation: the follow-up reuses the measure.
        follow = await client.post(
            "/api/chat", json={"message": FOLLOW_UP, "session_id": first["session_id"]}
        )
        assert follow.json()["session_id"] == first["session_id"]
        assert follow.json()["calculation"]["amount_yuan"] == 10_000_000
        # Someone else who picks the id the first client chose does not reach anything.
        other = (
            await client.post("/api/chat", json={"message": FOLLOW_UP, "session_id": chosen})
        ).json()
        assert other["session_id"] not in (chosen, first["session_id"])
        assert other["route"] == "clarify" and other["calculation"] is None


@pytest.mark.anyio
async def test_wechat_sessions_are_not_reachable_through_chat(kb_index: Path) -> None:
    bot = shared_bot(kb_index)
    app = create_app(make_settings(kb_index), bot=bot)
    victim = "oVictim_42"
    push = {
        "ToUserName": "gh_policybot",
        "FromUserName": victim,
        "CreateTime": int(time.time()),
        "MsgType": "text",
        "Content": CALC_QUESTION,
        "MsgId": 9_000_001,
    }
    async with asgi_client(app) as client:
        pushed = await client.post("/wechat", params=wechat_query(), json=push)
        assert "160万元" in pushed.json()["Content"]
        keyed = bot.sessions.for_user(WECHAT, victim)
        assert bot.sessions.load(keyed)["focus"]
        # The old unkeyed id, and even the keyed one, only start a new session on /api/chat.
        old_style = "wechat-" + hashlib.sha256(victim.encode()).hexdigest()[:32]
        for guess in (old_style, keyed):
            reply = (
                await client.post("/api/chat", json={"message": FOLLOW_UP, "session_id": guess})
            ).json()
            assert reply["session_id"] != guess
            assert reply["route"] == "clarify" and reply["calculation"] is None
    assert bot.sessions.load(keyed)["turns"] == 1  # the victim's session was not touched


@pytest.mark.anyio
async def test_an_expired_session_id_starts_a_new_session(
    kb_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = shared_bot(kb_index)
    app = create_app(make_settings(kb_index), bot=bot)
    async with asgi_client(app) as client:
        first = (await client.post("/api/chat", json={"message": CALC_QUESTION})).json()
        later = time.time() + bot.sessions.idle_seconds + 1
        monkeypatch.setattr(bot.sessions, "clock", lambda: later)
        again = (
            await client.post(
                "/api/chat", json={"message": FOLLOW_UP, "session_id": first["session_id"]}
            )
        ).json()
    assert again["session_id"] != first["session_id"] and ISSUED.match(again["session_id"])
    assert again["route"] == "clarify" and again["calculation"] is None
