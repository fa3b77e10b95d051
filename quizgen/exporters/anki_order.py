"""The order Anki introduces new cards in: their positions (`due` of a new card).

Anki keeps the positions a package gives (it spreads nothing, and does not bury new
siblings by default), and with every card in one deck it gathers new cards by ascending
position, 20 a day. So quizgen writes positions that rotate over the topics, then over the
facts of each topic, a fact's k-th card in the k-th pass; and any two cards that share a
fact (a question on several facts counts for each) stand at least `GAP` positions apart,
so no day of 20 new cards shows one fact twice, however many cards a day leaves unstudied.
"""

from __future__ import annotations

from itertools import zip_longest

GAP = 20  # Anki's default new cards a day
WINDOW = 400  # how far ahead a card is looked for when the next one would come too soon


def interleaved(questions: list) -> list:
    """The questions in the order of their new-card positions."""
    topics: dict[str, dict[str, list]] = {}
    for q in questions:
        topics.setdefault(q.topic, {}).setdefault(q.fact_ids[0], []).append(q)
    passes = max((len(qs) for facts in topics.values() for qs in facts.values()), default=0)
    order = []
    for k in range(passes):
        lanes = [[qs[k] for qs in facts.values() if len(qs) > k] for facts in topics.values()]
        order += [q for group in zip_longest(*lanes) for q in group if q is not None]
    return _spaced(order)


def _spaced(order: list) -> list:
    """The order, each card moved later when one of its facts came fewer than GAP
    positions before (the first card that fits comes next; none fits: the next in line)."""
    pending, out, last = list(order), [], {}
    while pending:
        here = len(out)
        pick = 0
        for j, q in enumerate(pending[:WINDOW]):
            if all(here - last.get(f, -GAP) >= GAP for f in q.fact_ids):
                pick = j
                break
        q = pending.pop(pick)
        out.append(q)
        for f in q.fact_ids:
            last[f] = here
    return out
