"""Grading, rule by rule: what is accepted, what is accepted as a typo, what is refused, with
the expected answer and the feedback shown. Most cases are real questions of the shipped deck
(by id); a few made-up questions cover what the deck has no example of."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.facts.loader import load_factbase
from quizgen.grading import (
    PARTIAL,
    RIGHT,
    TYPO,
    WRONG,
    Grader,
    Unreadable,
    choice_aliases,
    known_names,
    parse_number,
    spelling,
)
from quizgen.pipeline import deck_questions
from quizgen.questions import Answer, Question, balanced

from .conftest import ROOT
from .test_quiz import env_for, plan, quizgen


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


GAMBIA = make("short", [Answer("Gambia")])
NON_NUCLEAR = make("cloze", [Answer("non-nuclear")])
REALITIES = make("cloze", [Answer("current realities on the ground")])
TENS = make("cloze", [Answer("tens of thousands")])
IRAN = make("short", [Answer("Iran")])
CENTRE = make("short", [Answer("the city centre")])
DEFENCE = make("cloze", [Answer("defense ministry")])
ORDER = make("chronology", choices=["c", "a", "d", "b"], key=[1, 3, 0, 2])
ZELENSKY = "volodymyr-zelensky.person-short"
PUTIN = "vladimir-putin.person-short"
RUSSIA = "russia.person-short"
UNCONDITIONAL = make("cloze", [Answer("unconditional")])
TROOPS_CLOZE = make("cloze", [Answer("50,000")])
TROOPS = make("numeric", [Answer("50,000", ("50000",))], value=50000, unit="troops")
TYPED = "troop-ceiling-demand.figure-numeric"  # in its sentence: "... to _____ troops."
CRIMEA = "crimea-annexation.event-short"
COUNTRIES = "ceasefire-call-countries.list-list"
COUNTRIES_MULTI = "ceasefire-call-countries.list-multi"
UK_MCQ = make("mcq", choices=["Hungary", "Slovakia", "Greece", "United Kingdom"], key=[3])
SAID_BY = "zelensky-open-to-negotiations.quote-mcq"  # Vladimir Putin is a wrong choice
P5_MCQ = make("mcq", choices=["3", "10", "5", "7"], key=[2])
MONTHS = make("mcq", choices=["2014", "April 2022", "May 2022", "November 2023"], key=[1])
STEPS = (
    "Russia annexed the Crimean peninsula",
    "Russian and Ukrainian negotiators held several rounds of direct discussions in Istanbul",
    "David Arakhamia indicated that Ukrainian officials were hesitant to pursue constitutional "
    "changes that might jeopardize Ukraine's aspirations to join NATO",
    "The peace negotiations produced a joint communiqué but ended without an agreement",
)
CHRONOLOGY = make("chronology", choices=STEPS, key=[0, 1, 3, 2])
MATCHING = "person-matching.82022fbcb7"
TIMELINE = (
    "ABDC (Russia annexed the Crimean peninsula → Russian and Ukrainian negotiators held "
    "several rounds of direct discussions in Istanbul → The peace negotiations produced a "
    "joint communiqué but ended without an agreement → David Arakhamia indicated that "
    "Ukrainian officials were hesitant to pursue constitutional changes that might "
    "jeopardize Ukraine's aspirations to join NATO)"
)
FOUR = "A: France; B: United Kingdom; C: Germany; E: Poland"
LEADERS = "France, Germany, United Kingdom, Poland"
PAIRS = "1b 2e 3d 4c 5a"

# question, typed, verdict, credit, expected answer shown, feedback
CASES = [
    # form is forgiven: case, punctuation, article, aliases
    (ZELENSKY, "  volodymyr   ZELENSKY. ", RIGHT, 1, "Volodymyr Zelensky", ""),
    (ZELENSKY, "Zelenskyy", RIGHT, 1, "Volodymyr Zelensky", ""),
    (RUSSIA, "the Russian Federation", RIGHT, 1, "Russia", ""),
    (PUTIN, "President Putin", RIGHT, 1, "Vladimir Putin", ""),
    # spelling variants and joined / hyphenated / spaced forms are right, not typos
    (make("cloze", [Answer("honor")]), "honour", RIGHT, 1, "honor", ""),
    (NON_NUCLEAR, "nonnuclear", RIGHT, 1, "non-nuclear", ""),
    (NON_NUCLEAR, "non nuclear", RIGHT, 1, "non-nuclear", ""),
    (NON_NUCLEAR, "nuclear", WRONG, 0, "non-nuclear", ""),
    (CENTRE, "the city center", RIGHT, 1, "the city centre", ""),
    (DEFENCE, "Defence Ministry", RIGHT, 1, "defense ministry", ""),
    (make("short", [Answer("organized and travelled")]), "organised and traveled", RIGHT, 1,
     "organized and travelled", ""),
    # typos: forgiven, and the note names the spelling aimed at
    (ZELENSKY, "Zelenksy", TYPO, 1, "Volodymyr Zelensky",
     "Accepted with a typo: it is spelled “Zelensky”."),
    (ZELENSKY, "Volodimir Zelenski", TYPO, 1, "Volodymyr Zelensky",
     "Accepted with a typo: it is spelled “Volodymyr Zelensky”."),
    ("arakhamia-johnson-advice.cause-cloze.c1", "Boris Jonson", TYPO, 1, "Boris Johnson",
     "Accepted with a typo: it is spelled “Boris Johnson”."),  # a rare name: a typo still
    (RUSSIA, "Rusia", TYPO, 1, "Russia", "Accepted with a typo: it is spelled “Russia”."),
    (UNCONDITIONAL, "unconditonal", TYPO, 1, "unconditional",
     "Accepted with a typo: it is spelled “unconditional”."),
    (REALITIES, "current reality on the ground", TYPO, 1,
     "current realities on the ground",
     "Accepted with a typo: it is spelled “current realities on the ground”."),
    (COUNTRIES, "France, Germany, Britian, Poland", TYPO, 1, LEADERS,
     "4 of 4. Spelled: Britain."),
    (ZELENSKY, "Zelnskiii", WRONG, 0, "Volodymyr Zelensky", ""),  # too far
    # a typo that is another real word or name, or flips a negation, is refused
    (UNCONDITIONAL, "conditional", WRONG, 0, "unconditional",
     "Not a typo of “unconditional”: “conditional” and “unconditional” mean opposite "
     "things."),
    (make("cloze", [Answer("decree")]), "degree", WRONG, 0, "decree",
     "Not a typo of “decree”: “degree” is another word."),
    (RUSSIA, "Prussia", WRONG, 0, "Russia", "Not a typo of “Russia”: “prussia” is another word."),
    (ZELENSKY, "Zelenska", WRONG, 0, "Volodymyr Zelensky",
     "Not a typo of “Zelensky”: “zelenska” is another name."),
    (GAMBIA, "Zambia", WRONG, 0, "Gambia", "Not a typo of “Gambia”: “zambia” is another word."),
    (ZELENSKY, "Putin", WRONG, 0, "Volodymyr Zelensky", ""),
    (IRAN, "Irna", WRONG, 0, "Iran", ""),  # four letters: no typo tolerance
    (IRAN, "Iraq", WRONG, 0, "Iran", ""),
    # a right answer inside a short sentence that names no other candidate
    (PUTIN, "it was Putin", RIGHT, 1, "Vladimir Putin", ""),
    (ZELENSKY, "Zelensky, I think", RIGHT, 1, "Volodymyr Zelensky", ""),
    (PUTIN, "Putin, the President of Russia", RIGHT, 1, "Vladimir Putin", ""),  # the prompt's
    # a part of the name beside another first or last name is another person
    ("yury-ushakov.person-short", "Nikolai Ushakov", WRONG, 0, "Yury Ushakov",
     "Recognised “Ushakov”, but “Nikolai Ushakov” is another person than “Yury Ushakov”."),
    ("boris-johnson.person-short", "Lyndon Johnson", WRONG, 0, "Boris Johnson",
     "Recognised “Johnson”, but “Lyndon Johnson” is another person than “Boris Johnson”."),
    (PUTIN, "President Putin", RIGHT, 1, "Vladimir Putin", ""),
    (ZELENSKY, "Mr Zelensky", RIGHT, 1, "Volodymyr Zelensky", ""),
    ("zelensky-open-to-negotiations.quote-quote", "President Zelenskiy", RIGHT, 1,
     "Volodymyr Zelensky", ""),  # an alias beside a title: right, not a typo of another
    (TENS, "10s of thousands", RIGHT, 1, "tens of thousands", ""),
    ("yury-ushakov.person-short", "kremlin aide Ushakov", RIGHT, 1, "Yury Ushakov", ""),
    (PUTIN, "it was Vladmir Putin", TYPO, 1, "Vladimir Putin",
     "Accepted with a typo: it is spelled “Vladimir Putin”."),
    (ZELENSKY, "Putin or Zelensky", WRONG, 0, "Volodymyr Zelensky",
     "Recognised “Zelensky”, but the answer also names “putin”: give one answer."),
    (RUSSIA, "Russia and Ukraine", WRONG, 0, "Russia",
     "Recognised “Russia”, but the answer also names “ukraine”: give one answer."),
    (PUTIN, "Putin, Lavrov", WRONG, 0, "Vladimir Putin",
     "Recognised “Putin”, but the answer also names “lavrov”: give one answer."),
    (PUTIN, "not Putin", WRONG, 0, "Vladimir Putin",
     "Recognised “Putin”, but “not” leaves it open: give one answer."),
    (PUTIN, "I am fairly sure that it must have been Putin after all", WRONG, 0,
     "Vladimir Putin",
     "Recognised “Putin”, but it stands in a long sentence: type the answer alone."),
    # one number reader for every kind: numeric, a year, a blank whose answer is a number
    (TROOPS, "50 000 troops", RIGHT, 1, "50,000 troops", ""),
    (TROOPS, "fifty thousand", RIGHT, 1, "50,000 troops", ""),
    (TROOPS, "50k", RIGHT, 1, "50,000 troops", ""),
    (TROOPS, "50,001", WRONG, 0, "50,000 troops", ""),
    (TROOPS, "50,000 or 100,000", WRONG, 0, "50,000 troops",
     "Two different answers (50,000 and 100,000): give one."),
    (TROOPS_CLOZE, "50000", RIGHT, 1, "50,000", ""),
    (TROOPS_CLOZE, "fifty thousand", RIGHT, 1, "50,000", ""),
    (TROOPS_CLOZE, "50,000 or 100,000", WRONG, 0, "50,000",
     "Two different answers (50,000 and 100,000): give one."),
    (TROOPS_CLOZE, "lots", WRONG, 0, "50,000", ""),
    (make("cloze", [Answer("3")]), "three", RIGHT, 1, "3", ""),
    (TYPED, "fifty thousand", RIGHT, 1, "50,000", ""),
    (TYPED, "50000", RIGHT, 1, "50,000", ""),
    ("years-since-2022-talks.figure-numeric", "three", RIGHT, 1, "3", ""),
    (CRIMEA, "in 2014", RIGHT, 1, "2014", ""),
    (CRIMEA, "2041", WRONG, 0, "2014", ""),
    (CRIMEA, "twenty fourteen", RIGHT, 1, "2014", ""),
    (CRIMEA, "2014 or 2015", WRONG, 0, "2014", "Two different answers (2014 and 2015): give one."),
    ("istanbul-rounds-2022.event-short", "twenty twenty-two", RIGHT, 1, "2022", ""),
    (make("cloze", [Answer("March 2022")]), "March 2022", RIGHT, 1, "March 2022", ""),
    ("draft-nato-membership.position-cloze", "nato", RIGHT, 1,
     "NATO", ""),
    # lists: any order, partial credit
    (COUNTRIES, "poland; britain and germany, FRANCE", RIGHT, 1, LEADERS, "4 of 4."),
    (COUNTRIES, "France, Germany", PARTIAL, 0.5, LEADERS,
     "2 of 4. Missing: United Kingdom, Poland."),
    (COUNTRIES, "France, Germany, UK, Poland, Italy", PARTIAL, 0.8, LEADERS,
     "4 of 4. Not on the list: Italy."),
    (COUNTRIES, "Spain, Italy", WRONG, 0, LEADERS,
     "0 of 4. Missing: France, Germany, United Kingdom, Poland. Not on the list: Spain, Italy."),
    # multiple choice: the letter, the text, or an alias of exactly one choice
    (UK_MCQ, "d", RIGHT, 1, "D: United Kingdom", ""),
    (UK_MCQ, "UK", RIGHT, 1, "D: United Kingdom", ""),
    (UK_MCQ, "britain", RIGHT, 1, "D: United Kingdom", ""),
    (SAID_BY, "Putin", WRONG, 0, "D: Volodymyr Zelensky", ""),  # a wrong choice's alias
    (P5_MCQ, "5", RIGHT, 1, "C: 5", ""),
    (P5_MCQ, "three", WRONG, 0, "C: 5", ""),
    (MONTHS, "april 2022", RIGHT, 1, "B: April 2022", ""),
    ("war-deaths.figure-mcq", "tens of thousands", RIGHT, 1, "D: tens of thousands", ""),
    ("war-deaths.figure-mcq", "millions", WRONG, 0, "D: tens of thousands", ""),
    # select all: partial credit, and what was missed or wrongly picked
    (COUNTRIES_MULTI, "ABCE", RIGHT, 1, FOUR, ""),
    (COUNTRIES_MULTI, "France, UK, Germany, Poland", RIGHT, 1, FOUR, ""),
    (COUNTRIES_MULTI, "AB", PARTIAL, 0.5, FOUR, "Missing: C: Germany; E: Poland."),
    (COUNTRIES_MULTI, "ABCD", PARTIAL, 0.5, FOUR, "Missing: E: Poland. Not right: D: Greece."),
    (COUNTRIES_MULTI, "DF", WRONG, 0, FOUR,
     "Missing: A: France; B: United Kingdom; C: Germany; E: Poland. "
     "Not right: D: Greece; F: Serbia."),
    (make("tf", choices=["True", "False"], key=[1]), "False", RIGHT, 1, "False", ""),
    # order: credit by the longest run in the right order; the rest named out of place
    (CHRONOLOGY, "ABDC", RIGHT, 1, TIMELINE, ""),
    (CHRONOLOGY, "a, b, d, c", RIGHT, 1, TIMELINE, ""),
    (CHRONOLOGY, "A B D C", RIGHT, 1, TIMELINE, ""),
    (CHRONOLOGY, "BDCA", PARTIAL, 2 / 3, TIMELINE, "3 of 4 in order; out of place: A."),
    (CHRONOLOGY, "DCBA", PARTIAL, 1 / 3, TIMELINE, "2 of 4 in order; out of place: A, B."),
    (ORDER, "CADB", WRONG, 0, "BDAC (a → b → c → d)", "1 of 4 in order; out of place: A, B, D."),
    # matching: any separator or none, or the letters alone in the items' order
    (MATCHING, PAIRS, RIGHT, 1, PAIRS, ""),
    (MATCHING, "1b2e3d4c5a", RIGHT, 1, PAIRS, ""),
    (MATCHING, "1-b, 2:e, 3d; 4 c 5=a", RIGHT, 1, PAIRS, ""),
    (MATCHING, "bedca", RIGHT, 1, PAIRS, ""),
    (MATCHING, "1b 2e 3d 4a 5c", PARTIAL, 0.6, PAIRS,
     "3 of 5 pairs right. The others: 4. David Arakhamia — the negotiator who represented "
     "Ukraine in the 2022 peace discussions; 5. Boris Johnson — the British Prime Minister at "
     "the time of the 2022 talks"),
]  # fmt: skip


@pytest.fixture(scope="module")
def deck():
    ((_deck, _seed, questions),) = deck_questions(ROOT)
    return {q.id: q for q in questions}


@pytest.fixture(scope="module")
def grader(deck):
    return Grader(known_names(load_factbase(ROOT / "facts")), choice_aliases(deck.values()))


def question(deck, which):
    return deck[which] if isinstance(which, str) else which


@pytest.mark.parametrize(("which", "typed", "verdict", "score", "shown", "note"), CASES)
def test_grading_rules(deck, grader, which, typed, verdict, score, shown, note):
    grade = grader.grade(question(deck, which), typed)
    assert (grade.verdict, round(grade.score, 3)) == (verdict, round(score, 3)), grade
    assert (grade.expected, grade.note) == (shown, note)


def test_a_partial_list_says_what_is_missing_and_extra(deck, grader):
    grade = grader.grade(deck[COUNTRIES], "France, Germany, Italy")
    assert (grade.missing, grade.extra) == (("United Kingdom", "Poland"), ("Italy",))


@pytest.mark.parametrize(
    ("which", "typed", "message"),
    [
        (UK_MCQ, "e", "Answer with one letter A–D."),
        (UK_MCQ, "AB", "Answer with one letter A–D."),
        (UK_MCQ, "Narnia", "Answer with one letter A–D."),
        ("war-deaths.figure-mcq", "a few", "Answer with one letter A–D."),
        (
            MONTHS,
            "2022",
            "“2022” fits more than one choice: answer with a letter.",
        ),
        (COUNTRIES_MULTI, "France, Narnia", "Answer with letters A–H, e.g. “AC”."),
        (make("tf", choices=["True", "False"], key=[1]), "maybe", "Answer t (true) or f (false)."),
        (TROOPS, "lots", "Type a number, in digits or words."),
        (CHRONOLOGY, "AB", "Type every letter A–D once, earliest first, e.g. “DCBA”."),
        (MATCHING, "nothing", "Pairs like “1a 2e”."),
        (MATCHING, "1b 7a", "Pairs like “1a 2e”: numbers 1–5, letters a–e."),
    ],
)
def test_an_answer_of_the_wrong_form_is_asked_again(deck, grader, which, typed, message):
    with pytest.raises(Unreadable) as caught:
        grader.grade(question(deck, which), typed)
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
        ("twenty twenty-two", 2022),
        ("nineteen ninety-one", 1991),
        ("two thousand and fourteen", 2014),
        ("nothing", None),
    ],
)
def test_numbers_in_digits_and_words(text, value):
    assert parse_number(text) == value


def test_a_long_list_grades_in_near_linear_work(monkeypatch):
    """20,000 items (issue 12 took 21 s): each right item is one look-up, so no distance is
    computed for them, and only the typed items that match nothing exactly are compared."""
    names = [f"Member number {n:05d}" for n in range(20_000)]
    q = make("list", [Answer(n) for n in names])
    calls = []
    real = spelling.distance
    monkeypatch.setattr(
        "quizgen.grading.distance", lambda *a: calls.append(a) or real(*a), raising=True
    )
    grade = Grader().grade_list(q, list(reversed(names)))
    assert (grade.verdict, grade.score, calls) == (RIGHT, 1.0, [])
    grade = Grader().grade_list(q, [*names[:-1], "Membre number 19999"])
    assert grade.verdict == RIGHT or grade.verdict == TYPO
    assert len(calls) <= 2  # the one typed item not found exactly, against what is left


def _letters(q, indexes):
    return "".join("ABCDEFGH"[i] for i in indexes)


def test_quiz_and_review_json_with_a_partly_right_select_all(tmp_path):
    """The expected answer is text in the feedback, the Missed list and the JSON (it was a
    function, and --json ended in a TypeError)."""
    data = tmp_path / "data"
    (q,) = plan(1, 3, kinds=["multi"])
    answers = tmp_path / "answers.txt"
    answers.write_text(_letters(q, q.key[:1]) + "\n", encoding="utf-8")
    shown = "; ".join(f"{'ABCDEFGH'[i]}: {q.choices[i]}" for i in q.key)
    args = ["--kind", "multi", "--count", "1", "--answers", str(answers), "--json"]
    result = quizgen("quiz", "--seed", "3", *args, env=env_for(data))
    assert f"The answer: {shown}" in result.stderr
    assert f"{q.prompt} — {shown}" in result.stderr.replace("\n    ", " ")
    document = json.loads(result.stdout)
    assert document["missed"] == [{"id": q.id, "verdict": PARTIAL, "expected": shown}]
    ((_deck, _seed, questions),) = deck_questions(ROOT, kinds=["multi"])
    (fresh,) = balanced(questions, 1, 0)
    answers.write_text(_letters(fresh, fresh.key[:1]) + "\n", encoding="utf-8")
    result = quizgen("review", *args, env=env_for(tmp_path / "fresh"))
    document = json.loads(result.stdout)
    shown = "; ".join(f"{'ABCDEFGH'[i]}: {fresh.choices[i]}" for i in fresh.key)
    assert document["missed"] == [{"id": fresh.id, "verdict": PARTIAL, "expected": shown}]


TYPED = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(
            "or and not hundred thousand twenty one k % , - 1 2 50,000 2014 Putin Zelensky "
            "UK a b c 1b 2e 9999999999999999999999999999999999999999 ٣ — «".split(" ")
        ),
        max_size=8,
    ).map(" ".join),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(index=st.integers(0, 10_000), typed=TYPED)
def test_no_typed_answer_breaks_grading(deck, grader, index, typed):
    """Whatever is typed, for any question of the shipped deck: a grade, or a request to
    answer again in the expected form; never another exception."""
    questions = list(deck.values())
    q = questions[index % len(questions)]
    try:
        grade = grader.grade(q, typed)
    except Unreadable as asked:
        assert str(asked)
        return
    assert 0 <= grade.score <= 1 and isinstance(grade.expected, str) and grade.expected


def test_a_blank_that_is_a_persons_name_takes_their_other_names(deck, grader):
    """The cloze of "British Prime Minister Boris Johnson" is filled by "Johnson", as the
    short answer asking for him takes it; a blank that names no one keeps its one answer."""
    blank = deck["arakhamia-johnson-advice.cause-cloze.c1"]
    assert grader.grade(blank, "Johnson").verdict == "right"
    assert grader.grade(blank, "Boris Johnson").verdict == "right"
    assert deck["draft-intervention-guarantee.position-cloze"].answers[0].aliases == ()


def test_a_blank_takes_the_other_spellings_its_fact_gives(deck, grader):
    """`spellings: {EU: [European Union]}`: the long form fills the blank of "EU" in the
    quiz, as the term does; anything else stays wrong."""
    blank = deck["draft-eu-accession.position-cloze"]
    assert blank.answers[0].aliases == ("European Union",)
    assert grader.grade(blank, "European Union").verdict == "right"
    assert grader.grade(blank, "EU").verdict == "right"
    assert grader.grade(blank, "NATO").verdict == "wrong"


@pytest.mark.parametrize(
    ("answer", "typed"),
    [
        (Answer("PFAS", ("per- and polyfluoroalkyl substances",)),
         "PFAS (per- and polyfluoroalkyl substances)"),
        (Answer("Thomas Whitcombe", ("Tom Whitcombe",)), "Tom Whitcombe (Thomas Whitcombe)"),
        (Answer("Environment Agency", ("EA",)), "Environment Agency (EA)"),
    ],
)  # fmt: skip
def test_an_answer_typed_with_another_of_its_spellings_is_right(answer, typed):
    """The term and its long form (or a name and its short form) typed together name one
    answer; a word beside it that names something else still leaves it open."""
    grader = Grader(frozenset({"thomas whitcombe", "priya raman"}))
    assert grader.grade(make("cloze", [answer]), typed).verdict == "right"
    other = grader.grade(make("cloze", [answer]), f"{answer.text} or Priya Raman")
    assert other.verdict == "wrong"
