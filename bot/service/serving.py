"""How `policybot serve` runs uvicorn: bounded against slow and idle clients.

uvicorn times out only the idle wait between requests (keep-alive). A client that connects and
sends nothing, or never finishes its headers or its body, holds its connection for ever:
3,000 such connections were all still open after 60 s. Here each request must arrive whole
within a deadline, headers are capped in size, and the number of connections is capped.
A reverse proxy in front should bound the same things (README, "Production").
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

if TYPE_CHECKING:
    import uvicorn

# The whole request, head and at most 64 KB of body, from a client on a slow mobile link
# takes well under a second; 10 s leaves room for a stalled one and frees its slot soon.
REQUEST_READ_TIMEOUT = 10.0
# Beyond this many open connections (and tasks) uvicorn answers 503 at once. Answering is
# CPU-bound at about 90 answers/s on two cores, so 1,000 connections is ten seconds of work.
MAX_CONNECTIONS = 1000
# h11's own default (16 KiB), stated: a request head larger than this is a 400.
MAX_HEADER_BYTES = 16 * 1024


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for receiving each request, head and body."""

    read_timeout = REQUEST_READ_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that sends nothing is closed too

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm()  # the next request on a kept-alive connection starts its clock
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE and self.conn.their_state is not h11.SEND_BODY:
            self._disarm()  # received whole (DONE), or the connection is over

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._read_deadline is None:
            self._read_deadline = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm(self) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def _read_timed_out(self) -> None:
        self._read_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def bounded_protocol(read_timeout: float) -> type[BoundedH11Protocol]:
    return type("BoundedH11Protocol", (BoundedH11Protocol,), {"read_timeout": read_timeout})


def uvicorn_config(
    app: Any,
    *,
    host: str,
    port: int,
    keep_alive: int = 75,
    read_timeout: float = REQUEST_READ_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
    **options: Any,
) -> uvicorn.Config:
    """The uvicorn configuration `policybot serve` runs (and the tests run)."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=bounded_protocol(read_timeout),
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        limit_concurrency=max_connections,
        # Longer than clients' and proxies' idle expiry (httpx: 5 s, nginx upstream: 60 s):
        # with equal timeouts a client may reuse a connection the server is just closing.
        timeout_keep_alive=keep_alive,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 by default, so any local client
        # could pick its own address; the app trusts only POLICYBOT_TRUSTED_PROXIES.
        proxy_headers=False,
        **options,
    )
