"""The schema of each fact kind: typed fields, each with a docstring-like description.

`build_fact` turns one YAML mapping into a frozen model object, or records every problem it
finds (unknown and missing fields, wrong types, bad slugs and dates) and returns None.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..text import close_matches
from . import kinds
from .claim_fields import JOINS, TENSES, claim_problems, prompt_problems, prompts
from .kinds import FACT_KINDS, PERSON_TYPES, Group, Member, When, default_label, valid_date
from .yaml_reader import Node

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Invalid(Exception):
    """A field's value is wrong: message and optional hint."""

    def __init__(self, message: str, hint: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return type(value).__name__


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # what would reach a terminal raw
_CONTROL_NAMES = {0x09: "tab", 0x0A: "line break", 0x0D: "carriage return", 0x1B: "ESC"}
_NOT_IN_PASSAGE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and line break may


def text(value: Any, refused: re.Pattern = CONTROL) -> str:
    """One line of text: no tab, line break, escape or other control character."""
    if isinstance(value, str) and value.strip():
        value = value.strip()  # an end of line (a folded `>` block's) is no part of it
        if not value.isprintable():  # rare: only then look for what is refused
            found = refused.search(value)
            if found:
                allowed = "only tabs and line breaks" if refused is _NOT_IN_PASSAGE else "none"
                code = ord(found.group())
                name = f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else ""
                raise Invalid(
                    f"control character U+{code:04X}{name} is not allowed",
                    f"remove it (control characters allowed in this field: {allowed})",
                )
        return value
    if isinstance(value, str):
        raise Invalid("must not be empty")
    hint = "put the value in quotes" if isinstance(value, (int, float, bool)) else None
    raise Invalid(f"expected text, got {_type_name(value)}", hint)


def passage(value: Any) -> str:
    """Text that may run over lines (a citation, a quote, a note): tabs and line breaks
    are allowed, other control characters are not."""
    return text(value, _NOT_IN_PASSAGE)


def slug(value: Any) -> str:
    value = text(value)
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        raise Invalid(
            f"'{value}' is not a valid id",
            f"use lower-case words joined by '-', e.g. '{suggestion}'",
        )
    return value


def text_list(value: Any, item: Callable[[Any], str] = text) -> tuple[str, ...]:
    if isinstance(value, str):
        raise Invalid("expected a list, got text", f"write a list: [{value}]")
    if not isinstance(value, list):
        raise Invalid(f"expected a list, got {_type_name(value)}")
    items = []
    for index, entry in enumerate(value, 1):
        try:
            items.append(item(entry))
        except Invalid as exc:
            raise Invalid(f"item {index}: {exc.message}", exc.hint) from None
    return tuple(items)


def nonempty_list(value: Any, item: Callable[[Any], str] = text) -> tuple[str, ...]:
    items = text_list(value, item)
    if not items:
        raise Invalid("needs at least one item")
    return items


def passages(value: Any) -> tuple[str, ...]:
    """Citations: one or more passages, each possibly over several lines."""
    return nonempty_list(value, passage)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        shown = ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
        raise Invalid(
            f"{shown} is not a number a figure can have",
            "write the number itself, or words in quotes",
        )
    return value


def value_list(value: Any) -> tuple:
    """Distractors: text, or numbers for figures."""
    if not isinstance(value, list):
        raise Invalid(f"expected a list, got {_type_name(value)}")
    for index, item in enumerate(value, 1):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)) or item == "":
            raise Invalid(f"item {index}: expected text or a number, got {_type_name(item)}")
        try:
            _finite(item) if isinstance(item, (int, float)) else text(item)
        except Invalid as exc:
            raise Invalid(f"item {index}: {exc.message}", exc.hint) from None
    return tuple(value)


def number_or_text(value: Any) -> int | float | str:
    if isinstance(value, bool):
        raise Invalid("expected a number or text, got true/false")
    if isinstance(value, (int, float)):
        return _finite(value)
    return text(value)


def number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"expected a number, got {_type_name(value)}")
    return _finite(value)


def one_of(options: tuple[str, ...] | dict) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        value = text(value)
        if value not in options:
            close = close_matches(value, options)
            hint = f"did you mean '{close}'?" if close else "one of: " + ", ".join(options)
            raise Invalid(f"unknown value '{value}'", hint)
        return value

    return check


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"expected a whole number, got {_type_name(value)}")
    return value


WHEN_FIELDS = ("date", "label", "order", "time", "status", "anchor")


