"""Slow and idle clients against a real uvicorn on 127.0.0.1, configured as `policybot serve`
runs it: a request must arrive whole within the read timeout; connections are capped."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from bot.service.app import create_app
from tests.utils.service import live_server, make_settings, shared_bot

pytestmark = pytest.mark.server

READ_TIMEOUT = 1.0
STALLED = {
    "nothing sent": b"",
    "headers never finished": b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
    "body never finished": (
        b"POST /api/calculate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 200\r\n\r\n{"measure": '
    ),
}
PER_KIND = 60


@contextmanager
def server(kb_index: Path, **options: float) -> Iterator[tuple[str, int]]:
    app = create_app(make_settings(kb_index.parent / "slow-data"), bot=shared_bot(kb_index))
    with live_server(app, **options) as url:
        yield url, urlsplit(url).port or 80


def stalled(port: int, sent: bytes, stack: ExitStack) -> socket.socket:
    sock = stack.enter_context(socket.create_connection(("127.0.0.1", port)))
    if sent:
        sock.sendall(sent)
    return sock


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection within `seconds` (what it sends is read)."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        pass
    return True


def test_stalled_requests_are_closed_after_the_read_timeout(kb_index: Path) -> None:
    with server(kb_index, read_timeout=READ_TIMEOUT) as (url, port), ExitStack() as stack:
        started = time.monotonic()
        socks = {
            kind: [stalled(port, sent, stack) for _ in range(PER_KIND)]
            for kind, sent in STALLED.items()
        }
        # Meanwhile a whole request is answered at once.
        assert httpx.get(f"{url}/healthz").status_code == 200
        deadline = started + READ_TIMEOUT + 3  # the timeout plus scheduling slack
        for kind, group in socks.items():
            still_open = [
                s for s in group if not closed_within(s, max(0.01, deadline - time.monotonic()))
            ]
            assert not still_open, f"{kind}: {len(still_open)} of {PER_KIND} held open"
        assert time.monotonic() - started >= READ_TIMEOUT * 0.9  # not closed before the timeout

        # An idle kept-alive connection is keep-alive's to close, not the read timeout's.
        with httpx.Client() as client:
            assert client.get(f"{url}/healthz").status_code == 200
            time.sleep(READ_TIMEOUT * 1.5)
            again = client.get(f"{url}/healthz")
            assert again.status_code == 200


def test_connections_beyond_the_cap_get_503(kb_index: Path) -> None:
    with server(kb_index, max_connections=20, read_timeout=30) as (url, port):
        with ExitStack() as stack:
            for _ in range(20):
                stalled(port, b"", stack)
            time.sleep(0.2)
            assert httpx.get(f"{url}/healthz").status_code == 503
        time.sleep(0.2)  # the server sees them closed
        assert httpx.get(f"{url}/healthz").status_code == 200
