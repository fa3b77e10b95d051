"""Fact -> question drafts. One builder per fact kind says which question kinds the fact
suits and with what answers and choices; the wording comes from the templates."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..facts.claim_fields import said_at
from ..facts.kinds import (
    Cause,
    Event,
    Fact,
    Figure,
    ListFact,
    Person,
    Position,
    Quote,
    When,
    date_words,
    default_label,
)
from ..text import after_article, fold
from . import numbers
from .citing import words
from .claims import role_head, role_question
from .dates import anchor_in
from .drafts import Draft, Statements
from .english import CURRENCY, amount, format_number, number_word, unit_said
from .kinds import CLOZE, LIST, MCQ, MULTI, NUMERIC, QUOTE, SHORT, TF
from .question import Answer

_INDEFINITE = re.compile(r"\b(?:a|an)\b", re.IGNORECASE)  # "led an independent survey"
NEAR_YEARS = 15  # a wrong date is at most this many years from the right one
SIDES = ("state", "organisation")  # the sorts a story has few of: asked by role alone


def _tf(fact: Fact, statement: str) -> Iterator[Draft]:
    kind = fact.kind
    yield Draft(TF, f"{kind}.tf", (fact,), {"claim": statement}, "true", truth=True)
    when = getattr(fact, "when", None)
    for index, false in enumerate(fact.false_statements, 1):
        claim = anchor_in(false, when)  # its relative date anchored, as the true one is
        yield Draft(TF, f"{kind}.tf", (fact,), {"claim": claim}, f"false-{index}", truth=False)


def _cloze(
    fact: Fact, statement: str, say: Statements, terms: tuple[str, ...] | None = None
) -> Iterator[Draft]:
    """A blank for each cloze term the statement holds. A term that is the name of a person
    of the base takes that person's other names as answers too ("Bergin" fills the blank
    of "Fire Chief Bergin"), as a short answer asking for the person does; and the fact's
    own other spellings of the term ("European Union" for "EU")."""
    spelled_as = dict(fact.spellings)
    for index, term in enumerate(terms if terms is not None else fact.cloze, 1):
        if term not in statement:
            continue
        # no blank right after "a"/"an": "an _____" tells its first letter, "a(n) _____"
        # reads like a form, and "_____" over "an independent" takes "the" as well
        if after_article(statement, term):
            continue
        person = say.pools.by_name.get(term)
        answer = Answer(term, (*(person.aliases if person else ()), *spelled_as.get(term, ())))
        blanked = statement.replace(term, "_____", 1)
        yield Draft(
            CLOZE,
            f"{fact.kind}.cloze",
            (fact,),
            {"blanked": blanked},
            f"c{index}" if index > 1 or len(fact.cloze) > 1 else "",
            answers=(answer,),
            term=term,
        )


def _who(fact: Fact, person: Person, say: Statements, context: dict | None = None):
    """Short answer and multiple choice whose answer is a person. Asked for a role (a
    person fact), a sibling is a wrong choice only when its own role is of the same kind.
    A state or an organisation is asked by short answer alone: the sides of a story are
    few, so wrong ones would be bystanders that took no part; and not where the prompt names
    another of its sort in the base (the answer would be "the other side")."""
    answer = Answer(person.name, person.aliases)
    context = context or {}
    if person.type in SIDES:
        others = [p for p in say.pools.people.get(person.type, ()) if p.id != person.id]
        sides = (
            *(name for other in others for name in (other.name, *other.aliases)),
            # "a Freedonian invasion", "Freedonian speakers": a state said by its adjective
            *(f"{stem}*" for p in (person, *others) if (stem := _stem(p.name))),
        )
        yield Draft(SHORT, f"{fact.kind}.short", (fact,), context, answers=(answer,), sides=sides)
        return
    if person.type == "individual":
        yield Draft(SHORT, f"{fact.kind}.short", (fact,), context, answers=(answer,))
    head = role_head(person.role) if context else None
    fits = (lambda other: role_head(other.role) == head) if context else None
    # a claim's own curated wrong choices, else those curated for its holder: people of
    # the same sort who could have said it (a sibling of the base may be named in it)
    curated = fact.distractors or person.distractors
    yield Draft(
        MCQ,
        f"{fact.kind}.mcq",
        (fact,),
        context,
        answers=(answer,),
        right=(person.name,),
        wrong=lambda prompt: say.pools.wrong_people(person, fact, prompt, curated, fits),
        curated=frozenset(str(d) for d in curated),
        sort=person.type,
    )


def _stem(name: str) -> str | None:
    """The start its adjective shares with a one-word name: 'Freedoni' (Freedonian),
    'German' (German); None for a short or a several-word name."""
    return name[:-1] if " " not in name and len(name) >= 6 else None


def person_drafts(fact: Person, say: Statements) -> Iterator[Draft]:
    yield from _who(fact, fact, say, {"asked": role_question(fact)})


def _claim_drafts(fact: Fact, person_id: str | None, say: Statements) -> Iterator[Draft]:
    """Someone's position or cause: who holds it (when known), true/false, cloze."""
    statement = say(fact)
    person = say.ref(person_id)
    # "which state ...?" of what a state or an organisation said or did: a story has few
    # sides, so the answer is all but given; the cloze and true/false ask what it did (its
    # role asks who it is)
    trivial = person is not None and person.type in SIDES
    if (
        person is not None
        and not trivial
        and not _asked_by_role(getattr(fact, "stance", ""), person)
    ):
        yield from _who(fact, person, say)
    yield from _tf(fact, statement)
    yield from _cloze(fact, statement, say)


