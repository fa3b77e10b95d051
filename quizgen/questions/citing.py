"""Which of a fact's passages a question cites: those that hold what it asks and what it
answers, and nothing else (a person question about the dam does not cite "the council has yet to
accept" because it names the council).

A passage is kept when it adds words of the question (its prompt and explanation, less the
answer's own names) that the passages taken before it lack (two at least, after the first);
where some passages name the answer, the first is taken among those, and one of them is
always kept.
Order and wording stay the article's."""

from __future__ import annotations

from ..text import fold, mentions
from .question import Answer

CITED_BY_CONTENT = frozenset({"person", "position", "cause", "quote"})
"""The fact kinds whose questions choose their citations by what they contain (the kinds
of other lanes may join when their golden files are regenerated)."""
_STOP = frozenset(
    "the and for that with this was were had has have would will from who which what "
    "any its his her their they them than then also into onto over under after before "
    "about said says true false article fill blank".split()
)


def words(text: str) -> set[str]:
    """Content words, cut to a stem of six letters ('negotiations' ~ 'negotiators')."""
    return {w[:6] for w in fold(text).split() if len(w) >= 3 and w not in _STOP}


def chosen(
    citations: tuple[str, ...], asked: str, answers: tuple[Answer, ...] = (), actors=()
) -> tuple[str, ...]:
    """The passages that hold what the question asks and answers, in their order. A
    passage naming the answer, or one of the `actors` (who said or did it), comes first;
    one naming the answer is always kept where there is one."""
    if len(citations) <= 1:
        return citations
    names = [n for a in (*answers, *actors) for n in (a.text, *a.aliases)]
    wanted = words(asked) - {w for n in names for w in words(n)}
    holders = [c for c in citations if any(mentions(c, n) for n in names)]
    taken: list[str] = []
    covered: set[str] = set()
    for _ in citations:  # the first: one naming the answer, unless none of those holds a
        gain, best = _best(holders, wanted, covered) if not taken else (0, "")
        if gain == 0:  # word of the question and another holds two
            gain, best = _best(citations, wanted, covered)
            if not taken and gain < 2 and holders:
                gain, best = 1, holders[0]
        if gain < (2 if taken else 1):  # a further passage must add more than a word
            break
        taken.append(best)
        covered |= words(best) & wanted
    if not taken:
        taken = holders[:1] or list(citations)
    # the answer evidenced: the blank of "the River Lenn" cites the passage that says it,
    # even where another holds more of the sentence
    said = [n for a in answers for n in (a.text, *a.aliases)]
    if said and not any(mentions(c, n) for c in taken for n in said):
        taken += [c for c in citations if any(mentions(c, n) for n in said)][:1]
    return tuple(c for c in citations if c in taken)


def _best(pool, wanted: set[str], covered: set[str]) -> tuple[int, str]:
    """The passage adding most wanted words, and how many; the first of equals."""
    if not pool:
        return 0, ""
    return max(((len((words(c) & wanted) - covered), c) for c in pool), key=_first)


def _first(pair: tuple[int, str]) -> int:
    return pair[0]  # max() keeps the first of equal gains: the article's order
