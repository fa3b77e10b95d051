"""Person, position, cause and quote questions: how claims are said (verb constructions,
tense, a fact's own sentence and prompts), wrong choices of the answer's sort, citations
chosen by what they hold, quoted citations (issues 15 and 16)."""

from __future__ import annotations

import pytest

from quizgen.facts.loader import load_factbase
from quizgen.questions import generate
from quizgen.questions.question import Answer
from quizgen.text import quoted

from .conftest import ROOT, replace_in

SECOND = ROOT / "tests" / "data" / "second-source"


@pytest.fixture(scope="module")
def shipped_made():
    return {q.id: q for q in generate(load_factbase(ROOT / "facts"), seed=2025).questions}


@pytest.fixture(scope="module")
def second_made():
    return {q.id: q for q in generate(load_factbase(SECOND / "facts"), seed=2023).questions}


def test_a_cause_whose_verb_takes_an_object_is_asked_and_said_with_it(second_made):
    leaks = second_made["reyes-tunnel-leaks.cause-short"]
    assert leaks.prompt == (
        "Who blamed the reservoir's water losses on leaks in the dam's outlet tunnel, saying "
        "the leaks had gone unrepaired for years?"
    )
    assert second_made["reyes-tunnel-leaks.cause-tf.true"].prompt == (
        "True or false: Tomas Reyes blamed the reservoir's water losses on leaks in the dam's "
        "outlet tunnel, saying the leaks had gone unrepaired for years."
    )
    assert not any(
        "accused that" in q.prompt or "blamed that" in q.prompt for q in second_made.values()
    )


def test_matching_items_of_causes_lead_with_their_verb(second_made):
    matching = next(q for q in second_made.values() if q.template == "cause.matching")
    assert any(i.startswith("Blamed the reservoir's water losses on leaks") for i in matching.items)
    assert any(i.startswith("Said that the drought") for i in matching.items)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            "    verb: blamed\n    joins: object\n    claim: the reservoir's",
            "fact 'reyes-tunnel-leaks': 'verb' needs 'given_by': without it the claim is the "
            "article's own view and the verb would be dropped",
        ),
        (
            "    verb: blamed\n    joins: none\n    given_by: tomas-reyes\n"
            "    claim: the reservoir's",
            "fact 'reyes-tunnel-leaks': 'joins: none' takes no verb: the claim holds its own",
        ),
    ],
)
def test_a_cause_verb_is_never_dropped_or_doubled(cli, tmp_path, edit, message):
    import shutil

    project = tmp_path / "second"
    shutil.copytree(SECOND, project)
    causes = project / "facts" / "aldren-dam" / "shortage-causes.yaml"
    replace_in(
        causes,
        "    given_by: tomas-reyes\n    verb: blamed\n    joins: object\n"
        "    claim: the reservoir's",
        edit,
    )
    result = cli("check", str(project))
    assert result.exit_code == 1
    assert message in result.stderr


@pytest.mark.parametrize(
    ("prompts", "message"),
    [
        (
            "{quote: Who said it}",
            "field 'prompts': the quote prompt must be a question (end it with '?')",
        ),
        ("{tf: Is it true?}", "field 'prompts': no prompt can be given for 'tf'"),
        (
            "{short: Who said it?}",
            "fact 'zelensky-waiting-for-putin': a quote fact makes no short question",
        ),
    ],
)
def test_a_fact_prompt_must_be_a_question_of_a_kind_that_asks(cli, shipped, prompts, message):
    replace_in(
        shipped / "facts" / "istanbul-talks" / "quotes.yaml",
        "    prompts:\n      quote: Who said he would be “waiting for Putin in Turkey on Thursday. "
        "In person”?\n      mcq: Who said he would be “waiting for Putin in Turkey on Thursday. "
        "In person”?\n",
        f"    prompts: {prompts}\n",
    )
    result = cli("check", str(shipped))
    assert result.exit_code == 1
    assert message in result.stderr


def test_a_fact_own_prompt_that_gives_the_answer_away_is_refused(cli, shipped):
    stance = "    stance: claimed that Moscow had never rejected dialogue with Kyiv\n"
    replace_in(
        shipped / "facts" / "istanbul-talks" / "positions.yaml",
        stance,
        stance + "    prompts: {short: Did Putin claim that Moscow never rejected dialogue?}\n",
    )
    assert "Putin claim" not in cli("check", str(shipped)).stdout  # check alone makes none
    result = cli("check", "--strict", str(shipped))
    assert result.exit_code == 1, result.stderr  # --strict makes every question; fatal
    assert (
        "fact 'putin-never-rejected-dialogue': warning: no short question from template "
        "'position.short': the prompt would give away the answer 'Putin'" in result.output
    )


