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

from ..grading import PARTIAL, RIGHT, TYPO, Grade, Unreadable, split_items
from ..questions import Question
from ..questions.answers import expected
from ..questions.kinds import LETTERS, Shape
from ..text import quoted
from .columns import points, table
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
        self.titles: dict[str, str] = {}  # topic id -> its title, as the deck's sources declare
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
        for paragraph in text.split("\n"):
            own = len(paragraph) - len(paragraph.lstrip(" "))  # a line's own indent stays
            more = " " * (len(indent) + own + hang)
            wrapped = textwrap.wrap(
                paragraph,
                self.width,
                initial_indent=indent,
                subsequent_indent=more,
                break_on_hyphens=False,  # ids and names stay whole, to copy
                break_long_words=False,
            )
            lines.extend(wrapped or [""])
        self.out.write(self.style("\n".join(lines), **style) + "\n")
        self.out.flush()

    def warn(self, text: str) -> None:
        self.say(text, indent="  ", fg="yellow")

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
        topic = self.titles.get(q.topic, q.topic)
        self.say()
        if self.interactive:
            self.say(f"{number}/{total} · {topic}", fg="cyan")
        else:
            self.say(f"Question {number} of {total} ({topic})")
        self.say(q.prompt, bold=True)
        SHOWN[q.shape](self, q)

    def _lettered(self, q: Question) -> None:
        for index, choice in enumerate(q.choices):
            self.say(f"{LETTERS[index]}) {choice}", indent="  ", hang=3)

    def _paired(self, q: Question) -> None:
        for index, item in enumerate(q.items, 1):
            self.say(f"{index}. {item}", indent="  ", hang=3)
        for index, choice in enumerate(q.choices):
            self.say(f"{LETTERS[index].lower()}) {choice}", indent="      ", hang=3)

    def _recall(self, q: Question) -> None:
        self.say(f"({len(q.answers)} items: commas between them, or one per line)", indent="  ")

    def _number(self, q: Question) -> None:
        if q.unit:
            self.say(f"(a number of {q.unit})", indent="  ")

    def _nothing(self, q: Question) -> None:
        pass

    def ask(self, session: Session, q: Question) -> None:
        """Read until there is a gradable answer (or a command), then grade and commit it.
        Scripted (no terminal): each line answers exactly one question, readable or not."""
        while True:
            raw = self.read()
            settled = self._command(raw, session, q)
            if settled:
                return
            if settled is None and not raw.strip():
                if not self.interactive:
                    self._skip(session, q)
                    return
                self.say("Type an answer, or :skip (:help for more).", indent="  ")
                continue
            if settled is None and q.shape == Shape.RECALL and self.interactive and _one_item(raw):
                raw = self._more_items(raw, session, q)
                if raw is None:
                    return
            try:
                if settled is False:
                    raise Unreadable(f"{raw.strip()} is a command, not an answer")
                grade = session.judge(q, raw)
            except Unreadable as problem:
                if self.interactive:
                    self.warn(str(problem))
                    continue
                session.unreadable(q, raw, str(problem))
                self.warn(f"{problem} (recorded as unreadable)")
                self.say(f"The answer: {expected(q)}", indent="  ")
                return
            session.commit(q, raw, grade)
            self.feedback(q, grade)
            return

    def _command(self, raw: str, session: Session, q: Question) -> bool | None:
        """A session command, at any prompt: None when `raw` is not one, True when it settled
        the question (:skip), False when the question is still open (:help, a typo)."""
        command = raw.strip().lower()
        if not command.startswith(":"):
            return None
        if command in (":skip", ":s"):
            self._skip(session, q)
            return True
        if command in (":quit", ":q"):
            raise Quit
        if command in (":help", ":h", ":?"):
            self.say(HELP, indent="  ", hang=2)
        else:
            self.say(f"Unknown command {raw.strip()}: try :help", indent="  ")
        return False

    def _skip(self, session: Session, q: Question) -> None:
        session.skip(q)
        self.say("Skipped. The answer: " + expected(q), indent="  ")

    def _more_items(self, first: str, session: Session, q: Question) -> str | None:
        """A list item by item: an empty line ends it; a command works here too (None when
        it skipped the question)."""
        items, count = split_items(first), len(q.answers)
        while len(items) < count:
            more = self.read(f"  {len(items) + 1}/{count} (empty line to finish) > ")
            settled = self._command(more, session, q)
            if settled:
                return None
            if settled is False:
                continue
            if not more.strip():
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
            self.say(f"From the article: {quoted(citation)}", indent="  ", dim=True)

    # -- the end ------------------------------------------------------------------------
    def summarise(self, summary: Summary) -> None:
        self.say()
        if not summary.answered:
            self.say("No questions answered.")
            return
        parts = [f"{summary.correct} right"]
        if summary.partial:
            parts.append(f"{summary.partial} partly right")
        if summary.skipped:
            parts.append(f"{summary.skipped} skipped")
        self.say(
            f"Score: {points(summary.score)} of {summary.answered}"
            f" ({summary.score / summary.answered:.0%}); " + ", ".join(parts),
            bold=True,
        )
        rows = [
            (self.titles.get(topic, topic), f"{row['correct']}/{row['answered']} right")
            for topic, row in summary.topics.items()
        ]
        self.out.write(table(rows, self.width, indent="  ") + "\n")
        if summary.missed:
            self.say("Missed (quizgen quiz --id ID asks one again):")
            for outcome in summary.missed:
                self.say(f"{outcome.question.prompt} — {outcome.grade.expected}", indent="  - ")
                line = f"    id: {outcome.question.id}"  # never wrapped: copied whole
                line = line if len(line) <= self.width else line.lstrip()
                self.out.write(self.style(line, dim=True) + "\n")


SHOWN = {  # shape -> what the terminal shows below the prompt
    Shape.ONE: Terminal._lettered,
    Shape.SEVERAL: Terminal._lettered,
    Shape.ORDERING: Terminal._lettered,
    Shape.TRUEFALSE: lambda self, q: self.say("t) True   f) False", indent="  "),
    Shape.PAIRING: Terminal._paired,
    Shape.RECALL: Terminal._recall,
    Shape.NUMBER: Terminal._number,
    Shape.TEXT: Terminal._nothing,
    Shape.BLANK: Terminal._nothing,
}


def _one_item(raw: str) -> bool:
    return len(split_items(raw)) == 1


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
