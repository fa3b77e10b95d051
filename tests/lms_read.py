"""Reading GIFT, Moodle XML and QTI back as Moodle and Canvas read them, and checking each
question's text and right answers against the questions they were written from."""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ET
import zipfile

from quizgen.exporters import lms, qti
from quizgen.facts.loader import load_factbase
from quizgen.text import quoted

from .gift_parser import category_names, parse, shown, typed_matches

TRICKY = "a ~ = # { } : \\ -> <b>x</b> & z"
NS = {"q": qti.QTI}


def expected_text(q) -> str:
    """What a student reads as the question, in every LMS."""
    kind = q.shape
    if kind == "blank":
        before, _term, after = lms.blank_parts(q)
        if not after.strip():
            return " ".join(before.split()) + " " + lms.BLANK
        return " ".join((before + lms.BLANK + after).split())
    if kind == "truefalse":
        return lms.statement(q)
    return lms.places_prompt(q) if kind == "ordering" else q.prompt


@functools.cache
def _titles() -> dict[str, str]:
    """The shipped source's topic titles: the categories the outputs read here name."""
    from .conftest import ROOT

    return {t.id: t.title for t in load_factbase(ROOT / "facts").topics}


def topic_title(topic: str) -> str:
    return _titles().get(topic, topic)


def blank_spellings(q) -> list[str]:
    """What fills a blank: its missing word as printed, and its answer's aliases."""
    return list(dict.fromkeys([lms.blank_parts(q)[1], *q.answers[0].aliases]))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def moodle_name(title: str) -> str:
    """A category name as Moodle keeps it: its tags stripped (PARAM_TEXT)."""
    return _one_line(re.sub(r"<[^>]*>", "", title))


def check_gift(text: str, deck, questions) -> None:
    parsed = parse(text)
    assert [g.title for g in parsed] == [q.id for q in questions]
    for q, g in zip(questions, parsed):
        kind = q.shape
        assert g.format == "html", q.id
        assert _one_line(g.shown) == _one_line(expected_text(q)), q.id
        assert category_names(g.category) == [moodle_name(deck.title), topic_title(q.topic)]
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
            wanted = lms.accepted(q) if kind == "text" else blank_spellings(q)
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


MOODLE_TYPES = {"one": "multichoice", "several": "multichoice", "truefalse": "truefalse",
                "text": "shortanswer", "number": "numerical", "pairing": "matching",
                "ordering": "ordering", "recall": "essay", "blank": "shortanswer"}  # fmt: skip


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
        kind = q.shape
        assert e.get("type") == MOODLE_TYPES[kind] and e.findtext("idnumber") == q.id
        assert category_names(path) == ["top", moodle_name(deck.title), topic_title(q.topic)]
        assert _html_of(e, "questiontext") == _one_line(
            expected_text(q).replace(" Match each to its place.", "")
            if kind == "ordering"
            else expected_text(q)
        )
        assert _one_line(quoted(q.citations[0])) in _html_of(e, "generalfeedback")
        answers = [(a.findtext("text"), float(a.get("fraction"))) for a in e.findall("answer")]
        if kind in ("one", "several"):
            assert e.findtext("single") == ("true" if kind == "one" else "false")
            right = {shown(t, "html") for t, f in answers if f > 0}
            assert right == {_one_line(q.choices[i]) for i in q.key}
            assert abs(sum(f for _t, f in answers if f > 0) - 100) < 0.001
        elif kind == "truefalse":
            assert dict(answers)["true" if lms.is_true(q) else "false"] == 100
        elif kind in ("text", "blank"):
            wanted = lms.accepted(q) if kind == "text" else blank_spellings(q)
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


CANVAS_TYPES = {"one": "multiple_choice_question", "several": "multiple_answers_question",
                "truefalse": "true_false_question", "text": "short_answer_question",
                "number": "numerical_question", "pairing": "matching_question",
                "ordering": "matching_question", "recall": "essay_question",
                "blank": "short_answer_question"}  # fmt: skip


def qti_items(archive: zipfile.ZipFile) -> list[tuple[str, ET.Element]]:
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
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        items = qti_items(archive)
    assert [i.get("ident") for _t, i in items] == [q.id for q in questions]
    for q, (title, item) in zip(questions, items):
        kind = q.shape
        assert item.get("title") == q.id and _field(item, "question_type") == CANVAS_TYPES[kind]
        assert title == f"{_one_line(deck.title)}: {topic_title(q.topic)}"
        assert _mattext(item.find("q:presentation", NS)) == _one_line(expected_text(q))
        assert _one_line(quoted(q.citations[0])) in _mattext(item.find("q:itemfeedback", NS))
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
            wanted = lms.accepted(q) if kind == "text" else blank_spellings(q)
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


def qti_signature(item: ET.Element) -> tuple:
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
