"""Each output chooses its questions from the bank: which kinds, how many a fact, and none
that gives another away.

A policy (`Policy`) per medium (`MEDIA`: anki, worksheet, quiz, lms), overridable per recipe
(`select:` in the recipe). The choice goes by what a question tests (its kind, its facts,
its answer, its prompt), never by its wording's details or at random:

- kinds are taken in the policy's order of preference (Anki: recall first);
- a fact gets at most `per_fact` questions (a question on several facts counts for each);
- a question is left out when a kept one has the same prompt, or when it tests the same
  thing as a kept question on one of its facts (the same answer), or when one of them prints
  the other's answer (a giveaway);
- true/false is kept only up to `tf_share` of what is kept, for the facts with fewest cards.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..text import one_line
from .kinds import (
    CHRONOLOGY,
    CLOZE,
    LIST,
    MATCHING,
    MCQ,
    MULTI,
    NUMERIC,
    QUOTE,
    SHORT,
    TF,
    Shape,
    shape_of,
)
from .question import Question

ANKI_ORDER = (LIST, QUOTE, NUMERIC, CLOZE, SHORT, MATCHING, CHRONOLOGY, MULTI, MCQ, TF)
"""Anki favours recall: lists, quotes, typed numbers, cloze (the fact's content), then
typed or revealed answers (who, when); multiple choice fills a fact recall cannot cover;
true/false last and rare. A kind added with `kinds.register` ranks just before multiple
choice."""


@dataclass(frozen=True)
class Policy:
    kinds: tuple[str, ...] | None = None  # the kinds taken; None: every kind
    prefer: tuple[str, ...] = ()  # kinds in order of preference (default: the kinds taken)
    per_fact: int | None = None  # at most this many questions a fact
    tf_share: float | None = None  # at most this share of true/false
    distinct: bool = False  # no same prompt, no two testing the same answer, no giveaway


MEDIA: dict[str, Policy] = {
    "anki": Policy(prefer=ANKI_ORDER, per_fact=3, tf_share=0.10, distinct=True),
    "worksheet": Policy(),  # the balanced mix; forms() keeps one question a fact
    "quiz": Policy(),  # the session keeps one question a fact (quiz/start.py)
    "lms": Policy(),  # the whole bank: a teacher's LMS picks its own
}

REASONS = {
    "kind": "kind not taken",
    "per_fact": "fact has enough",
    "tf_share": "true/false share",
    "prompt": "same prompt",
    "same": "tests a kept answer",
    "giveaway": "gives an answer away",
    "count": "past the count",
    "form": "not on the form",
}


@dataclass
class Choice:
    kept: list[Question]
    made: int
    left: Counter = field(default_factory=Counter)  # (kind, reason) -> count

    def cut(self, chosen: list[Question], reason: str) -> None:
        """Keep only `chosen` (a part of what was kept), the rest left out for `reason`."""
        ids = {q.id for q in chosen}
        for q in self.kept:
            if q.id not in ids:
                self.left[q.kind, reason] += 1
        self.kept = list(chosen)

    def summary(self) -> str:
        """`took 180 of 297 questions; left out: tf 117 (true/false share), ...`"""
        line = f"took {len(self.kept)} of {self.made} questions"
        if not self.left:
            return line
        by_kind: dict[str, list[tuple[int, str]]] = {}
        for (kind, reason), n in sorted(self.left.items()):
            by_kind.setdefault(kind, []).append((n, REASONS[reason]))
        parts = []
        for kind, why in by_kind.items():
            total = sum(n for n, _ in why)
            said = why[0][1] if len(why) == 1 else ", ".join(f"{n} {r}" for n, r in why)
            parts.append(f"{kind} {total} ({said})")
        return line + "; left out: " + "; ".join(parts)


def policy_for(medium: str, overrides: dict | None = None) -> Policy:
    """The medium's default policy, with the recipe's `select: {medium: {...}}` over it."""
    policy = MEDIA[medium]
    given = (overrides or {}).get(medium)
    return replace(policy, **given) if given else policy


def choose(questions: list[Question], policy: Policy) -> Choice:
    """The questions this policy keeps, in the bank's order, and why the others went."""
    choice = Choice([], len(questions))
    if policy == Policy():
        choice.kept = list(questions)
        return choice
    prefer = policy.prefer or policy.kinds or ()
    rank = {k: i for i, k in enumerate(prefer)}
    unlisted = rank.get(MCQ, len(rank)) - 0.5
    ranks = [rank.get(q.kind, unlisted) for q in questions]
    order = sorted(range(len(questions)), key=ranks.__getitem__)  # stable: bank order within
    kept: list[int] = []
    tf: list[int] = []
    taken = _Taken(policy)
    shapes = _Shapes(policy)
    for i in order:
        q = questions[i]
        shape = shapes[q.kind]
        if shape is _NOT_TAKEN:
            choice.left[q.kind, "kind"] += 1
        elif shape is _LAST:
            tf.append(i)  # last, by room left
        else:
            _offer(taken, q, shape, i, kept, choice)
    if tf:
        allowed = int(len(kept) * policy.tf_share / (1 - policy.tf_share))
        for at, i in enumerate(_fewest_first(tf, questions, taken.count)):
            if allowed <= 0:  # the rest are past the share
                rest = Counter(questions[j].kind for j in tf[at:])
                for kind, n in rest.items():
                    choice.left[kind, "tf_share"] += n
                break
            if _offer(taken, questions[i], Shape.TRUEFALSE, i, kept, choice):
                allowed -= 1
    kept.sort()
    choice.kept = [questions[i] for i in kept]
    return choice


_NOT_TAKEN, _LAST = "kind not taken", "true/false, last"  # what _Shapes says besides a shape


class _Shapes(dict):
    """Kind -> its answer shape, or _NOT_TAKEN (a kind the policy does not take), or _LAST
    (true/false under a share, offered last): worked out once a kind, not once a question
    (the registry is read anew for each choice: a kind may be added between two)."""

    def __init__(self, policy: Policy):
        super().__init__()
        self.policy = policy

    def __missing__(self, kind: str) -> str | None:
        policy, shape = self.policy, None  # None: no rule of the policy needs it
        if policy.kinds is not None and kind not in policy.kinds:
            shape = _NOT_TAKEN
        elif policy.tf_share is not None or policy.distinct:
            shape = shape_of(kind)
            if policy.tf_share is not None and shape == Shape.TRUEFALSE:
                shape = _LAST
        self[kind] = shape
        return shape


def _fewest_first(tf: list[int], questions: list[Question], count: dict[str, int]) -> list[int]:
    """The true/false questions (indexes), sorted in place: those whose facts have the
    fewest kept cards first, in the bank's order within (a key worked out once a question,
    with no tuple and no generator for the usual question on one fact)."""
    least = {}
    for i in tf:
        facts = questions[i].fact_ids
        least[i] = (
            count.get(facts[0], 0) if len(facts) == 1 else min(count.get(f, 0) for f in facts)
        )
    tf.sort()
    tf.sort(key=least.__getitem__)  # stable: bank order within
    return tf


def _offer(
    taken: _Taken, q: Question, shape: str | None, i: int, kept: list[int], choice: Choice
) -> bool:
    why = taken.refusal(q, shape)
    if why:
        choice.left[q.kind, why] += 1
        return False
    kept.append(i)
    return True


class _Kept:
    """A kept question as its siblings are compared with it: its answers and (made when
    first needed) what it prints."""

    __slots__ = ("_printed", "answers", "question")

    def __init__(self, question: Question, answers: frozenset[str], shown: str | None):
        self.question, self.answers, self._printed = question, answers, shown

    @property
    def printed(self) -> str:
        if self._printed is None:
            self._printed = printed(self.question)
        return self._printed


class _Taken:
    """What the kept questions already cover: facts, prompts, answers, printed text. Each
    question's front, answers and printed text are worked out once."""

    def __init__(self, policy: Policy):
        self.limit, self.distinct = policy.per_fact, policy.distinct
        self.count: dict[str, int] = {}  # kept questions, by fact
        self.prompts: set[str] = set()
        self.by_fact: dict[str, list[_Kept]] = {}
        self.normed: dict[str, frozenset[str]] = {}  # one answer's text -> answers_of's

    def refusal(self, q: Question, shape: str | None) -> str | None:
        """Why q (of this answer shape) is left out, or None: then it is kept (added to
        what is taken)."""
        facts = q.fact_ids
        count = self.count
        limit = self.limit
        if limit is not None and (
            count.get(facts[0], 0) >= limit
            if len(facts) == 1
            else any(count.get(f, 0) >= limit for f in facts)
        ):
            return "per_fact"
        if not self.distinct:
            for f in facts:
                count[f] = count.get(f, 0) + 1
            return None
        shown_front = _front(q, shape)
        if shown_front in self.prompts:
            return "prompt"
        by_fact = self.by_fact
        if len(facts) == 1:  # most questions: their one fact's list, not a copy
            siblings = by_fact.get(facts[0], ())
        else:
            siblings = [s for f in facts for s in by_fact.get(f, ())]
        mine = self.answers(q, shape)
        shown = None
        if siblings:  # (loops, not any(): most questions have one sibling, or none)
            if mine:
                for s in siblings:
                    if mine == s.answers:
                        return "same"
            # (what a question without a cloze or items prints is its front)
            plain = not q.cloze and not q.items and shape not in _LISTED
            shown = shown_front if plain else printed(q)
            for s in siblings:
                if (mine and _shows(mine, s.printed)) or (s.answers and _shows(s.answers, shown)):
                    return "giveaway"
        self.prompts.add(shown_front)
        record = _Kept(q, mine, shown)
        for f in facts:
            count[f] = count.get(f, 0) + 1
            by_fact.setdefault(f, []).append(record)
        return None

    def answers(self, q: Question, shape: str) -> frozenset[str]:
        """answers_of(q), a lone answer or right choice normalised once: the same few texts
        stand in many questions (a fact's answer in its cloze, its short answer, its
        choices)."""
        if shape in _ANSWERED:
            given = q.answers
            if len(given) != 1:
                return frozenset([_norm(a.text) for a in given])
            text = given[0].text
        elif shape in _CHOSEN:
            key = q.key
            if len(key) != 1:
                return frozenset([_norm(q.choices[i]) for i in key])
            text = q.choices[key[0]]
        else:
            return _NONE
        one = self.normed.get(text)
        if one is None:
            one = self.normed[text] = frozenset([_norm(text)])
        return one


def _norm(text: str) -> str:
    """The text casefolded, on one line (`text.one_line`)."""
    return one_line(text.casefold())


def front(q: Question) -> str:
    """What a card's front shows as its question: the prompt, and for orderings and
    pairings their items (the same prompt over other items is another question)."""
    return _front(q, q.shape)


def _front(q: Question, shape: str) -> str:
    """front(q), its shape known."""
    if shape in _LISTED:
        return _norm(" | ".join((q.prompt, *q.items, *q.choices)))
    return _norm(" | ".join((q.prompt, *q.items)) if q.items else q.prompt)


_LISTED = (Shape.ORDERING, Shape.PAIRING)  # their items are part of what they ask


_ANSWERED = (Shape.TEXT, Shape.NUMBER, Shape.BLANK, Shape.RECALL)


def answers_of(q: Question) -> frozenset[str]:
    """What a learner must produce or pick (normalised): the answers' texts, or the right
    choice; nothing for true/false, orderings and pairings (no one answer to give away)."""
    shape = q.shape
    if shape in _ANSWERED:
        return frozenset([_norm(a.text) for a in q.answers])
    if shape in _CHOSEN:
        return frozenset([_norm(q.choices[i]) for i in q.key])
    return _NONE


_CHOSEN = (Shape.ONE, Shape.SEVERAL)  # their right choices are what they ask
_NONE: frozenset[str] = frozenset()


_CLOZE = re.compile(r"\{\{c\d+::[^}]*\}\}")


def printed(q: Question) -> str:
    """What the question shows before it is answered, its prompt, sentence and items."""
    cloze = _CLOZE.sub("…", q.cloze) if q.cloze else ""
    return _norm(" ".join((q.prompt, cloze, *q.items)))


def gives_away(q: Question, other: Question) -> bool:
    """Does `other` print one of q's answers (a whole word or phrase of 3+ characters, or a
    number)?"""
    return _shows(answers_of(q), printed(other))


def _shows(answers: frozenset[str], shown: str) -> bool:
    r"""Does `shown` hold one of the answers as a whole word or phrase of 3+ characters, or
    a number of any length ("some 30 boats" gives away "30"), with no word character just
    before or after it (as the regex `(?<!\w)answer(?!\w)`)?"""
    for a in answers:
        if len(a) < 3 and not a.isdigit():
            continue
        at = shown.find(a)  # most pairs share no word: one find, and done
        while at >= 0:
            end = at + len(a)
            if not (at and _word(shown[at - 1])) and not (end < len(shown) and _word(shown[end])):
                return True
            at = shown.find(a, at + 1)
    return False


def _word(ch: str) -> bool:
    r"""Is `ch` a word character, as `\w` in a regex (letters, digits, the underscore)?"""
    return ch.isalnum() or ch == "_"


def apart(q: Question, chosen: list[Question]) -> bool:
    """May q join `chosen` on one form or in one session: no fact in common, and neither
    prints the other's answer."""
    facts = set(q.fact_ids)
    return not any(
        facts.intersection(c.fact_ids) or gives_away(q, c) or gives_away(c, q) for c in chosen
    )


def one_a_fact(q: Question, chosen: list[Question]) -> bool:
    """May q join a quiz session: none of its facts asked yet."""
    facts = set(q.fact_ids)
    return not any(facts.intersection(c.fact_ids) for c in chosen)
