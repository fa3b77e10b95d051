"""A build never loses the student's work, never leaves a file behind, never crashes: the
Anki state across partial builds, damaged caches and state, content that would break an
output, temporary files, and the command line's edges."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .conftest import replace_in
from .test_anki import build, import_into

STATE = "decks/istanbul-talks.anki-state.json"
GOLDEN = Path(__file__).parent / "golden" / "questions.json"
SHIPPED = len(json.loads(GOLDEN.read_text(encoding="utf-8"))["decks"][0]["questions"])
"""How many questions the shipped recipe makes: the reviewed golden record's count."""
HINT = (
    f"  hint: restore it from version control (git checkout -- {STATE}); deleting it makes "
    "every note new, and importing the next deck would overwrite your edits in Anki\n"
)


def snapshot(*folders: Path) -> dict:
    return {p: p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


# --- the Anki state across partial builds ---------------------------------------------


@pytest.mark.parametrize("narrower", [["--topic", "people"], ["--count", "5"]])
def test_a_partial_build_keeps_every_note_of_the_anki_state(
    shipped, cli, collection, monkeypatch, narrower
):
    build(cli, shipped, monkeypatch=monkeypatch)
    import_into(collection, shipped / "dist" / "istanbul-talks.apkg")
    (nid,) = collection.find_notes(
        "tag:quizgen::fact::putin-criticises-western-allies tag:quizgen::kind::cloze"
    )
    note = collection.get_note(nid)
    note["Explanation"] = "my own note"
    collection.update_note(note)

    partial = build(cli, shipped, *narrower, monkeypatch=monkeypatch, epoch="1900000000")
    assert re.search(r"^dist/istanbul-talks.apkg .* \d+$", partial.stdout, re.M)
    full = build(cli, shipped, monkeypatch=monkeypatch, epoch="1900000000")
    assert re.search(r"0 new, 0 changed, \d+ unchanged since the last build", full.stdout)
    assert "retired" not in full.stdout
    import_into(collection, shipped / "dist" / "istanbul-talks.apkg")
    assert collection.get_note(nid)["Explanation"] == "my own note"


# --- selections -------------------------------------------------------------------------


def test_an_unknown_topic_is_a_usage_error_and_touches_nothing(shipped, cli):
    build(cli, shipped)
    before = snapshot(shipped / "dist", shipped / "decks")
    result = cli("build", "--topic", "nosuch", cwd=shipped)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown topic 'nosuch' (choose from: people, positions, communique, "
        "guarantors, collapse-causes, timeline, figures)\n"
    )
    assert snapshot(shipped / "dist", shipped / "decks") == before


def test_a_selection_of_nothing_builds_nothing_and_says_so(mini, cli):
    cli("build", "--format", "apkg,md,csv", cwd=mini)
    before = snapshot(mini / "dist", mini / "decks")
    result = cli("build", "--format", "apkg,md,csv", "--topic", "communique", cwd=mini)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: no questions in 'Mini' with --topic communique: nothing built\n"
    assert snapshot(mini / "dist", mini / "decks") == before


# --- the question cache -----------------------------------------------------------------


def cache_file(tmp_path: Path) -> Path:
    (entry,) = (tmp_path / "home" / "quizgen-cache").glob("questions-*.jsonl")
    return entry


def built_count(cli, project: Path) -> str:
    result = cli("build", "--format", "json", cwd=project)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[-1]


def cut_mid_line(text: str) -> str:
    return text[: len(text) // 2]


def cut_at_line_end(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(lines[: len(lines) // 2])


def foreign_line(text: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[3] = '{"something": "else"}\n'
    return "".join(lines)


@pytest.mark.parametrize("damage", [cut_mid_line, cut_at_line_end, foreign_line])
def test_a_damaged_question_cache_is_made_again(shipped, cli, tmp_path, damage):
    whole = built_count(cli, shipped)
    assert whole.endswith(f" {SHIPPED}")
    entry = cache_file(tmp_path)
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    assert built_count(cli, shipped) == whole
    assert built_count(cli, shipped) == whole  # and the entry made again is whole


def test_a_quiz_with_a_damaged_cache_has_every_question(mini, cli, tmp_path):
    cli("build", "--format", "json", cwd=mini)
    entry = cache_file(tmp_path)
    entry.write_text(cut_at_line_end(entry.read_text(encoding="utf-8")), encoding="utf-8")
    (mini / "answers.txt").write_text("t\n" * 20)
    result = cli(
        "quiz", "--answers", "answers.txt", "--kind", "tf", "--count", "20", "--json", cwd=mini
    )
    assert result.exit_code == 0, result.output
    # every true-or-false question of mini, one a fact (a fact is asked once a session)
    assert json.loads(result.stdout)["answered"] == 5


def limited(max_bytes: int):
    """For a child process: no file may grow past `max_bytes` (as on a full disk)."""

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return limit


def run_limited(project: Path, tmp_path: Path, max_bytes: int, *args: str):
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(scratch)}
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "build", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=limited(max_bytes),
    )
    return result, scratch


def test_a_cache_that_cannot_be_written_means_working_without_it(mini, tmp_path):
    result, _ = run_limited(mini, tmp_path, 8000, "--format", "md")
    cache = tmp_path / "home" / "quizgen-cache"
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "warning: cannot write the question cache in "
        f"{cache} (File too large): working without it\n"
    )
    assert list(cache.iterdir()) == []
    assert (mini / "dist" / "mini.md").stat().st_size > 4000


def test_a_full_temporary_folder_during_an_apkg_build_is_a_clean_error(mini, tmp_path):
    result, scratch = run_limited(mini, tmp_path, 8000, "--format", "apkg")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith(
        f"Error: cannot make the Anki collection in the temporary folder {scratch}: "
        "disk I/O error (free some space there, or point TMPDIR at a folder with "
        "room)\n"
    )
    assert list(scratch.iterdir()) == []
    assert not (mini / "dist").exists() or list((mini / "dist").iterdir()) == []


# --- a damaged Anki state ---------------------------------------------------------------


def state_error(shipped, cli, damage) -> str:
    state = shipped / STATE
    damage(state)
    before = state.read_bytes()
    result = cli("build", "--format", "apkg", cwd=shipped)
    assert result.exit_code == 1
    assert state.read_bytes() == before
    assert not (shipped / "dist").exists()
    return result.stderr


def line_11(path: Path) -> tuple[str, str]:
    """The GUID and time of the note on line 11 of the state (its third note)."""
    line = path.read_text(encoding="utf-8").split("\n")[10]
    guid, time = re.match(r'\s*"([^"]+)": \["[0-9a-f]+", (\d+)', line).groups()
    return guid, time


def test_an_anki_state_of_other_bytes_than_utf8_is_an_error(shipped, cli):
    guid = line_11(shipped / STATE)[0].encode()
    stderr = state_error(
        shipped, cli, lambda p: p.write_bytes(p.read_bytes().replace(guid, b"A\xff\xfe", 1))
    )
    assert stderr == (
        f"{STATE}:11: not UTF-8 text (byte 0xff)\n" + HINT + "Error: 1 problem in the Anki "
        "build state.\n"
    )


@pytest.mark.parametrize(
    ("time", "message"),
    [
        ('"soon"', 'the time "soon" is not a whole number of seconds'),
        ("1.5", "the time 1.5 is not a whole number of seconds"),
        ("-1", "the time -1 is out of range (seconds since 1970, before the year 10000)"),
        ("1e400", "the time Infinity is not a whole number of seconds"),
        (
            "99999999999999",
            "the time 99999999999999 is out of range (seconds since 1970, before the year 10000)",
        ),
    ],
)
def test_an_anki_state_with_a_bad_time_is_an_error(shipped, cli, time, message):
    guid, old = line_11(shipped / STATE)
    stderr = state_error(
        shipped, cli, lambda p: replace_in(p, f'"{guid}": ["', f'"{guid}": ["')
        or p.write_text(re.sub(rf'("{re.escape(guid)}": \["[0-9a-f]+", ){old}', rf"\g<1>{time}",
                               p.read_text(encoding="utf-8")), encoding="utf-8"),
    )  # fmt: skip
    assert stderr == (
        f"{STATE}:11: note '{guid}': {message}\n" + HINT + "Error: 1 problem in the Anki "
        "build state.\n"
    )


# --- content that would break an output -----------------------------------------------


def test_anki_template_syntax_in_a_fact_shows_as_written(mini, cli, collection):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(facts, "role: a minister", 'role: "a minister {{c1::x}} {{Front}} }"')
    replace_in(facts, "counts: the number of", 'counts: "the {{c2::y}} number of')
    replace_in(facts, "who attended\n", 'who attended"\n')
    recipe = mini / "decks" / "mini.yaml"  # every question, so every note type is checked
    recipe.write_text(recipe.read_text(encoding="utf-8") + "select: {anki: all}\n")
    build(cli, mini)
    import_into(collection, mini / "dist" / "mini.apkg")

    def shown(query: str) -> str:
        (nid,) = collection.find_notes(query)
        card = collection.get_card(collection.get_note(nid).card_ids()[0])
        page = re.sub(r"<style>.*?</style>", "", card.question(), flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", page))

    front = shown("tag:quizgen::fact::ada-lovelace tag:quizgen::kind::short")
    assert "Which minister {{c1::x}} {{Front}} } does the article name?" in front
    assert front.count("does the article name") == 1  # {{Front}} did not repeat the front
    cloze = shown("tag:quizgen::fact::delegates tag:quizgen::kind::cloze")
    assert re.sub(r"\s+", " ", cloze).strip() == (
        "The {{c2::y}} number of delegates who attended is about [...] ."  # the unit said once
    )
    (nid,) = collection.find_notes("tag:quizgen::kind::cloze")
    assert len(collection.get_note(nid).card_ids()) == 1  # no second cloze card


def test_csv_cells_never_start_a_formula(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(facts, "name: Ada Lovelace", 'name: "=Ada Lovelace"')
    replace_in(facts, "role: a minister", 'role: "+a minister"')
    cli("build", "--format", "csv", cwd=mini)
    text = (mini / "dist" / "mini.csv").read_text(encoding="utf-8")
    rows = [r for r in csv.reader(line for line in text.splitlines() if line[:1] != "#")]
    cells = [cell for row in rows for cell in row[:2]]
    assert not [c for c in cells if c[:1] in "=+-@"]
    assert "&#61;Ada Lovelace<br>=Ada Lovelace is +a minister." in [
        c.split("<br>“")[0] for c in cells
    ]
    tsv = (mini / "dist" / "mini.quizlet.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[0].split("\t")[1].startswith("'=Ada Lovelace / =Ada Lovelace is +a minister.")
    assert not [c for line in tsv for c in line.split("\t") if c[:1] in "=+-@"]


def test_a_line_break_in_a_field_keeps_a_markdown_item_whole(mini):
    import dataclasses

    import markdown

    from quizgen.exporters import ExportJob
    from quizgen.exporters.markdown import render
    from quizgen.pipeline import deck_questions

    ((deck, seed, questions),) = deck_questions(mini, kinds=("mcq",))
    (mcq,) = questions
    broken = dataclasses.replace(mcq, choices=("one\n- two", *mcq.choices[1:]))
    text = render(ExportJob(deck, [broken], {}, mini, 0, seed=seed))
    assert "- A. one<br>- two\n" in text
    page = markdown.markdown(text)
    assert page.count("<li>") == len(mcq.choices)


# --- leftovers --------------------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporary_files_are_cleaned_and_live_ones_kept(mini, cli, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    dist, cache = mini / "dist", tmp_path / "home" / "quizgen-cache"
    dist.mkdir()
    cache.mkdir()
    dead = dead_pid()
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as live:
        stale = [
            dist / f".mini.apkg.quizgen-{dead}-abc123.part",
            scratch / f"quizgen-{dead}-k2j3.anki2",
            cache / f"questions-0123456789abcdef.quizgen-{dead}-x1.part",
        ]
        kept = [
            dist / f".mini.md.quizgen-{live.pid}-abc123.part",
            scratch / f"quizgen-{live.pid}-zz.anki2",
            scratch / "tmpq1w2e3.anki2",  # not named as quizgen's
            dist / ".notes.part",
        ]
        for path in stale + kept:
            path.write_text("left over")
        result = cli("build", "--format", "apkg,md", cwd=mini)
        live.kill()
    assert result.exit_code == 0, result.output
    assert [p for p in stale if p.exists()] == []
    assert [p for p in kept if p.exists()] == kept
    assert sorted(p.name for p in scratch.iterdir()) == sorted(
        p.name for p in kept if p.parent == scratch
    )


# --- the command line ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--forms", ""], "--forms: empty (give single letters, e.g. A,B)"),
        (["--forms", "A,A"], "--forms: 'A' is given twice"),
        (["--forms", "A,,B"], "--forms: an empty item in 'A,,B' (give single letters, e.g. A,B)"),
        (["--forms", "AB"], "--forms: forms are single letters, e.g. A,B"),
        (["--format", ""], "--format: empty (give formats, e.g. apkg,pdf)"),
        (["--format", ","], "--format: an empty item in ',' (give formats, e.g. apkg,pdf)"),
        (["--format", "md,md"], "--format: 'md' is given twice"),
        (["--out", ""], "--out: an output folder is needed, e.g. --out dist"),
    ],
)
def test_empty_or_repeated_option_values_are_usage_errors(mini, cli, args, message):
    result = cli("build", *args, cwd=mini)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert not (mini / "dist").exists()


@pytest.mark.parametrize("command", ["build", "questions", "quiz", "review"])
def test_a_missing_deck_file_is_a_usage_error_for_every_command(mini, cli, command):
    result = cli(command, "--deck", "nosuch.yaml", cwd=mini)
    assert result.exit_code == 2
    assert result.stderr == "Error: nosuch.yaml: no such deck recipe\n"
