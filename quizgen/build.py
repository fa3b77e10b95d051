"""`quizgen build`: every output of a recipe, from one set of questions."""

from __future__ import annotations

import os
import time
from pathlib import Path

from .errors import UsageError
from .exporters import ExportJob, Written, available, export
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
) -> list[tuple[str, list[Written], list[str]]]:
    """Build the recipes; returns, per deck, what was written and the formats skipped."""
    for fmt in formats or ():
        if fmt not in available():
            raise UsageError(f"unknown format '{fmt}' (choose from: {', '.join(available())})")
    project = locate(path)
    factbase, groups = load_groups(path, deck_path)
    out_dir = Path(out) if out is not None else (project.facts_dir.parent / "dist")
    now = build_time()
    sources = {s.id: s for s in factbase.sources}
    results = []
    for deck, _seed, questions in groups:
        wanted = formats or deck.outputs
        skipped = [f for f in wanted if f not in available()]
        written = []
        state_dir = Path(deck.file).parent if deck.file else None
        for fmt in (f for f in wanted if f in available()):
            job = ExportJob(deck, questions, sources, out_dir, now, state_dir)
            written.append(export(fmt, job))
        results.append((deck.title, written, skipped))
    return results
