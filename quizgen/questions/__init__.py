"""The question engine: facts -> questions, shared by every output.

`generate()` is the one entry point: every question the fact base allows (worded by the
templates, seeded choices, stable ids), filtered by topic and kind, and cut to a balanced
count when asked.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, UsageError
from ..mapping import in_order
from ..vocab import QUESTION_KINDS, TOPICS
from .question import Answer, Question, question_id

if TYPE_CHECKING:
    from ..facts.kinds import FactBase

__all__ = [
    "Answer",
    "Question",
    "QuestionSet",
    "balanced",
    "coverage",
    "generate",
    "known_values",
    "question_id",
]


@dataclass
class QuestionSet:
    questions: list[Question]
    warnings: list[Problem] = field(default_factory=list)


def known_values(values: Iterable[str] | None, options, what: str) -> tuple[str, ...] | None:
    """The values as a tuple, or a UsageError naming the one not among `options`."""
    if values is None:
        return None
    values = tuple(values)
    for value in values:
        if value not in options:
            raise UsageError(f"unknown {what} '{value}' (choose from: {', '.join(options)})")
    return values


def generate(
    base: FactBase,
    *,
    seed: int = 0,
    topics: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    count: int | None = None,
    sources: Iterable[str] | None = None,
    template_dir: Path | None = None,
    mapper=in_order,
) -> QuestionSet:
    """The questions of a fact base, in a stable order (topic order, then fact order).

    The seed fixes choice order, the wrong choices picked and, with `count`, the selection;
    it never changes an id. `count` takes a balanced mix: topics in turn, each topic's
    questions in seeded random order.
    """
    topics = known_values(topics, TOPICS, "topic")
    kinds = known_values(kinds, QUESTION_KINDS, "question kind")
    result = QuestionSet([])
    for question, warning in stream(
        base,
        seed=seed,
        topics=topics,
        kinds=kinds,
        sources=sources,
        template_dir=template_dir,
        warnings=True,
        mapper=mapper,
    ):
        if warning is not None:
            result.warnings.append(warning)
        if question is not None:
            result.questions.append(question)
    if count is not None:
        result.questions = balanced(result.questions, count, seed)
    return result


def stream(
    base, *, seed=0, topics=None, kinds=None, sources=None, template_dir=None, warnings=False,
    mapper=in_order,
):  # fmt: skip
    """The questions one at a time, in the canonical order, filtered: for outputs that
    need a single pass over a large base. With `warnings`, (question, warning) pairs."""
    from .engine import Engine

    keep = set(sources) if sources is not None else None
    for question, warning in Engine(base, template_dir, mapper).iter_questions(seed):
        if question is not None and not (
            (topics is None or question.topic in topics)
            and (kinds is None or question.kind in kinds)
            and (keep is None or question.source in keep)
        ):
            question = None
        if warnings:
            if question is not None or warning is not None:
                yield question, warning
        elif question is not None:
            yield question


def balanced(questions: list[Question], count: int, seed: int, admit=None) -> list[Question]:
    """Take `count` questions, topics in turn; within a topic, kinds in turn, each in seeded
    random order. The result keeps the canonical order. `admit(q, taken)`, when given, says
    whether q may join those taken so far (selection.apart: one question a fact)."""
    rng = random.Random(f"select:{seed}")
    pools = []
    for topic in dict.fromkeys(q.topic for q in questions):
        by_kind: dict[str, list[Question]] = {}
        for q in questions:
            if q.topic == topic:
                by_kind.setdefault(q.kind, []).append(q)
        lanes = list(by_kind.values())
        for lane in lanes:
            rng.shuffle(lane)
        rng.shuffle(lanes)
        pool = []
        while any(lanes):
            pool.extend(lane.pop() for lane in lanes if lane)
        pools.append(pool[::-1])
    chosen: set[str] = set()
    taken: list[Question] = []
    while len(chosen) < count and any(pools):
        for pool in pools:
            if pool and len(chosen) < count:
                q = pool.pop()
                if admit is None or admit(q, taken):
                    chosen.add(q.id)
                    taken.append(q)
    return [q for q in questions if q.id in chosen]


def coverage(base: FactBase, template_dir: Path | None = None, mapper=in_order) -> list[Problem]:
    """A warning for each fact no question is made from."""
    from .engine import Engine

    missing = {f.id for f in Engine(base, template_dir, mapper).uncovered()}
    return [
        Problem.about(
            f,
            "no question is made from this fact",
            hint="add cloze terms, false_statements or distractors",
            severity="warning",
        )
        for f in base.facts
        if f.id in missing
    ]
