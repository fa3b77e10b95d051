"""Anki decks, checked with the official `anki` package: import, re-import, update in place."""

from __future__ import annotations

import html
import re
import zipfile
from collections import Counter
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from quizgen.exporters import anki as anki_exporter
from quizgen.facts.loader import load_factbase
from quizgen.pipeline import deck_questions

from .conftest import ROOT, replace_in


def anki_questions(project: Path) -> list:
    """The questions the deck takes (questions/selection.py), as the build chooses them."""
    from quizgen.build import chosen_for

    ((deck, seed, questions),) = deck_questions(project)
    return chosen_for(deck, "apkg", questions, None, seed)[0]


def build(cli, project: Path, *extra: str, epoch: str = "1700000000", monkeypatch=None):
    if monkeypatch is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = cli("build", "--format", "apkg", *extra, cwd=project)
    assert result.exit_code == 0, result.output
    return result


def import_into(col: Collection, apkg: Path):
    request = ImportAnkiPackageRequest(
        package_path=str(apkg),
        options=ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False),
    )
    return col.import_anki_package(request).log


def test_the_deck_imports_cleanly_into_a_fresh_collection(shipped, cli, collection):
    (shipped / "decks" / "istanbul-talks.anki-state.json").unlink()  # a first build
    result = build(cli, shipped)
    apkg = shipped / "dist" / "istanbul-talks.apkg"
    questions = anki_questions(shipped)
    assert re.search(
        rf"^dist/istanbul-talks.apkg +[\d.]+ KiB +{len(questions)}$", result.stdout, re.M
    )
    assert f"{len(questions)} new, 0 changed, 0 unchanged since the last build" in result.stdout

    log = import_into(collection, apkg)
    assert len(log.new) == len(questions)
    assert not log.conflicting and not log.missing_notetype and not log.duplicate
    assert collection.note_count() == len(questions) == collection.card_count()

    per_topic = Counter(q.topic for q in questions)
    titles = {t.id: t.title for t in load_factbase(ROOT / "facts").topics}
    for topic, count in per_topic.items():  # every card in the deck; topics are tags
        assert f"istanbul-talks.apkg: {titles[topic]}: {count} notes" in result.stdout
        assert len(collection.find_cards(f"tag:quizgen::topic::{topic}")) == count
    assert len(collection.find_cards('"deck:Istanbul Talks" -"deck:Istanbul Talks::*"')) == len(
        questions
    )
    assert collection.decks.by_name("Istanbul Talks") is not None
    assert "positions" in collection.decks.by_name("Istanbul Talks")["desc"]

    assert not collection.get_empty_cards().notes
    by_kind = Counter()
    for cid in collection.find_cards(""):
        card = collection.get_card(cid)
        question, answer = card.question(), card.answer()
        for side in (question, answer):
            assert not re.search(r"\{\{|\}\}", side), cid
        assert "qg-citation" in answer and "“" in answer
        by_kind[card.note_type()["name"]] += 1
    assert set(by_kind) == {
        "quizgen Basic",
        "quizgen Type-in",
        "quizgen Cloze",
        "quizgen Multiple choice",
    }


def test_a_multiple_choice_back_marks_the_right_answer(shipped, cli, collection):
    build(cli, shipped)
    import_into(collection, shipped / "dist" / "istanbul-talks.apkg")
    q = next(q for q in anki_questions(shipped) if q.kind == "mcq")
    letter, right_text = "ABCD"[q.key[0]], q.choices[q.key[0]]
    (nid,) = [
        n
        for n in collection.find_notes("tag:quizgen::kind::mcq")
        if collection.get_note(n)["Question"] == html.escape(q.prompt, quote=False)
    ]
    card = collection.get_card(collection.get_note(nid).card_ids()[0])
    back = card.answer()
    right = re.findall(
        r'<li class="qg-right"><span class="qg-letter">(\w)</span> ([^<]+)</li>', back
    )
    assert right == [(letter, html.escape(right_text, quote=False))]
    wrong = re.findall(r'<li class="qg-wrong"><span class="qg-letter">\w</span> ([^<]+)</li>', back)

    assert len(wrong) == 3  # the others stay visible
    stem = re.sub(r"<[^>]+>", "", card.question()).split(html.escape(q.choices[0]))[0]
    assert right_text not in stem  # the prompt, before the choices, does not give it


