"""Errors the bot raises for bad input; `message` is Chinese and safe to show to users."""

from __future__ import annotations


class InvalidQuestion(ValueError):
    """A question the bot refuses to process (empty, too long)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
