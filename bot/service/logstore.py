"""The question log: every question and reply, with the asker's 👍/👎.

`QuestionLog` holds the rules (personal numbers masked before a row is written, rows older
than the retention purged at start and then hourly, only the session that asked may rate an
answer) over a few storage methods; `SqliteQuestionLog` (the default, a WAL file in the data
dir) and `PostgresQuestionLog` (`POLICYBOT_DATABASE_URL`, shared by every replica, schema by
`policybot db upgrade`) implement them, and `open_question_log` picks one from the settings.
"""

from __future__ import annotations

import hmac
import json
import logging
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot.service.privacy import mask

if TYPE_CHECKING:
    from bot.database import Database
    from bot.settings import Settings

PURGE_EVERY_SECONDS = 3600
logger = logging.getLogger("policybot.api")

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    client TEXT NOT NULL,
    channel TEXT NOT NULL,
    session_id TEXT,
    question TEXT NOT NULL,
    route TEXT NOT NULL,
    answered INTEGER NOT NULL,
    latency_ms INTEGER NOT NULL,
    answer TEXT NOT NULL,
    reply TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_answered ON questions (answered, id);
"""

# Columns added after the first release: a log written before them gains them on open.
ADDED_COLUMNS = {"answer_id": "TEXT", "feedback": "TEXT", "feedback_time": "TEXT"}
INDEXES = """
CREATE INDEX IF NOT EXISTS questions_answer_id ON questions (answer_id);
CREATE INDEX IF NOT EXISTS questions_feedback ON questions (feedback, id);
"""

# What the admin report shows of a row, in this order.
REPORT_COLUMNS = (
    "id",
    "time",
    "client",
    "channel",
    "session_id",
    "question",
    "route",
    "answered",
    "latency_ms",
    "answer",
    "feedback",
    "feedback_time",
)

Rating = Literal["up", "down"]
# What rating an answer came to: saved, no such answer (never logged, or purged), or the
# answer of another session.
RatingOutcome = Literal["saved", "unknown", "not_yours"]


@dataclass(frozen=True)
class LoggedQuestion:
    """One question as it is written to the log."""

    client: str
    channel: str  # api | stream | wechat
    question: str
    route: str
    answered: bool
    latency_ms: int
    session_id: str | None = None
    answer: str = ""
    reply: dict[str, Any] | None = None
    answer_id: str | None = None


@dataclass(frozen=True)
class Row:
    """One entry as it is stored: personal numbers already masked."""

    time: datetime
    client: str
    channel: str
    session_id: str | None
    question: str
    route: str
    answered: bool
    latency_ms: int
    answer: str
    reply: dict[str, Any]
    answer_id: str | None


def is_answered(reply: dict[str, Any]) -> bool:
    """Whether a reply gave the asker something: quoted sources, a calculation or a clause.

    Clarifying questions, "not found" and out-of-scope replies count as unanswered, so that
    staff can see what the kb lacks or what people ask without the facts a calculation needs.
    """
    route = reply.get("route")
    if route == "knowledge":
        return bool(reply.get("citations"))
    return route == "calculator"


def clean(text: str) -> str:
    """`text` as the log keeps it: ID-card, bank-card and mobile numbers masked, and a NUL
    character as U+FFFD (PostgreSQL's text cannot hold one; both stores keep the same)."""
    return mask(text).replace("\x00", "\ufffd")


def clean_all(value: Any) -> Any:
    """`clean` applied to every string (keys included) of a JSON-like value (a reply)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(str(key)): clean_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_all(item) for item in value]
    return value


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC to the millisecond: every stored time has one width, so text order is
    time order (SQLite compares them as text)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _now() -> datetime:
    return datetime.now(UTC)


def report_query(
    unanswered: bool, feedback: Rating | None, limit: int, mark: str, not_answered: str
) -> tuple[str, tuple[Any, ...]]:
    """The admin report's SELECT (latest first) and its values, in one store's dialect: its
    parameter `mark` ("?" or "%s") and how it says "not answered"."""
    conditions: list[str] = []
    values: list[Any] = []
    if unanswered:
        conditions.append(not_answered)
    if feedback:
        conditions.append(f"feedback = {mark}")
        values.append(feedback)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    query = (
        f"SELECT {', '.join(REPORT_COLUMNS)} FROM questions {where} ORDER BY id DESC LIMIT {mark}"
    )
    return query, (*values, limit)


class QuestionLog(ABC):
    """Append-only question log: the rules, over the storage methods an implementation gives."""

    def __init__(self, retention_days: int = 180, *, clock: Callable[[], datetime] = _now) -> None:
        self.retention = timedelta(days=retention_days)
        self.clock = clock
        self._purged = 0.0

    # -- storage: what an implementation provides ------------------------------------------

    @abstractmethod
    def _insert(self, row: Row) -> None:
        """Append one row."""

    @abstractmethod
    def _asker(self, answer_id: str) -> tuple[bool, str | None]:
        """(whether the answer is logged, the masked session id that asked it)."""

    @abstractmethod
    def _set_feedback(self, answer_id: str, rating: Rating, when: datetime) -> None:
        """Keep the rating with the answer's row."""

    @abstractmethod
    def _select(
        self, unanswered: bool, feedback: Rating | None, limit: int
    ) -> list[dict[str, Any]]:
        """The REPORT_COLUMNS of the latest rows first (times as `iso` text)."""

    @abstractmethod
    def _delete_before(self, cutoff: datetime) -> int:
        """Delete the rows written before `cutoff`; how many."""

    @abstractmethod
    def close(self) -> None:
        """Release the store's connections."""

    # -- the rules -------------------------------------------------------------------------

    def purge(self) -> int:
        """Delete the entries older than the retention; returns how many."""
        deleted = self._delete_before(self.clock() - self.retention)
        self._purged = time.monotonic()  # a purge that failed is tried again by the next write
        return deleted

    def record(self, entry: LoggedQuestion) -> None:
        """Append one entry, its personal numbers masked."""
        if time.monotonic() - self._purged > PURGE_EVERY_SECONDS:
            self.purge()
        self._insert(
            Row(
                time=self.clock(),
                client=clean(entry.client),
                channel=entry.channel,
                session_id=clean(entry.session_id) if entry.session_id else None,
                question=clean(entry.question),
                route=entry.route,
                answered=entry.answered,
                latency_ms=entry.latency_ms,
                answer=clean(entry.answer),
                reply=clean_all(entry.reply or {}),
                answer_id=entry.answer_id,
            )
        )

    def rate(self, answer_id: str, session_id: str, rating: Rating) -> RatingOutcome:
        """Keep `rating` with the answer `answer_id`, if `session_id` asked it (a later rating
        replaces an earlier one)."""
        logged, asker = self._asker(answer_id)
        if not logged:
            return "unknown"
        # The row holds the id as masked when written: compare it masked the same way.
        if not asker or not hmac.compare_digest(asker.encode(), clean(session_id).encode()):
            return "not_yours"
        self._set_feedback(answer_id, rating, self.clock())
        return "saved"

    def questions(
        self, *, unanswered: bool = False, feedback: Rating | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """The latest entries first; only unanswered ones, or only those rated `feedback`,
        when asked."""
        return self._select(unanswered, feedback, limit)


class SqliteQuestionLog(QuestionLog):
    """The log in a SQLite file (WAL) under the data dir; one connection shared by the
    server's threads (the default: one machine, no server)."""

    def __init__(
        self,
        path: Path,
        retention_days: int = 180,
        *,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        super().__init__(retention_days, clock=clock)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL survives a process crash; only an OS crash may lose the last writes.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.executescript(SCHEMA)
        try:
            self._add_columns()
            self.purge()
        except sqlite3.Error:
            # A full disk must not keep the service from starting: record() tries to purge
            # again, and a write the old columns cannot take is counted as a failed write.
            logger.exception("could not update or purge the question log %s", path)

    def _add_columns(self) -> None:
        have = {row[1] for row in self._conn.execute("PRAGMA table_info(questions)")}
        for name, kind in ADDED_COLUMNS.items():
            if name not in have:
                self._conn.execute(f"ALTER TABLE questions ADD COLUMN {name} {kind}")
        self._conn.executescript(INDEXES)

    def _insert(self, row: Row) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO questions (time, client, channel, session_id, question, route,"
                " answered, latency_ms, answer, reply, answer_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    iso(row.time),
                    row.client,
                    row.channel,
                    row.session_id,
                    row.question,
                    row.route,
                    int(row.answered),
                    row.latency_ms,
                    row.answer,
                    json.dumps(row.reply, ensure_ascii=False),
                    row.answer_id,
                ),
            )

    def _asker(self, answer_id: str) -> tuple[bool, str | None]:
        with self._lock:
            found = self._conn.execute(
                "SELECT session_id FROM questions WHERE answer_id = ?", (answer_id,)
            ).fetchone()
        return (False, None) if found is None else (True, found[0])

    def _set_feedback(self, answer_id: str, rating: Rating, when: datetime) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE questions SET feedback = ?, feedback_time = ? WHERE answer_id = ?",
                (rating, iso(when), answer_id),
            )

    def _select(
        self, unanswered: bool, feedback: Rating | None, limit: int
    ) -> list[dict[str, Any]]:
        query, values = report_query(unanswered, feedback, limit, "?", "answered = 0")
        with self._lock:
            rows = self._conn.execute(query, values).fetchall()
        items = [dict(zip(REPORT_COLUMNS, row, strict=True)) for row in rows]
        for item in items:
            item["answered"] = bool(item["answered"])
        return items

    def _delete_before(self, cutoff: datetime) -> int:
        with self._lock:
            deleted = self._conn.execute("DELETE FROM questions WHERE time < ?", (iso(cutoff),))
        return deleted.rowcount

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PostgresQuestionLog(QuestionLog):
    """The log in PostgreSQL, shared by every replica, so the admin report read through any
    of them shows all (schema: `policybot db upgrade`). Unreachable, each call raises
    StoreUnavailable, which the writes count as failed like a full disk's."""

    def __init__(
        self,
        database: Database,
        retention_days: int = 180,
        *,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        from bot.database import StoreUnavailable

        super().__init__(retention_days, clock=clock)
        self.database = database
        try:
            self.purge()
        except StoreUnavailable as exc:
            # A replica starts without its database; record() purges once it is back.
            logger.warning("question log not purged at start: %s", exc)

    def _insert(self, row: Row) -> None:
        from psycopg.types.json import Jsonb

        with self.database.connection() as db:
            db.execute(
                "INSERT INTO questions (time, client, channel, session_id, question, route,"
                " answered, latency_ms, answer, reply, answer_id)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                (
                    row.time,
                    row.client,
                    row.channel,
                    row.session_id,
                    row.question,
                    row.route,
                    row.answered,
                    row.latency_ms,
                    row.answer,
                    Jsonb(row.reply),
                    row.answer_id,
                ),
            )

    def _asker(self, answer_id: str) -> tuple[bool, str | None]:
        with self.database.connection() as db:
            found = db.execute(
                "SELECT session_id FROM questions WHERE answer_id = %s", (answer_id,)
            ).fetchone()
        return (False, None) if found is None else (True, found[0])

    def _set_feedback(self, answer_id: str, rating: Rating, when: datetime) -> None:
        with self.database.connection() as db:
            db.execute(
                "UPDATE questions SET feedback = %s, feedback_time = %s WHERE answer_id = %s",
                (rating, when, answer_id),
            )

    def _select(
        self, unanswered: bool, feedback: Rating | None, limit: int
    ) -> list[dict[str, Any]]:
        query, values = report_query(unanswered, feedback, limit, "%s", "NOT answered")
        with self.database.connection() as db:
            rows = db.execute(query, values).fetchall()
        items = [dict(zip(REPORT_COLUMNS, row, strict=True)) for row in rows]
        for item in items:
            item["time"] = iso(item["time"])
            if item["feedback_time"] is not None:
                item["feedback_time"] = iso(item["feedback_time"])
        return items

    def _delete_before(self, cutoff: datetime) -> int:
        with self.database.connection() as db:
            deleted = db.execute("DELETE FROM questions WHERE time < %s", (cutoff,))
        return deleted.rowcount

    def close(self) -> None:
        self.database.close()


def open_question_log(settings: Settings) -> QuestionLog:
    """PostgreSQL when `database_url` is set (every replica's questions in one report), else
    SQLite in the data dir."""
    if settings.database_url:
        from bot.database import open_database

        return PostgresQuestionLog(open_database(settings), settings.question_retention_days)
    return SqliteQuestionLog(settings.data_dir / "questions.db", settings.question_retention_days)
