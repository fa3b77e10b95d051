"""Errors quizgen raises for bad input. The CLI prints them; it never shows a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int | None = None
    column: int | None = None
    fact_id: str | None = None
    message: str = ""
    hint: str | None = None
    severity: str = "error"  # or "warning"

    @classmethod
    def about(cls, fact, message: str, **more) -> Problem:
        """A problem with a whole fact: its file, its line, its id."""
        return cls(fact.file, fact.line, fact_id=fact.id, message=message, **more)

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        who = f" fact '{self.fact_id}':" if self.fact_id else ""
        label = "warning: " if self.severity == "warning" else ""
        text = f"{where}:{who} {label}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text.translate(_VISIBLE) if not text.isprintable() else text


# control characters echoed from the input (a key, a value) are shown, never sent raw
_VISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c != 0x0A}


class QuizgenError(Exception):
    """Base of every error caused by the user's input or environment."""

    exit_code = 1


class ProblemsError(QuizgenError):
    """Several problems, collected before giving up: each is reported."""

    what = "input"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the {self.what}.")

    def report(self) -> str:
        return "\n".join(p.format() for p in self.problems)


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.message)


class FactError(ProblemsError):
    """The fact base has problems: bad YAML, bad fields, citations not in the article..."""

    what = "fact base"


class DeckError(ProblemsError):
    """A deck recipe in decks/ has problems."""

    what = "deck recipes"


class TemplateError(QuizgenError):
    """A question or output template is broken (names the template file and line)."""


class ExportError(QuizgenError):
    """An output could not be written."""


class UsageError(QuizgenError):
    """The command was called in a way that cannot work (bad path, unknown option value)."""

    exit_code = 2
