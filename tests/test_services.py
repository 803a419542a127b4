"""The servers the storage tests run against are real and reachable on 127.0.0.1."""

from __future__ import annotations

import psycopg
import pytest
import redis

from tests.utils import servers


def test_postgres_answers(database_url: str) -> None:
    with psycopg.connect(database_url) as db:
        row = db.execute("SELECT current_database(), inet_server_addr()::text").fetchone()
    assert row is not None and row[0].startswith("test_") and row[1] == "127.0.0.1/32"


def test_redis_answers(redis_url: str) -> None:
    with redis.Redis.from_url(redis_url) as client:
        assert client.set("policybot:probe", "1") and client.dbsize() == 1


def test_a_missing_server_fails_unless_a_skip_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYBOT_TEST_SKIP_SERVICES", raising=False)
    with pytest.raises(pytest.fail.Exception, match="scripts/ensure-services"):
        servers.missing("PostgreSQL")
    monkeypatch.setenv("POLICYBOT_TEST_SKIP_SERVICES", "1")
    with pytest.raises(pytest.skip.Exception):
        servers.missing("PostgreSQL")
