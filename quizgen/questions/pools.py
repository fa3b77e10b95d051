"""Where wrong choices come from, and the rules that keep every wrong choice false.

Wrong choices are drawn first from the fact's curated distractors (checked by
`quizgen check` never to equal a true answer), then from sibling facts of the same sort (a
person for a person, a state for a state). A sibling is refused when it is a true answer or
an alias of one, or when it is named in the passages behind the right answer or in the
prompt: if the article's own sentence names it, it may well be true.
"""

from __future__ import annotations

from ..model import Fact, FactBase, Person
from ..text import fold, mentions

COLLECTIVE = ("state", "group")


def person_class(person: Person) -> str:
    if person.type == "individual":
        return "individual"
    return "collective" if person.type in COLLECTIVE else person.type


def names_of(person: Person) -> tuple[str, ...]:
    return (person.name, *person.aliases)


def sibling_people(base: FactBase, like: Person) -> list[Person]:
    """People of the same class as `like`, in fact-base order, without `like` itself."""
    cls = person_class(like)
    return [
        p
        for p in base.facts
        if isinstance(p, Person) and p.id != like.id and person_class(p) == cls
    ]


def allowed(candidate: str, *, true: tuple[str, ...], facts: tuple[Fact, ...], prompt: str) -> bool:
    """A sibling may be a wrong choice only if nothing we know makes it true."""
    key = fold(candidate)
    if not key or any(fold(t) == key for t in true):
        return False
    if mentions(prompt, candidate):
        return False
    return not any(mentions(c, candidate) for f in facts for c in f.citations)


def wrong_people(
    base: FactBase, right: Person, fact: Fact, prompt: str, curated: tuple = ()
) -> list[str]:
    """Candidate wrong names for a question whose answer is `right`: curated first."""
    true = names_of(right)
    found: list[str] = [str(c) for c in curated if fold(str(c)) not in {fold(t) for t in true}]
    for sibling in sibling_people(base, right):
        if (
            all(
                allowed(name, true=true, facts=(fact, right), prompt=prompt)
                for name in names_of(sibling)
            )
            and sibling.name not in found
        ):
            found.append(sibling.name)
    return found
