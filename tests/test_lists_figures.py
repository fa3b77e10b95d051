"""Lists and figures as a teacher would print them: open lists ask what the article names,
hedges are kept, wrong numbers respect the unit and range, English comes from inflect, and
the engine refuses a question that drops a hedge or says a phrase twice."""

from __future__ import annotations

import shutil

import pytest

from quizgen.facts.kinds import Figure
from quizgen.facts.loader import load_factbase
from quizgen.questions import generate
from quizgen.questions.english import amount, article, number_word, ordinal, plural, unit_said
from quizgen.questions.guards import repeated_phrase
from quizgen.questions.numbers import fits, total, wrong_values

from .conftest import ROOT, replace_in

SECOND = ROOT / "tests" / "data" / "second-source"


@pytest.fixture(scope="module")
def made():
    return {q.id: q for q in generate(load_factbase(ROOT / "facts")).questions}


@pytest.fixture(scope="module")
def second():
    return {q.id: q for q in generate(load_factbase(SECOND / "facts")).questions}


@pytest.fixture
def second_copy(tmp_path):
    """A copy of the second source's project, safe to edit."""
    target = tmp_path / "second"
    shutil.copytree(SECOND, target)
    return target


def figure(**fields) -> Figure:
    base = dict(id="f", topic="figures", citations=("x",), value=20, unit="percent")
    return Figure(**{**base, "counts": "the share of the vote", **fields})


def test_english_comes_from_inflect():
    assert [plural("country"), plural("person"), plural("analysis"), plural("state", 1)] == [
        "countries",
        "people",
        "analyses",
        "state",
    ]
    assert [number_word(6), number_word(11), number_word(21), number_word(50000)] == [
        "six",
        "eleven",
        "21",
        "50,000",
    ]
    assert [article("organisation"), article("state"), ordinal(3)] == [
        "an organisation",
        "a state",
        "third",
    ]


def test_amounts_read_right():
    assert amount(48, "£ million") == "£48 million"
    assert amount(100, "", "over") == "over 100"
    assert amount(1, "years") == "1 year"
    assert amount("tens of thousands", "people") == "tens of thousands of people"
    # the unit said once: "the number of drone strikes ... was over 100"
    strikes = figure(value=100, unit="drone strikes", counts="the number of drone strikes")
    assert unit_said(strikes) == "" and unit_said(figure()) == "percent"


def test_wrong_numbers_respect_the_unit_the_total_and_the_bound():
    share = figure(value=38, qualifier="around", distractors=(8, 62, 150, 40))
    assert total(share) == 100
    # no 150%, no "around 40" (too near), no 62 (the rest of the 100: the other side of 38)
    assert wrong_values(share) == [8, 76, 19]
    councillors = figure(
        value=31, unit="councillors", counts="the councillors, of the 45, who voted for it"
    )
    assert [g for g in (14, 40, 62, 15.5, 27) if fits(councillors, g)] == [40, 27]  # 45 - 31
    over = figure(value=100, unit="drone strikes", qualifier="over", distractors=(10, 200, 1000))
    assert wrong_values(over) == [1000, 500]  # "over 10" and "over 200" might be true
    assert fits(figure(value=20, out_of=300), 150)  # the unit allows more than 100
    displaced = figure(value="millions", unit="people", counts="the people displaced")
    assert wrong_values(displaced) == [
        "hundreds of thousands",
        "tens of millions",
        "tens of thousands",
    ]


def test_hedged_figures_keep_their_hedge_in_prompt_and_key(made, second, shipped):
    strikes = made["drone-strikes-monday.figure-numeric"]
    assert strikes.prompt == (
        "Fill in the number: In 2025, with the Kremlin yet to respond to a 30-day ceasefire "
        "request from Ukraine and its allies, Ukrainian officials reported over _____ drone "
        "strikes by Russia in a single night."
    )
    assert (strikes.answer_text, strikes.value) == ("100", 100)
    assert "drone-strikes-monday.figure-mcq" not in made  # typed in its sentence already
    share = made["territory-controlled.figure-numeric"]
    assert "controlled around _____% of Ukraine" in share.prompt
    cost = second["dam-wall-programme-cost.figure-numeric"]
    assert cost.prompt == (
        "Fill in the number: Sorrel Water has proposed a £_____ million programme to raise "
        "the dam wall by 2 metres."
    )
    assert cost.value == 48
    # without a sentence of its own, a figure is asked of what it counts, hedge and all
    figures = shipped / "facts" / "istanbul-talks" / "figures.yaml"
    replace_in(figures, '    sentence: "In 2025, with the Kremlin', '    note: "In 2025, with')
    replace_in(figures, '    sentence: "In 2025, Russia controlled', '    note: "Russia controlled')
    plain = {q.id: q for q in generate(load_factbase(shipped / "facts")).questions}
    strikes = plain["drone-strikes-monday.figure-numeric"]
    assert strikes.prompt == (
        "According to Ukrainian officials, the number of Russian drone strikes in a single "
        "night was over how many?"
    )
    assert strikes.answer_text == "over 100" and strikes.value == 100
    mcq = plain["drone-strikes-monday.figure-mcq"]
    assert mcq.choices[mcq.key[0]] == "over 100"
    assert all(c.startswith("over ") and c != "over 10" for c in mcq.choices)
    share = plain["territory-controlled.figure-numeric"]
    assert share.prompt.endswith("that Russia currently controls is around what percentage?")
    assert share.answer_text == "around 20 percent"


