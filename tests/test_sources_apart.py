"""Two sources side by side: the shipped article and the fictional Aldren one
(tests/data/second-source), each with its own recipe, in one project. Each deck is made
from its own source alone: the shipped deck's outputs are what tests/golden/ holds, and
nothing of either article reaches the other's outputs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import DATA, ROOT
from .golden_build import EPOCH, GOLDEN, comparable

SECOND = DATA / "second-source"
SHIPPED_WORDS = re.compile(
    r"\b(Istanbul|Russia|Ukraine|Putin|Zelensky|Kremlin|Moscow|Kyiv|AFP|Reuters|Arakhamia"
    r"|Ushakov|Johnson|communiqu[eé]|Guarantors|Why the 2022 talks collapsed)\b"
)
SECOND_WORDS = re.compile(
    r"\b(Aldren|Kestle|Marsh|Reyes|Nandakumar|Quinlan|Pryce|Sorrel|Millbank|rationing"
    r"|The rationing plan|The opposition to the timetable|Why the reservoir ran low)\b"
)


def _run(project, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, QUIZGEN_NO_CACHE="1")
    return subprocess.run(
        [sys.executable, "-m", "quizgen", *args], cwd=project, env=env,
        capture_output=True, text=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """One project holding both sources and both recipes, built in every format."""
    project = tmp_path_factory.mktemp("both") / "project"
    for name in ("facts", "decks"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(SECOND / "facts" / "aldren-dam", project / "facts" / "aldren-dam")
    shutil.copy(SECOND / "decks" / "aldren-dam.yaml", project / "decks")
    built = _run(project, "build", "--out", "dist")
    assert built.returncode == 0, built.stderr
    return project


def _texts(dist, stem: str) -> dict[str, str]:
    """Every part of a deck's outputs (zip members, PDF pages as text), as text."""
    found = {}
    for path in sorted(dist.glob(f"{stem}[.-]*")):
        for name, data in comparable(path).items():
            found[name] = data.decode("utf-8", "replace")
    return found


def test_check_strict_passes_with_both_sources(both):
    result = _run(both, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 sources, ")
    assert result.stdout.rstrip().endswith("OK: no problems found.")


def test_the_shipped_deck_is_byte_identical_beside_the_second_source(both):
    alone = (GOLDEN / "questions.json").read_text(encoding="utf-8")
    beside = _run(both, "questions", "--format", "json", "--deck", "decks/istanbul-talks.yaml")
    assert beside.returncode == 0, beside.stderr
    assert beside.stdout == alone
    built = _texts(both / "dist", "istanbul-talks")
    golden = {
        str(p.relative_to(GOLDEN)): p.read_bytes().decode("utf-8", "replace")
        for p in GOLDEN.rglob("*")
        if p.is_file() and p.name != "questions.json"
    }
    assert sorted(built) == sorted(golden)
    assert [name for name in built if built[name] != golden[name]] == []


def test_nothing_of_one_article_reaches_the_other_deck(both):
    second = _texts(both / "dist", "aldren-dam")
    shipped = _texts(both / "dist", "istanbul-talks")
    assert len(second) > 10 and len(shipped) > 10  # every format, each deck
    for texts, words, own in ((second, SHIPPED_WORDS, "Kestle"), (shipped, SECOND_WORDS, "Putin")):
        leaks = {name: sorted(set(words.findall(text))) for name, text in texts.items()}
        assert {name: found for name, found in leaks.items() if found} == {}
        assert all(own in text for name, text in texts.items() if name.endswith((".md", ".csv")))
    questions = _run(both, "questions", "--format", "json", "--deck", "decks/aldren-dam.yaml")
    assert not SHIPPED_WORDS.search(questions.stdout)


def test_the_second_deck_is_organised_by_its_own_topics(both):
    second = _texts(both / "dist", "aldren-dam")
    md = second["aldren-dam.md"]
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "People",
        "Positions",
        "The rationing plan",
        "The opposition to the timetable",
        "Why the reservoir ran low",
        "Timeline",
        "Figures",
    ]
    assert "Source: *Aldren Council Backs Water Rationing as Kestle Dam Row Deepens*." in md
    assert "Match each explanation given for Aldren's water crisis to who gave it." in md
    sheet = second["aldren-dam-form-A.html"]
    assert "<h2>Why the reservoir ran low</h2>" in sheet or "Why the reservoir ran low" in sheet
    assert (
        "$CATEGORY: $course$/Kestle Dam/The opposition to the timetable"
        in (second["aldren-dam.gift.txt"])
    )
    assert "Kestle Dam::The rationing plan" in second["aldren-dam.csv"]


# --- declared topics, and each source judged on its own ---------------------------------

LONE = (
    "  - id: lovelace-institute\n    kind: person\n    topic: people\n    type: organisation\n"
    "    name: Lovelace Institute\n    role: the Lovelace Institute's board\n"
    "    citations: [The Lovelace Institute's board met.]\n"
)


