"""The time, in UTC. QUIZGEN_NOW (ISO 8601) sets it: for tests, and to look ahead."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from ..errors import UsageError

# Schedules reach up to a century ahead and stats a week back: keep both in datetime's range.
FIRST_YEAR, LAST_YEAR = 1970, 9000


def now() -> datetime:
    value = os.environ.get("QUIZGEN_NOW")
    if not value:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"QUIZGEN_NOW must be an ISO 8601 time, got '{value}'") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise UsageError(
            f"QUIZGEN_NOW must be a time between the years {FIRST_YEAR} and {LAST_YEAR},"
            f" got '{value}'"
        )
    return moment.astimezone(timezone.utc)
