"""The policy as data and the deterministic subsidy calculator. Imports nothing of ours."""

from policy.calculator import Calculation, Facts, calculate
from policy.errors import InvalidAmount, InvalidFacts, PolicyError, UnknownMeasure
from policy.measures import Measure, get_measure, load_measures, policy_data
from policy.money import (
    FoundAmount,
    find_amounts,
    find_percents,
    format_percent,
    format_wan,
    format_yuan,
    normalise,
    parse_amount,
)

__all__ = [
    "Calculation",
    "Facts",
    "FoundAmount",
    "InvalidAmount",
    "InvalidFacts",
    "Measure",
    "PolicyError",
    "UnknownMeasure",
    "calculate",
    "find_amounts",
    "find_percents",
    "format_percent",
    "format_wan",
    "format_yuan",
    "get_measure",
    "load_measures",
    "normalise",
    "parse_amount",
    "policy_data",
]
