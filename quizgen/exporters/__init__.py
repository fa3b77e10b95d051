"""Exporters: one module per output, one small interface, a registry.

An exporter is a function `export(job) -> list[Written]`, named in the registry
(`vocab.OUTPUTS`, import-free so recipes and `--help` can name the formats at no cost) as
"module:function", with whether it takes a stream. A module is imported only when its format
is built: a build of other formats does not load its libraries (genanki, WeasyPrint).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..facts.kinds import Source, topic_titles
from ..facts.recipes import Deck
from ..mapping import Mapper, in_order
from ..questions import Question
from ..vocab import OUTPUTS as REGISTRY

WORKSHEET_FORMATS = tuple(f for f, entry in REGISTRY.items() if entry.get("worksheet"))
STREAM_FORMATS = tuple(f for f, entry in REGISTRY.items() if entry.get("stream"))


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
    mapper: Mapper = in_order  # for work an exporter can share out (see mapping.py)

    @cached_property
    def titles(self) -> dict[str, str]:
        """Topic id -> the title the deck's own sources declare for it, in the deck's order
        (its recipe's `topics` first)."""
        titles = topic_titles(self.sources.values())
        first = {t: titles[t] for t in self.deck.topics or () if t in titles}
        return {**first, **titles}

    def topic_title(self, topic: str) -> str:
        return self.titles.get(topic, topic)

    def credits(self) -> list[tuple[str, str | None]]:
        """(title, supported_by) of each of the deck's own sources."""
        return [(s.title, s.supported_by) for s in self.sources.values()]

    @property
    def language(self) -> str:
        return next((s.language for s in self.sources.values()), "en")


@dataclass
class Written:
    path: Path
    count: int
    details: list[str] = field(default_factory=list)


def available() -> tuple[str, ...]:
    return tuple(REGISTRY)


def export(fmt: str, job: ExportJob) -> list[Written]:
    module, function = REGISTRY[fmt]["writer"].split(":")
    return getattr(importlib.import_module(module), function)(job)
