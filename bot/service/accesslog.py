"""Keeps WeChat's signed query strings out of uvicorn's access log.

A logged signature with its timestamp and nonce is a request anyone who reads the log can
replay within the timestamp window; the openid WeChat adds names a user.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlencode

ACCESS_LOGGER = "uvicorn.access"
SECRET_PARAMS = frozenset({"signature", "msg_signature", "timestamp", "nonce", "echostr", "openid"})


def redact(path: str) -> str:
    """The path with the values of SECRET_PARAMS replaced by "-"."""
    base, sep, query = path.partition("?")
    if not sep:
        return path
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, "-" if k.lower() in SECRET_PARAMS else v) for k, v in pairs]
    return f"{base}?{urlencode(kept, safe='-')}"


class RedactSignedQuery(logging.Filter):
    """uvicorn logs (client, method, path with query, HTTP version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact(args[2]), *args[3:])
        return True


def install() -> None:
    """Add the filter to uvicorn's access logger (once)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, RedactSignedQuery) for f in logger.filters):
        logger.addFilter(RedactSignedQuery())