def _asked_by_role(stance: str, person: Person) -> bool:
    """The position is what the person's role says they did ("the news agency that
    reviewed the draft"): asking who took it would repeat the role's own question."""
    said = words(stance)
    return bool(said) and len(said & words(person.role)) >= 0.6 * len(said)


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
        sort=speaker.type,
    )
    yield from _tf(fact, statement)
    # the same words put in another mouth: false, as the base shows. Curated distractors
    # say who could have said them: then only one of those who is in the base is taken.
    mouths = [str(d) for d in fact.distractors] or wrong
    others = (say.pools.by_name.get(w) for w in mouths)
    other = next((p for p in others if p is not None and p.type == speaker.type), None)
    if other is not None and not fact.sentence:
        false = say(fact, speaker=other)
        yield Draft(TF, "quote.tf", (fact,), {"claim": false}, "swap", truth=False)
    yield from _cloze(fact, statement, say)


NOT_IN_LIST = 2  # "X was not one of them" true/false questions a list makes, at most


def list_drafts(fact: ListFact, say: Statements) -> Iterator[Draft]:
    """Recall, select-all, a closed group's one-of and true/false. An open list
    (`complete: false`, or an open group) asks only what the article counts among the set:
    no "Name the six", no "X was not one of them". A member is not asked one of four against
    the list's distractors: the select-all asks that, and the same three wrong choices
    beside each member in turn would point at the answer."""
    every = tuple(Answer(m.name, m.aliases) for m in fact.members)
    is_open = not fact.closed
    whole = {"group": None, "count": len(every), "open": is_open}
    yield Draft(LIST, "list.list", (fact,), whole, answers=every)
    for group in fact.groups:
        members = tuple(Answer(m.name, m.aliases) for m in fact.group_members(group.id))
        ctx = {"group": group, "count": len(members), "open": not group.complete}
        yield Draft(LIST, "list.list", (fact,), ctx, group.id, answers=members)
    names = [m.name for m in fact.members]
    curated = [str(d) for d in fact.distractors]
    if curated:
        yield Draft(
            MULTI,
            "list.multi",
            (fact,),
            {"open": is_open},
            answers=every,
            right=tuple(names),
            wrong=curated,
            curated=frozenset(curated),
        )
    for member in fact.members:
        variant = fold(member.name).replace(" ", "-")
        answer = (Answer(member.name, member.aliases),)
        group = next((g for g in fact.groups if g.id == member.group), None)
        if group is not None and group.complete:  # the other groups' members are not in it
            yield Draft(
                MCQ,
                "list.mcq",
                (fact,),
                {"group": group, "open": False},
                f"{member.group}-{variant}",
                answers=answer,
                right=(member.name,),
                wrong=[m.name for m in fact.members if m.group != member.group],
            )
        ctx = {"name": member.name, "open": is_open}
        yield Draft(TF, "list.tf", (fact,), ctx, f"{variant}", truth=True)
    # a side of the story (a state or organisation of the base) is plainly no member of
    # what it disputes ("Tarsovia was one of the states that offered monitors"): not asked
    sides = {
        fold(n)
        for sort in SIDES
        for p in say.pools.people.get(sort, ())
        for n in (p.name, *p.aliases)
    }
    outside = [d for d in curated if fold(d) not in sides]
    for distractor in outside[:NOT_IN_LIST]:  # the select-all shows the others
        variant = "not-" + fold(distractor).replace(" ", "-")
        ctx = {"name": distractor, "open": is_open}
        yield Draft(TF, "list.tf", (fact,), ctx, variant, truth=False)


