"""WeChat message push: the signature check and text messages in XML or JSON (safe mode's
encryption is in wechat_crypto).

Signature (WeChat's documented algorithm): sort token, timestamp and nonce as strings,
concatenate them and take the SHA-1 hex digest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal

Format = Literal["xml", "json"]

# A DOCTYPE is the only way to declare entities (billion laughs, external entities / XXE);
# WeChat never sends one, so any body carrying one is refused before parsing.
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class BadMessage(ValueError):
    """The body is not a WeChat message we can read."""


def signature(token: str, timestamp: str, nonce: str) -> str:
    """SHA-1 of the sorted, concatenated token, timestamp and nonce."""
    joined = "".join(sorted([token, timestamp, nonce]))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def verify(token: str, signature_value: str, timestamp: str, nonce: str) -> bool:
    """Constant-time check of a request's signature; always False without a token."""
    if not token or not signature_value:
        return False
    expected = signature(token, timestamp, nonce)
    return hmac.compare_digest(expected.encode(), signature_value.lower().encode())


@dataclass(frozen=True)
class Message:
    """The fields of an incoming message that a reply needs."""

    to_user: str
    from_user: str
    msg_type: str
    content: str
    fmt: Format
    msg_id: str = ""
    # safe mode: the encrypted message (the other fields are then empty or a plain copy)
    encrypt: str = ""


def parse(body: bytes, content_type: str = "") -> Message:
    """Read an XML or JSON message (by content type, else by its first character)."""
    stripped = body.lstrip()
    if "json" in content_type.lower() or stripped.startswith(b"{"):
        return _parse_json(body)
    return _parse_xml(body)


def _parse_json(body: bytes) -> Message:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadMessage("malformed JSON") from exc
    if not isinstance(data, dict):
        raise BadMessage("JSON message must be an object")
    return Message(
        to_user=str(data.get("ToUserName") or ""),
        from_user=str(data.get("FromUserName") or ""),
        msg_type=str(data.get("MsgType") or ""),
        content=str(data.get("Content") or ""),
        fmt="json",
        msg_id=str(data.get("MsgId") or ""),
        encrypt=str(data.get("Encrypt") or ""),
    )


def _parse_xml(body: bytes) -> Message:
    # Decoded first so that the DTD check cannot be dodged with another encoding.
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadMessage("XML message must be UTF-8") from exc
    if "\x00" in text or _DTD.search(text):
        raise BadMessage("DOCTYPE and ENTITY declarations are not accepted")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise BadMessage("malformed XML") from exc

    def field(tag: str) -> str:
        return (root.findtext(tag) or "").strip()

    return Message(
        to_user=field("ToUserName"),
        from_user=field("FromUserName"),
        msg_type=field("MsgType"),
        content=root.findtext("Content") or "",
        fmt="xml",
        msg_id=field("MsgId"),
        encrypt=field("Encrypt"),
    )


def _cdata(value: str) -> str:
    # "]]>" cannot appear inside CDATA: split it across two sections.
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def build_text_reply(incoming: Message, content: str, create_time: int) -> tuple[bytes, str]:
    """A text reply in the incoming message's format: (body, media type)."""
    if incoming.fmt == "json":
        payload = {
            "ToUserName": incoming.from_user,
            "FromUserName": incoming.to_user,
            "CreateTime": create_time,
            "MsgType": "text",
            "Content": content,
        }
        return json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json"
    xml = (
        "<xml>"
        f"<ToUserName>{_cdata(incoming.from_user)}</ToUserName>"
        f"<FromUserName>{_cdata(incoming.to_user)}</FromUserName>"
        f"<CreateTime>{create_time}</CreateTime>"
        f"<MsgType>{_cdata('text')}</MsgType>"
        f"<Content>{_cdata(content)}</Content>"
        "</xml>"
    )
    return xml.encode("utf-8"), "application/xml"


def build_encrypted_reply(
    fmt: Format, encrypted: str, signature_value: str, timestamp: str, nonce: str
) -> tuple[bytes, str]:
    """The envelope of an encrypted reply (safe mode), in the incoming message's format."""
    if fmt == "json":
        payload = {
            "Encrypt": encrypted,
            "MsgSignature": signature_value,
            "TimeStamp": int(timestamp),
            "Nonce": nonce,
        }
        return json.dumps(payload).encode("utf-8"), "application/json"
    xml = (
        "<xml>"
        f"<Encrypt>{_cdata(encrypted)}</Encrypt>"
        f"<MsgSignature>{_cdata(signature_value)}</MsgSignature>"
        f"<TimeStamp>{timestamp}</TimeStamp>"
        f"<Nonce>{_cdata(nonce)}</Nonce>"
        "</xml>"
    )
    return xml.encode("utf-8"), "application/xml"
