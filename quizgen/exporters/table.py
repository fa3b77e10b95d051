"""Text files for flashcard tools: `<slug>.csv` for Anki's text import (front, back, tags,
with Anki's file headers, sub-decks and the same GUIDs as the .apkg, so either import
updates the same notes) and `<slug>.quizlet.tsv` for Quizlet (term, then definition)."""

from __future__ import annotations

import csv
import html
import io

from ..atomic import write_text_atomic
from ..questions import Question
from ..questions.answers import expected
from ..text import quoted
from . import ExportJob, Written
from .anki_ids import guid_for  # the same GUID as the .apkg note
from .anki_names import subdeck_name, tags_for
from .shown import shown


def front_text(q: Question) -> str:
    return "\n".join([q.prompt, *(line for block in shown(q) for line in block)])


def back_text(q: Question) -> str:
    return "\n".join([expected(q), q.explanation, *(quoted(c) for c in q.citations)])


_FORMULA = tuple("=+-@\t\r")  # what makes a spreadsheet read a cell as a formula
_AS_ENTITY = {"{": "&#123;", "}": "&#125;"}


def _html(text: str) -> str:
    """A cell of the Anki CSV (read as HTML): escaped, braces as entities (not Anki's
    syntax), and a first character that would start a formula as an entity too."""
    cell = "<br>".join(html.escape(line, quote=False) for line in text.split("\n"))
    if "{" in cell or "}" in cell:
        cell = cell.replace("{", _AS_ENTITY["{"]).replace("}", _AS_ENTITY["}"])
    if cell.startswith(_FORMULA):
        cell = f"&#{ord(cell[0])};{cell[1:]}"
    return cell


def _plain(cell: str) -> str:
    """A plain-text cell (the Quizlet TSV): an apostrophe before a formula's first
    character, as spreadsheets expect for text."""
    return "'" + cell if cell.startswith(_FORMULA) else cell


def anki_csv(job: ExportJob) -> str:
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#notetype:Basic\n")
    out.write("#columns:Front\tBack\tTags\tDeck\tGUID\n".replace("\t", ","))
    out.write("#tags column:3\n#deck column:4\n#guid column:5\n")
    writer = csv.writer(out, lineterminator="\n")
    for q in job.questions:
        tags = tags_for(q)
        deck = subdeck_name(job.deck.title, job.topic_title(q.topic))
        writer.writerow(
            [_html(front_text(q)), _html(back_text(q)), " ".join(tags), deck, guid_for(q.id)]
        )
    return out.getvalue()


def quizlet_tsv(job: ExportJob) -> str:
    def cell(text: str) -> str:
        return _plain(" / ".join(" ".join(line.split()) for line in text.split("\n")))

    return "".join(f"{cell(front_text(q))}\t{cell(back_text(q))}\n" for q in job.questions)


def export(job: ExportJob) -> list[Written]:
    anki = job.out_dir / f"{job.deck.slug}.csv"
    quizlet = job.out_dir / f"{job.deck.slug}.quizlet.tsv"
    write_text_atomic(anki, anki_csv(job))
    write_text_atomic(quizlet, quizlet_tsv(job))
    return [Written(anki, len(job.questions)), Written(quizlet, len(job.questions))]
