"""GIFT, Markdown, CSV and JSON beside the deck and the worksheets; one id everywhere."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from anki.collection import Collection
from pypdf import PdfReader

from quizgen.build import chosen_for
from quizgen.exporters.anki_ids import guid_for
from quizgen.pipeline import deck_questions

from .conftest import ROOT, replace_in
from .gift_parser import parse

FORMATS = ("apkg", "html", "pdf", "gift", "moodle", "qti", "md", "csv", "json")


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A fresh clone of the repository's files (no dist/), built with no arguments."""
    target = tmp_path_factory.mktemp("clone") / "quizgen"
    target.mkdir()
    for name in ("facts", "decks"):
        shutil.copytree(ROOT / name, target / name)
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "build"], cwd=target, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return target, result.stdout


def test_a_bare_build_makes_every_format_and_ends_with_a_table(clone):
    project, stdout = clone
    dist = project / "dist"
    names = sorted(p.name for p in dist.iterdir())
    assert names == sorted(
        [
            "istanbul-talks.apkg",
            "istanbul-talks.gift.txt",
            "istanbul-talks.moodle.xml",
            "istanbul-talks.qti.zip",
            "istanbul-talks.md",
            "istanbul-talks.csv",
            "istanbul-talks.quizlet.tsv",
            "istanbul-talks.json",
            *(
                f"istanbul-talks-form-{f}{k}.{e}"
                for f in "AB"
                for k in ("", "-key")
                for e in ("html", "pdf")
            ),
        ]
    )
    table = stdout.split("\nfile ")[1].splitlines()
    assert table[0].split() == ["size", "questions"]
    rows = {line.split()[0]: line.split() for line in table[1:]}
    assert set(rows) == {f"dist/{n}" for n in names}
    ((_deck, _seed, questions),) = deck_questions(project)
    assert rows["dist/istanbul-talks.gift.txt"][-1] == str(len(questions))
    assert rows["dist/istanbul-talks-form-A.pdf"][-1] == "20"


def test_question_ids_agree_across_every_format(clone):
    project, _ = clone
    dist = project / "dist"
    document = json.loads((dist / "istanbul-talks.json").read_text(encoding="utf-8"))
    (deck,) = document["decks"]
    ids = [q["id"] for q in deck["questions"]]
    assert deck["title"] == "Istanbul Talks" and deck["id"] == 2081547311

    gift = parse((dist / "istanbul-talks.gift.txt").read_text(encoding="utf-8"))
    assert [q.title for q in gift] == ids
    markdown = (dist / "istanbul-talks.md").read_text(encoding="utf-8")
    assert re.findall(r"<sub>(.*?)</sub>", markdown) == ids
    rows = list(
        csv.reader(
            line for line in (dist / "istanbul-talks.csv").open() if not line.startswith("#")
        )
    )
    ((recipe, seed, questions),) = deck_questions(project)
    in_anki = [q.id for q in chosen_for(recipe, "apkg", questions, None, seed)[0]]
    assert set(in_anki) < set(ids)  # the deck takes its selection (questions/selection.py)
    assert [r[4] for r in rows] == [guid_for(i) for i in in_anki]
    with zipfile.ZipFile(dist / "istanbul-talks.apkg") as archive:
        db_path = project / "collection.anki2"
        db_path.write_bytes(archive.read("collection.anki2"))
    import sqlite3

    guids = {g for (g,) in sqlite3.connect(db_path).execute("SELECT guid FROM notes")}
    assert guids == {guid_for(i) for i in in_anki}
    key = "".join(p.extract_text() for p in PdfReader(dist / "istanbul-talks-form-A-key.pdf").pages)
    on_sheet = [q.id for q in chosen_for(recipe, "pdf", questions, None, seed)[0]]
    assert len(on_sheet) == 20 and set(on_sheet) <= set(ids)
    compact = "".join(key.split())
    assert all(i in compact for i in on_sheet)


def test_json_is_the_questions_json(clone):
    project, _ = clone
    built = json.loads((project / "dist" / "istanbul-talks.json").read_text(encoding="utf-8"))
    listed = subprocess.run(
        [sys.executable, "-m", "quizgen", "questions", "--format", "json"],
        cwd=project, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert built == json.loads(listed.stdout)
    assert built["format"] == "quizgen.questions/1"


def test_gift_escapes_its_special_characters(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    tricky = "a minister ~ = # { } : \\ of things"
    replace_in(facts, "role: a minister", f"role: '{tricky}'")
    replace_in(facts, "aliases: [Lovelace]", "aliases: [Lovelace, 'A:D=A~#{x}']")
    assert cli("build", "--format", "gift", cwd=mini).exit_code == 0
    text = (mini / "dist" / "mini.gift.txt").read_text(encoding="utf-8")
    parsed = {q.title: q for q in parse(text)}
    short = parsed["ada-lovelace.person-short"]
    assert short.shown == f"Which {tricky.removeprefix('a ')} does the article name?"
    assert [a for a, _w in short.answers] == ["Ada Lovelace", "Lovelace", "A:D=A~#{x}"]


def test_the_csv_imports_into_anki(clone, tmp_path):
    project, _ = clone
    ((deck, seed, questions),) = deck_questions(project)
    questions = chosen_for(deck, "csv", questions, None, seed)[0]
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        path = str(project / "dist" / "istanbul-talks.csv")
        metadata = col.get_csv_metadata(path, None)
        from anki.collection import ImportCsvRequest

        log = col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log
        assert len(log.new) == len(questions)
        assert col.note_count() == len(questions)
        assert len(col.find_notes('"deck:Istanbul Talks::Guarantors"')) == sum(
            q.topic == "guarantors" for q in questions
        )
        assert col.find_notes("tag:quizgen::kind::mcq")
        note = col.get_note(col.find_notes("tag:quizgen::fact::yury-ushakov")[0])
        assert "Kremlin aide" in note["Front"] and "“" in note["Back"]
    finally:
        col.close()


def test_quizlet_tsv_is_term_tab_definition(clone):
    project, _ = clone
    lines = (
        (project / "dist" / "istanbul-talks.quizlet.tsv").read_text(encoding="utf-8").splitlines()
    )
    ((deck, seed, questions),) = deck_questions(project)
    assert len(lines) == len(chosen_for(deck, "csv", questions, None, seed)[0])
    assert all(line.count("\t") == 1 for line in lines)


def test_markdown_is_a_study_sheet_with_answers_folded(clone):
    project, _ = clone
    text = (project / "dist" / "istanbul-talks.md").read_text(encoding="utf-8")
    ((_deck, _seed, questions),) = deck_questions(project)
    assert text.startswith("# Istanbul Talks\n")
    assert text.count("<details><summary>Answer</summary>") == len(questions)
    assert re.findall(r"^## (.+)$", text, re.M)[:2] == ["People", "Positions"]
    assert "> Kremlin aide Yury Ushakov mentioned on Sunday" in text


def test_markdown_escapes_fact_text(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(facts, "role: a minister", "role: a <b>minister</b> *now*")
    assert cli("build", "--format", "md", cwd=mini).exit_code == 0
    text = (mini / "dist" / "mini.md").read_text(encoding="utf-8")
    assert "a &lt;b&gt;minister&lt;/b&gt; \\*now\\*" in text and "<b>" not in text