def when(value: Any) -> When:
    """`2014`, `2022-04`, `2022-autumn`, or {date: ..., label: ..., order: N, time: ...,
    status: happened/due/state, anchor: ...}."""
    if not isinstance(value, dict):
        date = _date(value)
        return When(date, default_label(date))
    unknown = set(value) - set(WHEN_FIELDS)
    if unknown:
        raise Invalid(
            f"unknown field '{sorted(unknown)[0]}' in 'when'", "use " + ", ".join(WHEN_FIELDS)
        )
    if "date" not in value:
        raise Invalid("'when' needs a 'date'", "for example: when: {date: 2022-04}")
    date = _date(value["date"])
    time = _time(value["time"]) if "time" in value else None
    label = text(value["label"]) if "label" in value else default_label(date)
    if time and "label" not in value:
        label = f"at {time} {label}"
    return When(
        date,
        label,
        integer(value.get("order", 0)),
        time,
        one_of(kinds.STATUSES)(value["status"]) if "status" in value else "happened",
        text(value["anchor"]) if value.get("anchor") else ("" if "anchor" in value else None),
    )


def _time(value: Any) -> str:
    told = text(str(value) if isinstance(value, int) else value)
    if kinds.time_minutes(told) is None:
        raise Invalid(f"'{told}' is not a time of day", "write 10:30 p.m. or 22:30")
    return told


