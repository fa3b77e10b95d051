"""Fact -> question drafts. One builder per fact kind says which question kinds the fact
suits and with what answers and choices; the wording comes from the templates."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from ..facts.kinds import (
    Cause,
    Event,
    Fact,
    FactBase,
    Figure,
    ListFact,
    Person,
    Position,
    Quote,
    When,
    default_label,
)
from ..text import fold
from .drafts import Draft, Statements
from .english import amount, capfirst, format_number
from .kinds import CHRONOLOGY, CLOZE, LIST, MATCHING, MCQ, MULTI, NUMERIC, QUOTE, SHORT, TF
from .question import Answer


def _tf(fact: Fact, statement: str) -> Iterator[Draft]:
    kind = fact.kind
    yield Draft(TF, f"{kind}.tf", (fact,), {"claim": statement}, "true", truth=True)
    for index, false in enumerate(fact.false_statements, 1):
        yield Draft(TF, f"{kind}.tf", (fact,), {"claim": false}, f"false-{index}", truth=False)


def _cloze(fact: Fact, statement: str, terms: tuple[str, ...] | None = None) -> Iterator[Draft]:
    for index, term in enumerate(terms if terms is not None else fact.cloze, 1):
        if term not in statement:
            continue
        blanked = statement.replace(term, "_____", 1)
        yield Draft(
            CLOZE,
            f"{fact.kind}.cloze",
            (fact,),
            {"blanked": blanked},
            f"c{index}" if index > 1 or len(fact.cloze) > 1 else "",
            answers=(Answer(term),),
            term=term,
        )


def _who(fact: Fact, person: Person, say: Statements) -> Iterator[Draft]:
    """Short answer and multiple choice whose answer is a person."""
    answer = Answer(person.name, person.aliases)
    if person.type in ("individual", "state"):
        yield Draft(SHORT, f"{fact.kind}.short", (fact,), {}, answers=(answer,))
    yield Draft(
        MCQ,
        f"{fact.kind}.mcq",
        (fact,),
        {},
        answers=(answer,),
        right=(person.name,),
        wrong=lambda prompt: say.pools.wrong_people(person, fact, prompt, fact.distractors),
        curated=frozenset(str(d) for d in fact.distractors),
    )


def person_drafts(fact: Person, say: Statements) -> Iterator[Draft]:
    yield from _who(fact, fact, say)


def _claim_drafts(fact: Fact, person_id: str | None, say: Statements) -> Iterator[Draft]:
    """Someone's position or cause: who holds it (when known), true/false, cloze."""
    statement = say(fact)
    person = say.ref(person_id)
    if person is not None:
        yield from _who(fact, person, say)
    yield from _tf(fact, statement)
    yield from _cloze(fact, statement)


def position_drafts(fact: Position, say: Statements) -> Iterator[Draft]:
    return _claim_drafts(fact, fact.actor, say)


def cause_drafts(fact: Cause, say: Statements) -> Iterator[Draft]:
    return _claim_drafts(fact, fact.given_by, say)


def quote_drafts(fact: Quote, say: Statements) -> Iterator[Draft]:
    statement = say(fact)
    speaker = say.ref(fact.speaker)
    assert speaker is not None
    answer = Answer(speaker.name, speaker.aliases)
    yield Draft(QUOTE, "quote.quote", (fact,), {}, answers=(answer,))
    wrong = say.pools.wrong_people(speaker, fact, fact.text, fact.distractors)
    yield Draft(
        MCQ,
        "quote.mcq",
        (fact,),
        {},
        answers=(answer,),
        right=(speaker.name,),
        wrong=wrong,
        curated=frozenset(str(d) for d in fact.distractors),
    )
    yield from _tf(fact, statement)
    other = next((say.pools.by_name[w] for w in wrong if w in say.pools.by_name), None)
    if other is not None:  # the same words put in another mouth: false, as the base shows
        false = say(fact, speaker=other)
        yield Draft(TF, "quote.tf", (fact,), {"claim": false}, "swap", truth=False)
    yield from _cloze(fact, statement)