def test_a_fact_sentence_and_prompts_say_what_the_template_cannot(shipped_made):
    waiting = shipped_made["zelensky-waiting-for-putin.quote-quote"]
    assert waiting.prompt == (
        "Who said he would be “waiting for Putin in Turkey on Thursday. In person”?"
    )
    assert waiting.explanation == (
        "Volodymyr Zelensky said he would be “waiting for Putin in Turkey on Thursday. In person.”"
    )
    assert "zelensky-waiting-for-putin.quote-tf.swap" not in shipped_made


def test_a_role_held_then_is_said_in_the_past(shipped_made):
    johnson = shipped_made["boris-johnson.person-mcq"]
    assert johnson.prompt == (
        "In the article, who was the British Prime Minister at the time of the 2022 talks?"
    )
    assert johnson.explanation == (
        "Boris Johnson was the British Prime Minister at the time of the 2022 talks."
    )
    assert set(johnson.choices) == {"Boris Johnson", "Keir Starmer", "Theresa May", "David Cameron"}


def test_states_and_organisations_are_asked_for_by_their_sort(shipped_made):
    crimea = shipped_made["russia.person-short"]
    assert crimea.prompt == "In the article, which state annexed the Crimean peninsula in 2014?"
    # a state is asked by short answer alone (wrong states would be ones that took no part),
    # and by its role only: of what it said or did, "which state" all but gives the answer
    assert not [i for i, q in shipped_made.items() if q.kind == "mcq" and "Russia" in q.choices]
    assert "draft-russia-military-limits.position-short" not in shipped_made
    assert "draft-non-nuclear-status.position-short" not in shipped_made
    assert "draft-non-nuclear-status.position-tf.true" in shipped_made
    # and not where its role names the other side, or a state by its adjective
    from quizgen.questions.guards import names_the_other_side

    sides = ("Ukraine", "Kyiv", "Russi*", "Ukrain*")
    assert names_the_other_side("Which state sought limits on Ukraine's army?", sides)
    assert names_the_other_side("Which state feared a Russian invasion?", sides)
    assert names_the_other_side("Which state annexed the Crimean peninsula?", sides) is None


def test_a_quote_about_the_russian_leader_is_never_offered_to_him(shipped_made):
    for suffix in ("quote-mcq", "quote-tf.swap"):
        q = shipped_made[f"zelensky-dialogue-impossible-2022.{suffix}"]
        assert "Vladimir Putin" not in q.prompt and "Vladimir Putin" not in q.choices


def test_no_wrong_choice_of_another_sort_in_the_shipped_deck(shipped_made):
    base = load_factbase(ROOT / "facts")
    people = {f.name: f for f in base.facts if f.kind == "person"}
    for q in shipped_made.values():
        if q.kind != "mcq" or q.template.split(".")[0] not in ("person", "position", "cause"):
            continue
        sorts = {people[c].type for c in q.choices if c in people}
        assert len(sorts) <= 1, (q.id, q.choices)


def test_a_wrong_choice_of_another_sort_is_refused_with_a_check_warning(cli, mini):
    replace_in(
        mini / "facts" / "mini" / "facts.yaml",
        "      - Minister Ada Lovelace said\n",
        "      - Minister Ada Lovelace said\n"
        "    distractors: [Northland, Grace Hopper, Alan Turing, Charles Babbage]\n",
    )
    result = cli("check", "--strict", str(mini))
    assert result.exit_code == 1, result.stderr  # every question made; a warning is fatal
    assert (
        "facts/mini/facts.yaml:3: fact 'ada-lovelace': warning: wrong choice 'Northland' "
        "(a state) refused for the mcq question from template 'person.mcq': the answer "
        "'Ada Lovelace' is an individual\n"
        "  hint: a wrong choice must be of the answer's sort: change the distractors"
    ) in result.output
    made = generate(load_factbase(mini / "facts"), seed=1)
    mcq = next(q for q in made.questions if q.id == "ada-lovelace.person-mcq")
    assert "Northland" not in mcq.choices


def test_citations_hold_what_the_question_asks_and_nothing_else(shipped_made):
    assert shipped_made["russia.person-short"].citations == (
        "Russia currently controls around 20% of Ukraine, including the Crimean peninsula, "
        "which it annexed in 2014.",
    )
    quote = shipped_made["zelensky-dialogue-impossible-2022.quote-quote"]
    assert len(quote.citations) == 1
    assert quote.citations[0].startswith("“It is clear that a dialogue is impossible")
    (proposed,) = shipped_made["putin-proposes-istanbul-talks.position-mcq"].citations
    assert proposed.startswith("Putin suggested the direct negotiations in Istanbul")


