"""A database that accepts connections but never answers, or whose tables another session
holds locked, does not hang a replica: the connect and statement timeouts (settings) end
each call, calculations are answered, the failed writes are counted and /readyz says
degraded. Real servers on 127.0.0.1; the only bound on time is a generous cap."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import httpx
import pytest

from bot.bot import Bot
from bot.database import upgrade
from bot.service.app import create_app
from bot.sessions import open_session_store
from tests.utils.service import admin_headers, asgi_client, make_settings

if TYPE_CHECKING:
    from ingest.reader.retrieval import HybridRetriever


CALC_QUESTION = "在重庆租用摄影棚产生了800万元服务费用，能拿多少补助？"
SECRET = "h" * 32
# Far above the few seconds the timeouts allow; only there to fail instead of hanging.
CAP_SECONDS = 60
# A worker thread cannot be cancelled: were a timeout missing, the call would wait on the
# server until then, and the test would fail at the cap rather than hang.
SILENT_AT_MOST_SECONDS = CAP_SECONDS + 15


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts every connection and never sends a byte (it
    closes them after SILENT_AT_MOST_SECONDS)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    held: list[tuple[float, socket.socket]] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            now = time.monotonic()
            while held and now - held[0][0] > SILENT_AT_MOST_SECONDS:
                held.pop(0)[1].close()
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            held.append((now, conn))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    try:
        yield f"postgresql://policybot@127.0.0.1:{port}/policybot"
    finally:
        stop.set()
        thread.join(timeout=5)
        for _, conn in held:
            conn.close()
        listener.close()


async def replica_answers(client: httpx.AsyncClient) -> dict[str, object]:
    """A calculation through chat and the calculator, then /readyz; within the cap."""
    with anyio.fail_after(CAP_SECONDS):
        chat = await client.post("/api/chat", json={"message": CALC_QUESTION})
        calc = await client.post(
            "/api/calculate", json={"measure": "studio", "facts": {"amount": "800万"}}
        )
        ready = await client.get("/readyz")
    assert chat.status_code == 200 and chat.json()["calculation"]["amount_yuan"] == 1_600_000
    assert calc.status_code == 200 and calc.json()["amount_yuan"] == 1_600_000
    assert ready.status_code == 200
    readiness: dict[str, object] = ready.json()
    return readiness


@pytest.mark.anyio
async def test_a_server_that_never_speaks(
    silent_server: str, retriever: HybridRetriever, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path / "data", database_url=silent_server, session_secret=SECRET)
    bot = Bot(retriever, open_session_store(settings))
    async with asgi_client(create_app(settings, bot=bot)) as client:
        ready = await replica_answers(client)
    bot.sessions.close()
    assert ready["status"] == "degraded"
    assert ready["dependencies"]["database"]["ok"] is False  # type: ignore[index]
    failed = ready["failed_writes"]
    assert isinstance(failed, dict) and failed["question_log"] == 1 and failed["sessions"] >= 1


@pytest.mark.anyio
async def test_tables_another_session_holds_locked(
    database_url: str, retriever: HybridRetriever, tmp_path: Path
) -> None:
    import psycopg

    upgrade(database_url)
    settings = make_settings(
        tmp_path / "data",
        database_url=database_url,
        session_secret=SECRET,
        database_statement_timeout_seconds=1.0,
    )
    bot = Bot(retriever, open_session_store(settings))
    async with asgi_client(create_app(settings, bot=bot)) as client:
        with psycopg.connect(database_url) as locker:
            # Held until the block ends (or the server ends the idle transaction): every read
            # and write of both tables waits on it.
            seconds = SILENT_AT_MOST_SECONDS
            locker.execute(f"SET idle_in_transaction_session_timeout = '{seconds}s'")
            locker.execute("LOCK TABLE sessions, questions IN ACCESS EXCLUSIVE MODE")
            ready = await replica_answers(client)
        state = client._transport.app.state.policybot  # type: ignore[attr-defined]
        for database in (bot.sessions.database, state.log.database):  # type: ignore[attr-defined]
            database.clock = lambda: float("inf")  # past the wait before the next probe
        with anyio.fail_after(CAP_SECONDS):
            after = await client.post("/api/chat", json={"message": CALC_QUESTION})
            report = await client.get("/api/admin/questions", headers=admin_headers())
            again = await client.get("/readyz")
    bot.sessions.close()
    assert ready["status"] == "degraded"
    failed = ready["failed_writes"]
    assert isinstance(failed, dict) and failed["question_log"] == 1 and failed["sessions"] >= 1
    assert after.status_code == 200
    assert [row["question"] for row in report.json()] == [CALC_QUESTION]  # the one after
    assert again.json()["status"] == "ready"


def test_the_statement_timeout_joins_the_urls_own_options(database_url: str) -> None:
    from bot.database import Database

    url = f"{database_url}?options=-c%20application_name%3Dpolicybot-test"
    database = Database(url, statement_timeout=1.5)
    try:
        with database.connection() as db:
            shown = db.execute(
                "SELECT current_setting('statement_timeout'), current_setting('application_name')"
            ).fetchone()
    finally:
        database.close()
    assert shown == ("1500ms", "policybot-test")


def test_timeouts_are_settings_with_bounds() -> None:
    from pydantic import ValidationError

    from bot.settings import Settings

    defaults = Settings()
    assert defaults.database_connect_timeout_seconds == 2
    assert defaults.database_statement_timeout_seconds == 2.0
    with pytest.raises(ValidationError):
        Settings(database_connect_timeout_seconds=1)  # libpq would count it as 2
    with pytest.raises(ValidationError):
        Settings(database_statement_timeout_seconds=0)  # 0 would mean "no timeout"
