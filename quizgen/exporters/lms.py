"""What the LMS exporters (GIFT, Moodle XML, QTI for Canvas) share: a question's answer
shape, its parts as each shape needs them, and its text as HTML.

Each LMS exporter maps answer shapes (`questions.kinds`), never kind names, to its own
question types, in one table with an entry for every shape.
"""

from __future__ import annotations

import html
import re

from ..facts.recipes import Deck
from ..questions import Question
from ..questions.kinds import Shape
from ..text import quoted

BLANK = "_____"
ORDINALS = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"]


def as_html(text: str) -> str:
    """Fact text is data, not markup: `<b>` shows as `<b>` in every LMS."""
    return html.escape(" ".join(str(text).split()), quote=False)


def statement(q: Question) -> str:
    """A true/false question's statement, without the 'True or false:' its prompt opens with."""
    return re.sub(r"^True or false:\s*", "", q.prompt)


def is_true(q: Question) -> bool:
    return q.key[0] == 0


def accepted(q: Question) -> list[str]:
    """Every spelling of a typed answer, the expected one first, each once."""
    answer = q.answers[0]
    return list(dict.fromkeys((answer.text, *answer.aliases)))


def blank_parts(q: Question) -> tuple[str, str, str]:
    """A cloze's sentence as (before, missing word, after), the spaces beside the blank kept."""
    before, term, after = re.match(r"(.*)\{\{c1::(.*?)\}\}(.*)", q.cloze or "", re.S).groups()
    return before, term, after


def blank_answers(q: Question) -> list[str]:
    """Every spelling that fills a cloze's blank: its missing word as the sentence prints
    it, then its answer's other spellings (a person's other names), each once."""
    return list(dict.fromkeys((blank_parts(q)[1], *q.answers[0].aliases)))


def pairs(q: Question) -> list[tuple[str, str]]:
    """(item, its match) for a pairing; (event, its place) for an ordering."""
    if q.shape == Shape.ORDERING:
        return [(q.choices[i], ORDINALS[place]) for place, i in enumerate(q.key)]
    return [(left, q.choices[i]) for left, i in zip(q.items, q.key)]


def in_order(q: Question) -> list[str]:
    """An ordering's items, earliest first."""
    return [q.choices[i] for i in q.key]


def number(q: Question) -> str:
    value = q.value if q.value is not None else float(q.answers[0].text)
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def feedback(q: Question) -> str:
    """The explanation and the article's passages, quoted: every LMS's general feedback."""
    parts = [q.explanation, *(quoted(c) for c in q.citations)]
    return " ".join(p for p in parts if p)


def list_answer(q: Question) -> str:
    return "The list: " + ", ".join(a.text for a in q.answers) + "."


def places_prompt(q: Question) -> str:
    """An ordering's prompt where it is asked as a pairing of each item to its place."""
    return q.prompt + " Match each to its place."


def typed_pattern(answer: str) -> str:
    """A typed answer as Moodle's short-answer pattern: a literal `*` escaped (`*` alone is
    Moodle's wildcard)."""
    return " ".join(answer.split()).replace("*", "\\*")


def by_topic(job_questions) -> list[tuple[str, list[Question]]]:
    """The questions grouped by topic, in the order the topics first come."""
    groups: dict[str, list[Question]] = {}
    for q in job_questions:
        groups.setdefault(q.topic, []).append(q)
    return list(groups.items())


def xml_bytes(root) -> bytes:
    """An ElementTree element as an indented UTF-8 XML document."""
    import xml.etree.ElementTree as ET

    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def category_path(deck: Deck, title: str, top: str = "$course$") -> str:
    """A Moodle category path (the deck's title, a topic's): each name with its `/`
    doubled, as Moodle splits it."""
    names = (deck.title, title)
    return "/".join([top, *(" ".join(n.split()).replace("/", "//") for n in names)])