def list_drafts(fact: ListFact, say: Statements) -> Iterator[Draft]:
    every = tuple(Answer(m.name, m.aliases) for m in fact.members)
    yield Draft(LIST, "list.list", (fact,), {"group": None, "count": len(every)}, answers=every)
    for group in fact.groups:
        members = tuple(Answer(m.name, m.aliases) for m in fact.group_members(group.id))
        ctx = {"group": group, "count": len(members)}
        yield Draft(LIST, "list.list", (fact,), ctx, group.id, answers=members)
    names = [m.name for m in fact.members]
    curated = [str(d) for d in fact.distractors]
    if curated:
        yield Draft(
            MULTI,
            "list.multi",
            (fact,),
            {},
            answers=every,
            right=tuple(names),
            wrong=curated,
            curated=frozenset(curated),
        )
    for member in fact.members:
        variant = fold(member.name).replace(" ", "-")
        answer = (Answer(member.name, member.aliases),)
        if len(curated) >= 3:
            yield Draft(
                MCQ,
                "list.mcq",
                (fact,),
                {"group": None},
                variant,
                answers=answer,
                right=(member.name,),
                wrong=curated,
                curated=frozenset(curated),
            )
        if member.group is not None:
            others = [m.name for m in fact.members if m.group != member.group]
            group = next(g for g in fact.groups if g.id == member.group)
            yield Draft(
                MCQ,
                "list.mcq",
                (fact,),
                {"group": group},
                f"{member.group}-{variant}",
                answers=answer,
                right=(member.name,),
                wrong=others,
            )
        yield Draft(TF, "list.tf", (fact,), {"name": member.name}, f"{variant}", truth=True)
    for distractor in curated:
        variant = "not-" + fold(distractor).replace(" ", "-")
        yield Draft(TF, "list.tf", (fact,), {"name": distractor}, variant, truth=False)


def event_drafts(fact: Event, say: Statements) -> Iterator[Draft]:
    statement = say(fact)
    year = str(fact.when.year)
    # ask "when" only where the article itself gives the year, and the sentence does not
    stated = any(year in c for c in fact.citations) and year not in fact.what
    if stated and fact.when.precision == "year":
        yield Draft(SHORT, "event.short", (fact,), {}, answers=(Answer(year),), value=float(year))
    if stated:
        own = _date_choice(fact.when.date)
        others = _other_dates(say, fact)
        yield Draft(
            MCQ,
            "event.mcq",
            (fact,),
            {},
            answers=(Answer(own),),
            right=(own,),
            wrong=[_date_choice(d.date) for d in others],
        )
        if others:  # the date swapped for the nearest one the article gives to something else
            near = min(others, key=lambda d: abs(d.sort_key()[0][0] - fact.when.year))
            swapped = dataclasses.replace(fact.when, label=default_label(near.date), order=0)
            false = say(dataclasses.replace(fact, when=swapped))
            yield Draft(TF, "event.tf", (fact,), {"claim": false}, "swap", truth=False)
    yield from _tf(fact, statement)
    yield from _cloze(fact, statement)


def _other_dates(say: Statements, fact: Event) -> list[When]:
    """Dates the article gives (the year is in a citation) that cannot be this fact's."""
    return [when for when in say.pools.stated_dates if when.disjoint(fact.when)]


def _date_choice(date: str) -> str:
    """'2022-04' -> 'April 2022', '2022-autumn' -> 'the autumn of 2022'."""
    return default_label(date).removeprefix("in ").removeprefix("on ")


def figure_drafts(fact: Figure, say: Statements) -> Iterator[Draft]:
    statement = say(fact)
    told = amount(fact.value, fact.unit)
    numeric = isinstance(fact.value, (int, float))
    if numeric:
        yield Draft(
            NUMERIC,
            "figure.numeric",
            (fact,),
            {},
            answers=(Answer(format_number(fact.value), _plain_number(fact.value)),),
            value=float(fact.value),
            unit=fact.unit,
        )
    wrong = [amount(d, fact.unit) for d in fact.distractors]
    if numeric:
        for factor in (2, 10, 0.5):
            guess = fact.value * factor
            guess = int(guess) if float(guess).is_integer() else guess
            wrong.append(amount(guess, fact.unit))
    wrong = [w for w in dict.fromkeys(wrong) if w != told]
    yield Draft(
        MCQ,
        "figure.mcq",
        (fact,),
        {},
        answers=(Answer(told),),
        right=(told,),
        wrong=wrong,
        curated=frozenset(amount(d, fact.unit) for d in fact.distractors),
    )
    yield from _tf(fact, statement)
    # the figure swapped is false, since the article gives the figure; not so for a bound
    # ("over 100" does not make "over 10" false)
    if fact.distractors and (fact.qualifier or "around") in POINT_QUALIFIERS:
        false = say(fact, value=fact.distractors[0])
        yield Draft(TF, "figure.tf", (fact,), {"claim": false}, "swap", truth=False)
    yield from _cloze(fact, statement, (format_number(fact.value), *fact.cloze))


def _plain_number(value: int | float) -> tuple[str, ...]:
    """'50000' beside '50,000': the digits without separators, when they differ."""
    plain = str(int(value)) if float(value).is_integer() else str(value)
    return () if plain == format_number(value) else (plain,)


