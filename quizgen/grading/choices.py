"""Answers picked from what is shown: letters (or a choice's text or alias), true or false,
an order of letters, pairs of a number and a letter."""

from __future__ import annotations

import re

from ..questions import Question
from ..questions.answers import expected
from ..questions.kinds import LETTERS, Shape
from ..text import fold
from . import PARTIAL, RIGHT, WRONG, Grade, Grader, Unreadable
from .numbers import numbers_in, pure_number
from .spelling import key, split_items


def choice_named(grader: Grader, q: Question, text: str) -> int | None:
    """The one choice `text` names by its text or an alias, else by its number ('5' for '5
    permanent members'), else by its first words, half of it or more ('tens of thousands'
    for 'tens of thousands of people'); None when it names none; Unreadable when several."""
    typed = key(text)
    if not typed:
        return None
    by_words = [i for i, choice in enumerate(q.choices) if typed in _keys(grader, q, choice)]
    value = pure_number(text)
    by_number = (
        [i for i, choice in enumerate(q.choices) if numbers_in(choice) == [value]]
        if value is not None and not by_words
        else []
    )
    by_start = (
        [i for i, choice in enumerate(q.choices) if _begins(choice, text)]
        if not by_words and not by_number
        else []
    )
    hits = by_words or by_number or by_start
    if len(hits) > 1:
        raise Unreadable(f"“{text.strip()}” fits more than one choice: answer with a letter.")
    return hits[0] if hits else None


def _begins(choice: str, text: str) -> bool:
    """'tens of thousands' begins 'tens of thousands of people': whole words, half of it."""
    words, typed = fold(choice).split(), fold(text).split()
    return 2 * len(typed) >= len(words) and words[: len(typed)] == typed


def _keys(grader: Grader, q: Question, choice: str) -> set[str]:
    spellings = {choice, *grader.aliases.get(fold(choice), ())}
    for answer in q.answers:
        if key(answer.text) == key(choice):
            spellings.update(answer.aliases)
    return {key(s) for s in spellings}


def picked_choices(grader: Grader, q: Question, response: str, many: bool) -> list[int]:
    named = choice_named(grader, q, response)
    if named is not None:
        return [named]
    letters = re.sub(r"[\s,;.)(]+", "", response).upper()
    valid = LETTERS[: len(q.choices)]
    if letters and all(ch in valid for ch in letters) and (many or len(letters) == 1):
        return sorted({valid.index(ch) for ch in letters})
    items = split_items(response)
    if many and len(items) > 1:
        each = [choice_named(grader, q, item) for item in items]
        if None not in each:
            return sorted(set(each))
    span = f"A–{valid[-1]}"
    raise Unreadable(
        f"Answer with letters {span}, e.g. “AC”." if many else f"Answer with one letter {span}."
    )


def grade_choices(grader: Grader, q: Question, response: str, many: bool) -> Grade:
    shown = expected(q)
    picked = set(picked_choices(grader, q, response, many=many))
    right = set(q.key)
    if picked == right:
        return Grade(RIGHT, 1.0, shown)
    if not many:
        return Grade(WRONG, 0.0, shown)
    score = max(0.0, (len(right & picked) - len(picked - right)) / len(right))
    missing = tuple(f"{LETTERS[i]}: {q.choices[i]}" for i in sorted(right - picked))
    extra = tuple(f"{LETTERS[i]}: {q.choices[i]}" for i in sorted(picked - right))
    notes = []
    if missing:
        notes.append("Missing: " + "; ".join(missing) + ".")
    if extra:
        notes.append("Not right: " + "; ".join(extra) + ".")
    verdict = PARTIAL if score > 0 else WRONG
    return Grade(verdict, score, shown, " ".join(notes), missing, extra)


def grade_true_false(q: Question, response: str) -> Grade:
    said = fold(response)
    if said in ("t", "true", "yes", "y"):
        picked = 0
    elif said in ("f", "false", "no", "n"):
        picked = 1
    else:
        raise Unreadable("Answer t (true) or f (false).")
    shown = expected(q)
    return Grade(RIGHT, 1.0, shown) if picked == q.key[0] else Grade(WRONG, 0.0, shown)


