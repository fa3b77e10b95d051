"""The terminal front of a quiz: shows questions, reads answers, says what was right.

Interactive (a terminal): a header per question, colour unless NO_COLOR, text wrapped to the
terminal's width. Otherwise (piped input, --answers FILE): plain lines, no colour, no prompt
decoration. Ctrl-C and end of input end the session cleanly, with the summary.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Iterator
from typing import TextIO

from ..grading import LETTERS, PARTIAL, RIGHT, TYPO, Grade, Unreadable, expected, split_items
from ..questions import Question
from ..vocab import TOPICS
from .session import Session, Summary

HELP = """Type your answer and press Enter.
  multiple choice: a letter (select all: several letters, e.g. AC)
  true / false: t or f
  list: items separated by commas, or one at a time (an empty line ends the list)
  order: the letters earliest first, e.g. CADB
  matching: pairs, e.g. 1b 2a 3c
Commands: :skip  skip this question   :quit  end the quiz   :help  this help"""


class Quit(Exception):
    """The learner ended the session (:quit, Ctrl-C, end of input)."""


class Terminal:
    def __init__(
        self,
        out: TextIO,
        answers: Iterator[str] | None = None,
        interactive: bool | None = None,
        color: bool | None = None,
    ):
        self.out = out
        self.answers = answers
        if interactive is None:
            interactive = answers is None and sys.stdin.isatty() and out.isatty()
        self.interactive = interactive
        if color is None:
            color = interactive and not os.environ.get("NO_COLOR")
        self.color = color
        self.width = min(shutil.get_terminal_size((80, 24)).columns, 100) if interactive else 80

    # -- output -------------------------------------------------------------------------
    def style(self, text: str, **style) -> str:
        if not self.color:
            return text
        import click

        return click.style(text, **style)

    def say(self, text: str = "", indent: str = "", hang: int = 0, **style) -> None:
        """Print wrapped to the terminal's width; wrapped lines stand `hang` further in."""
        lines = []
        more = " " * (len(indent) + hang)
        for paragraph in text.split("\n"):
            wrapped = textwrap.wrap(
                paragraph, self.width, initial_indent=indent, subsequent_indent=more
            )
            lines.extend(wrapped or [""])
        self.out.write(self.style("\n".join(lines), **style) + "\n")
        self.out.flush()

    # -- input --------------------------------------------------------------------------
    def read(self, prompt: str = "> ") -> str:
        if self.answers is not None:
            try:
                return next(self.answers)
            except StopIteration:
                raise EOFError from None
        if self.interactive:
            return input(self.style(prompt, bold=True))
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    # -- one question -------------------------------------------------------------------
    def show(self, q: Question, number: int, total: int) -> None:
        topic = TOPICS.get(q.topic, q.topic)
        self.say()
        if self.interactive:
            self.say(f"{number}/{total} · {topic}", fg="cyan")
        else:
            self.say(f"Question {number} of {total} ({topic})")
        self.say(q.prompt, bold=True)
        if q.kind in ("mcq", "multi", "chronology"):
            for index, choice in enumerate(q.choices):
                self.say(f"{LETTERS[index]}) {choice}", indent="  ", hang=3)
        elif q.kind == "tf":
            self.say("t) True   f) False", indent="  ")
        elif q.kind == "matching":
            for index, item in enumerate(q.items, 1):
                self.say(f"{index}. {item}", indent="  ", hang=3)
            for index, choice in enumerate(q.choices):
                self.say(f"{LETTERS[index].lower()}) {choice}", indent="      ", hang=3)
        elif q.kind == "list":
            self.say(f"({len(q.answers)} items: commas between them, or one per line)", indent="  ")
        elif q.kind == "numeric" and q.unit:
            self.say(f"(a number of {q.unit})", indent="  ")

    def ask(self, session: Session, q: Question) -> None:
        """Read until there is a gradable answer (or a command), then grade and commit it."""
        while True:
            raw = self.read()
            command = raw.strip().lower()
            if command.startswith(":"):
                if command in (":skip", ":s"):
                    session.skip(q)
                    self.say("Skipped. The answer: " + expected(q), indent="  ")
                    return
                if command in (":quit", ":q"):
                    raise Quit
                if command in (":help", ":h", ":?"):
                    self.say(HELP, indent="  ")
                else:
                    self.say(f"Unknown command {raw.strip()}: try :help", indent="  ")
                continue
            if not raw.strip():
                self.say("Type an answer, or :skip (:help for more).", indent="  ")
                continue
            if q.kind == "list" and self.interactive and len(split_items(raw)) == 1:
                raw = self._more_items(raw, len(q.answers))
            try:
                grade = session.judge(q, raw)
            except Unreadable as problem:
                self.say(str(problem), indent="  ", fg="yellow")
                continue
            session.commit(q, raw, grade)
            self.feedback(q, grade)
            return

    def _more_items(self, first: str, count: int) -> str:
        items = [first.strip()]
        while len(items) < count:
            more = self.read(f"  {len(items) + 1}/{count} (empty line to finish) > ").strip()
            if not more:
                break
            items.extend(split_items(more))
        return ", ".join(items)

    def feedback(self, q: Question, grade: Grade) -> None:
        if grade.verdict == RIGHT:
            self.say("✓ Right.", indent="  ", fg="green", bold=True)
        elif grade.verdict == TYPO:
            self.say("✓ Right, with a typo.", indent="  ", fg="green", bold=True)
        elif grade.verdict == PARTIAL:
            self.say(f"◐ Partly right ({grade.score:.0%}).", indent="  ", fg="yellow", bold=True)
        else:
            self.say("✗ Not this time.", indent="  ", fg="red", bold=True)
        if grade.note:
            self.say(grade.note, indent="  ")
        if grade.verdict not in (RIGHT, TYPO):
            self.say(f"The answer: {grade.expected}", indent="  ")
        self.say(q.explanation, indent="  ")
        for citation in q.citations[:2]:
            self.say(f"From the article: “{citation}”", indent="  ", dim=True)

    # -- the end ------------------------------------------------------------------------
    def summarise(self, summary: Summary) -> None:
        self.say()
        if not summary.answered:
            self.say("No questions answered.")
            return
        self.say(
            f"Score: {summary.score:g} of {summary.answered} "
            f"({summary.score / summary.answered:.0%}); {summary.correct} right"
            + (f", {summary.skipped} skipped" if summary.skipped else ""),
            bold=True,
        )
        width = max(len(TOPICS.get(t, t)) for t in summary.topics)
        for topic, row in summary.topics.items():
            name = TOPICS.get(topic, topic)
            self.say(f"  {name:<{width}}  {row['correct']}/{row['answered']} right")
        if summary.missed:
            self.say("Missed:")
            for outcome in summary.missed:
                self.say(f"{outcome.question.prompt} — {outcome.grade.expected}", indent="  - ")


def run(session: Session, questions: list[Question], term: Terminal) -> Summary:
    """Ask the questions in turn; offer the missed ones again at the end (interactive)."""
    queue = list(questions)
    while queue:
        try:
            for number, q in enumerate(queue, 1):
                term.show(q, number, len(queue))
                term.ask(session, q)
        except (Quit, KeyboardInterrupt, EOFError):
            term.say()
            term.say("Stopped. Every answer so far is saved.")
            break
        summary = session.summary()
        queue = []
        if summary.missed and term.interactive:
            term.summarise(summary)
            try:
                again = term.read(f"Go again over the {len(summary.missed)} missed? [y/N] ")
            except (KeyboardInterrupt, EOFError):
                again = ""
            if again.strip().lower() in ("y", "yes"):
                queue = [o.question for o in summary.missed]
                continue
            return session.finish()
    summary = session.finish()
    term.summarise(summary)
    return summary
