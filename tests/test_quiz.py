"""The terminal quiz, driven in a real pseudo-terminal (pexpect), and its progress store."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys

import pexpect
import pytest

from quizgen.grading import LETTERS
from quizgen.pipeline import deck_questions
from quizgen.quiz.start import select_for_quiz

from .conftest import ROOT

TIMEOUT = 30


def env_for(data_dir, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({"QUIZGEN_DATA_DIR": str(data_dir), "NO_COLOR": "1", "COLUMNS": "100"})
    env.update(extra)
    return env


def spawn(args, data_dir, **extra):
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizgen", *args, "--path", str(ROOT)],
        env=env_for(data_dir, **extra),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )
    return child


def quizgen(*args, env, **kwargs):
    """Run quizgen as a process on the shipped project; return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "quizgen", *args, "--path", str(ROOT)],
        env=env,
        capture_output=True,
        text=True,
        **{"check": True, **kwargs},
    )


def plan(count, seed, kinds=None):
    ((_deck, _seed, questions),) = deck_questions(ROOT, kinds=kinds)
    return select_for_quiz(questions, count, seed)


def typo_of(text):
    """The longest word with two inner letters swapped: a typo within tolerance."""
    words = text.split()
    longest = max(words, key=len)
    assert len(longest) >= 6
    swapped = longest[:2] + longest[3] + longest[2] + longest[4:]
    return text.replace(longest, swapped, 1)


def first_line(prompt):
    return re.escape(prompt[:40])


