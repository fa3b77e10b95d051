"""The readers of a fact's plain fields: text, passages, slugs, numbers, choices. Each
takes the YAML value and returns it checked, or raises Invalid with a hint."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from typing import Any

from ..text import close_matches

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Invalid(Exception):
    """A field's value is wrong: message and optional hint."""

    def __init__(self, message: str, hint: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return type(value).__name__


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # what would reach a terminal raw
_CONTROL_NAMES = {0x09: "tab", 0x0A: "line break", 0x0D: "carriage return", 0x1B: "ESC"}
_NOT_IN_PASSAGE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and line break may


def text(value: Any, refused: re.Pattern = CONTROL) -> str:
    """One line of text: no tab, line break, escape or other control character."""
    if isinstance(value, str) and value.strip():
        value = value.strip()  # an end of line (a folded `>` block's) is no part of it
        if not value.isprintable():  # rare: only then look for what is refused
            found = refused.search(value)
            if found:
                allowed = "only tabs and line breaks" if refused is _NOT_IN_PASSAGE else "none"
                code = ord(found.group())
                name = f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else ""
                raise Invalid(
                    f"control character U+{code:04X}{name} is not allowed",
                    f"remove it (control characters allowed in this field: {allowed})",
                )
        return value
    if isinstance(value, str):
        raise Invalid("must not be empty")
    hint = "put the value in quotes" if isinstance(value, (int, float, bool)) else None
    raise Invalid(f"expected text, got {_type_name(value)}", hint)


def passage(value: Any) -> str:
    """Text that may run over lines (a citation, a quote, a note): tabs and line breaks
    are allowed, other control characters are not."""
    return text(value, _NOT_IN_PASSAGE)


def slug(value: Any) -> str:
    value = text(value)
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        raise Invalid(
            f"'{value}' is not a valid id",
            f"use lower-case words joined by '-', e.g. '{suggestion}'",
        )
    return value


def text_list(value: Any, item: Callable[[Any], str] = text) -> tuple[str, ...]:
    if isinstance(value, str):
        raise Invalid("expected a list, got text", f"write a list: [{value}]")
    if not isinstance(value, list):
        raise Invalid(f"expected a list, got {_type_name(value)}")
    items = []
    for index, entry in enumerate(value, 1):
        try:
            items.append(item(entry))
        except Invalid as exc:
            raise Invalid(f"item {index}: {exc.message}", exc.hint) from None
    return tuple(items)


def nonempty_list(value: Any, item: Callable[[Any], str] = text) -> tuple[str, ...]:
    items = text_list(value, item)
    if not items:
        raise Invalid("needs at least one item")
    return items


def passages(value: Any) -> tuple[str, ...]:
    """Citations: one or more passages, each possibly over several lines."""
    return nonempty_list(value, passage)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        shown = ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
        raise Invalid(
            f"{shown} is not a number a figure can have",
            "write the number itself, or words in quotes",
        )
    return value


def value_list(value: Any) -> tuple:
    """Distractors: text, or numbers for figures."""
    if not isinstance(value, list):
        raise Invalid(f"expected a list, got {_type_name(value)}")
    for index, item in enumerate(value, 1):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)) or item == "":
            raise Invalid(f"item {index}: expected text or a number, got {_type_name(item)}")
        try:
            _finite(item) if isinstance(item, (int, float)) else text(item)
        except Invalid as exc:
            raise Invalid(f"item {index}: {exc.message}", exc.hint) from None
    return tuple(value)


_NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}


def number_or_text(value: Any) -> int | float | str:
    """A figure's value: a number, or words ("tens of thousands"); a number word up to
    twenty ("three") is the number it names, as its sentence may say it."""
    if isinstance(value, bool):
        raise Invalid("expected a number or text, got true/false")
    if isinstance(value, (int, float)):
        return _finite(value)
    said = text(value)
    return _NUMBER_WORDS.get(said.strip().lower(), said)


def number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"expected a number, got {_type_name(value)}")
    return _finite(value)


def one_of(options: tuple[str, ...] | dict) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        value = text(value)
        if value not in options:
            close = close_matches(value, options)
            hint = f"did you mean '{close}'?" if close else "one of: " + ", ".join(options)
            raise Invalid(f"unknown value '{value}'", hint)
        return value

    return check


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"expected a whole number, got {_type_name(value)}")
    return value
