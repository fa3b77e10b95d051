"""Read and validate deck recipes (decks/*.yaml): which facts, which kinds, which outputs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DeckError, Problem
from ..paths import display_path
from ..project import recipe_files
from ..text import close_matches
from .fields import Field, read_fields
from .kinds import OUTPUT_FORMATS, QUESTION_KINDS
from .values import Invalid, integer, one_of, passage, slug, text, text_list
from .yaml_reader import load_mapping

PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Worksheet:
    """How a printed worksheet looks (used by the worksheet exporter)."""

    title: str | None = None
    instructions: str = "Answer every question."
    count: int | None = None
    paper: str = "A4"
    forms: tuple[str, ...] = ("A", "B")
    points: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Deck:
    """One deck recipe."""

    slug: str
    title: str
    id: int
    sources: tuple[str, ...]
    topics: tuple[str, ...] | None = None
    """The topics it takes, in its order; None: every topic its sources declare."""
    kinds: tuple[str, ...] = tuple(QUESTION_KINDS)
    outputs: tuple[str, ...] = OUTPUT_FORMATS
    description: str = ""
    count: int | None = None
    seed: int = 0
    templates: Path | None = None
    worksheet: Worksheet = field(default_factory=Worksheet)
    file: str = ""
    select: dict[str, dict] = field(default_factory=dict)  # medium -> policy overrides


def _deck_id(value: Any) -> int:
    value = integer(value)
    if not 1 <= value < 2**63:
        raise Invalid("must be a positive number below 2**63", "pick a random 10-digit number")
    return value


def _choices(options) -> Any:
    """A list of one or more of the options (None: of any slug)."""
    check = one_of(options) if options is not None else slug

    def read(value: Any) -> tuple[str, ...]:
        items = text_list(value)
        if not items:
            raise Invalid("needs at least one item")
        for item in items:
            check(item)
        return items

    return read


def _count(value: Any) -> int:
    value = integer(value)
    if value < 1:
        raise Invalid("must be 1 or more")
    return value


def _forms(value: Any) -> tuple[str, ...]:
    return form_letters(text_list(value))


def form_letters(items: tuple[str, ...]) -> tuple[str, ...]:
    """Worksheet form letters, as a recipe's `forms` and `build --forms` give them."""
    for item in items:
        if not re.fullmatch(r"[A-Z]", item):
            raise Invalid(f"form '{item}' is not one capital letter", "forms: [A, B]")
    if not items or len(set(items)) != len(items):
        raise Invalid("needs one or more distinct letters", "forms: [A, B]")
    return items


