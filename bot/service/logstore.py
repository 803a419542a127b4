"""The question log: every question and reply, in SQLite (WAL) under the data dir.

ID-card, bank-card and mobile numbers are masked before a row is written, and rows older than
the retention are purged (at start and then hourly). Each answer carries a random id by which
the session that asked may rate it (👍/👎); the rating is kept on the question's row.
"""

from __future__ import annotations

import hmac
import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from bot.service.privacy import mask, mask_all

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


def is_answered(reply: dict[str, Any]) -> bool:
    """Whether a reply gave the asker something: quoted sources, a calculation or a clause.

    Clarifying questions, "not found" and out-of-scope replies count as unanswered, so that
    staff can see what the kb lacks or what people ask without the facts a calculation needs.
    """
    route = reply.get("route")
    if route == "knowledge":
        return bool(reply.get("citations"))
    return route == "calculator"


class QuestionLog:
    """Append-only question log; one connection shared by the server's threads."""

    def __init__(self, path: Path, retention_days: int = 180) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.retention = timedelta(days=retention_days)
        self._purged = 0.0
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

    def purge(self) -> int:
        """Delete the entries older than the retention; returns how many."""
        cutoff = (datetime.now(UTC) - self.retention).isoformat(timespec="milliseconds")
        with self._lock:
            # Times are ISO 8601 in UTC, all of one width: text order is time order.
            deleted = self._conn.execute("DELETE FROM questions WHERE time < ?", (cutoff,))
            self._purged = time.monotonic()
        return deleted.rowcount

    def record(self, entry: LoggedQuestion) -> None:
        """Append one entry, its personal numbers masked."""
        if time.monotonic() - self._purged > PURGE_EVERY_SECONDS:
            self.purge()
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        reply = json.dumps(mask_all(entry.reply or {}), ensure_ascii=False)
        with self._lock:
            self._conn.execute(
                "INSERT INTO questions (time, client, channel, session_id, question, route,"
                " answered, latency_ms, answer, reply, answer_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    now,
                    mask(entry.client),
                    entry.channel,
                    mask(entry.session_id) if entry.session_id else None,
                    mask(entry.question),
                    entry.route,
                    int(entry.answered),
                    entry.latency_ms,
                    mask(entry.answer),
                    reply,
                    entry.answer_id,
                ),
            )

    def rate(self, answer_id: str, session_id: str, rating: Rating) -> RatingOutcome:
        """Keep `rating` with the answer `answer_id`, if `session_id` asked it (a later rating
        replaces an earlier one)."""
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        with self._lock:
            row = self._conn.execute(
                "SELECT session_id FROM questions WHERE answer_id = ?", (answer_id,)
            ).fetchone()
            if row is None:
                return "unknown"
            # The row holds the id as masked when written: compare it masked the same way.
            asker = row[0] or ""
            if not asker or not hmac.compare_digest(asker.encode(), mask(session_id).encode()):
                return "not_yours"
            self._conn.execute(
                "UPDATE questions SET feedback = ?, feedback_time = ? WHERE answer_id = ?",
                (rating, now, answer_id),
            )
        return "saved"

    def questions(
        self, *, unanswered: bool = False, feedback: Rating | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """The latest entries first; only unanswered ones, or only those rated `feedback`,
        when asked."""
        conditions: list[str] = []
        values: list[Any] = []
        if unanswered:
            conditions.append("answered = 0")
        if feedback:
            conditions.append("feedback = ?")
            values.append(feedback)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, time, client, channel, session_id, question, route, answered,"
                " latency_ms, answer, feedback, feedback_time"
                f" FROM questions {where} ORDER BY id DESC LIMIT ?",
                (*values, limit),
            ).fetchall()
        keys = (
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
        items = [dict(zip(keys, row, strict=True)) for row in rows]
        for item in items:
            item["answered"] = bool(item["answered"])
        return items

    def close(self) -> None:
        with self._lock:
            self._conn.close()
