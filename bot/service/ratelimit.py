"""Per-client token buckets: `rate_limit_per_minute` requests a minute, bursts up to the same."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

# Idle buckets are dropped past this many clients, so a flood of new ids cannot grow memory.
MAX_TRACKED_CLIENTS = 10_000


class RateLimiter:
    """Token bucket per client id; `acquire` answers how long to wait (0 when allowed)."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(max(per_minute, 1))
        self.refill_per_second = self.capacity / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)
        self._lock = threading.Lock()

    def acquire(self, client: str) -> float:
        """Take one token; return 0.0 if allowed, else the seconds until one is available."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill_per_second)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                if len(self._buckets) > MAX_TRACKED_CLIENTS:
                    self._prune(now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.refill_per_second

    def _prune(self, now: float) -> None:
        """Forget buckets that have refilled (they behave like new ones), then the oldest.

        Shrinking to half the cap keeps this O(n) scan rare even under a flood of new ids.
        """
        full_after = self.capacity / self.refill_per_second
        stale = [c for c, (_, last) in self._buckets.items() if now - last >= full_after]
        for client in stale:
            del self._buckets[client]
        excess = len(self._buckets) - MAX_TRACKED_CLIENTS // 2
        if excess > 0:
            for client in list(self._buckets)[:excess]:
                del self._buckets[client]


def retry_after_header(seconds: float) -> str:
    """Retry-After takes whole seconds; never 0 for a refused request."""
    return str(max(1, math.ceil(seconds)))