def test_a_blank_cites_the_passage_that_names_its_answer(mini):
    """The passage holding more of the sentence is not enough: the blank's answer must
    stand in what the question quotes (a new user's cloze quoted only the other one)."""
    (mini / "facts" / "mini" / "extra.yaml").write_text(
        "facts:\n"
        "  - id: guarantees-in-istanbul\n"
        "    kind: position\n"
        "    topic: positions\n"
        "    actor: northland\n"
        "    stance: offered guarantees from France, Canada and Japan in Istanbul\n"
        "    cloze: [Istanbul]\n"
        "    citations:\n"
        "      - Northland offered guarantees from France, Canada and Japan.\n"
        "      - Talks between Northland and Southland were proposed for Thursday in Istanbul.\n",
        encoding="utf-8",
    )
    made = {q.id: q for q in generate(load_factbase(mini / "facts"), seed=1).questions}
    assert made["guarantees-in-istanbul.position-cloze"].citations == (
        "Northland offered guarantees from France, Canada and Japan.",
        "Talks between Northland and Southland were proposed for Thursday in Istanbul.",
    )
    assert made["guarantees-in-istanbul.position-tf.true"].citations == (
        "Northland offered guarantees from France, Canada and Japan.",
    )


def test_the_russian_draft_is_said_to_be_moscow_s(shipped_made):
    tf = shipped_made["russia-everything-stalled.cause-tf.true"]
    assert tf.prompt == (
        "True or false: By June 2022, Russia confirmed that “everything had stalled”, after "
        "Moscow introduced a draft proposal in April that Ukraine did not respond to."
    )


def test_a_citation_that_opens_with_a_quote_is_never_shown_with_two():
    assert quoted("“We are open,” Zelensky declared.") == "“‘We are open,’ Zelensky declared.”"
    assert quoted('she said "look closely" at it') == "“she said ‘look closely’ at it”"


def test_no_output_shows_a_doubled_opening_quote(cli, shipped):
    result = cli("build", "--path", str(shipped), "--format", "csv,html")
    assert result.exit_code == 0, result.stderr
    for path in (shipped / "dist").rglob("*"):
        if path.suffix in (".csv", ".html"):
            assert "““" not in path.read_text(encoding="utf-8"), path.name


def test_a_date_said_relative_to_the_article_day_refuses_its_question():
    from quizgen.questions.guards import relative_date

    for said in (
        "In the article, who spoke on Saturday?",
        "True or false: The line will reopen next year.",
        "Who met the minister two weeks ago?",
    ):
        assert "reads only beside the article's date" in relative_date(said), said
    for kept in (
        "In 2025, who said he would be “waiting for Putin in Turkey on Thursday”?",
        "On Monday, 13 March 2023, who spoke first?",
        "Which vote took place on a Saturday?",
        "Which of these was cut with the Saturday junior conservatoire?",  # a name
    ):
        assert relative_date(kept) is None, kept


def _relative_phrases():
    """Every phrase the relative-date patterns are written to find, in mixed case."""
    days = "Monday TUESDAY wednesday Thursday Friday Saturday Sunday".split()
    for lead in ("", "late ", "early "):
        for on in ("", "on ", "throughout ", "last ", "this ", "next "):
            for day in days:
                for part in ("", " night", " Morning", " afternoon", " evening"):
                    yield f"{lead}{on}{day}{part}"
    for which in ("this", "Last", "next"):
        for span in "year month week spring summer autumn fall winter".split():
            yield f"in {which} {span}"
    yield from ("yesterday", "Today", "tomorrow", "tonight", "at the time of writing")
    for span in "day days week weeks month months year years".split():
        yield f"two {span} ago"


def test_the_quick_test_for_a_relative_date_passes_nothing_its_patterns_find():
    """may_be_relative spares most prompts the relative-date patterns: it may let a text
    through to them, never pass one they would refuse."""
    from quizgen.facts import when

    phrases = list(_relative_phrases())
    assert len(phrases) > 600
    for phrase in phrases:
        text = f"Who spoke {phrase}?"
        assert when._RELATIVE.search(text) or when._AGO.search(text), text  # the patterns'
        assert when.may_be_relative(text), text
        assert when.relative_words(text), text
    assert not when.may_be_relative("Who chaired the talks in Istanbul?")