def _points(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise Invalid("expected a mapping of question kind to points", "points: {mcq: 1}")
    check = one_of(QUESTION_KINDS)
    return {check(k): _count(v) for k, v in value.items()}


SELECT_MEDIA = ("anki", "worksheet", "quiz", "lms")


def _select(value: Any) -> dict[str, dict]:
    """`select: {anki: {kinds: [cloze, short], per_fact: 2}}`: what each output takes (the
    kinds in order of preference); `select: {anki: all}`: the whole bank."""
    example = "select: {anki: {kinds: [list, short, cloze, mcq], per_fact: 2}}"
    if not isinstance(value, dict):
        raise Invalid("expected a mapping of output to settings", example)
    medium, kinds = one_of(SELECT_MEDIA), _choices(QUESTION_KINDS)
    result = {}
    for name, settings in value.items():
        if settings == "all":  # the whole bank
            result[medium(name)] = {"kinds": None, "prefer": (), "per_fact": None,
                                    "tf_share": None, "distinct": False}  # fmt: skip
            continue
        if not isinstance(settings, dict) or not set(settings) <= {"kinds", "per_fact"}:
            raise Invalid(f"'{name}': give kinds and/or per_fact, or all", example)
        chosen = {}
        if "kinds" in settings:
            chosen["kinds"] = kinds(settings["kinds"])
        if "per_fact" in settings:
            chosen["per_fact"] = _count(settings["per_fact"])
        result[medium(name)] = chosen
    return result


WORKSHEET_FIELDS: dict[str, Field] = {
    "title": Field(text, False, "the title printed on the worksheet"),
    "instructions": Field(passage, False, "printed under the title"),
    "count": Field(_count, False, "how many questions"),
    "paper": Field(one_of(PAPER_SIZES), False, "A4 or Letter"),
    "forms": Field(_forms, False, "form letters, e.g. [A, B]"),
    "points": Field(_points, False, "points per question kind"),
}

DECK_FIELDS: dict[str, Field] = {
    "title": Field(text, True, "the deck's name in Anki and on worksheets"),
    "id": Field(_deck_id, True, "fixed numeric Anki deck id; never change it"),
    "description": Field(passage, False, "shown in Anki's deck overview"),
    "sources": Field(text_list, True, "fact folders (source ids) it draws on"),
    "topics": Field(
        _choices(None),
        False,
        "topics its sources declare (default: all), each a sub-deck and worksheet section",
    ),
    "kinds": Field(_choices(QUESTION_KINDS), False, "question kinds to make"),
    "outputs": Field(_choices(OUTPUT_FORMATS), False, "formats `quizgen build` writes"),
    "count": Field(_count, False, "default number of questions"),
    "seed": Field(integer, False, "default seed for choice order and selection"),
    "templates": Field(text, False, "folder of question templates overriding the built-in ones"),
    "worksheet": Field(lambda v: v, False, "worksheet settings"),
    "select": Field(_select, False, "per output (anki, worksheet, quiz, lms): kinds, per_fact"),
}


def load_deck(path: str | Path, source_ids: set[str] | dict | None = None) -> Deck:
    """Read one recipe; raise DeckError with every problem. `source_ids`, when given, are
    the sources that exist, so a recipe naming another one is refused; as a dict (source id
    -> its declared topic ids, `declared_topics`), its topics are checked too."""
    problems: list[Problem] = []
    deck = _load_deck(Path(path), source_ids, problems)
    if problems or deck is None:
        raise DeckError(problems)
    return deck


def _load_deck(path: Path, source_ids, problems: list[Problem]) -> Deck | None:
    shown = display_path(path)
    data = load_mapping(path, shown, problems, "a deck recipe")
    if data is None:
        return None
    before = len(problems)
    values = read_fields(data, DECK_FIELDS, shown, "in the deck recipe", problems)
    sheet: dict[str, Any] = {}
    raw_sheet = data.get("worksheet")
    if isinstance(raw_sheet, dict):
        sheet = read_fields(raw_sheet, WORKSHEET_FIELDS, shown, "in 'worksheet'", problems)
    elif raw_sheet is not None:
        problems.append(
            Problem(
                shown, data.line_of("worksheet"), message="field 'worksheet': expected a mapping"
            )
        )
    if source_ids is not None:
        for name in values.get("sources", ()):
            if name not in source_ids:
                close = close_matches(name, source_ids)
                problems.append(
                    Problem(
                        shown,
                        data.line_of("sources"),
                        message=f"source '{name}' is not a folder in facts/",
                        hint=f"did you mean '{close}'?"
                        if close
                        else "sources: " + ", ".join(sorted(source_ids)),
                    )
                )
    if isinstance(source_ids, dict) and "topics" in values and len(problems) == before:
        _check_topics(values, source_ids, shown, data.line_of("topics"), problems)
    if len(problems) > before:
        return None
    templates = values.pop("templates", None)
    if templates is not None:
        templates = (path.parent / templates).resolve()
        if not templates.is_dir():
            problems.append(
                Problem(
                    shown,
                    data.line_of("templates"),
                    message=f"templates folder '{templates}' not found",
                )
            )
            return None
    try:
        deck_slug = slug(path.stem)
    except Invalid as exc:
        problems.append(
            Problem(shown, message=f"the recipe's file name: {exc.message}", hint=exc.hint)
        )
        return None
    values.pop("worksheet", None)
    return Deck(
        slug=deck_slug,
        templates=templates,
        worksheet=Worksheet(**sheet),
        file=shown,
        **values,
    )


def _check_topics(values: dict, declared: dict, shown: str, line: int, problems) -> None:
    """A recipe's topics must be declared by its sources."""
    known = list(dict.fromkeys(t for s in values["sources"] for t in declared.get(s, ())))
    for topic in values["topics"]:
        if topic not in known:
            close = close_matches(topic, known)
            problems.append(
                Problem(
                    shown,
                    line,
                    message=f"topic '{topic}' is not declared by its sources "
                    f"({', '.join(values['sources'])})",
                    hint=f"did you mean '{close}'?"
                    if close
                    else "topics: " + (", ".join(known) or "none declared"),
                )
            )


def load_decks(decks_dir: str | Path, source_ids: set[str] | dict | None = None) -> list[Deck]:
    """Every recipe in a folder; one DeckError listing the problems of all of them."""
    return load_recipes(recipe_files(Path(decks_dir)), source_ids)


def declared_topics(base) -> dict[str, tuple[str, ...]]:
    """Source id -> the topic ids it declares: what recipes are checked against."""
    return {s.id: tuple(t.id for t in s.topics) for s in base.sources}


def load_recipes(paths: list[Path], source_ids: set[str] | dict | None = None) -> list[Deck]:
    """These recipes; one DeckError listing the problems of all of them."""
    problems: list[Problem] = []
    decks: list[Deck] = []
    for path in paths:
        deck = _load_deck(path, source_ids, problems)
        if deck is None:
            continue
        twin = next((d for d in decks if d.id == deck.id), None)
        if twin is not None:
            problems.append(
                Problem(
                    deck.file,
                    message=f"deck id {deck.id} is also used by {twin.file}",
                    hint="every recipe needs its own id, or Anki merges the decks",
                )
            )
        decks.append(deck)
    if problems:
        raise DeckError(problems)
    return decks
