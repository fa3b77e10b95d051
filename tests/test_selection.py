"""Issue 17: each output chooses its questions; forms and quiz sessions without giveaways."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter

from quizgen.build import chosen_for
from quizgen.forms import make_forms
from quizgen.pipeline import deck_questions
from quizgen.questions.selection import front, gives_away, policy_for
from quizgen.quiz.start import select_for_quiz

from .conftest import ROOT


@functools.cache
def shipped_bank():
    ((deck, seed, questions),) = deck_questions(ROOT)
    return deck, seed, questions


def test_the_anki_selection_favours_recall_and_caps_true_false_and_facts():
    deck, seed, questions = shipped_bank()
    kept, summary = chosen_for(deck, "apkg", questions, None, seed)
    kinds = Counter(q.kind for q in kept)
    assert kinds["tf"] <= 0.10 * len(kept)
    per_fact = Counter(f for q in kept for f in q.fact_ids)
    assert max(per_fact.values()) <= 3
    assert len({front(q) for q in kept}) == len(kept)
    recall = sum(kinds[k] for k in ("list", "quote", "numeric", "cloze", "short"))
    assert recall > len(kept) / 2
    for q in kept:  # no kept card prints a kept sibling's answer
        siblings = [s for s in kept if s is not q and set(s.fact_ids) & set(q.fact_ids)]
        assert not any(gives_away(q, s) for s in siblings), q.id
    left = len(questions) - len(kept)
    assert summary.startswith(f"took {len(kept)} of {len(questions)} questions; left out: ")
    per_kind = dict(re.findall(r"([a-z]+) (\d+) \(", summary))
    assert sum(map(int, per_kind.values())) == left
    assert f"tf {Counter(q.kind for q in questions)['tf'] - kinds['tf']} (" in summary


def test_the_lms_exports_keep_the_whole_bank_and_a_recipe_can_change_anki():
    deck, seed, questions = shipped_bank()
    for fmt in ("gift", "moodle", "qti", "md", "json"):
        kept, summary = chosen_for(deck, fmt, questions, None, seed)
        assert (
            kept == questions and summary == f"took {len(questions)} of {len(questions)} questions"
        )
    import dataclasses

    narrow = dataclasses.replace(deck, select={"anki": {"kinds": ("cloze", "mcq"), "per_fact": 1}})
    kept, summary = chosen_for(narrow, "apkg", questions, None, seed)
    assert {q.kind for q in kept} == {"cloze", "mcq"}
    assert max(Counter(f for q in kept for f in q.fact_ids).values()) == 1
    assert "kind not taken" in summary
    assert (
        policy_for("anki", {"anki": {"kinds": None, "prefer": (), "per_fact": None}}).per_fact
        is None
    )


def test_both_printed_forms_hold_no_two_questions_on_a_fact_and_no_giveaway():
    deck, seed, questions = shipped_bank()
    for count in (None, 40):
        chosen, _ = chosen_for(deck, "pdf", questions, count, seed)
        assert len(chosen) == (count or deck.worksheet.count)
        titles = {q.topic: q.topic for q in chosen}
        for form in make_forms(chosen, ("A", "B"), seed, deck.worksheet.points, titles):
            on_form = [item.question for item in form.items]
            facts = Counter(f for q in on_form for f in q.fact_ids)
            assert max(facts.values()) == 1, facts.most_common(2)
            for q in on_form:
                assert not any(gives_away(q, o) for o in on_form if o is not q), q.id


def test_a_quiz_session_asks_each_fact_once():
    _deck, _seed, questions = shipped_bank()
    for seed in range(20):
        session = select_for_quiz(questions, 30, seed)
        assert len(session) == 30
        facts = Counter(f for q in session for f in q.fact_ids)
        assert max(facts.values()) == 1, (seed, facts.most_common(2))


def test_a_quiz_of_one_fact_asks_one_question_and_the_next_waits(mini, cli):
    (mini / "answers.txt").write_text("t\n" * 20)
    args = ("quiz", "--answers", "answers.txt", "--kind", "tf", "--count", "20", "--json")
    result = cli(*args, "--seed", "1", cwd=mini)
    assert result.exit_code == 0, result.output
    asked = [a["id"] for a in json.loads(result.stdout)["answers"]]
    ((_deck, _seed, questions),) = deck_questions(mini)
    fact_of = {q.id: q.fact_ids for q in questions}
    facts = [f for i in asked for f in fact_of[i]]
    assert len(facts) == len(set(facts)) == len({f for q in questions if q.kind == "tf"
                                                  for f in q.fact_ids})  # fmt: skip


def test_a_bad_select_setting_names_the_field(mini, cli):
    recipe = mini / "decks" / "mini.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "select: {anki: {cards: 2}}\n")
    result = cli("build", "--format", "apkg", cwd=mini)
    assert result.exit_code == 1
    assert "field 'select': 'anki': give kinds and/or per_fact, or all" in result.stderr


def test_positions_keep_a_facts_cards_20_apart_in_a_deck_of_about_150():
    from quizgen.exporters.anki_order import GAP, interleaved
    from quizgen.questions.selection import ANKI_ORDER, Policy, choose

    _deck, _seed, questions = shipped_bank()
    cards = choose(questions, Policy(prefer=ANKI_ORDER, per_fact=3)).kept  # no other rule
    assert len(cards) >= 140
    order = interleaved(cards)
    assert sorted(q.id for q in order) == sorted(q.id for q in cards)
    last: dict[str, int] = {}
    for position, q in enumerate(order):
        for f in q.fact_ids:
            assert position - last.get(f, -GAP) >= GAP, (q.id, position, last[f])
            last[f] = position
    for day in range(0, len(order) - GAP, GAP):  # a day of 20 new cards: several topics
        assert len({q.topic for q in order[day : day + GAP]}) >= 3


def test_normalising_a_text_folds_its_case_and_its_whitespace_whatever_the_spaces():
    from quizgen.questions.selection import _norm

    spaced = ("who  signed", "who\tsigned", "who\u00a0signed", "who\nsigned", "who\u2009signed")
    for text in ("Who Signed", " who signed", "who signed ", *spaced, "", " ", "STRASSE ß"):
        assert _norm(text) == " ".join(text.casefold().split()), repr(text)
