"""Drafts -> Questions: wording from the templates, seeded choices, stable ids."""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..errors import Problem, TemplateError
from ..facts.kinds import Fact, FactBase
from ..mapping import Mapper, in_order
from ..sandbox import start
from ..templating import RENDER_FAILURES, question_environment, template_error
from .builders import (
    ALWAYS_TRUE_FALSE,
    BUILDERS,
    Draft,
    Statements,
    chronology_drafts,
    matching_drafts,
    mentions_answer,
)
from .english import FILTERS
from .model import Question, question_id

TF_CHOICES = ("True", "False")
_NEVER_DROPPED = ("tf",)  # a true/false question always survives `build`
# kinds whose typed or chosen answer must not stand in the prompt
_GIVEAWAY_KINDS = ("short", "mcq", "quote", "numeric", "list", "cloze")


def _rng(seed: int, qid: str) -> random.Random:
    """The question's own random order: from the seed and its id alone."""
    return random.Random(zlib.crc32(f"{seed}:{qid}".encode()))  # an int seeds fast


@dataclass(frozen=True)
class _Several:
    """A unit of work: the questions of one topic made of several facts."""

    topic: str


class Engine:
    """Makes every question the fact base allows, worded by (possibly overridden) templates."""

    def __init__(self, base: FactBase, template_dir: Path | None = None, mapper: Mapper = in_order):
        self.base = base
        self.map = mapper  # over facts: see mapping.py
        self.env = question_environment(template_dir, FILTERS)
        self.custom = template_dir is not None
        self.say = Statements(base, self.env)
        self._templates: dict[str, jinja2.Template] = {}
        self._contexts: dict[str, jinja2.runtime.Context] = {}
        self._several_drafts: dict[str, list[Draft]] | None = None

    def drafts_of(self, fact: Fact) -> list[Draft]:
        return self._guard(lambda: list(BUILDERS[fact.kind](fact, self.say)), fact.kind)

    def drafts(self) -> Iterable[Draft]:
        for fact in self.base.facts:
            yield from self.drafts_of(fact)
        yield from self._guard(lambda: list(matching_drafts(self.base, self.say)), "matching")
        yield from self._guard(lambda: list(chronology_drafts(self.base, self.say)), "chronology")

    def _guard(self, make, name: str) -> list[Draft]:
        try:
            return make()
        except (*RENDER_FAILURES, TypeError) as exc:
            if isinstance(exc, TypeError) and "Undefined" not in str(exc):
                raise
            raise template_error(exc, "_statements.j2") from None

    def _render(self, name: str, context: dict) -> tuple[str, str]:
        """The prompt and explanation blocks of a template, honouring {% extends %} (so a
        deck's template can extend 'default:NAME' and keep the blocks it does not
        override)."""
        try:
            if self.custom:  # a deck's template may extend another: resolve the chain
                start(self.env)
                template = self._template(name)
                ctx = template.new_context(context)
                for _ in template.root_render_func(ctx):
                    pass
            else:  # built-in blocks read only the variables given: one context, reused
                ctx = self._contexts.get(name)
                if ctx is None:
                    ctx = self._contexts[name] = self._template(name).new_context({}, True)
                ctx.parent = context
            texts = []
            for block in ("prompt", "explanation"):
                chain = ctx.blocks.get(block)
                if not chain:
                    where = self._template(name).filename
                    raise TemplateError(f"template {where}: has no block '{block}'")
                texts.append(" ".join("".join(chain[0](ctx)).split()))
        except RENDER_FAILURES as exc:
            raise template_error(exc, f"{name}.j2") from None
        return texts[0], texts[1]

    def _template(self, name: str) -> jinja2.Template:
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(f"{name}.j2")
        return template

    def build(self, draft: Draft, seed: int) -> tuple[Question | None, Problem | None]:
        facts = draft.facts
        fact = facts[0]
        fact_ids = tuple(f.id for f in facts) if len(facts) > 1 else (fact.id,)
        template_id = draft.template.replace(".", "-")
        qid = question_id(fact_ids, template_id, draft.variant)
        context = {
            "fact": fact,
            **self.say.refs(fact),
            "statement": self.say(fact) if len(facts) == 1 else "",
            "truth": draft.truth,
            **draft.context,
        }
        context.pop("base", None)
        prompt, explanation = self._render(draft.template, context)
        if draft.kind in _GIVEAWAY_KINDS:
            given = mentions_answer(prompt, draft.answers)
            if given:
                return None, Problem.about(
                    fact,
                    f"no {draft.kind} question from template '{draft.template}': "
                    f"the prompt gives away the answer '{given}'",
                    severity="warning",
                )
        choices: tuple[str, ...] = ()
        key: tuple[int, ...] = ()
        items: tuple[str, ...] = ()
        if draft.kind in ("mcq", "multi"):
            rng = _rng(seed, qid)
            wrong = draft.wrong(prompt) if callable(draft.wrong) else list(draft.wrong)
            picked = self._pick_wrong(draft, wrong, rng)
            if picked is None:
                return None, None
            right = list(draft.right)
            if draft.kind == "multi":
                right = rng.sample(right, min(len(right), 4))
            options = right + picked
            rng.shuffle(options)
            choices = tuple(options)
            key = tuple(sorted(choices.index(r) for r in right))
        elif draft.kind == "tf":
            choices, key = TF_CHOICES, (0 if draft.truth else 1,)
        elif draft.kind == "chronology":
            rng = _rng(seed, qid)
            shown = list(draft.ordered)
            while shown == list(draft.ordered):
                rng.shuffle(shown)
            choices = tuple(shown)
            key = tuple(choices.index(t) for t in draft.ordered)
        elif draft.kind == "matching":
            rng = _rng(seed, qid)
            items = tuple(left for left, _ in draft.pairs)
            rights = [right for _, right in draft.pairs]
            while rights == [r for _, r in draft.pairs]:
                rng.shuffle(rights)
            choices = tuple(rights)
            key = tuple(choices.index(r) for _, r in draft.pairs)
        statement = context["statement"]
        cloze = None
        if draft.kind == "cloze" and draft.term:
            cloze = statement.replace(draft.term, "{{c1::" + draft.term + "}}", 1)
        if len(facts) == 1 and len(fact.citations) == 1:
            citations = fact.citations
        else:  # in order, each once
            citations = tuple(dict.fromkeys(c for f in facts for c in f.citations))
        question = Question(
            id=qid,
            kind=draft.kind,
            topic=draft.topic or fact.topic,
            prompt=prompt,
            answers=draft.answers,
            explanation=explanation,
            citations=citations,
            fact_ids=fact_ids,
            template=draft.template,
            variant=draft.variant,
            choices=choices,
            key=key,
            items=items,
            cloze=cloze,
            value=draft.value,
            unit=draft.unit,
            source=fact.source,
        )
        return question, None

    @staticmethod
    def _pick_wrong(draft: Draft, wrong: list[str], rng: random.Random) -> list[str] | None:
        """Three wrong choices for mcq (curated first: they come first in `wrong`); for
        multi, as many wrong as right, up to four. None when there are too few."""
        if draft.kind == "multi":
            return rng.sample(wrong, min(len(wrong), 4)) if len(wrong) >= 2 else None
        if len(wrong) < 3:
            return None
        curated = [w for w in wrong if w in draft.curated]
        first = rng.sample(curated, min(3, len(curated)))
        rest = [w for w in wrong if w not in first]
        return first + rng.sample(rest, 3 - len(first))

    def iter_questions(self, seed: int = 0):
        """(question or None, warning or None) for every draft, made one at a time, in the
        canonical order: topic by topic (the vocabulary's order), each topic's facts in the
        base's order, then the topic's questions made of several facts."""
        from ..vocab import TOPICS

        facts_of: dict[str, list[Fact]] = {}
        for fact in self.base.facts:
            facts_of.setdefault(fact.topic, []).append(fact)
        units: list[Fact | _Several] = []
        for topic in dict.fromkeys([*TOPICS, *facts_of]):  # their several-fact questions
            units.extend(facts_of.get(topic, ()))  # are made by whoever takes the unit
            units.append(_Several(topic))
        seen: set[str] = set()
        for question, warning in self.map(units, lambda unit: self._made(unit, seed)):
            if question is not None:
                assert question.id not in seen, question.id
                seen.add(question.id)
            yield question, warning

    def _made(self, unit: Fact | _Several, seed: int) -> list:
        """The (question, warning) pairs of one fact, or of a topic's several-fact drafts."""
        if isinstance(unit, _Several):
            drafts = self._several().get(unit.topic, [])
        else:
            drafts = self.drafts_of(unit)
        return [self.build(draft, seed) for draft in drafts]

    def _several(self) -> dict[str, list[Draft]]:
        """The drafts made of several facts (matching, chronology), by topic; made once."""
        if self._several_drafts is None:
            found: dict[str, list[Draft]] = {}
            for make, name in ((matching_drafts, "matching"), (chronology_drafts, "x")):
                for draft in self._guard(lambda make=make: list(make(self.base, self.say)), name):
                    found.setdefault(draft.topic, []).append(draft)
            self._several_drafts = found
        return self._several_drafts

    def uncovered(self) -> list[Fact]:
        """Facts no question is made from. Cheap: a fact with a true/false question (never
        dropped) is covered without rendering anything else."""
        by_id = {f.id: f for f in self.base.facts}
        return [by_id[i] for i in self.map(self.base.facts, self._uncovered_id)]

    def _uncovered_id(self, fact: Fact) -> list[str]:
        """[the fact's id] when no question is made from it, else []."""
        if fact.kind in ALWAYS_TRUE_FALSE:
            return []
        drafts = self.drafts_of(fact)
        if any(d.kind in _NEVER_DROPPED for d in drafts):
            return []
        return [] if any(self.build(d, 0)[0] is not None for d in drafts) else [fact.id]

    def check_templates(self) -> None:
        """Render one question of each template, so a broken one is reported by check."""
        tried: set[str] = set()
        for draft in self.drafts():
            if draft.template not in tried:
                tried.add(draft.template)
                self.build(draft, 0)
