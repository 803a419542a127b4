"""Redis shared by replicas (POLICYBOT_REDIS_URL): rate budgets and WeChat's retried replies,
against a real Redis on 127.0.0.1; a Redis that is gone costs neither the limit nor answers."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.service.ratelimit import RateLimiter, open_storage
from bot.service.replies import OncePerMessage, RedisReplyStore
from bot.settings import Settings
from tests.utils.service import free_port


def test_redis_url_moves_the_budgets_to_redis(redis_url: str) -> None:
    assert Settings(redis_url=redis_url).rate_limit_storage == redis_url
    assert Settings().rate_limit_storage == "memory://"


def test_two_replicas_spend_one_budget(redis_url: str) -> None:
    one = RateLimiter("requests", 3, open_storage(redis_url))
    other = RateLimiter("requests", 3, open_storage(redis_url))
    assert [one.acquire("10.0.0.7"), other.acquire("10.0.0.7"), one.acquire("10.0.0.7")] == [
        0.0
    ] * 3
    assert other.acquire("10.0.0.7") > 0 and one.wait("10.0.0.7") > 0
    assert other.acquire("10.0.0.8") == 0.0  # another address has its own budget
    assert one.storage_failures == other.storage_failures == 0


def test_without_redis_each_replica_keeps_the_limit_itself(
    caplog: pytest.LogCaptureFixture,
) -> None:
    gone = RateLimiter("requests", 2, open_storage(f"redis://127.0.0.1:{free_port()}/0"))
    with caplog.at_level(logging.WARNING, "policybot.api"):
        assert [gone.acquire("10.0.0.7") for _ in range(2)] == [0.0, 0.0]
        assert gone.acquire("10.0.0.7") > 0  # still limited, in this process
    assert gone.storage_failing and gone.storage_failures >= 3
    assert sum("rate limit storage unreachable" in r.message for r in caplog.records) == 1


def test_replies_and_claims_are_shared(redis_url: str) -> None:
    one, other = RedisReplyStore.from_url(redis_url), RedisReplyStore.from_url(redis_url)
    assert one.claim("gh\0oUser\0msg-1") and not other.claim("gh\0oUser\0msg-1")
    assert other.get("gh\0oUser\0msg-1") is None
    one.put("gh\0oUser\0msg-1", "补助160万元")
    assert other.get("gh\0oUser\0msg-1") == "补助160万元"
    assert one.client.ttl("policybot:reply:gh\0oUser\0msg-1") > 0  # kept for a while only


@pytest.mark.anyio
async def test_a_retry_on_another_replica_waits_for_the_first_answer(redis_url: str) -> None:
    replicas = [OncePerMessage(RedisReplyStore.from_url(redis_url)) for _ in range(2)]
    asked: list[int] = []
    release = asyncio.Event()

    async def make(replica: int) -> str:
        asked.append(replica)
        await release.wait()
        return f"answer made on replica {replica}"

    first = asyncio.create_task(replicas[0].reply("msg-2", lambda: make(0), timeout=30))
    await asyncio.sleep(0)  # the first push is being answered when the retry comes
    retry = asyncio.create_task(replicas[1].reply("msg-2", lambda: make(1), timeout=30))
    await asyncio.sleep(0.3)
    release.set()
    assert await first == await retry == "answer made on replica 0"
    assert asked == [0]
    again = await replicas[1].reply("msg-2", lambda: make(1), timeout=1)
    assert again == "answer made on replica 0" and asked == [0]


@pytest.mark.anyio
async def test_without_redis_a_message_is_answered_where_it_lands() -> None:
    replies = OncePerMessage(RedisReplyStore.from_url(f"redis://127.0.0.1:{free_port()}/0"))

    async def make() -> str:
        return "answered"

    assert await replies.reply("msg-3", make, timeout=5) == "answered"
