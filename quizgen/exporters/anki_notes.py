"""A question as an Anki note: its note type and its fields (HTML, every fact's text
escaped), by answer shape, one entry per shape in `NOTES`."""

from __future__ import annotations

import html

import genanki

from ..facts.kinds import Source
from ..questions import Question
from ..questions.kinds import LETTERS, Shape
from ..text import quoted
from .anki_models import BASIC, CHOICE, CLOZE, TYPE_IN


def field_html(text: str) -> str:
    """A fact's text as the HTML of a field: markup escaped, and braces as entities, so
    that `{{c1::x}}` or `{{Front}}` shows as written instead of being Anki's syntax."""
    if "&" in text or "<" in text or ">" in text:
        text = html.escape(text, quote=False)
    if "{" in text or "}" in text:
        text = text.replace("{", "&#123;").replace("}", "&#125;")
    return text


_e = field_html  # short, for the many fields below


def _cloze_field(q: Question) -> str:
    """The cloze text escaped around quizgen's one deletion, `{{c1::term}}`."""
    marker = "{{c1::" + q.answers[0].text + "}}"
    at = q.cloze.find(marker)
    if at < 0:
        return _e(q.cloze)
    before, after = q.cloze[:at], q.cloze[at + len(marker) :]
    return _e(before) + "{{c1::" + _e(q.answers[0].text) + "}}" + _e(after)


def _choices(q: Question) -> tuple[str, str]:
    """The choices as a lettered list: plain (front), and marked right or wrong (back)."""
    plain, marked = [], []
    for index, choice in enumerate(q.choices):
        item = f'<span class="qg-letter">{LETTERS[index]}</span> {_e(choice)}</li>'
        plain.append("<li>" + item)
        css = "qg-right" if index in q.key else "qg-wrong"
        marked.append(f'<li class="{css}">' + item)
    return (
        '<ol class="qg-choices">' + "".join(plain) + "</ol>",
        '<ol class="qg-choices">' + "".join(marked) + "</ol>",
    )


def _citation(q: Question) -> str:
    return "".join(f"<p>{_e(quoted(c))}</p>" for c in q.citations)


def source_line(source: Source | None) -> str:
    """The note's last field: where the question comes from."""
    if source is None:
        return ""
    line = f"Source: {source.title}"
    if source.supported_by:
        line += f" (reporting supported by {source.supported_by})"
    return _e(line)


def _chosen(q: Question, cite: str, explain: str, src: str) -> tuple[genanki.Model, list]:
    right = ", ".join(LETTERS[i] for i in q.key)
    front, back = _choices(q)
    return CHOICE, [
        _e(q.prompt),
        front,
        back,
        f"{right}: {_e(q.answer_text)}",
        explain,
        cite,
        src,
    ]


def typed_in_anki(q: Question) -> bool:
    """Is this answer typed in Anki? Only when one spelling is natural: Anki compares a
    typed answer exactly (case, spaces and all), so an answer with other spellings (its
    aliases) is revealed instead, and Anki never shows a right answer in red."""
    return not q.answers[0].aliases


def _typed(q: Question, cite: str, explain: str, src: str) -> tuple[genanki.Model, list]:
    """The Type-in note type for both (a note keeps its note type, so its reviews and
    updates survive): typed, Answer holds the answer; revealed, Answer is empty (Anki then
    shows no box) and Accepted holds the answer and its other spellings."""
    first = q.answers[0]
    if typed_in_anki(q):
        return TYPE_IN, [_e(q.prompt), _e(first.text), "", explain, cite, src]
    revealed = _e(q.answer_text)
    if first.aliases:
        revealed += f'<div class="qg-accepted">Also right: {_e(", ".join(first.aliases))}</div>'
    return TYPE_IN, [_e(q.prompt), "", revealed, explain, cite, src]


def _blank(q: Question, cite: str, explain: str, src: str) -> tuple[genanki.Model, list]:
    if not q.cloze:
        return _basic(q, _e(q.prompt), _e(q.answer_text), cite, explain, src)
    return CLOZE, [_cloze_field(q), explain, cite, src]


def _basic(q: Question, front: str, back: str, cite: str, explain: str, src: str):
    return BASIC, [front, back, explain, cite, src]


def _ordering(q: Question, cite: str, explain: str, src: str) -> tuple[genanki.Model, list]:
    order = ", ".join(LETTERS[i] for i in q.key)
    back = f"{order}<ol>" + "".join(f"<li>{_e(q.choices[i])}</li>" for i in q.key) + "</ol>"
    return _basic(q, _e(q.prompt) + _lettered(q.choices), back, cite, explain, src)


def _pairing(q: Question, cite: str, explain: str, src: str) -> tuple[genanki.Model, list]:
    left = "".join(f"<li>{_e(item)}</li>" for item in q.items)
    front = _e(q.prompt) + f'<ol class="qg-items">{left}</ol>' + _lettered(q.choices)
    back = "".join(
        f"<li>{_e(item)} — {LETTERS[i]}: {_e(q.choices[i])}</li>" for item, i in zip(q.items, q.key)
    )
    return _basic(q, front, f"<ol>{back}</ol>", cite, explain, src)


def _recall(q: Question, cite: str, explain: str, src: str) -> tuple[genanki.Model, list]:
    back = "<ul>" + "".join(f"<li>{_e(a.text)}</li>" for a in q.answers) + "</ul>"
    return _basic(q, _e(q.prompt), back, cite, explain, src)


NOTES = {  # shape -> (question, citation, explanation, source line) -> (note type, fields)
    Shape.ONE: _chosen,
    Shape.SEVERAL: _chosen,
    Shape.TRUEFALSE: _chosen,
    Shape.TEXT: _typed,
    Shape.NUMBER: _typed,
    Shape.BLANK: _blank,
    Shape.ORDERING: _ordering,
    Shape.PAIRING: _pairing,
    Shape.RECALL: _recall,
}


def note_content(q: Question, src: str) -> tuple[genanki.Model, list[str]]:
    """The note type and fields (HTML, everything escaped) of one question; `src` is its
    source's source_line()."""
    return NOTES[q.shape](q, _citation(q), _e(q.explanation), src)


def _lettered(options: tuple[str, ...]) -> str:
    items = "".join(
        f'<li><span class="qg-letter">{LETTERS[i]}</span> {_e(text)}</li>'
        for i, text in enumerate(options)
    )
    return f'<ol class="qg-choices">{items}</ol>'
