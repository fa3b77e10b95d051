"""`quizgen check` on the shipped fact base, and on every kind of bad input."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from quizgen.facts.kinds import ListFact
from quizgen.facts.loader import load_factbase
from quizgen.facts.yaml_reader import Seq, load_yaml
from quizgen.pipeline import check_project

from .conftest import DATA, ROOT

INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def test_shipped_base_checks_clean_and_lists_every_topic(cli):
    result = cli("check", str(ROOT))
    assert result.exit_code == 0, result.output
    for topic in [t.id for t in load_factbase(ROOT / "facts").topics]:
        assert re.search(rf"^{re.escape(topic)}\s+[1-9]\d*\b", result.output, re.M), topic
    assert "citations verified verbatim" in result.output
    assert result.output.rstrip().endswith("OK: no problems found.")


def test_shipped_base_verifies_every_citation():
    report = check_project(ROOT)
    base = report.factbase
    assert base.citations_checked == sum(len(f.citations) for f in base.facts)
    assert len(base.facts) >= 55


def test_guarantors_are_the_six_named_states_beside_the_p5_named_as_a_group():
    base = load_factbase(ROOT / "facts")
    guarantors = base.get("proposed-guarantors")
    assert isinstance(guarantors, ListFact)
    names = {m.name for m in guarantors.members}
    assert names == {"Belarus", "Canada", "Germany", "Israel", "Poland", "Turkey"}
    assert not guarantors.closed  # "other nations like ...": examples
    assert guarantors.besides == "the five permanent members of the UN Security Council"
    assert not names & set(guarantors.distractors)
    turkey = next(m for m in guarantors.members if m.name == "Turkey")
    assert "Türkiye" in turkey.aliases


def test_contested_claims_keep_their_owner():
    base = load_factbase(ROOT / "facts")
    for fact in base.of_kind("cause"):
        if fact.id == "bucha-turning-point":
            assert fact.given_by is None  # the article's own framing, no one else's
        else:
            assert fact.given_by in base, fact.id
            assert fact.when is not None, fact.id
    assert base.get("russia-bucha-denial").actor == "russia"
    assert base.get("drone-strikes-monday").according_to == "ukrainian-officials"


def _citation_sites():
    """(file, line, fact id, citation) for every citation in the shipped base."""
    sites = []
    for path in sorted((ROOT / "facts").rglob("*.yaml")):
        if path.name == "source.yaml":
            continue
        data = load_yaml(path, str(path), [])
        for node in data["facts"]:
            lines = node["citations"]
            assert isinstance(lines, Seq)
            for index, citation in enumerate(lines):
                sites.append((path.relative_to(ROOT), lines.line_of(index), node["id"], citation))
    return sites


SITES = _citation_sites()


@pytest.mark.parametrize("site", SITES, ids=[f"{s[2]}:{i}" for i, s in enumerate(SITES)])
def test_a_paraphrased_citation_is_refused_with_file_line_and_fact(shipped, cli, site):
    relative, line, fact_id, citation = site
    path = shipped / relative
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    words = citation.split()
    # a paraphrase: the same words, two of them swapped (or one word added)
    if len(words) > 2:
        words[0], words[1] = words[1], words[0]
    else:
        words.append("indeed")
    assert citation in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(citation, " ".join(words))
    path.write_text("".join(lines), encoding="utf-8")
    result = cli("check", cwd=shipped)
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[0] == f"{relative}:{line}: fact '{fact_id}': citation not found in the article"
    assert errors[1].startswith("  hint: citations must be copied verbatim; closest passage: ")
    assert errors[2:] == ["Error: 1 problem in the fact base."]


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_each_bad_input_gets_its_exact_message(mini, cli, case):
    (mini / "facts" / "mini" / "extra.yaml").write_bytes(case.read_bytes())
    expected = [
        line.removeprefix("# expect: ")
        for line in case.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect: ")
    ]
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [*expected, "Error: 1 problem in the fact base."]


def test_a_file_that_is_not_utf8(mini, cli):
    (mini / "facts" / "mini" / "extra.yaml").write_bytes(b"facts:\n  - id: caf\xe9\n")
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "facts/mini/extra.yaml:2: the file is not UTF-8 (byte 0xe9 at offset 18)",
        "  hint: save the file as UTF-8",
        "Error: 1 problem in the fact base.",
    ]


def test_every_problem_is_reported_not_just_the_first(mini, cli):
    extra = mini / "facts" / "mini" / "extra.yaml"
    extra.write_text(
        "facts:\n"
        "  - {id: a, kind: person, topic: people, name: A, role: r, citations: [nowhere]}\n"
        "  - {id: b, kind: person, topic: people, name: B, citations: [Minister Ada]}\n"
        "  - {id: c, kind: persn, topic: people, name: C, role: r, citations: [Minister Ada]}\n",
        encoding="utf-8",
    )
    (mini / "decks" / "bad.yaml").write_text("title: Bad\nid: 7\nsources: [nope]\n")
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("  hint")]
    assert lines == [
        "decks/bad.yaml:3: source 'nope' is not a folder in facts/",
        "facts/mini/extra.yaml:2: fact 'a': citation not found in the article",
        "facts/mini/extra.yaml:3: fact 'b': missing field 'role'",
        "facts/mini/extra.yaml:4: fact 'c': field 'kind': unknown value 'persn'",
        "Error: 4 problems in the fact base and deck recipes.",
    ]


@pytest.mark.parametrize(
    ("recipe", "expected"),
    [
        (
            "title: X\nid: 5\nsources: [mini]\ntopcs: [people]\n",
            [
                "decks/x.yaml:4: unknown field 'topcs' in the deck recipe",
                "  hint: did you mean 'topics'?",
            ],
        ),
        (
            "title: X\nid: 5\nsources: [mini]\ntopics: [people, weather]\n",
            [
                "decks/x.yaml:4: topic 'weather' is not declared by its sources (mini)",
                "  hint: topics: people, positions, communique, guarantors, timeline, figures",
            ],
        ),
        (
            "title: X\nid: '5'\nsources: [mini]\n",
            ["decks/x.yaml:2: field 'id': expected a whole number, got text"],
        ),
        (
            "title: X\nsources: [mini]\n",
            [
                "decks/x.yaml:1: missing field 'id'",
                "  hint: fixed numeric Anki deck id; never change it",
            ],
        ),
        (
            "title: X\nid: 1234567890\nsources: [mini]\n",
            [
                "decks/x.yaml: deck id 1234567890 is also used by decks/mini.yaml",
                "  hint: every recipe needs its own id, or Anki merges the decks",
            ],
        ),
        (
            "title: X\nid: 5\nsources: [mini]\nworksheet: {paper: A3}\n",
            [
                "decks/x.yaml:4: field 'paper': unknown value 'A3'",
                "  hint: one of: A4, Letter",
            ],
        ),
    ],
    ids=["unknown-field", "unknown-topic", "wrong-type", "missing-id", "same-id", "paper"],
)
def test_bad_deck_recipes(mini, cli, recipe, expected):
    (mini / "decks" / "x.yaml").write_text(recipe, encoding="utf-8")
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [*expected, "Error: 1 problem in the deck recipes."]


def test_check_takes_a_path_and_refuses_a_folder_without_facts(mini, cli, tmp_path):
    assert cli("check", str(mini), cwd=tmp_path).exit_code == 0
    assert cli("check", str(mini / "facts"), cwd=tmp_path).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("check", str(empty), cwd=tmp_path)
    assert result.exit_code == 2
    assert "no facts/ folder here" in result.stderr
    assert "Traceback" not in result.output


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "OK: no problems found." in result.stdout


def test_readme_commands_match_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ci.strip().splitlines()[-1]
    assert "pytest" in test_command
    head = readme.split("\n## ", 1)[0]
    assert test_command in head
    assert "quizgen " in head


def test_shipped_yaml_is_plain_safe_yaml():
    for path in (ROOT / "facts").rglob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8")) is not None, path


def test_the_article_is_kept_verbatim():
    shared = ROOT.parent / "shared" / "article" / "istanbul-talks-revisited.txt"
    if not shared.exists():
        pytest.skip("no shared/ folder beside this checkout")
    kept = ROOT / "facts" / "istanbul-talks" / "article.txt"
    assert kept.read_bytes() == shared.read_bytes()
