"""The fields that say how a fact is worded where the templates cannot: a fact's own
`sentence` and `prompts`, a cloze term's other `spellings`, a person's `tense`, a cause's
`joins` (how its verb takes the claim), and the check that a cause's verb is never dropped
or doubled."""

from __future__ import annotations

import re
from typing import Any

from ..text import a_kind, fold, one_line

TENSES = ("present", "past")
JOINS = {
    "that": "<given_by> <verb> that <claim>",
    "object": "<given_by> <verb> <claim>: 'blamed' + 'the losses on leaks'",
    "none": "<given_by> <claim>: the claim holds its own verb",
}
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
"""A figure's sentence may say a small value in words ("three years after")."""
PROMPTED = ("short", "mcq", "quote", "numeric")  # the question kinds whose prompt a fact may give


def prompts(value: Any) -> tuple[tuple[str, str], ...]:
    """{question kind: prompt}: each a question (ending in '?') of a kind that asks one."""
    from .values import Invalid, _type_name, text

    if not isinstance(value, dict):
        raise Invalid(f"expected a mapping, got {_type_name(value)}", "prompts: {short: Who ...?}")
    found = []
    for kind, prompt in value.items():
        if kind not in PROMPTED:
            raise Invalid(f"no prompt can be given for '{kind}'", "one of: " + ", ".join(PROMPTED))
        prompt = text(prompt)
        if not prompt.endswith("?"):
            raise Invalid(f"the {kind} prompt must be a question (end it with '?')")
        found.append((str(kind), prompt))
    return tuple(found)


def spellings(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{cloze term: [other spellings]}: what else fills the blank of a term ("European
    Union" for "EU"), as a person's aliases do for a name."""
    from .values import Invalid, _type_name, nonempty_list, text

    if not isinstance(value, dict):
        raise Invalid(
            f"expected a mapping, got {_type_name(value)}", "spellings: {EU: [European Union]}"
        )
    if not value:
        raise Invalid("needs at least one term", "spellings: {EU: [European Union]}")
    found = []
    for term, others in value.items():
        term = text(term)
        try:
            found.append((term, nonempty_list(others)))
        except Invalid as exc:
            raise Invalid(
                f"'{term}': {exc.message}", exc.hint or "{EU: [European Union]}"
            ) from None
    return tuple(found)


def _as_typed(text: str) -> str:
    """A spelling as an LMS compares a typed answer: case and runs of spaces aside, but
    not punctuation ("e-mail" is another spelling of "email")."""
    return one_line(text.casefold())


def spelling_problems(values: dict[str, Any]) -> list[tuple[tuple[str, str], str, str]]:
    """((field, term), message, hint) for spellings that are not other ways to write one cloze
    term of the fact: of a term it does not blank, the term again, said twice, or the
    fact's other cloze term (its blank would take both)."""
    terms = values.get("cloze", ())
    found = []
    for term, others in values.get("spellings", ()):
        if term not in terms:
            found.append((
                ("spellings", term),
                f"spellings for '{term}', which is not one of the fact's cloze terms",
                "a person's other names go under 'aliases'" if values.get("kind") == "person"
                else "give other spellings only for a term listed under cloze, copied exactly",
            ))  # fmt: skip
            continue
        seen = {_as_typed(term): "the term itself"}
        seen.update((_as_typed(t), f"the cloze term '{t}'") for t in terms if t != term)
        for other in others:
            if _as_typed(other) in seen:
                found.append((
                    ("spellings", term),
                    f"spelling '{other}' of '{term}' is {seen[_as_typed(other)]} (case aside)",
                    "list each other way to write the term once, and never another term",
                ))  # fmt: skip
            seen.setdefault(_as_typed(other), "given twice")
    return found


def spellings_naming_others(fact, people: dict[str, str]) -> list[tuple[str, str]]:
    """(term, message) for a spelling that is the name or alias of another person of the
    base than the one the term names (`people`: folded name -> person id): it would mark
    that person right in the blank."""
    found = []
    for term, others in fact.spellings:
        for other in others:
            owner = people.get(fold(other))
            if owner is not None and owner != people.get(fold(term)):
                found.append((term, f"spelling '{other}' of '{term}' names '{owner}'"))
    return found


def claim_problems(values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, message, hint) for a cause whose verb would be dropped or doubled."""
    joins = values.get("joins", "that")
    if "given_by" not in values and ("verb" in values or joins != "that"):
        field = "verb" if "verb" in values else "joins"
        return [
            (
                field,
                f"'{field}' needs 'given_by': without it the claim is the article's own view "
                "and the verb would be dropped",
                "name who gives the cause (given_by), or remove the field",
            )
        ]
    if joins == "none" and "verb" in values:
        return [("verb", "'joins: none' takes no verb: the claim holds its own", "remove 'verb'")]
    return []


MILLIONS = (
    "; a figure the article gives as '1.2 million journeys' is `value: 1.2`,"
    " `unit: million journeys`"
)


def said_at(sentence: str, said: str) -> list[re.Match]:
    """Where a figure's sentence says its value as a whole number or word: '3' in '3 km'
    and '3-day', not in '13 March' or '2023'."""
    return list(re.finditer(rf"(?<![\w.,]){re.escape(said)}(?!\w|[.,]\d)", sentence))


def figure_problems(values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, message, hint) for a figure's sentence that does not say its value as the
    questions blank and swap it (the number as written, "50,000"; or the value's words)."""
    sentence, value = values.get("sentence"), values.get("value")
    if sentence is None or value is None:
        return []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        said = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
        if not said_at(sentence, said) and value in range(len(NUMBER_WORDS)):
            word = NUMBER_WORDS[int(value)]
            said = word if said_at(sentence, word) else said
    else:
        said = str(value)
    found, hedge = len(said_at(sentence, said)), values.get("qualifier")
    if found != 1:
        times = "does not say" if not found else "says more than once"
        return [
            (
                "sentence",
                f"the figure's sentence {times} its value '{said}'",
                f"write the value once, as '{said}'"
                + (f", after its hedge: '{hedge} {said}'" if hedge else "")
                + (MILLIONS if isinstance(value, (int, float)) and value >= 1_000_000 else ""),
            )
        ]
    return []


PROMPTED_BY_KIND = {
    "person": ("short", "mcq"),
    "position": ("short", "mcq"),
    "cause": ("short", "mcq"),
    "quote": ("quote", "mcq"),
    "event": ("short", "mcq"),
    "figure": ("numeric", "mcq"),
}


def prompt_problems(kind: str, values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, message, hint) for a prompt given for a question the fact never makes."""
    allowed = PROMPTED_BY_KIND.get(kind, ())
    for question_kind, _prompt in values.get("prompts", ()):
        if question_kind not in allowed:
            hint = "one of: " + ", ".join(allowed) if allowed else "remove 'prompts'"
            return [("prompts", f"{a_kind(kind)} fact makes no {question_kind} question", hint)]
    return []
