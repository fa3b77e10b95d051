"""Jinja filters that make generated questions read as natural English."""

from __future__ import annotations

import re
from functools import lru_cache

CURRENCY = "£$€¥"
NUMBER_WORDS_UP_TO = 20  # above it, digits: "21", "1,000"


@lru_cache(maxsize=1)
def _inflect():
    import inflect  # lazily: --help and the grader never need it

    return inflect.engine()


_GUILLEMETS = str.maketrans({"«": "“", "»": "”"})


_STRAIGHT = re.compile(r'(?<![\w"])"([^"\n]+)"(?![\w"])')


def english_quotes(text: str) -> str:
    """An article's «quoted words», or "straight" ones, as English prints them: “quoted
    words”. (Citations keep the article's own marks: they are checked verbatim.)"""
    if "«" in text or "»" in text:
        text = text.translate(_GUILLEMETS)
    return _STRAIGHT.sub(r"“\1”", text) if '"' in text else text


def capfirst(text: str) -> str:
    """Capitalise the first letter only ('the U.S.' -> 'The U.S.', '«everything' ->
    '«Everything')."""
    if text[:1].isalpha():  # the common case, at once
        return text[0].upper() + text[1:]
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def number_word(n: int) -> str:
    """'six', 'twenty'; '21', '1,000' above twenty."""
    if isinstance(n, int) and 0 <= n <= NUMBER_WORDS_UP_TO:
        return _inflect().number_to_words(n)
    return format_number(n)


def plural(noun: str, count: int = 2) -> str:
    """'country' -> 'countries', 'person' -> 'people'; the noun itself for one."""
    return noun if count == 1 else _inflect().plural_noun(noun)


def singular(noun: str) -> str:
    """'drone strikes' -> 'drone strike', 'people' -> 'person'; the noun if not plural."""
    return _inflect().singular_noun(noun) or noun


def article(phrase: str) -> str:
    """'a state', 'an organisation', 'an hour'."""
    return _inflect().a(phrase)


def ordinal(n: int) -> str:
    """'first', 'second', 'twenty-first'."""
    return _inflect().number_to_words(_inflect().ordinal(n))


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
    """'over 100 drone strikes', 'around 20 percent', 'tens of thousands of people',
    '£48 million' (a currency sign before the number), 'over 100' (no unit)."""
    text = format_number(value)
    if unit and unit[0] in CURRENCY:  # "£ million" -> "£48 million"
        sign, rest = unit[0], unit[1:].strip()
        text = f"{sign}{text} {rest}".strip()
    elif unit:
        if value == 1:
            unit = singular(unit)  # 1 year, 1 day
        # "tens of thousands of people", "millions of people", but "a few hundred people"
        plural_words = isinstance(value, str) and value.endswith("s")
        text = f"{text} of {unit}" if plural_words else f"{text} {unit}"
    return f"{qualifier} {text}" if qualifier else text


def unit_said(figure) -> str:
    """A figure's unit as its amount says it: nothing when what it `counts` already names
    it ("the number of drone strikes was over 100", not "... over 100 drone strikes")."""
    words = re.escape(figure.unit.lower())
    return "" if re.search(rf"(?<!\w){words}(?!\w)", figure.counts.lower()) else figure.unit


FILTERS = {
    "capfirst": capfirst,
    "the": the,
    "number_word": number_word,
    "plural": plural,
    "join_and": join_and,
    "number": format_number,
    "amount": amount,
    "article": article,
    "unit_said": unit_said,
    "ordinal": ordinal,
}
