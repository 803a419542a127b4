"""Conversation sessions, so follow-ups work across CLI runs, API calls and replicas.

Session ids are issued here only: 128 random bits for a conversation begun on the web or the
CLI, an HMAC of the user under a server secret for a channel that names its users (WeChat's
openid). A session is reached only through the channel that holds it, and one idle longer
than `idle_seconds` is gone: its id starts a new session with a new id.

`SessionStore` holds those rules over five storage methods; `SqliteSessionStore` (the default,
a file in the data dir) and `PostgresSessionStore` (`POLICYBOT_DATABASE_URL`, shared by every
replica) implement them, and `open_session_store` picks one from the settings.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.database import StoreUnavailable

if TYPE_CHECKING:
    from bot.database import Database
    from bot.settings import Settings

WEB = "web"
WECHAT = "wechat"
DEFAULT_IDLE_SECONDS = 24 * 3600
# Expired sessions are deleted at most this often, by whichever call comes next: one indexed
# DELETE per ten minutes costs nothing, and an expired session is unreachable before that.
PURGE_INTERVAL_SECONDS = 600
SECRET_FILE = "session-secret"
_MAX_ID_CHARS = 64

log = logging.getLogger("policybot.sessions")

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


class SessionStore(ABC):
    """Session state (facts of the last calculation, last route) keyed by session id: the
    rules of ids, channels and expiry, over the storage methods an implementation gives."""

    def __init__(
        self,
        secret: str,
        *,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._key = secret.encode()
        self._purged = 0.0

    # -- storage: what an implementation provides ------------------------------------------

    @abstractmethod
    def _live(self, session_id: str, channel: str, oldest: float) -> bool:
        """Whether the session exists for `channel` and was updated at `oldest` or later."""

    @abstractmethod
    def _put(self, session_id: str, channel: str, state: dict[str, Any], now: float) -> None:
        """Create the session, or replace it whole."""

    @abstractmethod
    def _get(self, session_id: str, oldest: float) -> dict[str, Any] | None:
        """The state of a session updated at `oldest` or later, else None."""

    @abstractmethod
    def _update(self, session_id: str, state: dict[str, Any], now: float) -> None:
        """Replace the state of an existing session (a missing one stays missing)."""

    @abstractmethod
    def _delete_before(self, oldest: float) -> int:
        """Delete the sessions last updated before `oldest`; how many."""

    @abstractmethod
    def close(self) -> None:
        """Release the store's connections."""

    # -- the rules -------------------------------------------------------------------------

    def resume(self, given: str | None, channel: str = WEB) -> str:
        """`given` when this store issued it for `channel` and it has not expired; otherwise
        the id of a new, empty session."""
        if given and len(given) <= _MAX_ID_CHARS and self._live(given, channel, self._oldest()):
            return given
        return self.issue(channel)

    def issue(self, channel: str = WEB) -> str:
        """A new, empty session: 128 random bits."""
        session_id = secrets.token_hex(16)
        self._put(session_id, channel, {}, self.clock())
        self.purge_if_due()
        return session_id

    def for_user(self, channel: str, user: str) -> str:
        """The one session of a channel's user, keyed with the server secret (an HMAC: the id
        cannot be derived from the user's name); an expired one starts empty. While a shared
        store is unreachable the id is still the user's: the turn is answered without its
        history, and the failed write is counted by whoever saves the turn."""
        digest = hmac.new(self._key, f"{channel}\0{user}".encode(), hashlib.sha256)
        session_id = f"{channel}-{digest.hexdigest()[:32]}"
        try:
            if not self._live(session_id, channel, self._oldest()):
                self._put(session_id, channel, {}, self.clock())
                self.purge_if_due()
        except StoreUnavailable as exc:
            log.warning("session of a %s user not checked: %s", channel, exc)
        return session_id

    def load(self, session_id: str) -> dict[str, Any]:
        """The session's state; empty for an unknown or expired session, and while a shared
        store is unreachable (the turn is answered without its history)."""
        try:
            state = self._get(session_id, self._oldest())
        except StoreUnavailable as exc:
            log.warning("session not loaded: %s", exc)
            return {}
        return {} if state is None else state

    def save(self, session_id: str, state: dict[str, Any]) -> None:
        """Store the state of an issued session (an id never issued is not created)."""
        self._update(session_id, state, self.clock())

    def purge(self) -> int:
        """Delete every expired session; returns how many."""
        self._purged = self.clock()
        return self._delete_before(self._oldest())

    def purge_if_due(self) -> None:
        if self.clock() - self._purged >= PURGE_INTERVAL_SECONDS:
            self.purge()

    def _oldest(self) -> float:
        return self.clock() - self.idle_seconds


