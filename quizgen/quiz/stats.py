"""`quizgen stats`: accuracy per topic (in the recipe's order), what is due, recent work.
The database is opened read-only: stats never waits behind a writer, never writes."""

from __future__ import annotations

import textwrap
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import QuizgenError, UsageError
from .columns import table
from .store import DB_NAME, Progress


def deck_of(value: str, root: Path) -> tuple[str, Path | None]:
    """--deck as a slug (`budget`) or a recipe file (`decks/budget.yaml`): the slug, and
    the recipe file when there is one (in root/decks/ for a slug), for its topics' order."""
    given = Path(value)
    if given.suffix in (".yaml", ".yml") or len(given.parts) > 1:
        return given.stem, given if given.is_file() else None
    for suffix in (".yaml", ".yml"):
        if (root / "decks" / f"{value}{suffix}").is_file():
            return value, root / "decks" / f"{value}{suffix}"
    return value, None


def topic_titles(recipe: Path | None, root: Path) -> dict[str, str]:
    """Topic id -> title, in order: the recipe's topics (else every one its sources
    declare; without a recipe, every source's in root/facts/). A broken recipe or source
    only loses the titles and the order, not the numbers."""
    from ..facts.kinds import topic_titles as titles_of
    from ..facts.sources import load_source
    from ..paths import find_sources

    try:
        chosen = None
        if recipe is not None:
            from ..facts.recipes import load_deck

            deck = load_deck(recipe)
            chosen, root = (deck.topics, set(deck.sources)), recipe.resolve().parent.parent
        loaded = [load_source(folder, []) for folder in find_sources(root / "facts")]
        sources = [s for s, _article in filter(None, loaded)]
        if chosen is not None:
            sources = [s for s in sources if s.id in chosen[1]]
        titles = titles_of(sources)
        if chosen is not None and chosen[0] is not None:
            return {t: titles.get(t, t) for t in chosen[0]}
        return titles
    except (QuizgenError, OSError):
        return {}


def stats(folder: Path, when: datetime, deck: str | None = None, root: Path = Path()) -> dict:
    """Accuracy per topic, cards due by the end of today, answers of the last 7 days."""
    slug, recipe = deck_of(deck, root) if deck else (None, None)
    if not (folder / DB_NAME).is_file():
        if slug and recipe is None:
            raise UsageError(f"--deck {deck}: no such deck (no progress recorded at all yet)")
        return _numbers([], 0, 0, 0, [])
    progress = Progress(folder, read_only=True)
    try:
        if slug and recipe is None and slug not in progress.decks():
            known = ", ".join(sorted(d for d in progress.decks() if d)) or "none"
            raise UsageError(f"--deck {deck}: no such deck (decks with progress: {known})")
        only, args = ("deck = ?", (slug,)) if slug else ("1", ())
        rows = progress.query(
            "SELECT topic, COUNT(*), SUM(verdict IN ('right', 'typo')),"
            " SUM(verdict = 'partial'), SUM(score) FROM answers"
            f" WHERE {only} AND verdict != 'skipped' GROUP BY topic",
            args,
        )
        end_of_day = when.replace(hour=23, minute=59, second=59, microsecond=0)
        ((due,),) = progress.query(
            f"SELECT COUNT(*) FROM cards WHERE {only} AND due <= ?",
            (*args, end_of_day.isoformat(timespec="seconds")),
        )
        week_ago = (when - timedelta(days=7)).isoformat(timespec="seconds")
        ((week,),) = progress.query(
            f"SELECT COUNT(*) FROM answers WHERE {only} AND answered >= ? AND verdict != 'skipped'",
            (*args, week_ago),
        )
        ((cards,),) = progress.query(f"SELECT COUNT(*) FROM cards WHERE {only}", args)
    finally:
        progress.close()
    return _numbers(rows, due, week, cards, list(topic_titles(recipe, root)))


def _numbers(rows, due: int, week: int, cards: int, order: list[str]) -> dict:
    place = {topic: index for index, topic in enumerate(order)}
    rows = sorted(rows, key=lambda r: (place.get(r[0], len(place)), r[0] or ""))
    return {
        "topics": {
            topic: {"answered": n, "correct": right, "partial": partly, "score": round(score, 3)}
            for topic, n, right, partly, score in rows
        },
        "due_today": due,
        "reviewed_this_week": week,
        "cards": cards,
    }


def format_stats(numbers: dict, width: int, titles: dict[str, str] | None = None) -> str:
    lines = [
        f"Due today: {numbers['due_today']}",
        f"Answered in the last 7 days: {numbers['reviewed_this_week']}",
        f"Questions seen: {numbers['cards']}",
    ]
    if numbers["topics"]:
        rows = [
            (
                (titles or {}).get(topic, topic),
                row["answered"],
                row["correct"],
                row["partial"],
                f"{row['score'] / row['answered']:.0%}",
            )
            for topic, row in numbers["topics"].items()
        ]
        header = ("topic", "answers", "right", "partly", "score")
        lines += ["", table(rows, width, header)]
        note = "score: the points won, a partly right answer counting its share"
        lines.append(textwrap.fill(note, max(width, 20)))
    return "\n".join(lines)
