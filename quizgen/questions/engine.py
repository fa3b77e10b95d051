"""Drafts -> Questions: wording from the templates, seeded choices, stable ids."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from sys import intern

import jinja2

from ..errors import Problem, TemplateError
from ..facts.kinds import Fact, FactBase, prompt_for
from ..mapping import Mapper, in_order
from ..sandbox import start
from ..templating import RENDER_FAILURES, question_environment, template_error
from ..text import one_line
from .builders import ALWAYS_TRUE_FALSE, BUILDERS
from .choosing import CHOICES, TF_CHOICES, Seeded, too_few
from .citing import CITED_BY_CONTENT, chosen
from .claims import CLAIM_FILTERS
from .dates import DATE_FILTERS
from .drafts import Draft, Refusal, Statements, mentions_answer
from .english import FILTERS, capfirst, english_quotes
from .guards import left_out, pointing_name, refusal
from .kinds import kind_of, makers
from .question import Answer, Question, new_question, question_id, quoted_fields
from .several import SEVERAL_FACTS

_KEYS: dict[tuple[int, ...], tuple[int, ...]] = {}


@dataclass(frozen=True)
class _Several:
    """A unit of work: the questions of one topic made of several facts."""

    topic: str


class Engine:
    """Makes every question the fact base allows, worded by (possibly overridden) templates."""

    def __init__(
        self,
        base: FactBase,
        template_dir: Path | None = None,
        mapper: Mapper = in_order,
        order: tuple[str, ...] = (),
    ):
        self.base = base
        self.order = order  # topics that come first, in this order (a recipe's `topics`)
        self.map = mapper  # over facts: see mapping.py
        self.env = question_environment(template_dir, {**FILTERS, **DATE_FILTERS, **CLAIM_FILTERS})
        self.custom = template_dir is not None
        self.say = Statements(base, self.env)
        self._templates: dict[str, jinja2.Template] = {}
        self._contexts: dict[str, jinja2.runtime.Context] = {}
        self._several_drafts: dict[str, list[Draft]] | None = None
        self._topics = {t.id: t for t in base.topics}
        self._shared: dict = {}
        self._names: dict[str, tuple[str, str, bool]] = {}  # by template: see build
        self._facts: dict = {}  # once a unit, keyed (id of a fact, alone) or its id

    def drafts_of(self, fact: Fact) -> list[Draft]:
        """The fact's drafts: its own kind's builder's, then those of added kinds."""
        drafts = self._guard(lambda: list(BUILDERS[fact.kind](fact, self.say)))
        for make in makers(fact.kind):
            drafts += self._guard(lambda make=make: list(make(fact, self.say)))
        return drafts

    def drafts(self) -> Iterable[Draft]:
        for fact in self.base.facts:
            yield from self.drafts_of(fact)
        for make in SEVERAL_FACTS:
            yield from self._guard(lambda make=make: list(make(self.base, self.say)))

    def _guard(self, make) -> list[Draft]:
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
                texts.append(one_line("".join(chain[0](ctx))))
        except RENDER_FAILURES as exc:
            raise template_error(exc, f"{name}.j2") from None
        return texts[0], texts[1]

    def _template(self, name: str) -> jinja2.Template:
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(f"{name}.j2")
        return template

    def build(self, draft: Draft | Refusal, seed: int) -> tuple[Question | None, Problem | None]:
        """The question of a draft, or (None, a warning) when its prompt gives its answer
        away or a guard refused it, or (None, a Problem of severity "info") when there are too
        few wrong choices."""
        if isinstance(draft, Refusal):
            return None, draft.problem()
        facts = draft.facts
        fact = facts[0]
        fact_ids = tuple(f.id for f in facts) if len(facts) > 1 else (fact.id,)
        template = self._names.get(draft.template)
        if template is None:  # its id part, its name interned, whether it is a list's
            name = draft.template
            template = self._names[name] = (
                name.replace(".", "-"),
                intern(name),
                name.startswith("list."),
            )
        qid = question_id(fact_ids, template[0], draft.variant)
        topic = draft.topic or fact.topic
        context = {
            **self._of_fact(fact, len(facts) == 1),
            "topic": self._topics.get(topic),
            "truth": draft.truth,
            **draft.context,
        }
        prompt, explanation = self._render(draft.template, context)
        if len(facts) == 1:  # the editor's own prompt, where the template's does not fit
            prompt = prompt_for(fact, draft.kind) or prompt
        prompt, explanation = english_quotes(prompt), english_quotes(explanation)
        kind = kind_of(draft.kind)
        if kind.guarded:
            given = mentions_answer(prompt, draft.answers, draft.template.startswith("list."))
            if given:
                return None, Problem.about(
                    fact,
                    f"no {draft.kind} question from template '{draft.template}': "
                    f"the prompt would give away the answer '{given}'",
                    severity="warning",
                )
        omitted = left_out(draft, prompt)
        if omitted:
            return None, Problem.about(
                fact,
                f"no {draft.kind} question from template '{draft.template}': {omitted}",
                severity="info",
            )
        refused = refusal(draft, prompt, explanation)
        if refused:
            return None, Problem.about(
                fact,
                f"no {draft.kind} question from template '{draft.template}': {refused}",
                severity="warning",
            )
        draft, sorted_out = self._of_sort(draft, prompt)
        shown = CHOICES[kind.shape](draft, prompt, Seeded(seed, qid), context["statement"])
        if shown is not None:  # items and choices print quotation marks as prompts do
            if shown.get("choices") is not TF_CHOICES:  # (True, False: none to print)
                shown = quoted_fields(shown)
            named = draft.sort is not None or template[2]
            if named and shown.get("choices"):
                # names as a list shows them: "The Municipal Workers' Union", "Sorrel Water"
                shown = {**shown, "choices": tuple(map(capfirst, shown["choices"]))}
            pointed = pointing_name(prompt, shown.get("choices", ()), shown.get("key", ()))
            if pointed and kind.shape in ("one", "several"):
                return None, Problem.about(
                    fact,
                    f"no {draft.kind} question from template '{draft.template}': {pointed}",
                    severity="info",
                )
        if shown is None:  # not a warning (a fact has other questions), but its reason
            return None, sorted_out or Problem.about(
                fact,
                f"no {draft.kind} question from template '{draft.template}': "
                + too_few(draft, prompt, kind.shape),
                severity="info",
            )
        if len(facts) == 1 and len(fact.citations) == 1:  # (all that _cited could choose)
            citations = fact.citations
        elif draft.template.split(".")[0] in CITED_BY_CONTENT and draft.kind != "chronology":
            citations = self._cited(draft, prompt, explanation)
        else:  # in order, each once
            citations = tuple(dict.fromkeys(c for f in facts for c in f.citations))
        if "key" in shown:  # a few small keys, (0,), (1, 3), ...: one tuple each
            shown["key"] = _KEYS.setdefault(shown["key"], shown["key"])  # (a new dict)
        share = self._shared.setdefault  # a fact's questions share equal texts: a large
        question = new_question(  # bank is held whole while each output chooses from it
            (
                qid,
                draft.kind,
                intern(topic),
                share(prompt, prompt),
                draft.answers,
                share(explanation, explanation),
                citations,
                share(fact_ids, fact_ids),
                template[1],
                intern(draft.variant),
            ),
            shown,
            (draft.value, draft.unit, fact.source),
        )
        return question, sorted_out

    def _of_fact(self, fact: Fact, alone: bool) -> dict:
        """What every question of the fact reads of it, worked out once a unit: the fact
        (its relative date anchored: "on Saturday" -> "in 2025"), its people, its sentence."""
        key = (id(fact), alone)
        found = self._facts.get(key)
        if found is None or found[0] is not fact:
            found = self._facts[key] = (fact, {
                "fact": self.say.dated(fact),
                **self.say.refs(fact),
                "statement": self.say(fact) if alone else "",
            })  # fmt: skip
        return found[1]

    def _holders(self, fact: Fact) -> tuple[Answer, ...]:
        """The people the fact points at, as answers a passage may name; once a unit."""
        found = self._facts.get(id(fact))
        if found is None or found[0] is not fact:
            people = self.say.refs(fact).values()
            found = self._facts[id(fact)] = (fact, tuple(
                Answer(p.name, p.aliases) for p in people if p is not None
            ))  # fmt: skip
        return found[1]

    def _of_sort(self, draft: Draft, prompt: str) -> tuple[Draft, Problem | None]:
        """The draft without the wrong choices that name a person of another sort than its
        answer (a coalition offered as a state), and a warning naming them."""
        if draft.sort is None:
            return draft, None
        wrong = draft.wrong(prompt) if callable(draft.wrong) else list(draft.wrong)
        people = self.say.pools.by_name
        other = [w for w in wrong if w in people and people[w].type != draft.sort]
        if not other:
            return draft.with_wrong(wrong), None
        kept = [w for w in wrong if w not in other]
        shown = ", ".join(f"'{w}' ({_a(people[w].type)})" for w in other)
        return draft.with_wrong(kept), Problem.about(
            draft.facts[0],
            f"wrong choice {shown} refused for the {draft.kind} question from template "
            f"'{draft.template}': the answer '{draft.right[0]}' is {_a(draft.sort)}",
            hint="a wrong choice must be of the answer's sort: change the distractors",
            severity="warning",
        )

    def _cited(self, draft: Draft, prompt: str, explanation: str) -> tuple[str, ...]:
        """Each fact's passages that hold what the question asks and answers."""
        if len(draft.facts) == 1:
            fact = draft.facts[0]
            # the passage that names who said or did it comes first, whatever is asked
            actors = () if fact.kind == "person" else self._holders(fact)
            return chosen(fact.citations, f"{prompt} {explanation}", draft.answers, actors)
        found = (chosen(f.citations, self.say(f)) for f in draft.facts)
        return tuple(dict.fromkeys(c for cites in found for c in cites))

    def iter_questions(self, seed: int = 0):
        """(question or None, warning or None) for every draft, made one at a time, in the
        canonical order: topic by topic (`order`, then as the sources declare them), each
        topic's facts in the base's order, then the topic's questions made of several facts."""
        facts_of: dict[str, list[Fact]] = {}
        for fact in self.base.facts:
            facts_of.setdefault(fact.topic, []).append(fact)
        units: list[Fact | _Several] = []
        for topic in dict.fromkeys([*self.order, *self._topics, *facts_of]):
            units.extend(facts_of.get(topic, ()))
            units.append(_Several(topic))
        # The several-fact questions are made first, all by whoever takes the first units
        # (their drafts need the whole base: made once, not once in each process), and
        # each topic's come back in its place.
        several = [u for u in units if isinstance(u, _Several)]
        made = self.map(
            several + [u for u in units if not isinstance(u, _Several)],
            lambda unit: [self._made(unit, seed)],
        )
        held = {unit.topic: next(made) for unit in several}
        seen: set[str] = set()
        for unit in units:
            pairs = held.pop(unit.topic) if isinstance(unit, _Several) else next(made)
            for question, warning in pairs:
                if question is not None:
                    assert question.id not in seen, question.id
                    seen.add(question.id)
                yield question, warning

    def _made(self, unit: Fact | _Several, seed: int) -> list:
        """The (question, warning) pairs of one fact, or of a topic's several-fact drafts."""
        self._shared = {}  # equal texts of one unit's questions, shared (see build)
        self._facts = {}
        if isinstance(unit, _Several):
            drafts = self._several().get(unit.topic, [])
        else:
            drafts = self.drafts_of(unit)
        return [self.build(draft, seed) for draft in drafts]

    def _several(self) -> dict[str, list[Draft]]:
        """The drafts made of several facts (matching, chronology), by topic; made once."""
        if self._several_drafts is None:
            found: dict[str, list[Draft]] = {}
            for make in SEVERAL_FACTS:
                for draft in self._guard(lambda make=make: list(make(self.base, self.say))):
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
        if any(kind_of(d.kind).kept for d in drafts):
            return []
        return [] if any(self.build(d, 0)[0] is not None for d in drafts) else [fact.id]

    def why_uncovered(self) -> list[tuple[str, tuple[str, ...]]]:
        """(fact id, why each of its drafts was dropped) for every fact no question is
        made from; no reason means no question kind suits the fact."""
        return list(self.map(self.base.facts, self._why_uncovered))

    def _why_uncovered(self, fact: Fact) -> list[tuple[str, tuple[str, ...]]]:
        if not self._uncovered_id(fact):
            return []
        made = [self.build(d, 0)[1] for d in self.drafts_of(fact)]
        # "no mcq question from template 'person.mcq': too few ..." -> "mcq: too few ..."
        reasons = (f"{p.message.split()[1]}: {p.message.partition(': ')[2]}" for p in made if p)
        return [(fact.id, tuple(dict.fromkeys(reasons)))]

    def refusals(self) -> list[Problem]:
        """A warning for each part of a question a guard refused (the chronology's)."""
        return [
            d.problem()
            for drafts in self._several().values()
            for d in drafts
            if isinstance(d, Refusal)
        ]

    def check_templates(self) -> None:
        """Render one question of each template, so a broken one is reported by check."""
        tried: set[str] = set()
        for draft in self.drafts():
            if isinstance(draft, Refusal):
                continue
            if draft.template not in tried:
                tried.add(draft.template)
                self.build(draft, 0)


def _a(sort: str) -> str:
    return f"an {sort}" if sort[0] in "aeiou" else f"a {sort}"
