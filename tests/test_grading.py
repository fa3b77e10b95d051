"""Grading, rule by rule: what is accepted, what is accepted as a typo, what is refused."""

from __future__ import annotations

import pytest

from quizgen.factbase import load_factbase
from quizgen.grading import (
    PARTIAL,
    RIGHT,
    TYPO,
    WRONG,
    Grader,
    Unreadable,
    known_names,
    parse_number,
)
from quizgen.questions import Answer, Question

from .conftest import ROOT


def make(kind, answers=(), choices=(), key=(), items=(), value=None, unit=None):
    return Question(
        id=f"test.{kind}",
        kind=kind,
        topic="people",
        prompt="?",
        answers=tuple(answers),
        explanation="",
        citations=("x",),
        fact_ids=("x",),
        template="t",
        choices=tuple(choices),
        key=tuple(key),
        items=tuple(items),
        value=value,
        unit=unit,
    )


ZELENSKY = make("short", [Answer("Volodymyr Zelensky", ("Zelensky", "Zelenskyy", "Zelenskiy"))])
TURKEY = make("short", [Answer("Turkey", ("Türkiye",))])
UK = make("short", [Answer("United Kingdom", ("UK", "Britain"))])
GAMBIA = make("short", [Answer("Gambia")])
IRAN = make("short", [Answer("Iran")])
TROOPS = make("numeric", [Answer("50,000", ("50000",))], value=50000.0, unit="troops")
YEAR = make("short", [Answer("2014")], value=2014.0)
CEASEFIRE_LIST = make(
    "list",
    [
        Answer("France"),
        Answer("Germany"),
        Answer("United Kingdom", ("UK", "Britain")),
        Answer("Poland"),
    ],
)
MCQ = make("mcq", choices=["Sweden", "Brazil", "Belarus", "Hungary"], key=[2])
MULTI = make("multi", choices=["Spain", "Russia", "China", "Japan", "France"], key=[1, 2, 4])
TF_FALSE = make("tf", choices=["True", "False"], key=[1])
ORDER = make("chronology", choices=["c", "a", "d", "b"], key=[1, 3, 0, 2])
MATCH = make(
    "matching",
    items=["Putin", "Ushakov", "Johnson"],
    choices=["aide", "PM", "president"],
    key=[2, 0, 1],
)

