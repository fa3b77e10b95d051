"""Dates in questions (issues 15 and 16): each item placed and shown by its own moment,
states never ordered, plans not said to have happened, relative dates anchored, the time of
day, and "when" asked in plain English. Read on the shipped base and on the second source."""

from __future__ import annotations

import json
import shutil

import pytest

from quizgen.facts.kinds import When
from quizgen.questions.dates import when_question

from .conftest import DATA, replace_in


@pytest.fixture
def second(tmp_path):
    target = tmp_path / "second"
    shutil.copytree(DATA / "second-source", target)
    return target


def questions(cli, path) -> dict[str, dict]:
    result = cli("questions", "--format", "json", "--path", str(path))
    assert result.exit_code == 0, result.output
    return {q["id"]: q for deck in json.loads(result.stdout)["decks"] for q in deck["questions"]}


def with_timeline(cli, shipped, old: str, new: str) -> dict[str, dict]:
    """The shipped deck's questions after one edit of its timeline."""
    replace_in(shipped / "facts" / "istanbul-talks" / "timeline.yaml", old, new)
    return questions(cli, shipped)


def chronologies(made: dict[str, dict]) -> list[dict]:
    return [q for q in made.values() if q["kind"] == "chronology"]


def ordered(q: dict) -> list[str]:
    return [q["choices"][i] for i in q["key"]]


def test_an_item_that_names_another_date_is_never_ordered(cli, shipped):
    """ "In 2025, Putin accused Ukraine of halting the talks in March 2022": a reader sorting
    by the printed date would misplace it, and printing its own date places it for them."""
    made = questions(cli, shipped)
    ordered_ids = {f for q in chronologies(made) for f in q["fact_ids"]}
    assert "putin-accuses-ukraine-of-halting-talks" not in ordered_ids
    assert "russia-everything-stalled" not in ordered_ids  # "By June 2022, ... in April"
    assert not [c for q in chronologies(made) for c in q["choices"] if c.startswith("In 20")]
    # an item naming only its own year stays undated, and is ordered
    crimea = next(q for q in chronologies(made) if "crimea-annexation" in q["fact_ids"])
    assert "Russia annexed the Crimean peninsula" in crimea["choices"]
    # a state ("by May 2022, the talks had broken down") is never ordered
    assert "talks-broke-down-2022" not in ordered_ids


def test_neither_a_state_nor_a_plan_is_ordered(cli, shipped):
    made = questions(cli, shipped)
    ordered_ids = {f for q in chronologies(made) for f in q["fact_ids"]}
    assert "russia-silent-on-ceasefire" not in ordered_ids  # when: {status: state}
    assert "thursday-talks-2025" not in ordered_ids  # when: {status: due}
    # a plan is said with its date after it: "... to be held in Istanbul in 2025"
    assert made["thursday-talks-2025.event-tf.true"]["prompt"] == (
        "True or false: Putin proposed new direct talks with Ukraine, to be held in Istanbul "
        "in 2025."
    )
    result = cli("check", "--strict", str(shipped))
    assert result.exit_code == 0 and result.stdout.endswith("OK: no problems found.\n")


