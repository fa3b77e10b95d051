"""How claims and roles are said: the verb a person's role takes (its tense), how a cause's
verb takes its claim (`joins`), the question a role answers, and the wh-word that asks for
someone of a given sort. Filters of the question templates (see `CLAIM_FILTERS`)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..facts.kinds import Cause, Person

_RELATIVE = re.compile(r"^(?:the|a|an) (?P<noun>.+?) (?:who|that|which) (?P<rest>.+)$")
_WHOSE = re.compile(
    r"^(?:the|a|an) (?P<noun>(?:(?!\b(?:who|that|which)\b)[^,])+?) whose (?P<rest>.+)$"
)  # before _RELATIVE
_ONE_OF = re.compile(r"^(?:a|an) (?P<noun>[^,]+)$")
_HEAD_END = re.compile(r" (?:who|that|which|of|at|in|for|on|from)\b|,")
_ASK_BY_SORT = {"state": "which state", "organisation": "which organisation"}


def be(person: Person) -> str:
    """The verb joining a person to their role: is, are, was, were."""
    many = person.type == "group"
    if person.tense == "past":
        return "were" if many else "was"
    return "are" if many else "is"


def claimed(cause: Cause) -> str:
    """The cause's verb with its claim, as `joins` says: 'blamed the losses on leaks',
    'accused the council of ignoring warnings', 'claimed that ...'."""
    if cause.joins == "none":
        return cause.claim
    if cause.joins == "object":
        return f"{cause.verb} {cause.claim}"
    return f"{cause.verb} that {cause.claim}"


def who(person: Person | None) -> str:
    """The wh-word asking for someone of this person's sort: who, which state, ..."""
    return _ASK_BY_SORT.get(person.type, "who") if person is not None else "who"


def role_question(person: Person) -> str:
    """The question whose answer is this person, from their role: 'In the article, which
    state annexed ...?' for 'the state that annexed ...' (else it reads as general
    knowledge: "Which union represents academic staff?"), 'Which council aide does the
    article name?' for 'a council aide', 'In the article, who led ...?' for 'the engineer
    who led ...'."""
    whose = _WHOSE.match(person.role)
    if whose:  # "the union whose members went on strike": "... which union's members went ...?"
        return f"In the article, which {whose['noun']}'s {whose['rest']}?"
    found = _RELATIVE.match(person.role)
    if found:
        ask = _ASK_BY_SORT.get(person.type)
        lead = f"In the article, which {found['noun']}" if ask else "In the article, who"
        return f"{lead} {found['rest']}?"
    one_of = _ONE_OF.match(person.role)
    if one_of:  # "who is a council aide?" asks as if there were one
        return f"Which {one_of['noun']} does the article name?"
    ask = _ASK_BY_SORT.get(person.type, "who")
    return f"In the article, {ask} {be(person)} {person.role}?"


@lru_cache(maxsize=4096)  # each sibling's role is compared again for every question
def role_head(role: str) -> str:
    """The head noun of a role ('minister' of 'the British Prime Minister at the time of
    ...'): two people may be confused for a role only when their roles share it."""
    words = _ARTICLE.sub("", _HEAD_END.split(role.lower(), 1)[0]).split()
    return words[-1] if words else ""


_ARTICLE = re.compile(r"^(?:the|a|an) ")


CLAIM_FILTERS = {"be": be, "claimed": claimed, "who": who}