def _other_source(project) -> None:
    """A second source whose organisations could serve as wrong choices for mini's."""
    folder = project / "facts" / "other"
    folder.mkdir()
    (folder / "article.txt").write_text("Other\n\nAcme Trust, Beta Fund and Gamma Board spoke.\n")
    (folder / "source.yaml").write_text(
        "title: Other\narticle: article.txt\ntopics: [{id: bodies, title: Bodies}]\n"
    )
    people = "".join(
        f"  - {{id: {n.lower()}, kind: person, type: organisation, name: {n} {k}, role: a body,"
        f" citations: [{n} {k}]}}\n"
        for n, k in (("Acme", "Trust"), ("Beta", "Fund"), ("Gamma", "Board"))
    )
    (folder / "bodies.yaml").write_text(f"topic: bodies\nfacts:\n{people}")


def test_coverage_of_one_source_never_depends_on_another(mini, cli):
    """A fact of mini that no question is made from stays so beside a source whose
    organisations could be its wrong choices; each source is judged on its own."""
    with (mini / "facts" / "mini" / "article.txt").open("a") as article:
        article.write("\nThe Lovelace Institute's board met.\n")
    with (mini / "facts" / "mini" / "facts.yaml").open("a") as facts:
        facts.write(LONE)
    warning = "no question is made from this fact"
    alone = cli("check", cwd=mini)
    assert [line for line in alone.output.splitlines() if warning in line] == [
        f"facts/mini/facts.yaml:59: fact 'lovelace-institute': warning: {warning}: short: the "
        "prompt would give away the answer 'Lovelace Institute'"
    ]
    _other_source(mini)
    beside = cli("check", cwd=mini)
    assert beside.exit_code == 0, beside.output
    assert "2 sources, " in beside.output
    mini_lines = [line for line in beside.output.splitlines() if line.startswith("facts/mini")]
    assert [line for line in mini_lines if warning in line] == [
        f"facts/mini/facts.yaml:59: fact 'lovelace-institute': warning: {warning}: short: the "
        "prompt would give away the answer 'Lovelace Institute'"
    ]


def test_a_topic_its_source_does_not_declare_is_an_error_listing_those_it_does(mini, cli):
    source = mini / "facts" / "mini" / "source.yaml"
    source.write_text(source.read_text().split("topics:")[0])  # declares none
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "facts/mini/facts.yaml:1: topic 'people' is not declared in facts/mini/source.yaml"
        " (it declares none)",
        "  hint: declare it in facts/mini/source.yaml: topics: [{id: people, title: ...}]",
    ]


def test_a_topic_declared_twice_or_without_a_title(mini, cli):
    source = mini / "facts" / "mini" / "source.yaml"
    text = source.read_text() + "  - {id: people, title: Again}\n  - {id: extra}\n"
    source.write_text(text)
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    lines = text.splitlines()
    assert result.stderr.splitlines()[:3] == [
        f"facts/mini/source.yaml:{len(lines) - 1}: topics: 'people' is declared twice",
        f"facts/mini/source.yaml:{len(lines)}: missing field 'title'",
        "  hint: its sub-deck's and worksheet section's title",
    ]


def test_topics_come_in_their_declared_order_and_topic_takes_only_declared_ones(mini, cli):
    source = mini / "facts" / "mini" / "source.yaml"
    source.write_text(
        source.read_text().replace(
            "{id: figures, title: Figures}", "{id: figures, title: Numbers, order: -1}"
        )
    )
    built = cli("build", "--format", "md", cwd=mini)
    assert built.exit_code == 0, built.output
    md = (mini / "dist" / "mini.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert headings[0] == "Numbers" and headings[1] == "People"
    wrong = cli("build", "--format", "md", "--topic", "weather", cwd=mini)
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        "Error: unknown topic 'weather' (choose from: figures, people, positions, communique,"
        " guarantors, timeline)\n"
    )


def test_a_fact_names_only_people_of_its_own_source(mini, cli):
    _other_source(mini)
    with (mini / "facts" / "mini" / "facts.yaml").open("a") as facts:
        facts.write(
            "  - id: acme-quote\n    kind: quote\n    topic: positions\n    speaker: acme\n"
            "    text: should start at once.\n"
            "    citations: [Minister Ada Lovelace said the talks “should start at once.”]\n"
        )
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "facts/mini/facts.yaml:62: fact 'acme-quote': speaker 'acme' is a fact of another"
        " source ('other')",
        "  hint: a source's facts name its own people: add a person fact to this source",
        "Error: 1 problem in the fact base.",
    ]


def test_a_recipe_narrows_and_reorders_its_sources_topics(mini, cli):
    recipe = mini / "decks" / "mini.yaml"
    recipe.write_text(recipe.read_text() + "topics: [timeline, people]\n")
    built = cli("build", "--format", "md,html", cwd=mini)
    assert built.exit_code == 0, built.output
    md = (mini / "dist" / "mini.md").read_text(encoding="utf-8")
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")] == [
        "Timeline",
        "People",
    ]
    sheet = (mini / "dist" / "mini-form-A.html").read_text(encoding="utf-8")
    assert re.findall(r"<h2>(.*?)</h2>", sheet) == ["Timeline", "People"]
