"""Small text helpers shared by validation, question building and grading."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_PUNCT = re.compile(r"[^\w\s]")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A comparison key: Unicode-normalised, case-folded, accents and punctuation dropped,
    a leading article removed, spaces collapsed. "The U.S." and "us" fold alike."""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = _POSSESSIVE.sub("", text)
    text = _PUNCT.sub(lambda m: "" if m.group() in ".'’" else " ", text)
    text = _SPACE.sub(" ", text).strip()
    return _ARTICLE.sub("", text)


def close_matches(word: str, options) -> str | None:
    """'did you mean' text for a misspelt name, or None."""
    import difflib

    found = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return found[0] if found else None


def mentions(haystack: str, needle: str) -> bool:
    """Whether `needle` stands in `haystack` as whole words, after `fold`ing both."""
    needle = fold(needle)
    return bool(needle) and f" {needle} " in f" {fold(haystack)} "
