"""The fact base as typed, immutable data. Nothing here reads files or knows of questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..vocab import OUTPUT_FORMATS, PERSON_TYPES, QUESTION_KINDS
from .when import (  # noqa: F401  (the fact layer's dates, named from here too)
    SEASONS,
    STATUSES,
    When,
    date_words,
    default_label,
    time_minutes,
    valid_date,
)

__all__ = ["OUTPUT_FORMATS", "PERSON_TYPES", "QUESTION_KINDS"]


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
    spellings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (cloze term, its other spellings)
    source: str = ""
    file: str = ""
    line: int = 0


def prompt_for(fact: Fact, question_kind: str) -> str | None:
    """The editor's own prompt for this kind of question from the fact, if any."""
    return dict(fact.prompts).get(question_kind) if fact.prompts else None


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
    besides: str | None = None  # what else the set holds, named only as a whole

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
