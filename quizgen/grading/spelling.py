"""Spellings: what counts as the same answer written another way, and what may pass as a typo.

Same answer: `fold` (case, accents, punctuation, a leading article, spaces), then hyphens and
spaces do not matter ("non-nuclear", "non nuclear", "nonnuclear") and British and American
spellings are one ("honour", "honor"; "defence", "defense"; "organise", "organize").

A typo: within `typo_limit` edits, but never when a word typed differs from the answer's and
is itself a real word (an English word, by `wordfreq`, loaded only when a typo is judged) or a
name the fact base or the country list knows, never when it adds or drops a negating prefix
("conditional" for "unconditional"), and never a surname's feminine form ("Sokolova" for "Sokolov").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..text import fold

# British -> American, word by word (both sides get the same treatment, so only the key matters)
_VARIANTS = [
    (re.compile(r"(?<=\w{3})our(?=s?$|ed$|ing$|able$|ite$|ites$)"), "or"),  # honour, favourite
    (re.compile(r"(?<=\w{2})is(?=e$|es$|ed$|ing$|ation$|ations$)"), "iz"),  # organise
    (re.compile(r"(?<=\w{2})ys(?=e$|es$|ed$|ing$)"), "yz"),  # analyse
    (re.compile(r"(?<=\w{3}[^aeiou])re(?=s?$)"), "er"),  # centre, theatre
    (re.compile(r"(?<=\w{3})ence(?=s?$)"), "ense"),  # defence, licence
    (re.compile(r"(?<=\w{3})ogue(?=s?$)"), "og"),  # catalogue
    (re.compile(r"(?<=\w{2}[aeiou])ll(?=ed$|ing$|er$|ers$)"), "l"),  # travelled
]
NEGATING = ("non", "un", "in", "im", "il", "ir", "dis", "anti", "mis")
REAL_WORD_ZIPF = 3.0  # once in a million English words: "Prussia" 3.35, "Britian" 1.97


_ROUND_PLURALS = {"10s": "tens", "100s": "hundreds", "1000s": "thousands"}


def spelled(text: str) -> str:
    """`fold`ed, with British spellings made American, word by word ("10s" read as "tens")."""
    return " ".join(american(_ROUND_PLURALS.get(word, word)) for word in fold(text).split())


def key(text: str) -> str:
    """The comparison key of an answer: `spelled`, without spaces (so hyphenated, spaced and
    joined forms are one)."""
    return spelled(text).replace(" ", "")


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    for pattern, replacement in _VARIANTS:
        word = pattern.sub(replacement, word)
    return word


def typo_limit(answer: str) -> int:
    """Typos forgiven: none up to 4 letters, then 1, 2 from 9 letters, 3 from 16."""
    length = len(answer.replace(" ", ""))
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 15:
        return 2
    return 3


def distance(a: str, b: str, limit: int = 99) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def why_not_a_typo(
    typed: str, spelling: str, known: frozenset[str], own: frozenset[str] = frozenset()
) -> str | None:
    """Why `typed` may not pass as a typo of `spelling` (both `spelled`), or None. `own`: the
    words of the answer's other spellings, which are no other answer."""
    words = set(spelling.split())
    for word in typed.split():
        if word in words or word in own or any(_same_word(word, w) for w in words):
            continue
        for other in words | own:
            if negation_changed(word, other):
                return f"“{word}” and “{other}” mean opposite things"
            if feminine_form(word, other):
                return f"“{word}” is another name"
        if word in known or is_real_word(word):
            return f"“{word}” is another word"
    return None


def _same_word(typed: str, word: str) -> bool:
    """One word's singular or plural: 'reality' and 'realities' are one word."""
    return len(typed) > 3 and (_singular(typed) == _singular(word))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def negation_changed(typed: str, word: str) -> bool:
    """Whether `typed` adds or drops a negating prefix of `word` ('conditional' for
    'unconditional', 'unconditional' for 'conditional')."""
    for prefix in NEGATING:
        if typed.startswith(prefix) != word.startswith(prefix):
            longer, shorter = (typed, word) if typed.startswith(prefix) else (word, typed)
            rest = longer[len(prefix) :]
            if len(rest) > 3 and distance(rest, shorter, 1) <= 1:
                return True
    return False


def feminine_form(typed: str, word: str) -> bool:
    """A surname's feminine form is another person: 'Sokolova' for 'Sokolov', 'Novska'."""
    return (
        typed.endswith("a")
        and not word.endswith("a")
        and (typed[:-1] == word or typed[:-1] == word[:-1] or typed[:-2] == word[:-1])
    )


def is_real_word(word: str, zipf: float = REAL_WORD_ZIPF) -> bool:
    """Whether `word` is an English word in its own right, at least as frequent as `zipf`
    (wordfreq's scale: 3 is once in a million words; loaded on first use)."""
    if len(word) < 3 or any(ch.isdigit() for ch in word):
        return False
    return _zipf(word) >= zipf


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # heavy: only when a typo is being judged

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    text = (Path(__file__).parent.parent / "data" / "countries.txt").read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line and not line.startswith("#"))


def known_names(factbase) -> frozenset[str]:
    """Every real name a learner might type: countries, and the fact base's people, list
    members and curated wrong choices, with their aliases."""
    names = set(country_names())
    for fact in factbase.facts:
        for text in (getattr(fact, "name", None), *getattr(fact, "aliases", ())):
            if isinstance(text, str):
                names.add(fold(text))
        names.update(fold(d) for d in getattr(fact, "distractors", ()) if isinstance(d, str))
        for member in getattr(fact, "members", ()):
            names.update(fold(n) for n in (member.name, *member.aliases))
    return frozenset(names)


def split_items(response: str) -> list[str]:
    """'France, Germany and the UK' -> ['France', 'Germany', 'the UK']."""
    parts = re.split(r"\s*(?:[,;\n]|\band\b|&)\s*", response)
    return [p for p in (part.strip() for part in parts) if p]
