"""Replayed and retried WeChat pushes: the timestamp window, one answer per MsgId, and signed
query strings kept out of the access log."""

from __future__ import annotations

import asyncio
import logging
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from bot.service.app import create_app
from bot.service.replies import MemoryReplyStore
from bot.service.routes import wechat as wechat_routes
from bot.sessions import WECHAT
from tests.test_wechat import QUESTION, text_xml
from tests.utils.service import asgi_client, live_server, make_settings, shared_bot, wechat_query

FOLLOW_UP = "那如果是5000万呢？"
RETRY_WAIT_SECONDS = 60  # a guard against hanging, not a speed assertion


def content(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    return ET.fromstring(response.content).findtext("Content") or ""


@pytest.mark.anyio
async def test_pushes_signed_outside_the_window_are_refused(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))
    now = int(time.time())
    async with asgi_client(app, ready=False) as client:
        # margins of a minute either side of the 300 s window: a slow run cannot move a stamp
        # across it
        for stamp in ("1000000000", "9999999999", str(now - 360), str(now + 360), "", "1e9"):
            query = wechat_query(timestamp=stamp)
            pushed = await client.post("/wechat", params=query, content=text_xml(QUESTION))
            assert pushed.status_code == 403, stamp
            assert pushed.json()["error"]["code"] == "stale_timestamp"
            echoed = await client.get("/wechat", params={**query, "echostr": "e"})
            assert echoed.status_code == 403, stamp
        for stamp in (str(now - 240), str(now + 240)):
            query = wechat_query(timestamp=stamp)
            assert (await client.post("/wechat", params=query, content=text_xml("你好"))).is_success
    narrow = create_app(make_settings(tmp_path, wechat_timestamp_window_seconds=10))
    async with asgi_client(narrow, ready=False) as client:
        query = wechat_query(timestamp=str(now - 60))
        assert (
            await client.post("/wechat", params=query, content=text_xml("你好"))
        ).status_code == 403


@pytest.mark.anyio
async def test_a_retried_push_gets_the_first_answer_not_a_second(kb_index: Path) -> None:
    bot = shared_bot(kb_index)
    user = "oRetryUser"
    async with asgi_client(create_app(make_settings(kb_index), bot=bot)) as client:

        async def push(text: str, msg_id: int) -> httpx.Response:
            body = text_xml(text, user=user, msg_id=msg_id)
            return await client.post(
                "/wechat", params=wechat_query(nonce=str(msg_id)), content=body
            )

        first = content(await push(QUESTION, 7_000_001))
        follow = content(await push(FOLLOW_UP, 7_000_002))
        retries = [content(await push(FOLLOW_UP, 7_000_002)) for _ in range(3)]
        together = await asyncio.gather(*(push(FOLLOW_UP, 7_000_003) for _ in range(3)))
    assert "160万元" in first and "1000万元" in follow
    assert retries == [follow] * 3
    assert len({content(r) for r in together}) == 1
    # Eight pushes of three messages: the bot was asked three times.
    assert bot.sessions.load(bot.sessions.for_user(WECHAT, user))["turns"] == 3


@pytest.mark.anyio
async def test_a_retry_after_a_late_reply_gets_the_answer(
    kb_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wechat_routes, "REPLY_TIMEOUT_SECONDS", 0)
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    body = text_xml(QUESTION, user="oLateUser", msg_id=7_100_001)
    async with asgi_client(app) as client:
        assert content(await client.post("/wechat", params=wechat_query(), content=body)) == (
            wechat_routes.LATE_REPLY
        )
        deadline = time.monotonic() + RETRY_WAIT_SECONDS
        retried = wechat_routes.LATE_REPLY
        while retried == wechat_routes.LATE_REPLY and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            retried = content(await client.post("/wechat", params=wechat_query(), content=body))
    assert "160万元" in retried


def test_the_reply_store_is_bounded_and_expires() -> None:
    now = [0.0]
    store = MemoryReplyStore(max_replies=3, keep_seconds=10, clock=lambda: now[0])
    for n in range(5):
        store.put(f"k{n}", f"r{n}")
    assert len(store) == 3 and store.get("k0") is None and store.get("k4") == "r4"
    now[0] = 10.0
    assert store.get("k4") is None and len(store) == 0


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_signed_query_strings_stay_out_of_the_access_log(kb_index: Path) -> None:
    access = logging.getLogger("uvicorn.access")
    lines = Lines()
    query = {**wechat_query(nonce="918273645"), "openid": "oSecretOpenid", "echostr": "e"}
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    with live_server(app) as base_url:
        level = access.level
        access.setLevel(logging.INFO)
        access.addHandler(lines)
        try:
            assert httpx.get(f"{base_url}/wechat", params=query).status_code == 200
            pushed = httpx.post(f"{base_url}/wechat", params=query, content=text_xml("你好"))
            assert pushed.status_code == 200
        finally:
            access.removeHandler(lines)
            access.setLevel(level)
    logged = [line for line in lines.lines if "/wechat" in line]
    assert len(logged) == 2, lines.lines
    for secret in (query["signature"], query["timestamp"], "918273645", "oSecretOpenid"):
        assert not any(secret in line for line in logged), logged
