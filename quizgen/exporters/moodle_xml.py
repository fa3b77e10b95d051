"""Moodle XML (`<slug>.moodle.xml`): Moodle's lossless question format.

Every question is named by its id, which is also its `idnumber`; its text, choices and
feedback are `format="html"` with the fact's text HTML-escaped; the explanation and the
article's passages are the general feedback; each topic is a category
(`$course$/top/<deck>/<topic>`). Shapes map to Moodle's own types in one table (`TYPES`):
one -> multichoice (single), several -> multichoice (fractions summing to 100%), truefalse
-> truefalse, text -> shortanswer (every alias), number -> numerical with its unit, pairing
-> matching, ordering -> ordering (qtype_ordering, standard since Moodle 4.4), list -> essay
whose grader information gives the list, blank -> shortanswer with `_____` in the sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..atomic import write_atomic
from ..questions import Question
from ..questions.kinds import Shape
from . import ExportJob, Written, lms


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    """`<tag format="html"><text>value</text></tag>`; the value is HTML already when fmt is
    html, plain text otherwise."""
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def _fields(parent: ET.Element, **fields) -> None:
    for tag, value in fields.items():
        ET.SubElement(parent, tag).text = str(value)


def _answer(parent, fraction: float, text: str, fmt: str | None = "html") -> ET.Element:
    answer = _text(parent, "answer", text, fmt)
    answer.set("fraction", f"{fraction:.7f}".rstrip("0").rstrip("."))
    _text(answer, "feedback", "")
    return answer


def _choices(question: ET.Element, q: Question, single: bool) -> None:
    right, wrong = len(q.key), len(q.choices) - len(q.key)
    _fields(question, single="true" if single else "false", shuffleanswers="true")
    _fields(question, answernumbering="abc", showstandardinstruction=0)
    for i, choice in enumerate(q.choices):
        if single:
            fraction = 100.0 if i in q.key else 0.0
        else:
            fraction = 100 / right if i in q.key else -100 / wrong
        _answer(question, fraction, lms.as_html(choice))


def _truefalse(question: ET.Element, q: Question) -> None:
    truth = lms.is_true(q)
    _answer(question, 100.0 if truth else 0.0, "true", "moodle_auto_format")
    _answer(question, 0.0 if truth else 100.0, "false", "moodle_auto_format")


def _typed(question: ET.Element, answers: list[str]) -> None:
    _fields(question, usecase=0)
    for answer in answers:
        _answer(question, 100.0, lms.typed_pattern(answer), "moodle_auto_format")


def _number(question: ET.Element, q: Question) -> None:
    answer = _answer(question, 100.0, lms.number(q), None)
    _fields(answer, tolerance=0)
    if q.unit:
        units = ET.SubElement(question, "units")
        unit = ET.SubElement(units, "unit")
        _fields(unit, multiplier=1, unit_name=" ".join(q.unit.split()))
    # the unit may be typed or left out, and is not graded
    _fields(question, unitgradingtype=0, unitpenalty="0.1", showunits=0, unitsleft=0)


def _pairing(question: ET.Element, q: Question) -> None:
    _fields(question, shuffleanswers="true")
    for left, right in lms.pairs(q):
        sub = _text(question, "subquestion", lms.as_html(left))
        # Moodle shows a match through format_string: HTML, its tags stripped
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = lms.as_html(right)


def _ordering(question: ET.Element, q: Question) -> None:
    _fields(question, layouttype="VERTICAL", selecttype="ALL", selectcount=0)
    _fields(question, gradingtype="ABSOLUTE_POSITION", showgrading="SHOW")
    _fields(question, numberingstyle="none", shownumcorrect=1)
    for place, item in enumerate(lms.in_order(q), 1):
        answer = _text(question, "answer", lms.as_html(item))
        answer.set("fraction", str(place))  # the ordering type keeps the place here


def _essay(question: ET.Element, q: Question) -> None:
    _fields(question, responseformat="editor", responserequired=1, responsefieldlines=5)
    _fields(question, attachments=0, attachmentsrequired=0)
    _text(question, "graderinfo", lms.as_html(lms.list_answer(q)))
    _text(question, "responsetemplate", "")


def _blank_text(q: Question) -> str:
    before, _term, after = lms.blank_parts(q)
    return lms.as_html(before + lms.BLANK + after)


TYPES = {  # shape -> (Moodle type, question text as HTML, what follows the common fields)
    Shape.ONE: ("multichoice", None, lambda e, q: _choices(e, q, single=True)),
    Shape.SEVERAL: ("multichoice", None, lambda e, q: _choices(e, q, single=False)),
    Shape.TRUEFALSE: ("truefalse", lambda q: lms.as_html(lms.statement(q)), _truefalse),
    Shape.TEXT: ("shortanswer", None, lambda e, q: _typed(e, lms.accepted(q))),
    Shape.NUMBER: ("numerical", None, _number),
    Shape.PAIRING: ("matching", None, _pairing),
    Shape.ORDERING: ("ordering", None, _ordering),
    Shape.RECALL: ("essay", None, _essay),
    Shape.BLANK: ("shortanswer", _blank_text, lambda e, q: _typed(e, lms.blank_answers(q))),
}


def question(q: Question) -> ET.Element:
    kind, text, rest = TYPES[q.shape]
    element = ET.Element("question", {"type": kind})
    _text(element, "name", q.id, None)
    _text(element, "questiontext", text(q) if text else lms.as_html(q.prompt))
    general = lms.feedback(q)
    if q.shape == Shape.RECALL:
        general = lms.list_answer(q) + " " + general
    _text(element, "generalfeedback", lms.as_html(general))
    _fields(element, defaultgrade=1, penalty="0.3333333", hidden=0, idnumber=q.id)
    rest(element, q)
    return element


def category(path: str) -> ET.Element:
    element = ET.Element("question", {"type": "category"})
    _text(element, "category", path, None)
    return element


def render(job: ExportJob) -> bytes:
    quiz = ET.Element("quiz")
    for topic, questions in lms.by_topic(job.questions):
        quiz.append(category(lms.category_path(job.deck, job.topic_title(topic), "$course$/top")))
        quiz.extend(question(q) for q in questions)
    return lms.xml_bytes(quiz)


def export(job: ExportJob) -> list[Written]:
    path = job.out_dir / f"{job.deck.slug}.moodle.xml"
    data = render(job)
    write_atomic(path, lambda handle: handle.write(data))
    return [Written(path, len(job.questions))]
