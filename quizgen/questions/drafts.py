"""A question before wording and shuffling (`Draft`), and each fact's true sentence
(`Statements`), as the builders and the engine share them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import Problem
from ..facts.kinds import Event, Fact, FactBase, Person
from ..sandbox import start
from ..text import first_mentioned
from .dates import dated, without_date
from .english import capfirst
from .pools import Pools
from .question import Answer


@dataclass
class Draft:
    """A question before wording and shuffling."""

    kind: str
    template: str  # "<fact kind>.<question kind>", the template file without .j2
    facts: tuple[Fact, ...]
    context: dict[str, Any]
    variant: str = ""
    answers: tuple[Answer, ...] = ()
    right: tuple[str, ...] = ()  # mcq, multi: the right choices
    wrong: list[str] | Callable[[str], list[str]] = field(default_factory=list)
    curated: frozenset[str] = frozenset()  # wrong choices that are curated: taken first
    truth: bool | None = None  # tf
    ordered: tuple[str, ...] = ()  # chronology: items in true order
    pairs: tuple[tuple[str, str], ...] = ()  # matching: (left, right)
    term: str | None = None  # cloze: the blanked term
    value: float | None = None
    unit: str | None = None
    topic: str | None = None
    sort: str | None = None  # a person answer's sort (individual, state, ...): wrong choices'
    sides: tuple[str, ...] = ()  # a state answer: the other states' names (not in its prompt)

    def with_wrong(self, wrong: list[str]) -> Draft:
        """`dataclasses.replace(self, wrong=wrong)`, made as a copy of the fields (replace
        runs __init__ over every field again, and copy.copy goes by __reduce_ex__: a large
        bank makes thousands)."""
        draft = object.__new__(Draft)
        draft.__dict__.update(self.__dict__, wrong=wrong)
        return draft


@dataclass(frozen=True)
class Refusal:
    """A question (or a part of one) a guard refused: `check` warns, naming fact and reason."""

    fact: Fact
    kind: str
    reason: str
    hint: str | None = None
    topic: str | None = None

    def problem(self) -> Problem:
        message = f"no {self.kind} item from this fact: {self.reason}"
        return Problem.about(self.fact, message, hint=self.hint, severity="warning")


class Statements:
    """Renders each fact's true sentence through the `_statements.j2` macros."""

    def __init__(self, base: FactBase, env: Any):
        self.base = base
        self.pools = Pools(base)
        self._said: dict[str, str] = {}  # by fact id: the base's own facts only
        self._refs: dict[str, dict[str, Any]] = {}
        self._undated: dict[str, str] = {}
        self._dated: dict[str, tuple[Fact, Fact]] = {}
        self._env = env
        start(env)
        self._macros = env.get_template("_statements.j2").module

    def ref(self, fact_id: str | None) -> Person | None:
        return self.base.get(fact_id) if fact_id else None  # type: ignore[return-value]

    def _own(self, fact: Fact) -> bool:
        """The fact is the base's (not a changed copy): what is said of it can be kept."""
        return fact.id in self.base and self.base.get(fact.id) is fact

    def refs(self, fact: Fact) -> dict[str, Any]:
        """The people the fact points at, by field (actor, speaker, ...). Do not change."""
        known = self._refs.get(fact.id)
        if known is not None and self._own(fact):
            return known
        found = {n: self.ref(getattr(fact, n)) for n in fact.person_fields}
        if self._own(fact):
            self._refs[fact.id] = found
        return found

    def __call__(self, fact: Fact, **override: Any) -> str:
        """The fact's true sentence; `override` swaps a person (speaker=...) or a value."""
        if not override:
            said = self._said.get(fact.id)
            if said is not None and self._own(fact):
                return said
        keep = not override and self._own(fact)
        refs = dict(self.refs(fact))
        extra = {k: v for k, v in override.items() if k not in refs}
        refs.update({k: v for k, v in override.items() if k in refs})
        macro = getattr(self._macros, fact.kind)
        start(self._env)
        # a relative date anchored ("on Saturday" -> "in 2025"); "p.m." ends the sentence once
        text = str(macro(self.dated(fact), *refs.values(), **extra)).strip()
        if text.endswith(".."):  # (all _DOUBLED_STOP can find)
            text = _DOUBLED_STOP.sub(".", text)
        if not text.rstrip('”’"»').endswith((".", "?", "!", "…")):  # an editor's sentence
            text += "."
        if keep:
            self._said[fact.id] = text
        return text

    def dated(self, fact: Fact) -> Fact:
        """`dates.dated(fact)`, worked out once for each of the base's facts (its statement,
        its questions and their swapped statements all read it)."""
        found = self._dated.get(fact.id)
        if found is not None and found[0] is fact:
            return found[1]
        made = dated(fact)
        if self._own(fact):
            self._dated[fact.id] = (fact, made)
        return made

    def undated(self, fact: Fact) -> str:
        """The statement without its date, for chronology items."""
        if isinstance(fact, Event):
            source = self.ref(fact.according_to)
            lead = f"According to {source.name}, " if source else ""
            return capfirst(lead + fact.what)
        said = self._undated.get(fact.id)
        if said is None or not self._own(fact):  # (a chronology asks it twice of a fact)
            said = self(without_date(fact)).rstrip(".")
            if self._own(fact):
                self._undated[fact.id] = said
        return said


