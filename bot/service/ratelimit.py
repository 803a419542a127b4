"""Budgets per client address, kept by the `limits` library (moving window of one minute).

The storage is a `limits` URI: `memory://` keeps the budgets in this process; `redis://host`
(what `POLICYBOT_REDIS_URL` sets) lets several replicas share them. While a shared storage
cannot be reached, each replica keeps the budgets in its own memory: the limit still holds per
replica, requests are not refused for the storage's sake, and /readyz says degraded.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import TypeVar

from limits import RateLimitItemPerMinute
from limits.errors import StorageError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from limits.util import WindowStats

log = logging.getLogger("policybot.api")
T = TypeVar("T")

# A person mistyping the admin token needs a few tries; ten a minute makes guessing a token
# of 24 or more characters hopeless.
ADMIN_FAILURES_PER_MINUTE = 10
# A budget is one round trip to Redis on loopback or a LAN (well under a millisecond); a
# server that does not answer within this is treated as gone for the request.
REDIS_TIMEOUT_SECONDS = 0.5


class RateLimiter:
    """At most `per_minute` hits per key in any 60 s; `name` keeps budgets apart in a storage."""

    def __init__(self, name: str, per_minute: int, storage: Storage) -> None:
        self.name = name
        self.storage = storage
        self.storage_failures = 0
        self.storage_failing = False
        self._item = RateLimitItemPerMinute(max(per_minute, 1))
        self._shared = MovingWindowRateLimiter(storage)
        self._local = MovingWindowRateLimiter(MemoryStorage())

    def acquire(self, key: str) -> float:
        """Take one hit; return 0.0 if allowed, else the seconds until one is available."""
        if self._call(lambda limiter: limiter.hit(self._item, self.name, key)):
            return 0.0
        return self.wait(key)

    def wait(self, key: str) -> float:
        """Seconds until `key` may hit again without taking a hit (0.0 when it may now)."""
        if self._call(lambda limiter: limiter.test(self._item, self.name, key)):
            return 0.0
        stats: WindowStats = self._call(
            lambda limiter: limiter.get_window_stats(self._item, self.name, key)
        )
        return max(stats.reset_time - time.time(), 0.001)

    def _call(self, use: Callable[[MovingWindowRateLimiter], T]) -> T:
        try:
            result = use(self._shared)
        except StorageError as exc:
            self.storage_failures += 1
            if not self.storage_failing:  # once per outage, not once per request
                log.warning("rate limit storage unreachable, budgets kept in this process: %s", exc)
            self.storage_failing = True
            return use(self._local)
        if self.storage_failing:
            self.storage_failing = False
            log.warning("rate limit storage reachable again")
        return result


def open_storage(uri: str) -> Storage:
    options: dict[str, float] = {}
    if uri.startswith(("redis://", "rediss://")):
        options = {
            "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
            "socket_timeout": REDIS_TIMEOUT_SECONDS,
        }
    storage = storage_from_string(uri, wrap_exceptions=True, **options)
    if not isinstance(storage, Storage):
        raise ValueError(f"rate limit storage {uri!r} is asynchronous; use a plain URI")
    return storage


def retry_after_header(seconds: float) -> str:
    """Retry-After takes whole seconds; never 0 for a refused request."""
    return str(max(1, math.ceil(seconds)))