def test_a_figure_sentence_is_blanked_and_swapped_where_it_says_its_value(made, second):
    swap = made["ceasefire-length.figure-tf.swap"]
    assert swap.prompt == (
        "True or false: In 2025, Ukraine and its allies urged Russia to commit to a full and "
        "unconditional 7-day ceasefire."
    )
    years = made["years-since-2022-talks.figure-tf.swap"]  # said in words, swapped in words
    assert "in Istanbul five years after" in years.prompt
    # a magnitude in words is never swapped: "thousands" is not false of "tens of thousands"
    assert "war-deaths.figure-tf.swap" not in made and "war-displaced.figure-tf.swap" not in made
    deaths = made["war-deaths.figure-mcq"]
    assert deaths.prompt.endswith("_____ of people have died.")
    assert "a few dozen" not in made["war-displaced.figure-mcq"].choices
    # "3" is the value in "nearly 3 km", never the 3 of "13 March" or "2023"
    vote = second["councillors-in-favour.figure-numeric"]
    assert vote.prompt == (
        "Fill in the number: On Monday, 13 March 2023, the council's rationing vote passed "
        "with _____ of the 45 councillors in favour."
    )


def test_a_figure_sentence_must_say_its_value_once(shipped, cli):
    figures = shipped / "facts" / "istanbul-talks" / "figures.yaml"
    replace_in(figures, "reported over 100 drone", "reported over a hundred drone")
    replace_in(
        figures, "a full and unconditional 30-day", "a 30-day, full and unconditional 30-day"
    )
    result = cli("check", str(shipped))
    assert result.exit_code == 1
    assert (
        "fact 'drone-strikes-monday': the figure's sentence does not say its value '100'\n"
        "  hint: write the value once, as '100', after its hedge: 'over 100'"
    ) in result.stderr
    assert (
        "fact 'ceasefire-length': the figure's sentence says more than once its value '30'\n"
        "  hint: write the value once, as '30'\n"
    ) in result.stderr


def test_an_open_list_asks_what_the_article_names(made, second):
    texts = [q.prompt for i, q in made.items() if i.startswith("proposed-guarantors.list")]
    assert not [t for t in texts if "was not" in t or t.startswith("Name the six")]
    assert not [t for t in texts if "them among" in t or "alongside them" in t]
    # the permanent members are named only as a group: no question asks who they are
    assert not [t for t in texts if "United States" in t or "China" in t]
    assert made["proposed-guarantors.list-list"].prompt == (
        "The article names six proposed guarantors of Ukraine's security in the draft 2022 "
        "Istanbul Communiqué besides the five permanent members of the UN Security Council. "
        "Which are they?"
    )
    assert made["proposed-guarantors.list-tf.not-japan"].prompt == (
        "True or false: The article counts Japan among the proposed guarantors of Ukraine's "
        "security in the draft 2022 Istanbul Communiqué."
    )
    assert made["proposed-guarantors.list-tf.israel"].explanation.startswith(
        "True. The proposed guarantors of Ukraine's security in the draft 2022 Istanbul "
        "Communiqué included Belarus,"
    )
    assert second["coalition-groups.list-list.allotments"].prompt == (
        "Name the two allotment societies among the groups in the coalition that the "
        "Millbank Residents' Association belongs to."
    )


