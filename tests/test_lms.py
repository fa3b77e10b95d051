"""GIFT, Moodle XML and QTI for Canvas, read back the way each LMS reads them: every
question once, with its id, its right answers, its text shown as written."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizgen.exporters import ExportJob, gift, lms, moodle_xml, qti
from quizgen.project import deck_questions
from quizgen.questions import Answer

from .conftest import ROOT
from .gift_parser import GiftError, category_names, parse, shown, typed_matches

TRICKY = "a ~ = # { } : \\ -> <b>x</b> & z"
NS = {"q": qti.QTI}


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
    """Every person's name and role, every position's stance and every event's wording
    ends with TRICKY (quoted for YAML; quotes and citations stay verbatim)."""
    for path in folder.rglob("*.yaml"):

        def quoted(m):
            if m[2][:1] in "'\"[{|>":
                return m[0]
            return m[1] + "'" + (m[2] + " " + TRICKY).replace("'", "''") + "'"

        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(\s+(?:role|stance|what|name): )(.*)$", quoted, text, flags=re.M)
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
    assert {lms.shape(q) for q in questions if q.kind in kinds} == set(lms.SHAPES.values())
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
    job = ExportJob(deck, questions, {}, tmp_path_factory.mktemp("tricky"), 0)
    return deck, questions, job


def _sets(shipped, tricky):
    deck, questions, dist = shipped
    return [
        ("shipped", deck, questions, dist, f"{deck.slug}"),
        ("tricky", tricky[0], tricky[1], None, None),
    ]


def expected_text(q) -> str:
    """What a student reads as the question, in every LMS."""
    kind = lms.shape(q)
    if kind == "blank":
        before, _term, after = lms.blank_parts(q)
        if not after.strip():
            return " ".join(before.split()) + " " + lms.BLANK
        return " ".join((before + lms.BLANK + after).split())
    if kind == "truefalse":
        return lms.statement(q)
    return lms.places_prompt(q) if kind == "ordering" else q.prompt


def _one_line(text: str) -> str:
    return " ".join(text.split())


def moodle_name(title: str) -> str:
    """A category name as Moodle keeps it: its tags stripped (PARAM_TEXT)."""
    return _one_line(re.sub(r"<[^>]*>", "", title))


# --- GIFT, as Moodle's qformat_gift reads it ---------------------------------------------


def check_gift(text: str, deck, questions) -> None:
    parsed = parse(text)
    assert [g.title for g in parsed] == [q.id for q in questions]
    for q, g in zip(questions, parsed):
        kind = lms.shape(q)
        assert g.format == "html", q.id
        assert _one_line(g.shown) == _one_line(expected_text(q)), q.id
        assert category_names(g.category) == [moodle_name(deck.title), lms.topic_title(q.topic)]
        assert _one_line(q.explanation) in shown(g.general_feedback, g.format), q.id
        if kind in ("one", "several"):  # choices are in the question's format
            answers = [shown(a, g.format) for a, _w in g.answers]
        if kind == "one":
            assert g.type == "multichoice" and g.single
            assert [a for a, (_t, w) in zip(answers, g.answers) if w == 100] == [
                _one_line(q.choices[q.key[0]])
            ]
        elif kind == "several":
            assert g.type == "multichoice" and not g.single
            right = {a for a, (_t, w) in zip(answers, g.answers) if w > 0}
            assert right == {_one_line(q.choices[i]) for i in q.key}
            assert abs(sum(w for _a, w in g.answers if w > 0) - 100) < 0.001
        elif kind == "truefalse":
            assert g.type == "truefalse" and g.truth is lms.is_true(q)
        elif kind in ("text", "blank"):
            wanted = lms.accepted(q) if kind == "text" else [lms.blank_parts(q)[1]]
            patterns = [a for a, _w in g.answers]
            assert g.type == "shortanswer" and len(patterns) == len(wanted), q.id
            for pattern, answer in zip(patterns, wanted):
                assert typed_matches(pattern, _one_line(answer)), (q.id, pattern, answer)
        elif kind == "number":
            assert g.type == "numerical" and g.value == q.value and g.tolerance == 0
        elif kind in ("pairing", "ordering"):
            assert g.type == "match"
            got = [(shown(left, g.format), shown(right, "html")) for left, right in g.pairs]
            assert got == [(_one_line(a), _one_line(b)) for a, b in lms.pairs(q)], q.id
        else:
            assert g.type == "essay"
            assert all(a.text in shown(g.general_feedback, g.format) for a in q.answers)


def test_the_shipped_gift_reads_in_moodle_as_meant(shipped):
    deck, questions, dist = shipped
    text = (dist / "istanbul-talks.gift.txt").read_text(encoding="utf-8")
    check_gift(text, deck, questions)
    cloze = next(
        g for g in parse(text) if g.title == "putin-proposes-istanbul-talks.position-cloze"
    )
    assert cloze.shown == (
        "Late on Saturday, Vladimir Putin proposed direct negotiations with Ukraine in _____ "
        "on Thursday, in a late-night announcement."
    )


def test_gift_with_every_special_character_in_every_kind(tricky):
    deck, questions, job = tricky
    assert {lms.shape(q) for q in questions} == set(lms.SHAPES.values())
    text = gift.render(job)
    check_gift(text, deck, questions)
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


# --- Moodle XML ----------------------------------------------------------------------------


MOODLE_TYPES = {"one": "multichoice", "several": "multichoice", "truefalse": "truefalse",
                "text": "shortanswer", "number": "numerical", "pairing": "matching",
                "ordering": "ordering", "list": "essay", "blank": "shortanswer"}  # fmt: skip


def _html_of(element: ET.Element, tag: str) -> str:
    part = element.find(tag)
    assert part.get("format") == "html", tag
    return shown(part.findtext("text") or "", "html")


def check_moodle(data: bytes, deck, questions) -> None:
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    category, read = None, []
    for element in root:
        if element.get("type") == "category":
            category = element.findtext("category/text")
            continue
        read.append((category, element))
    assert [e.findtext("name/text") for _c, e in read] == [q.id for q in questions]
    for q, (path, e) in zip(questions, read):
        kind = lms.shape(q)
        assert e.get("type") == MOODLE_TYPES[kind] and e.findtext("idnumber") == q.id
        assert category_names(path) == ["top", moodle_name(deck.title), lms.topic_title(q.topic)]
        assert _html_of(e, "questiontext") == _one_line(
            expected_text(q).replace(" Match each to its place.", "")
            if kind == "ordering"
            else expected_text(q)
        )
        assert _one_line(q.citations[0]) in _html_of(e, "generalfeedback")
        answers = [(a.findtext("text"), float(a.get("fraction"))) for a in e.findall("answer")]
        if kind in ("one", "several"):
            assert e.findtext("single") == ("true" if kind == "one" else "false")
            right = {shown(t, "html") for t, f in answers if f > 0}
            assert right == {_one_line(q.choices[i]) for i in q.key}
            assert abs(sum(f for _t, f in answers if f > 0) - 100) < 0.001
        elif kind == "truefalse":
            assert dict(answers)["true" if lms.is_true(q) else "false"] == 100
        elif kind in ("text", "blank"):
            wanted = lms.accepted(q) if kind == "text" else [lms.blank_parts(q)[1]]
            assert len(answers) == len(wanted)
            assert all(typed_matches(t, _one_line(w)) for (t, _f), w in zip(answers, wanted))
        elif kind == "number":
            assert float(answers[0][0]) == q.value and e.findtext("answer/tolerance") == "0"
            assert e.findtext("units/unit/unit_name") == q.unit
        elif kind == "pairing":
            got = [(shown(s.findtext("text"), "html"), shown(s.findtext("answer/text"), "html"))
                   for s in e.findall("subquestion")]  # fmt: skip
            assert got == [(_one_line(a), _one_line(b)) for a, b in lms.pairs(q)]
        elif kind == "ordering":
            ordered = [shown(t, "html") for t, _f in sorted(answers, key=lambda a: a[1])]
            assert ordered == [_one_line(i) for i in lms.in_order(q)]
        else:
            assert all(a.text in _html_of(e, "graderinfo") for a in q.answers)


def test_the_shipped_moodle_xml_holds_every_question_with_its_answers(shipped):
    deck, questions, dist = shipped
    check_moodle((dist / "istanbul-talks.moodle.xml").read_bytes(), deck, questions)


def test_moodle_xml_with_every_special_character_in_every_kind(tricky):
    deck, questions, job = tricky
    check_moodle(moodle_xml.render(job), deck, questions)


# --- QTI 1.2 for Canvas --------------------------------------------------------------------


CANVAS_TYPES = {"one": "multiple_choice_question", "several": "multiple_answers_question",
                "truefalse": "true_false_question", "text": "short_answer_question",
                "number": "numerical_question", "pairing": "matching_question",
                "ordering": "matching_question", "list": "essay_question",
                "blank": "short_answer_question"}  # fmt: skip


def _items(archive: zipfile.ZipFile) -> list[tuple[str, ET.Element]]:
    """(assessment title, item) for every item of every assessment the manifest names."""
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"m": qti.CP}
    found = []
    for resource in manifest.iterfind("m:resources/m:resource[@type='imsqti_xmlv1p2']", ns):
        test = ET.fromstring(archive.read(resource.find("m:file", ns).get("href")))
        meta = resource.find("m:dependency", ns).get("identifierref")
        meta_href = manifest.find(f"m:resources/m:resource[@identifier='{meta}']", ns).get("href")
        assert ET.fromstring(archive.read(meta_href)).tag == f"{{{qti.CANVAS}}}quiz"
        title = test.find("q:assessment", NS).get("title")
        found += [(title, item) for item in test.iterfind(".//q:item", NS)]
    return found


def _field(item: ET.Element, label: str) -> str:
    for field in item.iterfind(".//q:qtimetadatafield", NS):
        if field.findtext("q:fieldlabel", namespaces=NS) == label:
            return field.findtext("q:fieldentry", namespaces=NS)
    raise AssertionError(label)


def _mattext(element: ET.Element) -> str:
    text = element.find(".//q:mattext", NS).text
    if element.find(".//q:mattext", NS).get("texttype") == "text/html":
        assert text.startswith("<p>") and text.endswith("</p>")
        return shown(text[3:-4], "html")
    return text


def _right(item: ET.Element) -> list[tuple[str, str]]:
    """(response, value) of every test that scores, not under a <not>."""
    found = []
    for rule in item.iterfind("q:resprocessing/q:respcondition", NS):
        if rule.find("q:setvar", NS) is None:
            continue
        negated = {id(v) for n in rule.iterfind(".//q:not", NS) for v in n}
        found += [(v.get("respident"), v.text) for v in rule.iterfind(".//q:varequal", NS)
                  if id(v) not in negated]  # fmt: skip
    return found


def check_qti(data: bytes, deck, questions) -> None:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        assert archive.testzip() is None
        items = _items(archive)
    assert [i.get("ident") for _t, i in items] == [q.id for q in questions]
    for q, (title, item) in zip(questions, items):
        kind = lms.shape(q)
        assert item.get("title") == q.id and _field(item, "question_type") == CANVAS_TYPES[kind]
        assert title == f"{_one_line(deck.title)}: {lms.topic_title(q.topic)}"
        assert _mattext(item.find("q:presentation", NS)) == _one_line(expected_text(q))
        assert _one_line(q.citations[0]) in _mattext(item.find("q:itemfeedback", NS))
        labels = {label.get("ident"): _mattext(label)
                  for label in item.iterfind(".//q:response_label", NS)
                  if label.find("q:material", NS) is not None}  # fmt: skip
        right = _right(item)
        if kind in ("one", "several", "truefalse"):
            got = {labels[value] for _r, value in right}
            wanted = {_one_line(q.choices[i]) for i in q.key}
            if kind == "truefalse":
                wanted = {"True" if lms.is_true(q) else "False"}
            assert got == wanted, q.id
            assert len(right) == (1 if kind != "several" else len(q.key))
        elif kind in ("text", "blank"):
            wanted = lms.accepted(q) if kind == "text" else [lms.blank_parts(q)[1]]
            assert [v for _r, v in right] == [_one_line(w) for w in wanted]
        elif kind == "number":
            assert float(right[0][1]) == q.value
        elif kind in ("pairing", "ordering"):
            lefts = {r.get("ident"): _mattext(r) for r in item.iterfind(".//q:response_lid", NS)}
            got = [(lefts[r], labels[v]) for r, v in right]
            assert got == [(_one_line(a), _one_line(b)) for a, b in lms.pairs(q)]
        else:
            assert right == []
            assert all(a.text in _mattext(item.find("q:itemfeedback", NS)) for a in q.answers)


def test_the_shipped_qti_package_holds_every_question_with_its_answers(shipped):
    deck, questions, dist = shipped
    check_qti((dist / "istanbul-talks.qti.zip").read_bytes(), deck, questions)


def test_qti_with_every_special_character_in_every_kind(tricky):
    deck, questions, job = tricky
    check_qti(b"".join(_zip_bytes(job)), deck, questions)


def _zip_bytes(job):
    import io

    from quizgen.exporters.zipped import write_zip

    buffer = io.BytesIO()
    write_zip(buffer, qti.members(job))
    return [buffer.getvalue()]


def _signature(item: ET.Element) -> tuple:
    """What Canvas reads of an item, names and texts aside: its type, its elements' paths
    and the attributes that steer the import."""
    paths = set()

    def walk(element, path):
        tag = element.tag.split("}")[-1]
        here = f"{path}/{tag}"
        if tag not in ("and", "not", "or"):
            paths.add(here)
        for child in element:
            walk(child, here)

    walk(item, "")
    steering = ("rcardinality", "texttype", "fibtype", "feedbacktype", "varname")
    steer = {(e.tag.split("}")[-1], k, v) for e in item.iter() for k, v in e.attrib.items()
             if k in steering}  # fmt: skip
    return _field(item, "question_type"), frozenset(paths), frozenset(steer)


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
        if lms.shape(q) in ("one", "several", "text", "number", "list") and q.prompt not in used:
            sample.setdefault(lms.shape(q), q)
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
        theirs = {i.get("title"): i for _t, i in _items(archive)}
        their_names = archive.namelist()
    with zipfile.ZipFile(dist / "istanbul-talks.qti.zip") as archive:
        ours = {i.get("ident"): i for _t, i in _items(archive)}
        our_names = archive.namelist()
    layout = re.compile(r"^(imsmanifest\.xml|([^/]+)/(\2\.xml|assessment_meta\.xml))$")
    assert all(layout.match(n) for n in our_names)
    assert all(layout.match(n) for n in their_names if not n.endswith("/"))
    for kind, q in sample.items():
        mine, theirs_ = _signature(ours[q.id]), _signature(theirs[q.id])
        assert mine[0] == theirs_[0], kind
        assert mine[1] == theirs_[1], (kind, mine[1] ^ theirs_[1])
        assert mine[2] == theirs_[2], (kind, mine[2] ^ theirs_[2])