CASES = [
    # typed text: form is forgiven
    (ZELENSKY, "Volodymyr Zelensky", RIGHT, 1.0),
    (ZELENSKY, "  volodymyr   ZELENSKY. ", RIGHT, 1.0),
    (ZELENSKY, "Zelenskyy", RIGHT, 1.0),  # an alias
    (ZELENSKY, "zelensky!", RIGHT, 1.0),
    (TURKEY, "Turkiye", RIGHT, 1.0),  # accents folded
    (TURKEY, "türkiye", RIGHT, 1.0),
    (UK, "the United Kingdom", RIGHT, 1.0),  # a leading article
    (UK, "Britain", RIGHT, 1.0),
    # typos: forgiven, more in longer answers
    (ZELENSKY, "Zelenksy", TYPO, 1.0),  # a transposition in 8 letters
    (ZELENSKY, "Volodimir Zelenski", TYPO, 1.0),  # two in 17 letters
    (UK, "United Kingdon", TYPO, 1.0),
    (ZELENSKY, "Zelnskiii", WRONG, 0.0),  # too far
    # refused: another real answer, very short answers, numbers and dates
    (ZELENSKY, "Putin", WRONG, 0.0),
    (GAMBIA, "Zambia", WRONG, 0.0),  # one letter off, but another country
    (IRAN, "Irna", WRONG, 0.0),  # four letters: no typo tolerance
    (IRAN, "Iraq", WRONG, 0.0),
    (YEAR, "2014", RIGHT, 1.0),
    (YEAR, "2041", WRONG, 0.0),
    (YEAR, "in 2014", RIGHT, 1.0),
    # numbers, in digits or words
    (TROOPS, "50,000", RIGHT, 1.0),
    (TROOPS, "50000", RIGHT, 1.0),
    (TROOPS, "50 000 troops", RIGHT, 1.0),
    (TROOPS, "fifty thousand", RIGHT, 1.0),
    (TROOPS, "50k", RIGHT, 1.0),
    (TROOPS, "50,001", WRONG, 0.0),  # no typo tolerance for numbers
    (TROOPS, "five thousand", WRONG, 0.0),
    # lists: any order, partial credit
    (CEASEFIRE_LIST, "France, Germany, UK, Poland", RIGHT, 1.0),
    (CEASEFIRE_LIST, "poland; britain and germany, FRANCE", RIGHT, 1.0),
    (CEASEFIRE_LIST, "France, Germany", PARTIAL, 0.5),
    (CEASEFIRE_LIST, "France, Germany, Britain, Poland, Italy", PARTIAL, 0.8),
    (CEASEFIRE_LIST, "Frnace, Germany, UK, Poland", TYPO, 1.0),
    (CEASEFIRE_LIST, "Spain, Italy", WRONG, 0.0),
    # letters
    (MCQ, "c", RIGHT, 1.0),
    (MCQ, "C)", RIGHT, 1.0),
    (MCQ, "belarus", RIGHT, 1.0),  # the choice's text
    (MCQ, "b", WRONG, 0.0),
    (MULTI, "BCE", RIGHT, 1.0),
    (MULTI, "e, c, b", RIGHT, 1.0),
    (MULTI, "BC", PARTIAL, 2 / 3),
    (MULTI, "BCA", PARTIAL, 1 / 3),
    (MULTI, "AD", WRONG, 0.0),
    (TF_FALSE, "f", RIGHT, 1.0),
    (TF_FALSE, "False", RIGHT, 1.0),
    (TF_FALSE, "t", WRONG, 0.0),
    (ORDER, "BDAC", RIGHT, 1.0),
    (ORDER, "b d a c", RIGHT, 1.0),
    (ORDER, "BDCA", PARTIAL, 0.5),
    (ORDER, "ABCD", WRONG, 0.0),
    (MATCH, "1c 2a 3b", RIGHT, 1.0),
    (MATCH, "3b, 1-c, 2:a", RIGHT, 1.0),
    (MATCH, "1c 2b 3a", PARTIAL, 1 / 3),
]


@pytest.fixture(scope="module")
def grader():
    return Grader(known_names(load_factbase(ROOT / "facts")))


@pytest.mark.parametrize(("question", "response", "verdict", "score"), CASES)
def test_grading_rules(grader, question, response, verdict, score):
    grade = grader.grade(question, response)
    assert (grade.verdict, round(grade.score, 3)) == (verdict, round(score, 3)), grade


def test_a_typo_shows_the_expected_spelling(grader):
    grade = grader.grade(ZELENSKY, "Zelenksy")
    assert grade.note == "Accepted with a typo: it is spelled “Volodymyr Zelensky”."


def test_a_partial_list_says_what_is_missing_and_extra(grader):
    grade = grader.grade(CEASEFIRE_LIST, "France, Germany, Italy")
    assert grade.missing == ("United Kingdom", "Poland")
    assert grade.extra == ("Italy",)
    assert grade.note == "2 of 4. Missing: United Kingdom, Poland. Not on the list: Italy."


@pytest.mark.parametrize(
    ("question", "response", "message"),
    [
        (MCQ, "e", "Answer with one letter A–D."),
        (MCQ, "AB", "Answer with one letter A–D."),
        (TF_FALSE, "maybe", "Answer t (true) or f (false)."),
        (TROOPS, "lots", "Type a number, in digits or words."),
        (ORDER, "AB", "Type every letter A–D once, earliest first, e.g. “DCBA”."),
        (MATCH, "nothing", "Pairs like “1a 2c”."),
    ],
)
def test_an_answer_of_the_wrong_form_is_asked_again(grader, question, response, message):
    with pytest.raises(Unreadable) as caught:
        grader.grade(question, response)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("50,000", 50000),
        ("fifty thousand", 50000),
        ("one hundred and twenty", 120),
        ("twenty-five", 25),
        ("3.5 million", 3_500_000),
        ("around 20%", 20),
        ("over 100 drone strikes", 100),
        ("nothing", None),
    ],
)
def test_numbers_in_digits_and_words(text, value):
    assert parse_number(text) == value
