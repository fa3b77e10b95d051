"""Quiz progress in SQLite: every answer committed at once, keyed by stable question ids.

WAL journaling and a busy timeout let two sessions write at once; each answer is its own
transaction, so a killed process loses at most the answer in flight.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import QuizgenError

DB_NAME = "progress.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, deck TEXT, mode TEXT, started TEXT NOT NULL, ended TEXT
);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL REFERENCES sessions(id),
    question TEXT NOT NULL, deck TEXT, topic TEXT, kind TEXT,
    answered TEXT NOT NULL, response TEXT, verdict TEXT NOT NULL, score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_question ON answers(question);
CREATE INDEX IF NOT EXISTS answers_answered ON answers(answered);
CREATE TABLE IF NOT EXISTS cards (
    question TEXT PRIMARY KEY, deck TEXT, topic TEXT, fsrs TEXT NOT NULL, due TEXT NOT NULL,
    reviews INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS cards_due ON cards(due);
"""


def data_dir(option: str | None = None) -> Path:
    """--data-dir, else QUIZGEN_DATA_DIR, else the user's data folder (platformdirs)."""
    if option:
        return Path(option)
    if os.environ.get("QUIZGEN_DATA_DIR"):
        return Path(os.environ["QUIZGEN_DATA_DIR"])
    import platformdirs

    return Path(platformdirs.user_data_dir("quizgen", appauthor=False))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Progress:
    """The progress database."""

    def __init__(self, folder: Path):
        self.path = folder / DB_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=15, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 15000")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            with self._transaction():
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
        except (OSError, sqlite3.Error) as exc:
            raise QuizgenError(f"cannot open the progress database {self.path}: {exc}") from None

    def _transaction(self):
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def start_session(self, deck: str, mode: str, when: datetime) -> str:
        session = os.urandom(16).hex()
        with self._transaction():
            self.db.execute(
                "INSERT INTO sessions (id, deck, mode, started) VALUES (?, ?, ?, ?)",
                (session, deck, mode, _iso(when)),
            )
        return session

    def end_session(self, session: str, when: datetime) -> None:
        with self._transaction():
            self.db.execute("UPDATE sessions SET ended = ? WHERE id = ?", (_iso(when), session))

    def card_state(self, question: str) -> str | None:
        row = self.db.execute("SELECT fsrs FROM cards WHERE question = ?", (question,)).fetchone()
        return row[0] if row else None

    def record(self, session, question, deck, response, grade, when, schedule) -> None:
        """One answer, and the card's new schedule, in one transaction."""
        with self._transaction():
            self.db.execute(
                "INSERT INTO answers (session, question, deck, topic, kind, answered, response,"
                " verdict, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session,
                    question.id,
                    deck,
                    question.topic,
                    question.kind,
                    _iso(when),
                    response,
                    grade.verdict,
                    grade.score,
                ),
            )
            if schedule is not None:
                state, due = schedule
                self.db.execute(
                    "INSERT INTO cards (question, deck, topic, fsrs, due, reviews)"
                    " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT(question) DO UPDATE SET"
                    " fsrs = excluded.fsrs, due = excluded.due, reviews = reviews + 1",
                    (question.id, deck, question.topic, state, _iso(due)),
                )

    def due(self, question_ids: list[str], when: datetime) -> list[str]:
        """Of these questions, those due by `when`, the most overdue first."""
        wanted = set(question_ids)
        rows = self.db.execute(
            "SELECT question FROM cards WHERE due <= ? ORDER BY due, question", (_iso(when),)
        )
        return [q for (q,) in rows if q in wanted]

    def seen(self) -> set[str]:
        return {q for (q,) in self.db.execute("SELECT question FROM cards")}

    def stats(self, when: datetime, deck: str | None = None) -> dict:
        """Accuracy per topic, cards due by the end of today, answers of the last 7 days."""
        only = "deck = ?" if deck else "1"
        args: tuple = (deck,) if deck else ()
        topics = {}
        for topic, answered, correct, score in self.db.execute(
            "SELECT topic, COUNT(*), SUM(verdict IN ('right', 'typo')), SUM(score) FROM answers"
            f" WHERE {only} AND verdict != 'skipped' GROUP BY topic ORDER BY topic",
            args,
        ):
            topics[topic] = {"answered": answered, "correct": correct, "score": round(score, 3)}
        end_of_day = when.replace(hour=23, minute=59, second=59, microsecond=0)
        due_today = self.db.execute(
            f"SELECT COUNT(*) FROM cards WHERE {only} AND due <= ?", (*args, _iso(end_of_day))
        ).fetchone()[0]
        week = self.db.execute(
            f"SELECT COUNT(*) FROM answers WHERE {only} AND answered >= ? AND verdict != 'skipped'",
            (*args, _iso(when - timedelta(days=7))),
        ).fetchone()[0]
        cards = self.db.execute(f"SELECT COUNT(*) FROM cards WHERE {only}", args).fetchone()[0]
        return {
            "topics": topics,
            "due_today": due_today,
            "reviewed_this_week": week,
            "cards": cards,
        }


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (or ROLLBACK on error): one unit of work."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, traceback):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False
