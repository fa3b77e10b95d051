"""The text helpers' quick paths (issue 17's cold build) give what their general rules give."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen import text
from quizgen.questions import guards

# ASCII, the typographic marks an article holds, accented letters, other spaces and symbols
CHARS = st.sampled_from(
    list("ab cA.'’s,;:!?\"()[]-") + list("“”‘«»—–…„·•") + ["é", "Ü", "ß", "\u00a0", "€", "ﬁ"]
)
WORDS = st.lists(
    st.sampled_from(["the", "talks", "in", "Istanbul", "talks,", "“talks”", "U.S.", "it’s"]),
    max_size=14,
)


@settings(max_examples=400, deadline=None)
@given(st.text(CHARS, max_size=40))
def test_folding_by_the_quick_path_is_folding_by_the_unicode_rule(sample):
    assert text._tidy(text._bare(sample)) == text._tidy(text._bare_unicode(sample)), repr(sample)


def test_typographic_text_takes_the_quick_path_and_folds_as_before():
    assert text.fold("The “Istanbul” talks — Ukraine’s…") == "istanbul talks ukraine"
    assert text.fold("Zelensky’s «offer»") == "zelensky offer"
    assert text.fold("Café Ünter") == "cafe unter"  # accents: the Unicode rule


@settings(max_examples=400, deadline=None)
@given(st.one_of(WORDS.map(" ".join), st.text(CHARS, max_size=60)))
def test_the_quick_repeat_test_clears_no_text_with_a_repeated_phrase(sample):
    """`_words_said_again` may let a text through to the sentence scan, never clear one the
    scan would refuse."""
    if guards._repeated_in_a_sentence(sample) is not None:
        assert guards._words_said_again(sample), repr(sample)


def test_a_repeated_phrase_in_quoted_words_is_still_found():
    said = "Who said “the talks in Istanbul” and then “the talks in Istanbul” again?"
    assert guards.repeated_phrase(said) is not None
    assert guards.repeated_phrase("Who spoke of the talks in Istanbul?") is None


NAME_WORDS = ["Marrow", "Bay", "Port", "Authority", "Norvanian", "Norvania", "medicines", "of"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*NAME_WORDS, "the", "which", "Norvanese", "regulator"]), max_size=10),
    st.lists(st.sampled_from(NAME_WORDS), min_size=2, max_size=4),
    st.booleans(),
)
def test_the_quick_spelled_out_test_clears_no_prompt_that_spells_the_name(prompt, name, own):
    """`_may_be_spelled_out` may let a prompt through to _spelled_out, never clear one that
    spells the answer's name out."""
    from quizgen.questions import drafts

    prompt, name = " ".join(prompt) + "?", " ".join(name)
    said = {w.lower() for w in drafts._NAME_WORD.findall(prompt)}
    stems = {w[:6] for w in said if len(w) >= 6}
    if drafts._spelled_out(said, stems, name, own):
        assert drafts._may_be_spelled_out(prompt.lower(), name, own), (prompt, name)