def db_rows(data_dir, sql):
    db = sqlite3.connect(data_dir / "progress.sqlite3")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_a_full_session_then_ctrl_c_in_a_second(tmp_path):
    data = tmp_path / "data"
    seed = next(  # the first seed whose six questions hold every kind asked for
        s
        for s in range(1, 200)
        if {"mcq", "short", "list"} <= {q.kind for q in plan(6, s, kinds=("mcq", "short", "list"))}
    )
    questions = plan(6, seed, kinds=("mcq", "short", "list"))
    child = spawn(
        [
            "quiz",
            "--seed",
            str(seed),
            "--count",
            "6",
            "--kind",
            "mcq",
            "--kind",
            "short",
            "--kind",
            "list",
        ],
        data,
    )
    expected = {}
    wrong_done = typo_done = False
    for number, q in enumerate(questions, 1):
        child.expect(rf"{number}/6 · ")
        child.expect(first_line(q.prompt))
        child.expect("> ")
        if q.kind == "mcq" and not wrong_done:
            answer = LETTERS[(q.key[0] + 1) % len(q.choices)]
            expected[q.id], wrong_done = "wrong", True
            child.sendline(answer)
            child.expect("✗ Not this time.")
            child.expect("The answer: ")
        elif q.kind == "mcq":
            child.sendline(LETTERS[q.key[0]].lower())
            expected[q.id] = "right"
            child.expect("✓ Right.")
        elif (
            q.kind == "short"
            and not typo_done
            and len(max(q.answers[0].text.split(), key=len)) >= 6
        ):
            child.sendline(typo_of(q.answers[0].text))
            expected[q.id], typo_done = "typo", True
            child.expect("✓ Right, with a typo.")
            child.expect("it is spelled")
        elif q.kind == "short":
            child.sendline(q.answers[0].aliases[0] if q.answers[0].aliases else q.answers[0].text)
            expected[q.id] = "right"
            child.expect("✓ Right.")
        else:  # list recall, comma-separated
            child.sendline(", ".join(a.text for a in q.answers))
            expected[q.id] = "right"
            child.expect("✓ Right.")
        child.expect("From the article: ")
    child.expect(r"Score: \d")
    child.expect(re.escape("Missed (quizgen quiz --id ID asks one again):"))
    missed = [i for i, verdict in expected.items() if verdict == "wrong"]
    child.expect(re.escape(f"id: {missed[0]}"))
    child.expect(r"Go again over the 1 missed\? \[y/N\] ")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert wrong_done

    # a second session, interrupted with Ctrl-C at its third question
    second = plan(5, 12)
    child = spawn(["quiz", "--seed", "12", "--count", "5"], data)
    for number, q in enumerate(second[:2], 1):
        child.expect(rf"{number}/5 · ")
        child.expect("> ")
        child.sendline(":skip" if number == 1 else _right_answer(q))
        child.expect("Skipped" if number == 1 else "From the article: ")
    child.expect("3/5 · ")
    child.expect("> ")
    child.sendintr()
    child.expect("Stopped. Every answer so far is saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    rows = db_rows(data, "SELECT question, verdict FROM answers ORDER BY id")
    assert rows[:6] == [(q.id, expected[q.id]) for q in questions]
    assert rows[6:] == [(second[0].id, "skipped"), (second[1].id, "right")]
    assert db_rows(data, "PRAGMA integrity_check") == [("ok",)]
    stats = subprocess.run(
        [sys.executable, "-m", "quizgen", "stats", "--json"],
        env=env_for(data),
        capture_output=True,
        text=True,
        check=True,
    )
    numbers = json.loads(stats.stdout)
    assert sum(t["answered"] for t in numbers["topics"].values()) == 7  # skips are not answers
    assert numbers["reviewed_this_week"] == 7
    assert numbers["cards"] == 7


def _right_answer(q):
    if q.kind in ("mcq", "multi"):
        return "".join(LETTERS[i] for i in q.key)
    if q.kind == "tf":
        return "t" if q.key[0] == 0 else "f"
    if q.kind == "chronology":
        return "".join(LETTERS[i] for i in q.key)
    if q.kind == "matching":
        return " ".join(f"{n}{LETTERS[i].lower()}" for n, i in enumerate(q.key, 1))
    if q.kind == "list":
        return ", ".join(a.text for a in q.answers)
    return q.answers[0].text


def test_sigkill_keeps_every_answer_committed_before_it(tmp_path):
    data = tmp_path / "data"
    questions = plan(8, 21)
    child = spawn(["quiz", "--seed", "21", "--count", "8"], data)
    for number, q in enumerate(questions[:3], 1):
        child.expect(rf"{number}/8 · ")
        child.expect("> ")
        child.sendline(_right_answer(q))
        child.expect("From the article: ")
    child.expect("4/8 · ")
    child.expect("> ")
    child.send("half an answ")  # in flight, never sent
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    rows = db_rows(data, "SELECT question, verdict FROM answers ORDER BY id")
    assert rows == [(q.id, "right") for q in questions[:3]]
    assert db_rows(data, "PRAGMA integrity_check") == [("ok",)]


def test_colour_only_in_a_terminal_and_never_with_no_color(tmp_path):
    data = tmp_path / "data"
    env = env_for(data)
    env.pop("NO_COLOR")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizgen", "quiz", "--seed", "3", "--count", "1", "--path", str(ROOT)],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    child.expect("> ")
    assert "\x1b[" in child.before
    child.sendintr()
    child.expect(pexpect.EOF)
    child = spawn(["quiz", "--seed", "3", "--count", "1"], data)
    child.expect("> ")
    assert "\x1b[" not in child.before
    child.sendintr()
    child.expect(pexpect.EOF)


def test_piped_input_runs_plain_and_json_is_for_scripts(tmp_path):
    data = tmp_path / "data"
    questions = plan(3, 5)
    answers = "\n".join(_right_answer(q) for q in questions) + "\n"
    result = quizgen(
        "quiz", "--seed", "5", "--count", "3", "--json", env=env_for(data), input=answers
    )
    assert "\x1b[" not in result.stderr
    assert "Question 1 of 3 (" in result.stderr and "1/3 · " not in result.stderr
    document = json.loads(result.stdout)
    assert document["answered"] == 3 and document["correct"] == 3
    assert [a["id"] for a in document["answers"]] == [q.id for q in questions]


def _wrong_answer(q):
    if q.kind in ("mcq", "tf"):
        return LETTERS[(q.key[0] + 1) % len(q.choices)] if q.kind == "mcq" else "tf"[q.key[0]]
    if q.kind == "chronology":
        return "".join(LETTERS[i] for i in reversed(q.key))
    if q.kind in ("multi", "matching", "numeric"):
        return {
            "multi": "".join(LETTERS[i] for i in range(len(q.choices)) if i not in q.key) or "A",
            "matching": "1a",
            "numeric": "123456789",
        }[q.kind]
    if (q.answer_text or "").isdigit():  # a year: an answer the grader can read, and wrong
        return "1234"
    return "nothing like it"


def test_review_asks_what_is_due_before_new_questions(tmp_path):
    data = tmp_path / "data"
    questions = plan(4, 9)
    answers = tmp_path / "answers.txt"
    answers.write_text(
        "\n".join(
            [
                _right_answer(questions[0]),
                _wrong_answer(questions[1]),
                _right_answer(questions[2]),
                ":skip",
            ]
        )
    )
    monday = env_for(data, QUIZGEN_NOW="2026-01-05T09:00:00Z")
    quizgen("quiz", "--seed", "9", "--count", "4", "--answers", str(answers), env=monday)
    due = [q for (q,) in db_rows(data, "SELECT question FROM cards ORDER BY due, question")]
    assert set(due) == {q.id for q in questions[:3]}  # a skip is not a review

    skips = tmp_path / "skips.txt"
    skips.write_text(":skip\n" * 6)
    now = quizgen("review", "--count", "6", "--json", "--answers", str(skips), env=monday)
    asked_now = [a["id"] for a in json.loads(now.stdout)["answers"]]
    assert not set(asked_now) & set(due)  # nothing is due yet: only new questions

    later = env_for(data, QUIZGEN_NOW="2026-03-01T09:00:00Z")  # the clock moved forward
    result = quizgen("review", "--count", "6", "--json", "--answers", str(skips), env=later)
    asked = [a["id"] for a in json.loads(result.stdout)["answers"]]
    assert asked[:3] == due
    assert len(asked) == 6 and not set(asked[3:]) & set(due)


def test_two_sessions_at_once_do_not_corrupt_progress(tmp_path):
    data = tmp_path / "data"
    runs = []
    for seed in (31, 32):
        questions = plan(10, seed)
        answers = tmp_path / f"answers-{seed}.txt"
        answers.write_text("\n".join(_right_answer(q) for q in questions) + "\n")
        runs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "quizgen",
                    "quiz",
                    "--seed",
                    str(seed),
                    "--count",
                    "10",
                    "--answers",
                    str(answers),
                    "--path",
                    str(ROOT),
                ],
                env=env_for(data),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for run in runs:
        assert run.wait(timeout=60) == 0, run.stderr.read()
    assert db_rows(data, "SELECT COUNT(*) FROM answers") == [(20,)]
    assert db_rows(data, "SELECT COUNT(DISTINCT session) FROM answers") == [(2,)]
    assert db_rows(data, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("command", [":help", ":nonsense"])
def test_session_keys_do_not_collide_with_answers(tmp_path, command):
    data = tmp_path / "data"
    child = spawn(["quiz", "--seed", "3", "--count", "1"], data)
    child.expect("> ")
    child.sendline(command)
    child.expect(":skip" if command == ":help" else "Unknown command :nonsense: try :help")
    child.expect("> ")
    child.sendline(":quit")
    child.expect("Stopped.")
    child.expect(pexpect.EOF)
    assert db_rows(data, "SELECT COUNT(*) FROM answers") == [(0,)]
