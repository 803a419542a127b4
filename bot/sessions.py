"""Conversation sessions in SQLite, so follow-ups work across CLI runs and API calls.

Session ids are issued here only: 128 random bits for a conversation begun on the web or the
CLI, an HMAC of the user under a server secret for a channel that names its users (WeChat's
openid). A session is reached only through the channel that holds it, and one idle longer
than `idle_seconds` is gone: its id starts a new session with a new id.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WEB = "web"
WECHAT = "wechat"
DEFAULT_IDLE_SECONDS = 24 * 3600
# Expired sessions are deleted at most this often, by whichever call comes next: one indexed
# DELETE per ten minutes costs nothing, and an expired session is unreachable before that.
PURGE_INTERVAL_SECONDS = 600
SECRET_FILE = "session-secret"
_MAX_ID_CHARS = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    state TEXT NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated);
"""


def load_or_create_secret(path: Path) -> str:
    """The secret kept in `path`, created (256 random bits, owner-only) when absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as out:
        secret = secrets.token_hex(32)
        out.write(secret + "\n")
    return secret


class SessionStore:
    """Session state (facts of the last calculation, last route) keyed by session id."""

    def __init__(
        self,
        path: Path,
        *,
        secret: str | None = None,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._key = (secret or load_or_create_secret(path.parent / SECRET_FILE)).encode()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable across crashes of the app
        self._db.execute("PRAGMA busy_timeout=5000")
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
        if columns and "channel" not in columns:
            # Sessions of earlier versions were named by their clients: none may be resumed.
            self._db.execute("DROP TABLE sessions")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._purged = 0.0

    def resume(self, given: str | None, channel: str = WEB) -> str:
        """`given` when this store issued it for `channel` and it has not expired; otherwise
        the id of a new, empty session."""
        if given and len(given) <= _MAX_ID_CHARS and self._live(given, channel):
            return given
        return self.issue(channel)

    def issue(self, channel: str = WEB) -> str:
        """A new, empty session: 128 random bits."""
        session_id = secrets.token_hex(16)
        self._put(session_id, channel, {})
        self.purge_if_due()
        return session_id

    def for_user(self, channel: str, user: str) -> str:
        """The one session of a channel's user, keyed with the server secret (an HMAC: the id
        cannot be derived from the user's name); an expired one starts empty."""
        digest = hmac.new(self._key, f"{channel}\0{user}".encode(), hashlib.sha256)
        session_id = f"{channel}-{digest.hexdigest()[:32]}"
        if not self._live(session_id, channel):
            self._put(session_id, channel, {})
            self.purge_if_due()
        return session_id

    def load(self, session_id: str) -> dict[str, Any]:
        with self._lock:
            row = self._db.execute(
                "SELECT state FROM sessions WHERE id = ? AND updated >= ?",
                (session_id, self._oldest()),
            ).fetchone()
        return {} if row is None else dict(json.loads(row[0]))

    def save(self, session_id: str, state: dict[str, Any]) -> None:
        """Store the state of an issued session (an id never issued is not created)."""
        with self._lock:
            self._db.execute(
                "UPDATE sessions SET state = ?, updated = ? WHERE id = ?",
                (json.dumps(state, ensure_ascii=False), self.clock(), session_id),
            )

    def purge(self) -> int:
        """Delete every expired session; returns how many."""
        with self._lock:
            self._purged = self.clock()
            cursor = self._db.execute("DELETE FROM sessions WHERE updated < ?", (self._oldest(),))
        return cursor.rowcount

    def purge_if_due(self) -> None:
        if self.clock() - self._purged >= PURGE_INTERVAL_SECONDS:
            self.purge()

    def close(self) -> None:
        self._db.close()

    def _oldest(self) -> float:
        return self.clock() - self.idle_seconds

    def _live(self, session_id: str, channel: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM sessions WHERE id = ? AND channel = ? AND updated >= ?",
                (session_id, channel, self._oldest()),
            ).fetchone()
        return row is not None

    def _put(self, session_id: str, channel: str, state: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO sessions (id, channel, state, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET channel = excluded.channel, "
                "state = excluded.state, updated = excluded.updated",
                (session_id, channel, json.dumps(state, ensure_ascii=False), self.clock()),
            )
