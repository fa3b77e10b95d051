"""Jinja filters that make generated questions read as natural English."""

from __future__ import annotations

import re

_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
_IRREGULAR = {"person": "people", "country": "countries", "party": "parties"}


def capfirst(text: str) -> str:
    """Capitalise the first letter only ('the U.S.' -> 'The U.S.', '«everything' ->
    '«Everything')."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def number_word(n: int) -> str:
    return _WORDS[n] if 0 <= n < len(_WORDS) else f"{n:,}"


def plural(noun: str, count: int = 2) -> str:
    if count == 1:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


_TAKES_THE = re.compile(r"^(?:United |Republic |Netherlands$|Philippines$|Czech Republic$)")


def the(name: str) -> str:
    """A place name as it stands in a sentence: 'the United Kingdom', 'France'."""
    return f"the {name}" if _TAKES_THE.match(name) else name


def join_and(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def format_number(value) -> str:
    """50000 -> '50,000'; 2.5 -> '2.5'; words stay words."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def amount(value, unit: str, qualifier: str | None = None) -> str:
    """'over 100 drone strikes', 'around 20 percent', 'tens of thousands of people'."""
    text = format_number(value)
    if value == 1 and unit.endswith("s"):
        unit = unit[:-1]  # 1 year, 1 day
    # "tens of thousands of people", "millions of people", but "a few hundred people"
    plural_words = isinstance(value, str) and value.endswith("s")
    text = f"{text} of {unit}" if plural_words else f"{text} {unit}"
    return f"{qualifier} {text}" if qualifier else text


FILTERS = {
    "capfirst": capfirst,
    "the": the,
    "number_word": number_word,
    "plural": plural,
    "join_and": join_and,
    "number": format_number,
    "amount": amount,
}
