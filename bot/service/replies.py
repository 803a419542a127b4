"""One answer per pushed message: WeChat's retries of a push get the first push's reply.

WeChat retries a push it got no reply to three times, 5 s apart, with the same MsgId. A retry
must not ask the bot again (a follow-up would be counted twice in the conversation), so replies
are kept by message for a while and a retry that arrives while the first push is still being
answered waits for that answer. `ReplyStore` is the storage: in this process by default;
`RedisReplyStore` (`POLICYBOT_REDIS_URL`) shares the replies, and the claim on a message being
answered, between replicas, so a retry that lands on another replica waits for the first
replica's answer instead of asking again.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import redis

log = logging.getLogger("policybot.api")

# WeChat's last retry comes ~15 s after the push; five minutes also covers a clock-skewed
# retry inside the timestamp window. At ~2 KB a reply, the bound keeps the store under 10 MB.
KEEP_SECONDS = 300.0
MAX_REPLIES = 4096
# How long another replica's claim on a message holds: longer than any answer takes (an answer
# is at most a few seconds), short enough that a replica killed mid-answer frees the message
# before WeChat's last retry.
CLAIM_SECONDS = 10.0
# How often a retry polls for the reply another replica is making (on loopback or a LAN a GET
# is well under a millisecond).
POLL_SECONDS = 0.1


class ReplyStore(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, reply: str) -> None: ...
    def claim(self, key: str) -> bool:
        """True when this process is to make the reply (no other process is making it)."""
        ...


class MemoryReplyStore:
    """Replies by key in this process: at most `max_replies`, each kept `keep_seconds`."""

    def __init__(
        self,
        max_replies: int = MAX_REPLIES,
        keep_seconds: float = KEEP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_replies = max_replies
        self.keep_seconds = keep_seconds
        self.clock = clock
        self._replies: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def get(self, key: str) -> str | None:
        self._expire()
        kept = self._replies.get(key)
        return None if kept is None else kept[1]

    def put(self, key: str, reply: str) -> None:
        self._replies[key] = (self.clock() + self.keep_seconds, reply)
        self._replies.move_to_end(key)
        self._expire()
        while len(self._replies) > self.max_replies:
            self._replies.popitem(last=False)

    def claim(self, key: str) -> bool:
        return True  # one process: OncePerMessage already holds the answer being made

    def __len__(self) -> int:
        return len(self._replies)

    def _expire(self) -> None:
        now = self.clock()
        while self._replies:
            key, (expires, _) = next(iter(self._replies.items()))
            if expires > now:
                break
            del self._replies[key]


class RedisReplyStore:
    """Replies in Redis, shared by every replica, each kept `keep_seconds`. While Redis cannot
    be reached a message is answered where it lands (a retry may then be asked twice)."""

    def __init__(
        self, client: redis.Redis, keep_seconds: float = KEEP_SECONDS, prefix: str = "policybot"
    ) -> None:
        self.client = client
        self.keep_seconds = keep_seconds
        self.prefix = prefix

    @classmethod
    def from_url(cls, url: str) -> RedisReplyStore:
        import redis

        from bot.service.ratelimit import REDIS_TIMEOUT_SECONDS

        return cls(
            redis.Redis.from_url(
                url,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                socket_timeout=REDIS_TIMEOUT_SECONDS,
            )
        )

    def get(self, key: str) -> str | None:
        import redis

        try:
            kept = self.client.get(f"{self.prefix}:reply:{key}")
        except redis.RedisError as exc:
            log.warning("wechat reply store unreachable: %s", exc)
            return None
        return None if kept is None else bytes(kept).decode("utf-8")  # type: ignore[arg-type]

    def put(self, key: str, reply: str) -> None:
        import redis

        try:
            self.client.set(
                f"{self.prefix}:reply:{key}", reply.encode("utf-8"), ex=int(self.keep_seconds)
            )
            self.client.delete(f"{self.prefix}:claim:{key}")
        except redis.RedisError as exc:
            log.warning("wechat reply not kept: %s", exc)

    def close(self) -> None:
        self.client.close()

    def claim(self, key: str) -> bool:
        import redis

        try:
            taken = self.client.set(
                f"{self.prefix}:claim:{key}", b"1", nx=True, px=int(CLAIM_SECONDS * 1000)
            )
        except redis.RedisError as exc:
            log.warning("wechat reply store unreachable: %s", exc)
            return True
        return bool(taken)


class OncePerMessage:
    """Answers each key once: a stored reply, or the answer already being made, or a new one."""

    def __init__(self, store: ReplyStore | None = None) -> None:
        self.store: ReplyStore = store or MemoryReplyStore()
        self._running: dict[str, asyncio.Task[str]] = {}

    async def reply(
        self, key: str, make: Callable[[], Awaitable[str]], timeout: float
    ) -> str | None:
        """The reply for `key`, or None when it is not ready within `timeout` seconds (it is
        still made, and kept for the next retry)."""
        kept = self.store.get(key)
        if kept is not None:
            return kept
        task = self._running.get(key)
        if task is None and not self.store.claim(key):
            return await self._made_elsewhere(key, timeout)
        if task is None:
            task = asyncio.ensure_future(make())
            self._running[key] = task
            task.add_done_callback(lambda done: self._finished(key, done))
        try:
            return await asyncio.wait_for(asyncio.shield(task), timeout)
        except TimeoutError:
            return None

    async def _made_elsewhere(self, key: str, timeout: float) -> str | None:
        """The reply another process is making, once it is stored (None after `timeout`)."""
        for _ in range(max(1, math.ceil(timeout / POLL_SECONDS))):
            await asyncio.sleep(POLL_SECONDS)
            kept = self.store.get(key)
            if kept is not None:
                return kept
        return None

    def _finished(self, key: str, task: asyncio.Task[str]) -> None:
        self._running.pop(key, None)
        if not task.cancelled() and task.exception() is None:
            self.store.put(key, task.result())
