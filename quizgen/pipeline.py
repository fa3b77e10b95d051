"""The commands' library side: load a project (facts and recipes, validated together),
check it, and make a deck's questions. cli.py calls one function here per command (build
and the quiz have their own: build.py, quiz/start.py); the project and its recipes are
resolved by project.py, and large jobs are shared out by the forked mapper."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DeckError, FactError, Problem, ProblemsError, QuizgenError
from .facts.kinds import FactBase
from .facts.loader import load_factbase
from .facts.recipes import Deck, declared_topics, load_decks, load_recipes
from .mapping import Mapper, forked
from .paths import find_sources
from .project import Project, open_project


class StrictError(QuizgenError):
    """`check --strict`: warnings are errors."""


class CheckError(ProblemsError):
    """Problems in the fact base and/or the deck recipes."""

    what = "project"

    def __init__(self, problems: list[Problem], what: str):
        self.what = what
        super().__init__(problems)


@dataclass
class CheckReport:
    factbase: FactBase
    decks: list[Deck]
    warnings: list[Problem] = field(default_factory=list)

    def by_topic_and_kind(self) -> dict[str, Counter]:
        """Fact kinds per topic; beside another source, per 'source/topic', so that two
        sources' topics of one id are counted apart."""
        table: dict[str, Counter] = {}
        several = len(self.factbase.sources) > 1
        for fact in self.factbase.facts:
            row = f"{fact.source}/{fact.topic}" if several else fact.topic
            table.setdefault(row, Counter())[fact.kind] += 1
        return table

    def verdict(self, strict: bool = False) -> str:
        """The line that ends `quizgen check`; with `strict`, warnings raise StrictError."""
        if not self.warnings:
            return "OK: no problems found."
        count = len(self.warnings)
        noun = "warning" if count == 1 else "warnings"
        if strict:
            raise StrictError(f"{count} {noun} (--strict).")
        return f"OK, with {count} {noun}."


def load_project(
    path: str | Path | Project = ".", mapper: Mapper | None = None
) -> tuple[FactBase, list[Deck]]:
    """Load and validate the fact base and every recipe; one error lists every problem."""
    project = path if isinstance(path, Project) else open_project(path)
    fact_problems: list[Problem] = []
    deck_problems: list[Problem] = []
    factbase = None
    try:
        factbase = load_factbase(project.facts_dir, mapper=mapper or forked())
    except FactError as exc:
        fact_problems = exc.problems
    decks: list[Deck] = []
    if project.decks_dir is not None:
        if factbase is not None:
            source_ids = declared_topics(factbase)
        else:
            source_ids = {p.name for p in find_sources(project.facts_dir)}
        try:
            decks = load_decks(project.decks_dir, source_ids)
        except DeckError as exc:
            deck_problems = exc.problems
    if fact_problems or deck_problems:
        what = " and ".join(
            name
            for name, found in (("fact base", fact_problems), ("deck recipes", deck_problems))
            if found
        )
        raise CheckError(fact_problems + deck_problems, what)
    assert factbase is not None
    return factbase, decks


def check_project(
    path: str | Path = ".", mapper: Mapper | None = None, every_question: bool = False
) -> CheckReport:
    """Load everything, render each template once per deck, and warn of any fact no
    question is made from (with file:line: the base is then read again keeping lines).
    With `every_question` (`check --strict`), every question is made, and each one a guard
    refused is a warning too: the full look before publishing, at the cost of a build's
    question making."""
    from .questions.engine import Engine

    project = open_project(path)
    mapper = mapper or forked()
    factbase, decks = load_project(project, mapper)
    for deck in decks:
        if deck.templates:
            Engine(factbase.only(deck.sources), deck.templates).check_templates()
    warnings = _warnings(factbase, mapper, every_question)
    if warnings:
        factbase = load_factbase(project.facts_dir, lines=True)
        warnings = _warnings(factbase, mapper, every_question)
    return CheckReport(factbase, decks, warnings)


