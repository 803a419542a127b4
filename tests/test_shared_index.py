"""Two replicas with data dirs of their own (two machines: no shared disk) against one real
Chroma server on 127.0.0.1: a reindex through one, and `policybot ingest` on a third
machine, are served by both, each reporting the new generation in /readyz."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.service.app import create_app
from tests.test_ingest_server import EXTRA_DOC, EXTRA_QUESTION, kb_copy
from tests.utils.data import copy_data_dir
from tests.utils.service import admin_headers, asgi_client, make_settings

pytestmark = [pytest.mark.anyio, pytest.mark.server]

# A guard against hanging, not a speed assertion (a poll every 0.2 s finds it in a second).
FOLLOW_WAIT_SECONDS = 60
SECOND_DOC = """---
id: news-scifi-forum
title: 永川科幻影视论坛发布会
type: news
publisher: 永川区融媒体中心
date: 2025-09-02
---
# 永川科幻影视论坛发布会

永川科幻影视论坛将于10月8日在永川科技片场举办，邀请30位导演参加。
"""
SECOND_QUESTION = "永川科幻影视论坛邀请多少位导演参加？"


async def generation(client: httpx.AsyncClient) -> int | None:
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    found: int | None = ready.json()["index_generation"]
    return found


async def follows(client: httpx.AsyncClient, wanted: int) -> None:
    """Wait until the replica serves generation `wanted`."""
    import anyio

    deadline = time.monotonic() + FOLLOW_WAIT_SECONDS
    while await generation(client) != wanted:
        assert time.monotonic() < deadline, f"the replica never served generation {wanted}"
        await anyio.sleep(0.1)


async def cited(client: httpx.AsyncClient, question: str) -> list[str]:
    reply = await client.post("/api/chat", json={"message": question})
    assert reply.status_code == 200
    return [c["source"] for c in reply.json()["citations"]]


@pytest.fixture
async def two_machines(
    chroma_url: str, tmp_path: Path
) -> AsyncIterator[tuple[Path, list[httpx.AsyncClient]]]:
    """kb/ ingested into the server from machine one's data dir; both replicas loaded
    through `create_app` as `policybot serve` loads them (machine two starts empty)."""
    from ingest import ingest

    kb = kb_copy(tmp_path)
    ingest(kb, tmp_path / "one", chroma_url=chroma_url)
    settings = [
        make_settings(tmp_path / name, kb_dir=kb, chroma_url=chroma_url, index_poll_seconds=0.2)
        for name in ("one", "two")
    ]
    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(asgi_client(create_app(s))) for s in settings]
        yield kb, clients


async def test_a_reindex_and_an_ingest_elsewhere_are_served_by_both(
    two_machines: tuple[Path, list[httpx.AsyncClient]], chroma_url: str, tmp_path: Path
) -> None:
    kb, (one, two) = two_machines
    assert [await generation(c) for c in (one, two)] == [1, 1]
    listed: list[Any] = [(await c.get("/api/documents")).json() for c in (one, two)]
    assert listed[0] == listed[1]
    assert (tmp_path / "two" / "index" / "policybot-g0001" / "manifest.json").is_file()
    question = EXTRA_QUESTION
    assert "news-scifi-carnival" not in await cited(two, question)

    (kb / "news-scifi-carnival.md").write_text(EXTRA_DOC, encoding="utf-8")
    reindex = await one.post("/api/admin/reindex", headers=admin_headers())
    assert reindex.status_code == 200 and reindex.json()["reloaded"] is True
    assert await generation(one) == 2
    await follows(two, 2)
    for client in (one, two):
        assert "news-scifi-carnival" in await cited(client, question)
        found = await client.get("/api/search", params={"q": question, "k": 1})
        assert found.json()["hits"][0]["doc_id"] == "news-scifi-carnival"

    # `policybot ingest` on a third machine, into the same server
    from typer.testing import CliRunner

    from bot.cli.main import app

    (kb / "news-scifi-forum.md").write_text(SECOND_DOC, encoding="utf-8")
    third = tmp_path / "three"
    command = ["ingest", "--kb", str(kb), "--data", str(third), "--quiet"]
    result = CliRunner().invoke(app, command, env={"POLICYBOT_CHROMA_URL": chroma_url})
    assert result.exit_code == 0, result.output
    for client in (one, two):
        await follows(client, 3)
        assert "news-scifi-forum" in await cited(client, SECOND_QUESTION)


async def test_without_a_server_replicas_sharing_a_data_dir_follow_its_pointer_file(
    kb_index: Path, tmp_path: Path
) -> None:
    """Embedded Chroma: the pointer file in the data dir names the generation, as ever; a
    replica that did not run the reindex (here, its sibling on the same data dir, after
    `policybot ingest` in a process of its own) follows it."""
    import subprocess
    import sys

    data, kb = tmp_path / "data", kb_copy(tmp_path)
    copy_data_dir(kb_index, data)
    settings = make_settings(data, kb_dir=kb, index_poll_seconds=0.2)
    async with asgi_client(create_app(settings)) as client:
        before = await generation(client)
        assert before is not None
        (kb / "news-scifi-carnival.md").write_text(EXTRA_DOC, encoding="utf-8")
        policybot = "from bot.cli.main import main; main()"
        command = [sys.executable, "-c", policybot, "ingest", "--kb", str(kb)]
        done = subprocess.run(
            [*command, "--data", str(data), "--quiet"], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        await follows(client, before + 1)
        assert "news-scifi-carnival" in await cited(client, EXTRA_QUESTION)
    pointer = data / "index" / "policybot.current.json"
    assert json.loads(pointer.read_text("utf-8"))["generation"] == before + 1
