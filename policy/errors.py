"""Errors of the policy layer; each carries a Chinese message fit for end users.

PolicyError
 ├── UnknownMeasure   no measure with that id
 ├── InvalidAmount    an amount that does not parse, or is negative
 └── InvalidFacts     facts of the wrong kind for a measure
"""

from __future__ import annotations


class PolicyError(ValueError):
    """Base error; `message` is Chinese and safe to show to users."""

    code = "policy_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownMeasure(PolicyError):
    code = "unknown_measure"


class InvalidAmount(PolicyError):
    code = "invalid_amount"


class InvalidFacts(PolicyError):
    code = "invalid_facts"
