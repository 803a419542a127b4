"""Budgets per address: the socket peer keys them, forwarded headers count only from named
proxies, X-Client-Id is a label, and wrong admin tokens run out."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bot.service.app import create_app
from bot.service.ratelimit import RateLimiter, open_storage, retry_after_header
from tests.utils.service import admin_headers, asgi_client, make_settings, served

LIMIT = 10


async def _passed(client: httpx.AsyncClient, headers: list[dict[str, str]]) -> int:
    statuses = [(await client.get("/api/measures", headers=h)).status_code for h in headers]
    assert set(statuses) <= {200, 429}
    return statuses.count(200)


def _forwarded(count: int) -> list[dict[str, str]]:
    return [{"X-Forwarded-For": f"203.0.113.{i}", "X-Client-Id": f"c{i}"} for i in range(count)]


@pytest.mark.anyio
async def test_rotating_client_ids_share_the_address_budget(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, rate_limit_per_minute=LIMIT)
    async with asgi_client(create_app(settings), ready=False) as client:
        rotating = [{"X-Client-Id": f"client-{i}"} for i in range(3 * LIMIT)]
        assert await _passed(client, rotating) == LIMIT
        limited = await client.get("/api/measures")
        assert limited.status_code == 429
        assert 1 <= int(limited.headers["Retry-After"]) <= 60
        assert (await client.get("/healthz")).status_code == 200  # never limited
    # Another address has a budget of its own.
    async with asgi_client(create_app(settings), ready=False, peer="192.0.2.7") as other:
        assert await _passed(other, [{}] * LIMIT) == LIMIT


@pytest.mark.anyio
async def test_forwarded_for_counts_only_from_a_named_proxy(tmp_path: Path) -> None:
    untrusted = make_settings(tmp_path, rate_limit_per_minute=LIMIT)
    async with asgi_client(create_app(untrusted), ready=False) as client:
        assert await _passed(client, _forwarded(2 * LIMIT)) == LIMIT
    proxied = make_settings(
        tmp_path, rate_limit_per_minute=LIMIT, trusted_proxies="10.0.0.0/8, 127.0.0.1"
    )
    async with asgi_client(create_app(proxied), ready=False) as proxy:
        assert await _passed(proxy, _forwarded(2 * LIMIT)) == 2 * LIMIT
    # A client that is not a named proxy cannot pose as one.
    async with asgi_client(create_app(proxied), ready=False, peer="192.0.2.7") as client:
        assert await _passed(client, _forwarded(2 * LIMIT)) == LIMIT


@pytest.mark.server
@pytest.mark.parametrize(("trusted", "passed"), [("", LIMIT), ("127.0.0.1", 2 * LIMIT)])
def test_serve_believes_forwarded_for_only_from_named_proxies(
    tmp_path: Path, trusted: str, passed: int
) -> None:
    # uvicorn alone believes X-Forwarded-For from 127.0.0.1: 20 of 20 rotating ones passed.
    env = {
        "POLICYBOT_DATA_DIR": str(tmp_path),
        "POLICYBOT_RATE_LIMIT_PER_MINUTE": str(LIMIT),
        "POLICYBOT_TRUSTED_PROXIES": trusted,
    }
    with served(env) as base_url, httpx.Client(base_url=base_url) as client:
        statuses = [
            client.get("/api/measures", headers=h).status_code for h in _forwarded(2 * LIMIT)
        ]
    assert statuses.count(200) == passed
    assert statuses.count(429) == 2 * LIMIT - passed


@pytest.mark.anyio
async def test_wrong_admin_tokens_run_out(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))
    async with asgi_client(app, ready=False) as client:
        for i in range(10):
            wrong = await client.get("/api/admin/questions", headers=admin_headers(f"guess-{i}"))
            assert wrong.status_code == 401
        blocked = await client.get("/api/admin/questions", headers=admin_headers())
        assert blocked.status_code == 429
        assert blocked.json()["error"]["code"] == "too_many_failures"
        assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    async with asgi_client(app, ready=False, peer="192.0.2.7") as staff:
        allowed = await staff.get("/api/admin/questions", headers=admin_headers())
        assert allowed.status_code == 200
        # Right tokens never count against the budget.
        for _ in range(15):
            assert (await staff.get("/api/admin/questions", headers=admin_headers())).is_success


def test_limiters_in_one_storage_keep_their_budgets_apart() -> None:
    storage = open_storage("memory://")
    requests = RateLimiter("requests", 3, storage)
    failures = RateLimiter("admin-failures", 1, storage)
    assert [requests.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = requests.acquire("a")
    assert 0 < wait <= 60
    assert 1 <= int(retry_after_header(wait)) <= 60
    assert requests.acquire("b") == 0.0
    assert failures.wait("a") == 0.0
    assert failures.acquire("a") == 0.0
    assert failures.wait("a") > 0


def test_trusted_proxies_are_addresses_or_networks() -> None:
    assert make_settings(Path("."), trusted_proxies="10.0.0.0/8,::1").trusted_proxies == [
        "10.0.0.0/8",
        "::1",
    ]
    assert make_settings(Path(".")).trusted_proxies == []
    with pytest.raises(ValueError, match="not-an-address"):
        make_settings(Path("."), trusted_proxies="not-an-address")