def test_an_open_group_asks_what_the_article_names_in_it(second_copy):
    coalition = second_copy / "facts" / "aldren-dam" / "coalition.yaml"
    replace_in(
        coalition,
        "      - {id: allotments, name: allotment societies}\n",
        "      - {id: allotments, name: allotment societies}\n"
        "      - {id: others, name: other groups, complete: false}\n",
    )
    chamber = "{name: the Aldren Chamber of Commerce,"
    replace_in(coalition, chamber, chamber + " group: others,")
    greens = "{name: the local branch of the Green Party,"
    replace_in(coalition, greens, greens + " group: others,")
    made = {q.id: q for q in generate(load_factbase(second_copy / "facts")).questions}
    # an open group asks what the article names in it, and has no one-of question (its
    # wrong choices would be groups the article may leave unnamed)
    assert made["coalition-groups.list-list.others"].prompt == (
        "The article names two other groups among the groups in the coalition that the "
        "Millbank Residents' Association belongs to. Which are they?"
    )
    assert not [i for i in made if ".list-mcq.others-" in i]


def test_a_closed_list_names_its_members_in_its_tense(made, second):
    assert made["ceasefire-call-countries.list-list"].prompt.startswith("Name the four countries")
    uk = made["ceasefire-call-countries.list-tf.united-kingdom"]
    assert uk.prompt.startswith("True or false: The countries whose leaders joined Kyiv")
    assert uk.prompt.endswith("ceasefire included the United Kingdom.")  # no verb to agree
    multi = made["ceasefire-call-countries.list-multi"]
    assert multi.prompt.startswith("Which of these were countries whose leaders")
    assert not [i for i in made if i.startswith("ceasefire-call-countries.list-mcq")]
    districts = second["affected-districts.list-tf.not-southgate"]
    assert districts.prompt == (
        "True or false: The districts affected by the night-time water rationing include Southgate."
    )
    # two "X was not one of them" questions a list, at most: the select-all shows the rest
    assert len([i for i in second if i.startswith("affected-districts.list-tf.not-")]) == 2
    coalition = second["coalition-groups.list-list"]
    assert coalition.prompt == (
        "The article names four groups in the coalition that the Millbank Residents' "
        "Association belongs to. Which are they?"
    )


def test_the_same_phrase_twice_in_one_sentence_is_refused():
    old = (
        "The number of permanent members of the UN Security Council among the proposed "
        "guarantors is 5 permanent members of the UN Security Council."
    )
    assert repeated_phrase(old) == "it says 'permanent members of' twice in one sentence"
    assert repeated_phrase("Name the four countries. The four countries were named.") is None


def test_a_list_group_named_like_its_list_is_refused_with_a_warning(second_copy):
    path = second_copy / "facts" / "aldren-dam" / "coalition.yaml"
    replace_in(
        path,
        "{id: allotments, name: allotment societies}",
        "{id: allotments, name: groups in the coalition}",
    )
    made = generate(load_factbase(second_copy / "facts", lines=True))
    assert "coalition-groups.list-list.allotments" not in {q.id for q in made.questions}
    assert (
        f"{path}:5: fact 'coalition-groups': warning: no list question from template "
        "'list.list': its prompt says 'groups in the' twice in one sentence"
    ) in [w.format() for w in made.warnings]


def test_a_template_that_drops_the_hedge_is_refused(tmp_path):
    (tmp_path / "figure.numeric.j2").write_text(
        "{% block prompt %}What {{ 'was' if fact.when else 'is' }} {{ fact.counts }}?"
        "{% endblock %}{% block explanation %}{{ statement }}{% endblock %}",
        encoding="utf-8",
    )
    (tmp_path / "figure.mcq.j2").write_text(
        "{% block prompt %}What is {{ fact.counts }}?{% endblock %}"
        "{% block explanation %}{{ statement }}{% endblock %}",
        encoding="utf-8",
    )
    made = generate(load_factbase(ROOT / "facts"), template_dir=tmp_path, kinds=["numeric"])
    ids = {q.id for q in made.questions}
    assert "drone-strikes-monday.figure-numeric" not in ids
    assert "ceasefire-length.figure-numeric" in ids  # no hedge to drop
    said = [w.format() for w in made.warnings]
    assert (
        "fact 'drone-strikes-monday': warning: no numeric question from template 'figure.numeric': "
        "it drops the qualifier 'over' of the fact (the article hedges its figure)"
    ) in "\n".join(said)


def test_list_complete_must_be_true_or_false(second_copy, cli):
    path = second_copy / "facts" / "aldren-dam" / "coalition.yaml"
    replace_in(path, "name: allotment societies}", "name: allotment societies, complete: partly}")
    result = cli("check", str(second_copy))
    assert result.exit_code == 1
    assert "group 1: expected true or false, got text" in result.stderr


def test_every_list_and_figure_question_passes_the_guards(made, second):
    for q in [*made.values(), *second.values()]:
        if q.template.startswith(("list.", "figure.")):
            assert repeated_phrase(q.prompt) is None, q.id
            assert not q.prompt.startswith("True or false: ") or q.prompt[15].isupper(), q.id
