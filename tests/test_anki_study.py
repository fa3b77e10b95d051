"""Issue 17, with the official `anki` package: the deck as Anki introduces it day by day
(default options, 20 new cards a day), typed answers Anki grades honestly, retired notes,
and a collection that studied the old deck keeping every review."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from anki.cards import Card  # isort: skip (after anki.collection: a circular import)

from .conftest import ROOT

OLD = ROOT / "tests" / "data" / "old-deck"  # the deck and build state of 0dd7af3 (297 notes)
OLD_DECK = OLD / "istanbul-talks-0dd7af3.apkg"
STATE = Path("decks") / "istanbul-talks.anki-state.json"


def import_apkg(col: Collection, apkg: Path):
    """As a user clicking Import: Anki's default import options (all off, update if newer)."""
    request = ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def build(cli, project: Path, epoch: str, monkeypatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = cli("build", "--format", "apkg", cwd=project)
    assert result.exit_code == 0, result.output
    return result.stdout


def study_days(col: Collection, deck: str, days: int) -> tuple[Collection, list[list[dict]]]:
    """What Anki introduces each day: take every card its queue offers, answer Easy, then
    the next day (crt one day back, and the collection reopened: Anki caches the day)."""
    out = []
    for day in range(days):
        col.decks.select(col.decks.id(deck, create=False))
        assert col.sched.today == day
        shown = []
        while (queued := col.sched.get_queued_cards(fetch_limit=1)).cards:
            top = queued.cards[0]
            card = Card(col)
            card._load_from_backend_card(top.card)
            card.start_timer()
            if top.queue == 0:  # a new card, introduced today
                shown.append({"nid": card.nid, "tags": card.note().tags})
            col.sched.answerCard(card, 4)
        out.append(shown)
        path = col.path
        col.db.execute("update col set crt = crt - 86400")
        col.close()
        col = Collection(path)
    return col, out


def reviews_per_note(col: Collection) -> dict[str, int]:
    """GUID -> how many reviews Anki logged for the note's card."""
    return dict(
        col.db.all(
            "select n.guid, count() from revlog r join cards c on c.id = r.cid"
            " join notes n on n.id = c.nid group by n.guid"
        )
    )


def tagged(card: dict, prefix: str) -> list[str]:
    return [t[len(prefix) :] for t in card["tags"] if t.startswith(prefix)]


def test_a_fresh_collection_gets_few_cards_a_fact_kept_apart_and_topics_mixed(
    shipped, cli, collection, monkeypatch
):
    (shipped / STATE).unlink()  # a first build: nothing retired
    out = build(cli, shipped, "1700000000", monkeypatch)
    assert re.search(r"istanbul-talks.apkg: took \d+ of \d+ questions; left out: ", out)
    assert "tf " in out and "true/false share" in out
    log = import_apkg(collection, shipped / "dist" / "istanbul-talks.apkg")
    assert not log.conflicting and not log.duplicate
    cards = [collection.get_card(c) for c in collection.find_cards("")]
    notes = [c.note() for c in cards]
    facts = Counter(t for n in notes for t in n.tags if t.startswith("quizgen::fact::"))
    assert max(facts.values()) <= 3
    kinds = Counter(t for n in notes for t in n.tags if t.startswith("quizgen::kind::"))
    assert kinds["quizgen::kind::tf"] <= 0.10 * len(cards)
    fronts = Counter(re.sub(r"\s+", " ", c.question()) for c in cards)
    assert max(fronts.values()) == 1
    assert {collection.decks.name(c.did) for c in cards} == {"Istanbul Talks"}

    days = -(-min(200, len(cards)) // 20)
    collection, seen = study_days(collection, "Istanbul Talks", days)
    assert sum(map(len, seen)) == min(200, len(cards))
    for day in seen:
        assert len(day) == 20 or day is seen[-1]
        on_day = Counter(f for card in day for f in tagged(card, "quizgen::fact::"))
        assert max(on_day.values()) == 1, on_day.most_common(3)
        topics = {t for card in day for t in tagged(card, "quizgen::topic::")}
        assert len(topics) >= min(3, len(day))  # a last short day may hold one or two cards
    collection.close()


def test_typed_answers_are_only_those_anki_compares_right(shipped, cli, collection, monkeypatch):
    build(cli, shipped, "1700000000", monkeypatch)
    import_apkg(collection, shipped / "dist" / "istanbul-talks.apkg")
    typed = revealed = 0
    for nid in collection.find_notes('"note:quizgen Type-in" -tag:quizgen::retired'):
        note = collection.get_note(nid)
        back = note.cards()[0].answer()
        if note["Answer"]:  # a box to type in: Anki compares exactly, so no other spelling
            typed += 1
            assert not note["Accepted"] and "Also" not in back
            verdict = collection.compare_answer(note["Answer"], note["Answer"])
            assert "typeGood" in verdict and "typeBad" not in verdict
        else:  # an empty type field: Anki shows no box; the answer is revealed
            revealed += 1
            assert "Also right:" in note["Accepted"] or note["Accepted"]
    assert typed and revealed
    assert "Also accepted" not in collection.models.by_name("quizgen Type-in")["tmpls"][0]["afmt"]


def test_the_old_deck_studied_then_the_new_deck_keeps_every_review(
    shipped, cli, collection, monkeypatch
):
    old = import_apkg(collection, OLD_DECK)
    assert len(old.new) == 297
    collection, _days = study_days(collection, "Istanbul Talks", 2)
    reviews = reviews_per_note(collection)
    assert len(reviews) == 40
    (shipped / STATE).write_bytes((OLD / "istanbul-talks.anki-state.json").read_bytes())
    out = build(cli, shipped, "1800000000", monkeypatch)  # the state of the old deck's build
    retired = int(re.search(r"(\d+) notes? retired \(no longer built\)", out).group(1))
    log = import_apkg(collection, shipped / "dist" / "istanbul-talks.apkg")
    assert not log.conflicting and not log.missing_notetype
    # a note is new only where the wording made a new question (a chronology regrouped)
    # the rest: questions since removed, which the old deck's state (format 1, no note
    # contents) cannot send again as retired; they stay in the collection with their reviews
    assert len(log.new) <= 5 and len(log.updated) >= 150
    assert collection.note_count() == 297 + len(log.new)
    after = reviews_per_note(collection)
    assert after == reviews
    assert (
        len(collection.find_notes("tag:quizgen::retired"))
        == retired
        == collection.note_count() - len(collection.find_notes("-tag:quizgen::retired"))
    )
    collection.close()


def test_a_fact_removed_from_the_base_retires_its_notes_once(shipped, cli, collection, monkeypatch):
    (shipped / STATE).unlink()
    build(cli, shipped, "1700000000", monkeypatch)
    import_apkg(collection, shipped / "dist" / "istanbul-talks.apkg")
    collection, _days = study_days(collection, "Istanbul Talks", 1)
    gone = "quizgen::fact::ceasefire-length"
    nids = collection.find_notes(f"tag:{gone}")
    assert nids
    before = {n: collection.get_note(n).fields for n in nids}
    reviews = collection.db.scalar("select count() from revlog")
    figures = shipped / "facts" / "istanbul-talks" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    start = text.index("  - id: ceasefire-length")
    end = text.find("\n  - id:", start + 1)
    figures.write_text(text[:start] + (text[end + 1 :] if end > 0 else ""), encoding="utf-8")

    out = build(cli, shipped, "1800000000", monkeypatch)
    said = f"{len(nids)} note" + ("" if len(nids) == 1 else "s")
    assert f"{said} retired (no longer built): tagged quizgen::retired" in out
    log = import_apkg(collection, shipped / "dist" / "istanbul-talks.apkg")
    assert not log.conflicting
    assert set(collection.find_notes("tag:quizgen::retired")) == set(nids)
    for nid in nids:  # content unchanged, the tag added
        assert collection.get_note(nid).fields == before[nid]
    assert collection.db.scalar("select count() from revlog") == reviews

    out = build(cli, shipped, "1800000100", monkeypatch)  # once: the state forgot them
    assert "retired" not in out
    collection.close()
