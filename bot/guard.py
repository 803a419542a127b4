"""The number guard: every amount and percentage an answer states must come from a source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from bot.analyse import spoken_ranges
from policy import find_amounts, find_percents
from policy.money import Yuan, units_spelled


@dataclass(frozen=True)
class Figures:
    """Amounts (whole yuan) and percentages a text is allowed to state."""

    amounts: frozenset[Yuan]
    percents: frozenset[Decimal]

    @classmethod
    def of(cls, texts: Iterable[str], amounts: Iterable[Yuan] = ()) -> Figures:
        found_amounts: set[Yuan] = set(amounts)
        found_percents: set[Decimal] = set()
        for text in texts:
            # "3.6M RMB", a table's "2,100,000": read as the bot reads them
            spelled = units_spelled(text)
            found_amounts.update(a.yuan for a in find_amounts(spelled))
            # "七百多万": its lower end is said ("按所给范围的下限700万元测算")
            found_amounts.update(low for low, _ in spoken_ranges(spelled))
            found_percents.update(find_percents(text))
        return cls(frozenset(found_amounts), frozenset(found_percents))


def unsupported(answer: str, allowed: Figures) -> list[str]:
    """The figures in `answer` that no source supports (empty list: the answer is clean)."""
    bad = [a.text for a in find_amounts(answer) if a.yuan not in allowed.amounts]
    bad += [f"{p}%" for p in find_percents(answer) if p not in allowed.percents]
    return bad
