"""Time in questions: relative dates anchored, one full stop, "when" asked in plain English,
and the wording rules the chronology guard reads (a plan, a standing state).

A relative label ("on Saturday", "this year", "last summer") is printed as its date ("in
2025", see When.anchored): a question stands alone, away from the article's dateline, where
such a label no longer says when.
"""

from __future__ import annotations

import dataclasses
import re

from ..facts.kinds import Fact, When, default_label

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_WORDS = re.compile(
    rf"\b(?:1[0-9]{{3}}|20[0-9]{{2}}|{_MONTHS}|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|spring|summer|autumn|winter|yesterday|today|tomorrow"
    r"|(?:this|last|next) (?:year|month|week)|[ap]\.m\.)"
)  # read in lowercased text, as PLANNED and STANDING are (a case-blind pattern costs more)
PLANNED = re.compile(
    r"\b(?:is|are|was|were) (?:due|scheduled|planned|expected|set) to\b|\bwill\b"
    r"|\b(?:proposed|planned|scheduled) to take place\b|\b(?:is|are|was|were) to (?:take|be)\b"
)
"""Wording of something still to come: its date is when it is due, not when it happened
(in lowercased text)."""
STANDING = re.compile(
    r"\b(?:has|had|have) (?:yet to|not|neither|never)\b|\bneither\b.*\bnor\b|\bstill\b"
    r"|\b(?:remains?|remained|continues?|continued) to\b|\bcurrently\b"
)
"""Wording of a standing state or lasting condition: it holds over time, it has no moment
(in lowercased text)."""
_AUX = re.compile(r"^(?P<subject>.+?) (?P<aux>was|were|is|are|will) (?P<rest>.+)$")
_PARENTHESIS = re.compile(r", [^,]*,")


def names_another_date(text: str, when: When) -> bool:
    """The text names a date or time of day that is not the fact's own moment: a year
    other than its own, or a month, weekday, season or time its own label does not say."""
    own = when.label.lower()
    for found in _DATE_WORDS.finditer(text.lower()):
        word = found.group()
        if word.isdigit():
            if int(word) != when.year:
                return True
        elif word not in own:
            return True
    return False


_SAID = ("stance", "claim", "what", "text")  # a fact's own words, where its date may stand


def without_date(fact: Fact) -> Fact:
    """The fact with no `when`: `dataclasses.replace(fact, when=None)`, made as a copy of
    its fields (replace runs __init__ over every field again, and a chronology asks it of
    every dated fact; a fact's dataclass has no __post_init__ to run)."""
    undated = object.__new__(type(fact))
    undated.__dict__.update(fact.__dict__, when=None)
    return undated


def dated(fact: Fact) -> Fact:
    """The fact with its relative date label anchored ('on Saturday' -> 'in 2025'), and
    without it where its own words already say it ('asked since 2020 for ...'): the date
    would be said twice."""
    when: When | None = getattr(fact, "when", None)
    if when is None:
        return fact
    said = " ".join(str(getattr(fact, f, "") or "") for f in _SAID).lower()
    # (an event's date is its own: its `what` never says it)
    if when.label and when.label.lower() in said and fact.kind != "event":
        return without_date(fact)
    if not when.relative:
        return fact
    anchored = when.anchored()
    if anchored == when.label:
        return fact
    return dataclasses.replace(fact, when=dataclasses.replace(when, label=anchored))  # type: ignore[call-arg]


def anchor_in(text: str, when: When | None) -> str:
    """An editor's sentence (a false statement) with the fact's relative label anchored
    where it stands in it: 'Late on Saturday, …' -> 'In 2025, …'."""
    if when is None or not when.relative or not when.anchor_words():
        return text
    found = re.search(re.escape(when.label), text, re.IGNORECASE)
    anchored = when.anchored()
    if found is None or anchored == when.label:
        return text
    if text[found.start() :].lower().startswith(anchored.lower()):  # the editor dated it
        return text
    if text[: found.start()].strip() == "":
        anchored = anchored[:1].upper() + anchored[1:]
    return f"{text[: found.start()]}{anchored}{text[found.end() :]}"


def full_stop(sentence: str) -> str:
    """The sentence ended by one full stop ('at 10:30 p.m.', not 'at 10:30 p.m..')."""
    sentence = sentence.rstrip()
    return sentence if sentence.endswith((".", "?", "!", "…")) else sentence + "."


def when_question(
    clause: str, lead: str = "When", date: str | None = None, source: str | None = None
) -> str:
    """'the Kestle Dam was completed' -> 'When was the Kestle Dam completed?'; a clause
    with no leading auxiliary is asked with its date blanked before it: 'Fill in the year:
    In _____, the council approved …' ('the date' when `date` is given: the choices say it).
    `source` is whose account it is: 'According to the mayor, when was …?'."""
    clause = clause.rstrip(".")
    found = _AUX.match(clause)
    said = f"According to {source}, " if source else ""
    if found and _plain_subject(found["subject"]):
        asked = f"{lead.lower() if said else lead} {found['aux']} {found['subject']}"
        return f"{said}{asked} {found['rest']}?"
    what = "the date" if date else "the year"
    preposition = default_label(date).split()[0] if date else "in"
    blank = f"{preposition if said else preposition.capitalize()} _____"
    return f"Fill in {what}: {said}{blank}, {clause}."


def _plain_subject(subject: str) -> bool:
    """A subject with no verb of its own (an aside between commas aside), short enough."""
    words = _PARENTHESIS.sub("", subject).split()
    return 0 < len(words) <= 10 and not any(
        w.endswith(("ed", "ing")) or w in ("said", "says", "that", "which", "who") for w in words
    )


DATE_FILTERS = {"full_stop": full_stop, "when_question": when_question}
"""The template filters of this module (beside english.FILTERS)."""
