"""Judge a typed answer like a fair teacher: forgiving of form, strict about substance.

Typed text is compared by its `spelling.key` (case, accents, punctuation, a leading article,
spaces and hyphens, British or American spelling do not matter); every alias counts. Small
typos are forgiven, more in longer answers, but never in numbers or dates, never when a word
typed is another real word or name, never across a negating prefix (`spelling`). A right
answer inside a short sentence counts when the sentence names no other candidate. Numbers are
read the same way for every kind (`numbers`): an answer offering two different numbers is
wrong. Lists are graded item by item, in any order, with partial credit; letters, orders and
pairs in `choices`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..questions import Answer, Question
from ..questions.answers import expected
from ..questions.kinds import LETTERS
from ..text import fold, mentions
from .numbers import numbers_in, parse_number, pure_number
from .spelling import (
    distance,
    is_real_word,
    key,
    known_names,
    spelled,
    split_items,
    typo_limit,
    why_not_a_typo,
)

__all__ = [
    "LETTERS", "PARTIAL", "RIGHT", "SKIPPED", "TYPO", "WRONG", "Grade", "Grader", "Unreadable",
    "choice_aliases", "distance", "expected", "known_names", "parse_number", "split_items",
    "typo_limit",
]  # fmt: skip

RIGHT, TYPO, PARTIAL, WRONG, SKIPPED = "right", "typo", "partial", "wrong", "skipped"
OPEN_WORDS = frozenset("or nor not no never either neither isnt wasnt versus vs".split())
EVERYDAY_ZIPF = 4.0  # a word as frequent as 'smith' or 'kingdom': no name's own word
SENTENCE_WORDS = 6  # words beside the answer that a sentence may have


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


@dataclass(frozen=True)
class Found:
    """How typed text names an answer: RIGHT, TYPO or WRONG (with why), and the spelling
    (the answer's text or an alias) it names or aims at."""

    how: str
    spelling: str
    why: str = ""

    @property
    def ok(self) -> bool:
        return self.how in (RIGHT, TYPO)


@dataclass
class Grader:
    """Grades answers. `known`: every real name the learner might type by mistake (folded);
    `aliases`: other spellings of any choice, by its folded text (see `choice_aliases`)."""

    known: frozenset[str] = field(default_factory=frozenset)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def grade(self, q: Question, response: str) -> Grade:
        from .choices import GRADERS

        return GRADERS[q.shape](self, q, response.strip())

    def typed(self, q: Question, response: str) -> Grade:
        """A typed answer (text or blank): a number when the answer is one, else text."""
        if q.value is not None:
            return self.number(q, response, q.value, strict=True)
        value = pure_number(q.answers[0].text)
        if value is not None:  # a blank (or short answer) whose answer is a number
            return self.number(q, response, value, strict=False)
        return self._text(q, response)

    # -- typed text -----------------------------------------------------------------------
    def match(self, response: str, answer: Answer) -> Found | None:
        """Does `response` name `answer`: RIGHT, TYPO, WRONG with why (a typo refused), or
        None (not close)."""
        typed = key(response)
        if not typed:
            return None
        spellings = (answer.text, *answer.aliases)
        for spelling in spellings:
            if key(spelling) == typed:
                return Found(RIGHT, spelling)
        return self.typo(response, answer)

    def typo(self, response: str, answer: Answer, only: str | None = None) -> Found | None:
        """TYPO when `response` is within typo tolerance of a spelling of `answer` (or of
        `only`, one of them), WRONG with why when it is close but refused, else None."""
        typed = spelled(response)
        if any(ch.isdigit() for ch in typed):
            return None  # numbers and dates are exact
        spellings = (answer.text, *answer.aliases)
        near = [
            (gap, spelling)
            for spelling in ((only,) if only else spellings)
            if (limit := typo_limit(spelled(spelling)))
            and (gap := distance(typed, spelled(spelling), limit)) <= limit
        ]
        if not near:
            return None
        spelling = min(near, key=lambda pair: pair[0])[1]
        own = frozenset(w for s in spellings for w in spelled(s).split())
        why = why_not_a_typo(typed, spelled(spelling), self.known, own)
        return Found(WRONG, spelling, why) if why else Found(TYPO, spelling)

    def _text(self, q: Question, response: str) -> Grade:
        answer, shown = q.answers[0], expected(q)
        found = self.match(response, answer)
        if found is None or found.how == TYPO:  # 'Mayor Okafor': an alias, exactly
            inside = self.inside(response, answer, q.prompt, _context(q))
            exact = inside is not None and inside[0].how == RIGHT and not inside[1]
            if inside is not None and (found is None or exact):
                found, why = inside
                if why:
                    return Grade(WRONG, 0.0, shown, why)
        if found is not None and found.ok:
            return Grade(found.how, 1.0, shown, typo_note(found))
        why = (
            f"Not a typo of “{found.spelling}”: {found.why}."
            if found is not None and found.why
            else ""
        )
        return Grade(WRONG, 0.0, shown, why)

    def inside(
        self, response: str, answer: Answer, prompt: str = "", context: str = ""
    ) -> tuple[Found, str] | None:
        """The answer inside a short sentence ('it was Okafor'): what was found, and why it
        does not count ('' when it does), or None when no spelling of it stands there. Every
        spelling exactly, then with a typo, the longest first: the first that counts wins
        ('it was Chiddi Okafor'), else the first found, with why it does not count."""
        first = None
        for found in self._spellings_inside(response, answer, prompt, context):
            if not found[1]:
                return found
            first = first or found
        return first

    def _spellings_inside(self, response: str, answer: Answer, prompt: str, context: str):
        words = fold(response).split()
        spellings = sorted((answer.text, *answer.aliases), key=lambda s: -len(s.split()))
        for exact in (True, False):
            for spelling in spellings:
                size = len(fold(spelling).split())
                for start in range(len(words) - size + 1):
                    window = " ".join(words[start : start + size])
                    if exact:
                        found = Found(RIGHT, spelling) if key(window) == key(spelling) else None
                    else:
                        found = self.typo(window, answer, only=spelling)
                    if found is not None and found.ok:
                        rest = words[:start] + words[start + size :]
                        why = _other_part(
                            found, words, start, answer, f"{prompt} {context}", response
                        )
                        yield found, why or self._rest_refused(found, rest, answer, prompt)

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The words of known names that are no everyday words ('okafor' of 'Chidi Okafor')."""
        words = {w for name in self.known for w in name.split() if len(w) > 2}
        return frozenset(w for w in words if not is_real_word(w, EVERYDAY_ZIPF))

    def _rest_refused(self, found: Found, rest: list[str], answer: Answer, prompt: str) -> str:
        """Why the words beside the answer keep it from counting, or ''. A name the question
        itself uses ('Mayor of the city') is no other candidate."""
        said = f"Recognised “{found.spelling}”, but"
        # another spelling of the answer beside it names nothing else: 'PFAS (per- and
        # polyfluoroalkyl substances)', 'Tom Whitcombe (Thomas Whitcombe)'
        own = {w for s in (answer.text, *answer.aliases) for w in fold(s).split()}
        rest = [w for w in rest if w not in own]
        for size in (4, 3, 2, 1):
            for start in range(len(rest) - size + 1):
                name = " ".join(rest[start : start + size])
                other = name in self.known or name in self.name_words
                if other and not mentions(prompt, name):
                    return f"{said} the answer also names “{name}”: give one answer."
        for word in rest:
            if word in OPEN_WORDS:
                return f"{said} “{word}” leaves it open: give one answer."
        if len(rest) > SENTENCE_WORDS:
            return f"{said} it stands in a long sentence: type the answer alone."
        for word in rest:
            if word.isalpha() and len(word) > 2 and not is_real_word(word):
                return f"{said} “{word}” may name another answer: give one answer."
        return ""

    def grade_list(self, q: Question, items: list[str]) -> Grade:
        """Item by item, in any order: exact spellings first (one look-up each), then typos
        among what is left, so a long list grades in near-linear time."""
        by_key: dict[str, list[int]] = {}
        for index, answer in enumerate(q.answers):
            for spelling in (answer.text, *answer.aliases):
                by_key.setdefault(key(spelling), []).append(index)
        left = dict.fromkeys(range(len(q.answers)))
        unmatched, extra, typos = [], [], []
        for item in items:
            hit = next((i for i in by_key.get(key(item), ()) if i in left), None)
            if hit is not None:
                del left[hit]
            elif key(item):
                unmatched.append(item)
        for item in unmatched:
            hit = next(
                ((i, f) for i in left if (f := self.typo(item, q.answers[i])) and f.ok), None
            )
            if hit is None:
                if key(item) not in {key(e) for e in extra}:
                    extra.append(item.strip())
                continue
            del left[hit[0]]
            typos.append(hit[1].spelling)
        return list_grade(q, tuple(q.answers[i].text for i in left), extra, typos)

    # -- numbers ---------------------------------------------------------------------------
    def number(self, q: Question, response: str, value: float | None, strict: bool) -> Grade:
        shown = expected(q)
        found = list(dict.fromkeys(numbers_in(response)))
        if not found:
            if strict:
                raise Unreadable("Type a number, in digits or words.")
            return Grade(WRONG, 0.0, shown)
        if len(found) > 1:
            both = " and ".join(number_text(v) for v in found[:2])
            return Grade(WRONG, 0.0, shown, f"Two different answers ({both}): give one.")
        if value is not None and abs(found[0] - value) < 1e-9:
            return Grade(RIGHT, 1.0, shown)
        return Grade(WRONG, 0.0, shown)


def list_grade(q: Question, missing: tuple[str, ...], extra: list[str], typos: list[str]) -> Grade:
    total = len(q.answers)
    found = total - len(missing)
    score = found / max(total, found + len(extra))
    notes = [f"{found} of {total}."]
    if missing:
        notes.append("Missing: " + ", ".join(missing) + ".")
    if extra:
        notes.append("Not on the list: " + ", ".join(extra) + ".")
    if typos:
        notes.append("Spelled: " + ", ".join(typos) + ".")
    if found == total and not extra:
        verdict = TYPO if typos else RIGHT
    else:
        verdict = PARTIAL if found else WRONG
    return Grade(verdict, score, expected(q), " ".join(notes), missing, tuple(extra))


def typo_note(found: Found) -> str:
    return f"Accepted with a typo: it is spelled “{found.spelling}”." if found.how == TYPO else ""


def number_text(value: float) -> str:
    """50000.0 -> '50,000'; a year stays '2014'."""
    if not math.isfinite(value) or value != int(value):
        return f"{value:g}"
    return str(int(value)) if 1000 <= value < 2100 else f"{int(value):,}"


def choice_aliases(questions) -> dict[str, tuple[str, ...]]:
    """Other spellings of every answer the questions know, by folded text: so a choice may be
    typed by any alias ('UK' for 'United Kingdom'), right or wrong."""
    found: dict[str, dict[str, None]] = {}
    for q in questions:
        for answer in q.answers:
            found.setdefault(fold(answer.text), {}).update(dict.fromkeys(answer.aliases))
    return {text: tuple(spellings) for text, spellings in found.items() if spellings}


def _other_part(
    found: Found, words: list[str], start: int, answer: Answer, context: str, response: str
) -> str:
    """Why a part of the name typed beside another first or last name does not count
    ('Emeka Okafor' for Chidi Okafor), or ''. A word of the question or its passages, an
    everyday word ('it was', 'President') or a typo of the name's own word may stand there."""
    part = fold(found.spelling).split()
    size = len(part)
    for full in (answer.text, *answer.aliases):
        whole = fold(full).split()
        if len(whole) <= size:
            continue
        if whole[-size:] == part and start > 0:
            beside, own, typed = words[start - 1], whole[-size - 1], words[start - 1 : start + size]
        elif whole[:size] == part and start + size < len(words):
            beside, own, typed = words[start + size], whole[size], words[start : start + size + 1]
        else:
            continue
        if (
            not beside.isalpha()
            or len(beside) < 3  # 'Mr', 'Dr', 'it', an initial
            or distance(beside, own, 1) <= 1
            or is_real_word(beside, EVERYDAY_ZIPF + 0.5)
            or mentions(context, beside)
        ):
            continue
        return (
            f"Recognised “{found.spelling}”, but “{_as_typed(typed, words, response)}” is "
            f"another person than “{full}”."
        )
    return ""


def _context(q: Question) -> str:
    """The words a question and its passages use: a learner may repeat them beside a name."""
    return " ".join((q.prompt, q.explanation, *q.citations))


def _as_typed(part: list[str], words: list[str], response: str) -> str:
    """Folded words shown as the learner typed them, where the two line up word for word."""
    typed = [w.strip(".,;:!?\"'()") for w in response.split()]
    at = (i for i in range(len(words)) if words[i : i + len(part)] == part)
    start = next(at, None) if len(typed) == len(words) else None
    return " ".join(part if start is None else typed[start : start + len(part)])
