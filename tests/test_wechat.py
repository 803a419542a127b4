"""WeChat push: the signature algorithm, XML/JSON messages, verification, bad signatures, XXE."""

from __future__ import annotations

import hashlib
import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bot.service import wechat
from bot.service.app import create_app
from bot.service.routes import wechat as wechat_routes
from tests.utils.service import (
    WECHAT_TOKEN,
    asgi_client,
    make_settings,
    shared_bot,
    wechat_query,
)

pytestmark = pytest.mark.anyio

QUESTION = "在重庆租用摄影棚产生了800万元服务费用，能拿多少补助？"


_msg_ids = itertools.count(1)


def text_xml(
    content: str, msg_type: str = "text", user: str = "oUser_123", msg_id: int | None = None
) -> bytes:
    """A pushed text message; each gets its own MsgId unless one is given (a retry)."""
    msg_id = next(_msg_ids) if msg_id is None else msg_id
    return (
        "<xml><ToUserName><![CDATA[gh_policybot]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName>"
        "<CreateTime>1700000000</CreateTime>"
        f"<MsgType><![CDATA[{msg_type}]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    ).encode()


def test_signature_is_sha1_of_the_sorted_parts() -> None:
    # sorted(["token", "1700000000", "42"]) == ["1700000000", "42", "token"]
    expected = hashlib.sha1(b"170000000042token").hexdigest()
    assert wechat.signature("token", "1700000000", "42") == expected
    good = wechat.signature(WECHAT_TOKEN, "1", "2")
    assert wechat.verify(WECHAT_TOKEN, good, "1", "2")
    assert wechat.verify(WECHAT_TOKEN, good.upper(), "1", "2")
    assert not wechat.verify(WECHAT_TOKEN, good, "1", "3")
    assert not wechat.verify("", wechat.signature("", "1", "2"), "1", "2")


def test_parse_and_build_xml_and_json() -> None:
    message = wechat.parse(text_xml("你好"))
    assert (message.fmt, message.msg_type, message.content) == ("xml", "text", "你好")
    body, media_type = wechat.build_text_reply(message, "答复]]>内容", 1)
    assert media_type == "application/xml"
    root = ET.fromstring(body)
    assert root.findtext("ToUserName") == "oUser_123"
    assert root.findtext("FromUserName") == "gh_policybot"
    assert root.findtext("Content") == "答复]]>内容"
    as_json = wechat.parse(
        json.dumps(
            {"ToUserName": "gh", "FromUserName": "o1", "MsgType": "text", "Content": "问"}
        ).encode(),
        "application/json",
    )
    assert as_json.fmt == "json" and as_json.content == "问"


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<xml><Content>&x;</Content></xml>",
        b'<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml>&b;</xml>',
        b"<xml><Content>unclosed",
        b"\xff\xfe<\x00x\x00m\x00l\x00",
        b"[1, 2]",
    ],
)
def test_refuses_entities_and_garbage(body: bytes) -> None:
    with pytest.raises(wechat.BadMessage):
        wechat.parse(body)


async def test_get_verification_echoes_only_when_signed(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        good = await client.get("/wechat", params={**wechat_query(), "echostr": "hello123"})
        assert good.status_code == 200
        assert good.text == "hello123"
        assert good.headers["content-type"].startswith("text/plain")
        bad = await client.get(
            "/wechat", params={**wechat_query(token="other"), "echostr": "hello123"}
        )
        assert bad.status_code == 403
        assert bad.json()["error"]["code"] == "bad_signature"
        unsigned = await client.get("/wechat", params={"echostr": "hello123"})
        assert unsigned.status_code == 403


async def test_get_verification_refused_without_a_configured_token(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, wechat_token=""))
    async with asgi_client(app, ready=False) as client:
        query = {**wechat_query(token=""), "echostr": "x"}
        assert (await client.get("/wechat", params=query)).status_code == 403


async def test_post_xml_text_message_gets_an_xml_answer(kb_index: Path) -> None:
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    async with asgi_client(app) as client:
        response = await client.post(
            "/wechat",
            params=wechat_query(),
            content=text_xml(QUESTION),
            headers={"Content-Type": "text/xml"},
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.findtext("ToUserName") == "oUser_123"
    assert root.findtext("MsgType") == "text"
    content = root.findtext("Content") or ""
    assert "160万元" in content
    assert "**" not in content  # plain format for WeChat


async def test_post_json_message_and_session_per_user(kb_index: Path) -> None:
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))

    def message(content: str) -> dict[str, object]:
        return {
            "ToUserName": "gh_policybot",
            "FromUserName": "oJsonUser",
            "CreateTime": 1700000000,
            "MsgType": "text",
            "Content": content,
        }

    async with asgi_client(app) as client:
        first = await client.post("/wechat", params=wechat_query(), json=message(QUESTION))
        follow = await client.post(
            "/wechat", params=wechat_query(), json=message("那如果是5000万呢？")
        )
    assert first.headers["content-type"].startswith("application/json")
    reply = first.json()
    assert reply["ToUserName"] == "oJsonUser" and reply["MsgType"] == "text"
    assert "160万元" in reply["Content"]
    # The follow-up reuses this user's earlier facts: capped at 1000万元.
    assert "1000万元" in follow.json()["Content"]


async def test_post_non_text_and_bad_requests(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        image = await client.post("/wechat", params=wechat_query(), content=text_xml("", "image"))
        assert image.status_code == 200
        assert "文字" in (ET.fromstring(image.content).findtext("Content") or "")
        bad_sig = await client.post(
            "/wechat", params=wechat_query(token="nope"), content=text_xml(QUESTION)
        )
        assert bad_sig.status_code == 403
        xxe = await client.post(
            "/wechat",
            params=wechat_query(),
            content=b'<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml>&x;</xml>',
        )
        assert xxe.status_code == 400
        assert xxe.json()["error"]["code"] == "bad_message"
        # Questions are checked by the bot's rule, before anything else.
        for text, words in (("  ", "请输入"), ("补" * 501, "500字")):
            refused = await client.post("/wechat", params=wechat_query(), content=text_xml(text))
            assert words in (ET.fromstring(refused.content).findtext("Content") or "")
        # The bot is not loaded here (no index): a polite text, not an error.
        loading = await client.post("/wechat", params=wechat_query(), content=text_xml(QUESTION))
        assert loading.status_code == 200
        assert "稍后" in (ET.fromstring(loading.content).findtext("Content") or "")


async def test_late_answer_gets_the_documented_holding_reply(
    kb_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wechat_routes, "REPLY_TIMEOUT_SECONDS", 0)
    app = create_app(make_settings(kb_index), bot=shared_bot(kb_index))
    async with asgi_client(app) as client:
        response = await client.post("/wechat", params=wechat_query(), content=text_xml(QUESTION))
    assert ET.fromstring(response.content).findtext("Content") == wechat_routes.LATE_REPLY