def event_drafts(fact: Event, say: Statements) -> Iterator[Draft]:
    statement = say(fact)
    year = str(fact.when.year)
    # ask "when" only where the article itself gives the year, and the sentence does not
    stated = any(year in c for c in fact.citations) and year not in fact.what
    if stated and fact.when.precision == "year":
        yield Draft(SHORT, "event.short", (fact,), {}, answers=(Answer(year),), value=float(year))
    if stated:
        own = date_words(fact.when.date)
        others = _other_dates(say, fact)
        # wrong dates said as precisely as the answer: "2014" among months would stand out,
        # and "2022" beside "the autumn of 2022" would be two right answers
        # and near it: "a new business school opened in 1903" beside 2022 is absurd
        alike = [
            d
            for d in others
            if d.precision == fact.when.precision and abs(d.year - fact.when.year) <= NEAR_YEARS
        ]
        yield Draft(
            MCQ,
            "event.mcq",
            (fact,),
            {},
            answers=(Answer(own),),
            right=(own,),
            wrong=[date_words(d.date) for d in alike],
        )
        # said as precisely as the fact's own date: "in September 2024" for "in 2024" would
        # be a quibble, not a wrong date
        near = min(alike, key=lambda d: abs(d.year - fact.when.year), default=None)
        # the date swapped for the nearest one the article gives to something else, unless
        # a curated false statement already names that date, or its year where the year is
        # wrong (the same question twice); and not for what may have happened more than
        # once ("mediated a rail dispute"): the article's silence on another date does not
        # make it false
        wrong_year = near is not None and near.year != fact.when.year
        said = (date_words(near.date), str(near.year) if wrong_year else None) if near else ()
        # (an editor's own sentence says its date in its own words: nothing to swap)
        once = not _INDEFINITE.search(fact.what) and not fact.sentence
        if near and once and not any(d and d in f for d in said for f in fact.false_statements):
            swapped = When(near.date, default_label(near.date), status=fact.when.status)
            false = say(dataclasses.replace(fact, when=swapped))
            yield Draft(TF, "event.tf", (fact,), {"claim": false}, "swap", truth=False)
    yield from _tf(fact, statement)
    yield from _cloze(fact, statement, say)


def _other_dates(say: Statements, fact: Event) -> list[When]:
    """Dates the article gives (the year is in a citation) that cannot be this fact's, of
    things of its own status: a plan's date beside what happened would be absurd ("In
    September 2025, the committee first reported ..."), and the reverse too."""
    return [
        when
        for when in say.pools.stated_dates
        if when.status == fact.when.status and when.disjoint(fact.when)
    ]


