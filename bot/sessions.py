"""Conversation sessions in SQLite, so follow-ups work across CLI runs and API calls."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

SESSION_ID_RULE = "1-64 letters, digits or _.:-"
_VALID_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated REAL NOT NULL
);
"""


def resolve_session_id(given: str | None) -> str:
    """The one session-id rule, for every channel: a well-formed id (SESSION_ID_RULE) is kept
    (an unknown one starts a new session under it); anything else gets a fresh id."""
    if given and _VALID_ID.match(given):
        return given
    return uuid.uuid4().hex


class SessionStore:
    """Session state (slots of the last calculation, last route) keyed by session id."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable across crashes of the app
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def load(self, session_id: str) -> dict[str, Any]:
        with self._lock:
            row = self._db.execute(
                "SELECT state FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
        return {} if row is None else dict(json.loads(row[0]))

    def save(self, session_id: str, state: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO sessions (id, state, updated) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated = excluded.updated",
                (session_id, json.dumps(state, ensure_ascii=False), time.time()),
            )

    def close(self) -> None:
        self._db.close()
