"""`quizgen build`: every output of a recipe, from one set of questions."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .atomic import remove_stale
from .cache import deck_stream, remove_stale_entries, sources_from
from .errors import QuizgenError, UsageError
from .exporters import STREAM_FORMATS, WORKSHEET_FORMATS, ExportJob, Written, available, export
from .gcpause import no_cyclic_gc
from .mapping import Mapper, forked
from .project import open_project


class SelectionError(QuizgenError):
    """The options select no question of a deck."""


def build_time() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return int(time.time())
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds, got '{value}'") from None


def build(
    path: str | Path = ".",
    deck_path: str | None = None,
    out: str | Path | None = None,
    formats: tuple[str, ...] | None = None,
    *,
    topics: tuple[str, ...] | None = None,
    count: int | None = None,
    seed: int | None = None,
    forms: tuple[str, ...] | None = None,
    report=None,
    mapper: Mapper | None = None,
) -> list[tuple[str, list[Written], list[str]]]:
    """Build the recipes; returns, per deck, what was written and the formats skipped.

    Every format shares one set of questions; worksheets (html, pdf) take the recipe's
    worksheet count (or `count`) from it as a balanced mix, decks take all of it.
    `report(label, done, total)`, when given, is called before each step (a progress bar).
    `mapper` shares out large jobs (default: `parallel.ordered_map`; see mapping.py).
    """
    with no_cyclic_gc():
        return _build(path, deck_path, out, formats, topics, count, seed, forms, report,
                      mapper or forked())  # fmt: skip


def _build(path, deck_path, out, formats, topics, count, seed, forms, report, mapper):
    from .facts.recipes import load_recipes
    from .questions import known_values

    known_values(formats, available(), "format")
    forms = _form_letters(forms)
    project = open_project(path, deck_path)
    decks = load_recipes(list(project.chosen()))
    out_dir = Path(out) if out is not None else project.out_dir
    now = build_time()
    plan = [(deck, [f for f in (formats or deck.outputs) if f in available()]) for deck in decks]
    streams = _selected(project, plan, seed, topics, mapper)
    remove_stale(out_dir)
    remove_stale_entries()
    total = sum(len(fmts) for _deck, fmts in plan)
    results, done = [], 0
    for (deck, fmts), (header, questions) in zip(plan, streams):
        deck_seed = seed if seed is not None else deck.seed
        wanted = count or deck.count
        sources = sources_from(header)
        one_pass = len(fmts) == 1 and fmts[0] in STREAM_FORMATS and _medium(fmts[0]) == "lms"
        if not one_pass or wanted:
            questions = list(questions)
        written: list[Written] = []
        state_dir = Path(deck.file).parent if deck.file else None
        for fmt in fmts:
            if report is not None:
                report(f"{deck.slug} {fmt}", done, total)
            done += 1
            chosen, choice = chosen_for(deck, fmt, questions, wanted, deck_seed)
            job = ExportJob(
                deck, chosen, sources, out_dir, now, state_dir, deck_seed,
                {"forms": forms, "bank": questions} if forms else {"bank": questions},
                whole=not (topics or count), mapper=mapper,
            )  # fmt: skip
            files = export(fmt, job)
            if choice is not None and files:
                files[0].details.insert(0, choice)
            written.extend(files)
        skipped = [f for f in (formats or deck.outputs) if f not in available()]
        results.append((deck.title, written, skipped))
    return results


def _medium(fmt: str) -> str:
    from .vocab import OUTPUTS

    return "worksheet" if fmt in WORKSHEET_FORMATS else OUTPUTS[fmt].get("select", "lms")


def chosen_for(deck, fmt, questions, wanted, seed) -> tuple[object, str | None]:
    """The questions this output takes (questions/selection.py), then the balanced count
    asked for; and the summary line (how many of how many, why the rest were left out)."""
    from .questions import balanced
    from .questions.selection import apart, choose, policy_for

    if not isinstance(questions, list):
        return questions, None  # a one-pass stream: the whole bank
    choice = choose(questions, policy_for(_medium(fmt), deck.select))
    chosen = choice.kept
    if fmt in WORKSHEET_FORMATS:  # one question a fact, none giving another's answer away
        chosen = balanced(chosen, wanted or deck.worksheet.count or len(chosen), seed, apart)
    elif wanted:
        chosen = balanced(chosen, wanted, seed)
    choice.cut(chosen, "form" if fmt in WORKSHEET_FORMATS else "count")
    return chosen, choice.summary()


def _form_letters(forms: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """--forms, checked as a recipe's `forms` are."""
    from .facts.recipes import form_letters
    from .facts.values import Invalid

    if forms is None:
        return None
    try:
        return form_letters(tuple(letter.upper() for letter in forms))
    except Invalid:
        raise UsageError("--forms: forms are single letters, e.g. A,B") from None


def _selected(project, plan, seed, topics, mapper) -> list[tuple[dict, Iterator]]:
    """Each deck's header and questions, once every deck is known to have some: a selection
    that matches nothing builds nothing (and overwrites no output with an empty one)."""
    streams, opened, empty = [], [], []
    for deck, _fmts in plan:
        header, questions = deck_stream(
            project, Path(deck.file), deck, seed=seed, topics=topics, mapper=mapper
        )
        opened.append(questions)
        first = next(questions, None)
        if first is None:
            empty.append(deck.title)
        streams.append((header, itertools.chain([first], questions)))
    if empty:
        for questions in opened:
            questions.close()  # a cache entry being written is dropped
        selection = f" with --topic {', '.join(topics)}" if topics else ""
        raise SelectionError(
            f"no questions in {', '.join(repr(t) for t in empty)}{selection}: nothing built"
        )
    return streams
