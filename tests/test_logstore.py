"""The question log's rules on both stores: SQLite (the default) and a real PostgreSQL
(`POLICYBOT_DATABASE_URL`, migrated by `policybot db upgrade`'s upgrade). Personal numbers
are masked before a row is written, only the asker may rate an answer, old rows are purged;
a store that cannot be written raises what the answer path counts as a failed write."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.database import Database, StoreUnavailable, upgrade
from bot.service.logstore import (
    LoggedQuestion,
    PostgresQuestionLog,
    QuestionLog,
    SqliteQuestionLog,
    open_question_log,
)
from bot.writes import WriteHealth
from tests.utils.service import free_port, make_settings

ID_CARD = "11010519491231002X"
MOBILE = "13812345678"
BANK_CARD = "6222 0212 3456 7890 128"
NUMBERS = (ID_CARD, MOBILE, BANK_CARD, BANK_CARD.replace(" ", ""))


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


LogFactory = Callable[..., QuestionLog]


class Backend:
    """Opens logs of one backend, all on the same storage, and reads its raw bytes."""

    def __init__(self, name: str, folder: Path, url: str) -> None:
        self.name = name
        self.folder = folder
        self.url = url
        self.opened: list[QuestionLog] = []

    def open(
        self, retention_days: int = 180, clock: Callable[[], datetime] | None = None
    ) -> QuestionLog:
        options: dict[str, Any] = {"clock": clock} if clock else {}
        log: QuestionLog
        if self.url:
            log = PostgresQuestionLog(Database(self.url), retention_days, **options)
        else:
            log = SqliteQuestionLog(self.folder / "questions.db", retention_days, **options)
        self.opened.append(log)
        return log

    def raw(self) -> str:
        """Everything the store holds of the log, as text (the file and its WAL; every row)."""
        if not self.url:
            files = sorted(self.folder.glob("questions.db*"))
            return b"".join(p.read_bytes() for p in files).decode("utf-8", "replace")
        import psycopg

        with psycopg.connect(self.url) as db:
            rows = db.execute("SELECT questions::text FROM questions").fetchall()
        return "\n".join(row[0] for row in rows)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    url = ""
    if request.param == "postgres":
        url = request.getfixturevalue("database_url")
        upgrade(url)
    chosen = Backend(request.param, tmp_path / "data", url)
    yield chosen
    for log in chosen.opened:
        log.close()


def entry(question: str, *, answered: bool = True, **change: Any) -> LoggedQuestion:
    values: dict[str, Any] = {
        "client": "c",
        "channel": "api",
        "question": question,
        "route": "knowledge" if answered else "out_of_scope",
        "answered": answered,
        "latency_ms": 7,
        "session_id": "s1",
        "answer": "答",
        "reply": {"answer": "答", "route": "knowledge"},
        "answer_id": uuid.uuid4().hex,
    }
    values.update(change)
    return LoggedQuestion(**values)


def test_the_log_survives_reopening_latest_first(backend: Backend) -> None:
    log = backend.open()
    log.record(entry("问一", latency_ms=12))
    log.record(entry("问二", answered=False, latency_ms=3))
    log.close()
    reopened = backend.open()
    rows = reopened.questions()
    assert [r["question"] for r in rows] == ["问二", "问一"]
    assert [r["answered"] for r in rows] == [False, True]
    assert [r["question"] for r in reopened.questions(unanswered=True)] == ["问二"]
    assert reopened.questions(limit=1)[0]["latency_ms"] == 3
    first = rows[1]
    assert set(first) == {
        "id", "time", "client", "channel", "session_id", "question", "route", "answered",
        "latency_ms", "answer", "feedback", "feedback_time",
    }  # fmt: skip
    assert (first["route"], first["channel"], first["feedback"]) == ("knowledge", "api", None)
    # ISO 8601 in UTC to the millisecond, the same text from either store
    when = datetime.fromisoformat(first["time"])
    assert first["time"].endswith("+00:00") and len(first["time"]) == 29
    assert abs(datetime.now(UTC) - when) < timedelta(minutes=5)


def test_personal_numbers_never_reach_the_store(backend: Backend) -> None:
    log = backend.open()
    log.record(
        entry(
            f"我身份证{ID_CARD}，手机{MOBILE}，银行卡{BANK_CARD}，摄影棚补多少？",
            client=f"{MOBILE}@127.0.0.1",
            session_id=f"s-{MOBILE}",
            answer=f"请致电，勿留卡号{BANK_CARD}",
            reply={"answer": f"身份证{ID_CARD}", "citations": [{"text": f"电话{MOBILE}"}]},
        )
    )
    [row] = log.questions()
    assert row["question"] == "我身份证[身份证号]，手机[手机号]，银行卡[银行卡号]，摄影棚补多少？"
    assert row["client"] == "[手机号]@127.0.0.1"
    assert row["session_id"] == "s-[手机号]"
    assert row["answer"] == "请致电，勿留卡号[银行卡号]"
    raw = backend.raw()
    assert "[身份证号]" in raw  # the reply is stored, masked
    for number in NUMBERS:
        assert number not in raw


def test_a_nul_character_is_logged_alike(backend: Backend) -> None:
    log = backend.open()
    log.record(entry("摄影棚\x00补贴", reply={"answer": "a\x00b"}))
    assert log.questions()[0]["question"] == "摄影棚\ufffd补贴"


def test_only_the_asker_rates_and_a_later_rating_replaces(backend: Backend) -> None:
    log = backend.open()
    mine = entry("问一", session_id="s1")
    other = entry("问二", session_id="s2")
    log.record(mine)
    log.record(other)
    assert mine.answer_id and other.answer_id
    assert log.rate(mine.answer_id, "s1", "up") == "saved"
    assert log.rate(mine.answer_id, "s2", "down") == "not_yours"
    assert log.rate(uuid.uuid4().hex, "s1", "down") == "unknown"
    assert [r["feedback"] for r in log.questions()] == [None, "up"]
    assert log.rate(mine.answer_id, "s1", "down") == "saved"
    assert log.rate(other.answer_id, "s2", "up") == "saved"
    downs = log.questions(feedback="down")
    assert [(r["question"], r["feedback"]) for r in downs] == [("问一", "down")]
    assert downs[0]["feedback_time"] >= downs[0]["time"]
    assert [r["question"] for r in log.questions(feedback="up")] == ["问二"]
    # a rating seen through another handle on the same store (another replica's)
    assert [r["question"] for r in backend.open().questions(feedback="down")] == ["问一"]


def test_an_answer_without_a_session_cannot_be_rated(backend: Backend) -> None:
    log = backend.open()
    anonymous = entry("问", session_id=None)
    log.record(anonymous)
    assert anonymous.answer_id
    assert log.rate(anonymous.answer_id, "", "up") == "not_yours"


@pytest.mark.parametrize(("retention_days", "kept"), [(180, ["10", "179"]), (30, ["10"])])
def test_rows_older_than_the_retention_are_purged(
    backend: Backend, retention_days: int, kept: list[str]
) -> None:
    clock = Clock()
    writer = backend.open(clock=clock)
    now = clock.now
    for days in (400, 181, 179, 10):
        clock.now = now - timedelta(days=days)
        writer.record(entry(str(days)))
    clock.now = now
    reader = backend.open(retention_days)  # purges at start, as a replica does
    assert [r["question"] for r in reader.questions()] == kept  # latest first
    assert reader.purge() == 0


def test_opening_picks_the_store_from_the_settings(backend: Backend) -> None:
    settings = make_settings(
        backend.folder, database_url=backend.url or None, session_secret="s" * 32
    )
    log = open_question_log(settings)
    backend.opened.append(log)
    expected = PostgresQuestionLog if backend.url else SqliteQuestionLog
    assert type(log) is expected
    log.record(entry("经设置打开"))
    assert [r["question"] for r in backend.open().questions()] == ["经设置打开"]


def test_a_log_whose_database_is_gone_fails_writes_as_countable() -> None:
    """Unreachable, each call raises StoreUnavailable, an OSError: what WriteHealth counts
    (the same as a full disk's error from SQLite), so the answer still goes out."""
    gone = PostgresQuestionLog(Database(f"postgresql://policybot@127.0.0.1:{free_port()}/x"))
    health = WriteHealth("question log")
    try:
        assert health.attempt(lambda: gone.record(entry("问"))) is False
        assert health.failures == 1 and health.failing
        with pytest.raises(StoreUnavailable):
            gone.questions()
    finally:
        gone.close()


def test_a_sqlite_log_written_before_ratings_gains_them(tmp_path: Path) -> None:
    path = tmp_path / "questions.db"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE questions (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL,"
            " client TEXT NOT NULL, channel TEXT NOT NULL, session_id TEXT, question TEXT"
            " NOT NULL, route TEXT NOT NULL, answered INTEGER NOT NULL, latency_ms INTEGER"
            " NOT NULL, answer TEXT NOT NULL, reply TEXT NOT NULL)"
        )
    old.close()
    log = SqliteQuestionLog(path)
    rated = entry("新问题")
    log.record(rated)
    assert rated.answer_id and log.rate(rated.answer_id, "s1", "up") == "saved"
    log.close()


def test_upgrade_adds_the_log_to_a_database_of_sessions_only(database_url: str) -> None:
    """A database migrated by the release before the log keeps its sessions and gains the
    log's table (migration 2 of bot/database.py)."""
    import psycopg

    from bot.database import MIGRATIONS, SCHEMA_VERSION

    with psycopg.connect(database_url, autocommit=True) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY)")
        db.execute(MIGRATIONS[0].encode())
        db.execute("INSERT INTO schema_version VALUES (1)")
        db.execute("INSERT INTO sessions VALUES ('kept', 'web', '{\"turns\": 1}', 1.0)")
    database = Database(database_url)
    assert database.check() == f"schema version 1 < {SCHEMA_VERSION}: run `policybot db upgrade`"
    assert upgrade(database_url) == (1, SCHEMA_VERSION)
    assert database.check() == "ok"
    log = PostgresQuestionLog(database)
    log.record(entry("升级后"))
    assert [r["question"] for r in log.questions()] == ["升级后"]
    log.close()
    with psycopg.connect(database_url) as db:
        assert db.execute("SELECT state FROM sessions WHERE id = 'kept'").fetchone() == (
            {"turns": 1},
        )
