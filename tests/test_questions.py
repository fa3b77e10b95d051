"""The question engine on the shipped fact base: kinds, wording, truth, ids, determinism."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from quizgen.errors import TemplateError
from quizgen.facts.article import Article
from quizgen.facts.kinds import QUESTION_KINDS, Person
from quizgen.facts.loader import load_factbase
from quizgen.questions import generate
from quizgen.questions.drafts import mentions_answer
from quizgen.questions.english import amount, unit_said
from quizgen.questions.numbers import fits
from quizgen.text import fold, mentions

from .conftest import ROOT, replace_in


@pytest.fixture(scope="module")
def base():
    return load_factbase(ROOT / "facts")


@pytest.fixture(scope="module")
def made(base):
    return generate(base, seed=2025)


def by_id(made, qid):
    return next(q for q in made.questions if q.id == qid)


def test_json_lists_every_kind_and_every_fact(cli, base):
    result = cli("questions", "--format", "json", "--path", str(ROOT))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "quizgen.questions/1"
    (deck,) = document["decks"]
    assert deck["slug"] == "istanbul-talks" and deck["id"] == 2081547311
    questions = deck["questions"]
    assert {q["kind"] for q in questions} == set(QUESTION_KINDS)
    behind = {fid for q in questions for fid in q["fact_ids"]}
    # every fact but the people asked of only through the facts they hold (a group's or an
    # agency's name is no answer to type, and a state is asked by short answer alone)
    actors = {"ceasefire-call-leaders", "ukrainian-officials", "reuters", "afp"}
    assert behind == {f.id for f in base.facts} - actors
    assert len({q["id"] for q in questions}) == len(questions)
    article = Article(base.sources[0].text)
    for q in questions:
        assert q["citations"], q["id"]
        assert all(article.contains(c) for c in q["citations"]), q["id"]


# One real example of each kind, word for word, from the shipped base (seed 2025).
EXAMPLES = {
    "yury-ushakov.person-short": (
        "short",
        "Which Kremlin aide does the article name?",
        "Yury Ushakov",
    ),
    "ushakov-conditions.position-mcq": (
        "mcq",
        "In 2025, who said any new talks in Istanbul should take into account the "
        "results of the 2022 negotiations and reflect the current realities on the ground?",
        "Yury Ushakov",
    ),
    "proposed-guarantors.list-multi": (
        "multi",
        "Which of these does the article count among the proposed guarantors of Ukraine's "
        "security in the draft 2022 Istanbul Communiqué? Select all that apply.",
        None,
    ),
    "zelensky-decree-2022.position-tf.false-1": (
        "tf",
        "True or false: In the autumn of 2022, Volodymyr Zelensky signed a decree authorizing "
        "direct negotiations with Putin.",
        "False",
    ),
    "bucha-killings-discovered.event-cloze": (
        "cloze",
        "Fill in the blank: In early April 2022, mass civilian killings, largely attributed to "
        "retreating Russian troops, were discovered in the Kyiv suburb of _____.",
        "Bucha",
    ),
    "ceasefire-call-countries.list-list": (
        "list",
        "Name the four countries whose leaders joined Kyiv in urging Moscow to accept an "
        "unconditional 30-day ceasefire.",
        "France, Germany, United Kingdom, Poland",
    ),
    "zelensky-open-to-negotiations.quote-quote": (
        "quote",
        "Who said: “We are completely open to negotiations — we are ready for any format”?",
        "Volodymyr Zelensky",
    ),
    "troop-ceiling-demand.figure-numeric": (
        "numeric",
        "Fill in the number: Volodymyr Zelensky stated in 2025 that Russia's “ultimatums” in "
        "the 2022 talks included a demand to reduce Ukraine's military strength to _____ "
        "troops.",
        "50,000",
    ),
}


@pytest.mark.parametrize("qid", EXAMPLES)
def test_a_real_example_of_each_kind(made, qid):
    kind, prompt, answer = EXAMPLES[qid]
    q = by_id(made, qid)
    assert (q.kind, q.prompt) == (kind, prompt)
    if answer is not None:
        assert q.answer_text == answer
    assert q.citations and q.explanation


def test_multi_select_marks_members_only(made, base):
    q = by_id(made, "proposed-guarantors.list-multi")
    members = {m.name for m in base.get("proposed-guarantors").members}
    assert {q.choices[i] for i in q.key} == set(q.choices) & members
    assert len(q.key) >= 2 and len(q.choices) - len(q.key) >= 2


def test_chronology_orders_what_the_article_dates(made, base):
    chronologies = [q for q in made.questions if q.kind == "chronology"]
    assert chronologies
    for q in chronologies:
        assert 3 <= len(q.choices) <= 5
        facts = [base.get(f) for f in q.fact_ids]
        for earlier, later in itertools.pairwise(facts):
            assert earlier.when.known_before(later.when), (earlier.id, later.id)
        assert list(q.key) != list(range(len(q.choices)))  # shown shuffled
    first = next(q for q in chronologies if "crimea-annexation" in q.fact_ids)
    assert first.id.startswith("event-chronology.")
    assert first.prompt == "Put these in the order they happened, earliest first."
    assert first.answer_text.split(" → ")[0] == "Russia annexed the Crimean peninsula"


def test_matching_pairs_people_with_roles_and_causes_with_who_gave_them(made, base):
    people = next(q for q in made.questions if q.template == "person.matching")
    assert people.prompt == "Match each person to the role the article gives them."
    pairs = dict(zip(people.items, (people.choices[i] for i in people.key)))
    assert pairs["Yury Ushakov"] == "a Kremlin aide"
    assert pairs["Boris Johnson"] == "the British Prime Minister at the time of the 2022 talks"
    # causes are matched to givers of one sort: the shipped givers are two states and two
    # individuals (a state beside its own president would be two defensible answers)
    assert not [q for q in made.questions if q.template == "cause.matching"]
    second = load_factbase(ROOT / "tests" / "data" / "second-source" / "facts")
    causes = [q for q in generate(second).questions if q.template == "cause.matching"]
    assert len(causes) == 1  # one matching of these givers: no near-copies
    for q in causes:
        for fact_id, index in zip(q.fact_ids, q.key):
            giver = second.get(second.get(fact_id).given_by)
            assert q.choices[index] == giver.name and giver.type == "individual"


def _true_answers(base, q) -> set[str]:
    true = {fold(t) for a in q.answers for t in (a.text, *a.aliases)}
    for fact_id in q.fact_ids:
        fact = base.get(fact_id)
        if fact.kind == "list":
            true |= {fold(n) for m in fact.members for n in (m.name, *m.aliases)}
    return true


def test_no_wrong_choice_is_true(made, base):
    checked = 0
    for q in made.questions:
        if q.kind not in ("mcq", "multi"):
            continue
        wrong = [c for i, c in enumerate(q.choices) if i not in q.key]
        assert len(wrong) >= (3 if q.kind == "mcq" else 2), q.id
        assert len(set(q.choices)) == len(q.choices), q.id
        true = _true_answers(base, q)
        if q.template == "list.mcq" and q.variant.startswith(("p5-", "others-")):
            true = {fold(a.text) for a in q.answers}  # other groups' members are wrong here
        for choice in wrong:
            assert fold(choice) not in true, (q.id, choice)
            curated = any(
                fold(str(d)) == fold(choice) or choice.startswith(str(d))
                for f in q.fact_ids
                for d in base.get(f).distractors
            )
            if not curated and q.template != "list.mcq":
                # a wrong person drawn from siblings is never named by the supporting text
                for fact_id in q.fact_ids:
                    for citation in base.get(fact_id).citations:
                        assert not mentions(citation, choice), (q.id, choice)
            checked += 1
    assert checked > 60


def test_the_answer_never_appears_in_its_own_prompt(made):
    for q in made.questions:
        if q.kind in ("short", "mcq", "quote", "numeric", "list", "cloze"):
            assert mentions_answer(q.prompt, q.answers) is None, q.id


def test_questions_read_as_english(made):
    for q in made.questions:
        text = q.prompt
        assert text[0].isupper(), q.id
        assert text.endswith((".", "?", "”")), q.id
        assert "  " not in text and " ," not in text and " ." not in text, q.id
        assert "None" not in text and "{" not in text and "}" not in text, q.id
        assert not re.search(r"\b(a|an) (a|an|the)\b", text), q.id
        assert "United Kingdom was" not in text or "the united kingdom was" in text.lower(), q.id
        assert not re.search(r"True or false: [a-z]", text), q.id


def test_same_seed_same_bytes_other_seed_same_ids(cli):
    first = cli("questions", "--format", "json", "--seed", "7", "--path", str(ROOT)).stdout
    again = cli("questions", "--format", "json", "--seed", "7", "--path", str(ROOT)).stdout
    other = cli("questions", "--format", "json", "--seed", "8", "--path", str(ROOT)).stdout
    assert first == again
    assert first != other
    ids = [q["id"] for q in json.loads(first)["decks"][0]["questions"]]
    assert ids == [q["id"] for q in json.loads(other)["decks"][0]["questions"]]
    keys = {q["id"]: q["choices"] for q in json.loads(first)["decks"][0]["questions"]}
    moved = [q for q in json.loads(other)["decks"][0]["questions"] if q["choices"] != keys[q["id"]]]
    assert len(moved) > 20


def test_count_takes_a_balanced_mix_and_the_seed_fixes_it(base):
    picked = generate(base, seed=1, count=14).questions
    assert len(picked) == 14
    topics = {}
    for q in picked:
        topics[q.topic] = topics.get(q.topic, 0) + 1
    assert len(topics) == 7 and set(topics.values()) == {2}
    assert [q.id for q in generate(base, seed=1, count=14).questions] == [q.id for q in picked]
    assert [q.id for q in generate(base, seed=2, count=14).questions] != [q.id for q in picked]


def test_filters_by_topic_and_kind(cli):
    result = cli(
        "questions",
        "--topic",
        "guarantors",
        "--kind",
        "list",
        "--format",
        "jsonl",
        "--path",
        str(ROOT),
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {q["id"] for q in lines} == {"proposed-guarantors.list-list"}
    bad = cli("questions", "--kind", "essay", "--path", str(ROOT))
    assert bad.exit_code == 2
    assert "unknown question kind 'essay'" in bad.stderr


def test_ids_survive_a_change_of_wording(shipped):
    before = generate(load_factbase(shipped / "facts"), seed=3)
    path = shipped / "facts" / "istanbul-talks" / "positions.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "stance: said any new talks in Istanbul should take into account",
        "stance: stated that any new talks in Istanbul should take into account",
    )
    path.write_text(text, encoding="utf-8")
    people = shipped / "facts" / "istanbul-talks" / "people.yaml"
    replace_in(people, "role: a Kremlin aide", "role: an aide in the Kremlin")
    after = generate(load_factbase(shipped / "facts"), seed=3)
    assert [q.id for q in after.questions] == [q.id for q in before.questions]
    old = {q.id: q.prompt for q in before.questions}
    changed = [q.id for q in after.questions if q.prompt != old[q.id]]
    assert "ushakov-conditions.position-mcq" in changed
    assert "yury-ushakov.person-short" in changed


def deck_template(project: Path, text: str) -> Path:
    """A deck templates folder in the project, with this text as quote.quote.j2."""
    templates = project / "decks" / "templates"
    templates.mkdir()
    (templates / "quote.quote.j2").write_text(text, encoding="utf-8")
    return templates


def test_a_template_with_an_undefined_variable_names_its_file_and_line(mini, cli):
    templates = deck_template(
        mini,
        "{% block prompt %}\nWho said {{ fact.text }}, {{ speakr.name }}?\n{% endblock %}\n"
        "{% block explanation %}{{ statement }}{% endblock %}\n",
    )
    recipe = mini / "decks" / "mini.yaml"
    recipe.write_text(recipe.read_text() + "templates: templates\n", encoding="utf-8")
    result = cli("questions", cwd=mini)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: template {templates / 'quote.quote.j2'}:2: 'speakr' is undefined"
    )
    assert "Traceback" not in result.output


def test_a_deck_template_overrides_the_built_in_one_and_can_extend_it(mini, base):
    templates = deck_template(
        mini,
        '{% extends "default:quote.quote.j2" %}'
        "{% block prompt %}Whose words are these? “{{ fact.text }}”{% endblock %}",
    )
    mini_base = load_factbase(mini / "facts")
    made = generate(mini_base, template_dir=templates)
    q = next(q for q in made.questions if q.kind == "quote")
    assert q.prompt == "Whose words are these? “should start at once.”"
    assert q.explanation == "Ada Lovelace used the words “should start at once.”"
    with pytest.raises(TemplateError):
        (templates / "quote.quote.j2").write_text("{% block prompt %}{{ x }", encoding="utf-8")
        generate(mini_base, template_dir=templates)


def test_templates_run_sandboxed(mini):
    templates = deck_template(
        mini,
        "{% block prompt %}{{ fact.__class__.__mro__ }}{% endblock %}",
    )
    with pytest.raises(TemplateError, match=r"unsafe|access"):
        generate(load_factbase(mini / "facts"), template_dir=templates)


def test_a_fact_without_questions_is_a_warning_and_strict_makes_it_fatal(mini, cli):
    facts = mini / "facts" / "mini" / "facts.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8")
        + "  - id: lone-agency\n    kind: person\n    type: group\n"
        "    name: Southland\n    role: the other side\n"
        "    citations: [Talks between Northland and Southland were proposed for Thursday]\n",
        encoding="utf-8",
    )
    result = cli("check", cwd=mini)
    assert result.exit_code == 0
    assert (
        "facts/mini/facts.yaml:59: fact 'lone-agency': warning: no question is made from this fact"
        in result.stdout
    )
    assert "OK, with 1 warning." in result.stdout
    strict = cli("check", "--strict", cwd=mini)
    assert strict.exit_code == 1
    # beside the two facts of mini asked only as a true statement (--strict says so)
    assert "Error: 3 warnings (--strict)." in strict.stderr


def test_people_questions_keep_the_pool_of_their_kind(made, base):
    """Individuals of the base, or those curated for the holder (people who could have
    said it): never a state or a group."""
    q = by_id(made, "ushakov-conditions.position-mcq")
    individuals = {p.name for p in base.facts if isinstance(p, Person) and p.type == "individual"}
    assert set(q.choices) <= individuals | set(base.get("yury-ushakov").distractors)


def test_curated_distractors_come_first(made, base):
    checked = 0
    for q in made.questions:
        if q.template not in ("figure.mcq", "person.mcq"):
            continue
        fact = base.get(q.fact_ids[0])
        fitting = [d for d in fact.distractors if q.template != "figure.mcq" or fits(fact, d)]
        if len(fitting) >= 3:
            if q.template == "figure.mcq":
                curated = {amount(d, unit_said(fact), fact.qualifier) for d in fitting}
            else:  # the curated names the article says, then the base's own people
                people = {p.name for p in base.facts if isinstance(p, Person)}
                curated = {str(d) for d in fact.distractors} | people
            wrong = {c for i, c in enumerate(q.choices) if i not in q.key}
            assert wrong <= curated, q.id
            checked += 1
    assert checked >= 5


def test_false_statements_swap_only_what_the_base_shows_false(made, base):
    rounds = by_id(made, "istanbul-rounds-2022.event-tf.swap")
    assert rounds.prompt == (  # a wrong date as precise as the fact's own: a year
        "True or false: In 2014, Russian and Ukrainian negotiators held several rounds of "
        "direct discussions in Istanbul."
    )
    assert rounds.choices[rounds.key[0]] == "False"
    # "Russia annexed the Crimean peninsula in 2022." is curated: the swap would say it again
    assert "crimea-annexation.event-tf.swap" not in {q.id for q in made.questions}
    speaker = by_id(made, "zelensky-open-to-negotiations.quote-tf.swap")
    assert "Volodymyr Zelensky" not in speaker.prompt and speaker.answer_text == "False"
    figure = by_id(made, "ceasefire-length.figure-tf.swap")
    assert figure.prompt.endswith("a full and unconditional 7-day ceasefire.")
    # "over 100" drone strikes does not make "over 10" false: no swap for a bound
    ids = {q.id for q in made.questions}
    assert "drone-strikes-monday.figure-tf.swap" not in ids
    assert "drone-strikes-monday.figure-tf.true" in ids


def test_kinds_said_to_always_give_true_false_do(base):
    from quizgen.questions.builders import ALWAYS_TRUE_FALSE
    from quizgen.questions.engine import Engine

    engine = Engine(base)
    for fact in base.facts:
        if fact.kind in ALWAYS_TRUE_FALSE:
            drafts = list(engine.drafts_of(fact))
            assert any(d.kind == "tf" and d.truth for d in drafts), fact.id
