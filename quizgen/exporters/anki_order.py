"""The order Anki introduces new cards in: their positions (`due` of a new card).

Anki keeps the positions a package gives (it spreads nothing, and does not bury new
siblings by default), and with every card in one deck it gathers new cards by ascending
position, 20 a day. So quizgen writes positions that rotate over the topics, then over the
facts of each topic, a fact's k-th card in the k-th pass; and any two cards that share a
fact (a question on several facts counts for each) stand at least `GAP` positions apart,
so no day of 20 new cards shows one fact twice, however many cards a day leaves unstudied.
"""

from __future__ import annotations

from collections import Counter, deque
from itertools import chain, islice, zip_longest
from operator import attrgetter

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
    positions before: the first card that fits comes next. In the last WINDOW cards, where
    the facts with several cards crowd, the one that fits whose facts have the most cards
    still to place comes first (as a scheduler with a cool-down keeps its busiest task
    moving), after a topic the day has not shown yet and the topic with the most cards left
    (so the fullest topic is spread, not left for the last days); when none fits, the one whose
    facts were seen longest ago."""
    pending, out, last = deque(order), [], {}
    left = dict(Counter(chain.from_iterable(map(attrgetter("fact_ids"), order))))  # to place
    topic_left = dict(Counter(map(attrgetter("topic"), order)))  # and by topic (dicts: faster)
    while pending:
        here = len(out)
        pick = _first_fit(pending, here, last) if len(pending) > WINDOW else None
        if pick is None:
            today = {c.topic for c in out[here - here % GAP :]}  # this day's topics so far
            window = list(islice(pending, WINDOW))
            pick = _busiest_fit(window, here, last, (left, topic_left), today)
        q = pending[pick]
        del pending[pick]  # near the front: cheap in a deque
        out.append(q)
        topic_left[q.topic] -= 1
        for f in q.fact_ids:
            last[f] = here
            left[f] -= 1
    return out


def _first_fit(pending: deque, here: int, last: dict) -> int | None:
    """The first of the next WINDOW cards (there are more) whose facts all came at least
    GAP positions ago."""
    for j in range(WINDOW):
        facts = pending[j].fact_ids
        if len(facts) == 1:  # most cards: no generator
            if here - last.get(facts[0], -GAP) >= GAP:
                return j
        elif all(here - last.get(f, -GAP) >= GAP for f in facts):
            return j
    return None


def _busiest_fit(window: list, here: int, last: dict, lefts: tuple, today: set) -> int:
    """Of the cards that fit, the first of the best: a topic the day has not shown yet, the
    fullest topic, the facts with the most cards left to place; when none fits, the first
    of those whose facts were seen longest ago. One pass (this runs for each of the last
    WINDOW cards), each card's rank one number: its topic's part (worked out once a topic)
    plus its facts' cards left, the parts' digits in base `above` (no count reaches it)."""
    left, topic_left = lefts
    above = sum(topic_left.values()) + 1  # the cards still to place, and one
    topic_rank: dict[str, int] = {}
    best, rank = -1, -1
    far, farthest = -1, 0
    for j, q in enumerate(window):
        facts = q.fact_ids
        if len(facts) == 1:
            gap = here - last.get(facts[0], -GAP)
        else:
            gap = min(here - last.get(f, -GAP) for f in facts)
        if gap >= GAP:
            topic = q.topic
            mine = topic_rank.get(topic)
            if mine is None:
                mine = topic_rank[topic] = (
                    (topic not in today) * above + topic_left[topic]
                ) * above
            mine += left[facts[0]] if len(facts) == 1 else max(left[f] for f in facts)
            if mine > rank:
                best, rank = j, mine
        elif best < 0 and (far < 0 or gap > farthest):
            far, farthest = j, gap
    return best if best >= 0 else far
