"""GIFT, Moodle XML and QTI for Canvas, read back the way each LMS reads them: every
question once, with its id, its right answers, its text shown as written."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from quizgen.exporters import ExportJob, gift, lms, moodle_xml, qti
from quizgen.facts.loader import load_factbase
from quizgen.pipeline import deck_questions
from quizgen.questions import Answer
from quizgen.questions.kinds import SHAPES

from .conftest import ROOT
from .gift_parser import GiftError, parse, shown
from .lms_read import TRICKY, check_gift, check_moodle, check_qti, qti_items, qti_signature


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped deck, built for the three LMS formats; (deck, questions, dist)."""
    target = tmp_path_factory.mktemp("lms") / "quizgen"
    for name in ("facts", "decks"):
        shutil.copytree(ROOT / name, target / name)
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "build", "--format", "gift,moodle,qti"],
        cwd=target, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name in ("istanbul-talks.gift.txt", "istanbul-talks.moodle.xml", "istanbul-talks.qti.zip"):
        assert f"dist/{name}" in result.stdout
    ((deck, _seed, questions),) = deck_questions(target)
    return deck, questions, target / "dist"


def _with_tricky_wording(folder: Path) -> None:
    """Every person's role, every position's stance, every event's wording and every
    figure's sentence ends with TRICKY (quoted for YAML; quotes and citations stay
    verbatim; a list's name too, but no person's, so that no sentence says TRICKY twice)."""
    for path in folder.rglob("*.yaml"):

        def quoted(m):
            said = m[2]
            if said[:1] == '"' and said[-1:] == '"' and "\\" not in said:
                said = said[1:-1]  # a figure's sentence: said again in single quotes
            if said[:1] in "'\"[{|>":
                return m[0]
            return m[1] + "'" + (said + " " + TRICKY).replace("'", "''") + "'"

        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(\s+(?:role|stance|what|sentence): )(.*)$", quoted, text, flags=re.M)
        text = re.sub(r"^(\s+name: )(.*)$(?=\n\s+item:)", quoted, text, flags=re.M)  # lists
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def tricky_facts(tmp_path_factory):
    """A copy of the shipped project whose facts hold TRICKY in their wording, built."""
    target = tmp_path_factory.mktemp("tricky-facts") / "quizgen"
    for name in ("facts", "decks"):
        shutil.copytree(ROOT / name, target / name)
    _with_tricky_wording(target / "facts")
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "build", "--format", "gift,moodle,qti"],
        cwd=target, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ((deck, _seed, questions),) = deck_questions(target)
    kinds = {q.kind for q in questions if TRICKY in q.prompt + q.explanation + "".join(q.choices)}
    assert {q.shape for q in questions if q.kind in kinds} == set(SHAPES)
    return deck, questions, target / "dist"


def test_facts_with_every_special_character_read_back_in_every_lms(tricky_facts):
    deck, questions, dist = tricky_facts
    check_gift((dist / "istanbul-talks.gift.txt").read_text(encoding="utf-8"), deck, questions)
    check_moodle((dist / "istanbul-talks.moodle.xml").read_bytes(), deck, questions)
    check_qti((dist / "istanbul-talks.qti.zip").read_bytes(), deck, questions)


def _tricky(q):
    """The question with TRICKY in every text an LMS shows or grades."""
    t = f" {TRICKY}"
    cloze = q.cloze and re.sub(r"\{\{c1::(.*?)\}\}", lambda m: f"{{{{c1::{m[1]}{t}}}}}", q.cloze)
    if cloze:
        cloze = f"{TRICKY} {cloze} {TRICKY}"
    return dataclasses.replace(
        q,
        prompt=q.prompt + t,
        choices=tuple(c + t for c in q.choices),
        items=tuple(i + t for i in q.items),
        answers=tuple(Answer(a.text + t, (*a.aliases, TRICKY)) for a in q.answers),
        explanation=q.explanation + t,
        citations=tuple(c + t for c in q.citations),
        cloze=cloze,
    )


@pytest.fixture(scope="module")
def tricky(shipped, tmp_path_factory):
    """Every question of the shipped deck with TRICKY in its wording, under a deck title
    with a colon, a slash, a backslash and markup; (deck, questions, job)."""
    deck, questions, _dist = shipped
    deck = dataclasses.replace(deck, title="Istanbul Talks: 2022/2025 \\ <i>y</i>")
    questions = [_tricky(q) for q in questions]
    sources = {s.id: s for s in load_factbase(ROOT / "facts").sources}
    job = ExportJob(deck, questions, sources, tmp_path_factory.mktemp("tricky"), 0)
    return deck, questions, job


# --- GIFT, as Moodle's qformat_gift reads it ---------------------------------------------


def test_the_shipped_gift_reads_in_moodle_as_meant(shipped):
    deck, questions, dist = shipped
    text = (dist / "istanbul-talks.gift.txt").read_text(encoding="utf-8")
    check_gift(text, deck, questions)
    cloze = next(g for g in parse(text) if g.title == "draft-nato-membership.position-cloze")
    assert cloze.shown == (  # the spaces around a blank mid-sentence kept
        "During the 2022 Istanbul talks, Ukraine provisionally accepted giving up the prospect "
        "of _____ membership in exchange for security guarantees."
    )


def test_gift_with_every_special_character_in_every_kind(tricky):
    deck, questions, job = tricky
    assert {q.shape for q in questions} == set(SHAPES)
    text = gift.render(job)
    check_gift(text, deck, questions)
    (written,) = gift.export(job)
    assert written.path.read_text(encoding="utf-8") == text and written.count == len(questions)
    assert "$CATEGORY: $course$/Istanbul Talks: 2022//2025 \\\\ <i>y<//i>/People" in text


