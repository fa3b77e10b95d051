"""The kind registry: each question kind defined once, every output dispatching on answer
shapes, and an 11th kind added from outside with nothing but its template and its entry."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from pypdf import PdfReader

from quizgen import vocab
from quizgen.exporters import anki_notes, gift, moodle_xml, qti, shown
from quizgen.facts.kinds import Event
from quizgen.grading import choices as grading_choices
from quizgen.questions import Answer, Question, answers, choosing, kinds
from quizgen.questions.drafts import Draft
from quizgen.quiz import terminal

from .conftest import ROOT, replace_in

QUIZGEN = ROOT / "quizgen"

SHAPE_TABLES = {
    "engine choices": choosing.CHOICES,
    "answer texts": answers._TEXTS,
    "grader": grading_choices.GRADERS,
    "terminal": terminal.SHOWN,
    "anki notes": anki_notes.NOTES,
    "csv/markdown blocks": shown.BLOCKS,
    "gift": gift.WRITERS,
    "moodle xml": moodle_xml.TYPES,
    "qti": qti.TYPES,
}


@pytest.mark.parametrize("table", SHAPE_TABLES)
def test_every_shape_has_an_entry_in_every_table(table):
    assert sorted(SHAPE_TABLES[table]) == sorted(kinds.SHAPES), table


def test_the_cheap_vocabulary_is_the_registry():
    assert {k.name: k.label for k in kinds.KINDS.values()} == vocab.QUESTION_KINDS
    assert {k.shape for k in kinds.KINDS.values()} == set(kinds.SHAPES)


def _question(kind: str) -> Question:
    return Question("q1", kind, "timeline", "Which?", (Answer("x"),), "", (), ("f",), "t")


def test_an_unknown_kind_raises_at_once_in_every_output():
    q = _question("essay")
    message = "unknown question kind 'essay' (known: short, mcq, multi, tf, cloze, list,"
    for use in (
        lambda: q.shape,
        lambda: q.answer_text,
        lambda: gift.question_text(q),  # once an essay
        lambda: anki_notes.note_content(q, ""),  # once a Basic note
        lambda: moodle_xml.question(q),
        lambda: qti.item(q),
        lambda: q.to_dict(),
    ):
        with pytest.raises(kinds.UnknownKind) as caught:
            use()
        assert str(caught.value).startswith(message)


def test_an_unknown_shape_is_refused_when_the_kind_is_defined():
    with pytest.raises(kinds.UnknownKind) as caught:
        kinds.Kind("essay", "essay", "prose")
    assert str(caught.value) == (
        "question kind 'essay': unknown answer shape 'prose' (choose from: one, several, "
        "truefalse, text, number, pairing, ordering, recall, blank)"
    )


def test_points_per_item_only_for_shapes_with_items():
    from quizgen.forms import ITEMS

    assert sorted(ITEMS) == sorted(kinds.Shape.ITEMIZED)
    with pytest.raises(kinds.UnknownKind) as caught:
        kinds.Kind("year", "year", kinds.Shape.NUMBER, points=None)
    assert str(caught.value) == "question kind 'year': give its points (a number)"


def _literal_modules(name: str) -> list[str]:
    """The quizgen modules with `name` as a string literal. The fact layer is left out: its
    'list', 'quote' and 'cloze' are a fact kind's name and a fact's field, not question
    kinds."""
    fact_layer = {"model", "schema", "yamlio", "citations", "sources", "factbase", "decks"}
    pattern = re.compile(rf"""["']{re.escape(name)}["']""")
    found = []
    for path in sorted(QUIZGEN.rglob("*.py")):
        rel = path.relative_to(QUIZGEN)
        if rel.parts[0] == "facts" or (len(rel.parts) == 1 and path.stem in fact_layer):
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            found.append(str(rel))
    return found


@pytest.mark.parametrize("name", list(vocab.QUESTION_KINDS))
def test_each_kind_name_is_a_literal_in_at_most_three_modules(name):
    found = _literal_modules(name)
    assert len(found) <= 3, found
    assert "questions/kinds.py" in found


# -- an 11th kind, from outside quizgen ------------------------------------------------------


def year_drafts(fact: Event, say):
    """'In what year…?' for an event whose year the article states."""
    year = str(fact.when.year)
    if any(year in c for c in fact.citations) and year not in fact.what:
        yield Draft("year", "event.year", (fact,), {}, answers=(Answer(year),), value=float(year))


@pytest.fixture
def year_kind(tmp_path):
    folder = tmp_path / "kind-templates"
    folder.mkdir()
    (folder / "event.year.j2").write_text(
        "{% block prompt %}Which year: {{ fact.what }}?{% endblock %}\n"
        "{% block explanation %}{{ statement }}{% endblock %}\n",
        encoding="utf-8",
    )
    kind = kinds.Kind(
        "year",
        "year",
        kinds.Shape.NUMBER,
        ("event",),
        guarded=True,
        drafts=year_drafts,
        templates=folder,
    )
    kinds.register(kind)
    yield kind
    kinds.unregister("year")
    assert "year" not in vocab.QUESTION_KINDS


def test_an_added_kind_is_built_in_every_format_and_asked_in_the_quiz(
    year_kind, shipped, cli, monkeypatch, tmp_path
):
    monkeypatch.setenv("QUIZGEN_NO_CACHE", "1")
    monkeypatch.setenv("QUIZGEN_WORKERS", "1")
    recipe = shipped / "decks" / "istanbul-talks.yaml"
    every = "kinds: [short, mcq, multi, tf, cloze, list, quote, chronology, matching, numeric]"
    replace_in(recipe, every, "kinds: [year]")
    result = cli("build", "--out", "dist", cwd=shipped)
    assert result.exit_code == 0, result.output
    dist = shipped / "dist"

    listed = json.loads(cli("questions", "--format", "json", cwd=shipped).stdout)
    years = listed["decks"][0]["questions"]
    assert years and {q["kind"] for q in years} == {"year"}
    first = years[0]
    assert (
        first["id"].endswith(".event-year") and first["answer_text"] == first["answers"][0]["text"]
    )
    assert re.fullmatch(r"Which year: .+\?", first["prompt"])
    year = first["answers"][0]["text"]

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(dist / "istanbul-talks.apkg"),
            options=ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False),
        )
        col.import_anki_package(request)
        found = col.find_notes("tag:quizgen::kind::year")
        assert len(found) == len(years) == len(col.find_notes("-tag:quizgen::retired"))
        note = col.get_note(found[0])
        assert note.note_type()["name"] == "quizgen Type-in"
        assert re.fullmatch(r"\d{4}", note["Answer"])
    finally:
        col.close()

    def text(name: str) -> str:
        return (dist / name).read_text(encoding="utf-8")

    assert f"::{first['id']}::[html]" in text("istanbul-talks.gift.txt")
    assert f"::{first['id']}::[html]Which year" in text("istanbul-talks.gift.txt")
    assert re.search(
        rf"::{re.escape(first['id'])}::.*\{{#{year}:0 ####", text("istanbul-talks.gift.txt")
    )
    moodle = text("istanbul-talks.moodle.xml")
    assert f'<question type="numerical">\n    <name>\n      <text>{first["id"]}' in moodle
    with zipfile.ZipFile(dist / "istanbul-talks.qti.zip") as qti_zip:
        timeline = qti_zip.read("istanbul-talks.timeline/istanbul-talks.timeline.xml").decode()
    assert f'ident="{first["id"]}"' in timeline and "numerical_question" in timeline
    assert f"**{year}**" in text("istanbul-talks.md")
    assert "quizgen::kind::year" in text("istanbul-talks.csv")
    key = text("istanbul-talks-form-A-key.html")
    sheet = text("istanbul-talks-form-A.html")
    on_sheet = sheet.count("Which year:")  # one a fact, none printing another's answer
    assert 1 < on_sheet <= len(years)
    assert sheet.count('<span class="pts">(1 pt)</span>') == on_sheet  # the kind's points
    assert sum(f'<div class="ref">{q["id"]}</div>' in key for q in years) == on_sheet
    assert f'<td>{year}<div class="ref">' in key
    pdf = "".join(
        page.extract_text() for page in PdfReader(dist / "istanbul-talks-form-A.pdf").pages
    )
    assert "Which year:" in pdf
    assert json.loads(text("istanbul-talks.json"))["decks"][0]["questions"] == years

    answers_file = tmp_path / "answers.txt"
    answers_file.write_text(f"{year}\n", encoding="utf-8")
    quiz = cli("quiz", "--id", first["id"], "--answers", str(answers_file), "--json", cwd=shipped)
    assert quiz.exit_code == 0, quiz.output
    assert "Which year:" in quiz.output
    document = json.loads(quiz.stdout)
    assert document["answered"] == 1 and document["correct"] == 1