class SqliteSessionStore(SessionStore):
    """Sessions in a SQLite file: one machine, no server (the default)."""

    def __init__(
        self,
        path: Path,
        *,
        secret: str | None = None,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(
            secret or load_or_create_secret(path.parent / SECRET_FILE),
            idle_seconds=idle_seconds,
            clock=clock,
        )
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

    def _live(self, session_id: str, channel: str, oldest: float) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM sessions WHERE id = ? AND channel = ? AND updated >= ?",
                (session_id, channel, oldest),
            ).fetchone()
        return row is not None

    def _put(self, session_id: str, channel: str, state: dict[str, Any], now: float) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO sessions (id, channel, state, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET channel = excluded.channel, "
                "state = excluded.state, updated = excluded.updated",
                (session_id, channel, json.dumps(state, ensure_ascii=False), now),
            )

    def _get(self, session_id: str, oldest: float) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT state FROM sessions WHERE id = ? AND updated >= ?", (session_id, oldest)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def _update(self, session_id: str, state: dict[str, Any], now: float) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE sessions SET state = ?, updated = ? WHERE id = ?",
                (json.dumps(state, ensure_ascii=False), now, session_id),
            )

    def _delete_before(self, oldest: float) -> int:
        with self._lock:
            cursor = self._db.execute("DELETE FROM sessions WHERE updated < ?", (oldest,))
        return cursor.rowcount

    def close(self) -> None:
        self._db.close()


class PostgresSessionStore(SessionStore):
    """Sessions in PostgreSQL, shared by every replica (schema: `policybot db upgrade`)."""

    def __init__(
        self,
        database: Database,
        *,
        secret: str,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(secret, idle_seconds=idle_seconds, clock=clock)
        self.database = database

    def _live(self, session_id: str, channel: str, oldest: float) -> bool:
        with self.database.connection() as db:
            row = db.execute(
                "SELECT 1 FROM sessions WHERE id = %s AND channel = %s AND updated >= %s",
                (session_id, channel, oldest),
            ).fetchone()
        return row is not None

    def _put(self, session_id: str, channel: str, state: dict[str, Any], now: float) -> None:
        from psycopg.types.json import Jsonb

        with self.database.connection() as db:
            db.execute(
                "INSERT INTO sessions (id, channel, state, updated) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, "
                "state = excluded.state, updated = excluded.updated",
                (session_id, channel, Jsonb(state), now),
            )

    def _get(self, session_id: str, oldest: float) -> dict[str, Any] | None:
        with self.database.connection() as db:
            row = db.execute(
                "SELECT state FROM sessions WHERE id = %s AND updated >= %s", (session_id, oldest)
            ).fetchone()
        return None if row is None else dict(row[0])

    def _update(self, session_id: str, state: dict[str, Any], now: float) -> None:
        from psycopg.types.json import Jsonb

        with self.database.connection() as db:
            db.execute(
                "UPDATE sessions SET state = %s, updated = %s WHERE id = %s",
                (Jsonb(state), now, session_id),
            )

    def _delete_before(self, oldest: float) -> int:
        with self.database.connection() as db:
            cursor = db.execute("DELETE FROM sessions WHERE updated < %s", (oldest,))
        return cursor.rowcount

    def close(self) -> None:
        self.database.close()


def open_session_store(settings: Settings) -> SessionStore:
    """PostgreSQL when `database_url` is set (every replica shares it), else SQLite in the
    data dir."""
    if settings.database_url:
        from bot.database import open_database

        return PostgresSessionStore(
            open_database(settings),
            secret=settings.session_secret,
            idle_seconds=settings.session_idle_seconds,
        )
    return SqliteSessionStore(
        settings.data_dir / "sessions.db",
        secret=settings.session_secret or None,
        idle_seconds=settings.session_idle_seconds,
    )
