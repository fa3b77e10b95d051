"""The question: one identity and one wording, shared by every output."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from operator import attrgetter

from .answers import answer_text
from .english import english_quotes
from .kinds import shape_of


@dataclass(frozen=True, slots=True)
class Answer:
    """One expected answer and the other spellings a learner may type."""

    text: str
    aliases: tuple[str, ...] = ()

    def __reduce__(self):
        """Pickled as its two fields (see `Question.__reduce__`): a frozen dataclass with
        slots is otherwise pickled as a mapping, read back by a Python __setstate__."""
        return _answer, (self.text, self.aliases)


@dataclass(frozen=True, slots=True)
class Question:
    """A question made from one or more facts by one template.

    `id` comes from the fact id(s), the template and the variant: never from the wording,
    never from the seed. `choices` and `key` depend on the seed; `answers` do not.

    By the kind's answer shape (`kinds`):
    - text, blank, number: `answers` holds the one answer (number: `value`, `unit`).
    - one, truefalse: `choices` are shown; `key` is the index of the right one.
    - several: `key` holds the indexes of every right choice.
    - recall: `answers` holds every item to recall, in any order.
    - ordering: `choices` are the items as shown; `key` lists their indexes in true order.
    - pairing: `items` is the left column, `choices` the right; `key[i]` is the choice
      index matching `items[i]`.
    """

    id: str
    kind: str
    topic: str
    prompt: str
    answers: tuple[Answer, ...]
    explanation: str
    citations: tuple[str, ...]
    fact_ids: tuple[str, ...]
    template: str
    variant: str = ""
    choices: tuple[str, ...] = ()
    key: tuple[int, ...] = ()
    items: tuple[str, ...] = ()
    cloze: str | None = None
    value: float | None = None
    unit: str | None = None
    source: str = ""

    def __reduce__(self):
        """Pickled as its fields in order (a forked helper sends questions back this way):
        smaller and faster to read back than a mapping of field names to values."""
        return _rebuilt, _values(self)

    @property
    def shape(self) -> str:
        """Its answer shape (see `kinds`): what every output and the grader go by."""
        return shape_of(self.kind)

    @property
    def answer_text(self) -> str:
        """The expected answer as one line of text (`answers.answer_text`)."""
        return answer_text(self)

    def to_dict(self) -> dict:
        """The documented JSON form (see README, "The question JSON")."""
        return {
            "id": self.id,
            "kind": self.kind,
            "topic": self.topic,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "key": list(self.key),
            "items": list(self.items),
            "answers": [{"text": a.text, "aliases": list(a.aliases)} for a in self.answers],
            "answer_text": self.answer_text,
            "cloze": self.cloze,
            "value": self.value,
            "unit": self.unit,
            "explanation": self.explanation,
            "citations": list(self.citations),
            "source": self.source,
            "fact_ids": list(self.fact_ids),
            "template": self.template,
            "variant": self.variant,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Question:
        """The question back from `to_dict` (its JSON form)."""
        return cls(
            id=data["id"],
            kind=data["kind"],
            topic=data["topic"],
            prompt=data["prompt"],
            answers=tuple(Answer(a["text"], tuple(a["aliases"])) for a in data["answers"]),
            explanation=data["explanation"],
            citations=tuple(data["citations"]),
            fact_ids=tuple(data["fact_ids"]),
            template=data["template"],
            variant=data["variant"],
            choices=tuple(data["choices"]),
            key=tuple(data["key"]),
            items=tuple(data["items"]),
            cloze=data["cloze"],
            value=data["value"],
            unit=data["unit"],
            source=data["source"],
        )


_FIELDS = tuple(f.name for f in fields(Question))
_values = attrgetter(*_FIELDS)  # every field's value, in order


def _slot_setters(cls) -> tuple:
    """Each field's slot setter, in field order: a frozen dataclass's own, which
    object.__setattr__ would go through one call deeper."""
    return tuple(getattr(cls, f.name).__set__ for f in fields(cls))


_SETTERS = _slot_setters(Question)


def _rebuilt(*values) -> Question:
    """A question from its fields in order, set slot by slot: the same object as
    `Question(*values)`, made faster (the frozen dataclass's __init__ sets each field
    through object.__setattr__). The engine makes its questions so, and unpickling."""
    question = object.__new__(Question)
    for put, value in zip(_SETTERS, values):
        put(question, value)
    return question


_SHOWN = frozenset({"choices", "key", "items", "cloze"})  # the fields a shape may give
# new_question passes its fields by place: the order it assumes is Question's
assert _FIELDS[10:14] == ("choices", "key", "items", "cloze") and len(_FIELDS) == 17


def new_question(head: tuple, shown: dict, tail: tuple) -> Question:
    """`Question(*head, **shown, *tail)`, made as `_rebuilt` makes it: `head` the fields
    from `id` to `variant`, `shown` what the kind's shape gives (choices, key, items,
    cloze), `tail` value, unit and source. A field Question has not is an error, as a
    keyword would be."""
    if not shown.keys() <= _SHOWN:
        raise TypeError(f"unexpected question fields: {sorted(shown.keys() - _SHOWN)}")
    get = shown.get
    return _rebuilt(
        *head, get("choices", ()), get("key", ()), get("items", ()), get("cloze"), *tail
    )


_ANSWER_SETTERS = _slot_setters(Answer)


def _answer(text: str, aliases: tuple[str, ...]) -> Answer:
    """An answer from its pickled fields (see `Answer.__reduce__`)."""
    answer = object.__new__(Answer)
    _ANSWER_SETTERS[0](answer, text)
    _ANSWER_SETTERS[1](answer, aliases)
    return answer


def question_id(fact_ids: tuple[str, ...], template: str, variant: str = "") -> str:
    """Stable id: '<fact>.<template>[.<variant>]' for one fact; for several, the template and
    a short hash of the sorted fact ids."""
    if len(fact_ids) == 1:
        first, second = fact_ids[0], template
    else:
        first = template
        second = hashlib.blake2s("+".join(sorted(fact_ids)).encode(), digest_size=5).hexdigest()
    return ".".join([p for p in (first, second, variant) if p])


def quoted_fields(shown: dict) -> dict:
    """Choices, items and the cloze text with an article's «quotes» printed as “quotes”,
    as prompts print them (english.english_quotes)."""
    return {
        name: tuple(map(english_quotes, value))
        if name in ("choices", "items")
        else (english_quotes(value) if name == "cloze" and value else value)
        for name, value in shown.items()
    }
