"""A deck's own templates render in a sandbox with a budget: a loop without end, a value
of a gigabyte, a macro calling itself or a template extending itself ends in one clean
`template file:line: message`, at once, never a hang or a traceback."""

from __future__ import annotations

import pytest

from quizgen import sandbox

EXPLAIN = "{% block explanation %}{{ statement }}{% endblock %}"


def _check_with_template(mini, cli, text: str):
    templates = mini / "decks" / "templates"
    templates.mkdir()
    (templates / "quote.quote.j2").write_text(text, encoding="utf-8")
    recipe = mini / "decks" / "mini.yaml"
    recipe.write_text(recipe.read_text() + "templates: templates\n", encoding="utf-8")
    result = cli("check", cwd=mini)
    assert "Traceback" not in result.output
    return result, templates / "quote.quote.j2"


@pytest.mark.parametrize(
    ("prompt", "line", "message"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            1,
            "range of 100,000 items (a template may loop 10,000)",
        ),
        (
            "\n{% for i in range(10**9) %}{% endfor %}",
            2,
            "range of 1,000,000,000 items (a template may loop 10,000)",
        ),
        (
            "{% for i in range(10000) %}\n{% for j in range(10000) %}{% endfor %}{% endfor %}",
            2,
            "rendering took over 0.2 s of CPU time (a loop too long, or one without end?)",
        ),
        (
            "\n\n{{ 'a' * 10**9 }}",
            3,
            "a value of 1,000,000,000 characters or items (at most 100,000)",
        ),
        (
            "{{ 'a'|center(10**9) }}",
            1,
            "a value of 1,000,000,000 characters or items (at most 100,000)",
        ),
        ("{{ 10 ** (10 ** 10) }}", 1, "10 ** 10000000000 is too large a number"),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}\n"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            2,
            "a value of 131,072 characters or items (at most 100,000)",
        ),
        (
            "{% for i in range(10000) %}{% for j in range(100) %}\nwords words words"
            "{% endfor %}{% endfor %}",
            2,
            "the output passes 100,000 characters",
        ),
        (
            "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}\n{{ again(1) }}",
            1,
            "calls nest over 64 deep (a macro calling itself?)",
        ),
    ],
    ids=[
        "nested-ranges",
        "huge-range",
        "slow-loop",
        "huge-string",
        "huge-filter",
        "huge-power",
        "doubling",
        "huge-output",
        "recursive-macro",
    ],
)
def test_a_template_past_its_budget_is_stopped_with_its_line(
    mini, cli, monkeypatch, prompt, line, message
):
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.2)
    result, path = _check_with_template(
        mini, cli, "{% block prompt %}" + prompt + "{% endblock %}" + EXPLAIN
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: template {path}:{line}: {message}"]


def test_a_template_extending_itself_is_stopped_with_its_line(mini, cli):
    result, path = _check_with_template(mini, cli, '\n{% extends "quote.quote.j2" %}')
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: template {path}:2: templates nest too deep"
        " (a template extending or including itself?)"
    ]


def test_an_ordinary_deck_template_still_renders(mini, cli):
    result, _path = _check_with_template(
        mini,
        cli,
        "{% block prompt %}{% for w in fact.text.split() %}{{ w|upper }} {% endfor %}"
        "{{ 'ok' * 2 }} {{ range(3)|list|length }}{% endblock %}" + EXPLAIN,
    )
    assert result.exit_code == 0, result.output
    result = cli("questions", "--kind", "quote", "--format", "jsonl", cwd=mini)
    assert '"prompt": "SHOULD START AT ONCE. okok 3"' in result.output, result.output
