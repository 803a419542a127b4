"""Build the real app over a real index and talk to it over HTTP (ASGI or uvicorn)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from bot.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.bot import Bot

ADMIN_TOKEN = "test-admin-token-7f3a"
WECHAT_TOKEN = "test-wechat-token"
READY_WAIT_SECONDS = 120  # a guard against hanging, not a speed assertion

_bots: dict[Path, Bot] = {}
_bots_lock = threading.Lock()


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "admin_token": ADMIN_TOKEN,
        "wechat_token": WECHAT_TOKEN,
    }
    values.update(overrides)
    return Settings(**values)


def shared_bot(data_dir: Path) -> Bot:
    """One real, warm Bot per index for the whole test session (loading the model is slow)."""
    from bot.bot import Bot

    with _bots_lock:
        if data_dir not in _bots:
            bot = Bot.from_settings(make_settings(data_dir))
            bot.warm()
            _bots[data_dir] = bot
        return _bots[data_dir]


async def wait_ready(client: httpx.AsyncClient) -> None:
    deadline = time.monotonic() + READY_WAIT_SECONDS
    while (await client.get("/readyz")).status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("the app never became ready")
        await asyncio.sleep(0.05)


@asynccontextmanager
async def asgi_client(
    app: FastAPI, *, ready: bool = True, peer: str = "127.0.0.1"
) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app's lifespan and give an httpx client over the ASGI transport, as `peer`."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(peer, 50_000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            if ready:
                await wait_ready(client)
            yield client


def admin_headers(token: str = ADMIN_TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wechat_query(
    token: str = WECHAT_TOKEN, timestamp: str | None = None, nonce: str = "42"
) -> dict[str, str]:
    """Query parameters signed with WeChat's documented algorithm (sha1 of sorted strings),
    at the present time unless `timestamp` is given."""
    timestamp = str(int(time.time())) if timestamp is None else timestamp
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    return {"signature": signature, "timestamp": timestamp, "nonce": nonce}


def parse_sse(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a text/event-stream body; comments skipped."""
    events = []
    for block in body.split("\n\n"):
        name, data = "message", []
        for line in block.splitlines():
            if line.startswith(":"):
                continue
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, "\n".join(data)))
    return events


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(app: FastAPI, **options: Any) -> Iterator[str]:
    """uvicorn on 127.0.0.1 (free port) in a thread, configured as `policybot serve` runs it
    (`options` as in `uvicorn_config`); yields the base URL once it is ready."""
    import uvicorn

    from bot.service.serving import uvicorn_config

    port = free_port()
    config = uvicorn_config(app, host="127.0.0.1", port=port, log_level="warning", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + READY_WAIT_SECONDS
    try:
        while True:
            try:
                if httpx.get(f"{base_url}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the server never became ready")
            time.sleep(0.05)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    """`policybot serve` as a process on 127.0.0.1 (free port) with `env` over the current
    environment; yields the base URL once /healthz answers."""
    import tempfile

    port = free_port()
    root = str(Path(__file__).resolve().parents[2])
    python_path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    command = [str(Path(sys.executable).with_name("policybot")), "serve", "--port", str(port)]
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [*command, "--no-access-log", "--log-level", "warning"],
            env={**os.environ, "PYTHONPATH": python_path, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + READY_WAIT_SECONDS
        try:
            while True:
                try:
                    if httpx.get(f"{base_url}/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"policybot serve never answered:\n{log.read()[-2000:]}")
                time.sleep(0.1)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
