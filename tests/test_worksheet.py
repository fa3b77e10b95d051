"""Worksheets rendered by WeasyPrint into real PDFs, read back with pypdf."""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest
from pypdf import PdfReader

from quizgen.build import chosen_for
from quizgen.forms import make_forms
from quizgen.pipeline import deck_questions, load_project
from quizgen.questions.answers import key_answer
from quizgen.questions.kinds import LETTERS
from quizgen.text import quoted

from .conftest import replace_in


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_of(pdf) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(pdf).pages]


def planned_forms(project, count=None, letters=("A", "B")):
    ((deck, seed, questions),) = deck_questions(project)
    chosen, _summary = chosen_for(deck, "html", questions, count, seed)
    base, _decks = load_project(project)
    titles = {t.id: t.title for t in base.topics}
    return make_forms(chosen, letters, seed, deck.worksheet.points, titles)


def marker(item) -> str:
    return flat(f"{item.number}. {item.question.prompt}")[:60]


def check_form_pdf(pdf, form):
    """Every question once, on one page, whole; returns {number: its text on the page}."""
    pages = pages_of(pdf)
    items = form.items
    blocks = {}
    for index, item in enumerate(items):
        mark = marker(item)
        hits = [
            (p, m.start())
            for p, text in enumerate(pages)
            for m in re.finditer(re.escape(mark), text)
        ]
        assert len(hits) == 1, (item.number, mark, hits)
        page, start = hits[0]
        end = len(pages[page])
        if index + 1 < len(items):
            following = pages[page].find(marker(items[index + 1]), start)
            if following != -1:
                end = following
        block = pages[page][start:end]
        q = item.question
        for part in (*q.choices, *q.items):  # all of it on the same page: never split
            assert flat(part) in block, (item.number, part)
        blocks[item.number] = block
    return pages, blocks


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from click.testing import CliRunner

    from quizgen.cli import cli

    from .conftest import ROOT

    project = tmp_path_factory.mktemp("ws") / "project"
    project.mkdir()
    shutil.copytree(ROOT / "facts", project / "facts")
    shutil.copytree(ROOT / "decks", project / "decks")
    result = CliRunner().invoke(cli, ["build", "--format", "html,pdf", "--path", str(project)])
    assert result.exit_code == 0, result.output
    return project, result


def test_every_question_of_each_form_is_in_its_pdf_once_and_whole(built):
    project, result = built
    forms = planned_forms(project)
    assert [f.letter for f in forms] == ["A", "B"]
    for form in forms:
        pdf = project / "dist" / f"istanbul-talks-form-{form.letter}.pdf"
        assert re.search(
            rf"istanbul-talks-form-{form.letter}.pdf +[\d.]+ KiB +20$", result.stdout, re.M
        )
        pages, _ = check_form_pdf(pdf, form)
        assert pages[0].startswith("Istanbul Talks Revisited: a quiz Form " + form.letter)
        assert "Name: Class: Date:" in pages[0]
        assert f"{len(form.items)} questions · {form.total} points" in pages[0]
        for number, text in enumerate(pages, 1):
            assert text.endswith(f"Page {number} of {len(pages)} Form {form.letter}")


def test_each_section_heading_stays_with_its_first_question(built):
    project, _ = built
    form = planned_forms(project)[0]
    pages = pages_of(project / "dist" / "istanbul-talks-form-A.pdf")
    for section in form.sections:
        first = section.items[0]
        together = f"{section.title} {marker(first)}"
        assert sum(together in page for page in pages) == 1, section.title


def test_the_key_matches_the_letters_printed_on_its_form(built):
    project, _ = built
    for form in planned_forms(project):
        _pages, blocks = check_form_pdf(
            project / "dist" / f"istanbul-talks-form-{form.letter}.pdf", form
        )
        key = " ".join(pages_of(project / "dist" / f"istanbul-talks-form-{form.letter}-key.pdf"))
        assert key.startswith(f"Istanbul Talks Revisited: a quiz: answer key Form {form.letter}")
        for item in form.items:
            q = item.question
            answer = flat(key_answer(q))
            assert f"{item.number} {answer[:40]}" in key, (item.number, answer)
            assert q.id in "".join(key.split())  # a long id may wrap
            for citation in q.citations:
                assert flat(quoted(citation))[1:31] in key  # shown inside “…”
            if q.kind in ("mcq", "multi"):
                for index in q.key:  # the letter in the key is the letter on the form
                    assert f"{LETTERS[index]} {flat(q.choices[index])}" in blocks[item.number]


def test_forms_hold_the_same_questions_in_another_order(built):
    project, _ = built
    a, b = planned_forms(project)
    ids_a = [i.question.id for i in a.items]
    ids_b = [i.question.id for i in b.items]
    assert sorted(ids_a) == sorted(ids_b) and ids_a != ids_b
    choices_a = {i.question.id: i.question.choices for i in a.items}
    assert any(
        i.question.choices != choices_a[i.question.id] for i in b.items if i.question.kind == "mcq"
    )
    pages_a = " ".join(pages_of(project / "dist" / "istanbul-talks-form-A.pdf"))
    pages_b = " ".join(pages_of(project / "dist" / "istanbul-talks-form-B.pdf"))
    assert pages_a != pages_b


def test_right_letters_are_spread_evenly_over_a_to_d():
    from .conftest import ROOT

    for form in planned_forms(ROOT, count=60):
        letters = Counter(
            i.question.key[0]
            for i in form.items
            if i.question.kind == "mcq" and len(i.question.choices) == 4
        )
        assert sum(letters.values()) >= 7
        assert max(letters.values()) - min(letters.values()) <= 1, letters


def test_a_forty_question_worksheet_renders(shipped, cli):
    result = cli("build", "--format", "pdf", "--count", "40", "--forms", "A", cwd=shipped)
    assert result.exit_code == 0, result.output
    (form,) = planned_forms(shipped, count=40, letters=("A",))
    assert len(form.items) == 40
    pages, _ = check_form_pdf(shipped / "dist" / "istanbul-talks-form-A.pdf", form)
    assert len(pages) >= 4


def test_html_is_self_contained_and_escapes_fact_text(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(facts, "role: a minister", "role: a minister <script>alert(1)</script> & co")
    recipe = mini / "decks" / "mini.yaml"
    recipe.write_text(recipe.read_text() + "kinds: [short]\nworksheet: {forms: [A]}\n")
    result = cli("build", "--format", "html,pdf", cwd=mini)
    assert result.exit_code == 0, result.output
    html = (mini / "dist" / "mini-form-A.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<script" not in html
    assert not re.search(r"""(src|href)=|@import|url\(|<link""", html)
    text = " ".join(pages_of(mini / "dist" / "mini-form-A.pdf"))
    assert "minister <script>alert(1)</script> & co" in text


def test_without_weasyprint_pdf_says_how_to_install_it(mini, cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if the extra were missing
    result = cli("build", "--format", "pdf", cwd=mini)
    assert result.exit_code == 1
    assert result.stderr == "Error: PDF needs WeasyPrint: pip install 'quizgen[pdf]'\n"


def test_paper_size_comes_from_the_recipe(mini, cli):
    recipe = mini / "decks" / "mini.yaml"
    recipe.write_text(recipe.read_text() + "worksheet: {paper: Letter, forms: [A]}\n")
    assert cli("build", "--format", "pdf", cwd=mini).exit_code == 0
    box = PdfReader(mini / "dist" / "mini-form-A.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
