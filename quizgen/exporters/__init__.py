"""Exporters: one module per output, one small interface, a registry.

An exporter is a function `export(job) -> list[Written]`, named in the registry as
"module:function". Modules are imported only when their
format is built, so heavy libraries (genanki, WeasyPrint) never slow other commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..facts.kinds import Source
from ..facts.recipes import Deck
from ..questions import Question

REGISTRY: dict[str, str] = {
    "apkg": "quizgen.exporters.anki:export",
    "html": "quizgen.exporters.worksheet:export_html",
    "pdf": "quizgen.exporters.worksheet:export_pdf",
    "gift": "quizgen.exporters.gift:export",
    "moodle": "quizgen.exporters.moodle_xml:export",
    "qti": "quizgen.exporters.qti:export",
    "md": "quizgen.exporters.markdown:export",
    "csv": "quizgen.exporters.table:export",
    "json": "quizgen.exporters.json_export:export",
}
"""Format name -> "module:function" that writes it."""

WORKSHEET_FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class ExportJob:
    deck: Deck
    questions: Iterable[Question]  # a list; a one-pass stream when a deck alone is built
    sources: dict[str, Source]
    out_dir: Path
    now: int  # seconds since the epoch: SOURCE_DATE_EPOCH, or the clock
    state_dir: Path | None = None  # where per-deck build state is kept (beside the recipe)
    seed: int = 0
    options: dict = field(default_factory=dict)  # format-specific: forms, ...
    whole: bool = True  # the recipe's whole selection (no --topic, no --count)


@dataclass
class Written:
    path: Path
    count: int
    details: list[str] = field(default_factory=list)


def available() -> tuple[str, ...]:
    return tuple(REGISTRY)


def export(fmt: str, job: ExportJob) -> list[Written]:
    module, function = REGISTRY[fmt].split(":")
    return getattr(importlib.import_module(module), function)(job)
