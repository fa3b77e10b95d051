"""Load facts/<source>/ folders into a FactBase, validating everything and collecting ALL
problems before failing once (the MkDocs habit)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .citations import Article
from .errors import FactError, Problem
from .gcpause import no_cyclic_gc
from .model import (
    TOPICS,
    Cause,
    Event,
    Fact,
    FactBase,
    Figure,
    ListFact,
    Person,
    Position,
    Quote,
    Source,
)
from .parallel import ordered_map
from .paths import SOURCE_FILE, display_path, find_sources
from .schema import Field, Invalid, build_fact, integer, one_of, slug, text
from .text import close_matches, fold
from .yamlio import Node, item_line, line_of, load_yaml, read_text

SOURCE_FIELDS: dict[str, Field] = {
    "id": Field(slug, False, "defaults to the folder's name"),
    "title": Field(text, True, "the article's headline"),
    "article": Field(text, True, "file name of the article text, beside source.yaml"),
    "language": Field(text, False, "language code, default 'en'"),
    "supported_by": Field(text, False, "agency that supported the reporting"),
    "documents": Field(lambda v: v, False, "documents the reporting draws on"),
    "period": Field(lambda v: v, False, "{from: YEAR, to: YEAR, note: ...}"),
}

REFERENCES = {  # fact kind -> fields that name a person fact
    "position": ("actor",),
    "cause": ("given_by",),
    "event": ("according_to",),
    "figure": ("according_to",),
    "quote": ("speaker",),
}

CLOZE_TEXT = {"position": "stance", "cause": "claim", "event": "what", "quote": "text"}
PARALLEL_BYTES = 1 << 20  # fact files this large in all are parsed by two processes


@dataclass
class _Entry:
    fact: Fact
    node: Node | None
    article: Article


def load_factbase(facts_dir: str | Path, lines: bool = False) -> FactBase:
    """Read and validate every source under `facts_dir`. Raises FactError listing every
    problem found; returns the FactBase when there are none.

    The first pass parses like plain safe_load; only when it finds a problem is the base
    read again keeping line numbers, so that every message says file:line. `lines=True`
    keeps them from the start (each fact's `line` is then set)."""
    with no_cyclic_gc():
        try:
            return _load_factbase(Path(facts_dir), lines)
        except FactError:
            if lines:
                raise
            return _load_factbase(Path(facts_dir), True)


def _load_factbase(facts_dir: Path, lines: bool) -> FactBase:
    problems: list[Problem] = []
    if not facts_dir.is_dir():
        raise FactError([Problem(display_path(facts_dir), message="no such folder")])
    folders = find_sources(facts_dir)
    if not folders:
        raise FactError(
            [
                Problem(
                    display_path(facts_dir),
                    message="no source folder found",
                    hint=f"each source is a folder holding {SOURCE_FILE} and its article",
                )
            ]
        )
    sources, entries, files = [], [], []
    checked = 0
    for folder in folders:
        loaded = _load_source(folder, problems)
        if loaded:
            source, article = loaded
            sources.append(source)
            files += [(source, article, path) for path in _fact_files(folder)]
    parsed = _parsed([path for _source, _article, path in files], lines)
    for (source, article, path), (data, found) in zip(files, parsed):
        problems += found
        for entry in _load_facts(data, display_path(path), source, article, problems):
            checked += _check_alone(entry, problems)
            if not lines:  # keep no raw YAML: a large base stays small in memory
                entry.node = None
            entries.append(entry)
    _check_ids(entries, problems)
    by_id = {e.fact.id: e.fact for e in entries}
    for entry in entries:
        _check_links(entry, by_id, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise FactError(errors)
    return FactBase(tuple(sources), tuple(e.fact for e in entries), checked)


def _load_source(folder: Path, problems: list[Problem]) -> tuple[Source, Article] | None:
    path = folder / SOURCE_FILE
    shown = display_path(path)
    data = load_yaml(path, shown, problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, message="expected a mapping of source metadata"))
        return None
    found = len(problems)
    values: dict[str, Any] = {}
    for key, value in data.items():
        spec = SOURCE_FIELDS.get(key)
        if spec is None:
            close = close_matches(key, SOURCE_FIELDS)
            problems.append(
                Problem(
                    shown,
                    data.line_of(key),
                    message=f"unknown field '{key}' in source metadata",
                    hint=f"did you mean '{close}'?" if close else None,
                )
            )
            continue
        try:
            values[key] = spec.read(value)
        except Invalid as exc:
            problems.append(
                Problem(shown, data.line_of(key), message=f"field '{key}': {exc.message}")
            )
    for key, spec in SOURCE_FIELDS.items():
        if spec.required and key not in data:
            problems.append(Problem(shown, data.line, message=f"missing field '{key}'"))
    period = _period(values.get("period"), shown, data, problems)
    documents = _documents(values.get("documents", []), shown, data, problems)
    if len(problems) > found:
        return None
    article_path = folder / values["article"]
    article_shown = display_path(article_path)
    if not article_path.is_file():
        problems.append(
            Problem(
                shown,
                data.line_of("article"),
                message=f"article file '{values['article']}' not found",
                hint=f"put the article's text at {article_shown}",
            )
        )
        return None
    article_text = read_text(article_path, article_shown, problems)
    if article_text is None:
        return None
    if not article_text.strip():
        problems.append(Problem(article_shown, 1, message="the article file is empty"))
        return None
    source = Source(
        id=values.get("id", folder.name),
        title=values["title"],
        article_file=article_shown,
        text=article_text,
        supported_by=values.get("supported_by"),
        documents=documents,
        period=period,
        language=values.get("language", "en"),
    )
    return source, Article(article_text)


def _period(value: Any, shown: str, data: Node, problems: list[Problem]):
    if value is None:
        return None
    try:
        if not isinstance(value, dict) or not {"from", "to"} <= set(value):
            raise Invalid("expected {from: YEAR, to: YEAR}")
        return (integer(value["from"]), integer(value["to"]))
    except Invalid as exc:
        problems.append(Problem(shown, data.line_of("period"), message=f"period: {exc.message}"))
        return None


def _documents(value: Any, shown: str, data: Node, problems: list[Problem]):
    result = []
    if not isinstance(value, list):
        value = [value]
    for item in value:
        if not isinstance(item, dict) or not {"name", "reviewed_by"} <= set(item):
            problems.append(
                Problem(
                    shown,
                    data.line_of("documents"),
                    message="documents: each item needs a name and reviewed_by",
                )
            )
            continue
        result.append((str(item["name"]), str(item["reviewed_by"])))
    return tuple(result)


def _fact_files(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    return [path for path in found if path.name != SOURCE_FILE]


def _parsed(paths: list[Path], lines: bool):
    """(data, problems) of each file, in order. Without `lines` (the fast first pass), a
    large base is parsed by two processes (see parallel.py)."""

    def parse(path: Path) -> list:
        problems: list[Problem] = []
        return [(load_yaml(path, display_path(path), problems, lines), problems)]

    if lines:
        return (item for path in paths for item in parse(path))
    size = sum(path.stat().st_size for path in paths)
    return ordered_map(paths, parse, helper=size >= PARALLEL_BYTES)


def _load_facts(data, shown: str, source: Source, article: Article, problems: list[Problem]):
    """The facts of one parsed file, each with its article to check against."""
    if data is None:
        return
    topic = None
    if isinstance(data, dict):
        unknown = set(data) - {"topic", "facts"}
        for key in sorted(unknown):
            problems.append(
                Problem(
                    shown,
                    line_of(data, key),
                    message=f"unknown field '{key}' at the top of a facts file",
                    hint="a facts file holds 'topic' (optional) and 'facts' (a list)",
                )
            )
        if "topic" in data:
            try:
                topic = one_of(TOPICS)(data["topic"])
            except Invalid as exc:
                problems.append(
                    Problem(
                        shown,
                        line_of(data, "topic"),
                        message=f"field 'topic': {exc.message}",
                        hint=exc.hint,
                    )
                )
        if "facts" not in data:
            problems.append(Problem(shown, line_of(data), message="missing field 'facts'"))
            return
        data = data["facts"]
    if not isinstance(data, list):
        problems.append(
            Problem(shown, 1, message="'facts' must be a list of facts", hint="- id: ...")
        )
        return
    for node in data:
        fact = build_fact(node, shown, source.id, topic, problems)
        if fact is not None:
            yield _Entry(fact, node, article)


def _check_ids(entries: list[_Entry], problems: list[Problem]) -> None:
    first: dict[str, _Entry] = {}
    for entry in entries:
        fact = entry.fact
        if fact.id in first:
            earlier = first[fact.id].fact
            problems.append(
                Problem(
                    fact.file,
                    fact.line,
                    fact_id=fact.id,
                    message=f"duplicate id '{fact.id}' "
                    f"(first defined at {earlier.file}:{earlier.line})",
                    hint="ids must be unique across the whole fact base",
                )
            )
        else:
            first[fact.id] = entry


def _check_alone(entry: _Entry, problems: list[Problem]) -> int:
    """Checks of one fact against its article. Returns the citations verified."""
    fact, node, article = entry.fact, entry.node, entry.article

    def problem(line: int, message: str, hint: str | None = None) -> None:
        problems.append(Problem(fact.file, line, fact_id=fact.id, message=message, hint=hint))

    verified = 0
    lines = node.get("citations")
    for index, citation in enumerate(fact.citations):
        line = item_line(lines, index, line_of(node))
        if article.contains(citation):
            verified += 1
        else:
            problem(
                line,
                "citation not found in the article",
                "citations must be copied verbatim; "
                f'closest passage: "{article.closest(citation)}"',
            )
    if isinstance(fact, Quote) and not article.contains(fact.text):
        problem(
            line_of(node, "text"),
            "quote text not found in the article",
            f'quotes must be copied verbatim; closest passage: "{article.closest(fact.text)}"',
        )
    if fact.kind in CLOZE_TEXT:
        sentence = getattr(fact, CLOZE_TEXT[fact.kind])
        for term in fact.cloze:
            if term not in sentence:
                problem(
                    line_of(node, "cloze"),
                    f"cloze term '{term}' does not appear in the {CLOZE_TEXT[fact.kind]}",
                    "copy the term exactly as the sentence has it",
                )
    elif fact.cloze:
        problem(line_of(node, "cloze"), f"a {fact.kind} fact has no sentence to blank out")
    if isinstance(fact, ListFact):
        _check_list(fact, node, problem)
    return verified


def _check_links(entry: _Entry, by_id: dict[str, Fact], problems: list[Problem]) -> None:
    """Checks that need the other facts: references, and distractors against answers."""
    fact, node = entry.fact, entry.node

    def problem(line: int | None, message: str, hint: str | None = None) -> None:
        problems.append(Problem(fact.file, line, fact_id=fact.id, message=message, hint=hint))

    for field in REFERENCES.get(fact.kind, ()):
        ref = getattr(fact, field)
        if ref is None:
            continue
        target = by_id.get(ref)
        if target is None:
            close = close_matches(ref, [i for i, f in by_id.items() if isinstance(f, Person)])
            problem(
                line_of(node, field),
                f"{field} '{ref}' is not a fact in the base",
                f"did you mean '{close}'?" if close else "name the id of a person fact",
            )
        elif not isinstance(target, Person):
            problem(
                line_of(node, field),
                f"{field} '{ref}' is a {target.kind} fact, not a person",
                "name the id of a person fact",
            )
    if not fact.distractors:
        return
    answers = true_answers(fact, by_id)
    distractor_lines = node.get("distractors") if node is not None else None
    for index, distractor in enumerate(fact.distractors):
        key = fold(str(distractor))
        if key in answers:
            line = item_line(distractor_lines, index, line_of(node))
            problem(
                line,
                f"distractor '{distractor}' is a correct answer ({answers[key]})",
                "remove it: a distractor must never be true",
            )


def _check_list(fact: ListFact, node: Node, problem) -> None:
    group_ids = {g.id for g in fact.groups}
    member_lines = node.get("members")
    owner: dict[str, str] = {}
    for index, member in enumerate(fact.members):
        line = item_line(member_lines, index, line_of(node))
        if member.group is not None and member.group not in group_ids:
            problem(
                line,
                f"member '{member.name}' is in unknown group '{member.group}'",
                "groups: " + (", ".join(sorted(group_ids)) or "none defined"),
            )
        for key in {fold(name) for name in (member.name, *member.aliases)}:
            if key in owner:
                problem(line, f"member '{member.name}' repeats '{owner[key]}' (same name or alias)")
            owner[key] = member.name
    for group in fact.groups:
        if not fact.group_members(group.id):
            problem(line_of(node, "groups"), f"group '{group.id}' has no members")


def _names(person: Fact | None) -> list[str]:
    if isinstance(person, Person):
        return [person.name, *person.aliases]
    return []


def true_answers(fact: Fact, by_id: dict[str, Fact]) -> dict[str, str]:
    """Folded text of every answer that is true for this fact -> why it is true."""
    answers: dict[str, str] = {}

    def add(names: list[str], why: str) -> None:
        for name in names:
            answers.setdefault(fold(name), why)

    if isinstance(fact, Person):
        add([fact.name], "the person's name")
        add(list(fact.aliases), f"an alias of '{fact.name}'")
    elif isinstance(fact, ListFact):
        for member in fact.members:
            add([member.name], "a member of the list")
            add(list(member.aliases), f"an alias of '{member.name}'")
    elif isinstance(fact, Figure):
        add([str(fact.value)], "the figure's value")
    else:
        ref = {Position: "actor", Cause: "given_by", Quote: "speaker", Event: "according_to"}
        field = next((f for cls, f in ref.items() if isinstance(fact, cls)), None)
        target = by_id.get(getattr(fact, field) or "") if field else None
        if isinstance(target, Person):
            add([target.name], f"the {field} of this fact")
            add(list(target.aliases), f"an alias of '{target.name}'")
    return answers
