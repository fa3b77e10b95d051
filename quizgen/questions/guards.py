"""Rules every built question must pass, whatever template worded it. Each returns the
reason a question is refused (a `check` warning names the fact and it), or None."""

from __future__ import annotations

import re

from ..text import mentions

PHRASE = 3  # words, as the zip in repeated_phrase takes them ("5 permanent members of ...")
_SMALL = frozenset(
    "a an the of in on at to for by and or but is are was were be been it its this that "
    "these those what which who how many much with from as than".split()
)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")


def dropped_qualifier(fact, prompt: str, right: tuple[str, ...]) -> str | None:
    """The fact's hedge ('over', 'around') when the question does not say it where the
    learner reads it: in the right choice(s) when there are choices, else in the prompt
    (a typed "100" must answer "over how many?", not "how many?")."""
    qualifier = getattr(fact, "qualifier", None)
    if not qualifier:
        return None
    said = all(mentions(r, qualifier) for r in right) if right else mentions(prompt, qualifier)
    if said:
        return None
    return f"it drops the qualifier '{qualifier}' of the fact (the article hedges its figure)"


_PUNCTUATION = ".,;:!?«»“”‘’\"'()[]"


def repeated_phrase(text: str) -> str | None:
    """A phrase of PHRASE or more words, not all small words, said twice in one sentence."""
    for sentence in _SENTENCES.split(text):
        words = [w for w in (w.strip(_PUNCTUATION) for w in sentence.lower().split()) if w]
        grams = list(zip(words, words[1:], words[2:]))  # PHRASE words at a time
        if len(set(grams)) == len(grams):  # no phrase said twice: the common case, at once
            continue
        seen: dict[tuple[str, ...], int] = {}
        for at in range(len(words) - PHRASE + 1):
            gram = tuple(words[at : at + PHRASE])
            if all(w in _SMALL for w in gram):
                continue
            first = seen.setdefault(gram, at)
            if at - first >= PHRASE:  # apart, not overlapping ("very very very")
                return f"it says '{' '.join(gram)}' twice in one sentence"
    return None


def refusal(draft, prompt: str, explanation: str) -> str | None:
    """Why the engine refuses this question, or None: the first rule it fails."""
    if len(draft.facts) == 1:
        dropped = dropped_qualifier(draft.facts[0], prompt, draft.right)
        if dropped:
            return dropped
    return repeated_phrase(prompt) or repeated_phrase(explanation)