def test_a_fact_without_its_date_is_what_dataclasses_replace_makes():
    """`without_date` copies a fact's fields instead of running its __init__ again: the
    same fact, for every fact kind, while no fact class has a __post_init__ to skip."""
    import dataclasses

    from quizgen.facts.kinds import FACT_KINDS
    from quizgen.facts.loader import load_factbase
    from quizgen.questions.dates import without_date

    assert not any(hasattr(cls, "__post_init__") for cls in FACT_KINDS.values())
    base = load_factbase(Path(__file__).resolve().parent.parent / "facts")
    dated = [f for f in base.facts if getattr(f, "when", None) is not None]
    assert {f.kind for f in dated} >= {"event", "position", "cause", "quote"}
    for fact in dated:
        copy = without_date(fact)
        assert copy == dataclasses.replace(fact, when=None) and type(copy) is type(fact)
        assert fact.when is not None  # the fact itself keeps its date


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        st.sampled_from(list("ab .,“”\t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000\u2009é")), max_size=30
    )
)
def test_a_rendered_block_on_one_line_is_its_words_joined_by_one_space(sample):
    """The engine's quick test for text already on one line gives what `" ".join(split())`
    gives, whatever whitespace a template leaves."""
    from quizgen.text import one_line as _one_line

    assert _one_line(sample) == " ".join(sample.split()), repr(sample)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "talks", "a", "in", "Istanbul", "“talks”", "at", "ended."]),
        max_size=12,
    ),
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 3),
    st.integers(0, 3),
    st.sampled_from(["", " x", " talks in"]),
)
def test_a_citation_is_found_through_the_word_index_as_a_plain_search_finds_it(
    words, first, count, cut_front, cut_back, extra
):
    """`Article.contains` finds a passage through its rarest inner word: the same verdict as
    looking for the normalised passage in the normalised article, for any run of its words,
    the first and last cut mid-word ("a" stands inside "talks" and "at": the anchor is
    found as a word, not as letters)."""
    from quizgen.facts.article import Article, normalise

    text = " ".join(words)
    article = Article(text)
    passage = " ".join(words[first : first + count])
    passage = passage[cut_front : len(passage) - cut_back] + extra
    expected = bool(normalise(passage)) and normalise(passage) in article.normal
    assert article.contains(passage) == expected, (text, passage)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Istanbul", "Kyiv", "said", " ", ". ", "? ", ": ", "x", "_", "É", "Moscow", "’s"]
        ),
        max_size=10,
    ).map("".join)
)
def test_the_names_a_prompt_says_are_what_the_lookbehind_pattern_finds(sample):
    """`pointing_name`'s scan for capitalised words, each checked after it is found, finds
    what the one pattern with its lookbehinds finds (not a sentence's first word, nor a
    word glued to a letter before it)."""
    import re

    pattern = r"(?<![.?!:] )(?<!^)\b[A-Z][a-z]{3,}\b"
    assert guards._names_in(sample) == set(re.findall(pattern, sample)), repr(sample)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab “”«»\"'.")), max_size=20), st.sampled_from([" ", "“…”"]))
def test_text_unquoted_is_the_quoted_passages_replaced(sample, by):
    """`text.unquoted` skips the pattern only where no passage can open."""
    assert text.unquoted(sample, by) == text.QUOTED.sub(by, sample), repr(sample)


# each phrase one of the relative-date patterns finds, among words they do not
RELATIVE = st.sampled_from(
    ["on Monday", "SATURDAY night", "last year", "this Month", "next week", "two weeks ago",
     "days ago", "Yesterday", "today", "tomorrow", "tonight", "at the time of writing",
     "in spring", "this autumn", "next Fall", "last winter", "this summer", "a year ago"]
)  # fmt: skip
FILLER = st.lists(st.sampled_from(["on", "the", "talks", "in", "late", "a", "ago"]), max_size=3)


@settings(max_examples=300, deadline=None)
@given(FILLER.map(" ".join), st.one_of(st.just(""), RELATIVE), FILLER.map(" ".join))
def test_the_quick_relative_date_test_clears_no_text_the_patterns_find(before, said, after):
    """`when.may_be_relative` passes at once only text in which neither relative-date
    pattern finds anything."""
    from quizgen.facts import when

    sample = f"{before} {said} {after}"
    found = when._RELATIVE.search(sample) or when._AGO.search(sample)
    assert when.may_be_relative(sample) or not found, repr(sample)


def test_a_question_made_slot_by_slot_is_the_dataclass_made_by_keywords():
    """`question.new_question` (the engine's) makes what `Question(**fields)` makes, pickles
    back to it, and refuses a field Question has not, as the keyword would."""
    import pickle

    import pytest

    from quizgen.questions.question import Answer, Question, new_question

    head = ("f.t", "mcq", "topic", "Who?", (Answer("A", ("a",)),), "Because.", ("c",), ("f",))
    head += ("t", "")
    shown = {"choices": ("A", "B", "C", "D"), "key": (0,)}
    made = new_question(head, shown, (None, None, "src"))
    names = ("id", "kind", "topic", "prompt", "answers", "explanation", "citations")
    names += ("fact_ids", "template", "variant")
    expected = Question(**dict(zip(names, head)), **shown, source="src")
    assert made == expected and repr(made) == repr(expected)
    assert pickle.loads(pickle.dumps(made, pickle.HIGHEST_PROTOCOL)) == expected
    with pytest.raises(TypeError, match="unexpected question fields"):
        new_question(head, {"choice": ("A",)}, (None, None, "src"))
