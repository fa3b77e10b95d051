"""A question's expected answer as text, made here alone, by its answer shape.

Three forms: `answer_text` (one plain line: the JSON, the Anki back), `expected` (as a
learner would give it, letters included: the quiz, Markdown, CSV) and `key_answer` (as a
worksheet's key prints it).
"""

from __future__ import annotations

from .kinds import LETTERS, SHAPES, Shape, shape_of


def _picked(q) -> list[str]:
    return [q.choices[i] for i in q.key]


def _all(q) -> str:
    return ", ".join(a.text for a in q.answers)


def _number(q) -> str:
    return f"{q.answers[0].text} {q.unit}" if q.unit else _all(q)


def _letters(q) -> str:
    return "".join(LETTERS[i] for i in q.key)


def _pairs_given(q, sep: str) -> str:
    return sep.join(f"{n}{LETTERS[i].lower()}" for n, i in enumerate(q.key, 1))


_TEXTS = {  # shape -> (answer_text, expected, key_answer)
    Shape.ONE: (
        lambda q: "; ".join(_picked(q)),
        lambda q: "; ".join(f"{LETTERS[i]}: {q.choices[i]}" for i in q.key),
        lambda q: "; ".join(f"{LETTERS[i]} — {q.choices[i]}" for i in q.key),
    ),
    Shape.TRUEFALSE: (
        lambda q: "; ".join(_picked(q)),
        lambda q: q.choices[q.key[0]],
        lambda q: q.choices[q.key[0]],
    ),
    Shape.TEXT: (_all, lambda q: q.answers[0].text, _all),
    Shape.NUMBER: (_number, _number, _number),
    Shape.BLANK: (_all, lambda q: q.answers[0].text, _all),
    Shape.RECALL: (_all, _all, _all),
    Shape.ORDERING: (
        lambda q: " → ".join(_picked(q)),
        lambda q: _letters(q) + " (" + " → ".join(_picked(q)) + ")",
        lambda q: ", ".join(LETTERS[i] for i in q.key) + ": " + " → ".join(_picked(q)),
    ),
    Shape.PAIRING: (
        lambda q: "; ".join(f"{left} — {q.choices[i]}" for left, i in zip(q.items, q.key)),
        lambda q: _pairs_given(q, " "),
        lambda q: _pairs_given(q, ", "),
    ),
}
_TEXTS[Shape.SEVERAL] = _TEXTS[Shape.ONE]
assert set(_TEXTS) == set(SHAPES)


def answer_text(q) -> str:
    """The expected answer as one line of text."""
    return _TEXTS[shape_of(q.kind)][0](q)


def expected(q) -> str:
    """The expected answer, as a learner would give it."""
    return _TEXTS[shape_of(q.kind)][1](q)


def key_answer(q) -> str:
    """The answer as a worksheet's key prints it: the letter and its text where there are
    letters."""
    return _TEXTS[shape_of(q.kind)][2](q)
