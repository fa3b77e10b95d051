"""QTI 1.2 for Canvas (`<slug>.qti.zip`): the Canvas-flavoured QTI 1.2 that Canvas Classic
Quizzes imports (and New Quizzes converts), in the shape text2qti and Canvas's own exports
have: an `imsmanifest.xml`, and per assessment a folder with the QTI file and Canvas's
`assessment_meta.xml`.

One assessment per topic: Canvas makes of each a quiz and a question bank of the same name
("<deck>: <topic>"). Every item's ident and title is the question's id; its Canvas type is
in its metadata; the explanation and the article's passages are its general feedback.

Shapes map to Canvas's types in one table (`TYPES`): one -> multiple_choice, several ->
multiple_answers, truefalse -> true_false, text -> short_answer (every alias), number ->
numerical (exact), pairing -> matching. Canvas has no ordering and no list type: ordering
becomes a matching of each item to its place, list an essay (graded by hand) whose feedback
gives the list; blank becomes a short answer with `_____` in the sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..atomic import write_atomic
from ..questions import Question
from ..questions.kinds import Shape
from . import ExportJob, Written, lms
from .zipped import write_zip

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"


def _sub(parent: ET.Element, tag: str, attrs: dict | None = None, text=None) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        element.text = str(text)
    return element


def _material(parent: ET.Element, text: str) -> None:
    """Canvas's HTML text: the fact's text escaped, in a paragraph."""
    material = _sub(parent, "material")
    _sub(material, "mattext", {"texttype": "text/html"}, f"<p>{lms.as_html(text)}</p>")


def _metadata(metadata: ET.Element, canvas_type: str, answer_ids: list[str]) -> None:
    fields = _sub(metadata, "qtimetadata")
    for label, entry in (
        ("question_type", canvas_type),
        ("points_possible", "1.0"),
        ("original_answer_ids", ",".join(answer_ids)),
    ):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", text=label)
        _sub(field, "fieldentry", text=entry)


def _scoring(item: ET.Element) -> ET.Element:
    processing = _sub(item, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE",
                              "vartype": "Decimal"})  # fmt: skip
    shown = _sub(processing, "respcondition", {"continue": "Yes"})
    _sub(_sub(shown, "conditionvar"), "other")
    _sub(shown, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
    return processing


def _score(processing: ET.Element, condition: ET.Element, points: str = "100") -> None:
    """A condition that sets (or, below 100, adds to) the score."""
    rule = _sub(processing, "respcondition", {"continue": "No" if points == "100" else "Yes"})
    rule.append(condition)
    action = "Set" if points == "100" else "Add"
    _sub(rule, "setvar", {"action": action, "varname": "SCORE"}, points)


def _condition(*tests: tuple[str, str, str]) -> ET.Element:
    """`<conditionvar>` of (tag, response, value) tests, all of which must hold."""
    condition = ET.Element("conditionvar")
    target = _sub(condition, "and") if len(tests) > 1 else condition
    for tag, response, value in tests:
        if tag == "not":
            _sub(_sub(target, "not"), "varequal", {"respident": response}, value)
        else:
            _sub(target, tag, {"respident": response}, value)
    return condition


def _choice_block(presentation, ident: str, labels: list[tuple[str, str]], cardinality: str):
    response = _sub(presentation, "response_lid", {"ident": ident, "rcardinality": cardinality})
    choices = _sub(response, "render_choice")
    for label, text in labels:
        _material(_sub(choices, "response_label", {"ident": label}), text)
    return response


def _choices(item, presentation, processing, q: Question, single: bool) -> list[str]:
    labels = [(f"{q.id}.c{i}", c) for i, c in enumerate(q.choices)]
    _choice_block(presentation, "response1", labels, "Single" if single else "Multiple")
    if single:
        _score(processing, _condition(("varequal", "response1", labels[q.key[0]][0])))
    else:
        tests = [("varequal" if i in q.key else "not", "response1", label)
                 for i, (label, _t) in enumerate(labels)]  # fmt: skip
        _score(processing, _condition(*tests))
    return [label for label, _t in labels]


def _truefalse(item, presentation, processing, q: Question) -> list[str]:
    labels = [(f"{q.id}.true", "True"), (f"{q.id}.false", "False")]
    _choice_block(presentation, "response1", labels, "Single")
    right = labels[0 if lms.is_true(q) else 1][0]
    _score(processing, _condition(("varequal", "response1", right)))
    return [label for label, _t in labels]


def _typed(presentation, processing, answers: list[str]) -> list[str]:
    response = _sub(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
    _sub(_sub(response, "render_fib"), "response_label", {"ident": "answer1", "rshuffle": "No"})
    condition = ET.Element("conditionvar")
    for answer in answers:
        _sub(condition, "varequal", {"respident": "response1"}, " ".join(answer.split()))
    _score(processing, condition)
    return []


def _number(item, presentation, processing, q: Question) -> list[str]:
    response = _sub(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
    _sub(_sub(response, "render_fib", {"fibtype": "Decimal"}), "response_label",
         {"ident": "answer1"})  # fmt: skip
    value = lms.number(q)
    condition = ET.Element("conditionvar")
    either = _sub(condition, "or")
    _sub(either, "varequal", {"respident": "response1"}, value)
    within = _sub(either, "and")
    _sub(within, "vargte", {"respident": "response1"}, value)
    _sub(within, "varlte", {"respident": "response1"}, value)
    _score(processing, condition)
    return [f"{q.id}.number"]


def _pairs(item, presentation, processing, q: Question) -> list[str]:
    pairs = lms.pairs(q)
    matches = list(dict.fromkeys(right for _left, right in pairs))
    if q.shape == Shape.PAIRING:
        matches = [" ".join(c.split()) for c in q.choices]
    labels = [(f"{q.id}.m{i}", m) for i, m in enumerate(matches)]
    share = f"{100 / len(pairs):.4f}".rstrip("0").rstrip(".")
    for n, (left, right) in enumerate(pairs):
        ident = f"response_{q.id}.i{n}"
        response = _sub(presentation, "response_lid", {"ident": ident})
        _material(response, left)
        choices = _sub(response, "render_choice")
        for label, text in labels:
            material = _sub(_sub(choices, "response_label", {"ident": label}), "material")
            _sub(material, "mattext", {"texttype": "text/plain"}, text)  # Canvas: plain
        right_label = labels[matches.index(" ".join(right.split()))][0]
        _score(processing, _condition(("varequal", ident, right_label)), share)
    return [f"{q.id}.i{n}" for n in range(len(pairs))]


def _essay(item, presentation, processing, q: Question) -> list[str]:
    response = _sub(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
    _sub(_sub(response, "render_fib"), "response_label", {"ident": "answer1", "rshuffle": "No"})
    return []


def _blank_text(q: Question) -> str:
    before, _term, after = lms.blank_parts(q)
    return before + lms.BLANK + after


TYPES = {  # shape -> (Canvas type, question text, what is asked and how it is scored)
    Shape.ONE: ("multiple_choice_question", None, lambda *a: _choices(*a, single=True)),
    Shape.SEVERAL: ("multiple_answers_question", None, lambda *a: _choices(*a, single=False)),
    Shape.TRUEFALSE: ("true_false_question", lms.statement, _truefalse),
    Shape.TEXT: ("short_answer_question", None, lambda i, p, s, q: _typed(p, s, lms.accepted(q))),
    Shape.NUMBER: ("numerical_question", None, _number),
    Shape.PAIRING: ("matching_question", None, _pairs),
    Shape.ORDERING: ("matching_question", lms.places_prompt, _pairs),
    Shape.RECALL: ("essay_question", None, _essay),
    Shape.BLANK: ("short_answer_question", _blank_text,
              lambda i, p, s, q: _typed(p, s, lms.blank_answers(q))),
}  # fmt: skip


def item(q: Question) -> ET.Element:
    canvas_type, text, ask = TYPES[q.shape]
    element = ET.Element("item", {"ident": q.id, "title": q.id})
    metadata = _sub(element, "itemmetadata")  # filled once the answers have ids
    presentation = _sub(element, "presentation")
    _material(presentation, text(q) if text else q.prompt)
    processing = _scoring(element)
    answer_ids = ask(element, presentation, processing, q)
    _metadata(metadata, canvas_type, answer_ids)
    general = lms.feedback(q)
    if q.shape == Shape.RECALL:
        general = lms.list_answer(q) + " " + general
    feedback = _sub(element, "itemfeedback", {"ident": "general_fb"})
    _material(_sub(feedback, "flow_mat"), general)
    return element


def assessment(ident: str, title: str, questions: list[Question]) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI})
    test = _sub(root, "assessment", {"ident": ident, "title": title})
    section = _sub(test, "section", {"ident": "root_section"})
    section.extend(item(q) for q in questions)
    return lms.xml_bytes(root)


def assessment_meta(ident: str, title: str, count: int) -> bytes:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS})
    for tag, value in (("title", title), ("shuffle_answers", "true"),
                       ("quiz_type", "practice_quiz"), ("points_possible", f"{count}.0"),
                       ("show_correct_answers", "true"), ("available", "false")):  # fmt: skip
        _sub(root, tag, text=value)
    return lms.xml_bytes(root)


def manifest(ident: str, assessments: list[str]) -> bytes:
    root = ET.Element("manifest", {"identifier": f"{ident}.manifest", "xmlns": CP})
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", text="IMS Content")
    _sub(metadata, "schemaversion", text="1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for name in assessments:
        resource = _sub(resources, "resource", {"identifier": name, "type": "imsqti_xmlv1p2"})
        _sub(resource, "file", {"href": f"{name}/{name}.xml"})
        _sub(resource, "dependency", {"identifierref": f"{name}.meta"})
        meta = _sub(resources, "resource", {
            "identifier": f"{name}.meta", "href": f"{name}/assessment_meta.xml",
            "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource"})  # fmt: skip
        _sub(meta, "file", {"href": f"{name}/assessment_meta.xml"})
    return lms.xml_bytes(root)


def members(job: ExportJob) -> list[tuple[str, bytes]]:
    files, names = [], []
    for topic, questions in lms.by_topic(job.questions):
        name = f"{job.deck.slug}.{topic}"
        title = f"{' '.join(job.deck.title.split())}: {job.topic_title(topic)}"
        names.append(name)
        files.append((f"{name}/{name}.xml", assessment(name, title, questions)))
        files.append((f"{name}/assessment_meta.xml", assessment_meta(name, title, len(questions))))
    return [("imsmanifest.xml", manifest(job.deck.slug, names)), *files]


def export(job: ExportJob) -> list[Written]:
    path = job.out_dir / f"{job.deck.slug}.qti.zip"
    parts = members(job)
    write_atomic(path, lambda handle: write_zip(handle, parts))
    return [Written(path, len(job.questions))]
