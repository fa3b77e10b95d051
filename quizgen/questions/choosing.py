"""What a question shows besides its prompt, by answer shape: its choices (seeded), its key,
its items, its cloze text. One entry per shape in `CHOICES`."""

from __future__ import annotations

import random
import zlib

from .drafts import Draft
from .kinds import Shape

TF_CHOICES = ("True", "False")


class Seeded:
    """The question's own random order, from the seed and its id alone; made when asked."""

    __slots__ = ("_rng", "qid", "seed")

    def __init__(self, seed: int, qid: str):
        self.seed, self.qid, self._rng = seed, qid, None

    @property
    def rng(self) -> random.Random:
        if self._rng is None:  # an int seeds fast
            self._rng = random.Random(zlib.crc32(f"{self.seed}:{self.qid}".encode()))
        return self._rng


def _pick_wrong(draft: Draft, wrong: list[str], rng: random.Random, many: bool):
    """Three wrong choices for one right one (curated first: they come first in `wrong`);
    for several, as many wrong as right, up to four. None when there are too few."""
    if many:
        return rng.sample(wrong, min(len(wrong), 4)) if len(wrong) >= 2 else None
    if len(wrong) < 3:
        return None
    curated = [w for w in wrong if w in draft.curated]
    first = rng.sample(curated, min(3, len(curated)))
    rest = [w for w in wrong if w not in first]
    return first + rng.sample(rest, 3 - len(first))


def too_few(draft: Draft, prompt: str, shape: str) -> str:
    """Why a draft of this shape has no question: how many safe wrong choices it found."""
    wrong = draft.wrong(prompt) if callable(draft.wrong) else list(draft.wrong)
    need = 2 if shape == Shape.SEVERAL else 3
    return f"too few safe wrong choices ({len(wrong)} of {need})"


def _choose(draft: Draft, prompt: str, seeded: Seeded, many: bool) -> dict | None:
    rng = seeded.rng
    wrong = draft.wrong(prompt) if callable(draft.wrong) else list(draft.wrong)
    picked = _pick_wrong(draft, wrong, rng, many)
    if picked is None:
        return None
    right = list(draft.right)
    if many:
        right = rng.sample(right, min(len(right), 4))
    options = right + picked
    rng.shuffle(options)
    choices = tuple(options)
    return {"choices": choices, "key": tuple(sorted(choices.index(r) for r in right))}


def _order(draft: Draft, seeded: Seeded) -> dict:
    shown = list(draft.ordered)
    while shown == list(draft.ordered):
        seeded.rng.shuffle(shown)
    choices = tuple(shown)
    return {"choices": choices, "key": tuple(choices.index(t) for t in draft.ordered)}


def _pair(draft: Draft, seeded: Seeded) -> dict:
    rights = [right for _, right in draft.pairs]
    while rights == [r for _, r in draft.pairs]:
        seeded.rng.shuffle(rights)
    choices = tuple(rights)
    return {
        "items": tuple(left for left, _ in draft.pairs),
        "choices": choices,
        "key": tuple(choices.index(r) for _, r in draft.pairs),
    }


def _blank(draft: Draft, statement: str) -> dict:
    if not draft.term:
        return {}
    return dict(cloze=statement.replace(draft.term, "{{c1::" + draft.term + "}}", 1))


_NOTHING: dict = {}

CHOICES = {  # shape -> (draft, prompt, seeded, statement) -> Question fields, or None: drop
    Shape.ONE: lambda d, p, s, _: _choose(d, p, s, many=False),
    Shape.SEVERAL: lambda d, p, s, _: _choose(d, p, s, many=True),
    Shape.TRUEFALSE: lambda d, p, s, _: {"choices": TF_CHOICES, "key": (0 if d.truth else 1,)},
    Shape.ORDERING: lambda d, p, s, _: _order(d, s),
    Shape.PAIRING: lambda d, p, s, _: _pair(d, s),
    Shape.BLANK: lambda d, p, s, statement: _blank(d, statement),
    Shape.TEXT: lambda d, p, s, _: _NOTHING,
    Shape.NUMBER: lambda d, p, s, _: _NOTHING,
    Shape.RECALL: lambda d, p, s, _: _NOTHING,
}
