"""The quiz's session commands, scripted runs, --id, the summary and stats as shown."""

from __future__ import annotations

import json
import re
import sys

import pexpect

from .conftest import ROOT
from .test_quiz import TIMEOUT, _right_answer, _wrong_answer, db_rows, env_for, plan, quizgen

GUARANTORS = "proposed-guarantors.list-list"  # a list of 6 countries
SLUG = "istanbul-talks"
PUTIN = "putin-criticises-western-allies.position-mcq"  # topic: Positions
SUSPENDED = "ukraine-suspends-talks.cause-tf.true"  # topic: Why the 2022 talks collapsed


def spawn_at(args, data_dir, columns=100):
    return pexpect.spawn(
        sys.executable,
        ["-m", "quizgen", *args, "--path", str(ROOT)],
        env=env_for(data_dir, COLUMNS=str(columns)),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, columns),
    )


def run(*args, data, input=None, **extra):
    """quizgen as a process that may fail: the completed process."""
    return quizgen(*args, env=env_for(data, **extra), input=input, check=False)


def test_commands_at_a_list_item_prompt_are_never_items(tmp_path):
    data = tmp_path / "data"
    ceasefire = "ceasefire-call-countries.list-list"
    child = spawn_at(["quiz", "--id", ceasefire, "--id", GUARANTORS], data)
    child.expect("1/2 · ")
    child.expect("> ")
    child.sendline("France")
    for number, item in enumerate(["Germany", "United Kingdom", "Poland"], 2):
        child.expect(re.escape(f"{number}/4 (empty line to finish) > "))
        child.sendline(item)
    child.expect("✓ Right.")
    child.expect("2/2 · ")
    child.expect("> ")
    child.sendline("Belarus")
    child.expect(re.escape("2/6 (empty line to finish) > "))
    child.sendline(":help")
    child.expect(re.escape(":skip  skip this question"))
    child.expect(re.escape("2/6 (empty line to finish) > "))  # the same item asked again
    child.sendline(":quit")
    child.expect("Stopped. Every answer so far is saved.")
    child.expect(re.escape("Score: 1 of 1 (100%); 1 right"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Not on the list" not in child.before
    rows = db_rows(data, "SELECT question, verdict, response FROM answers ORDER BY id")
    assert rows == [(ceasefire, "right", "France, Germany, United Kingdom, Poland")]
    assert db_rows(data, "SELECT question FROM cards") == [(ceasefire,)]  # :quit is no answer


def test_a_scripted_unreadable_line_answers_its_question_only(tmp_path):
    data = tmp_path / "data"
    questions = plan(3, 4, kinds=("mcq",))
    answers = tmp_path / "answers.txt"
    answers.write_text(f"{_right_answer(questions[0])}\nzzz\n{_right_answer(questions[2])}\n")
    result = run(
        "quiz", "--kind", "mcq", "--seed", "4", "--count", "3", "--json",
        "--answers", str(answers), data=data,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(a["id"], a["verdict"]) for a in document["answers"]] == [
        (questions[0].id, "right"),
        (questions[1].id, "unreadable"),
        (questions[2].id, "right"),
    ]
    assert "  Answer with one letter A–" in result.stderr
    assert "(recorded as unreadable)" in result.stderr
    assert document["missed"] == [
        {"id": questions[1].id, "verdict": "unreadable", "expected": _expected(questions[1])}
    ]
    assert db_rows(data, "SELECT COUNT(*) FROM cards") == [(2,)]  # no review from it


def _expected(q):
    from quizgen.grading import expected

    return expected(q)


def test_id_asks_those_questions_and_the_score_is_rounded(tmp_path):
    data = tmp_path / "data"
    result = run("quiz", "--id", GUARANTORS, data=data, input="Belarus, Canada\n")
    assert result.returncode == 0, result.stderr
    assert "Question 1 of 1 (Guarantors)" in result.stdout
    assert "◐ Partly right (33%)." in result.stdout
    assert "Score: 0.33 of 1 (33%); 0 right, 1 partly right" in result.stdout
    assert "0.333" not in result.stdout
    assert f"    id: {GUARANTORS}\n" in result.stdout

    review = run("review", "--id", GUARANTORS, "--json", data=data, input=":skip\n")
    assert [a["id"] for a in json.loads(review.stdout)["answers"]] == [GUARANTORS]


def test_an_unknown_id_is_a_usage_error_naming_it(tmp_path):
    result = run("quiz", "--id", GUARANTORS, "--id", "no-such-question", data=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "Error: --id no-such-question: no such question in the deck 'istanbul-talks'"
        " (with these --topic and --kind); `quizgen questions` lists the ids\n"
    )


def test_nothing_to_ask_is_an_error(tmp_path):
    result = run("quiz", "--topic", "people", "--kind", "numeric", data=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: nothing to ask: no question matches these --topic and --kind\n"
    )
    assert not (tmp_path / "progress.sqlite3").exists()


def test_help_keeps_its_indent_and_the_summary_fits_40_columns(tmp_path):
    data = tmp_path / "data"
    child = spawn_at(["quiz", "--id", GUARANTORS, "--id", SUSPENDED], data, 40)
    child.expect("> ")
    child.sendline(":help")
    child.expect(r"Commands: .*?\n(?=.*> )")
    lines = [line.rstrip("\r") for line in child.before.splitlines()]
    lines = lines[lines.index("  Type your answer and press Enter.") :]
    assert max(len(line) for line in lines) <= 40
    assert lines[1:3] == [
        "    multiple choice: a letter (select",
        "      all: several letters, e.g. AC)",
    ]
    child.sendline("Belarus, Canada")
    child.expect("2/2 · ")
    child.expect("> ")
    child.sendline("f")
    child.expect(re.escape("Go again over the 2 missed? [y/N] "))
    summary = child.before[child.before.index("Score:") :].replace("\r", "").splitlines()
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert max(len(line) for line in summary) <= 40, summary
    assert summary[:10] == [  # in the topics' order: guarantors before collapse-causes
        "Score: 0.33 of 2 (17%); 0 right, 1",
        "partly right",
        "  Guarantors                   0/1 right",
        "  Why the 2022 talks collapsed",
        "                               0/1 right",
        "Missed (quizgen quiz --id ID asks one",
        "again):",
        "  - The article names six proposed",
        "    guarantors of Ukraine's security in",
        "    the draft 2022 Istanbul Communiqué",
    ]
    # an id is never split: too long for its indent, it stands at the margin
    assert f"    id: {GUARANTORS}" in summary and f"id: {SUSPENDED}" in summary


def _stats(data, *args, columns=100):
    return run("stats", *args, data=data, COLUMNS=str(columns))


def _some_progress(data, tmp_path):
    answers = tmp_path / "answers.txt"
    questions = plan(6, 21)
    lines = [_right_answer(questions[0])] + [_wrong_answer(q) for q in questions[1:]]
    answers.write_text("\n".join(lines) + "\n")
    quizgen("quiz", "--seed", "21", "--count", "6", "--answers", str(answers), env=env_for(data))
    return questions


def test_stats_takes_a_slug_or_a_recipe_and_refuses_an_unknown_deck(tmp_path):
    data = tmp_path / "data"
    _some_progress(data, tmp_path)
    by_slug = json.loads(_stats(data, "--deck", SLUG, "--json").stdout)
    by_file = json.loads(
        _stats(data, "--deck", str(ROOT / "decks/istanbul-talks.yaml"), "--json").stdout
    )
    assert by_slug == by_file and by_slug["cards"] == 6
    unknown = _stats(data, "--deck", "nope")
    assert unknown.returncode == 2
    assert (
        unknown.stderr == "Error: --deck nope: no such deck (decks with progress: istanbul-talks)\n"
    )


def test_stats_at_40_columns_in_the_recipes_topic_order_with_partial_credit_apart(tmp_path):
    data = tmp_path / "data"
    ids = ("--id", GUARANTORS, "--id", SUSPENDED, "--id", PUTIN)
    quizgen("quiz", *ids, env=env_for(data), input="Belarus, Canada\nt\nA\n")
    result = _stats(data, "--deck", SLUG, columns=40)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert lines[4:] == [  # the recipe's order (positions, guarantors, collapse-causes)
        "topic      answers  right  partly  score",
        "Positions        1      1       0   100%",
        "Guarantors",
        "                 1      0       1    33%",
        "Why the 2022 talks collapsed",
        "                 1      1       0   100%",
        "score: the points won, a partly right",
        "answer counting its share",
    ]
