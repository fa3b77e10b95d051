"""How the core maps work over units: `in_order`, a plain loop, unless told otherwise.

The fact loader, the question engine and the worksheet exporter take a `mapper` with this
signature and read as plain code. The command layer (`pipeline.py`, `build.py`,
`quiz/start.py`) hands in `parallel.ordered_map`, which yields the same items in the same
order while sharing a large job with a forked helper process."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

Mapper = Callable[..., Iterator]
"""mapper(units, work, helper=None): every item of work(unit) for each unit, in order;
`helper` says whether the job is large enough to share (None: the mapper decides)."""


def in_order(units: Sequence[Any], work: Callable[[Any], list], helper: bool | None = None):
    """Every item of work(unit) for each unit, in order: the plain loop."""
    for unit in units:
        yield from work(unit)


def forked() -> Mapper:
    """The mapper commands use: `parallel.ordered_map`, imported on its first use (a quiz
    whose questions are cached never needs it)."""

    def ordered_map(units: Sequence[Any], work: Callable[[Any], list], helper=None):
        from .parallel import ordered_map

        return ordered_map(units, work, helper)

    return ordered_map
