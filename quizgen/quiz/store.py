"""Quiz progress in SQLite: every answer committed at once, keyed by stable question ids.

WAL journaling and a busy timeout let two sessions write at once; each answer is its own
transaction, so a killed process loses at most the answer in flight. A write that finds the
database locked for longer than BUSY_WAIT is tried again (the learner is told), never dropped
silently. `stats` opens the database read-only.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..errors import QuizgenError

DB_NAME = "progress.sqlite3"
BUSY_WAIT = 15.0  # seconds one attempt waits for another process's write lock
BUSY_ATTEMPTS = 4  # attempts before a write gives up (with a message saying what was lost)

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


def _locked(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


class Progress:
    """The progress database. `read_only` opens it with sqlite's mode=ro (for stats)."""

    def __init__(
        self,
        folder: Path,
        *,
        read_only: bool = False,
        on_busy: Callable[[str], None] | None = None,
    ):
        self.path = folder / DB_NAME
        self.on_busy = on_busy
        try:
            if read_only:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=BUSY_WAIT, isolation_level=None)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=BUSY_WAIT, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_WAIT * 1000)}")
        except (OSError, sqlite3.Error) as exc:
            raise QuizgenError(f"cannot open the progress database {self.path}: {exc}") from None
        self._check(writing=not read_only)
        if not read_only:
            self._write(self._create, "the database's tables")

    def _create(self, db: sqlite3.Connection) -> None:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)

    def _check(self, writing: bool) -> None:
        """Refuse a damaged database before a single answer is typed."""
        try:
            verdict = self.db.execute("PRAGMA quick_check").fetchall()
            if verdict == [("ok",)] and writing:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            if _locked(exc):
                return  # another process is busy with it; the writes below wait and retry
            raise self._damaged(exc) from None
        if verdict != [("ok",)]:
            raise self._damaged(verdict[0][0])

    def _damaged(self, why) -> QuizgenError:
        self.db.close()
        return QuizgenError(
            f"the progress database {self.path} is damaged ({why}); quizgen left it as it"
            f" is: move it aside (mv {self.path} {self.path}.damaged) to start afresh"
        )

    def query(self, sql: str, args: tuple = ()) -> list[tuple]:
        """The rows of one read; a damaged database is one clean error."""
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None

    def _write(self, work: Callable[[sqlite3.Connection], None], what: str) -> None:
        """Run `work` in one transaction; while another process holds the write lock, wait,
        tell the learner (`what` is being saved: it is kept meanwhile) and try again."""
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                with _Transaction(self.db):
                    work(self.db)
                return
            except sqlite3.Error as exc:
                if not _locked(exc):
                    raise self._damaged(exc) from None
            if attempt < BUSY_ATTEMPTS and self.on_busy is not None:
                self.on_busy(
                    f"The progress database is locked by another process (waited"
                    f" {BUSY_WAIT:g} s): {what} is kept. Trying again"
                    f" ({attempt + 1} of {BUSY_ATTEMPTS})."
                )
        raise QuizgenError(
            f"the progress database {self.path} stayed locked by another process"
            f" ({BUSY_ATTEMPTS} tries of {BUSY_WAIT:g} s); not saved: {what}"
        )

    def close(self) -> None:
        self.db.close()

    def start_session(self, deck: str, mode: str, when: datetime) -> str:
        session = os.urandom(16).hex()
        self._write(
            lambda db: db.execute(
                "INSERT INTO sessions (id, deck, mode, started) VALUES (?, ?, ?, ?)",
                (session, deck, mode, _iso(when)),
            ),
            "the session's start",
        )
        return session

    def end_session(self, session: str, when: datetime) -> None:
        self._write(
            lambda db: db.execute(
                "UPDATE sessions SET ended = ? WHERE id = ?", (_iso(when), session)
            ),
            "the session's end (every answer is saved)",
        )

    def card_state(self, question: str) -> str | None:
        rows = self.query("SELECT fsrs FROM cards WHERE question = ?", (question,))
        return rows[0][0] if rows else None

    def record(self, session, question, deck, response, grade, when, schedule) -> None:
        """One answer, and the card's new schedule, in one transaction."""

        row = (session, question.id, deck, question.topic, question.kind, _iso(when))
        row = (*row, response, grade.verdict, grade.score)

        def work(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT INTO answers (session, question, deck, topic, kind, answered, response,"
                " verdict, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            if schedule is not None:
                state, due = schedule
                db.execute(
                    "INSERT INTO cards (question, deck, topic, fsrs, due, reviews)"
                    " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT(question) DO UPDATE SET"
                    " fsrs = excluded.fsrs, due = excluded.due, reviews = reviews + 1",
                    (question.id, deck, question.topic, state, _iso(due)),
                )

        self._write(work, f"your answer to {question.id} ({response!r})")

    def due(self, question_ids: list[str], when: datetime) -> list[str]:
        """Of these questions, those due by `when`, the most overdue first."""
        wanted = set(question_ids)
        rows = self.query(
            "SELECT question FROM cards WHERE due <= ? ORDER BY due, question", (_iso(when),)
        )
        return [q for (q,) in rows if q in wanted]

    def seen(self) -> set[str]:
        return {q for (q,) in self.query("SELECT question FROM cards")}

    def decks(self) -> set[str]:
        """Every deck with progress."""
        return {d for (d,) in self.query("SELECT deck FROM sessions UNION SELECT deck FROM cards")}


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (or ROLLBACK on error): one unit of work."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, traceback):
        if self.db.in_transaction:
            self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False
