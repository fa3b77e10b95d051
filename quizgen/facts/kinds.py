"""The fact base as typed, immutable data. Nothing here reads files or knows of questions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from ..vocab import OUTPUT_FORMATS, PERSON_TYPES, QUESTION_KINDS

__all__ = ["OUTPUT_FORMATS", "PERSON_TYPES", "QUESTION_KINDS"]
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
        """The label, with its anchor where it does not name its year: 'on Saturday (2025)'."""
        words = self.anchor_words() if self.relative else ""
        return f"{self.label} ({words})" if words else self.label

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


@dataclass(frozen=True, kw_only=True)
class Fact:
    """What every fact has: identity, topic, and the article passages behind it."""

    id: str
    kind: ClassVar[str] = ""
    person_fields: ClassVar[tuple[str, ...]] = ()
    """The fields that name a person fact (by its id): checked by the loader, and the
    people a question's sentence speaks of."""
    topic: str
    citations: tuple[str, ...]
    distractors: tuple[str, ...] = ()
    false_statements: tuple[str, ...] = ()
    cloze: tuple[str, ...] = ()
    note: str | None = None
    sentence: str | None = None  # the fact's true sentence, where the template's does not fit
    prompts: tuple[tuple[str, str], ...] = ()  # (question kind, the editor's own prompt)
    source: str = ""
    file: str = ""
    line: int = 0


def prompt_for(fact: Fact, question_kind: str) -> str | None:
    """The editor's own prompt for this kind of question from the fact, if any."""
    return dict(fact.prompts).get(question_kind)


@dataclass(frozen=True, kw_only=True)
class Person(Fact):
    """Someone who can hold a position: an individual, a state, a group or an organisation."""

    kind: ClassVar[str] = "person"
    name: str
    role: str
    aliases: tuple[str, ...] = ()
    type: str = "individual"
    tense: str = "present"  # "past": the role was held then ("was the British Prime Minister")


@dataclass(frozen=True, kw_only=True)
class Position(Fact):
    """What an actor says, proposes or does: '<actor> <stance>'."""

    kind: ClassVar[str] = "position"
    person_fields: ClassVar[tuple[str, ...]] = ("actor",)
    actor: str
    stance: str
    when: When | None = None


@dataclass(frozen=True)
class Member:
    name: str
    aliases: tuple[str, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    complete: bool = True  # the article gives every member of the group


@dataclass(frozen=True, kw_only=True)
class ListFact(Fact):
    """A named set, possibly split into groups (the member states, the founders among them)."""

    kind: ClassVar[str] = "list"
    name: str
    item: str
    members: tuple[Member, ...]
    groups: tuple[Group, ...] = ()
    complete: bool = True  # the article gives every member ("including ..." does not)
    tense: str = "past"  # the members "were" (past) or "are" (present) of the set

    def group_members(self, group_id: str) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.group == group_id)

    @property
    def closed(self) -> bool:
        """Every member is given: the list and each of its groups are complete."""
        return self.complete and all(g.complete for g in self.groups)


@dataclass(frozen=True, kw_only=True)
class Cause(Fact):
    """A reason given for what happened, kept as the claim of whoever gave it."""

    kind: ClassVar[str] = "cause"
    person_fields: ClassVar[tuple[str, ...]] = ("given_by",)
    claim: str
    given_by: str | None = None
    verb: str = "said"
    joins: str = "that"  # how the verb takes its claim: that, object ("blamed X on Y"), none
    when: When | None = None


@dataclass(frozen=True, kw_only=True)
class Event(Fact):
    """Something that happened, and when, to the precision the article gives."""

    kind: ClassVar[str] = "event"
    person_fields: ClassVar[tuple[str, ...]] = ("according_to",)
    what: str
    when: When
    according_to: str | None = None


@dataclass(frozen=True, kw_only=True)
class Figure(Fact):
    """A number, its unit and what it counts; `value` may be words ("millions")."""

    kind: ClassVar[str] = "figure"
    person_fields: ClassVar[tuple[str, ...]] = ("according_to",)
    value: int | float | str
    unit: str
    counts: str
    qualifier: str | None = None
    according_to: str | None = None
    when: When | None = None
    out_of: int | float | None = None  # the total it is part of: no wrong choice above it


@dataclass(frozen=True, kw_only=True)
class Quote(Fact):
    """Someone's exact words, as the article prints them."""

    kind: ClassVar[str] = "quote"
    person_fields: ClassVar[tuple[str, ...]] = ("speaker",)
    speaker: str
    text: str
    when: When | None = None


FACT_KINDS: dict[str, type[Fact]] = {
    cls.kind: cls for cls in (Person, Position, ListFact, Cause, Event, Figure, Quote)
}


@dataclass(frozen=True)
class Topic:
    """A topic a source declares (source.yaml `topics`): its sub-deck and worksheet section."""

    id: str
    title: str
    order: int = 0
    phrase: str | None = None
    """What one fact of the topic is, as a noun phrase, for prompts over several facts
    ('reason given for the low reservoir')."""


def merged_topics(sources) -> tuple[Topic, ...]:
    """The topics the sources declare, each once (the first source's wins), in order: by
    `order`, then as declared, source by source."""
    found: dict[str, tuple[tuple[int, int], Topic]] = {}
    for source in sources:
        for topic in source.topics:
            if topic.id not in found:
                found[topic.id] = ((topic.order, len(found)), topic)
    return tuple(topic for _key, topic in sorted(found.values(), key=lambda v: v[0]))


def topic_titles(sources) -> dict[str, str]:
    """Topic id -> title, over the sources' declared topics."""
    return {t.id: t.title for t in merged_topics(sources)}


@dataclass(frozen=True)
class Source:
    """One article and its metadata (facts/<source>/source.yaml)."""

    id: str
    title: str
    article_file: str
    text: str
    supported_by: str | None = None
    documents: tuple[tuple[str, str], ...] = ()
    period: tuple[int, int] | None = None
    language: str = "en"
    topics: tuple[Topic, ...] = ()


@dataclass(frozen=True)
class FactBase:
    """Every fact of every source, by id."""

    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    citations_checked: int = 0
    warnings: tuple = ()  # Problems of severity "warning" found while loading (citations)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {f.id: f for f in self.facts})

    def get(self, fact_id: str) -> Fact:
        return self._by_id[fact_id]  # type: ignore[attr-defined]

    def __contains__(self, fact_id: str) -> bool:
        return fact_id in self._by_id  # type: ignore[attr-defined]

    def of_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The topics its sources declare, in order."""
        return merged_topics(self.sources)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def only(self, source_ids) -> FactBase:
        """The base of these sources alone (a deck's): facts of other sources are not in
        it, so nothing of theirs can become a wrong choice, a sibling or a set's member."""
        keep = set(source_ids)
        if keep >= {s.id for s in self.sources}:
            return self
        facts = tuple(f for f in self.facts if f.source in keep)
        sources = tuple(s for s in self.sources if s.id in keep)
        return FactBase(sources, facts, self.citations_checked)
