"""A full data volume (a real tmpfs): answers still go out, the failed writes are counted,
logged, and /readyz says degraded (200, not down) until writes succeed again."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.service.app import create_app
from tests.utils.service import admin_headers, asgi_client, make_settings

if TYPE_CHECKING:
    from ingest.reader.retrieval import HybridRetriever

pytestmark = pytest.mark.anyio

QUESTION = "在重庆租用摄影棚产生了{n}00万元服务费用，能拿多少补助？"
CHATS = 12


@pytest.fixture
def small_volume(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for the test (only root may mount)."""
    if os.geteuid() != 0:
        pytest.skip("a full disk is tested on a tmpfs the test mounts, which needs root")
    volume = tmp_path / "volume"
    volume.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(volume)], check=True)
    try:
        yield volume
    finally:
        subprocess.run(["umount", "-l", str(volume)], check=False)


def fill(volume: Path) -> Path:
    """Write zeros until the volume refuses (ENOSPC); returns the file that fills it."""
    filler = volume / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


async def test_chat_answers_while_the_data_volume_is_full(
    small_volume: Path, retriever: HybridRetriever, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.bot import Bot
    from bot.sessions import SqliteSessionStore

    sessions = SqliteSessionStore(small_volume / "sessions.db")
    bot = Bot(retriever, sessions)
    app = create_app(make_settings(small_volume), bot=bot)
    async with asgi_client(app) as client:
        filler = fill(small_volume)
        with caplog.at_level(logging.WARNING):
            replies = [
                await client.post(
                    "/api/chat",
                    json={"message": QUESTION.format(n=n + 3), "session_id": f"full-{n}"},
                )
                for n in range(CHATS)
            ]
        assert [r.status_code for r in replies] == [200] * CHATS
        assert all("补助" in r.json()["answer"] for r in replies)
        readyz = await client.get("/readyz")
        assert readyz.status_code == 200
        assert readyz.json()["status"] == "degraded"
        assert readyz.json()["failed_writes"] == {"question_log": CHATS, "sessions": CHATS}
        logged = [r.getMessage() for r in caplog.records if "could not write to" in r.getMessage()]
        assert any("question log" in m for m in logged)
        assert any("session" in m for m in logged)

        filler.unlink()  # space again: the next writes succeed and readiness recovers
        after = await client.post("/api/chat", json={"message": QUESTION.format(n=2)})
        assert after.status_code == 200
        readyz = await client.get("/readyz")
        assert readyz.json()["status"] == "ready"
        assert readyz.json()["failed_writes"] == {"question_log": CHATS, "sessions": CHATS}
        logged_questions = await client.get("/api/admin/questions", headers=admin_headers())
        assert logged_questions.json()[0]["question"] == QUESTION.format(n=2)
    sessions.close()
