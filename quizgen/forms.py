"""A printed worksheet: its forms (question and choice order), points, and layout hints.

Pure logic, no HTML: the worksheet exporter renders what this module decides.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from .questions import Question
from .questions.kinds import Shape, kind_of

ITEMS = {Shape.RECALL: lambda q: len(q.answers), Shape.PAIRING: lambda q: len(q.items)}
"""Shapes that score one point per item, when the kind gives no points of its own."""


def points_for(q: Question, overrides: dict[str, int]) -> int:
    """Points per kind: the recipe's, else the kind's own, else one per item."""
    if q.kind in overrides:
        return overrides[q.kind]
    points = kind_of(q.kind).points
    return points if points is not None else ITEMS[q.shape](q)


@dataclass(frozen=True)
class Item:
    number: int
    question: Question
    points: int


@dataclass(frozen=True)
class Section:
    topic: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Form:
    letter: str
    sections: tuple[Section, ...]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def total(self) -> int:
        return sum(item.points for item in self.items)


def make_forms(
    questions: list[Question],
    letters: tuple[str, ...],
    seed: int,
    points: dict[str, int],
    titles: dict[str, str],
) -> list[Form]:
    """One form per letter: the same questions, sections in topic order (the order of
    `titles`, the declared topics' titles by id), questions and choices in a different
    order per form, right letters spread evenly over A-D."""
    place = {topic: index for index, topic in enumerate(titles)}
    forms = []
    for letter in letters:
        rng = random.Random(f"worksheet:{seed}:{letter}")
        by_topic: dict[str, list[Question]] = {}
        for q in questions:
            by_topic.setdefault(q.topic, []).append(q)
        ordered: list[tuple[str, list[Question]]] = []
        for topic in sorted(by_topic, key=lambda t: place.get(t, len(place))):
            group = list(by_topic[topic])
            rng.shuffle(group)
            ordered.append((topic, group))
        flat = [q for _topic, group in ordered for q in group]
        reshuffled = iter(_reorder_choices(flat, rng))
        sections, number = [], 0
        for topic, group in ordered:
            items = []
            for _ in group:
                number += 1
                q = next(reshuffled)
                items.append(Item(number, q, points_for(q, points)))
            sections.append(Section(topic, titles.get(topic, topic), tuple(items)))
        forms.append(Form(letter, tuple(sections)))
    return forms


def _reorder_choices(questions: list[Question], rng: random.Random) -> list[Question]:
    """New choice order for this form. Single-answer questions with four choices get their
    right letter from a shuffled cycle of A-D, so the letters come out even."""
    four = [q for q in questions if q.shape == Shape.ONE and len(q.choices) == 4]
    targets = []
    while len(targets) < len(four):
        cycle = list(range(4))
        rng.shuffle(cycle)
        targets.extend(cycle)
    target_of = {q.id: t for q, t in zip(four, targets)}
    result = []
    for q in questions:
        if q.id in target_of:
            right = q.choices[q.key[0]]
            others = [c for i, c in enumerate(q.choices) if i != q.key[0]]
            rng.shuffle(others)
            others.insert(target_of[q.id], right)
            q = dataclasses.replace(q, choices=tuple(others), key=(target_of[q.id],))
        elif q.shape in Shape.CHOSEN or q.shape == Shape.PAIRING:
            q = _permute(q, rng)
        result.append(q)
    return result


def _permute(q: Question, rng: random.Random) -> Question:
    order = list(range(len(q.choices)))
    rng.shuffle(order)
    if q.shape == Shape.ORDERING and order == list(q.key):
        order.reverse()  # never print the items already in their true order
    choices = tuple(q.choices[i] for i in order)
    position = {old: new for new, old in enumerate(order)}
    key = tuple(position[i] for i in q.key)
    if q.shape == Shape.SEVERAL:
        key = tuple(sorted(key))
    return dataclasses.replace(q, choices=choices, key=key)


def answer_width(q: Question) -> float:
    """How long a write-in line should be, in em: room for the expected answer and more."""
    longest = max([len(a.text) for a in q.answers] or [10])
    return min(max(8.0, longest * 0.75 + 4), 30.0)
