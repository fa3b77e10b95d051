"""A strict GIFT parser written from Moodle's GIFT documentation, for the tests only.

It refuses what Moodle's importer would misread: a special character (~ = # { } :) left
unescaped in text, an unbalanced answer block, an answer of no known form.
https://docs.moodle.org/en/GIFT_format
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPECIAL = "~=#{}:"


class GiftError(ValueError):
    pass


@dataclass
class GiftQuestion:
    title: str
    text: str
    type: str  # mc, multi, tf, short, numerical, matching, missingword, essay
    answers: list[tuple[str, float]] = field(default_factory=list)  # (text, weight %)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    value: float | None = None
    truth: bool | None = None
    general_feedback: str = ""
    category: str = ""


def unescape(text: str, where: str) -> str:
    """Resolve backslash escapes; an unescaped special character is an error."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            if i + 1 >= len(text):
                raise GiftError(f"dangling backslash in {where}")
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        if ch in SPECIAL:
            raise GiftError(f"unescaped {ch!r} in {where}: {text!r}")
        out.append(ch)
        i += 1
    return "".join(out)


def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Split at unescaped `marks`; returns (mark, chunk) pairs, the first with mark ''."""
    parts, mark, chunk, i = [], "", [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            chunk.append(text[i : i + 2])
            i += 2
            continue
        if ch in marks:
            parts.append((mark, "".join(chunk)))
            mark, chunk = ch, []
        else:
            chunk.append(ch)
        i += 1
    parts.append((mark, "".join(chunk)))
    return parts


def _find_unescaped(text: str, target: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def parse_question(raw: str, category: str) -> GiftQuestion:
    title = ""
    if raw.startswith("::"):
        end = _find_unescaped(raw, "::", 2)
        if end < 0:
            raise GiftError(f"unclosed title: {raw[:60]!r}")
        title = unescape(raw[2:end], "title")
        raw = raw[end + 2 :]
    start = _find_unescaped(raw, "{")
    end = _find_unescaped(raw, "}", start + 1) if start >= 0 else -1
    if start < 0 or end < 0:
        raise GiftError(f"no answer block in {title!r}")
    if (
        _find_unescaped(raw, "{", start + 1) not in (-1,)
        and _find_unescaped(raw, "{", start + 1) < end
    ):
        raise GiftError(f"nested '{{' in {title!r}")
    before, block, after = raw[:start], raw[start + 1 : end].strip(), raw[end + 1 :]
    general = ""
    cut = _find_unescaped(block, "####")
    if cut >= 0:
        general = unescape(block[cut + 4 :].strip(), f"general feedback of {title!r}")
        block = block[:cut].strip()
    text = unescape(before.strip(), f"text of {title!r}")
    tail = unescape(after.strip(), f"text of {title!r}")
    q = GiftQuestion(title, text, "", general_feedback=general, category=category)
    if not block:
        q.type = "essay"
        return q
    if block in ("T", "F", "TRUE", "FALSE"):
        q.type, q.truth = "tf", block.startswith("T")
        return q
    if block.startswith("#"):
        match = re.fullmatch(r"#(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?", block)
        if not match:
            raise GiftError(f"bad numerical answer {block!r} in {title!r}")
        q.type, q.value = "numerical", float(match.group(1))
        return q
    pieces = _split_unescaped(block, "=~")
    if pieces[0][1].strip():
        raise GiftError(f"text before the first answer in {title!r}: {pieces[0][1]!r}")
    answers = []
    for mark, chunk in pieces[1:]:
        weight = 100.0 if mark == "=" else 0.0
        chunk = chunk.strip()
        found = re.match(r"%(-?\d+(?:\.\d+)?)%", chunk)
        if found:
            weight = float(found.group(1))
            chunk = chunk[found.end() :]
        fb = _find_unescaped(chunk, "#")
        if fb >= 0:
            chunk = chunk[:fb]
        answers.append((mark, chunk.strip(), weight))
    if any(_find_unescaped(c, "->") >= 0 for _m, c, _w in answers):
        for mark, chunk, _w in answers:
            if mark != "=":
                raise GiftError(f"matching pair without '=' in {title!r}")
            arrow = _find_unescaped(chunk, "->")
            q.pairs.append(
                (
                    unescape(chunk[:arrow].strip(), title),
                    unescape(chunk[arrow + 2 :].strip(), title),
                )
            )
        if len(q.pairs) < 3:
            raise GiftError(f"matching needs three pairs or more in {title!r}")
        q.type = "matching"
        return q
    q.answers = [(unescape(c, f"answer of {title!r}"), w) for _m, c, w in answers]
    marks = {m for m, _c, _w in answers}
    if tail:
        q.type = "missingword"
        q.text = f"{text} _____ {tail}"
    elif marks == {"="}:
        q.type = "short"
    elif all(m == "~" for m in marks) and any(w > 0 for _m, _c, w in answers):
        q.type = "multi"
        total = sum(w for _m, _c, w in answers if w > 0)
        if abs(total - 100) > 0.01:
            raise GiftError(f"weights of right answers sum to {total} in {title!r}")
    else:
        q.type = "mc"
        if sum(1 for m in marks if m == "=") != 1:
            raise GiftError(f"multiple choice needs one right answer in {title!r}")
    return q


def parse(text: str) -> list[GiftQuestion]:
    questions, category, buffer = [], "", []

    def flush():
        if buffer:
            questions.append(parse_question(" ".join(buffer).strip(), category))
            buffer.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            flush()
            continue
        if stripped.startswith("$CATEGORY:"):
            flush()
            category = stripped[len("$CATEGORY:") :].strip()
            continue
        buffer.append(stripped)
    flush()
    return questions
