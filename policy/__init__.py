"""The policy as data and the deterministic subsidy calculator. Imports nothing of ours."""

from policy.calculator import Calculation, calculate
from policy.errors import InvalidAmount, InvalidFacts, PolicyError, UnknownMeasure
from policy.facts import FIELD_BY_NAME, FIELDS, FactField, Facts
from policy.measures import (
    BUILTIN_DIR,
    Condition,
    Measure,
    Policies,
    PolicyDocument,
    builtin_policies,
    get_measure,
    load_measures,
    tier_choices,
)
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
    "BUILTIN_DIR",
    "FIELDS",
    "FIELD_BY_NAME",
    "Calculation",
    "Condition",
    "FactField",
    "Facts",
    "FoundAmount",
    "InvalidAmount",
    "InvalidFacts",
    "Measure",
    "Policies",
    "PolicyDocument",
    "PolicyError",
    "UnknownMeasure",
    "builtin_policies",
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
    "tier_choices",
]