def _date(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and valid_date(value.strip()):
        return value.strip()
    raise Invalid(
        f"'{value}' is not a date",
        "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-spring/summer/autumn/winter",
    )


def members(value: Any) -> tuple[Member, ...]:
    if not isinstance(value, list) or not value:
        raise Invalid("expected a list of members", "each member: {name: ..., aliases: [...]}")
    result = []
    for index, item in enumerate(value, 1):
        line = item.line if isinstance(item, Node) else None
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise Invalid(f"member {index}: expected a mapping, got {_type_name(item)}", line=line)
        unknown = set(item) - {"name", "aliases", "group"}
        if unknown:
            raise Invalid(
                f"member {index}: unknown field '{sorted(unknown)[0]}'",
                "a member has name, aliases and group",
                line,
            )
        try:
            result.append(
                Member(
                    name=text(item.get("name")),
                    aliases=text_list(item.get("aliases", [])),
                    group=slug(item["group"]) if "group" in item else None,
                )
            )
        except Invalid as exc:
            raise Invalid(f"member {index}: {exc.message}", exc.hint, line) from None
    return tuple(result)


_GROUP_KEYS = {"id", "name", "complete"}


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {_type_name(value)}")
    return value


def groups(value: Any) -> tuple[Group, ...]:
    if not isinstance(value, list):
        raise Invalid(f"expected a list of groups, got {_type_name(value)}")
    result = []
    for index, item in enumerate(value, 1):
        if not isinstance(item, dict) or not {"id", "name"} <= set(item) <= _GROUP_KEYS:
            raise Invalid(f"group {index}: expected {{id: ..., name: ..., complete: ...}}")
        try:
            result.append(
                Group(slug(item["id"]), text(item["name"]), flag(item.get("complete", True)))
            )
        except Invalid as exc:
            raise Invalid(f"group {index}: {exc.message}", exc.hint) from None
    return tuple(result)


@dataclass(frozen=True)
class Field:
    """One field of a fact kind: how to read it, whether it is required, what it means."""

    read: Callable[[Any], Any]
    required: bool = False
    doc: str = ""


COMMON: dict[str, Field] = {
    "id": Field(slug, True, "stable slug; never changes once published"),
    "kind": Field(one_of(tuple(FACT_KINDS)), True, "person, position, list, ..."),
    "topic": Field(slug, False, "one its source declares; defaults to the file's topic"),
    "citations": Field(passages, True, "passages copied verbatim from the article"),
    "distractors": Field(value_list, False, "curated wrong answers; never true"),
    "false_statements": Field(nonempty_list, False, "curated false sentences for true/false"),
    "cloze": Field(nonempty_list, False, "key terms of the fact's sentence to blank out"),
    "note": Field(passage, False, "editor's note; not shown in questions"),
    "sentence": Field(text, False, "the fact's true sentence, where the template's does not fit"),
    "prompts": Field(prompts, False, "the editor's own prompt per question kind: {short: ...}"),
}

KIND_FIELDS: dict[str, dict[str, Field]] = {
    "person": {
        "name": Field(text, True, "full name"),
        "role": Field(text, True, "noun phrase with its article: 'a council aide'"),
        "aliases": Field(text_list, False, "other names a learner may type"),
        "type": Field(one_of(PERSON_TYPES), False, "individual (default), state, group, ..."),
        "tense": Field(one_of(TENSES), False, "present (default) or past: was the role held then"),
    },
    "position": {
        "actor": Field(slug, True, "id of the person fact who holds the position"),
        "stance": Field(text, True, "verb phrase continuing '<actor> ...'"),
        "when": Field(when, False, "when it was said or done"),
    },
    "list": {
        "name": Field(text, True, "plural noun phrase naming the set"),
        "item": Field(text, True, "singular noun for one member: 'state'"),
        "members": Field(members, True, "the members, each with name, aliases, group"),
        "groups": Field(groups, False, "sub-groups: {id, name, complete}"),
        "complete": Field(flag, False, "false when the article names only some members"),
        "tense": Field(one_of(("past", "present")), False, "the members were (past) or are"),
    },
    "cause": {
        "claim": Field(text, True, "what the cause is, joined to the verb as `joins` says"),
        "given_by": Field(slug, False, "id of the person fact who gives it"),
        "verb": Field(text, False, "how they gave it: claimed, stated, blamed, accused (said)"),
        "joins": Field(one_of(JOINS), False, "that (default), object, none: see the README"),
        "when": Field(when, False, "when it was given"),
    },
    "event": {
        "what": Field(text, True, "past-tense clause: what happened"),
        "when": Field(when, True, "when it happened"),
        "according_to": Field(slug, False, "id of the person fact whose account this is"),
    },
    "figure": {
        "value": Field(number_or_text, True, "the number (or words like 'millions')"),
        "unit": Field(text, True, "what one of it is: days, troops, percent"),
        "counts": Field(text, True, "noun phrase: what the figure counts"),
        "qualifier": Field(text, False, "the article's hedge: over, around, about"),
        "according_to": Field(slug, False, "id of the person fact whose figure it is"),
        "when": Field(when, False, "when the figure applies or was given"),
        "out_of": Field(number, False, "the total it is part of ('31 of the 45')"),
    },
    "quote": {
        "speaker": Field(slug, True, "id of the person fact who said it"),
        "text": Field(passage, True, "the exact words, as in the article"),
        "when": Field(when, False, "when it was said"),
    },
}


def build_fact(node: Any, file: str, source: str, topic: str | None, problems: list[Problem]):
    """One fact from its YAML mapping, or None; every problem found is appended."""
    line = node.line if isinstance(node, Node) else None
    if not isinstance(node, dict):
        problems.append(
            Problem(file, line, message=f"expected a fact (a mapping), got {_type_name(node)}")
        )
        return None
    fact_id = node.get("id") if isinstance(node.get("id"), str) else None
    kind = node.get("kind") if isinstance(node.get("kind"), str) else None
    fields = {**COMMON, **KIND_FIELDS.get(kind, {})}
    # with an unknown kind, the other fields cannot be judged: only the kind is reported
    where = f"for a {kind} fact" if kind in KIND_FIELDS else None
    found: list[Problem] = []
    values = read_fields(node, fields, file, where, found, fact_id=fact_id, key_in_hint=True)
    if topic is not None:
        values.setdefault("topic", topic)
    if "topic" not in values and "topic" not in node:
        found.append(
            Problem(
                file,
                line,
                fact_id=fact_id,
                message="missing field 'topic'",
                hint="set it on the fact or at the top of the file",
            )
        )
    if not found:
        wording = claim_problems(values) if kind == "cause" else []
        for field, message, hint in wording + prompt_problems(kind, values):
            at = node.line_of(field) if isinstance(node, Node) else line
            found.append(Problem(file, at, fact_id=fact_id, message=message, hint=hint))
    if found:
        problems.extend(found)
        return None
    kind = values.pop("kind")
    return FACT_KINDS[kind](**values, source=source, file=file, line=line or 0)


def read_fields(
    data: Node,
    specs: dict[str, Field],
    shown: str,
    where: str | None,
    problems: list[Problem],
    *,
    fact_id: str | None = None,
    key_in_hint: bool = False,
) -> dict[str, Any]:
    """The mapping's values read by their specs; unknown (`where` says where: "in the
    deck recipe"; None ignores them), invalid and missing fields are recorded as problems,
    with the line where lines are kept and a hint. The one field reader of facts, sources
    and deck recipes."""

    def problem(line: int | None, message: str, hint: str | None) -> None:
        problems.append(Problem(shown, line, fact_id=fact_id, message=message, hint=hint))

    values: dict[str, Any] = {}
    for key, value in data.items():
        spec = specs.get(key)
        line = data.line_of(key) if isinstance(data, Node) else None
        if spec is None:
            if where is not None:
                close = close_matches(key, specs)
                hint = f"did you mean '{close}'?" if close else "fields: " + ", ".join(specs)
                problem(line, f"unknown field '{key}' {where}", hint)
            continue
        try:
            values[key] = spec.read(value)
        except Invalid as exc:
            problem(exc.line or line, f"field '{key}': {exc.message}", exc.hint)
    for key, spec in specs.items():
        if spec.required and key not in data:
            hint = f"{key}: {spec.doc}" if key_in_hint else spec.doc
            problem(getattr(data, "line", 1), f"missing field '{key}'", hint)
    return values
