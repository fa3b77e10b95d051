"""Figures as questions say them: the hedge kept, the unit said once, and wrong numbers of
the right sort: in the unit's range, under the total the figure is part of, on the side of
a bound that makes them false ("over 10" is true of "over 100"), and not absurd."""

from __future__ import annotations

import re

from ..facts.kinds import Figure
from ..text import fold

LOWER_BOUNDS = ("over", "more than", "at least", "above", "upwards of")
"""Qualifiers saying the true number is above the value: only larger wrong values are false."""
UPPER_BOUNDS = ("under", "fewer than", "less than", "below", "up to", "at most")
"""Qualifiers saying the true number is below the value: only smaller wrong values are false."""
POINT_QUALIFIERS = ("around", "about", "approximately", "some", "nearly", "roughly", "almost")
"""Qualifiers of a value near the true one: a wrong value must be well away from it."""
NEAR = 0.25  # "around 20": a wrong "around 23" could be the same figure
FAR = 3  # "over 100": a wrong "over 200" might be true as well; "over 500" is another report
PERCENT = ("percent", "per cent", "%")
MAGNITUDES = (
    "dozens",
    "hundreds",
    "thousands",
    "tens of thousands",
    "hundreds of thousands",
    "millions",
    "tens of millions",
)
"""A number given in words is wrongly told by its neighbours on this ladder."""
_TOTAL = re.compile(r"\bof the (\d[\d,]*)\b")  # "31 of the 45 councillors"
FACTORS = (2, 10, 0.5, 5, 0.2)  # generated wrong values, after the curated ones


def percent(fact: Figure) -> bool:
    return fact.unit.strip().lower() in PERCENT


def total(fact: Figure) -> float | None:
    """The total the figure is part of: `out_of`, "of the 45" in `counts`, 100 for a
    percentage (unless `out_of` allows more)."""
    if fact.out_of is not None:
        return float(fact.out_of)
    found = _TOTAL.search(fact.counts)
    if found:
        return float(found.group(1).replace(",", ""))
    return 100.0 if percent(fact) else None


def bound(qualifier: str | None) -> str:
    """'lower', 'upper', 'point' (no qualifier, or one like 'around') or 'unknown'."""
    said = (qualifier or "").strip().lower()
    if said in LOWER_BOUNDS:
        return "lower"
    if said in UPPER_BOUNDS:
        return "upper"
    return "point" if not said or said in POINT_QUALIFIERS else "unknown"


def fits(fact: Figure, guess) -> bool:
    """A wrong value the question may offer: false by the figure, and plausible."""
    value = fact.value
    if isinstance(value, str) or isinstance(guess, str):
        return fold(str(guess)) != fold(str(value))
    if guess <= 0 or guess == value:
        return False
    if isinstance(value, int) and not float(guess).is_integer():
        return False  # a count is not 15.5 councillors
    most = total(fact)
    if most is not None and (guess > most or guess == most - value):
        return False  # nor the rest of the total: "14 of the 45" is the 31's other side
    side = bound(fact.qualifier)
    if side == "lower":
        return guess >= FAR * value
    if side == "upper":
        return guess * FAR <= value
    return not (fact.qualifier and abs(guess - value) <= NEAR * abs(value))


def wrong_values(fact: Figure) -> list:
    """Wrong values for the figure: the curated ones that fit, then generated ones (the
    value scaled, or its neighbours on the ladder of magnitudes), each once."""
    found = [d for d in fact.distractors if fits(fact, d)]
    value = fact.value
    if isinstance(value, str):
        if value in MAGNITUDES:
            at = MAGNITUDES.index(value)
            found += [
                MAGNITUDES[i] for i in (at - 1, at + 1, at + 2, at - 2) if 0 <= i < len(MAGNITUDES)
            ]
    else:
        for factor in FACTORS:
            guess = value * factor
            guess = int(guess) if float(guess).is_integer() else guess
            if fits(fact, guess):
                found.append(guess)
    return list(dict.fromkeys(found))
