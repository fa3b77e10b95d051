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
from ..vocab import QUESTION_KINDS
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
    if sources is not None:
        base, sources = base.only(sources), None
    topics = known_values(topics, [t.id for t in base.topics], "topic")
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
        if warning is not None and warning.severity == "warning":
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
    need a single pass over a large base. With `warnings`, (question, warning) pairs.
    With `sources`, the questions are made from the base of those sources alone."""
    from .engine import Engine

    if sources is not None:
        base = base.only(sources)
    engine = Engine(base, template_dir, mapper, tuple(topics or ()))
    for question, warning in engine.iter_questions(seed):
        if question is not None and not (
            (topics is None or question.topic in topics)
            and (kinds is None or question.kind in kinds)
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


def refusals(base: FactBase, mapper=in_order) -> list[Problem]:
    """A warning for each question (or wrong choice) the engine's guards refused, and for
    each fact asked only as a true statement (its answer is always True)."""
    found: list[Problem] = []
    for source in base.sources:
        made = generate(base.only([source.id]), mapper=mapper)
        found.extend(made.warnings)
        asked: dict[str, set[str]] = {}
        for q in made.questions:
            if len(q.fact_ids) == 1:
                asked.setdefault(q.fact_ids[0], set()).add(f"{q.kind}.{q.variant}")
        found.extend(
            Problem.about(
                base.get(fact_id),
                "only a true statement is made from this fact: its one question is always "
                "answered True",
                hint="add false_statements (one detail changed), a cloze term, or for a "
                "figure distractors",
                severity="warning",
            )
            for fact_id, kinds in asked.items()
            if kinds == {"tf.true"}
        )
    return found


def coverage(base: FactBase, template_dir: Path | None = None, mapper=in_order) -> list[Problem]:
    """A warning for each fact no question is made from, source by source: a fact's
    coverage never depends on another source's facts; saying why (the engine's reasons: a
    prompt that would give the answer away, too few safe wrong choices)."""
    from .engine import Engine

    engines = [Engine(base.only([s.id]), template_dir, mapper) for s in base.sources]
    why = {i: r for engine in engines for i, r in engine.why_uncovered()}
    # a person who holds another fact's position, quote or figure is asked of through it
    named = {getattr(f, n) for f in base.facts for n in f.person_fields}
    why = {i: r for i, r in why.items() if i not in named}
    return [
        Problem.about(
            f,
            "no question is made from this fact: " + "; ".join(why[f.id])
            if why[f.id]
            else "no question is made from this fact: no question kind suits it",
            hint=_coverage_hint(why[f.id]),
            severity="warning",
        )
        for f in base.facts
        if f.id in why
    ] + [problem for engine in engines for problem in engine.refusals()]


def _coverage_hint(reasons: tuple[str, ...]) -> str:
    """What the editor can do about the reasons."""
    hints = []
    if any("wrong choices" in r for r in reasons):
        hints.append("add distractors (curated wrong answers of the same sort)")
    if any("give away" in r for r in reasons):
        hints.append("word the fact so that its answer is not in the question")
    return "; or ".join(hints) or "add cloze terms or false_statements"
