"""Numbers as a learner types them: "50,000", "50 000", "50k", "fifty thousand", "twenty
twenty-two" (a year), "20%". One reader for every kind of question."""

from __future__ import annotations

import re

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGITS = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![\d])|\d+)(\.\d+)?"
    r"\s*(k|thousand|million|billion|%)?(?![a-z])",
    re.I,
)
_NUMBER_WORDS = {*_SMALL, *_TENS, *_SCALES, "hundred", "and"}
_WORD = re.compile(r"[a-z]+")
_PURE = re.compile(r"[\d,.\s\u00a0\u202f%]+")


def numbers_in(text: str) -> list[float]:
    """Every number in `text`, in digits or in words, in order of appearance."""
    text = text.lower().replace("\u2009", " ")
    found: list[tuple[int, float]] = []
    taken: set[int] = set()
    for match in _DIGITS.finditer(text):
        taken.update(range(*match.span()))
        value = float(re.sub(r"[,\u00a0\u202f ]", "", match.group(1)) + (match.group(2) or ""))
        scale = (match.group(3) or "").lower()
        found.append((match.start(), value * ({"k": 1000, **_SCALES}.get(scale, 1))))
    words = [(m.start(), m.group()) for m in _WORD.finditer(text) if m.start() not in taken]
    run: list[tuple[int, str]] = []
    for start, word in [*words, (len(text), "")]:
        if word in _NUMBER_WORDS and word != "and":
            run.append((start, word))
        elif word == "and" and run:
            continue
        elif run:
            found.extend(_read_words(run))
            run = []
    return [value for _, value in sorted(found)]


def _read_words(run: list[tuple[int, str]]) -> list[tuple[int, float]]:
    """One run of number words: 'one hundred and twenty' -> 120; 'twenty twenty-two' -> 2022
    (two groups under a hundred side by side are a year, as years are said)."""
    groups: list[list] = []  # [start, total, current, kind of the last word]
    for start, word in run:
        kind = "small" if word in _SMALL else "tens" if word in _TENS else "scale"
        last = groups[-1][3] if groups else None
        if not groups or (
            (kind == "tens" and last in ("tens", "small"))
            or (kind == "small" and (last == "small" or (last == "tens" and _SMALL[word] >= 10)))
        ):
            groups.append([start, 0, 0, None])
        group = groups[-1]
        if kind == "small":
            group[2] += _SMALL[word]
        elif kind == "tens":
            group[2] += _TENS[word]
        elif word == "hundred":
            group[2] = (group[2] or 1) * 100
        else:
            group[1] += (group[2] or 1) * _SCALES[word]
            group[2] = 0
        group[3] = kind
    values = [(g[0], g[1] + g[2]) for g in groups]
    if len(values) == 2 and all(10 <= v < 100 for _, v in values):
        return [(values[0][0], float(values[0][1] * 100 + values[1][1]))]
    return [(start, float(v)) for start, v in values]


def parse_number(text: str) -> float | None:
    """The first number in `text`: '50,000', '50k', 'fifty thousand', 'over 100' -> a number."""
    found = numbers_in(text)
    return found[0] if found else None


def pure_number(text: str) -> float | None:
    """The number `text` is, when it is nothing but a number ('50,000', 'three'), else None:
    'March 2022' and 'tens of thousands' are not numbers."""
    text = text.strip().lower()
    words = _WORD.findall(text)
    spoken = words and all(w in _NUMBER_WORDS for w in words) and re.fullmatch(r"[a-z\s-]+", text)
    if _PURE.fullmatch(text) or spoken:
        found = numbers_in(text)
        return found[0] if len(found) == 1 else None
    return None
