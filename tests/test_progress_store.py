"""The progress database under trouble: damaged, locked by another process, read-only, and
clocks at the edge of time. Each gives one clean line, never a traceback or a lost answer."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from quizgen.grading import Grader
from quizgen.quiz import store
from quizgen.quiz.session import Session
from quizgen.quiz.store import Progress
from quizgen.quiz.terminal import Terminal, run

from .conftest import ROOT
from .test_quiz import _right_answer, db_rows, env_for, plan, quizgen

NOW = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)


def _damaged_database(folder):
    """A progress database with many answers whose pages past the first are overwritten."""
    folder.mkdir()
    Progress(folder).close()
    db = sqlite3.connect(folder / store.DB_NAME)
    db.execute("PRAGMA journal_mode = DELETE")
    db.executemany(
        "INSERT INTO answers (session, question, answered, verdict, score) VALUES (?, ?, ?, ?, ?)",
        [("s", f"question-{n}", "2026-01-01T00:00:00", "right", 1.0) for n in range(2000)],
    )
    db.commit()
    db.close()
    path = folder / store.DB_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 6 * page] = b"\xde\xad\xbe\xef" * (3 * page // 4)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("command", ["stats", "quiz", "review"])
def test_a_damaged_database_is_refused_cleanly_and_left_alone(tmp_path, command):
    data = tmp_path / "data"
    path = _damaged_database(data)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    args = (command,) if command == "stats" else (command, "--count", "1")
    if command == "stats":
        result = subprocess.run(
            [sys.executable, "-m", "quizgen", "stats"],
            env=env_for(data), capture_output=True, text=True,
        )  # fmt: skip
    else:
        result = quizgen(*args, env=env_for(data), input="a\n", check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: the progress database {path} is damaged (database disk image is malformed);"
        f" quizgen left it as it is: move it aside (mv {path} {path}.damaged) to start afresh\n"
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def _holder(folder):
    """A second, real sqlite connection holding the write lock."""
    holder = sqlite3.connect(folder / store.DB_NAME, check_same_thread=False, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_an_answer_waits_for_a_locked_database_and_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "BUSY_WAIT", 0.2)
    question = plan(1, 3)[0]
    out = io.StringIO()
    held = []

    def answers():  # the lock is taken while the learner types
        held.append(_holder(tmp_path))
        yield _right_answer(question)

    def told(notice):  # the other process lets go once the learner has been told
        terminal.warn(notice)
        held[0].rollback()

    terminal = Terminal(out, answers(), interactive=False)
    progress = Progress(tmp_path, on_busy=told)
    session = Session(Grader(frozenset()), progress, "istanbul-talks", "quiz", lambda: NOW)
    summary = run(session, [question], terminal)
    progress.close()
    held[0].close()
    shown = out.getvalue()
    notice = (
        "The progress database is locked by another process (waited 0.2 s): your answer to"
        f" {question.id} ({_right_answer(question)!r}) is kept. Trying again (2 of 4)."
    )
    assert notice in " ".join(line.strip() for line in shown.splitlines())
    assert "\n  The progress database is locked" in shown
    assert "✓ Right." in shown and summary.correct == 1
    assert db_rows(tmp_path, "SELECT question, verdict FROM answers") == [(question.id, "right")]


def test_a_lock_never_released_ends_with_the_answer_named(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "BUSY_WAIT", 0.05)
    question = plan(1, 3)[0]
    progress = Progress(tmp_path)
    session = Session(Grader(frozenset()), progress, "istanbul-talks", "quiz", lambda: NOW)
    holder = _holder(tmp_path)
    terminal = Terminal(io.StringIO(), iter([_right_answer(question)]), interactive=False)
    with pytest.raises(store.QuizgenError) as caught:
        run(session, [question], terminal)
    holder.close()
    progress.close()
    assert str(caught.value) == (
        f"the progress database {tmp_path / store.DB_NAME} stayed locked by another process"
        f" (4 tries of 0.05 s); not saved: your answer to {question.id}"
        f" ({_right_answer(question)!r})"
    )


def test_stats_reads_without_waiting_or_writing(tmp_path, monkeypatch):
    data = tmp_path / "data"
    questions = plan(2, 8)
    answers = "\n".join(_right_answer(q) for q in questions) + "\n"
    quizgen("quiz", "--seed", "8", "--count", "2", env=env_for(data), input=answers)
    reader = Progress(data, read_only=True)  # sqlite's mode=ro: no write, even as root
    with pytest.raises(sqlite3.OperationalError, match="attempt to write a readonly database"):
        reader.db.execute("CREATE TABLE anything (x)")
    reader.close()
    holder = _holder(data)  # a writer busy: stats reads all the same, at once
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "stats", "--json"],
        env=env_for(data), capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    holder.close()
    assert result.returncode == 0, result.stderr
    assert '"cards": 2' in result.stdout


def test_stats_with_no_progress_creates_nothing(tmp_path):
    folder = tmp_path / "nothing-yet"
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "stats"],
        env=env_for(folder), capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stdout == "Due today: 0\nAnswered in the last 7 days: 0\nQuestions seen: 0\n"
    assert not folder.exists()


@pytest.mark.parametrize("moment", ["9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z"])
@pytest.mark.parametrize("command", ["stats", "quiz"])
def test_a_clock_at_the_edge_of_time_is_refused(tmp_path, moment, command):
    data = tmp_path / "data"
    args = [command] if command == "stats" else [command, "--count", "1", "--path", str(ROOT)]
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", *args],
        env=env_for(data, QUIZGEN_NOW=moment), capture_output=True, text=True, input="a\n",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        f"Error: QUIZGEN_NOW must be a time between the years 1970 and 9000, got '{moment}'\n"
    )