POINT_QUALIFIERS = ("around", "about", "approximately", "some", "nearly", "roughly")


ALWAYS_TRUE_FALSE = frozenset(k.kind for k in (Position, Cause, Event, Figure, Quote))
"""Fact kinds whose builder always yields a true/false question from the fact's sentence."""

BUILDERS: dict[str, Callable[[Any, Statements], Iterator[Draft]]] = {
    Person.kind: person_drafts,
    Position.kind: position_drafts,
    Cause.kind: cause_drafts,
    Quote.kind: quote_drafts,
    ListFact.kind: list_drafts,
    Event.kind: event_drafts,
    Figure.kind: figure_drafts,
}


MATCH_SIZE = 5  # pairs per matching question


def _chunks(items: list, size: int) -> list[list]:
    """Split into groups of about `size`, none smaller than three."""
    count = max(1, round(len(items) / size))
    return [items[i::count] for i in range(count)]


def common_topic(facts, base: FactBase) -> str:
    """The topic of a question made of several facts: the one most of them have (a tie
    goes to the topic declared first)."""
    counts = Counter(f.topic for f in facts)
    place = {t.id: i for i, t in enumerate(base.topics)}
    return min(counts, key=lambda t: (-counts[t], place.get(t, len(place)), t))


def matching_drafts(base: FactBase, say: Statements) -> Iterator[Draft]:
    """Person to role; cause to who gives it (one cause per giver, in rotating variants).
    Large bases make several questions of about five pairs each."""
    people = [p for p in base.facts if isinstance(p, Person) and p.type == "individual"]
    if len(people) >= 3:
        for group in _chunks(people, MATCH_SIZE):
            yield Draft(
                MATCHING,
                "person.matching",
                tuple(group),
                {"statements": [say(p) for p in group]},
                pairs=tuple((p.name, p.role) for p in group),
                topic=common_topic(group, base),
            )
    by_giver: dict[str, list[Cause]] = {}
    for fact in base.facts:
        if isinstance(fact, Cause) and fact.given_by:
            by_giver.setdefault(fact.given_by, []).append(fact)
    if len(by_giver) < 3:
        return
    for givers in _chunks(list(by_giver), MATCH_SIZE):
        rounds = max(len(by_giver[g]) for g in givers)
        for index in range(min(rounds, 3)):
            causes = [by_giver[g][index % len(by_giver[g])] for g in givers]
            pairs = tuple((capfirst(c.claim), say.ref(c.given_by).name) for c in causes)
            yield Draft(
                MATCHING,
                "cause.matching",
                tuple(causes),
                {"statements": [say(c) for c in causes]},
                pairs=pairs,
                topic=common_topic(causes, base),
            )


def chronology_drafts(base: FactBase, say: Statements, size: int = 4) -> Iterator[Draft]:
    """Chains of facts whose order the article's dates settle, earliest first: two passes
    over the facts in date order, so any size of base costs time in proportion."""
    dated = [
        f for f in base.facts if getattr(f, "when", None) is not None and not isinstance(f, Figure)
    ]
    years = Counter(f.when.year for f in dated)
    # a bare year ranks nothing against the same year's other facts: leave those out
    dated = [
        f for f in dated if f.when.precision != "year" or f.when.order or years[f.when.year] == 1
    ]
    dated.sort(key=lambda f: (f.when.sort_key(), f.id))
    events = [f for f in base.facts if isinstance(f, Event)]
    topic = common_topic(events, base) if events else None
    for _ in range(2):
        chain: list[Fact] = []
        unused: list[Fact] = []
        for fact in dated:
            if all(c.when.known_before(fact.when) for c in chain):
                chain.append(fact)
                if len(chain) == size:
                    yield _chronology(chain, say, topic)
                    chain = []
            else:
                unused.append(fact)
        if len(chain) >= 3:
            yield _chronology(chain, say, topic)
        else:
            unused.extend(chain)
        dated = sorted(unused, key=lambda f: (f.when.sort_key(), f.id))


def _chronology(chain: list[Fact], say: Statements, topic: str | None) -> Draft:
    """Under `topic` (the one most of the base's events have), else its own facts'."""
    return Draft(
        CHRONOLOGY,
        "event.chronology",
        tuple(chain),
        {"statements": [say(f) for f in chain]},
        ordered=tuple(say.undated(f) for f in chain),
        topic=topic or common_topic(chain, say.base),
    )


SEVERAL_FACTS = (matching_drafts, chronology_drafts)
"""The builders of questions made of several facts, each over the whole base, in order."""