def test_the_gift_parser_is_moodle_not_the_documentation():
    """Moodle adds no space around a blank, keeps escapes in categories, and reads an
    unescaped brace as the answer block: what the exporter must write around."""
    (q,) = parse("::c::in{=Istanbul}on Thursday")
    assert q.shown == "in_____on Thursday"
    assert parse("$CATEGORY: a\\:b\n\n::x::y {=z}")[0].category == "a&&058;b"
    (q,) = parse("::m::[plain]Pairs {=a -> b -> c =d -> e}")
    assert q.format == "plain" and q.pairs == [("a", "b -> c"), ("d", "e")]
    with pytest.raises(GiftError, match="brace"):
        parse("::bad::Who said a} {=x}")
    with pytest.raises(GiftError, match="markup"):
        shown(parse("::h::Who is <b>x</b>? {=y}")[0].text, "html")


def test_the_old_gift_would_fail_these_checks():
    """Spaces lost around the blank, and `->` inside an item that splits the pair."""
    (q,) = parse("::c::[html]Ukraine in{=Istanbul ####f}on Thursday.")
    assert q.shown != "Ukraine in _____ on Thursday."
    (q,) = parse("::m::[html]M {=a -> b -> 1st =c -> 2nd}")
    assert q.pairs[0] == ("a", "b -> 1st")


# --- Moodle XML and QTI 1.2 for Canvas --------------------------------------------------


READERS = {"moodle.xml": (moodle_xml, check_moodle), "qti.zip": (qti, check_qti)}


@pytest.mark.parametrize("suffix", READERS)
def test_the_shipped_file_holds_every_question_with_its_answers(shipped, suffix):
    deck, questions, dist = shipped
    READERS[suffix][1]((dist / f"istanbul-talks.{suffix}").read_bytes(), deck, questions)


@pytest.mark.parametrize("suffix", READERS)
def test_every_special_character_in_every_kind(tricky, suffix):
    deck, questions, job = tricky
    exporter, check = READERS[suffix]
    (written,) = exporter.export(job)
    assert written.path.name == f"{deck.slug}.{suffix}" and written.count == len(questions)
    check(written.path.read_bytes(), deck, questions)


def test_the_qti_has_the_shape_text2qti_writes(shipped, tmp_path):
    """The same questions written by text2qti (a maintained Canvas QTI writer): the same
    package layout, and items of the same shape, kind by kind where text2qti has the kind."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    _deck, questions, dist = shipped
    sample = {}
    for q in questions:
        used = {s.prompt for s in sample.values()}  # text2qti refuses a repeated question
        if q.shape in ("one", "several", "text", "number", "recall") and q.prompt not in used:
            sample.setdefault(q.shape, q)
    lines = ["Quiz title: sample", ""]
    for n, (kind, q) in enumerate(sample.items(), 1):
        lines += [f"Title: {q.id}", f"{n}.  {q.prompt}", f"... {lms.feedback(q)}"]
        if kind == "one":
            lines += [
                f"{'*' if i in q.key else ''}{chr(97 + i)}) {c}" for i, c in enumerate(q.choices)
            ]
        elif kind == "several":
            lines += [f"[{'*' if i in q.key else ' '}] {c}" for i, c in enumerate(q.choices)]
        elif kind == "text":
            lines += [f"* {a}" for a in lms.accepted(q)]
        elif kind == "number":
            lines += [f"=   {lms.number(q)}"]
        else:
            lines += ["____"]
        lines.append("")
    path = tmp_path / "theirs.zip"
    QTI(Quiz("\n".join(lines), config=Config())).save(path)
    with zipfile.ZipFile(path) as archive:
        theirs = {i.get("title"): i for _t, i in qti_items(archive)}
        their_names = archive.namelist()
    with zipfile.ZipFile(dist / "istanbul-talks.qti.zip") as archive:
        ours = {i.get("ident"): i for _t, i in qti_items(archive)}
        our_names = archive.namelist()
    layout = re.compile(r"^(imsmanifest\.xml|([^/]+)/(\2\.xml|assessment_meta\.xml))$")
    assert all(layout.match(n) for n in our_names)
    assert all(layout.match(n) for n in their_names if not n.endswith("/"))
    for kind, q in sample.items():
        mine, theirs_ = qti_signature(ours[q.id]), qti_signature(theirs[q.id])
        assert mine[0] == theirs_[0], kind
        assert mine[1] == theirs_[1], (kind, mine[1] ^ theirs_[1])
        assert mine[2] == theirs_[2], (kind, mine[2] ^ theirs_[2])


def test_a_blank_at_the_end_and_a_leading_bracket_in_gift(shipped):
    """Moodle writes no blank when the text ends at the braces, and reads a leading
    `[plain]` as a format: both are written around."""
    _deck, questions, _dist = shipped
    cloze = next(q for q in questions if q.kind == "cloze")
    ending = dataclasses.replace(cloze, cloze="Talks were held in {{c1::Istanbul}}")
    (g,) = parse(gift.question_text(ending))
    assert g.shown == "Talks were held in _____" and g.answers == [("Istanbul", 100.0)]
    mcq = next(q for q in questions if q.kind == "mcq")
    bracket = dataclasses.replace(mcq, prompt="[plain] who?", choices=("[html]a", *mcq.choices[1:]))
    (g,) = parse(gift.question_text(bracket))
    assert (g.format, g.shown) == ("html", "[plain] who?")
    assert shown(g.answers[0][0], g.format) == "[html]a"
