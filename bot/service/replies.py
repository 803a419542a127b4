"""One answer per pushed message: WeChat's retries of a push get the first push's reply.

WeChat retries a push it got no reply to three times, 5 s apart, with the same MsgId. A retry
must not ask the bot again (a follow-up would be counted twice in the conversation), so replies
are kept by message for a while and a retry that arrives while the first push is still being
answered waits for that answer. `ReplyStore` is the storage (in-process here; a shared one such
as Redis can take its place behind the same two methods).
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Protocol

# WeChat's last retry comes ~15 s after the push; five minutes also covers a clock-skewed
# retry inside the timestamp window. At ~2 KB a reply, the bound keeps the store under 10 MB.
KEEP_SECONDS = 300.0
MAX_REPLIES = 4096


class ReplyStore(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, reply: str) -> None: ...


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

    def __len__(self) -> int:
        return len(self._replies)

    def _expire(self) -> None:
        now = self.clock()
        while self._replies:
            key, (expires, _) = next(iter(self._replies.items()))
            if expires > now:
                break
            del self._replies[key]


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
        if task is None:
            task = asyncio.ensure_future(make())
            self._running[key] = task
            task.add_done_callback(lambda done: self._finished(key, done))
        try:
            return await asyncio.wait_for(asyncio.shield(task), timeout)
        except TimeoutError:
            return None

    def _finished(self, key: str, task: asyncio.Task[str]) -> None:
        self._running.pop(key, None)
        if not task.cancelled() and task.exception() is None:
            self.store.put(key, task.result())
