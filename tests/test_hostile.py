"""Hostile or broken input: files that are not what they seem, YAML that would blow up.
Each ends in a clean `file:line: message` and exit 1, at once."""

from __future__ import annotations

import difflib
import os
import time

import pytest

from quizgen.facts import article as citations

from .conftest import replace_in

HINT_OUT = "  hint: put the article's text in facts/mini, beside source.yaml"
NOT_READ = "  hint: not read: a facts file is a plain file in its source folder"


def _errors(cli, project) -> list[str]:
    result = cli("check", cwd=project)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


@pytest.mark.parametrize(
    ("article", "target"),
    [
        ("/etc/passwd", "/etc/passwd"),
        ("../../../../../../../../etc/passwd", "/etc/passwd"),
        ("env.txt", None),  # a link beside source.yaml, to /proc/self/environ
    ],
    ids=["absolute", "climbs", "link-out"],
)
def test_the_article_must_stay_inside_its_source_folder(mini, cli, article, target):
    folder = mini / "facts" / "mini"
    (folder / "env.txt").symlink_to("/proc/self/environ")
    replace_in(folder / "source.yaml", "article: article.txt", f"article: {article}")
    errors = _errors(cli, mini)
    leads = target or os.path.realpath("/proc/self/environ").rsplit("/", 2)[0]
    assert errors[0].startswith(
        f"facts/mini/source.yaml:2: article file '{article}' cannot be read: the file lies"
        f" outside its source folder (it leads to {leads}"
    )
    assert errors[1:] == [HINT_OUT, "Error: 1 problem in the fact base."]


def test_facts_files_that_are_not_plain_files_are_not_read(mini, cli):
    folder = mini / "facts" / "mini"
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "out.yaml").symlink_to("/etc/passwd")
    os.mkfifo(folder / "x.yaml")  # reading it would block for ever
    os.mkfifo(mini / "decks" / "pipe.yaml")
    assert _errors(cli, mini) == [
        "decks/pipe.yaml: not a regular file (a named pipe)",
        "facts/mini/dangling.yaml: the file is a link that leads nowhere"
        " (to a missing file, or round a loop)",
        NOT_READ,
        "facts/mini/loop.yaml: the file is a link that leads nowhere"
        " (to a missing file, or round a loop)",
        NOT_READ,
        "facts/mini/out.yaml: the file lies outside its source folder (it leads to /etc/passwd)",
        NOT_READ,
        "facts/mini/x.yaml: not a regular file (a named pipe)",
        NOT_READ,
        "Error: 5 problems in the fact base and deck recipes.",
    ]


