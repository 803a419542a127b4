"""WeChat's safe mode (安全模式): messages AES-encrypted with the account's EncodingAESKey.

WeChat's documented scheme: the key is the 43-character EncodingAESKey base64-decoded (with
one "=" appended), 32 bytes; AES-256-CBC with the key's first 16 bytes as IV; the plaintext is
16 random bytes, the message length (4 bytes, big-endian), the message and the AppID, padded
PKCS#7-style to a multiple of 32 bytes; the ciphertext travels base64-encoded. A message's
`msg_signature` is the SHA-1 of the sorted token, timestamp, nonce and ciphertext.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import struct

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

_BLOCK_BITS = 256  # WeChat pads to 32 bytes, not AES's 16


class BadEncryption(ValueError):
    """The ciphertext does not decrypt to a message of this account."""


class BadMsgSignature(ValueError):
    """msg_signature does not match the ciphertext."""


def msg_signature(token: str, timestamp: str, nonce: str, encrypted: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypted])).encode()).hexdigest()


class MessageCrypto:
    """Decrypts pushed messages and encrypts replies for one official account."""

    def __init__(self, token: str, encoding_aes_key: str, app_id: str) -> None:
        if len(encoding_aes_key) != 43 or not app_id:
            raise ValueError("safe mode needs a 43-character EncodingAESKey and the AppID")
        try:
            self._key = base64.b64decode(encoding_aes_key + "=", validate=True)
        except binascii.Error as exc:
            raise ValueError("EncodingAESKey is not base64") from exc
        self._token = token
        self._app_id = app_id.encode()

    def decrypt(self, encrypted: str, signature: str, timestamp: str, nonce: str) -> bytes:
        """The message inside `encrypted`, after checking its signature and AppID."""
        expected = msg_signature(self._token, timestamp, nonce, encrypted)
        if not signature or not hmac.compare_digest(expected, signature.lower()):
            raise BadMsgSignature("msg_signature does not match")
        try:
            data = base64.b64decode(encrypted, validate=True)
            decryptor = self._cipher().decryptor()
            padded = decryptor.update(data) + decryptor.finalize()
            unpadder = padding.PKCS7(_BLOCK_BITS).unpadder()
            plain = unpadder.update(padded) + unpadder.finalize()
        except (binascii.Error, ValueError) as exc:
            raise BadEncryption("not a ciphertext of this key") from exc
        if len(plain) < 20:
            raise BadEncryption("too short")
        (length,) = struct.unpack(">I", plain[16:20])
        message, app_id = plain[20 : 20 + length], plain[20 + length :]
        if len(message) != length or not hmac.compare_digest(app_id, self._app_id):
            raise BadEncryption("not a message for this AppID")
        return message

    def encrypt(self, message: bytes, timestamp: str, nonce: str) -> tuple[str, str]:
        """(ciphertext, msg_signature) of a reply."""
        plain = os.urandom(16) + struct.pack(">I", len(message)) + message + self._app_id
        padder = padding.PKCS7(_BLOCK_BITS).padder()
        padded = padder.update(plain) + padder.finalize()
        encryptor = self._cipher().encryptor()
        encrypted = base64.b64encode(encryptor.update(padded) + encryptor.finalize()).decode()
        return encrypted, msg_signature(self._token, timestamp, nonce, encrypted)

    def _cipher(self) -> Cipher[modes.CBC]:
        return Cipher(algorithms.AES(self._key), modes.CBC(self._key[:16]))
