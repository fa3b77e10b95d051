"""Printable worksheets and answer keys: self-contained HTML, and PDF through WeasyPrint.

Per form: `<slug>-form-A.html` and `<slug>-form-A-key.html` (and `.pdf`). Everything a fact
contributes is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..atomic import write_atomic, write_text_atomic
from ..errors import ExportError
from ..forms import Form, answer_width, make_forms
from ..questions.answers import key_answer
from ..questions.kinds import LETTERS
from ..templating import html_environment
from ..text import quoted
from . import ExportJob, Written

PDF_HINT = "PDF needs WeasyPrint: pip install 'quizgen[pdf]'"


def css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes and '<' escaped."""
    escaped = re.sub(r'[\\"\n<>]', lambda m: f"\\{ord(m.group()):x} ", str(text))
    return f'"{escaped}"'


def _pages(job: ExportJob) -> list[tuple[str, str, Form]]:
    """[(file stem, html, form)] for every form's worksheet and key."""
    deck, sheet = job.deck, job.deck.worksheet
    env = html_environment("worksheet", {"css_string": css_string, "quoted": quoted})
    letters = job.options.get("forms") or sheet.forms
    forms = make_forms(job.questions, tuple(letters), job.seed, sheet.points, job.titles)
    source_line = "; ".join(
        title + (f" (reporting supported by {by})" if by else "") for title, by in job.credits()
    )
    title = sheet.title or deck.title
    pages = []
    for form in forms:
        css = env.get_template("base.css").render(
            paper=sheet.paper, title=title, letter=form.letter
        )
        context = {
            "title": title,
            "instructions": sheet.instructions,
            "form": form,
            "letters": LETTERS,
            "language": job.language,
            "source_line": source_line,
            "css": Markup(css),
            "width": answer_width,
            "key_answer": key_answer,
        }
        stem = f"{deck.slug}-form-{form.letter}"
        pages.append((stem, env.get_template("worksheet.html.j2").render(context), form))
        pages.append((f"{stem}-key", env.get_template("key.html.j2").render(context), form))
    return pages


def export_html(job: ExportJob) -> list[Written]:
    written = []
    for stem, html, form in _pages(job):
        path = job.out_dir / f"{stem}.html"
        write_text_atomic(path, html)
        written.append(Written(path, len(form.items), [f"form {form.letter}, {form.total} points"]))
    return written


def export_pdf(job: ExportJob) -> list[Written]:
    """Each page set rendered by WeasyPrint; with several, the job's mapper may share them."""
    try:
        import weasyprint
    except ImportError:  # the optional 'pdf' extra
        raise ExportError(PDF_HINT) from None

    def render(page: tuple[str, str, Form]) -> list[tuple[bytes, int]]:
        document = weasyprint.HTML(string=page[1], base_url=str(job.out_dir)).render()
        return [(document.write_pdf(), len(document.pages))]

    pages = _pages(job)
    written = []
    for (stem, _html, form), (pdf, count) in zip(
        pages, job.mapper(pages, render, helper=len(pages) > 1)
    ):
        path = job.out_dir / f"{stem}.pdf"
        write_atomic(path, lambda handle, data=pdf: handle.write(data))
        details = [f"form {form.letter}, {form.total} points, {count} pages"]
        written.append(Written(path, len(form.items), details))
    return written