def figure_drafts(fact: Figure, say: Statements) -> Iterator[Draft]:
    """Typed number, one of four, true/false and the swapped figure. A figure with its
    own `sentence` is asked in that sentence, its number blanked or swapped where it
    stands ("Officials reported over _____ drone strikes"); without one, the sentence is
    made from what it `counts`."""
    statement = say(fact)
    unit = unit_said(fact)
    told = amount(fact.value, unit, fact.qualifier)  # the key keeps the hedge
    numeric = isinstance(fact.value, (int, float))
    said, spelled = format_number(fact.value), format_number
    if fact.sentence and numeric and not said_at(fact.sentence, said):  # "three years"
        said, spelled = number_word(fact.value), number_word
    at = said_at(fact.sentence, said)[0] if fact.sentence else None  # checked: said once

    def told_as(words: str) -> str:  # the sentence with its value told otherwise
        assert at is not None
        return f"{fact.sentence[: at.start()]}{words}{fact.sentence[at.end() :]}"

    blanked = told_as("_____") if at else None
    if numeric:
        number, plain = format_number(fact.value), _plain_number(fact.value)
        sign = unit[:1] in CURRENCY if unit else False
        # in its sentence the blank is the number alone: the hedge and unit stand around it
        key = number if blanked else amount(number, unit if sign else "", fact.qualifier)
        yield Draft(
            NUMERIC,
            "figure.numeric",
            (fact,),
            {"unit": unit, "percent": numbers.percent(fact), "blanked": blanked},
            # a currency sign stands before the number: "£48 million", not "48 £ million"
            answers=(Answer(key, plain + ((said,) if said != number else ())),),
            value=float(fact.value),
            # the unit stands in its sentence, around the blank: the key is the number alone
            unit=None if sign or blanked else unit or None,
        )
    wrong_values = numbers.wrong_values(fact)
    if blanked and fact.value != 1:  # "_____ years after": a wrong "one" would not agree
        wrong_values = [w for w in wrong_values if w != 1]
    if blanked:  # the blank takes the value as the sentence writes it
        right, wrong = said, [spelled(w) for w in wrong_values]
        curated = frozenset(spelled(d) for d in fact.distractors)
    else:
        right, wrong = told, [amount(w, unit, fact.qualifier) for w in wrong_values]
        curated = frozenset(amount(d, unit, fact.qualifier) for d in fact.distractors)
    if not (blanked and numeric):  # typed into its sentence, choices would ask it again
        yield from _figure_mcq(fact, blanked, right, wrong, curated)
    yield from _tf(fact, statement)
    # the figure swapped is false, since the article gives the figure; not so for a bound
    # ("over 100" does not make "over 10" false), nor for a magnitude in words ("thousands"
    # is not false of "tens of thousands")
    if numeric and fact.distractors and wrong_values and numbers.bound(fact.qualifier) == "point":
        if fact.sentence:
            false = told_as(spelled(wrong_values[0]))
        else:
            false = say(fact, value=wrong_values[0])
        yield Draft(TF, "figure.tf", (fact,), {"claim": false}, "swap", truth=False)
    # a typed number or the choices ask the value already: cloze only the editor's terms
    terms = fact.cloze if blanked or not numeric else (said, *fact.cloze)
    yield from _cloze(fact, statement, say, terms)


def _figure_mcq(fact: Figure, blanked, right: str, wrong: list[str], curated) -> Iterator[Draft]:
    """One of four: the amount asked of what the figure counts, or blanked in its sentence."""
    yield Draft(
        MCQ,
        "figure.mcq",
        (fact,),
        {"blanked": blanked},
        answers=(Answer(right),),
        right=(right,),
        wrong=[w for w in wrong if w != right],
        curated=curated,
    )


def _plain_number(value: int | float) -> tuple[str, ...]:
    """'50000' beside '50,000': the digits without separators, when they differ."""
    plain = str(int(value)) if float(value).is_integer() else str(value)
    return () if plain == format_number(value) else (plain,)


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
