"""A Markdown study sheet: questions grouped by topic, each answer in a <details> block with
the explanation and the article's passage."""

from __future__ import annotations

import html

from ..atomic import write_text_atomic
from ..questions import Question
from ..questions.answers import expected
from . import ExportJob, Written
from .shown import shown


def _text(value: str) -> str:
    """Fact text is data, not markup: escape HTML and Markdown's active characters, and
    keep it on one line."""
    escaped = html.escape(str(value), quote=False)
    if "\n" in escaped or "\r" in escaped:  # a line break, not a new block: items stay whole
        escaped = "<br>".join(escaped.splitlines())
    return escaped.replace("*", r"\*").replace("_", r"\_").replace("`", r"\`").replace("[", r"\[")


def _question(number: int, q: Question) -> list[str]:
    lines = [f"**{number}.** {_text(q.prompt)}", ""]
    for block in shown(q, _text, "- "):
        lines += [*block, ""]
    lines += [
        "<details><summary>Answer</summary>",
        "",
        f"**{_text(expected(q))}**",
        "",
        _text(q.explanation),
        "",
        *[f"> {_text(c)}" for c in q.citations],
        "",
        f"<sub>{_text(q.id)}</sub>",
        "",
        "</details>",
        "",
    ]
    return lines


def render(job: ExportJob) -> str:
    deck = job.deck
    lines = [f"# {_text(deck.title)}", ""]
    if deck.description:
        lines += [_text(deck.description), ""]
    for title, by in job.credits():
        credit = f" Reporting supported by {_text(by)}." if by else ""
        lines += [f"Source: *{_text(title)}*.{credit}", ""]
    number = 0
    for topic in dict.fromkeys(q.topic for q in job.questions):
        lines += [f"## {_text(job.topic_title(topic))}", ""]
        for q in (q for q in job.questions if q.topic == topic):
            number += 1
            lines += _question(number, q)
    return "\n".join(lines).rstrip() + "\n"


def export(job: ExportJob) -> list[Written]:
    path = job.out_dir / f"{job.deck.slug}.md"
    write_text_atomic(path, render(job))
    return [Written(path, len(job.questions))]
