"""Small text helpers shared by validation, question building and grading."""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_PUNCT = re.compile(r"[^\w\s]")
_ARTICLES = ("the ", "a ", "an ")
# punctuation, fast: dots and apostrophes vanish ("U.S." -> "us"), the rest is a space
_DROP = ".'’"
_TABLE = str.maketrans(
    {ch: ("" if ch in _DROP else " ") for ch in string.punctuation + "“”‘«»—–…„·•"}
)
# the same for ASCII text, as bytes: one C pass where str.translate looks up each character
_BYTES = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_BYTES_DROP = bytes(c for c in _DROP.encode() if c < 128)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A comparison key: Unicode-normalised, case-folded, accents and punctuation dropped,
    a leading article removed, spaces collapsed. "The U.S." and "us" fold alike."""
    return _tidy(_bare(str(text)))


def _tidy(text: str) -> str:
    """fold's last steps: the rarer symbols, spaces, a leading article."""
    if _PUNCT.search(text):  # a rarer symbol: the general rule
        text = _PUNCT.sub(lambda m: "" if m.group() in _DROP else " ", text)
    text = " ".join(text.split())
    for article in _ARTICLES:
        if text.startswith(article):
            return text[len(article) :]
    return text


# typographic marks, as fold treats them by the Unicode rule (its NFKD makes "…" three dots)
_MARKS = {ch: "" if ch in _DROP + "…" else " " for ch in "“”‘’«»—–…„·•"}


def _bare(text: str) -> str:
    """The text case-folded, without possessive 's, its punctuation dropped or spaced: at C
    speed for ASCII text, and for text whose only other characters are typographic marks
    (“quotes”, dashes: most of an article's); else by _bare_unicode. Both fold alike."""
    low = text.casefold()
    if "'" in low or "’" in low:
        low = _POSSESSIVE.sub("", low)
    if not low.isascii():
        for mark, by in _MARKS.items():
            if mark in low:
                low = low.replace(mark, by)
        if not low.isascii():
            return _bare_unicode(text)
    return low.encode().translate(_BYTES, _BYTES_DROP).decode()


def _bare_unicode(text: str) -> str:
    """_bare for any text: accents dropped (NFKD, then no combining marks)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    return text.translate(_TABLE)


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def answer_key(text) -> str:
    """`fold`, except that a number compares as a number: "4.8" is not "48", while
    "50,000", "50000" and "50000.0" are one."""
    text = str(text).strip()
    if _NUMBER.fullmatch(text):
        return f"#{float(text.replace(',', ''))!r}"
    return fold(text)


def close_matches(word: str, options) -> str | None:
    """'did you mean' text for a misspelt name, or None."""
    import difflib

    found = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return found[0] if found else None


def mentions(haystack: str, needle: str) -> bool:
    """Whether `needle` stands in `haystack` as whole words, after `fold`ing both."""
    needle = fold(needle)
    return bool(needle) and f" {needle} " in f" {fold(haystack)} "


def first_mentioned(haystack: str, needles) -> str | None:
    """The first of `needles` that `mentions` finds in `haystack` (folded once), or None."""
    said = f" {fold(haystack)} "
    for needle in needles:
        folded = fold(needle)
        if folded and f" {folded} " in said:
            return needle
    return None


_ARTICLE = re.compile(r"\b(?:an?) ", re.IGNORECASE)


def after_article(text: str, term: str) -> bool:
    """Whether `term` stands right after "a " or "an " in `text`, case aside: what
    `re.search(rf"\b(?:an?) {re.escape(term)}", text, re.IGNORECASE)` finds, without
    compiling a pattern for each term (ASCII text, where case is one to one)."""
    if not text.isascii():
        return re.search(rf"\b(?:an?) {re.escape(term)}", text, re.IGNORECASE) is not None
    low, term = text.lower(), term.lower()
    return any(low.startswith(term, found.end()) for found in _ARTICLE.finditer(text))


def a_kind(kind: str) -> str:
    """'a person', 'an event': a fact kind (one of quizgen's own words) with its article,
    for messages."""
    return f"{'an' if kind[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {kind}"


_OPENING_AFTER = frozenset(" \t\n([—–-")


def quoted(citation: str) -> str:
    """A citation as shown, inside “…”: its own double quotes become single ones, so a
    passage that opens with a quote reads “‘We are open…,’ the mayor declared.”, never ““."""
    inner = citation.replace("“", "‘").replace("”", "’")
    if '"' in inner:
        inner = "".join(
            ("‘" if i == 0 or inner[i - 1] in _OPENING_AFTER else "’") if ch == '"' else ch
            for i, ch in enumerate(inner)
        )
    return f"“{inner}”"


QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")
"""Words in quotation marks (“…”, «…», "…"): a speaker's own, which say nothing of the
sentence around them (its dates, its plans)."""
_OPENING_QUOTES = ("“", "«", '"')  # what each QUOTED passage opens with


def unquoted(text: str, by: str = " ") -> str:
    """The text with each QUOTED passage replaced `by` (at once when it has no quotation
    mark to open one)."""
    return QUOTED.sub(by, text) if any(mark in text for mark in _OPENING_QUOTES) else text


def one_line(text: str) -> str:
    """The text on one line, each run of whitespace one space, none at its ends, as
    `" ".join(text.split())` makes it: at once for the common text, which is so already
    (printable, so its only whitespace is the space, with no two together)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())
