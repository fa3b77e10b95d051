"""A GIFT reader for the tests that does what Moodle's importer does (qformat_gift in
question/format/gift/format.php, Moodle 4.5), step by step, so that a test sees what a
Moodle user would see: not what GIFT's documentation suggests.

What it follows, as Moodle does it:
- escapes: `\\\\` becomes `\\` and `\\: \\# \\= \\{ \\} \\~ \\n` become placeholders before anything
  is read; the placeholders turn back into characters only in texts and answers, never in
  a `$CATEGORY:` line (which keeps `&&058;` for `\\:`).
- the answer block runs from the first `{` to the first `}`; a text that does not end with
  `}` gets `_____` exactly where the braces stood (no space added).
- a leading `[html]`, `[plain]`, `[markdown]` or `[moodle]` gives a text's format; the general
  feedback, choices and matching items take the question text's format by default.
- the type: empty block essay, `#` numerical, any `~` multiple choice, `=` with `->`
  matching, `T`/`F`/`TRUE`/`FALSE` true/false, anything else short answer.
- a matching pair is cut at its first `->`; its item is formatted text, its match is
  stored unformatted and shown through format_string, as HTML with its tags stripped.
- a category path is split at single `/` (`//` is a slash in a name), each name trimmed and
  its tags stripped.
https://docs.moodle.org/en/GIFT_format
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

ESCAPES = {"\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;", "\\{": "&&123;", "\\}": "&&125;"}
ESCAPES |= {"\\~": "&&126;", "\\n": "&&010"}
CHARACTERS = {":": "&&058;", "#": "&&035;", "=": "&&061;", "{": "&&123;", "}": "&&125;"}
CHARACTERS |= {"~": "&&126;", "\n": "&&010"}
FORMATS = ("moodle", "html", "plain", "markdown")
WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


class GiftError(ValueError):
    """What Moodle would report as an import error."""


@dataclass
class GiftQuestion:
    title: str
    text: str  # as Moodle stores it, in `format`
    format: str
    type: str  # multichoice, truefalse, shortanswer, numerical, match, essay
    single: bool = True
    answers: list[tuple[str, float]] = field(default_factory=list)  # (text, weight %)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (item, its match)
    value: float | None = None
    tolerance: float | None = None
    truth: bool | None = None
    general_feedback: str = ""
    category: str = ""  # the raw $CATEGORY path, as Moodle keeps it

    @property
    def shown(self) -> str:
        """The question text as a student reads it."""
        return shown(self.text, self.format)


def shown(text: str, fmt: str) -> str:
    """What a text in a format shows: HTML with no markup in it, unescaped; plain as is."""
    if fmt in ("html", "moodle") and re.search(r"<[a-zA-Z/!]", text):
        raise GiftError(f"markup that Moodle would render in {text!r}")
    return html.unescape(text) if fmt in ("html", "moodle") else text


def escapedchar_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def escapedchar_post(text: str) -> str:
    for character, placeholder in CHARACTERS.items():
        text = text.replace(placeholder, character)
    return text


def with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMATS:
            fmt, text = text[1:end], text[end + 1 :]
    return escapedchar_post(text).strip(), fmt


def _weight(answer: str, default: float) -> tuple[float, str]:
    if WEIGHT.match(answer):
        answer = answer[1:]
        end = answer.find("%")
        return float(answer[:end]), answer[end + 1 :]
    return default, answer


def _answers(answertext: str, mark: str) -> list[str]:
    answers = answertext.split(mark)
    if not answers[0].strip():
        answers = answers[1:]
    return [a.strip() for a in answers]


def _comment(answer: str, fmt: str) -> str:
    return with_format(answer.split("#", 1)[0].strip(), fmt)[0]


def category_names(path: str) -> list[str]:
    """The category names Moodle makes of a `$CATEGORY:` path, `$course$` left out."""
    names = [
        re.sub(r"<[^>]*>", "", name.replace("//", "/").strip())
        for name in re.split(r"(?<!/)/(?!/)", path)
    ]
    return names[1:] if names and names[0] == "$course$" else names


def typed_matches(pattern: str, response: str) -> bool:
    """Moodle's short-answer test (compare_string_with_wildcard, case ignored)."""
    bits = re.split(r"(?<!\\)\*+", pattern)
    regexp = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regexp, response.strip(), re.IGNORECASE | re.S) is not None


def read_question(lines: list[str], category: str) -> GiftQuestion | str | None:
    """One question, or the new category path (a str), or None for a block of comments."""
    lines = [" " if line.strip().startswith("//") else line for line in lines]
    text = "\n".join(lines).strip()
    if not text:
        return None
    text = escapedchar_pre(text)
    if text.startswith("$CATEGORY:"):
        return text[10:].strip()
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end >= 0:
            title = escapedchar_post(text[2:end]).strip()
            text = text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 or finish < start:
        raise GiftError(f"no answer block, or a brace out of place, in {title!r}: {text!r}")
    answertext = text[start + 1 : finish].strip()
    blank = "" if text.endswith("}") else "_____"
    questiontext = text[:start] + blank + text[finish + 1 :]
    general = ""
    cut = answertext.rfind("####")
    if cut >= 0:
        general, answertext = answertext[cut + 4 :], answertext[:cut].strip()
    body, fmt = with_format(questiontext)
    q = GiftQuestion(title, body, fmt, "", category=category)
    q.general_feedback = with_format(general, fmt)[0]
    if answertext == "":
        q.type = "essay"
    elif answertext[0] == "#":
        _numerical(q, answertext)
    elif "~" in answertext:
        q.type, q.single = "multichoice", "=" in answertext
        for answer in _answers(answertext.replace("=", "~="), "~"):
            if answer.startswith("="):
                weight, answer = 100.0, answer[1:]
            else:
                weight, answer = _weight(answer, 0.0)
            q.answers.append((_comment(answer, fmt), weight))
    elif "=" in answertext and "->" in answertext:
        q.type = "match"
        for answer in _answers(answertext, "="):
            marker = answer.find("->")
            if marker < 0:
                raise GiftError(f"a matching answer without '->' in {title!r}: {answer!r}")
            item = with_format(answer[:marker], fmt)[0]
            q.pairs.append((item, escapedchar_post(answer[marker + 2 :]).strip()))
    elif answertext.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        q.type, q.truth = "truefalse", answertext.split("#", 1)[0].strip().startswith("T")
    else:
        q.type = "shortanswer"
        for answer in _answers(answertext, "="):
            weight, answer = _weight(answer, 100.0)
            q.answers.append((_comment(answer, fmt), weight))
    if q.type in ("multichoice", "match") and len(q.answers or q.pairs) < 2:
        raise GiftError(f"fewer than two answers in {title!r}")
    return q


def _numerical(q: GiftQuestion, answertext: str) -> None:
    q.type = "numerical"
    answer = _answers(answertext[1:].split("~", 1)[0], "=")[0]
    answer = _weight(answer, 100.0)[1]
    answer = _comment(answer, q.format)
    value, _, tolerance = answer.partition(":")
    try:
        q.value, q.tolerance = float(value), float(tolerance or 0)
    except ValueError:
        raise GiftError(f"not a number in {q.title!r}: {answer!r}") from None


def parse(text: str) -> list[GiftQuestion]:
    """Every question of a GIFT file, each with the category path in force where it stands.
    Questions are separated by blank lines, as Moodle's readquestions splits them."""
    questions, category, block = [], "", []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            block.append(line)
            continue
        read = read_question(block, category) if block else None
        block = []
        if isinstance(read, str):
            category = read
        elif read is not None:
            questions.append(read)
    return questions
