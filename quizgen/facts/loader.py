"""Load facts/<source>/ folders into a FactBase, validating everything and collecting ALL
problems before failing once (the MkDocs habit)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import FactError, Problem
from ..gcpause import no_cyclic_gc
from ..mapping import Mapper, in_order
from ..paths import SOURCE_FILE, display_path, find_sources, unreadable
from ..text import a_kind, answer_key, close_matches, fold
from .article import Article
from .citations import citation_warnings
from .claim_fields import spellings_naming_others
from .fields import build_fact
from .kinds import (
    Fact,
    FactBase,
    Figure,
    ListFact,
    Person,
    Quote,
    Source,
)
from .sources import load_source
from .values import Invalid, text
from .yaml_reader import Node, item_line, line_of, load_yaml

CLOZE_TEXT = {"position": "stance", "cause": "claim", "event": "what", "quote": "text"}
PARALLEL_BYTES = 1 << 20  # fact files this large in all are parsed by two processes


@dataclass
class _Entry:
    fact: Fact
    node: Node | None
    article: Article


def load_factbase(
    facts_dir: str | Path, lines: bool = False, mapper: Mapper = in_order
) -> FactBase:
    """Read and validate every source under `facts_dir`. Raises FactError listing every
    problem found; returns the FactBase when there are none.

    The first pass parses like plain safe_load; only when it finds a problem is the base
    read again keeping line numbers, so that every message says file:line. `lines=True`
    keeps them from the start (each fact's `line` is then set). `mapper` parses the files
    (see mapping.py)."""
    with no_cyclic_gc():
        try:
            return _load_factbase(Path(facts_dir), lines, mapper)
        except FactError:
            if lines:
                raise
            return _load_factbase(Path(facts_dir), True, mapper)


def _load_factbase(facts_dir: Path, lines: bool, mapper: Mapper) -> FactBase:
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
    broken: set[str] = set()  # ids of facts reported with errors: no cascade of references
    checked = 0
    for folder in folders:
        loaded = load_source(folder, problems)
        if loaded:
            source, article = loaded
            sources.append(source)
            files += [(source, article, path) for path in _fact_files(folder, problems)]
    for (_source, article, _path), (facts, nodes, found, bad, verified) in zip(
        files, _read(files, lines, mapper)
    ):
        problems += found
        broken |= bad
        checked += verified
        entries += [_Entry(fact, node, article) for fact, node in zip(facts, nodes)]
    _check_ids(entries, problems)
    by_id = {e.fact.id: e.fact for e in entries}
    people = _people_names(by_id) if any(e.fact.spellings for e in entries) else {}
    for entry in entries:
        _check_links(entry, by_id, problems, broken, people)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise FactError(errors)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return FactBase(tuple(sources), tuple(e.fact for e in entries), checked, warnings)


def _fact_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The folder's facts files; one that cannot be read safely (a broken link, a named
    pipe, a link out of the folder) is an error, and is not opened."""
    found = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    files = []
    for path in found:
        if path.name == SOURCE_FILE:
            continue
        why = unreadable(path, folder)
        if why is None:
            files.append(path)
        else:
            problems.append(Problem(display_path(path), message=why, hint=_NOT_READ))
    return files


_NOT_READ = "not read: a facts file is a plain file in its source folder"


def _read(files: list[tuple[Source, Article, Path]], lines: bool, mapper: Mapper):
    """Each file parsed, its facts built and checked alone against their article:
    (facts, their YAML nodes, problems, ids of facts too broken to build, citations
    verified), file by file. Without `lines` (the fast first pass), a large base may be
    shared out by the mapper, each file read whole where it is taken (the lines pass, rare,
    is a plain loop)."""

    def read(file: tuple[Source, Article, Path]) -> list:
        source, article, path = file
        shown = display_path(path)
        problems: list[Problem] = []
        broken: set[str] = set()
        data = load_yaml(path, shown, problems, lines)
        facts, nodes, verified = [], [], 0
        for entry in _load_facts(data, shown, source, article, problems, broken):
            verified += _check_alone(entry, problems)
            facts.append(entry.fact)
            nodes.append(entry.node if lines else None)  # keep no raw YAML: a large base
        return [(facts, nodes, problems, broken, verified)]  # stays small in memory

    if lines:
        return (item for file in files for item in read(file))
    size = sum(path.stat().st_size for _source, _article, path in files)
    return mapper(files, read, helper=size >= PARALLEL_BYTES)


def _load_facts(data, shown, source: Source, article: Article, problems, broken=None):
    """The facts of one parsed file, each with its article to check against; the ids of
    facts too broken to build are added to `broken`."""
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
                topic = _declared(source, shown)(data["topic"])
            except Invalid as exc:
                problems.append(
                    Problem(
                        shown,
                        line_of(data, "topic"),
                        message=exc.message,
                        hint=exc.hint,
                    )
                )
        if "facts" not in data:
            problems.append(Problem(shown, line_of(data), message="missing field 'facts'"))
            return
        data = data["facts"]
        if data is None:  # `facts:` with nothing yet (or only commented examples)
            return
    if not isinstance(data, list):
        problems.append(
            Problem(shown, 1, message="'facts' must be a list of facts", hint="- id: ...")
        )
        return
    declared = _declared(source, shown)
    for node in data:
        fact = build_fact(node, shown, source.id, topic, problems)
        if fact is None:
            if broken is not None and isinstance(node, dict) and isinstance(node.get("id"), str):
                broken.add(node["id"])
            continue
        if topic is None or fact.topic != topic:  # the file's topic is checked already
            try:
                declared(fact.topic)
            except Invalid as exc:
                line = line_of(node, "topic") or fact.line or None
                problems.append(
                    Problem(shown, line, fact_id=fact.id, message=exc.message, hint=exc.hint)
                )
                continue
        yield _Entry(fact, node, article)


def _declared(source: Source, shown: str):
    """A reader of a topic: one its source declares, else Invalid listing those it does."""
    ids = [t.id for t in source.topics]
    where = f"{shown.rsplit('/', 1)[0]}/{SOURCE_FILE}" if "/" in shown else SOURCE_FILE

    def read(value) -> str:
        value = text(value)
        if value in ids:
            return value
        declared = f"declared: {', '.join(ids)}" if ids else "it declares none"
        close = close_matches(value, ids)
        raise Invalid(
            f"topic '{value}' is not declared in {where} ({declared})",
            f"did you mean '{close}'?"
            if close
            else f"declare it in {where}: topics: [{{id: {value}, title: ...}}]",
        )

    return read


def _check_ids(entries: list[_Entry], problems: list[Problem]) -> None:
    first: dict[str, _Entry] = {}
    for entry in entries:
        fact = entry.fact
        if fact.id in first:
            earlier = first[fact.id].fact
            problems.append(
                Problem.about(
                    fact,
                    f"duplicate id '{fact.id}' (first defined at {earlier.file}:{earlier.line})",
                    hint="ids must be unique across the whole fact base",
                )
            )
        else:
            first[fact.id] = entry


def _reporter(fact: Fact, problems: list[Problem]):
    """problem(line, message, hint=None): records a problem with this fact at that line."""

    def problem(line: int | None, message: str, hint: str | None = None) -> None:
        problems.append(Problem(fact.file, line, fact_id=fact.id, message=message, hint=hint))

    return problem


def _check_alone(entry: _Entry, problems: list[Problem]) -> int:
    """Checks of one fact against its article. Returns the citations verified."""
    fact, node, article = entry.fact, entry.node, entry.article

    problem = _reporter(fact, problems)

    def hint(what: str, passage: str) -> str | None:
        if not isinstance(node, Node):  # the first pass: its messages are never shown
            return None
        return f'{what} must be copied verbatim; closest passage: "{article.closest(passage)}"'

    verified = 0
    lines = node.get("citations")
    for index, citation in enumerate(fact.citations):
        line = item_line(lines, index, line_of(node))
        if article.contains(citation):
            verified += 1
        else:
            problem(line, "citation not found in the article", hint("citations", citation))
    if verified == len(fact.citations):
        problems += citation_warnings(fact, node, article)
    if isinstance(fact, Quote) and not article.contains(fact.text):
        problem(
            line_of(node, "text"), "quote text not found in the article", hint("quotes", fact.text)
        )
    if fact.kind in CLOZE_TEXT:  # the fact's own sentence, where it has one, is blanked
        field = "sentence" if fact.sentence else CLOZE_TEXT[fact.kind]
        sentence = getattr(fact, field)
        for term in fact.cloze:
            if term not in sentence:
                problem(
                    line_of(node, "cloze"),
                    f"cloze term '{term}' does not appear in the {field}",
                    "copy the term exactly as the sentence has it",
                )
    elif fact.cloze:
        problem(line_of(node, "cloze"), f"{a_kind(fact.kind)} fact has no sentence to blank out")
    if isinstance(fact, ListFact):
        _check_list(fact, node, problem)
    return verified


def _people_names(by_id: dict[str, Fact]) -> dict[str, str]:
    """Folded name or alias -> the id of the person fact it names."""
    people = (f for f in by_id.values() if isinstance(f, Person))
    return {fold(name): p.id for p in people for name in (p.name, *p.aliases)}


def _check_links(entry: _Entry, by_id, problems, broken=frozenset(), people=None) -> None:
    """Checks that need the other facts: references, spellings against the base's people,
    and distractors against answers. A reference to a fact already reported with errors
    (`broken`) is not reported again."""
    fact, node = entry.fact, entry.node

    problem = _reporter(fact, problems)
    for term, message in spellings_naming_others(fact, people) if people else ():
        hint = "a spelling is another way to write the same term: remove it"
        problem(line_of(node.get("spellings") if node else None, term), message, hint)
    for field in fact.person_fields:
        ref = getattr(fact, field)
        if ref is None or ref in broken:
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
                f"{field} '{ref}' is {a_kind(target.kind)} fact, not a person",
                "name the id of a person fact",
            )
        elif target.source != fact.source:  # a deck is made from its own sources alone
            problem(
                line_of(node, field),
                f"{field} '{ref}' is a fact of another source ('{target.source}')",
                "a source's facts name its own people: add a person fact to this source",
            )
    if not fact.distractors:
        return
    answers = true_answers(fact, by_id)
    distractor_lines = node.get("distractors") if node is not None else None
    for index, distractor in enumerate(fact.distractors):
        key = answer_key(distractor)
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


def true_answers(fact: Fact, by_id: dict[str, Fact]) -> dict[str, str]:
    """Folded text of every answer that is true for this fact -> why it is true."""
    answers: dict[str, str] = {}

    def add(names: list[str], why: str) -> None:
        for name in names:
            answers.setdefault(answer_key(name), why)

    for term, others in fact.spellings:  # true in the fact's sentence, as the term is
        add(list(others), f"a spelling of the cloze term '{term}'")
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
        field = fact.person_fields[0] if fact.person_fields else None
        target = by_id.get(getattr(fact, field) or "") if field else None
        if isinstance(target, Person):
            add([target.name], f"the {field} of this fact")
            add(list(target.aliases), f"an alias of '{target.name}'")
    return answers
