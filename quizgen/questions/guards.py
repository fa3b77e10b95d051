"""Rules every built question must pass, whatever template worded it. Each returns the
reason a question is refused (a `check` warning names the fact and it), or None."""

from __future__ import annotations

import re
from functools import lru_cache

from ..facts.when import may_be_relative, relative_words
from ..text import mentions, unquoted

PHRASE = 3  # words, as the zip in repeated_phrase takes them ("5 permanent members of ...")
_SMALL = frozenset(
    "a an the of in on at to for by and or but is are was were be been it its this that "
    "these those what which who how many much with from as than".split()
)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")


def dropped_qualifier(fact, prompt: str, right: tuple[str, ...]) -> str | None:
    """The fact's hedge ('over', 'around') when the question does not say it where the
    learner reads it: in the prompt ("over _____ drone strikes") or in every right choice
    (a typed "100" must answer "over how many?", not "how many?")."""
    qualifier = getattr(fact, "qualifier", None)
    if not qualifier:
        return None
    in_choices = bool(right) and all(mentions(r, qualifier) for r in right)
    said = mentions(prompt, qualifier) or in_choices
    if said:
        return None
    return f"it drops the qualifier '{qualifier}' of the fact (the article hedges its figure)"


_PUNCTUATION = ".,;:!?«»“”‘’\"'()[]"
_ASCII_PUNCTUATION = bytes(c for c in _PUNCTUATION.encode() if c < 128)
_MARKS = tuple(c for c in _PUNCTUATION if not c.isascii())


@lru_cache(maxsize=256)  # repeats are near: a fact's questions share explanations
def repeated_phrase(text: str) -> str | None:
    """A phrase of PHRASE or more words, not all small words and naming nothing, said twice
    in one sentence. A phrase with a capitalised word is part of a name: two names may share
    it ("the Marrow Bay Dockworkers' Union ... the Marrow Bay Port Authority")."""
    return _repeated_in_a_sentence(text) if _words_said_again(text) else None


def _words_said_again(text: str) -> bool:
    """Whether PHRASE words follow each other twice anywhere in the text, its words without
    any punctuation (words equal once stripped are equal so too): the quick test that clears
    the common text. bytes.translate deletes at C speed where str.translate looks up each
    character; ASCII text is split as bytes."""
    low = text.lower()
    if low.isascii():
        words: list = low.encode().translate(None, _ASCII_PUNCTUATION).split()
    else:  # the other marks first: a character's UTF-8 bytes hold no ASCII byte
        for mark in _MARKS:
            if mark in low:
                low = low.replace(mark, "")
        words = low.encode().translate(None, _ASCII_PUNCTUATION).decode().split()
    if len(set(words)) > len(words) - PHRASE:  # a phrase said again repeats PHRASE words
        return False
    grams = list(zip(words, words[1:], words[2:]))
    return len(set(grams)) < len(grams)


def _repeated_in_a_sentence(text: str) -> str | None:
    for sentence in _SENTENCES.split(text):
        said = [w for w in (w.strip(_PUNCTUATION) for w in sentence.split()) if w]
        words = [w.lower() for w in said]
        grams = list(zip(words, words[1:], words[2:]))  # PHRASE words at a time
        if len(set(grams)) == len(grams):  # no phrase said twice: the common case, at once
            continue
        seen: dict[tuple[str, ...], int] = {}
        for at in range(len(words) - PHRASE + 1):
            gram = tuple(words[at : at + PHRASE])
            if all(w in _SMALL for w in gram) or any(
                w[0].isupper() for w in said[at : at + PHRASE]
            ):
                continue
            first = seen.setdefault(gram, at)
            if at - first >= PHRASE:  # apart, not overlapping ("very very very")
                return f"it says '{' '.join(gram)}' twice in one sentence"
    return None


def names_the_other_side(prompt: str, sides: tuple[str, ...]) -> str | None:
    """A "which state" prompt that names another state, or a state by its adjective
    ('Freedoni*': "Freedonian speakers"): the answer follows from it (another side, or
    itself)."""
    for side in sides:
        if side.endswith("*"):
            found = re.search(rf"\b{re.escape(side[:-1])}\w+", prompt)
            if found:
                return f"its prompt says '{found.group()}', so it answers itself"
        elif mentions(prompt, side):
            return f"its prompt names '{side}', another state of the base, so it answers itself"
    return None


_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{3,}\b")  # a word: no letter before it


def _names_in(prompt: str) -> set[str]:
    """The capitalised words of four letters or more that do not open a sentence: what
    `(?<![.?!:] )(?<!^)\\b[A-Z][a-z]{3,}\\b` finds, with a pattern that starts with its
    capital (the regex engine then jumps from capital to capital)."""
    found = set()
    for match in _CAPITALISED.finditer(prompt):
        at = match.start()
        if at and not (prompt[at - 1] == " " and prompt[at - 2 : at - 1] in _SENTENCE_ENDS):
            found.add(match.group())
    return found


_SENTENCE_ENDS = (".", "?", "!", ":")


def pointing_name(prompt: str, choices, key) -> str | None:
    """A name the prompt says (not its first word) that the right choice, and no wrong one,
    holds: "… in four Aldren districts?" beside "Aldren city council" points at the answer."""
    if not key or len(choices) < 3:
        return None
    names = _names_in(prompt)
    right = {choices[i] for i in key}
    for name in sorted(names):
        holding = [c for c in choices if re.search(rf"\b{name}\b", c)]
        if holding and set(holding) <= right:
            return f"its prompt says '{name}', which only the right choice holds"
    return None


_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


def says_his_or_her(draft, prompt: str) -> str | None:
    """A "who ...?" of one of several people whose prompt says 'he' or 'her' ("who said
    her crews had stopped ...?"): it rules out the wrong choices of the other sex, which the
    base cannot tell. The short answer asks it."""
    if draft.kind != "mcq" or draft.sort != "individual":
        return None
    found = _PRONOUN.search(unquoted(prompt))
    if found:
        return f"its prompt says '{found.group()}', which would rule out some wrong choices"
    return None


def left_out(draft, prompt: str) -> str | None:
    """Why a question the fact makes in other ways is left out, by the engine's own
    choice (not a fault of the fact: `check` says it only when asked why), or None."""
    return names_the_other_side(prompt, draft.sides) or says_his_or_her(draft, prompt)


def relative_date(prompt: str) -> str | None:
    """A date said relative to the article's day ("on Saturday", "next year") outside
    quotation marks: away from the article it tells the learner nothing, or the wrong day."""
    if not may_be_relative(prompt):  # the common prompt, at once
        return None
    found = relative_words(unquoted(prompt))
    if found:
        return (
            f"its prompt says '{found}', which reads only beside the article's date: "
            "say the date in the fact's wording, or give it a `when` with a label"
        )
    return None


def refusal(draft, prompt: str, explanation: str) -> str | None:
    """Why the engine refuses this question, or None: the first rule it fails."""
    found = relative_date(prompt)
    if found:
        return found
    if len(draft.facts) == 1:
        dropped = dropped_qualifier(draft.facts[0], prompt, draft.right)
        if dropped:
            return dropped
    found = repeated_phrase(prompt)
    if found:
        return f"its prompt {found.removeprefix('it ')}"
    found = repeated_phrase(explanation)
    return f"its explanation {found.removeprefix('it ')}" if found else None
