"""Check that a cited passage stands in the article, verbatim.

Citations are compared after normalising whitespace and typographic quotes only: nothing
else is forgiven. Lookups go through a word index, so checking many citations against a long
text never rescans the whole text per citation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2039": '"',
        "\u203a": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)
HINT_WORDS = 80  # a passage's first words are enough to find the sentence it is like
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"')\]]*|$)")


_QUOTE_PAIRS = tuple((chr(code), plain) for code, plain in _QUOTES.items())


def normalise(text: str) -> str:
    r"""Fold typographic quotes to ASCII quotes and runs of whitespace to one space (as
    `\s+` does: `str.split` splits at the same characters)."""
    if not text.isascii():  # a few replacements, not a table lookup for every character
        for quote, plain in _QUOTE_PAIRS:
            if quote in text:
                text = text.replace(quote, plain)
    return " ".join(text.split())


@dataclass
class Article:
    """A source text, normalised once and indexed by word for fast verbatim lookups."""

    text: str
    normal: str = field(init=False)
    _starts: dict[str, list[int]] = field(init=False, repr=False)
    _sentences: list[str] | None = field(init=False, default=None, repr=False)
    _sizes: list[int] = field(init=False, default_factory=list, repr=False)
    _index: dict[str, list[int]] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.normal = normalise(self.text)
        starts: dict[str, list[int]] = defaultdict(list)
        at = 0  # normalised text is words between single spaces: its tokens, split at once
        for word in self.normal.split(" ") if self.normal else ():
            starts[word].append(at)
            at += len(word) + 1
        self._starts = dict(starts)

    def contains(self, passage: str) -> bool:
        """Whether the passage stands in the article (after `normalise`)."""
        needle = normalise(passage)
        if not needle:
            return False
        inner = needle.split(" ")[1:-1]  # the first and last word may be cut mid-word
        if not inner:
            return needle in self.normal
        starts = self._starts
        anchor = min(inner, key=lambda word: len(starts.get(word, ())))
        # (normalised text is words between single spaces: the anchor's first place as an
        # inner word is where it stands after a space and before one)
        offset = needle.index(f" {anchor} ") + 1
        for start in starts.get(anchor, ()):
            begin = start - offset
            if begin >= 0 and self.normal.startswith(needle, begin):
                return True
        return False

    def closest(self, passage: str, limit: int = 160) -> str:
        """The sentence of the article most like the passage, for a hint: the one whose
        words best match the passage's first HINT_WORDS words (Dice's coefficient of the
        two sets), found through an index of the sentences by word. The work is bounded
        whatever the passage, and never a scan of the whole article."""
        sentences = self._sentence_list()
        if not sentences:
            return ""
        words = normalise(passage[: HINT_WORDS * 20]).lower().split()[:HINT_WORDS]
        assert self._index is not None
        unique = set(words)
        shared: Counter = Counter()
        for word in unique:
            shared.update(self._index.get(word, ()))
        if not shared:
            return _clip(sentences[0], limit)
        # Dice's coefficient of the two sets of words, then (for a tie) the earlier sentence
        best = max(shared, key=lambda i: (2 * shared[i] / (len(unique) + self._sizes[i]), -i))
        return _clip(sentences[best], limit)

    def _sentence_list(self) -> list[str]:
        if self._sentences is None:
            flat = self.text.translate(_QUOTES)
            self._sentences = [
                normalise(m.group()) for m in _SENTENCE.finditer(flat) if m.group().strip()
            ]
            index: dict[str, list[int]] = defaultdict(list)
            for number, sentence in enumerate(self._sentences):
                words = set(sentence.lower().split())
                self._sizes.append(len(words))
                for word in words:
                    index[word].append(number)
            self._index = dict(index)
        return self._sentences


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
