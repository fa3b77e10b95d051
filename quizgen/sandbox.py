"""The sandbox a deck's own templates render in, with a budget: Jinja's sandbox keeps a
template from reaching what it must not, but not from running for ever or filling memory.

Each render (`start` is called where one begins) may take RENDER_SECONDS of CPU time,
counted at every loop turn and call; make values (strings, lists) of at most MAX_SIZE
characters or items, and as much output; loop over `range` of at most MAX_RANGE items; and
nest macro calls MAX_CALL_DEPTH deep. Past a limit, a SecurityError (a Jinja TemplateError)
says which, and `template_error` names the template's file and line. The built-in
templates are trusted and render in a plain environment: none of this slows them.
"""

from __future__ import annotations

import time
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

RENDER_SECONDS = 2.0
MAX_SIZE = 100_000
MAX_RANGE = 10_000
MAX_CALL_DEPTH = 64
_LOOP, _TEXT = "quizgen_loop", "quizgen_text"  # globals the parsed templates call
_SIZED = (str, list, tuple, dict, set, frozenset, bytes)


class _Budget:
    """What one render has used: CPU time (looked at every 1,024 steps) and output."""

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.deadline = time.process_time() + RENDER_SECONDS
        self.steps = self.output = self.depth = 0

    def step(self) -> None:
        self.steps += 1
        if not self.steps & 1023 and time.process_time() > self.deadline:
            raise SecurityError(
                f"rendering took over {RENDER_SECONDS:g} s of CPU time "
                "(a loop too long, or one without end?)"
            )

    def emit(self, value: Any) -> str:
        text = str(value)
        self.output += len(text)
        if self.output > MAX_SIZE:
            raise SecurityError(f"the output passes {MAX_SIZE:,} characters")
        return text


def _sized(value: Any) -> Any:
    """The value, if it is not too large to let a template make."""
    if isinstance(value, _SIZED) and len(value) > MAX_SIZE:
        raise SecurityError(f"a value of {len(value):,} characters or items (at most {MAX_SIZE:,})")
    return value


class BudgetedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the limits above. Loops and literal text are rewritten at
    parse time to pass through the budget (`quizgen_loop`, `quizgen_text`)."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, **options: Any):
        self.budget = _Budget()
        super().__init__(finalize=self.budget.emit, **options)
        self.globals.update({"range": _range, _LOOP: self._loop, _TEXT: _text})
        self.filters.update({name: _guarded(f) for name, f in self.filters.items()})

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            loop.iter = _calling(_LOOP, loop.iter)
        for output in tree.find_all(nodes.Output):
            output.nodes = [
                _calling(_TEXT, nodes.Const(n.data, lineno=n.lineno))
                if isinstance(n, nodes.TemplateData)
                else n
                for n in output.nodes
            ]
        return tree

    def _loop(self, iterable):
        step = self.budget.step
        for item in iterable:
            step()
            yield item

    def call(__self, __context, __obj, *args, **kwargs):
        budget = __self.budget
        budget.step()
        for value in (*args, *kwargs.values()):
            _sized(value)
        budget.depth += 1
        try:
            if budget.depth > MAX_CALL_DEPTH:
                raise SecurityError(
                    f"calls nest over {MAX_CALL_DEPTH} deep (a macro calling itself?)"
                )
            return _sized(super().call(__context, __obj, *args, **kwargs))
        finally:
            budget.depth -= 1

    def getattr(self, obj, attribute):
        self.budget.step()
        return _sized(super().getattr(obj, attribute))

    def getitem(self, obj, argument):
        self.budget.step()
        return _sized(super().getitem(obj, argument))

    def call_binop(self, context, operator, left, right):
        self.budget.step()
        if operator == "**" and _whole(left) and _whole(right) and right > 0:
            if abs(left) > 1 and right * abs(left).bit_length() > 8 * MAX_SIZE:
                raise SecurityError(f"{left} ** {right} is too large a number")
        elif operator == "*":
            for many, count in ((left, right), (right, left)):
                if isinstance(many, _SIZED) and _whole(count):
                    _sized_as(len(many) * count)
        elif operator == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED):
            _sized_as(len(left) + len(right))
        return _sized(super().call_binop(context, operator, left, right))


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sized_as(length: int) -> None:
    if length > MAX_SIZE:
        raise SecurityError(f"a value of {length:,} characters or items (at most {MAX_SIZE:,})")


def _calling(name: str, argument: nodes.Expr) -> nodes.Call:
    line = argument.lineno
    return nodes.Call(
        nodes.Name(name, "load", lineno=line), [argument], [], None, None, lineno=line
    )


def _text(data: str) -> str:
    return data


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range of {len(numbers):,} items (a template may loop {MAX_RANGE:,})")
    return numbers


def _guarded(function):
    """A filter that refuses a count or width over MAX_SIZE, and a result too large."""

    def guarded(*args, **kwargs):
        for value in (*args[1:], *kwargs.values()):  # not the value filtered: what follows
            if _whole(value):
                _sized_as(abs(value))
            else:
                _sized(value)
        return _sized(function(*args, **kwargs))

    for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(function, attribute):
            setattr(guarded, attribute, getattr(function, attribute))
    return guarded


def start(env) -> None:
    """A render begins: a sandboxed environment's budget starts afresh."""
    budget = getattr(env, "budget", None)
    if budget is not None:
        budget.start()