def _bomb(levels: int = 12) -> str:
    """The billion laughs: each anchor repeats the one before it nine times."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nfacts: [*a{levels - 1}]\n"


ALIAS = [
    "facts/mini/extra.yaml:1: an alias (*name) repeats the list or mapping anchored here",
    "  hint: write each value out in full: quizgen files take no anchors (&) or aliases (*)",
]
DEEP = "lists and mappings nest more than 64 levels deep here"
DEEP_HINT = "  hint: a fact needs a few levels at most: close the brackets that were left open"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_bomb(), ALIAS),
        ("a: &x {k: [1, 2]}\nfacts: [*x, *x]\n", ALIAS),
        (
            "facts:\n  - &x [1, *x]\n",
            ["facts/mini/extra.yaml:2: " + ALIAS[0].split(": ", 1)[1], ALIAS[1]],
        ),
        ("facts:\n  - " + "[" * 300 + "]" * 300 + "\n", [f"facts/mini/extra.yaml:2: {DEEP}"]),
        ("facts:\n  - " + "[" * 999 + "]" * 999 + "\n", [f"facts/mini/extra.yaml:2: {DEEP}"]),
        (
            "facts:\n  - id: x\n    note: a\x00b\n",
            [
                "facts/mini/extra.yaml:3: YAML error: character U+0000 is not allowed in YAML",
                "  hint: remove it (control characters cannot stand in a YAML file)",
            ],
        ),
        (
            "facts:\n  - id: x\n    kind: figure\n    value: " + "7" * 5000 + "\n",
            [
                "facts/mini/extra.yaml:4: a number of 5000 digits is too long",
                "  hint: check the value, or put it in quotes to keep it as text",
            ],
        ),
        (
            "facts:\n  - id: x\n    kind: event\n    when: 2022-02-30\n",
            [
                "facts/mini/extra.yaml:4: '2022-02-30' is not a real date"
                " (day is out of range for month)",
                "  hint: check the value, or put it in quotes to keep it as text",
            ],
        ),
    ],
    ids=["billion-laughs", "alias", "recursive", "300-deep", "999-deep", "nul", "digits", "date"],
)
def test_yaml_that_would_hang_or_crash_is_refused_with_its_line(mini, cli, text, expected):
    (mini / "facts" / "mini" / "extra.yaml").write_text(text, encoding="utf-8")
    if expected[0].endswith(DEEP):
        expected = [expected[0], DEEP_HINT]
    assert _errors(cli, mini) == [*expected, "Error: 1 problem in the fact base."]


def test_deck_recipes_get_the_same_protection(mini, cli):
    (mini / "decks" / "bomb.yaml").write_text(
        _bomb().replace("facts:", "sources:"), encoding="utf-8"
    )
    (mini / "decks" / "deep.yaml").write_text("title: " + "[" * 500 + "]" * 500 + "\n")
    assert _errors(cli, mini) == [
        "decks/bomb.yaml:1: " + ALIAS[0].split(": ", 1)[1],
        ALIAS[1],
        f"decks/deep.yaml:1: {DEEP}",
        DEEP_HINT,
        "Error: 2 problems in the deck recipes.",
    ]


NONE = "  hint: remove it (control characters allowed in this field: none)"
LINES = "  hint: remove it (control characters allowed in this field: only tabs and line breaks)"


def test_control_characters_are_refused_where_they_would_reach_the_terminal(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(facts, "name: Ada Lovelace", 'name: "Ada \\e[31mLovelace"')
    replace_in(facts, "role: a minister", 'role: "a\\tminister"')
    replace_in(facts, "distractors: [Chile]", 'distractors: [Chile, "Pe\\x07ru"]')
    replace_in(facts, "text: should start at once.", 'text: "should start\\nat \\x1b once."')
    replace_in(facts, "item: state", 'item: "state\\n"')  # stripped: an end of line is fine
    (mini / "facts" / "mini" / "extra.yaml").write_text(
        "facts:\n  - id: x\n    kind: person\n    topic: people\n    name: X\n    role: r\n"
        '    citations: ["Minister Ada\\nLovelace said"]\n    note: "two\\n\\tlines"\n'
        '    "\\e[2J": 1\n',
        encoding="utf-8",
    )
    replace_in(
        mini / "decks" / "mini.yaml", "title: Mini", 'title: "Mi\\rni"\ndescription: "a\\nb"'
    )
    f = "facts/mini/facts.yaml"
    assert _errors(cli, mini) == [
        "decks/mini.yaml:1: field 'title': control character U+000D (carriage return) is not"
        " allowed",
        NONE,
        "facts/mini/extra.yaml:9: fact 'x': unknown field '\\x1b[2J' for a person fact",
        "  hint: fields: id, kind, topic, citations, distractors, false_statements, cloze,"
        " spellings, note, sentence, prompts, name, role, aliases, type, tense",
        f"{f}:5: fact 'ada-lovelace': field 'name': control character U+001B (ESC) is not allowed",
        NONE,
        f"{f}:6: fact 'ada-lovelace': field 'role': control character U+0009 (tab) is not allowed",
        NONE,
        f"{f}:21: fact 'ada-start-at-once': field 'text': control character U+001B (ESC) is not"
        " allowed",
        LINES,
        f"{f}:33: fact 'guarantors': field 'distractors': item 2: control character U+0007 is not"
        " allowed",
        NONE,
        "Error: 6 problems in the fact base and deck recipes.",
    ]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_figure_that_is_not_a_number_is_refused(mini, cli, value):
    replace_in(mini / "facts" / "mini" / "facts.yaml", "value: 40", f"value: {value}")
    assert _errors(cli, mini) == [
        f"facts/mini/facts.yaml:46: fact 'delegates': field 'value': {value} is not a number"
        " a figure can have",
        "  hint: write the number itself, or words in quotes",
        "Error: 1 problem in the fact base.",
    ]


def test_a_distractor_that_is_not_a_number_is_refused(mini, cli):
    replace_in(
        mini / "facts" / "mini" / "facts.yaml",
        "value: 40",
        "value: 40\n    distractors: [30, .nan]",
    )
    assert _errors(cli, mini)[0] == (
        "facts/mini/facts.yaml:47: fact 'delegates': field 'distractors': item 2: .nan is not a"
        " number a figure can have"
    )


class _CountedMatcher(difflib.SequenceMatcher):
    made = 0

    def __init__(self, *args, **kwargs):
        type(self).made += 1
        super().__init__(*args, **kwargs)


def test_ten_thousand_wrong_citations_get_their_hints_in_linear_time(mini, cli, monkeypatch):
    """Each hint looks up the sentences sharing words with the citation in an index: no
    pairwise matcher (8 per hint, and 12 s for 10,000 citations, before), no scan."""
    monkeypatch.setattr(difflib, "SequenceMatcher", _CountedMatcher)
    facts = ["facts:"]
    for i in range(100):
        citations = ", ".join(f'"Ada said {i} {j} the talks at once"' for j in range(100))
        facts.append(
            f"  - {{id: p{i}, kind: person, topic: people, name: P{i}, role: r,"
            f" citations: [{citations}]}}"
        )
    (mini / "facts" / "mini" / "extra.yaml").write_text("\n".join(facts) + "\n")
    started = time.process_time()
    errors = _errors(cli, mini)
    assert time.process_time() - started < 60  # about 2 s now; a bound, not a benchmark
    assert _CountedMatcher.made == 0
    assert len(errors) == 20001 and errors[-1] == "Error: 10000 problems in the fact base."
    assert errors[:2] == [
        "facts/mini/extra.yaml:2: fact 'p0': citation not found in the article",
        '  hint: citations must be copied verbatim; closest passage: "Minister Ada Lovelace'
        ' said the talks "should start at once.""',
    ]


def test_a_megabyte_citation_is_hinted_from_its_first_words_only(mini, cli, monkeypatch):
    seen: list[int] = []
    real = citations.normalise

    def spy(text: str) -> str:
        seen.append(len(text))
        return real(text)

    monkeypatch.setattr(citations, "normalise", spy)
    article = citations.Article((mini / "facts" / "mini" / "article.txt").read_text())
    passage = "In March 2022 the round failed " + "and failed " * 100_000
    assert article.closest(passage) == "In March 2022, the first round failed."
    assert seen[-1] <= citations.HINT_WORDS * 20  # not the whole megabyte
    monkeypatch.undo()
    (mini / "facts" / "mini" / "extra.yaml").write_text(
        f"facts:\n  - id: x\n    kind: person\n    topic: people\n    name: X\n    role: r\n"
        f"    citations:\n      - {passage}\n",
        encoding="utf-8",
    )
    assert _errors(cli, mini) == [
        "facts/mini/extra.yaml:8: fact 'x': citation not found in the article",
        '  hint: citations must be copied verbatim; closest passage: "In March 2022, the'
        ' first round failed."',
        "Error: 1 problem in the fact base.",
    ]
