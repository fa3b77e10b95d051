"""What a text output shows of a question beside its prompt, by answer shape: lettered
choices, or numbered items and lettered matches. Blocks of lines, for the CSV and Markdown."""

from __future__ import annotations

from collections.abc import Callable

from ..questions.kinds import LETTERS, Shape


def _lettered(q, text: Callable[[str], str], bullet: str) -> list[list[str]]:
    return [[f"{bullet}{LETTERS[i]}. {text(c)}" for i, c in enumerate(q.choices)]]


def _paired(q, text: Callable[[str], str], bullet: str) -> list[list[str]]:
    return [
        [f"{n}. {text(item)}" for n, item in enumerate(q.items, 1)],
        [f"{bullet}{LETTERS[i].lower()}. {text(c)}" for i, c in enumerate(q.choices)],
    ]


def _nothing(q, text, bullet) -> list[list[str]]:
    return []


BLOCKS = {  # shape -> (question, text of a fact's words, bullet) -> blocks of lines
    Shape.ONE: _lettered,
    Shape.SEVERAL: _lettered,
    Shape.ORDERING: _lettered,
    Shape.PAIRING: _paired,
    Shape.TRUEFALSE: _nothing,
    Shape.TEXT: _nothing,
    Shape.NUMBER: _nothing,
    Shape.RECALL: _nothing,
    Shape.BLANK: _nothing,
}


def shown(q, text: Callable[[str], str] = str, bullet: str = "") -> list[list[str]]:
    return BLOCKS[q.shape](q, text, bullet)
