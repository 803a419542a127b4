"""deploy/local, the reference deployment, on this machine: PostgreSQL, Redis, a Chroma server,
two `policybot serve` replicas and nginx in front, all on 127.0.0.1 (free ports)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.utils.service import free_port

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "deploy" / "local"
CALC_QUESTION = "在重庆租用摄影棚产生了800万元服务费用，能拿多少补助？"
FOLLOW_UPS = ("那如果是5000万呢？", "那如果是1000万呢？", "那如果是2000万呢？")
PER_MINUTE = 12
REPLICAS = 2


def _free_run(count: int) -> int:
    """A port p such that p+1 … p+count are free now (replica I listens on p+I)."""
    for _ in range(50):
        base = free_port()
        if base + count >= 65535:
            continue
        sockets = []
        try:
            for port in range(base + 1, base + count + 1):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no run of free ports")


@pytest.fixture(scope="module")
def deployment() -> Iterator[tuple[str, dict[str, str]]]:
    # Not under pytest's own temp dir (owner-only): as root, PostgreSQL runs as `postgres`.
    run = Path(tempfile.mkdtemp(prefix="policybot-deploy-"))
    run.chmod(0o755)
    env = {
        **os.environ,
        "POLICYBOT_DEPLOY_DIR": str(run / "run"),
        "VENV": str(Path(sys.executable).parent.parent),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PROXY_PORT": str(free_port()),
        "REPLICA_PORT": str(_free_run(REPLICAS)),
        "PG_PORT": str(free_port()),
        "REDIS_PORT": str(free_port()),
        "CHROMA_PORT": str(free_port()),
        "POLICYBOT_RATE_LIMIT_PER_MINUTE": str(PER_MINUTE),
    }
    try:
        up = subprocess.run(
            [str(SCRIPT), "up", str(REPLICAS)], env=env, capture_output=True, text=True, timeout=600
        )
        assert up.returncode == 0, up.stderr[-3000:]
        yield f"http://127.0.0.1:{env['PROXY_PORT']}", env
    finally:
        subprocess.run([str(SCRIPT), "down"], env=env, capture_output=True, timeout=120)
        shutil.rmtree(run, ignore_errors=True)


def _replica(env: dict[str, str], number: int) -> str:
    return f"http://127.0.0.1:{int(env['REPLICA_PORT']) + number}"


def _chats_served(env: dict[str, str], number: int) -> float:
    metrics = httpx.get(f"{_replica(env, number)}/metrics").text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith('http_requests_total{handler="/api/chat"')
    )


@pytest.mark.server
def test_replicas_behind_nginx_serve_as_one(deployment: tuple[str, dict[str, str]]) -> None:
    proxy, env = deployment
    ready = httpx.get(f"{proxy}/readyz").json()
    assert ready["status"] == "ready"
    assert {name: dep["backend"] for name, dep in ready["dependencies"].items()} == {
        "database": "postgresql",
        "redis": "redis",
        "chroma": "chroma server",
    }
    assert httpx.get(f"{proxy}/metrics").status_code == 404  # scraped per replica only
    with httpx.Client(base_url=proxy) as http:
        first = http.post("/api/chat", json={"message": CALC_QUESTION}).json()
        amounts = [
            http.post("/api/chat", json={"message": q, "session_id": first["session_id"]}).json()
            for q in FOLLOW_UPS
        ]
        # Round robin: the four turns of one conversation were answered by both replicas.
        assert [r["session_id"] for r in amounts] == [first["session_id"]] * 3
        assert [r["calculation"]["amount_yuan"] for r in amounts] == [
            10_000_000,
            2_000_000,
            4_000_000,
        ]
        assert all(_chats_served(env, n) >= 1 for n in range(1, REPLICAS + 1))
        # One budget for the client address, whichever replica answers.
        statuses = [
            http.post("/api/chat", json={"message": CALC_QUESTION}).status_code
            for _ in range(PER_MINUTE)
        ]
        assert statuses.count(200) == PER_MINUTE - 4 and statuses.count(429) == 4
        refused = http.post("/api/chat", json={"message": CALC_QUESTION})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


@pytest.mark.server
def test_a_killed_replica_costs_no_request_that_was_not_in_it(
    deployment: tuple[str, dict[str, str]],
) -> None:
    proxy, env = deployment
    subprocess.run([str(SCRIPT), "stop-replica", "1"], env=env, check=True, timeout=60)
    # Another client than the first test's, whose budget is spent (a header nginx passes on
    # and the replicas believe, for the client stands at the trusted proxy's own address).
    with httpx.Client(base_url=proxy, headers={"X-Forwarded-For": "198.51.100.7"}) as http:
        # nginx sends a refused connection on to the next replica (no POST was received twice)
        statuses = [
            http.post("/api/calculate", json={"measure": "studio", "facts": {"amount": "800万"}})
            for _ in range(6)
        ]
    assert [r.status_code for r in statuses] == [200] * 6, [r.text for r in statuses]
    subprocess.run([str(SCRIPT), "start-replica", "1"], env=env, check=True, timeout=300)
    status = subprocess.run(
        [str(SCRIPT), "status"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert status.count('"status":"ready"') == REPLICAS + 1, status
    assert json.loads(httpx.get(f"{_replica(env, 1)}/readyz").text)["status"] == "ready"