def _warnings(factbase: FactBase, mapper: Mapper, every_question: bool) -> list[Problem]:
    """The fact base's own warnings, facts no question is made from (with why), and (with
    `every_question`) every other question a guard refused: each once."""
    from .questions import coverage, refusals

    found = [*factbase.warnings, *coverage(factbase, mapper=mapper)]
    if not every_question:
        return found
    said = {p.fact_id for p in found if p.message.startswith("no question is made")}
    refused = [p for p in refusals(factbase, mapper=mapper) if p.fact_id not in said]
    return list(dict.fromkeys([*found, *refused]))


def _for_deck(factbase: FactBase, deck: Deck, mapper: Mapper, **override):
    from .questions import generate

    return generate(
        factbase,
        seed=override.get("seed") if override.get("seed") is not None else deck.seed,
        topics=override.get("topics") or deck.topics,
        kinds=override.get("kinds") or deck.kinds,
        count=override.get("count") or deck.count,
        sources=deck.sources,
        template_dir=deck.templates,
        mapper=mapper,
    )


def deck_questions(path, deck_path=None, mapper: Mapper | None = None, dropped=None, **override):
    """[(deck, seed, questions)] for one recipe (`deck_path`), or for every recipe in
    decks/; `override` takes seed, topics, kinds, count. The warnings of questions dropped
    (a prompt that would give its answer away) are added to the list `dropped`, if given."""
    project = open_project(path, deck_path)
    mapper = mapper or forked()
    factbase, decks = load_project(project, mapper)
    if project.named:
        decks = load_recipes(list(project.chosen()), declared_topics(factbase))
    project.chosen()  # none: a usage error
    groups = []
    for deck in decks:
        seed = override.get("seed") if override.get("seed") is not None else deck.seed
        made = _for_deck(factbase, deck, mapper, **override)
        if dropped is not None:
            dropped.extend(w for w in made.warnings if w not in dropped)
        groups.append((deck, seed, made.questions))
    return groups


def format_summary(report: CheckReport) -> str:
    """The table `quizgen check` prints: facts by topic and kind, citations verified."""
    from .facts.kinds import FACT_KINDS

    base = report.factbase
    if len(base.sources) > 1:
        declared = [f"{s.id}/{t.id}" for s in base.sources for t in s.topics]
    else:
        declared = [t.id for t in base.topics]
    kinds = [k for k in FACT_KINDS if base.of_kind(k)]
    table = report.by_topic_and_kind()
    width = max(len(t) for t in [*declared, *table, "topic", "total"])
    head = f"{'topic':<{width}}  {'facts':>5}" + "".join(f"  {k:>8}" for k in kinds)
    lines = [
        f"{len(base.sources)} source{'s' if len(base.sources) != 1 else ''}, "
        f"{len(base.facts)} facts, {base.citations_checked} citations verified "
        "verbatim against the article.",
        "",
        head,
        "-" * len(head),
    ]
    for topic in [*declared, *sorted(set(table) - set(declared))]:
        counts = table.get(topic, Counter())
        lines.append(
            f"{topic:<{width}}  {sum(counts.values()):>5}"
            + "".join(f"  {counts[k] or '':>8}" for k in kinds)
        )
    lines.append("-" * len(head))
    totals = Counter(f.kind for f in base.facts)
    lines.append(
        f"{'total':<{width}}  {len(base.facts):>5}" + "".join(f"  {totals[k]:>8}" for k in kinds)
    )
    lines.append("")
    covered = (
        "no facts yet"
        if not base.facts
        else "every fact is behind at least one"
        if not any(w.message.startswith("no question") for w in report.warnings)
        else "some facts have none (see the warnings)"
    )
    lines.append(f"Questions: {covered}.")
    for deck in report.decks:
        lines.append(
            f"deck {deck.file}: '{deck.title}', {_topic_count(base, deck)} topics, "
            f"{len(deck.kinds)} question kinds, outputs {', '.join(deck.outputs)}"
        )
    if not report.decks:
        lines.append(
            "no deck recipes read (none in decks/, or a facts/ or source folder was given: "
            "pass the project folder, which holds decks/, to check them too)"
        )
    for warning in report.warnings:
        lines.append(warning.format())
    return "\n".join(line.rstrip() for line in lines)


def _topic_count(base: FactBase, deck: Deck) -> int:
    return len(deck.topics if deck.topics is not None else base.only(deck.sources).topics)
