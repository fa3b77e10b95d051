"""Exporters: one module per output, one small interface, a registry.

An exporter is a function `export(job) -> Written`. Modules are imported only when their
format is built, so heavy libraries (genanki, WeasyPrint) never slow other commands.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from ..decks import Deck
from ..model import Source
from ..questions import Question

REGISTRY: dict[str, str] = {
    "apkg": "quizgen.exporters.anki",
}
"""Format name -> module holding its `export(job)`."""


@dataclass(frozen=True)
class ExportJob:
    deck: Deck
    questions: list[Question]
    sources: dict[str, Source]
    out_dir: Path
    now: int  # seconds since the epoch: SOURCE_DATE_EPOCH, or the clock
    state_dir: Path | None = None  # where per-deck build state is kept (beside the recipe)


@dataclass
class Written:
    path: Path
    count: int
    details: list[str] = field(default_factory=list)


def available() -> tuple[str, ...]:
    return tuple(REGISTRY)


def export(fmt: str, job: ExportJob) -> Written:
    module = importlib.import_module(REGISTRY[fmt])
    return module.export(job)
