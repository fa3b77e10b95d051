"""When a fact happened: partial dates, how a date reads, relative labels anchored, and
the order the article's dates settle. Nothing here reads files or knows of questions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<season>spring|summer|autumn|winter)"
    r"|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$"
)


STATUSES = ("happened", "due", "state")
"""What a dated fact is: a moment that `happened`; one `due` (planned, still to come: "is
due to begin"); or a `state` (a standing condition, "had yet to accept": never ordered)."""
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_RELATIVE = re.compile(
    rf"\b(?<!\ba )(?:(?:late|early) )?(?:(?:on|throughout|last|this|next) )?(?<!\ba ){_WEEKDAY}"
    r"(?: (?:night|morning|afternoon|evening))?\b"
    r"|\b(?:in |during )?(?:this|last|next) (?:year|month|week|spring|summer|autumn|fall|winter)\b"
    r"|\b(?:yesterday|today|tomorrow|tonight|at the time of writing)\b",
    re.IGNORECASE,
)
"""Words of a label that say when only beside the article's dateline ("on a Saturday"
says which day of the week it was, and stays)."""
_AGO = re.compile(r"\b(?:\w+ )?(?:days?|weeks?|months?|years?) ago\b", re.IGNORECASE)
_DATED_AFTER = re.compile(r",? \d{1,2} [A-Z][a-z]+ \d{4}|,? [A-Z][a-z]+ \d{1,2},? \d{4}| \d{4}\b")


def may_be_relative(text: str) -> bool:
    """Whether `text` holds a word that a relative date needs: the quick test that spares
    most texts relative_words' patterns. Each match of _RELATIVE and _AGO holds one of
    these words ("day" for every weekday, "today" and "days ago"): a text with none of them
    says no relative date. (Written out: a generator over a tuple costs more than the
    lookups; test_fast_paths holds it to the patterns.)"""
    low = text.lower()
    return (
        "day" in low or "year" in low or "month" in low or "week" in low or "tomorrow" in low
        or "tonight" in low or "writing" in low or "spring" in low or "summer" in low
        or "autumn" in low or "fall" in low or "winter" in low
    )  # fmt: skip


def relative_words(text: str) -> str | None:
    """The first words of `text` that say when only beside the article's dateline ("on
    Saturday", "next year", "two weeks ago"), or None. A weekday followed by its date
    ("on Monday, 13 March 2023") is anchored; "the Saturday school" is a name."""
    if not may_be_relative(text):
        return None
    for found in (*_RELATIVE.finditer(text), *_AGO.finditer(text)):
        if text[: found.start()].lower().endswith("the "):  # "the Saturday conservatoire"
            continue
        if not _DATED_AFTER.match(text, found.end()):
            return found.group()
    return None


_PREPOSITION = re.compile(r"^(?:in|on|at|during|by|from|since|until|before|after)\b", re.I)
_TIME = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})(?:\s*(?P<ap>[ap])\.?m\.?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class When:
    """When something happened or was said: a partial date, how to say it, a tie-break;
    optionally the time of day, what the fact is (`status`) and the words that anchor a
    relative label ("on Saturday") to the calendar."""

    date: str
    label: str
    order: int = 0
    time: str | None = None
    status: str = "happened"
    anchor: str | None = None

    @property
    def minutes(self) -> int | None:
        """The time of day in minutes after midnight, or None."""
        return time_minutes(self.time) if self.time else None

    @property
    def relative(self) -> bool:
        """The label does not name its own year ("on Saturday", "this year", "last week")."""
        return str(self.year) not in self.label

    def anchor_words(self) -> str:
        """What a relative label needs to stand alone: the date's own words, less what
        the label already says ("last summer" -> "2022"; "on Monday" -> "13 March 2023")."""
        if self.anchor is not None:
            return self.anchor
        words = date_words(self.date)
        named = {"year": 0, "season": 1, "month": 0, "day": 1}[self.precision]
        if self.precision == "year" or words.split()[named].lower() in self.label.lower():
            return str(self.year)
        return words

    def anchored(self) -> str:
        """The label as it reads away from the article's dateline. A relative label
        ("on Saturday", "this year") gives way to its date ("in 2025"), keeping what else it
        says ("shortly before the announcement on Saturday" -> "in 2025, shortly before the
        announcement"); a label whose date is a day keeps its weekday ("on Monday, 13 March
        2023"). An empty `anchor` keeps the label as it is."""
        if not self.relative or self.anchor == "":
            return self.label
        if self.anchor is not None:
            said = self.anchor
            said = said if _PREPOSITION.match(said) else f"in {said}"
        elif self.precision in ("day", "month"):
            words = date_words(self.date)  # "2 October 2025", "October 2025"
            said_but_year = words.rsplit(" ", 1)[0]
            if said_but_year.lower() in self.label.lower():  # "on Thursday 2 October"
                return f"{self.label} {self.year}"
            if self.precision == "day":
                return f"{self.label}, {words}"
            said = default_label(self.date)
        else:
            said = default_label(self.date)
        rest = _RELATIVE.sub("", self.label)
        rest = re.sub(r"\s{2,}", " ", rest).strip(" ,")
        # what is left that the date already says ("in January this year" -> "in January
        # 2025", not "in January 2025, in January")
        kept = set(rest.lower().split()) - {"in", "on", "at", "during", "of", "the"}
        if kept <= set(said.lower().split()):
            return said
        return f"{said}, {rest}" if rest else said

    @property
    def precision(self) -> str:
        """year, season, month or day."""
        return _span_of(self.date)[2]

    @property
    def year(self) -> int:
        return _span_of(self.date)[0][0]

    def sort_key(self) -> tuple[tuple[int, int, int], int, int]:
        minutes = self.minutes
        return (_span_of(self.date)[0], -1 if minutes is None else minutes, self.order)

    def span(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """The first and last day the date can mean, as (year, month, day)."""
        first, last, _precision = _span_of(self.date)
        return first, last

    def known_before(self, other: When) -> bool:
        """True only when the article's dates settle that this came first."""
        if self.date == other.date:  # order 0 means "not ranked"
            mine, theirs = self.minutes, other.minutes
            if mine is not None and theirs is not None and mine != theirs:
                return mine < theirs
            return 0 < self.order < other.order
        return self.span()[1] < other.span()[0]

    def shown_before(self, other: When) -> bool:
        """This came first by what the questions print: the dates, or on one day the times
        (never `order` alone, which the learner cannot see)."""
        if self.date == other.date:
            mine, theirs = self.minutes, other.minutes
            return mine is not None and theirs is not None and mine < theirs
        return self.span()[1] < other.span()[0]

    def disjoint(self, other: When) -> bool:
        """The two dates cannot mean the same time."""
        return (
            self.known_before(other) or other.known_before(self)
            if self.date != other.date
            else False
        )


@lru_cache(maxsize=4096)
def _span_of(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int], str]:
    """The first and last day a (valid) date can mean, and its precision."""
    p = _DATE.match(date)
    assert p, date
    year = int(p["year"])
    if p["day"]:
        day = (year, int(p["month"]), int(p["day"]))
        return day, day, "day"
    if p["month"]:
        return (year, int(p["month"]), 1), (year, int(p["month"]), 31), "month"
    if p["season"]:
        first = SEASONS[p["season"]]
        last = (year + 1, 2, 29) if first == 12 else (year, first + 2, 31)
        return (year, first, 1), last, "season"
    return (year, 1, 1), (year, 12, 31), "year"


def default_label(date: str) -> str:
    """How a bare date reads in a sentence: 'in 2014', 'in April 2022', 'on 3 April 2022'."""
    match = _DATE.match(date)
    if not match:
        return date
    if match["day"]:
        return f"on {int(match['day'])} {_MONTHS[int(match['month']) - 1]} {match['year']}"
    if match["month"]:
        return f"in {_MONTHS[int(match['month']) - 1]} {match['year']}"
    if match["season"]:
        return f"in the {match['season']} of {match['year']}"
    return f"in {match['year']}"


def date_words(date: str) -> str:
    """A date as words, with no preposition: '2022-04' -> 'April 2022'."""
    return default_label(date).removeprefix("in ").removeprefix("on ")


def time_minutes(time: str) -> int | None:
    """'10:30 p.m.' or '22:30' -> 1350; None when it is not a time of day."""
    match = _TIME.match(time.strip())
    if not match:
        return None
    hours, minutes, half = int(match["h"]), int(match["m"]), (match["ap"] or "").lower()
    if minutes > 59 or hours > (12 if half else 23) or (half and hours == 0):
        return None
    if half:
        hours = hours % 12 + (12 if half == "p" else 0)
    return hours * 60 + minutes


def valid_date(date: str) -> bool:
    match = _DATE.match(date)
    if not match:
        return False
    if match["month"] and not 1 <= int(match["month"]) <= 12:
        return False
    return not (match["day"] and not 1 <= int(match["day"]) <= 31)
