"""The question kinds, each defined once, and the answer shapes everything else speaks.

A kind says which facts make it, its *answer shape*, its worksheet points and whether its
answer may stand in its prompt. Everything downstream (answer texts, grading, the terminal,
every exporter, the worksheet forms) dispatches on the shape, never on the kind's name: a
new kind of an existing shape needs its template(s) and one `register(Kind(...))`.

| shape     | what is asked                        | Anki note type (exporters/anki_notes) |
| --------- | ------------------------------------ | ------------------------------------- |
| one       | one right choice among several       | Multiple choice                       |
| several   | every right choice among several     | Multiple choice                       |
| truefalse | is the statement true                | Multiple choice                       |
| text      | a typed answer; every alias is right | Type-in                               |
| number    | a number, with its unit              | Type-in                               |
| pairing   | each item to its match               | Basic                                 |
| ordering  | the items in their true order        | Basic                                 |
| recall    | every item of a list, in any order   | Basic                                 |
| blank     | the word missing from a sentence     | Cloze                                 |

Cheap to import (no Jinja, no fact layer): the engine, the grader and every exporter read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import vocab
from ..errors import QuizgenError

if TYPE_CHECKING:
    from pathlib import Path


class Shape:
    """The answer shapes, by name: `Shape.ONE`..."""

    ONE, SEVERAL, TRUEFALSE = "one", "several", "truefalse"
    TEXT, NUMBER = "text", "number"
    PAIRING, ORDERING, RECALL = "pairing", "ordering", "recall"
    BLANK = "blank"
    CHOSEN = (ONE, SEVERAL, ORDERING)  # shapes whose choices are shown lettered A, B, C...
    ITEMIZED = (PAIRING, RECALL)  # shapes that may score one point per item


SHAPES = tuple(v for k, v in vars(Shape).items() if k.isupper() and isinstance(v, str))
"""Every answer shape. Each table keyed by shape (in the exporters, the grader, the
terminal, the engine) has an entry for every one of them (tests/test_kinds.py)."""
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The letters of choices, in every output and in the quiz."""


class UnknownKind(QuizgenError):
    """A question kind (or shape) the registry does not know."""


@dataclass(frozen=True)
class Kind:
    """One kind of question.

    `facts`: the fact kinds whose builder makes it (templates `<fact kind>.<name>.j2`).
    `drafts`: for a kind added with `register`, the maker of its drafts from one fact of
    those kinds (the built-in kinds are made by the fact kinds' builders, in their order).
    `points`: default worksheet points; None scores one per item (list, pairing).
    `guarded`: its answer must not stand in the prompt (else the question is dropped).
    `kept`: `build` never drops it (no giveaway, no lack of choices).
    `templates`: a folder holding its templates, for a kind added with `register`.
    """

    name: str
    label: str
    shape: str
    facts: tuple[str, ...] = ()
    points: int | None = 1
    guarded: bool = False
    kept: bool = False
    drafts: Callable[..., Iterator] | None = None
    templates: Path | None = None

    def __post_init__(self):
        if self.shape not in SHAPES:
            raise UnknownKind(
                f"question kind '{self.name}': unknown answer shape '{self.shape}' "
                f"(choose from: {', '.join(SHAPES)})"
            )
        if self.points is None and self.shape not in Shape.ITEMIZED:
            raise UnknownKind(f"question kind '{self.name}': give its points (a {self.shape})")


KINDS: dict[str, Kind] = {}
_MAKERS: dict[str, tuple[Callable[..., Iterator], ...]] = {}  # fact kind -> added makers


def _define(*kinds: Kind) -> None:
    for one in kinds:
        KINDS[one.name] = one


_define(
    Kind(
        "short", "short answer", Shape.TEXT, ("person", "position", "cause", "event"), guarded=True
    ),
    Kind(
        "mcq",
        "multiple choice",
        Shape.ONE,
        ("person", "position", "cause", "quote", "list", "event", "figure"),
        guarded=True,
    ),
    Kind("multi", "multiple select", Shape.SEVERAL, ("list",), points=2),
    Kind(
        "tf",
        "true / false",
        Shape.TRUEFALSE,
        ("position", "cause", "quote", "list", "event", "figure"),
        kept=True,
    ),
    Kind(
        "cloze",
        "cloze",
        Shape.BLANK,
        ("position", "cause", "quote", "event", "figure"),
        guarded=True,
    ),
    Kind("list", "list recall", Shape.RECALL, ("list",), points=None, guarded=True),
    Kind("quote", "quote attribution", Shape.TEXT, ("quote",), guarded=True),
    Kind(
        "chronology",
        "chronology",
        Shape.ORDERING,
        ("event", "position", "cause", "quote"),
        points=2,
    ),
    Kind("matching", "matching", Shape.PAIRING, ("person", "cause"), points=None),
    Kind("numeric", "numeric", Shape.NUMBER, ("figure",), guarded=True),
)
if {k: v.label for k, v in KINDS.items()} != vocab.QUESTION_KINDS:  # the cheap mirror
    raise UnknownKind("vocab.QUESTION_KINDS disagrees with the kind registry")

# the built-in kinds by name, for the builders: their names stand here and in vocab only
SHORT, MCQ, MULTI, TF, CLOZE, LIST, QUOTE, CHRONOLOGY, MATCHING, NUMERIC = KINDS


def kind_of(name: str) -> Kind:
    """The registered kind of this name; UnknownKind when there is none."""
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"unknown question kind '{name}' (known: {', '.join(KINDS)})") from None


def shape_of(name: str) -> str:
    return kind_of(name).shape


def makers(fact_kind: str) -> tuple[Callable[..., Iterator], ...]:
    """The draft makers of added kinds for a fact of this kind (usually none)."""
    return _MAKERS.get(fact_kind, ())


def register(kind: Kind) -> Kind:
    """Add a kind: its name to the vocabulary (`--kind`, recipes), its maker to its fact
    kinds, its template folder to the search path. `unregister` takes it back out."""
    if kind.name in KINDS:
        raise UnknownKind(f"question kind '{kind.name}' is already registered")
    if kind.drafts is None or not kind.facts:
        raise UnknownKind(f"question kind '{kind.name}': give the fact kinds and its drafts")
    KINDS[kind.name] = kind
    vocab.QUESTION_KINDS[kind.name] = kind.label
    for fact_kind in kind.facts:
        _MAKERS[fact_kind] = (*_MAKERS.get(fact_kind, ()), kind.drafts)
    if kind.templates is not None:
        from ..templating import ADDED

        ADDED.append(kind.templates)
    return kind


def unregister(name: str) -> None:
    kind = KINDS.pop(name)
    vocab.QUESTION_KINDS.pop(name)
    for fact_kind in kind.facts:
        _MAKERS[fact_kind] = tuple(m for m in _MAKERS[fact_kind] if m is not kind.drafts)
    if kind.templates is not None:
        from ..templating import ADDED

        ADDED.remove(kind.templates)