def test_a_relative_date_in_a_fact_wording_is_a_strict_check_warning(cli, shipped):
    replace_in(
        shipped / "facts" / "istanbul-talks" / "people.yaml",
        "role: the officials who reported the overnight Russian drone strikes",
        "role: the officials who reported Russian drone strikes throughout Monday night",
    )
    result = cli("check", "--strict", str(shipped))
    assert result.exit_code == 1
    assert (
        "fact 'ukrainian-officials': warning: no mcq question from template 'person.mcq': "
        "its prompt says 'throughout Monday night', which reads only beside the article's date"
    ) in result.output


def test_a_role_held_by_one_of_several_is_asked_as_which(shipped_made):
    assert shipped_made["yury-ushakov.person-short"].prompt == (
        "Which Kremlin aide does the article name?"
    )


def test_an_organisation_is_asked_by_its_role_alone_and_by_short_answer(second_made):
    # a story has few sides: "which organisation demanded ...?" among bystanders, or
    # beside the one other side its prompt names, answers itself
    assert not [q for q in second_made.values() if q.id.startswith("union-") and "mcq" in q.id]
    assert second_made["sorrel-water.person-short"].prompt == (
        "In the article, which company operates the Kestle Dam?"
    )
    assert "sorrel-water.person-mcq" not in second_made
    assert second_made["union-hiring-demand.position-tf.true"].kind == "tf"


def test_a_quote_that_is_a_fragment_is_asked_for_its_words(cli, shipped):
    replace_in(
        shipped / "facts" / "istanbul-talks" / "quotes.yaml",
        "    text: We are completely open to negotiations — we are ready for any format",
        "    text: ready for any format",
    )
    made = {q.id: q for q in generate(load_factbase(shipped / "facts"), seed=2025).questions}
    asked = made["zelensky-open-to-negotiations.quote-quote"].prompt
    assert asked == "Who used the words “ready for any format”?"


def test_two_names_sharing_words_are_no_repeated_phrase():
    from quizgen.questions.guards import repeated_phrase

    assert repeated_phrase("The Marrow Bay Union said the Marrow Bay Port Authority lied.") is None
    assert repeated_phrase("the number of drone strikes was the number of drone strikes") == (
        "it says 'the number of' twice in one sentence"
    )


def test_a_false_statement_the_editor_dated_is_not_dated_again():
    from quizgen.facts.when import When
    from quizgen.questions.dates import anchor_in

    monday = When("2024-10-14", "on Monday")
    assert (
        anchor_in("On Monday, Brandt spoke.", monday) == "On Monday, 14 October 2024, Brandt spoke."
    )
    dated = "On Monday, 14 October 2024, Brandt spoke."
    assert anchor_in(dated, monday) == dated


def test_a_curated_wrong_choice_the_prompt_names_is_not_offered(shipped):
    stance = "    stance: claimed that Moscow had never rejected dialogue with Kyiv\n"
    replace_in(
        shipped / "facts" / "istanbul-talks" / "positions.yaml",
        stance,
        stance + "    prompts: {mcq: 'In 2025, who, speaking after Sergei Lavrov, claimed that "
        "Moscow had never rejected dialogue with Kyiv?'}\n",
    )
    made = {q.id: q for q in generate(load_factbase(shipped / "facts"), seed=2025).questions}
    mcq = made["putin-never-rejected-dialogue.position-mcq"]
    assert "speaking after Sergei Lavrov" in mcq.prompt
    assert "Sergei Lavrov" not in mcq.choices and len(mcq.choices) == 4


def test_a_prompt_that_spells_out_every_word_of_the_answer_gives_it_away():
    from quizgen.questions.drafts import mentions_answer

    authority = (Answer("the Marrow Bay Port Authority", ("the port authority",)),)
    assert mentions_answer("Which authority runs the port of Marrow Bay?", authority)
    assert mentions_answer("Which body runs the harbour?", authority) is None
    assert mentions_answer("Who is the President of Russia?", (Answer("Vladimir Putin"),)) is None


def test_a_role_with_whose_is_asked_as_which_one_s(shipped_made):
    from quizgen.facts.kinds import Person
    from quizgen.questions.claims import role_question

    union = Person(
        id="u", source="s", topic="t", citations=("x",), name="the Dock Union",
        role="the union whose members went on strike", type="organisation",
    )  # fmt: skip
    assert role_question(union) == "In the article, which union's members went on strike?"


