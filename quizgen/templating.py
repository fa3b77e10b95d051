"""Jinja environments: StrictUndefined everywhere, sandboxed for a deck's own question
templates, autoescaping for HTML. A user folder is looked up before the built-in
templates; `default:NAME` always names the built-in one, so an override can extend it."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2

from .errors import TemplateError

BUILTIN = Path(__file__).parent / "templates"


_ENVIRONMENTS: dict = {}
ADDED: list[Path] = []
"""Template folders of question kinds added with `kinds.register`: after the built-ins."""


def question_environment(user_dir: Path | None = None, filters: dict | None = None):
    """The strict environment question templates render in: sandboxed as soon as a deck
    brings templates of its own; the built-in ones alone are trusted and render plain.
    One environment per folder per process, so templates compile once."""
    key = (user_dir, tuple(sorted(filters or {})))
    if key in _ENVIRONMENTS:
        return _ENVIRONMENTS[key]
    if user_dir is not None:
        from .sandbox import BudgetedSandbox as kind
    else:
        kind = jinja2.Environment
    env = kind(
        loader=_ChainWithDefault(BUILTIN / "questions", user_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters or {})
    _ENVIRONMENTS[key] = env
    return env


class _ChainWithDefault(jinja2.BaseLoader):
    """Look in the user folder, then the built-in one; 'default:NAME' is built-in only."""

    def __init__(self, builtin: Path, user_dir: Path | None):
        self.builtin = jinja2.FileSystemLoader(str(builtin))
        self.user = jinja2.FileSystemLoader(str(user_dir)) if user_dir else None

    def get_source(self, environment, template):
        if template.startswith("default:"):
            return self.builtin.get_source(environment, template.removeprefix("default:"))
        if self.user is not None:
            try:
                return self.user.get_source(environment, template)
            except jinja2.TemplateNotFound:
                pass
        try:
            return self.builtin.get_source(environment, template)
        except jinja2.TemplateNotFound:
            if not ADDED:
                raise
        return jinja2.FileSystemLoader([str(d) for d in ADDED]).get_source(environment, template)

    def list_templates(self):
        names = set(self.builtin.list_templates())
        if self.user is not None:
            names |= set(self.user.list_templates())
        return sorted(names)


# what a template may end in besides a Jinja error, and how to say it
RENDER_FAILURES = (jinja2.TemplateError, RecursionError, MemoryError, OverflowError)
_SAID = {
    RecursionError: "templates nest too deep (a template extending or including itself?)",
    MemoryError: "rendering needs more memory than there is",
}


def template_error(exc: Exception, name: str) -> TemplateError:
    """A TemplateError naming the template file and line of a failure in a template."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        return TemplateError(f"template {where}: {exc.message}")
    line, filename = None, None
    if sys.exc_info()[1] is exc:  # map compiled-template frames back to template lines
        from jinja2.debug import rewrite_traceback_stack

        exc = rewrite_traceback_stack()
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code.co_filename
        if code.endswith(".j2"):
            filename, line = code, tb.tb_lineno
        tb = tb.tb_next
    where = f"{filename or name}:{line}" if line else (filename or name)
    message = _SAID.get(type(exc)) or getattr(exc, "message", None) or str(exc)
    return TemplateError(f"template {where}: {message}")


def html_environment(subdir: str, filters: dict | None = None) -> jinja2.Environment:
    """Built-in HTML templates: autoescaped, strict."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(BUILTIN / subdir)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(("html", "j2", "htm", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters or {})
    return env
