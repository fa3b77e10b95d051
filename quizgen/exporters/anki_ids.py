"""Anki identities made from question ids: note GUIDs and the stable numbers of notes and
sub-decks. Light (no genanki): the CSV export gives its rows the same GUIDs as the .apkg
notes, so either import updates the same notes."""

from __future__ import annotations

import hashlib


def stable_int(*parts: str, low: int = 1 << 40, high: int = 1 << 52) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return low + int.from_bytes(digest, "big") % (high - low)


_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)


_BASE91_PAIRS = [a + b for a in _BASE91 for b in _BASE91]  # two digits a step


def guid_for(question_id: str) -> str:
    """genanki.guid_for("quizgen", question_id), computed faster: the first 8 bytes of a
    SHA-256, in Anki's base 91 (no leading zero digits, as genanki writes it)."""
    number = int.from_bytes(hashlib.sha256(f"quizgen__{question_id}".encode()).digest()[:8], "big")
    pairs = []
    while number:
        number, pair = divmod(number, 8281)
        pairs.append(_BASE91_PAIRS[pair])
    return "".join(reversed(pairs)).lstrip(_BASE91[0])


def subdeck_id(deck_id: int, topic: str) -> int:
    return stable_int(str(deck_id), topic, low=1 << 30, high=1 << 31)
