"""Moodle GIFT, written as Moodle's own importer (qformat_gift) reads it.

Every question is titled with its id and marked `[html]`, its text HTML-escaped, so that
Moodle shows the same text as every other output (`<b>` stays `<b>`). GIFT's escapes
(`\\~ \\= \\# \\{ \\} \\: \\\\`) apply to titles, texts, answers and feedback; `$CATEGORY` lines
are not unescaped by Moodle, so their names are written raw (a `/` in a name doubled, a
backslash doubled). The article's passage is the general feedback.

Shapes map to GIFT's types (one table, `WRITERS`): one -> multiple choice, several ->
multiple answers (weights summing to 100%), truefalse -> true/false, text -> short answer
(every alias), number -> numerical, pairing -> matching, ordering -> a matching of each item
to its place (GIFT has no ordering), list -> essay whose feedback gives the list, blank ->
missing word, the spaces around the blank kept (Moodle puts `_____` where the braces are).

Two things GIFT cannot say, encoded: a `->` in a matching pair would split it, so both
sides are HTML (`-&gt;`); a `->` in a typed answer would make Moodle read a matching, so
it is written `-*>` (Moodle's wildcard; the `*` of an answer is escaped `\\*`).
"""

from __future__ import annotations

import re

from ..atomic import write_text_atomic
from ..questions import Question
from ..questions.kinds import Shape
from . import ExportJob, Written, lms

SPECIAL = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """Backslash GIFT's special characters; keep text on one line."""
    return SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def html(text: str) -> str:
    """Text for a part Moodle reads in the question's format: HTML-escaped, then GIFT-escaped.
    A leading `[` is written `&#91;` so that Moodle cannot take it for a format marker."""
    marked = lms.as_html(text)
    if marked.startswith("["):
        marked = "&#91;" + marked[1:]
    return escape(marked)


def typed(answer: str) -> str:
    """A short answer as Moodle matches it (see the module's note on `->`)."""
    return escape(lms.typed_pattern(answer).replace("->", "-*>"))


def _weight(n: int) -> str:
    value = 100 / n
    return f"{value:.5f}".rstrip("0").rstrip(".")


def feedback(q: Question) -> str:
    return "####" + html(lms.feedback(q))


def _one(q: Question) -> str:
    return " ".join(("=" if i in q.key else "~") + html(c) for i, c in enumerate(q.choices))


def _several(q: Question) -> str:
    right, wrong = len(q.key), len(q.choices) - len(q.key)
    return " ".join(
        f"~%{_weight(right)}%{html(c)}" if i in q.key else f"~%-{_weight(wrong)}%{html(c)}"
        for i, c in enumerate(q.choices)
    )


def _pairs(q: Question) -> str:
    """Matching pairs, both sides HTML: the item is read in the question's format, and
    Moodle shows the match through format_string, as HTML with its tags stripped. No raw
    `->` is left to cut a pair."""
    return " ".join(f"={html(left)} -> {html(right)}" for left, right in lms.pairs(q))


def _blank(q: Question) -> str:
    before, _term, after = lms.blank_parts(q)
    answer = f"{{{_spellings(lms.blank_answers(q))} {feedback(q)}}}"
    if not after.strip():  # text ending in '}' gets no blank from Moodle: write it
        return f"[html]{_edges(before)}{lms.BLANK}{answer}"
    return f"[html]{_edges(before)}{answer}{_edges(after)}"


def _spellings(answers: list[str]) -> str:
    """Typed answers, each a right one: `=Fire Chief Bergin =Bergin`."""
    return " ".join("=" + typed(a) for a in answers)


def _edges(text: str) -> str:
    """Text beside a blank: escaped, one space kept on each side that had any."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return f"{lead}{html(text)}{trail}" if text.strip() else lead


def _asked(text, answers, general=feedback):
    """The question text, then its answers and general feedback in braces."""
    return lambda q: f"[html]{html(text(q))} {{{answers(q)} {general(q)}}}"


def _list_feedback(q: Question) -> str:
    """An essay, graded by hand, with the list as general feedback."""
    return "####" + html(lms.list_answer(q) + " " + lms.feedback(q))


def _prompt(q: Question) -> str:
    return q.prompt


WRITERS = {  # shape -> the question after its title
    Shape.ONE: _asked(_prompt, _one),
    Shape.SEVERAL: _asked(_prompt, _several),
    Shape.TRUEFALSE: _asked(lms.statement, lambda q: "T" if lms.is_true(q) else "F"),
    Shape.TEXT: _asked(_prompt, lambda q: _spellings(lms.accepted(q))),
    Shape.NUMBER: _asked(_prompt, lambda q: f"#{lms.number(q)}:0"),
    Shape.PAIRING: _asked(_prompt, _pairs),
    Shape.ORDERING: _asked(lms.places_prompt, _pairs),
    Shape.RECALL: _asked(_prompt, lambda q: "", _list_feedback),
    Shape.BLANK: _blank,
}


def question_text(q: Question) -> str:
    return f"::{escape(q.id)}::" + WRITERS[q.shape](q)


def category(deck, title: str) -> str:
    """A `$CATEGORY` line as Moodle reads it: no GIFT escapes (Moodle does not undo them);
    a backslash doubled, since Moodle turns `\\\\` into `\\` before it reads the line."""
    return "$CATEGORY: " + lms.category_path(deck, title).replace("\\", "\\\\")


def render(job: ExportJob) -> str:
    lines = [
        f"// {' '.join(job.deck.title.split())}: questions made by quizgen from a cited fact base.",
        "// Import in Moodle: Question bank > Import > GIFT format.",
        "",
    ]
    for topic, questions in lms.by_topic(job.questions):
        lines += [category(job.deck, job.topic_title(topic)), ""]
        for q in questions:
            lines += [question_text(q), ""]
    return "\n".join(lines)


def export(job: ExportJob) -> list[Written]:
    path = job.out_dir / f"{job.deck.slug}.gift.txt"
    write_text_atomic(path, render(job))
    return [Written(path, len(job.questions))]
