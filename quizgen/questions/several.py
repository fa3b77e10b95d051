"""Questions made of several facts: matching (people and roles; causes and who gave
them) and chronology (dated facts in order)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..facts.kinds import (
    Cause,
    Event,
    Fact,
    FactBase,
    Figure,
    Person,
)
from ..text import unquoted
from .claims import claimed
from .dates import PLANNED, STANDING, names_another_date
from .drafts import Draft, Refusal, Statements
from .english import capfirst
from .kinds import CHRONOLOGY, MATCHING

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
    """Person to role; cause to who gives it (one cause per giver, one matching of them).
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
    # givers of one sort: a state beside its own president would be two defensible answers
    by_sort: dict[str, list[str]] = {}
    for giver in by_giver:
        by_sort.setdefault(base.get(giver).type, []).append(giver)  # type: ignore[union-attr]
    for givers in (
        g for sort in by_sort.values() if len(sort) >= 3 for g in _chunks(sort, MATCH_SIZE)
    ):
        # one matching of these givers: a second, of their other causes, would share most
        # of its pairs with the first (and print their answers)
        for index in range(1):
            causes = [by_giver[g][index] for g in givers]
            bare = all(_said_that(c) for c in causes)  # every item its claim alone, or none
            pairs = tuple(
                (capfirst(c.claim if bare else claimed(c)), say.ref(c.given_by).name)
                for c in causes
            )
            yield Draft(
                MATCHING,
                "cause.matching",
                tuple(causes),
                {"statements": [say(c) for c in causes]},
                pairs=pairs,
                topic=common_topic(causes, base),
            )


def _said_that(cause: Cause) -> bool:
    """A cause given with a plain 'said that': as a matching item its verb says nothing the
    prompt's "who gave it" does not. Items are led by their verb ('Blamed the losses on
    leaks ...', 'Claimed that ...') unless every cause of the matching was only said."""
    return cause.joins == "that" and cause.verb in ("said", "says")


def chronology_drafts(base: FactBase, say: Statements, size: int = 4) -> Iterator[Draft | Refusal]:
    """Chains of facts whose order the article's dates settle, earliest first: two passes
    over the facts in date order, so any size of base costs time in proportion. Only what
    happened is ordered: a state (`when.status: state`) has no moment, and a plan (`due`)
    holds from when it was made until its date (where it stands is disputable); nor is an
    item that names another date than its own. A fact whose wording says its date is not
    its own moment is refused, with the reason."""
    dated = []
    for fact in base.facts:
        when = getattr(fact, "when", None)
        if when is None or isinstance(fact, Figure) or when.status != "happened":
            continue
        item = say.undated(fact)
        refused = misplaced(fact, item)
        if refused:
            yield Refusal(fact, CHRONOLOGY, *refused, topic="timeline")
        elif not names_another_date(item, fact.when):  # type: ignore[attr-defined]
            dated.append(fact)  # (an item naming another date would need its own printed,
            # which places it for the learner: such a fact is asked in other ways)
    years = Counter(f.when.year for f in dated)
    # a bare year ranks nothing against the same year's other facts: leave those out
    dated = [f for f in dated if f.when.precision != "year" or years[f.when.year] == 1]
    dated.sort(key=lambda f: (f.when.sort_key(), f.id))
    events = [f for f in base.facts if isinstance(f, Event)]
    topic = common_topic(events, base) if events else None
    for _ in range(2):
        chain: list[Fact] = []
        unused: list[Fact] = []
        for fact in dated:
            if all(c.when.shown_before(fact.when) for c in chain):
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


def misplaced(fact: Fact, item: str) -> tuple[str, str] | None:
    """Why the fact's date is not the moment its item happened, by the item's wording, and
    a hint; or None. A plan is read in all but what was reported ("said that ..."), a
    standing state in the main clause only ("a call that the council had yet to accept")."""
    when = fact.when  # type: ignore[attr-defined]
    # what was said of a plan is no plan, nor are a speaker's own words ('said, “… will …”')
    told = unquoted(item, "“…”")
    if " that " in told:  # (each thing _REPORTED finds ends so)
        told = _REPORTED.split(told, maxsplit=1)[0]
    if when.status == "happened" and PLANNED.search(told.lower()):
        reason = f"'{told}' is still to come: its date ({when.label}) is when it is due"
        return reason + ", not when it happened", _DUE_HINT
    main = _MAIN_CLAUSE.split(item, maxsplit=1)[0]
    if STANDING.search(main.lower()):
        return f"'{main}' reads as a standing state, with no moment to order it by", _STATE_HINT
    return None


_DUE_HINT = "mark it `when: {status: due}` (never ordered), or date it by when it was decided"
_STATE_HINT = "mark it `when: {status: state}` (never ordered), or word it as the moment it began"
_MAIN_CLAUSE = re.compile(
    r" that |, which |, who "
    r"| (?:said|says|told \w+|stated|claimed|denied|argued|insisted|warned|added) (?!that )"
)  # what someone said ("said the firm had not cut a post") is no standing state of theirs
_REPORTED = re.compile(r"\b(?:\w+ed|said|says|told|wrote) that ")


def _chronology(chain: list[Fact], say: Statements, topic: str | None) -> Draft:
    """Under `topic` (the one most of the base's events have), else its own facts'."""
    return Draft(
        CHRONOLOGY,
        "event.chronology",
        tuple(chain),
        {
            "statements": [say(f) for f in chain],
            "happened": all(f.when.status == "happened" for f in chain),
        },
        ordered=tuple(say.undated(f) for f in chain),
        topic=topic or common_topic(chain, say.base),
    )


SEVERAL_FACTS = (matching_drafts, chronology_drafts)
"""The builders of questions made of several facts, each over the whole base, in order."""