def test_importing_the_same_file_twice_adds_nothing(shipped, cli, collection):
    build(cli, shipped)
    apkg = shipped / "dist" / "istanbul-talks.apkg"
    first = import_into(collection, apkg)
    notes, cards = collection.note_count(), collection.card_count()
    second = import_into(collection, apkg)
    assert len(first.new) == notes
    assert not second.new and not second.updated
    assert (collection.note_count(), collection.card_count()) == (notes, cards)


def test_rebuilding_unchanged_facts_is_byte_identical(shipped, cli, monkeypatch):
    build(cli, shipped, monkeypatch=monkeypatch, epoch="1700000000")
    apkg = shipped / "dist" / "istanbul-talks.apkg"
    first = apkg.read_bytes()
    again = build(cli, shipped, monkeypatch=monkeypatch, epoch="1800000000")
    assert apkg.read_bytes() == first  # unchanged notes keep their times, whatever the clock
    assert "0 new, 0 changed" in again.stdout
    with zipfile.ZipFile(apkg) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_reworded_fact_updates_its_notes_in_place_and_keeps_the_review(
    shipped, cli, collection, monkeypatch
):
    build(cli, shipped, monkeypatch=monkeypatch, epoch="1700000000")
    apkg = shipped / "dist" / "istanbul-talks.apkg"
    import_into(collection, apkg)
    (nid,) = collection.find_notes(
        "tag:quizgen::fact::putin-criticises-western-allies tag:quizgen::kind::cloze"
    )
    cid = collection.get_note(nid).card_ids()[0]
    collection.decks.select(collection.get_card(cid).did)
    card = collection.get_card(cid)
    card.start_timer()
    collection.sched.answerCard(card, 3)
    assert collection.db.scalar("select count() from revlog where cid = ?", cid) == 1
    before = {n: collection.get_note(n).mod for n in collection.find_notes("")}
    fields_before = {n: collection.get_note(n).joined_fields() for n in before}

    positions = shipped / "facts" / "istanbul-talks" / "positions.yaml"
    replace_in(
        positions,
        "stance: criticized Ukraine's Western allies",
        "stance: faulted Ukraine's Western allies",
    )
    rebuilt = build(cli, shipped, monkeypatch=monkeypatch, epoch="1700000000")
    touched = set(collection.find_notes("tag:quizgen::fact::putin-criticises-western-allies"))
    assert f"0 new, {len(touched)} changed" in rebuilt.stdout
    log = import_into(collection, apkg)
    assert len(log.updated) == len(touched) and not log.new

    note = collection.get_note(nid)
    assert note["Text"].startswith("In 2025, Vladimir Putin faulted Ukraine's Western allies")
    assert collection.get_card(cid).nid == nid
    assert collection.db.scalar("select count() from revlog where cid = ?", cid) == 1
    assert collection.get_card(cid).reps == 1
    after = {n: collection.get_note(n).mod for n in collection.find_notes("")}
    assert set(after) == set(before)
    assert {n for n in after if after[n] != before[n]} == touched
    assert all(
        collection.get_note(n).joined_fields() == fields_before[n]
        for n in after
        if n not in touched
    )


def test_a_deck_title_with_slashes_still_writes_inside_the_output_folder(mini, cli, tmp_path):
    recipe = mini / "decks" / "mini.yaml"
    recipe.write_text("title: ../../escape/..\nid: 1234567890\nsources: [mini]\n")
    out = tmp_path / "out"
    result = cli("build", "--format", "apkg", "--out", str(out), cwd=mini)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["mini.apkg"]
    assert not (tmp_path / "escape").exists() and not (mini / "escape").exists()


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(mini, cli):
    blocker = mini / "not-a-folder"
    blocker.write_text("a file")
    result = cli("build", "--format", "apkg", "--out", str(blocker / "dist"), cwd=mini)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot create the output folder ")
    assert "Not a directory" in result.stderr
    assert "Traceback" not in result.output