_DOUBLED_STOP = re.compile(r"(?<=[a-z]\.[a-z]\.)\.$")


_NAME_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_GLUE = frozenset({"the", "of", "and", "a", "an", "s", "for", "in", "on"})


@lru_cache(maxsize=8192)  # a fact's answers are asked by each of its questions
def _name_words(text: str) -> frozenset[str]:
    """The words of a name that count towards spelling it out: not its glue words."""
    return frozenset(w.lower() for w in _NAME_WORD.findall(text)) - _GLUE


def _spelled_out(prompt_words: set[str], stems: set[str], text: str, own_name: bool) -> bool:
    """The words of a name of two words or more stand in the prompt, each as itself or a
    word made from it ("Norvania" for "Norvanian"): both words of a two-word name, two in
    three of a longer one. "Which authority runs the port of Marrow Bay?" spells out "the
    Marrow Bay Port Authority"; "Which organisation is the medicines regulator of
    Norvania?" all but spells out "the Norvanian Medicines Agency". An alias counts only
    when all its words stand there: "the fire chief" does not spell out "Fire Chief Bergin".
    `stems` are the first six letters of the prompt's words of six letters or more."""
    words = _name_words(text)
    found = sum(1 for w in words if w in prompt_words or (len(w) >= 6 and w[:6] in stems))
    return _enough(found, len(words), own_name)


def _enough(found: int, words: int, own_name: bool) -> bool:
    """Whether `found` of a name's `words` spell it out (see _spelled_out)."""
    if words == 2 or not own_name:
        return found == words
    return 3 * found >= 2 * words


def _may_be_spelled_out(low: str, text: str, own_name: bool) -> bool:
    """The quick test before _spelled_out: a word of the name that stands in the prompt, or
    one made from it, has its first six letters somewhere in the (lowercased) prompt."""
    words = _name_words(text)
    return _enough(sum(1 for w in words if w[:6] in low), len(words), own_name)


def mentions_answer(prompt: str, answers: tuple[Answer, ...], of_list: bool = False) -> str | None:
    """The answer (or alias) that the prompt gives away, if any: said in it, or (but for a
    list's, whose prompt names the sort its members share) its words spelled out across it."""
    found = first_mentioned(prompt, [t for a in answers for t in (a.text, *a.aliases)])
    if found is not None or len(answers) != 1 or of_list:
        return found
    (answer,) = answers
    low = prompt.lower()
    names = [
        t
        for t in (answer.text, *answer.aliases)
        if len(_name_words(t)) >= 2 and _may_be_spelled_out(low, t, t is answer.text)
    ]
    if not names:  # a one-word answer is given away only by being said
        return None
    said = {w.lower() for w in _NAME_WORD.findall(prompt)}
    stems = {w[:6] for w in said if len(w) >= 6}
    for text in names:
        if _spelled_out(said, stems, text, text is answer.text):
            return text
    return None
