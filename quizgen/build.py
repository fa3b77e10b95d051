"""`quizgen build`: every output of a recipe, from one set of questions."""

from __future__ import annotations

import os
import time
from pathlib import Path

from .errors import UsageError
from .exporters import WORKSHEET_FORMATS, ExportJob, Written, available, export
from .project import load_groups, locate


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
) -> list[tuple[str, list[Written], list[str]]]:
    """Build the recipes; returns, per deck, what was written and the formats skipped.

    Every format shares one set of questions; worksheets (html, pdf) take the recipe's
    worksheet count (or `count`) from it as a balanced mix, decks take all of it.
    `report(label, done, total)`, when given, is called before each step (a progress bar).
    """
    from .questions import balanced

    for fmt in formats or ():
        if fmt not in available():
            raise UsageError(f"unknown format '{fmt}' (choose from: {', '.join(available())})")
    project = locate(path)
    factbase, groups = load_groups(path, deck_path, topics=topics, seed=seed)
    out_dir = Path(out) if out is not None else (project.facts_dir.parent / "dist")
    now = build_time()
    sources = {s.id: s for s in factbase.sources}
    results = []
    steps = [
        (deck, fmt)
        for deck, _s, _q in groups
        for fmt in (formats or deck.outputs)
        if fmt in available()
    ]
    done = 0
    for deck, deck_seed, questions in groups:
        wanted = formats or deck.outputs
        skipped = [f for f in wanted if f not in available()]
        written: list[Written] = []
        state_dir = Path(deck.file).parent if deck.file else None
        for fmt in (f for f in wanted if f in available()):
            if report is not None:
                report(f"{deck.slug} {fmt}", done, len(steps))
            done += 1
            chosen = questions
            if fmt in WORKSHEET_FORMATS and (count or deck.worksheet.count):
                chosen = balanced(questions, count or deck.worksheet.count, deck_seed)
            elif count:
                chosen = balanced(questions, count, deck_seed)
            job = ExportJob(
                deck,
                chosen,
                sources,
                out_dir,
                now,
                state_dir,
                deck_seed,
                {"forms": forms} if forms else {},
            )
            written.extend(export(fmt, job))
        results.append((deck.title, written, skipped))
    return results
