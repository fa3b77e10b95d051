"""A quiz session: pure logic. It grades, commits each answer at once, and sums up.
The terminal front does all input and output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ..grading import PARTIAL, SKIPPED, Grade, Grader
from ..questions import Question
from ..questions.answers import expected

UNREADABLE = "unreadable"  # a scripted line that is no answer of the question's form


@dataclass
class Outcome:
    question: Question
    response: str
    grade: Grade


@dataclass
class Summary:
    answered: int
    correct: int
    score: float
    topics: dict[str, dict] = field(default_factory=dict)
    missed: list[Outcome] = field(default_factory=list)
    skipped: int = 0
    partial: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "answered": self.answered,
            "correct": self.correct,
            "score": round(self.score, 3),
            "partial": self.partial,
            "skipped": self.skipped,
            "topics": self.topics,
            "missed": [
                {"id": o.question.id, "verdict": o.grade.verdict, "expected": o.grade.expected}
                for o in self.missed
            ],
            "answers": [
                {
                    "id": o.question.id,
                    "topic": o.question.topic,
                    "response": o.response,
                    "verdict": o.grade.verdict,
                    "score": round(o.grade.score, 3),
                }
                for o in self.outcomes
            ],
        }


class Session:
    """Grades answers and commits each one, with its schedule, before the next question."""

    def __init__(
        self, grader: Grader, progress, deck: str, mode: str, clock: Callable[[], datetime]
    ):
        self.grader, self.progress, self.deck, self.clock = grader, progress, deck, clock
        self.outcomes: list[Outcome] = []
        self.order: list[str] = []  # the deck's topics, in order: the summary's order
        self.id = progress.start_session(deck, mode, clock()) if progress else None

    def judge(self, question: Question, response: str) -> Grade:
        """Grade a response; raises grading.Unreadable when it is not an answer's form."""
        return self.grader.grade(question, response)

    def commit(self, question: Question, response: str, grade: Grade) -> Outcome:
        when = self.clock()
        if self.progress is not None:
            from .schedule import review

            state = self.progress.card_state(question.id)
            schedule = review(question.id, state, grade, when)
            self.progress.record(self.id, question, self.deck, response, grade, when, schedule)
        outcome = Outcome(question, response, grade)
        self.outcomes.append(outcome)
        return outcome

    def skip(self, question: Question) -> Outcome:
        return self.commit(question, "", Grade(SKIPPED, 0.0, expected(question)))

    def unreadable(self, question: Question, response: str, why: str) -> Outcome:
        """A scripted line that answers nothing: recorded as such (no review), worth 0."""
        return self.commit(question, response, Grade(UNREADABLE, 0.0, expected(question), why))

    def finish(self) -> Summary:
        if self.progress is not None and self.id is not None:
            self.progress.end_session(self.id, self.clock())
        return self.summary()

    def summary(self) -> Summary:
        latest: dict[str, Outcome] = {}
        for outcome in self.outcomes:  # a question asked again counts once, as last answered
            latest[outcome.question.id] = outcome
        done = [o for o in latest.values() if o.grade.verdict != SKIPPED]
        topics: dict[str, dict] = {}
        for o in done:
            row = topics.setdefault(o.question.topic, {"answered": 0, "correct": 0, "score": 0.0})
            row["answered"] += 1
            row["correct"] += int(o.grade.correct)
            row["score"] = round(row["score"] + o.grade.score, 3)
        place = {topic: index for index, topic in enumerate(self.order)}
        topics = dict(sorted(topics.items(), key=lambda item: place.get(item[0], len(place))))
        return Summary(
            answered=len(done),
            correct=sum(o.grade.correct for o in done),
            score=sum(o.grade.score for o in done),
            topics=topics,
            missed=[o for o in latest.values() if not o.grade.correct],
            skipped=len(latest) - len(done),
            partial=sum(o.grade.verdict == PARTIAL for o in done),
            outcomes=list(self.outcomes),
        )
