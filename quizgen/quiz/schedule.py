"""Spaced review with FSRS: a grade becomes a rating, a rating a next due time."""

from __future__ import annotations

import hashlib
from datetime import datetime

from ..grading import PARTIAL, RIGHT, TYPO, WRONG, Grade


def rating_for(grade: Grade):
    """right -> Good, right with a typo -> Hard, partly right -> Hard (half or more) or
    Again, wrong -> Again. A skip is no review."""
    from fsrs import Rating

    if grade.verdict == RIGHT:
        return Rating.Good
    if grade.verdict == TYPO:
        return Rating.Hard
    if grade.verdict == PARTIAL:
        return Rating.Hard if grade.score >= 0.5 else Rating.Again
    if grade.verdict == WRONG:
        return Rating.Again
    return None


_scheduler = None


def review(question_id: str, state_json: str | None, grade: Grade, when: datetime):
    """The card's new FSRS state (JSON) and its next due time, or None for a skip."""
    from fsrs import Card, Scheduler

    global _scheduler
    rating = rating_for(grade)
    if rating is None:
        return None
    if _scheduler is None:
        _scheduler = Scheduler(enable_fuzzing=False)  # reproducible intervals
    if state_json:
        card = Card.from_json(state_json)
    else:
        card_id = int.from_bytes(
            hashlib.blake2b(question_id.encode(), digest_size=6).digest(), "big"
        )
        card = Card(card_id=card_id, due=when)
    card, _log = _scheduler.review_card(card, rating, review_datetime=when)
    return card.to_json(), card.due