def grade_order(q: Question, response: str) -> Grade:
    """Credit by the longest run kept in the right order (not necessarily side by side): all
    of it 1, none of it (the reverse) 0; the letters outside that run are out of place."""
    picked = letters_in_order(q, response)
    shown = expected(q)
    position = {item: place for place, item in enumerate(q.key)}
    kept = longest_rising([position[i] for i in picked])
    total = len(q.key)
    if len(kept) == total:
        return Grade(RIGHT, 1.0, shown)
    score = (len(kept) - 1) / (total - 1)
    moved = sorted(LETTERS[picked[j]] for j in range(total) if j not in kept)
    note = f"{len(kept)} of {total} in order; out of place: {', '.join(moved)}."
    return Grade(PARTIAL if score > 0 else WRONG, score, shown, note)


def longest_rising(values: list[int]) -> set[int]:
    """The indexes of one longest increasing subsequence of `values` (the first found)."""
    best: list[list[int]] = []
    for index, value in enumerate(values):
        run = max((r for r in best if values[r[-1]] < value), key=len, default=[])
        best.append([*run, index])
    return set(max(best, key=len, default=[]))


def letters_in_order(q: Question, response: str) -> list[int]:
    letters = re.sub(r"[\s,;.>→\-]+", "", response).upper()
    valid = LETTERS[: len(q.choices)]
    if sorted(letters) != sorted(valid):
        raise Unreadable(
            f"Type every letter {valid[0]}–{valid[-1]} once, earliest first, e.g. “{valid[::-1]}”."
        )
    return [valid.index(ch) for ch in letters]


_PAIR = re.compile(r"(\d+)\s*[-:=.)]?\s*([a-z])(?![a-z])")


def grade_matching(q: Question, response: str) -> Grade:
    given = pairs_given(q, response)
    shown = expected(q)
    right = sum(1 for n, i in enumerate(q.key) if given.get(n) == i)
    if right == len(q.key):
        return Grade(RIGHT, 1.0, shown)
    wrong = [
        f"{n + 1}. {q.items[n]} — {q.choices[i]}" for n, i in enumerate(q.key) if given.get(n) != i
    ]
    note = f"{right} of {len(q.key)} pairs right. The others: " + "; ".join(wrong)
    return Grade(PARTIAL if right else WRONG, right / len(q.key), shown, note)


def pairs_given(q: Question, response: str) -> dict[int, int]:
    """'1b 2e', '1b2e', '1-b, 2:e', or the letters alone in the items' order ('be')."""
    text = response.lower()
    valid = LETTERS[: len(q.choices)].lower()
    example = f"Pairs like “1{valid[0]} 2{valid[-1]}”"
    letters = re.sub(r"[\s,;.]+", "", text)
    if letters.isalpha() and len(letters) == len(q.items):
        text = " ".join(f"{n}{letter}" for n, letter in enumerate(letters, 1))
    given: dict[int, int] = {}
    for number, letter in _PAIR.findall(text):
        n = int(number)
        if not 1 <= n <= len(q.items) or letter not in valid:
            raise Unreadable(
                f"{example}: numbers 1–{len(q.items)}, letters {valid[0]}–{valid[-1]}."
            )
        given[n - 1] = valid.index(letter)
    if not given:
        raise Unreadable(f"{example}.")
    return given


GRADERS = {  # shape -> (grader, question, stripped response) -> Grade
    Shape.ONE: lambda g, q, r: grade_choices(g, q, r, many=False),
    Shape.SEVERAL: lambda g, q, r: grade_choices(g, q, r, many=True),
    Shape.TRUEFALSE: lambda g, q, r: grade_true_false(q, r),
    Shape.ORDERING: lambda g, q, r: grade_order(q, r),
    Shape.PAIRING: lambda g, q, r: grade_matching(q, r),
    Shape.RECALL: lambda g, q, r: g.grade_list(q, split_items(r)),
    Shape.NUMBER: lambda g, q, r: g.number(q, r, q.value, strict=True),
    Shape.TEXT: lambda g, q, r: g.typed(q, r),
    Shape.BLANK: lambda g, q, r: g.typed(q, r),
}
