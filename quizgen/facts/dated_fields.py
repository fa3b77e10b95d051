"""The readers of a fact's structured fields: a date (`when`), a list's members and groups."""

from __future__ import annotations

import datetime
from typing import Any

from . import kinds
from .kinds import Group, Member, When, default_label, valid_date
from .values import Invalid, _type_name, integer, one_of, slug, text, text_list
from .yaml_reader import Node

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
