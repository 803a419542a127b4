"""Writes an answer must not wait on (the question log, sessions): a failure is counted and
logged, and the answer goes out anyway."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

log = logging.getLogger("policybot.writes")

# What a full or read-only data volume raises from SQLite or the file system.
WRITE_ERRORS = (sqlite3.Error, OSError)


class WriteHealth:
    """Failed writes of one store: the count since start and whether the last one failed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = name.replace(" ", "_")
        self.failures = 0
        self.failing = False
        self._lock = threading.Lock()

    def attempt(self, write: Callable[[], None]) -> bool:
        """Run `write`; a storage error is counted and logged instead of raised."""
        try:
            write()
        except WRITE_ERRORS as exc:
            with self._lock:
                self.failures += 1
                self.failing = True
                count = self.failures
            log.error("could not write to the %s (%d failed so far): %s", self.name, count, exc)
            return False
        if self.failing:
            with self._lock:
                self.failing = False
            log.warning("writes to the %s succeed again", self.name)
        return True