def test_the_chronology_guard_refuses_an_item_not_dated_by_its_own_moment(cli, shipped):
    timeline = shipped / "facts" / "istanbul-talks" / "timeline.yaml"
    replace_in(timeline, "order: 6, status: due}", "order: 6}")
    replace_in(  # worded as a plan still to come
        timeline,
        "what: Putin proposed new direct talks with Ukraine, to be held in Istanbul",
        "what: new direct talks between Russia and Ukraine, proposed by Putin, were due to be "
        "held in Istanbul",
    )
    positions = shipped / "facts" / "istanbul-talks" / "positions.yaml"
    replace_in(positions, "order: 5, status: state}", "order: 5}")
    made = questions(cli, shipped)
    ordered_ids = {f for q in chronologies(made) for f in q["fact_ids"]}
    assert not {"russia-silent-on-ceasefire", "thursday-talks-2025"} & ordered_ids
    result = cli("check", str(shipped))
    assert result.exit_code == 0
    assert (
        "facts/istanbul-talks/positions.yaml:38: fact 'russia-silent-on-ceasefire': warning: "
        "no chronology item from this fact: 'Russia had not yet accepted the Western-led call "
        "for a 30-day ceasefire' reads as a standing state, with no moment to order it by\n"
        "  hint: mark it `when: {status: state}` (never ordered), or word it as the moment it "
        "began\n"
    ) in result.stdout
    assert (
        "facts/istanbul-talks/timeline.yaml:85: fact 'thursday-talks-2025': warning: no "
        "chronology item from this fact: 'New direct talks between Russia and Ukraine, proposed "
        "by Putin, were due to be held in Istanbul' is still to come: its date (this week) is "
        "when it is due, not when it happened\n"
    ) in result.stdout
    assert cli("check", "--strict", str(shipped)).exit_code == 1


def test_relative_dates_are_anchored_in_true_and_curated_false_sentences(cli, shipped):
    made = questions(cli, shipped)
    assert made["putin-proposal-reaction.event-tf.true"]["prompt"].startswith(
        "True or false: In 2025, Putin's proposal of new direct talks in Istanbul appeared"
    )
    assert made["zelensky-russian-ultimatums.cause-tf.false-1"]["prompt"] == (
        "True or false: In 2025, Volodymyr Zelensky stated that the 2022 talks broke "
        "down because Ukraine demanded Putin's resignation."
    )
    # a label that names its year needs no anchor; a swapped date is a date of its own
    assert made["istanbul-rounds-2022.event-tf.swap"]["prompt"] == (
        "True or false: In 2014, Russian and Ukrainian negotiators held several rounds of "
        "direct discussions in Istanbul."
    )
    # what may have happened more than once is not swapped: another date is not false
    assert "joint-communique-no-agreement.event-tf.swap" not in made


def test_anchors_say_what_the_label_does_not():
    assert When("2025", "late on Saturday").anchored() == "in 2025"
    assert When("2025", "this year").anchored() == "in 2025"
    assert When("2022-summer", "last summer").anchored() == "in the summer of 2022"
    assert When("2023-03", "last week").anchored() == "in March 2023"
    assert When("2023-03-13", "on Monday").anchored() == "on Monday, 13 March 2023"
    # what else the label says stays; an anchor of the editor's is said as given
    assert When("2025", "shortly before the vote on Saturday").anchored() == (
        "in 2025, shortly before the vote"
    )
    assert When("2025", "on Saturday", anchor="May 2025").anchored() == "in May 2025"
    assert When("2025", "on Saturday", anchor="at the summit").anchored() == "at the summit"
    assert When("2022-04", "in early April 2022").anchored() == "in early April 2022"
    assert When("2025", "this year", anchor="").anchored() == "this year"


def test_time_of_day_orders_a_day_and_ends_a_sentence_once(cli, second):
    morning = When("2023-03-13", "on Monday morning", time="9:15 a.m.")
    night = When("2023-03-13", "late on Monday", time="22:30")
    assert morning.known_before(night) and not night.known_before(morning)
    assert not When("2023-03-13", "on Monday").known_before(night)  # no time: not settled
    timeline = second / "facts" / "aldren-dam" / "timeline.yaml"
    replace_in(
        timeline,
        'when: {date: 2023-03-13, time: "10:30 p.m.", label: "at 10:30 p.m. on Monday"}',
        "when: {date: 2023-03-13, time: 10:30 p.m., label: on Monday}",
    )
    replace_in(
        timeline,
        "rationing on four districts\n    when:",
        "rationing on four districts, at the end of a session at 10:30 p.m.\n    when:",
    )
    made = questions(cli, second)
    assert made["council-vote.event-tf.true"]["explanation"] == (
        "True. On Monday, 13 March 2023, Aldren city council voted to impose night-time water "
        "rationing on four districts, at the end of a session at 10:30 p.m."
    )


