"""Judge a typed answer like a patient teacher: forgiving of form, strict about substance.

Answers are compared after `fold` (Unicode, case, accents, punctuation, a leading article,
spaces). Aliases count. Small typos are forgiven, more in longer answers; never in numbers,
dates or very short answers, and never when what was typed is another real name (another
country, another person of the fact base). Numbers may be written "50,000", "50000" or
"fifty thousand". Lists are graded item by item, in any order, with partial credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .questions import Answer, Question
from .text import fold

RIGHT, TYPO, PARTIAL, WRONG, SKIPPED = "right", "typo", "partial", "wrong", "skipped"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Unreadable(ValueError):
    """The input is not an answer of the expected form (a letter, t/f...): ask again."""


@dataclass(frozen=True)
class Grade:
    verdict: str  # right, typo, partial, wrong, skipped
    score: float  # 0 to 1
    expected: str  # the expected answer, as shown after answering
    note: str = ""  # what to say beyond right or wrong
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.verdict in (RIGHT, TYPO)


@dataclass
class Grader:
    """Grades answers; `known` holds every real name the learner might type by mistake."""

    known: frozenset[str] = field(default_factory=frozenset)

    def grade(self, q: Question, response: str) -> Grade:
        response = response.strip()
        if q.kind in ("mcq", "multi"):
            return self._choices(q, response)
        if q.kind == "tf":
            return self._true_false(q, response)
        if q.kind == "list":
            return self.grade_list(q, split_items(response))
        if q.kind == "chronology":
            return self._order(q, response)
        if q.kind == "matching":
            return self._matching(q, response)
        if q.kind == "numeric" or (q.value is not None and q.kind == "short"):
            return self._number(q, response)
        return self._text(q, response)

    # -- typed text -----------------------------------------------------------------------
    def match(self, response: str, answer: Answer, others: tuple[Answer, ...] = ()) -> str | None:
        """RIGHT, TYPO or None: does `response` name `answer`?"""
        typed = fold(response)
        if not typed:
            return None
        spellings = [fold(s) for s in (answer.text, *answer.aliases)]
        if typed in spellings:
            return RIGHT
        if any(ch.isdigit() for ch in typed) or typed in self.known:
            return None  # numbers and dates are exact; another real name is not a typo
        if any(typed in (fold(o.text), *map(fold, o.aliases)) for o in others):
            return None
        for spelling in spellings:
            limit = typo_limit(spelling)
            if limit and distance(typed, spelling, limit) <= limit:
                return TYPO
        return None

    def _text(self, q: Question, response: str) -> Grade:
        answer = q.answers[0]
        shown = expected(q)
        found = self.match(response, answer)
        if found == RIGHT:
            return Grade(RIGHT, 1.0, shown)
        if found == TYPO:
            return Grade(TYPO, 1.0, shown, f"Accepted with a typo: it is spelled “{shown}”.")
        return Grade(WRONG, 0.0, shown)

    def grade_list(self, q: Question, items: list[str]) -> Grade:
        left = list(q.answers)
        typos, extra = [], []
        for item in items:
            hit = next(
                (
                    (a, r)
                    for a in left
                    if (r := self.match(item, a, tuple(x for x in left if x is not a)))
                ),
                None,
            )
            if hit is None:
                if fold(item) and fold(item) not in {fold(e) for e in extra}:
                    extra.append(item.strip())
                continue
            answer, how = hit
            left.remove(answer)
            if how == TYPO:
                typos.append(answer.text)
        total = len(q.answers)
        found = total - len(left)
        score = found / max(total, found + len(extra))
        missing = tuple(a.text for a in left)
        shown = expected(q)
        notes = [f"{found} of {total}."]
        if missing:
            notes.append("Missing: " + ", ".join(missing) + ".")
        if extra:
            notes.append("Not on the list: " + ", ".join(extra) + ".")
        if typos:
            notes.append("Spelled: " + ", ".join(typos) + ".")
        verdict = (
            (TYPO if typos else RIGHT)
            if found == total and not extra
            else (PARTIAL if found else WRONG)
        )
        return Grade(verdict, score, shown, " ".join(notes), missing, tuple(extra))

    # -- numbers ---------------------------------------------------------------------------
    def _number(self, q: Question, response: str) -> Grade:
        shown = expected(q)
        value = parse_number(response)
        if value is None:
            raise Unreadable("Type a number, in digits or words.")
        if q.value is not None and abs(value - q.value) < 1e-9:
            return Grade(RIGHT, 1.0, shown)
        return Grade(WRONG, 0.0, shown)

    # -- letters ---------------------------------------------------------------------------
    def _letters(self, q: Question, response: str, many: bool) -> list[int]:
        text = response.strip()
        for index, choice in enumerate(q.choices):  # the choice's text counts too
            if fold(text) == fold(choice):
                return [index]
        letters = re.sub(r"[\s,;.)(]+", "", text).upper()
        valid = LETTERS[: len(q.choices)]
        if (
            not letters
            or any(ch not in valid for ch in letters)
            or (not many and len(letters) != 1)
        ):
            span = f"A–{valid[-1]}"
            raise Unreadable(
                f"Answer with letters {span}, e.g. “AC”."
                if many
                else f"Answer with one letter {span}."
            )
        return sorted({valid.index(ch) for ch in letters})

    def _choices(self, q: Question, response: str) -> Grade:
        shown = expected(q)
        picked = self._letters(q, response, many=q.kind == "multi")
        right = set(q.key)
        if set(picked) == right:
            return Grade(RIGHT, 1.0, shown)
        if q.kind == "mcq":
            return Grade(WRONG, 0.0, shown)
        hits = len(right & set(picked))
        wrong = len(set(picked) - right)
        score = max(0.0, (hits - wrong) / len(right))
        missing = tuple(f"{LETTERS[i]}: {q.choices[i]}" for i in sorted(right - set(picked)))
        extra = tuple(f"{LETTERS[i]}: {q.choices[i]}" for i in sorted(set(picked) - right))
        notes = []
        if missing:
            notes.append("Missing: " + "; ".join(missing) + ".")
        if extra:
            notes.append("Not right: " + "; ".join(extra) + ".")
        return Grade(
            PARTIAL if score > 0 else WRONG, score, expected, " ".join(notes), missing, extra
        )

    def _true_false(self, q: Question, response: str) -> Grade:
        said = fold(response)
        if said in ("t", "true", "yes", "y"):
            picked = 0
        elif said in ("f", "false", "no", "n"):
            picked = 1
        else:
            raise Unreadable("Answer t (true) or f (false).")
        shown = expected(q)
        return Grade(RIGHT, 1.0, shown) if picked == q.key[0] else Grade(WRONG, 0.0, shown)

    def _order(self, q: Question, response: str) -> Grade:
        picked = self._letters_in_order(q, response)
        shown = expected(q)
        placed = sum(1 for a, b in zip(picked, q.key) if a == b)
        if placed == len(q.key):
            return Grade(RIGHT, 1.0, shown)
        note = f"{placed} of {len(q.key)} in the right place."
        return Grade(PARTIAL if placed else WRONG, placed / len(q.key), shown, note)

    def _letters_in_order(self, q: Question, response: str) -> list[int]:
        letters = re.sub(r"[\s,;.>-]+", "", response).upper()
        valid = LETTERS[: len(q.choices)]
        if sorted(letters) != sorted(valid):
            raise Unreadable(
                f"Type every letter {valid[0]}–{valid[-1]} once, earliest first, "
                f"e.g. “{valid[::-1]}”."
            )
        return [valid.index(ch) for ch in letters]

    def _matching(self, q: Question, response: str) -> Grade:
        pairs = re.findall(r"(\d+)\s*[-:=]?\s*([a-zA-Z])\b", response)
        valid = LETTERS[: len(q.choices)].lower()
        given: dict[int, int] = {}
        for number, letter in pairs:
            n, letter = int(number), letter.lower()
            if not 1 <= n <= len(q.items) or letter not in valid:
                raise Unreadable(
                    f"Pairs like “1{valid[0]} 2{valid[-1]}”: numbers 1–{len(q.items)}, "
                    f"letters {valid[0]}–{valid[-1]}."
                )
            given[n - 1] = valid.index(letter)
        if not given:
            raise Unreadable(f"Pairs like “1{valid[0]} 2{valid[-1]}”.")
        shown = expected(q)
        right = sum(1 for n, i in enumerate(q.key) if given.get(n) == i)
        if right == len(q.key):
            return Grade(RIGHT, 1.0, shown)
        wrong = [
            f"{n + 1}. {q.items[n]} — {q.choices[i]}"
            for n, i in enumerate(q.key)
            if given.get(n) != i
        ]
        note = f"{right} of {len(q.key)} pairs right. The others: " + "; ".join(wrong)
        return Grade(PARTIAL if right else WRONG, right / len(q.key), shown, note)


def expected(q: Question) -> str:
    """The expected answer, as a learner would give it."""
    if q.kind in ("mcq", "multi"):
        return "; ".join(f"{LETTERS[i]}: {q.choices[i]}" for i in q.key)
    if q.kind == "tf":
        return q.choices[q.key[0]]
    if q.kind == "chronology":
        return (
            "".join(LETTERS[i] for i in q.key)
            + " ("
            + " → ".join(q.choices[i] for i in q.key)
            + ")"
        )
    if q.kind == "matching":
        return " ".join(f"{n}{LETTERS[i].lower()}" for n, i in enumerate(q.key, 1))
    if q.kind == "list":
        return ", ".join(a.text for a in q.answers)
    if q.kind == "numeric":
        return q.answer_text
    return q.answers[0].text


def typo_limit(answer: str) -> int:
    """Typos forgiven: none up to 4 letters, then 1, 2 from 9 letters, 3 from 16."""
    length = len(answer.replace(" ", ""))
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 15:
        return 2
    return 3


def distance(a: str, b: str, limit: int = 99) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def split_items(response: str) -> list[str]:
    """'France, Germany and the UK' -> ['France', 'Germany', 'the UK']."""
    parts = re.split(r"\s*(?:[,;\n]|\band\b|&)\s*", response)
    return [p for p in (part.strip() for part in parts) if p]


_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
_DIGITS = re.compile(
    r"(?<![\d.])(\d{1,3}(?:[,  ]\d{3})+|\d+)(\.\d+)?\s*(k|thousand|million|billion|%)?\b", re.I
)


def parse_number(text: str) -> float | None:
    """'50,000', '50000', '50 000', '50k', 'fifty thousand', 'over 100', '20%' -> a number."""
    text = text.lower().replace("\u2009", " ")
    match = _DIGITS.search(text)
    if match:
        value = float(re.sub(r"[,  ]", "", match.group(1)) + (match.group(2) or ""))
        scale = (match.group(3) or "").lower()
        return value * _SCALES.get(scale, 1)
    words = re.findall(r"[a-z]+", text)
    total, current, seen = 0, 0, False
    for word in words:
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALES[word]
            current = 0
        elif word in ("and", "a") and seen:
            continue
        else:
            if seen:
                break
            continue
        seen = True
    return float(total + current) if seen else None


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "countries.txt").read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line and not line.startswith("#"))


def known_names(factbase) -> frozenset[str]:
    """Every real name a learner might type: countries, and the fact base's people and list
    members with their aliases."""
    names = set(country_names())
    for fact in factbase.facts:
        for text in (getattr(fact, "name", None), *getattr(fact, "aliases", ())):
            if isinstance(text, str):
                names.add(fold(text))
        for member in getattr(fact, "members", ()):
            names.update(fold(n) for n in (member.name, *member.aliases))
    return frozenset(names)
