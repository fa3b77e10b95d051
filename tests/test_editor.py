"""The editor's workflow: warnings about citations, why a fact yields no question, one
broken person fact reported once, numbers compared as numbers."""

from __future__ import annotations

from .conftest import replace_in

GUARANTEES = "Northland offered guarantees from France, Canada and Japan."


def _checked(cli, mini, code: int = 0) -> list[str]:
    """`quizgen check` in the mini project: its exit code must be `code`; its lines (stdout,
    or stderr on failure)."""
    result = cli("check", cwd=mini)
    assert result.exit_code == code, result.output
    return (result.stdout if code == 0 else result.stderr).splitlines()


def _add(mini, text: str) -> None:
    facts = mini / "facts" / "mini" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_citation_split_at_a_comma_by_a_flow_list_is_a_warning(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(
        facts,
        f"    citations:\n      - {GUARANTEES}\n  - id: first",
        f"    citations: [{GUARANTEES}]\n  - id: first",
    )
    assert _checked(cli, mini)[-3:] == [
        "facts/mini/facts.yaml:34: fact 'guarantors': warning: citations 1 and 2 stand side by "
        "side in the article with only a comma between them: did YAML split one citation at "
        "a comma? quote it",
        '  hint: write it as one quoted item: - "Northland offered guarantees from France, '
        'Canada and Japan."',
        "OK, with 1 warning.",
    ]
    assert cli("check", "--strict", cwd=mini).exit_code == 1


def test_a_citation_under_three_words_is_a_warning(mini, cli):
    replace_in(
        mini / "facts" / "mini" / "facts.yaml",
        "      - Minister Ada Lovelace said\n",
        "      - Minister Ada\n",
    )
    assert _checked(cli, mini)[-3:] == [
        "facts/mini/facts.yaml:9: fact 'ada-lovelace': warning: citation 'Minister Ada' is "
        "under 3 words",
        "  hint: cite the passage that shows the fact, not a word or two of it",
        "OK, with 1 warning.",
    ]


def test_check_says_why_a_fact_yields_no_question(mini, cli):
    _add(
        mini,
        "  - id: southland\n    kind: person\n    type: state\n    name: Southland\n"
        "    role: the state called Southland\n"
        "    citations: [Talks between Northland and Southland were proposed for Thursday]\n",
    )
    assert _checked(cli, mini)[-3:] == [
        "facts/mini/facts.yaml:59: fact 'southland': warning: no question is made from this "
        "fact: short: the prompt would give away the answer 'Southland'",
        "  hint: word the fact so that its answer is not in the question",
        "OK, with 1 warning.",
    ]
    listed = cli("questions", "--format", "json", cwd=mini)
    assert listed.exit_code == 0
    assert listed.stderr.splitlines() == [
        "facts/mini/facts.yaml: fact 'southland': warning: no short question from template "
        "'person.short': the prompt would give away the answer 'Southland'",
    ]  # a state is asked by short answer alone


def test_check_counts_the_safe_wrong_choices_it_found(mini, cli):
    _add(
        mini,
        "  - id: lone-agency\n    kind: person\n    type: group\n"
        "    name: Southland\n    role: the other side\n"
        "    citations: [Talks between Northland and Southland were proposed for Thursday]\n",
    )
    result = cli("check", cwd=mini)
    assert result.stdout.splitlines()[-3:-1] == [
        "facts/mini/facts.yaml:59: fact 'lone-agency': warning: no question is made from this "
        "fact: mcq: too few safe wrong choices (0 of 3)",
        "  hint: add distractors (curated wrong answers of the same sort)",
    ]


def test_one_broken_person_fact_is_reported_once_not_in_every_reference(mini, cli):
    replace_in(mini / "facts" / "mini" / "facts.yaml", "    role: a minister\n", "")
    _add(
        mini,
        "  - id: ada-again\n    kind: quote\n    topic: positions\n    speaker: ada-lovelace\n"
        "    text: should start at once.\n"
        "    citations: [Minister Ada Lovelace said the talks]\n",
    )
    assert _checked(cli, mini, 1) == [
        "facts/mini/facts.yaml:3: fact 'ada-lovelace': missing field 'role'",
        "  hint: role: noun phrase with its article: 'a council aide'",
        "Error: 1 problem in the fact base.",
    ]


def test_a_reference_to_no_fact_at_all_is_still_an_error(mini, cli):
    replace_in(mini / "facts" / "mini" / "facts.yaml", "speaker: ada-lovelace", "speaker: ada")
    result = cli("check", cwd=mini)
    assert result.exit_code == 1
    assert "fact 'ada-start-at-once': speaker 'ada' is not a fact in the base" in result.stderr


def test_a_distractor_differing_by_a_decimal_point_is_not_the_answer(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(facts, "    value: 40\n", "    value: 48\n    distractors: [4.8, 480]\n")
    replace_in(facts, "About 40 delegates", "About 48 delegates")
    replace_in(mini / "facts" / "mini" / "article.txt", "About 40 delegates", "About 48 delegates")
    result = cli("check", cwd=mini)
    assert result.exit_code == 0, result.output
    replace_in(facts, "distractors: [4.8, 480]", "distractors: [4.8, '48.0']")
    refused = cli("check", cwd=mini)
    assert refused.exit_code == 1
    assert "distractor '48.0' is a correct answer (the figure's value)" in refused.stderr
    assert "'4.8'" not in refused.stderr


ARTICLE = """\
Harbour Town Votes to Rebuild the Old Swing Bridge

The council of Harbour Town voted on Tuesday to rebuild the old swing bridge over the Mill \
River, ending a dispute that had lasted three years.

Mayor Elena Varga, who proposed the plan, said the new bridge "will carry the town for \
another century." Her deputy, Tomas Reed, had argued that repairs would cost less.

The vote passed by seven votes to four. About 240 residents attended the meeting.

The bridge was closed in March 2021, after engineers found cracks in two of its piers.
"""

FACTS = """\
  - id: elena-varga
    kind: person
    topic: people
    name: Elena Varga
    role: the mayor of Harbour Town
    aliases:
      - Varga
    citations:
      - Mayor Elena Varga, who proposed the plan
  - id: tomas-reed
    kind: person
    topic: people
    name: Tomas Reed
    role: the mayor's deputy
    citations:
      - Her deputy, Tomas Reed, had argued
  - id: varga-century
    kind: quote
    topic: positions
    speaker: elena-varga
    text: will carry the town for another century.
    citations:
      - said the new bridge "will carry the town for another century."
  - id: bridge-closed
    kind: event
    topic: timeline
    what: the bridge was closed after engineers found cracks in two of its piers
    when: 2021-03
    citations:
      - The bridge was closed in March 2021, after engineers found cracks in two of its piers.
    false_statements:
      - In March 2021, the bridge was closed after a ship struck one of its piers.
"""


def test_new_lays_out_a_source_that_checks_and_builds_once_facts_are_added(tmp_path, cli):
    import yaml

    from quizgen.facts.article import Article
    from quizgen.facts.fields import KIND_FIELDS

    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    project = tmp_path / "newsroom"
    project.mkdir()
    made = cli("new", "harbour-bridge", "--article", str(article), cwd=project)
    assert made.exit_code == 0, made.output
    assert made.stdout.splitlines() == [
        "wrote facts/harbour-bridge/article.txt",
        "wrote facts/harbour-bridge/source.yaml",
        "wrote facts/harbour-bridge/facts.yaml",
        "wrote decks/harbour-bridge.yaml",
        "Next: add facts (see the examples in facts.yaml), then run `quizgen check`.",
    ]
    folder = project / "facts" / "harbour-bridge"
    assert (folder / "article.txt").read_text(encoding="utf-8") == ARTICLE
    source = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    assert source["title"] == "Harbour Town Votes to Rebuild the Old Swing Bridge"
    checked = cli("check", cwd=project)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.splitlines()[-1] == "OK: no problems found."
    assert "Questions: no facts yet." in checked.stdout

    # every kind's example, uncommented, is a fact of that kind citing the article
    facts_yaml = (folder / "facts.yaml").read_text(encoding="utf-8")
    _header, examples_text = facts_yaml.split("\nfacts:\n")
    uncommented = "facts:\n" + "\n".join(
        line[2:] if line.startswith("# ") else line for line in examples_text.splitlines()
    )
    examples = yaml.safe_load(uncommented)["facts"]
    assert [e["kind"] for e in examples] == list(KIND_FIELDS)
    text = Article(ARTICLE)
    assert all(text.contains(c) for e in examples for c in e["citations"])
    # every field of the kind is shown; an optional one with no example value stays a
    # comment when the example is uncommented (never a literal "...")
    assert all(
        {n for n, f in KIND_FIELDS[e["kind"]].items() if f.required} <= set(e) for e in examples
    )
    assert all(f"{n}:" in examples_text for fields in KIND_FIELDS.values() for n in fields)
    assert "..." not in str(examples)

    (folder / "facts.yaml").write_text(facts_yaml + FACTS, encoding="utf-8")
    assert cli("check", "--strict", cwd=project).exit_code == 0
    built = cli("build", "--format", "csv,json", "--out", str(tmp_path / "dist"), cwd=project)
    assert built.exit_code == 0, built.output
    assert (
        (tmp_path / "dist" / "harbour-bridge.csv").read_text(encoding="utf-8").count("Elena Varga")
    )


def test_new_never_overwrites_and_says_so_in_one_line(tmp_path, mini, cli):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    again = cli("new", "mini", "--article", str(article), cwd=mini)
    assert again.exit_code == 2
    assert again.stderr == (
        "Error: facts/mini already exists: quizgen new never overwrites a source\n"
    )
    (mini / "decks" / "other.yaml").write_text("title: X\n", encoding="utf-8")
    recipe = cli("new", "other", "--article", str(article), cwd=mini)
    assert recipe.exit_code == 2
    assert recipe.stderr == (
        "Error: decks/other.yaml already exists: quizgen new never overwrites a deck recipe\n"
    )
    assert not (mini / "facts" / "other").exists()
    bad_id = cli("new", "Other Town", "--article", str(article), cwd=mini)
    assert (bad_id.exit_code, bad_id.stderr) == (
        2,
        "Error: source id 'Other Town' is not a valid id: use lower-case words joined by "
        "'-', e.g. 'other-town'\n",
    )
    missing = cli("new", "other-town", "--article", "nope.txt", cwd=mini)
    assert (missing.exit_code, missing.stderr) == (2, "Error: --article: no such file 'nope.txt'\n")


def test_the_readme_writes_citations_as_block_lists():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "citations:\n" in readme
    assert "citations: [" not in readme


def test_a_passage_split_in_three_is_one_warning_with_the_whole_passage():
    from quizgen.facts.article import Article
    from quizgen.facts.citations import citation_warnings
    from quizgen.facts.kinds import Person

    article = Article("The engineer, Piet Anders, said the reservoir held about 4.8 million.")
    fact = Person(
        id="piet-anders", topic="people", citations=("The engineer", "Piet Anders",
        "said the reservoir"), name="Piet Anders", role="the engineer", file="f.yaml",
    )  # fmt: skip
    assert [p.format() for p in citation_warnings(fact, None, article)] == [
        "f.yaml: fact 'piet-anders': warning: citations 1 to 3 stand side by side in the "
        "article with only a comma between them: did YAML split one citation at a comma? "
        'quote it\n  hint: write it as one quoted item: - "The engineer, Piet Anders, said '
        'the reservoir"'
    ]