def test_an_interrupted_build_leaves_the_good_deck_in_place(mini, cli, monkeypatch):
    build(cli, mini)
    apkg = mini / "dist" / "mini.apkg"
    good = apkg.read_bytes()

    def broken(handle, members):
        handle.write(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt

    monkeypatch.setattr(anki_exporter, "write_zip", broken)
    result = cli("build", "--format", "apkg", cwd=mini)
    assert result.exit_code != 0  # click reports the interrupt as "Aborted!"
    assert apkg.read_bytes() == good
    assert [p.name for p in (mini / "dist").iterdir()] == ["mini.apkg"]


def test_fact_text_is_escaped_in_cards(mini, cli, collection):
    facts = mini / "facts" / "mini" / "facts.yaml"
    replace_in(facts, "role: a minister", "role: a minister <script>alert(1)</script> & co")
    build(cli, mini)
    import_into(collection, mini / "dist" / "mini.apkg")
    (nid,) = collection.find_notes("tag:quizgen::fact::ada-lovelace tag:quizgen::kind::short")
    front = collection.get_note(nid)["Front"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in front
    assert "<script>" not in collection.get_card(collection.get_note(nid).card_ids()[0]).question()


def test_tags_are_hierarchical(shipped, cli, collection):
    build(cli, shipped)
    import_into(collection, shipped / "dist" / "istanbul-talks.apkg")
    tags = set(collection.tags.all())
    assert "quizgen::topic::guarantors" in tags
    assert "quizgen::kind::mcq" in tags
    assert "quizgen::fact::proposed-guarantors" in tags


def test_the_committed_build_state_is_current(shipped, cli):
    """The state beside the recipe keeps notes' times; it must match the facts as committed,
    or a fresh clone would not rebuild the same deck."""
    result = build(cli, shipped)
    assert "0 new, 0 changed" in result.stdout, "rebuild and commit decks/*.anki-state.json"


def test_the_question_cache_changes_nothing_but_time(shipped, cli, monkeypatch, tmp_path):
    cache = tmp_path / "home" / "quizgen-cache"
    build(cli, shipped)  # makes the questions and caches them
    apkg = shipped / "dist" / "istanbul-talks.apkg"
    cold = apkg.read_bytes()
    assert list(cache.glob("questions-*.jsonl"))
    build(cli, shipped)  # from the cache
    assert apkg.read_bytes() == cold
    monkeypatch.setenv("QUIZGEN_NO_CACHE", "1")
    build(cli, shipped)
    assert apkg.read_bytes() == cold
    monkeypatch.delenv("QUIZGEN_NO_CACHE")
    people = shipped / "facts" / "istanbul-talks" / "people.yaml"
    replace_in(people, "role: a Kremlin aide", "role: an aide")
    rebuilt = build(cli, shipped)  # an edit is seen at once
    assert "0 new, 0 changed" not in rebuilt.stdout


def test_the_zip_deflated_on_two_cores_reads_back_whole(tmp_path):
    import random
    import zlib

    from quizgen.exporters.zipped import BLOCK, write_zip

    rng = random.Random(5)
    words = [f"word{n}" for n in range(3000)]
    text = " ".join(rng.choice(words) for _ in range(int(BLOCK * 2.5) // 6)).encode()
    big = tmp_path / "collection.anki2"
    big.write_bytes(text)
    out = tmp_path / "out.zip"
    with out.open("wb") as handle:
        write_zip(handle, [("collection.anki2", big), ("media", b"{}"), ("empty", b"")])
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None  # every CRC checks
        assert archive.read("collection.anki2") == text
        assert archive.read("media") == b"{}" and archive.read("empty") == b""
        info = archive.getinfo("collection.anki2")
        assert info.date_time == (1980, 1, 1, 0, 0, 0) and info.external_attr >> 16 == 0o644
        one_stream = len(zlib.compress(text, 1))
        assert info.compress_size < one_stream * 1.02  # the blocks share their window
