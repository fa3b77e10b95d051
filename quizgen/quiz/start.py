"""Start a quiz, a review or the stats: choose the questions, open the progress store, run."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from ..errors import QuizgenError, UsageError
from ..grading import Grader, choice_aliases
from ..questions import Question, balanced, known_values
from .clock import now
from .session import Session, Summary
from .store import Progress, data_dir
from .terminal import Terminal, run


def _deck_questions(path, deck_path, topics, kinds, ids=None):
    """The deck, its questions (filtered by topic, kind and id) and its grader (the names a
    learner might type, every answer's aliases): from the cache when nothing changed, else
    made and cached."""
    from ..cache import sources_from
    from ..facts.kinds import topic_titles
    from ..project import open_project
    from ..vocab import QUESTION_KINDS

    known_values(kinds, QUESTION_KINDS, "kind")
    project = open_project(path, deck_path)
    recipe = project.only()
    from ..cache import deck_stream
    from ..mapping import forked

    header, stream = deck_stream(project, recipe, mapper=forked())
    titles = topic_titles(sources_from(header).values())
    known_values(topics, list(titles), "topic")
    questions, known = list(stream), set(header["known"])
    grader = Grader(frozenset(known), choice_aliases(questions))
    questions = [
        q for q in questions if (not topics or q.topic in topics) and (not kinds or q.kind in kinds)
    ]
    if ids:
        questions = _by_ids(questions, ids, header["deck"])
    return (header["deck"], titles), questions, grader


def _by_ids(questions: list[Question], ids, deck: str) -> list[Question]:
    """The questions with these ids, in the order given; an unknown id is a usage error."""
    by_id = {q.id: q for q in questions}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UsageError(
            f"--id {unknown[0]}: no such question in the deck '{deck}' (with these --topic and"
            " --kind); `quizgen questions` lists the ids"
        )
    return [by_id[i] for i in dict.fromkeys(ids)]


def _answers(file: str | None):
    if file is None:
        return None
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read the answers file {file}: {exc.strerror}") from None
    return iter(lines)


NOTHING = {
    "quiz": "nothing to ask: no question matches these --topic and --kind",
    "review": "nothing to review: nothing is due and every question has been seen",
}


def _run(grader, named, questions: list[Question], mode, options) -> Summary:
    """`named`: the deck's slug and its topics' titles."""
    if not questions:
        raise QuizgenError(NOTHING[mode])
    deck, titles = named
    out = sys.stderr if options.get("json") else sys.stdout
    term = Terminal(out, _answers(options.get("answers")))
    term.titles = titles
    progress = Progress(data_dir(options.get("data_dir")), on_busy=term.warn)
    try:
        session = Session(grader, progress, deck, mode, now)
        session.order = list(titles)
        summary = run(session, questions, term)
    finally:
        progress.close()
    if options.get("json"):
        sys.stdout.write(json.dumps({"deck": deck, "mode": mode, **summary.to_dict()}) + "\n")
    return summary


def quiz(
    path=".", deck_path=None, topics=None, kinds=None, *, count=10, seed=None, ids=(), **options
):
    """`quizgen quiz`: a balanced selection, in seeded random order; or the --id questions,
    in the order given."""
    deck, questions, grader = _deck_questions(path, deck_path, topics, kinds, ids)
    if not ids:
        seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        questions = select_for_quiz(questions, count, seed)
    return _run(grader, deck, questions, "quiz", options)


def select_for_quiz(questions: list[Question], count: int, seed: int) -> list[Question]:
    """A balanced selection of `count`, one question a fact (a second question on a fact
    waits for a later session: one would answer the other), in seeded random order."""
    from ..questions.selection import one_a_fact

    chosen = balanced(questions, count, seed, one_a_fact)
    random.Random(f"quiz:{seed}").shuffle(chosen)
    return chosen


def review(path=".", deck_path=None, topics=None, kinds=None, *, count=20, ids=(), **options):
    """`quizgen review`: the questions due first (most overdue first), then new ones. With
    --id: those questions, every one, the due ones first."""
    deck, questions, grader = _deck_questions(path, deck_path, topics, kinds, ids)
    by_id = {q.id: q for q in questions}
    progress = Progress(data_dir(options.get("data_dir")))
    try:
        due = progress.due(list(by_id), now())
        seen = progress.seen()
    finally:
        progress.close()
    if ids:
        first = [by_id[i] for i in due]
        chosen = first + [q for q in questions if q not in first]
        return _run(grader, deck, chosen, "review", options)
    from ..questions.selection import one_a_fact

    fresh = [q for q in questions if q.id not in seen]
    chosen: list[Question] = []
    for q in (by_id[i] for i in due):  # most overdue first; a fact once a session
        if len(chosen) < count and one_a_fact(q, chosen):
            chosen.append(q)
    if len(chosen) < count:
        chosen += balanced(fresh, count - len(chosen), 0, lambda q, t: one_a_fact(q, chosen + t))
    return _run(grader, deck, chosen, "review", options)


def stats(deck: str | None = None, data_folder: str | None = None, path: str = ".") -> dict:
    from .stats import stats as numbers

    return numbers(data_dir(data_folder), now(), deck, Path(path))


def topic_titles(deck: str | None = None, path: str = ".") -> dict[str, str]:
    """The titles `stats` shows for the topics of the deck (or of every source)."""
    from .stats import deck_of
    from .stats import topic_titles as titles

    recipe = deck_of(deck, Path(path))[1] if deck else None
    return titles(recipe, Path(path))
