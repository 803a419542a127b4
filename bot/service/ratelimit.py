"""Budgets per client address, kept by the `limits` library (moving window of one minute).

The storage is a `limits` URI: `memory://` keeps the budgets in this process; `redis://host`
lets several replicas share them.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerMinute
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

# A person mistyping the admin token needs a few tries; ten a minute makes guessing a token
# of 24 or more characters hopeless.
ADMIN_FAILURES_PER_MINUTE = 10


class RateLimiter:
    """At most `per_minute` hits per key in any 60 s; `name` keeps budgets apart in a storage."""

    def __init__(self, name: str, per_minute: int, storage: Storage) -> None:
        self.name = name
        self._item = RateLimitItemPerMinute(max(per_minute, 1))
        self._limiter = MovingWindowRateLimiter(storage)

    def acquire(self, key: str) -> float:
        """Take one hit; return 0.0 if allowed, else the seconds until one is available."""
        if self._limiter.hit(self._item, self.name, key):
            return 0.0
        return self.wait(key)

    def wait(self, key: str) -> float:
        """Seconds until `key` may hit again without taking a hit (0.0 when it may now)."""
        if self._limiter.test(self._item, self.name, key):
            return 0.0
        stats = self._limiter.get_window_stats(self._item, self.name, key)
        return max(stats.reset_time - time.time(), 0.001)


def open_storage(uri: str) -> Storage:
    storage = storage_from_string(uri)
    if not isinstance(storage, Storage):
        raise ValueError(f"rate limit storage {uri!r} is asynchronous; use a plain URI")
    return storage


def retry_after_header(seconds: float) -> str:
    """Retry-After takes whole seconds; never 0 for a refused request."""
    return str(max(1, math.ceil(seconds)))
