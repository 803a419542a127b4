"""Real PostgreSQL and Redis servers on 127.0.0.1 for the storage tests.

`POLICYBOT_TEST_DATABASE_URL` / `POLICYBOT_TEST_REDIS_URL` name servers to use (every test
database is created and dropped on it; the Redis database is flushed). Unset, the test run
starts its own throwaway servers from Debian's packages (`scripts/ensure-services` installs
them). A missing server fails the tests that need it, in CI as anywhere: only
`POLICYBOT_TEST_SKIP_SERVICES=1` turns that into a skip, for a machine without the packages.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.utils.service import free_port

START_WAIT_SECONDS = 60  # a guard against hanging, not a speed assertion


def missing(what: str) -> None:
    """Fail (or, when the run says so explicitly, skip) a test whose server is missing."""
    message = f"{what} is not installed: run scripts/ensure-services"
    if os.environ.get("POLICYBOT_TEST_SKIP_SERVICES") == "1":
        pytest.skip(message)
    pytest.fail(message + " (or set POLICYBOT_TEST_SKIP_SERVICES=1 to skip these tests)")


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian keeps them per major version)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
    )
    return Path(found[-1]).parent if found else None


def _wait(ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + START_WAIT_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.1)


class PostgresServer:
    """A throwaway PostgreSQL cluster on 127.0.0.1 (trust auth, user `policybot`), which a
    test may stop and start again. PostgreSQL refuses to run as root: as root, the cluster
    belongs to the `postgres` user the package created."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.owner = "postgres" if os.geteuid() == 0 else None
        self.root = Path(tempfile.mkdtemp(prefix="policybot-pg-"))
        self.data = self.root / "data"
        if self.owner:
            entry = pwd.getpwnam(self.owner)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.port = free_port()
        self.url = f"postgresql://policybot@127.0.0.1:{self.port}/postgres"
        initdb = [str(binaries / "initdb"), "-D", str(self.data), "-U", "policybot"]
        self._run([*initdb, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])

    def _run(self, command: list[str], check: bool = True) -> None:
        owned = ["runuser", "-u", self.owner, "--", *command] if self.owner else command
        subprocess.run(owned, check=check, capture_output=True)

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        log = str(self.root / "server.log")
        self._run(
            [
                str(self.binaries / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                log,
                "-o",
                options,
                "-w",
                "start",
            ]
        )

    def stop(self) -> None:
        """Stop at once, as a crash would (connections are cut)."""
        stop = [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate"]
        self._run([*stop, "-w", "stop"], check=False)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """A started PostgresServer, removed afterwards; its `url` names the `postgres` database."""
    binaries = postgres_bin()
    if binaries is None:
        missing("PostgreSQL")
        raise AssertionError  # unreachable: missing() raises
    server = PostgresServer(binaries)
    try:
        server.start()
        yield server
    finally:
        server.remove()


@contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway Redis on 127.0.0.1 that keeps nothing on disk; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        missing("Redis")
        raise AssertionError  # unreachable: missing() raises
    import redis

    root = Path(tempfile.mkdtemp(prefix="policybot-redis-"))
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(root),
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "yes",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)

    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError("redis-server exited at start")
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    try:
        _wait(answers, "redis-server")
        yield url
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


CHROMA = Path(sys.executable).parent / "chroma"


@contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """A Chroma server (`chroma run`, the virtualenv's) on 127.0.0.1 keeping its data in
    `folder`; yields its URL."""
    import httpx

    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = folder / "chroma.log"
    with log_path.open("wb") as log:
        command = [str(CHROMA), "run", "--path", str(folder / "server")]
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            if process.poll() is not None:
                raise RuntimeError(log_path.read_text(errors="replace"))
            try:
                return httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        try:
            _wait(answers, "chroma server")
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server for one test; dropped after it."""
    import secrets

    import psycopg

    name = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
