"""Text forms of a question list for `quizgen questions`: table, JSON and JSON lines."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable

from . import __version__
from .facts.recipes import Deck
from .questions import Question

FORMAT_ID = "quizgen.questions/1"


def deck_header(deck: Deck | None, seed: int) -> dict:
    if deck is None:
        return {"slug": None, "title": None, "id": None, "seed": seed}
    return {
        "slug": deck.slug,
        "title": deck.title,
        "id": deck.id,
        "description": deck.description,
        "seed": seed,
    }


def as_json(groups: Iterable[tuple[Deck | None, int, list[Question]]]) -> str:
    document = {
        "format": FORMAT_ID,
        "quizgen": __version__,
        "decks": [
            {**deck_header(deck, seed), "questions": [q.to_dict() for q in questions]}
            for deck, seed, questions in groups
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def as_jsonl(groups: Iterable[tuple[Deck | None, int, list[Question]]]) -> str:
    lines = []
    for deck, _seed, questions in groups:
        for q in questions:
            lines.append(
                json.dumps({"deck": deck.slug if deck else None, **q.to_dict()}, ensure_ascii=False)
            )
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def as_table(
    groups: Iterable[tuple[Deck | None, int, list[Question]]], width: int | None = None
) -> str:
    width = width or shutil.get_terminal_size((120, 24)).columns
    out = []
    for deck, seed, questions in groups:
        if deck is not None:
            out.append(f"{deck.title} ({deck.file}, seed {seed}): {len(questions)} questions")
        id_w = min(max((len(q.id) for q in questions), default=2), 48)
        rest = max(width - id_w - 10 - 16 - 6, 30)
        prompt_w = rest * 3 // 5
        answer_w = rest - prompt_w
        out.append(f"{'id':<{id_w}}  {'kind':<10}{'topic':<16}  {'prompt':<{prompt_w}}  answer")
        for q in questions:
            out.append(
                f"{_cut(q.id, id_w):<{id_w}}  {q.kind:<10}{q.topic:<16}  "
                f"{_cut(q.prompt, prompt_w):<{prompt_w}}  {_cut(q.answer_text, answer_w)}"
            )
        out.append("")
    return "\n".join(out).rstrip()
