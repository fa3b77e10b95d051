"""The schema of each fact kind: typed fields, each with a docstring-like description.

`build_fact` turns one YAML mapping into a frozen model object, or records every problem it
finds (unknown and missing fields, wrong types, bad slugs and dates) and returns None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..text import a_kind, close_matches
from .claim_fields import (
    JOINS,
    TENSES,
    claim_problems,
    figure_problems,
    prompt_problems,
    prompts,
    spelling_problems,
    spellings,
)
from .dated_fields import flag, groups, members, when
from .kinds import FACT_KINDS, PERSON_TYPES
from .values import (
    Invalid,
    _type_name,
    nonempty_list,
    number,
    number_or_text,
    one_of,
    passage,
    passages,
    slug,
    text,
    text_list,
    value_list,
)
from .yaml_reader import Node, line_of


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
    "spellings": Field(
        spellings, False, "what else fills a cloze term's blank: {EU: [European Union]}"
    ),
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
        "besides": Field(
            text, False, "what else the set holds, named only as a whole: 'the G7 members'"
        ),
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
    where = f"for {a_kind(kind)} fact" if kind in KIND_FIELDS else None
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
        wording = {"cause": claim_problems, "figure": figure_problems}.get(kind, lambda _: [])(
            values
        )
        wording += prompt_problems(kind, values) + spelling_problems(values)
        for field, message, hint in wording:  # a field, or (field, key) within its mapping
            name, key = (field, None) if isinstance(field, str) else field
            within = node.get(name) if key is not None else None
            at = line_of(within, key) or line_of(node, name) or line
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
