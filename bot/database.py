"""PostgreSQL, the shared state of several replicas (`POLICYBOT_DATABASE_URL`): a connection
pool that fails fast while the server is gone, and the schema's migrations.

The schema is created and migrated by `policybot db upgrade`, never by a replica at start:
the migrations run in order, each once, under an advisory lock, so the command is idempotent
and safe to run from several machines at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

    from bot.settings import Settings

log = logging.getLogger("policybot.database")

# Each entry migrates the schema from version n to n + 1; append, never edit a released one.
MIGRATIONS: tuple[str, ...] = (
    # 1: conversation sessions (bot/sessions.py)
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        state JSONB NOT NULL,
        updated DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX sessions_updated ON sessions (updated);
    """,
    # 2: the question log and its ratings (bot/service/logstore.py)
    """
    CREATE TABLE questions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        time TIMESTAMPTZ NOT NULL,
        client TEXT NOT NULL,
        channel TEXT NOT NULL,
        session_id TEXT,
        question TEXT NOT NULL,
        route TEXT NOT NULL,
        answered BOOLEAN NOT NULL,
        latency_ms INTEGER NOT NULL,
        answer TEXT NOT NULL,
        reply JSONB NOT NULL,
        answer_id TEXT,
        feedback TEXT CHECK (feedback IN ('up', 'down')),
        feedback_time TIMESTAMPTZ
    );
    CREATE INDEX questions_time ON questions (time);
    CREATE INDEX questions_answered ON questions (answered, id);
    CREATE INDEX questions_answer_id ON questions (answer_id);
    CREATE INDEX questions_feedback ON questions (feedback, id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# Any constant both the command and a second copy of it agree on; serialises upgrades.
_UPGRADE_LOCK = 0x706F6C6963790001

# A replica's calls wait at most CONNECT_TIMEOUT_SECONDS for a connection and the server at
# most STATEMENT_TIMEOUT_SECONDS for a statement (a lock another session holds included),
# and after a failure go straight to "unavailable" for RETRY_SECONDS: an answer must not wait
# on a server that is gone or hung (WeChat drops a reply after 5 s; an answer makes up to
# four calls, each a few milliseconds when the server is well), and one probe every few
# seconds finds it back. libpq counts a connect timeout below 2 s as 2 s.
# POLICYBOT_DATABASE_CONNECT_TIMEOUT_SECONDS and _STATEMENT_TIMEOUT_SECONDS set them.
CONNECT_TIMEOUT_SECONDS = 2
STATEMENT_TIMEOUT_SECONDS = 2.0
RETRY_SECONDS = 3.0
POOL_SIZE = 4
# psycopg_pool retries a lost connection in the background with a doubling delay for up to
# `reconnect_timeout` (300 s by default): after an outage of half a minute its next try was
# 16 s away, and the calls of a replica whose server was back failed all that while. Given
# up after this long, the chain ends and the next call starts a fresh attempt at once.
RECONNECT_GIVE_UP_SECONDS = 5.0
UNREACHABLE = "the database is unreachable"
NO_SCHEMA = "the database has no schema: run `policybot db upgrade`"


class StoreUnavailable(ConnectionError):
    """The shared store cannot be reached, or its schema is not there (a ConnectionError, so
    that the writes an answer does not wait on count it as a failed write). `reason` is short
    and names no server; the message adds the driver's words for the log."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def schema_version(db: psycopg.Connection[Any]) -> int:
    """The version the database is at (0 before the first upgrade)."""
    row = db.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    found = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(found[0]) if found and found[0] is not None else 0


def upgrade(url: str) -> tuple[int, int]:
    """Bring the database at `url` to SCHEMA_VERSION; returns (version before, after)."""
    import psycopg

    with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_SECONDS) as db, db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s)", (_UPGRADE_LOCK,))
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
        before = schema_version(db)
        if before > SCHEMA_VERSION:
            raise RuntimeError(
                f"the database is at schema version {before}, newer than this code's "
                f"{SCHEMA_VERSION}: upgrade policybot"
            )
        for version in range(before + 1, SCHEMA_VERSION + 1):
            db.execute(MIGRATIONS[version - 1].encode())
            db.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
    return before, SCHEMA_VERSION


def _with_statement_timeout(url: str, seconds: float) -> str:
    """The URL's own server options, and the statement timeout after them."""
    from psycopg.conninfo import conninfo_to_dict

    given = str(conninfo_to_dict(url).get("options") or "")
    return f"{given} -c statement_timeout={max(1, round(seconds * 1000))}".strip()


def open_database(settings: Settings) -> Database:
    """A pool on `settings.database_url` with the settings' timeouts."""
    if not settings.database_url:
        raise ValueError("no database_url")
    return Database(
        settings.database_url,
        connect_timeout=settings.database_connect_timeout_seconds,
        statement_timeout=settings.database_statement_timeout_seconds,
    )


class Database:
    """A pool of connections to PostgreSQL that reports a lost server as StoreUnavailable."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = POOL_SIZE,
        connect_timeout: int = CONNECT_TIMEOUT_SECONDS,
        statement_timeout: float = STATEMENT_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from psycopg_pool import ConnectionPool

        self.url = url
        self.clock = clock
        self._down_until = 0.0
        self._lock = threading.Lock()
        # Opened at once but connecting in the background: a replica starts without its
        # database, answers calculations and says "degraded" until the server is back.
        self._pool: ConnectionPool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={
                "autocommit": True,
                "connect_timeout": connect_timeout,
                # in the startup packet: no round trip to a server that may not answer it
                "options": _with_statement_timeout(url, statement_timeout),
            },
            # a connection that died with its server is replaced, not handed out
            check=ConnectionPool.check_connection,
            timeout=connect_timeout,
            reconnect_timeout=RECONNECT_GIVE_UP_SECONDS,
            open=True,
            name="policybot",
        )

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection in autocommit mode; StoreUnavailable when the server cannot be
        reached or the schema is missing."""
        import psycopg
        from psycopg.errors import UndefinedTable

        with self._lock:
            if self.clock() < self._down_until:
                raise StoreUnavailable(UNREACHABLE, "retrying shortly")
        try:
            with self._pool.connection() as db:
                yield db
        except UndefinedTable as exc:
            raise StoreUnavailable(NO_SCHEMA, str(exc)) from exc
        except psycopg.OperationalError as exc:
            with self._lock:
                self._down_until = self.clock() + RETRY_SECONDS
            raise StoreUnavailable(UNREACHABLE, str(exc)) from exc

    def check(self) -> str:
        """ "ok", or why the database cannot serve (unreachable, schema missing or old)."""
        try:
            with self.connection() as db:
                version = schema_version(db)
        except StoreUnavailable as exc:
            return exc.reason
        if version < SCHEMA_VERSION:
            return f"schema version {version} < {SCHEMA_VERSION}: run `policybot db upgrade`"
        return "ok"

    def close(self) -> None:
        self._pool.close()
