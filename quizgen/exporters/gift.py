"""Moodle GIFT: every question with its id as title, a $CATEGORY per topic, the article's
passage as general feedback, and GIFT's special characters escaped everywhere.

Kinds map to GIFT's types: multiple choice, multiple answers (weights summing to 100%),
true/false, short answer (every alias accepted), numerical, matching; cloze becomes a
missing-word question, chronology a matching of each event to its place, and list recall
an essay question whose general feedback gives the list (GIFT has no list type).
"""

from __future__ import annotations

import re

from ..atomic import write_text_atomic
from ..model import TOPICS
from ..questions import Question
from . import ExportJob, Written

SPECIAL = re.compile(r"([~=#{}:\\])")
ORDINALS = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"]


def escape(text: str) -> str:
    """Backslash GIFT's special characters; keep text on one line."""
    return SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _weight(n: int) -> str:
    value = 100 / n
    return f"{value:.5f}".rstrip("0").rstrip(".")


def feedback(q: Question) -> str:
    parts = [q.explanation, *(f"“{c}”" for c in q.citations)]
    return "####" + escape(" ".join(p for p in parts if p))


def question_text(q: Question) -> str:
    title = f"::{escape(q.id)}::"
    prompt = escape(q.prompt)
    kind = q.kind
    if kind == "mcq":
        body = " ".join(("=" if i in q.key else "~") + escape(c) for i, c in enumerate(q.choices))
        return f"{title}{prompt} {{{body} {feedback(q)}}}"
    if kind == "multi":
        right, wrong = len(q.key), len(q.choices) - len(q.key)
        body = " ".join(
            f"~%{_weight(right)}%{escape(c)}" if i in q.key else f"~%-{_weight(wrong)}%{escape(c)}"
            for i, c in enumerate(q.choices)
        )
        return f"{title}{prompt} {{{body} {feedback(q)}}}"
    if kind == "tf":
        statement = escape(re.sub(r"^True or false:\s*", "", q.prompt))
        value = "T" if q.key[0] == 0 else "F"
        return f"{title}{statement} {{{value}{feedback(q)}}}"
    if kind in ("short", "quote"):
        answer = q.answers[0]
        accepted = dict.fromkeys((answer.text, *answer.aliases))
        body = " ".join("=" + escape(a) for a in accepted)
        return f"{title}{prompt} {{{body} {feedback(q)}}}"
    if kind == "numeric":
        value = int(q.value) if q.value is not None and float(q.value).is_integer() else q.value
        return f"{title}{prompt} {{#{value}:0 {feedback(q)}}}"
    if kind == "cloze" and q.cloze:
        before, term, after = re.match(r"(.*)\{\{c1::(.*?)\}\}(.*)", q.cloze, re.S).groups()
        return f"{title}{escape(before)}{{={escape(term)} {feedback(q)}}}{escape(after)}"
    if kind == "matching":
        body = " ".join(
            f"={escape(left)} -> {escape(q.choices[i])}" for left, i in zip(q.items, q.key)
        )
        return f"{title}{prompt} {{{body} {feedback(q)}}}"
    if kind == "chronology":
        body = " ".join(
            f"={escape(q.choices[i])} -> {ORDINALS[place]}" for place, i in enumerate(q.key)
        )
        prompt = escape(q.prompt + " Match each to its place.")
        return f"{title}{prompt} {{{body} {feedback(q)}}}"
    # list recall: an essay, graded by hand, with the list as general feedback
    items = ", ".join(a.text for a in q.answers)
    return f"{title}{prompt} {{####{escape('The list: ' + items + '.')} {feedback(q)[4:]}}}"


def render(job: ExportJob) -> str:
    deck = job.deck
    lines = [
        f"// {deck.title}: questions made by quizgen from a cited fact base.",
        "// Import in Moodle: Question bank > Import > GIFT format.",
        "",
    ]
    for topic in dict.fromkeys(q.topic for q in job.questions):
        lines.append(f"$CATEGORY: $course$/{escape(deck.title)}/{escape(TOPICS.get(topic, topic))}")
        lines.append("")
        for q in (q for q in job.questions if q.topic == topic):
            lines.append(question_text(q))
            lines.append("")
    return "\n".join(lines)


def export(job: ExportJob) -> list[Written]:
    path = job.out_dir / f"{job.deck.slug}.gift.txt"
    write_text_atomic(path, render(job))
    return [Written(path, len(job.questions))]