def test_a_prompt_that_all_but_spells_out_a_long_name_gives_it_away():
    from quizgen.questions.drafts import mentions_answer

    agency = (Answer("the Norvanian Medicines Agency"),)
    assert mentions_answer("Which organisation is the medicines regulator of Norvania?", agency)
    assert mentions_answer("Which body ordered the tests?", agency) is None
    # a list names the sort its members share: no member is given away by it
    societies = (Answer("the Eastwick Allotment Society"), Answer("the Riverside Growers"))
    assert mentions_answer("Name the two allotment societies in the coalition.", societies) is None


def test_a_number_another_question_prints_gives_it_away_however_short():
    from quizgen.questions.selection import _shows

    assert _shows(frozenset({"30"}), "the coast guard seized some 30 boats")
    assert not _shows(frozenset({"30"}), "the coast guard seized some 300 boats")


def test_a_wrong_date_is_one_of_a_fact_of_the_same_status():
    from types import SimpleNamespace

    from quizgen.facts.when import When
    from quizgen.questions.builders import _other_dates

    past, plan = When("2024-09", "x", status="happened"), When("2025-09", "y", status="due")
    say = SimpleNamespace(pools=SimpleNamespace(stated_dates=[past, plan]))
    due = SimpleNamespace(when=When("2025-06", "in June", status="due"))
    happened = SimpleNamespace(when=When("2023-06", "in June", status="happened"))
    assert _other_dates(say, due) == [plan]  # "due to close in September 2024": absurd
    assert _other_dates(say, happened) == [past]


def test_an_editor_sentence_without_its_full_stop_is_ended(shipped):
    replace_in(
        shipped / "facts" / "istanbul-talks" / "figures.yaml",
        'drone strikes by Russia in a single night."',
        'drone strikes by Russia in a single night"',
    )
    made = {q.id: q for q in generate(load_factbase(shipped / "facts"), seed=2025).questions}
    assert made["drone-strikes-monday.figure-tf.true"].prompt.endswith("in a single night.")


def test_a_who_prompt_saying_he_or_her_is_asked_by_short_answer_only(shipped_made):
    # "who expressed his commitment ...?": the pronoun would rule out any woman offered
    assert "putin-serious-negotiations.position-short" in shipped_made
    assert "putin-serious-negotiations.position-mcq" not in shipped_made


def test_a_side_of_the_story_is_no_wrong_member_of_a_list(second_made):
    # Sorrel Water, a party of the dispute, is curated as a wrong member of the coalition
    assert "coalition-groups.list-tf.not-sorrel-water" not in second_made
    assert "coalition-groups.list-tf.not-aldren-rotary-club" in second_made


def test_a_wrong_date_stays_near_the_right_one(second_made):
    # the dam was completed decades before the other dated events: no year of theirs is
    # offered as its date
    assert "dam-completed.event-tf.swap" not in second_made


def test_strict_check_warns_of_a_fact_asked_only_as_a_true_statement(cli, shipped):
    replace_in(
        shipped / "facts" / "istanbul-talks" / "timeline.yaml",
        "    false_statements:\n      - This week, the possibility of direct negotiations between "
        "Russia and Ukraine resurfaced after weeks without any diplomatic contact.\n",
        "",
    )
    assert cli("check", str(shipped)).exit_code == 0  # plain check makes no question
    result = cli("check", "--strict", str(shipped))
    assert result.exit_code == 1
    assert (
        "fact 'talks-idea-resurfaces': warning: only a true statement is made from this fact"
    ) in result.output
    assert "hint: add false_statements (one detail changed)" in result.output


def test_an_alias_with_a_title_is_no_giveaway_of_a_role():
    from quizgen.questions.drafts import mentions_answer

    chief = (Answer("Paul Bergin", ("Fire Chief Bergin", "Chief Bergin")),)
    assert mentions_answer("In the article, who is the fire chief of Varnholt?", chief) is None


def test_an_event_with_its_own_sentence_is_said_in_it_and_not_swapped(shipped):
    what = (
        "    what: Russian and Ukrainian negotiators held several rounds of direct discussions "
        "in Istanbul\n"
    )
    replace_in(
        shipped / "facts" / "istanbul-talks" / "timeline.yaml",
        what,
        what + "    sentence: Early in the 2022 war, negotiators met in Istanbul several times.\n",
    )
    before = {q.id for q in generate(load_factbase(ROOT / "facts"), seed=2025).questions}
    assert "istanbul-rounds-2022.event-tf.swap" in before
    made = {q.id: q for q in generate(load_factbase(shipped / "facts"), seed=2025).questions}
    assert made["istanbul-rounds-2022.event-tf.true"].prompt == (
        "True or false: Early in the 2022 war, negotiators met in Istanbul several times."
    )
    assert "istanbul-rounds-2022.event-tf.swap" not in made
