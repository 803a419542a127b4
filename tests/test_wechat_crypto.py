"""WeChat's safe mode, against the sample of WeChat's own documentation (its message
encryption demo: token, EncodingAESKey, AppID, timestamp, nonce, msg_signature, Encrypt)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bot.service.app import create_app
from bot.service.routes import wechat as wechat_routes
from bot.service.wechat_crypto import BadEncryption, BadMsgSignature, MessageCrypto
from tests.utils.service import asgi_client, make_settings, wechat_query

TOKEN = "spamtest"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
APP_ID = "wx2c2769f8efd9abc2"
TIMESTAMP = "1409735669"
NONCE = "1320562132"
MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6"
    "F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T33"
    "2jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCg"
    "avjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6Oewp"
    "usjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
)
SAMPLE_PUSH = (
    "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>"
    f"<Encrypt><![CDATA[{ENCRYPT}]]></Encrypt></xml>"
).encode()


def crypto() -> MessageCrypto:
    return MessageCrypto(TOKEN, AES_KEY, APP_ID)


def test_the_documented_sample_decrypts() -> None:
    plain = crypto().decrypt(ENCRYPT, MSG_SIGNATURE, TIMESTAMP, NONCE)
    root = ET.fromstring(plain)
    assert root.findtext("FromUserName") == "oyORnuP8q7ou2gfYjqLzSIWZf0rs"
    assert root.findtext("Content") == "abcdteT"
    assert root.findtext("MsgId") == "6054768590064713728"


def test_wrong_signature_key_or_app_id_are_refused() -> None:
    with pytest.raises(BadMsgSignature):
        crypto().decrypt(ENCRYPT, "0" * 40, TIMESTAMP, NONCE)
    other_app = MessageCrypto(TOKEN, AES_KEY, "wx0000000000000000")
    with pytest.raises(BadEncryption):
        other_app.decrypt(ENCRYPT, MSG_SIGNATURE, TIMESTAMP, NONCE)
    other_key = MessageCrypto(TOKEN, "B" * 43, APP_ID)
    with pytest.raises(BadEncryption):
        other_key.decrypt(ENCRYPT, MSG_SIGNATURE, TIMESTAMP, NONCE)


def test_replies_encrypt_and_decrypt_again() -> None:
    encrypted, signature = crypto().encrypt("答复：160万元".encode(), "1700000000", "7")
    assert crypto().decrypt(encrypted, signature, "1700000000", "7").decode() == "答复：160万元"


@pytest.mark.anyio
async def test_safe_mode_over_http_with_the_documented_push(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wechat_routes, "clock", lambda: int(TIMESTAMP) + 5)
    settings = make_settings(
        tmp_path, wechat_token=TOKEN, wechat_encoding_aes_key=AES_KEY, wechat_app_id=APP_ID
    )
    signed = {
        **wechat_query(token=TOKEN, timestamp=TIMESTAMP, nonce=NONCE),
        "encrypt_type": "aes",
        "msg_signature": MSG_SIGNATURE,
    }
    async with asgi_client(create_app(settings), ready=False) as client:
        response = await client.post("/wechat", params=signed, content=SAMPLE_PUSH)
        assert response.status_code == 200, response.text
        envelope = ET.fromstring(response.content)
        assert envelope.findtext("ToUserName") is None  # nothing in clear
        reply = crypto().decrypt(
            envelope.findtext("Encrypt") or "",
            envelope.findtext("MsgSignature") or "",
            envelope.findtext("TimeStamp") or "",
            envelope.findtext("Nonce") or "",
        )
        inner = ET.fromstring(reply)
        assert inner.findtext("ToUserName") == "oyORnuP8q7ou2gfYjqLzSIWZf0rs"
        assert inner.findtext("Content") == wechat_routes.LOADING_REPLY  # no bot loaded here
        tampered = {**signed, "msg_signature": "0" * 40}
        refused = await client.post("/wechat", params=tampered, content=SAMPLE_PUSH)
        assert refused.status_code == 403
        plain = {k: v for k, v in signed.items() if k not in ("encrypt_type", "msg_signature")}
        in_clear = await client.post("/wechat", params=plain, content=SAMPLE_PUSH)
        assert in_clear.status_code == 403
        assert in_clear.json()["error"]["code"] == "encryption_required"