def test_a_time_of_day_is_checked_and_makes_the_default_label(cli, second):
    timeline = second / "facts" / "aldren-dam" / "timeline.yaml"
    shown = 'when: {date: 2023-03-13, time: "10:30 p.m.", label: "at 10:30 p.m. on Monday"}'
    replace_in(timeline, shown, 'when: {date: 2023-03-13, time: "10:30 p.m."}')
    made = questions(cli, second)
    assert made["council-vote.event-tf.true"]["prompt"].startswith(
        "True or false: At 10:30 p.m. on 13 March 2023, Aldren city council voted"
    )
    replace_in(timeline, 'time: "10:30 p.m."}', 'time: "25:00", status: over}')
    result = cli("check", str(second))
    assert result.exit_code == 1
    assert (
        "facts/aldren-dam/timeline.yaml:44: fact 'council-vote': field 'when': '25:00' is not "
        "a time of day\n  hint: write 10:30 p.m. or 22:30\n"
    ) in result.output


def test_what_is_still_to_come_is_not_said_to_have_happened(cli, second):
    made = questions(cli, second)
    assert not [q for q in chronologies(made) if "council-meets-thursday" in q["fact_ids"]]
    past = [q for q in chronologies(made) if "dam-completed" in q["fact_ids"]]
    assert past[0]["prompt"] == "Put these in the order they happened, earliest first."
    assert made["council-meets-thursday.event-tf.true"]["prompt"] == (
        "True or false: The council is due to consider the Municipal Workers' Union's demand at "
        "a meeting on Thursday, 16 March 2023."
    )
    assert when_question("the council is due to meet again") == (
        "When is the council due to meet again?"
    )


def test_when_is_asked_in_plain_english_and_keeps_whose_account_it_is(cli, shipped):
    made = questions(cli, shipped)
    assert when_question("mass civilian killings were discovered in Bucha", "When") == (
        "When were mass civilian killings discovered in Bucha?"
    )
    assert made["crimea-annexation.event-short"]["prompt"] == (
        "Fill in the year: In _____, Russia annexed the Crimean peninsula."
    )
    # its one of four would have "2014" among months: wrong dates are said as precisely
    assert "crimea-annexation.event-mcq" not in made
    assert when_question("Russia annexed the Crimean peninsula", "When", "2014") == (
        "Fill in the date: In _____, Russia annexed the Crimean peninsula."
    )
    assert not [q for q in made.values() if "did this happen" in q["prompt"]]
    annexed = "    what: Russia annexed"
    made = with_timeline(cli, shipped, annexed, "    according_to: ukraine\n" + annexed)
    assert made["crimea-annexation.event-short"]["prompt"] == (
        "Fill in the year: According to Ukraine, in _____, Russia annexed the Crimean peninsula."
    )
    assert when_question("Russia annexed the Crimean peninsula", "When", "2014", "Ukraine") == (
        "Fill in the date: According to Ukraine, in _____, Russia annexed the Crimean peninsula."
    )


def test_true_or_false_starts_with_a_capital(cli, shipped):
    ended = "- The 2022 peace negotiations ended"
    made = with_timeline(cli, shipped, ended, ended.replace("The", "the"))
    assert made["joint-communique-no-agreement.event-tf.false-1"]["prompt"] == (
        "True or false: The 2022 peace negotiations ended with a signed peace agreement."
    )


def test_a_speaker_s_own_words_are_no_plan_of_the_item():
    from types import SimpleNamespace

    from quizgen.questions.several import misplaced

    fact = SimpleNamespace(when=When("2025-05-01", "on Thursday"))
    quoted = "Ines Varga said, “Our members will not go back to the cranes for a promise.”"
    assert misplaced(fact, quoted) is None
    planned = misplaced(fact, "The union will vote on the offer")
    assert planned is not None and "is still to come" in planned[0]
