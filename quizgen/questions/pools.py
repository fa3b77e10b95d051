"""Where wrong choices come from, and the rules that keep every wrong choice false.

Wrong choices are drawn first from the fact's curated distractors (checked by
`quizgen check` never to equal a true answer), then from sibling facts of the same sort (a
person for a person, a state for a state). A sibling is refused when it is a true answer or
an alias of one, or when it is named in the passages behind the right answer or in the
prompt: if the article's own sentence names it, it may well be true.

Everything is indexed once per fact base, so a base of any size costs the same per question.
"""

from __future__ import annotations

import zlib
from functools import cached_property

from ..facts.kinds import Fact, FactBase, Person, When, default_label
from ..text import fold

ENOUGH = 6  # sibling candidates gathered per question: the seed picks among them


def person_class(person: Person) -> str:
    """A person's sort: a wrong choice is of the answer's sort (a state for a state, an
    organisation for an organisation, never a coalition for a state)."""
    return person.type


class Pools:
    """Per fact base: people by class, their folded names, each fact's folded passages."""

    def __init__(self, base: FactBase):
        self.base = base
        self._cites: dict[str, str] = {}

    @cached_property
    def people(self) -> dict[str, list[Person]]:
        grouped: dict[str, list[Person]] = {}
        for fact in self.base.facts:
            if isinstance(fact, Person):
                grouped.setdefault(person_class(fact), []).append(fact)
        return grouped

    @cached_property
    def names(self) -> dict[str, tuple[str, ...]]:
        return {
            p.id: tuple(fold(n) for n in (p.name, *p.aliases))
            for group in self.people.values()
            for p in group
        }

    @cached_property
    def padded(self) -> dict[str, tuple[str, ...]]:
        """Each person's folded names between spaces, for whole-word lookups."""
        return {key: tuple(f" {n} " for n in names) for key, names in self.names.items()}

    @cached_property
    def stems(self) -> dict[str, tuple[str, ...]]:
        """Each person's folded one-word names as the stems a demonym is made from, each
        after a space, as `_stem_in` looks for them."""
        return {key: tuple(f" {s}" for s in _stems(names)) for key, names in self.names.items()}

    @cached_property
    def by_name(self) -> dict[str, Person]:
        return {p.name: p for group in self.people.values() for p in group}

    @cached_property
    def stated_dates(self) -> list[When]:
        """Each distinct date some fact has whose year its passages state, in date order,
        with what the fact is (`status`: a plan's date is no wrong date of what happened)."""
        found: dict[tuple[str, str], When] = {}
        for fact in self.base.facts:
            when = getattr(fact, "when", None)
            if (
                when is not None
                and (when.date, when.status) not in found
                and any(str(when.year) in c for c in fact.citations)
            ):
                key = (when.date, when.status)
                found[key] = When(when.date, default_label(when.date), status=when.status)
        return [found[k] for k in sorted(found)]

    def cites(self, fact: Fact) -> str:
        """The fact's passages, folded, padded with spaces for whole-word lookups."""
        found = self._cites.get(fact.id)
        if found is None:
            found = self._cites[fact.id] = " " + " | ".join(fold(c) for c in fact.citations) + " "
        return found

    def wrong_people(
        self, right: Person, fact: Fact, prompt: str, curated: tuple = (), fits=None
    ) -> list[str]:
        """Candidate wrong names for a question whose answer is `right`: curated first,
        then up to ENOUGH siblings (those `fits` accepts, when given), starting at a place
        fixed by the fact's id."""
        true = set(self.names.get(right.id) or (fold(right.name),))
        said = " " + fold(prompt)  # the folded prompt, after a space: where a demonym is
        asked = said + " "  # looked for; a choice the prompt names is no wrong choice of it
        found = [
            str(c) for c in curated if fold(str(c)) not in true and f" {fold(str(c))} " not in asked
        ]
        where = f"{said} {self.cites(fact)} {self.cites(right)} "
        siblings = self.people.get(person_class(right), [])
        start = zlib.crc32(fact.id.encode()) % len(siblings) if siblings else 0
        taken = 0
        for step in range(len(siblings)):  # no copy of the list: a large base stays linear
            sibling = siblings[(start + step) % len(siblings)]
            if sibling.id == right.id or sibling.name in found:
                continue
            if fits is not None and not fits(sibling):
                continue
            if not true.isdisjoint(self.names[sibling.id]) or any(
                n in where for n in self.padded[sibling.id]
            ):
                continue
            stems = self.stems[sibling.id]
            if stems and _stem_in(stems, said):
                continue
            found.append(sibling.name)
            taken += 1
            if taken >= ENOUGH:
                break
        return found


def _stems(names: tuple[str, ...]) -> tuple[str, ...]:
    """The stems of the (folded) one-word names longer than four letters: 'aldren',
    'kestl' (a final vowel dropped)."""
    return tuple(n[:-1] if n[-1] in "aeiouy" else n for n in names if " " not in n and len(n) > 4)


def _stem_in(stems: tuple[str, ...], said: str) -> bool:
    """Whether the prompt (folded, after a space) speaks of a person by a word made from
    one of its names' stems (each given after a space: ' aldren'): 'Aldrenian troops' rules
    Aldren out as a wrong choice, 'Kestlish' Kestle. A word made from a stem starts with it
    and goes on: folded text has single spaces between its words, so that is the stem after
    a space and before some other character."""
    for needle in stems:
        at = said.find(needle)
        while at >= 0:
            end = at + len(needle)
            if end < len(said) and said[end] != " ":
                return True
            at = said.find(needle, at + 1)
    return False
