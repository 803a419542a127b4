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
)
SCHEMA_VERSION = len(MIGRATIONS)
# Any constant both the command and a second copy of it agree on; serialises upgrades.
_UPGRADE_LOCK = 0x706F6C6963790001

# A replica's calls wait at most this long for a connection, and after a failure go straight
# to "unavailable" for RETRY_SECONDS: an answer must not wait on a server that is gone
# (WeChat drops a reply after 5 s), and one probe every few seconds finds it back.
CONNECT_TIMEOUT_SECONDS = 2
RETRY_SECONDS = 3.0
POOL_SIZE = 4
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


class Database:
    """A pool of connections to PostgreSQL that reports a lost server as StoreUnavailable."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = POOL_SIZE,
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
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_SECONDS},
            # a connection that died with its server is replaced, not handed out
            check=ConnectionPool.check_connection,
            timeout=CONNECT_TIMEOUT_SECONDS,
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
