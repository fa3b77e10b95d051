"""Anki .apkg decks that import cleanly and update in place on re-import.

Identity: a note's GUID comes from its question id, and its note and card ids from the
GUID, so the same question is always the same note. Updates: Anki replaces a note on import
only when the incoming note is newer, so each note's modification time moves only when its
content changes; the times are kept in a small state file beside the recipe. With the same
state and content, the .apkg is byte-identical (SOURCE_DATE_EPOCH fixes the clock).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sqlite3
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import genanki

from ..atomic import remove_stale, temporary_prefix, write_atomic
from ..errors import ExportError
from . import ExportJob, Written
from .anki_ids import guid_for, stable_int, subdeck_id
from .anki_models import MODELS
from .anki_names import tags_for
from .anki_notes import field_html, note_content, source_line
from .anki_order import interleaved
from .anki_state import State, note_json
from .genanki_boundary import StampedModel, create_collection, write_decks
from .zipped import write_zip

RETIRED = "quizgen::retired"


def _digest(*parts: object) -> str:
    """A content hash: the parts (strings, or lists of strings) joined unambiguously."""
    flat: list[str] = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            flat.extend(map(str, part))
        else:
            flat.append(str(part))
    return hashlib.sha1("\x1e".join(flat).encode()).hexdigest()


def export(job: ExportJob) -> list[Written]:
    deck = job.deck
    state_path = job.state_dir / f"{deck.slug}.anki-state.json" if job.state_dir else None
    state = State.load(state_path)
    root = _root_deck(deck, state, job.now)
    remove_stale(Path(tempfile.gettempdir()), "quizgen-*.anki2")
    try:
        fd, db_path = tempfile.mkstemp(prefix=temporary_prefix(), suffix=".anki2")
    except OSError as exc:
        raise _scratch_error(exc) from None
    os.close(fd)
    out = job.out_dir / f"{deck.slug}.apkg"
    try:
        connection = sqlite3.connect(db_path)
        connection.execute("PRAGMA journal_mode = OFF")  # a scratch file: no journal needed
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -32768")  # 32 MiB: a large deck stays fast
        indexes = create_collection(connection)  # indexes once the rows are in
        filled = _fill(connection, job, state)
        decks = [root]
        if job.whole:  # a narrower build must not retire (nor forget) what it left out
            decks += [d for d in [_retire(connection, job, state, filled)] if d is not None]
            state.keep_only(filled.guids)
        _finish(connection, indexes, decks, state, Path(db_path), out)
    except (sqlite3.Error, OSError) as exc:
        raise _scratch_error(exc) from None
    finally:
        state.close()
        os.unlink(db_path)
    details = [f"{name}: {_notes(count)}" for name, count in filled.per_deck.items()]
    counts = filled.counts
    details.append(
        f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged "
        "since the last build"
    )
    if filled.retired:
        details.append(
            f"{_notes(filled.retired)} retired (no longer built): tagged {RETIRED}, in "
            f"{job.deck.title}::Retired; search tag:{RETIRED} in Anki to delete them"
        )
    if filled.unknown:
        details.append(f"{_notes(filled.unknown)} no longer built could not be marked retired "
                       "(an older build state did not keep their content)")  # fmt: skip
    return [Written(out, filled.written, details)]


def _notes(count: int) -> str:
    return f"{count} note" if count == 1 else f"{count} notes"


def _root_deck(deck, state: State, now: int) -> genanki.Deck:
    """The recipe's deck, holding every note type, each stamped by the build state."""
    root = genanki.Deck(deck.id, deck.title, description=field_html(deck.description))
    for base in MODELS:
        model = StampedModel(  # copies: genanki's to_json adds keys to them in place, and
            base.model_id,  # the next deck of the build must hash the same note types
            base.name,
            fields=copy.deepcopy(base.fields),
            templates=copy.deepcopy(base.templates),
            css=base.css,
            model_type=base.model_type,
        )
        model.mod, _ = state.stamp(
            state.models,
            str(base.model_id),
            _digest(base.name, json.dumps([base.fields, base.templates]), base.css),
            now,
        )
        root.add_model(model)
    return root


@dataclass
class _Filled:
    """What went into the collection: notes per topic, the notes' status, the retired."""

    per_deck: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0})
    guids: set[str] = field(default_factory=set)
    written: int = 0
    retired: int = 0  # notes of earlier builds sent once more, tagged retired
    unknown: int = 0  # notes of earlier builds whose content the state did not keep


def _fill(connection: sqlite3.Connection, job: ExportJob, state: State) -> _Filled:
    """A note and its card for every question, all in the recipe's deck (topics are tags),
    at positions that keep a fact's cards apart (anki_order); 2,000 rows at a time. The
    notes' contents are made by the job's mapper (a large deck shares them out), down to
    their columns and the JSON text the state keeps: this loop only stamps and inserts."""
    deck, filled = job.deck, _Filled()
    notes: list = []
    cards: list = []
    sources = {key: source_line(source) for key, source in job.sources.items()}
    order = interleaved(list(job.questions))
    filled.per_deck = _per_deck(order, job)
    filled.written = len(order)
    made = job.mapper(order, lambda q: [_note_of(q, sources, deck.title, state)])
    stamp, known, now, deck_id = state.stamp, state.notes, job.now, deck.id
    counts, guids = filled.counts, filled.guids
    for position, (guid, digest, text, note_id, model_id, tags, flds, sort) in enumerate(made):
        guids.add(guid)
        mod, status = stamp(known, guid, digest, now, text)
        counts[status] += 1
        notes.append((note_id, guid, model_id, mod, tags, flds, sort))
        cards.append((note_id, deck_id, mod, position))
        if len(notes) >= 2000:
            _insert(connection, notes, cards)
    _insert(connection, notes, cards)
    return filled


def _per_deck(order: list, job: ExportJob) -> dict[str, int]:
    """Notes per topic title, the titles in the order their first note comes."""
    per_topic = Counter(map(attrgetter("topic"), order))  # (in the order they first come)
    per_deck: dict[str, int] = {}
    for topic, count in per_topic.items():
        title = job.topic_title(topic)
        per_deck[title] = per_deck.get(title, 0) + count
    return per_deck


def _note_of(q, sources: dict[str, str], title: str, state: State) -> tuple:
    """A question's note, as _fill takes it: GUID, content hash (as _digest(model_id,
    fields, tags, deck title), inline), the JSON text the state keeps of it (None when the
    state holds this content already: a rebuild makes none), note id, note type id, and
    its tags, fields and sort field as the notes table holds them. Made where the mapper
    sends it (a forked helper, for a large deck): the state it reads is as loaded, and
    only this note's own stamp, after this, changes its entry. (A GUID made twice would
    stamp twice, but the notes table refuses the second row: such a build fails.)"""
    model, fields = note_content(q, sources.get(q.source, ""))
    tags = tags_for(q)
    guid = guid_for(q.id)
    model_id = model.model_id
    digest = hashlib.sha1("\x1e".join((str(model_id), *fields, *tags, title)).encode()).hexdigest()
    text = note_json([model_id, fields, tags]) if state.keeps_note(guid, digest) else None
    return (guid, digest, text, stable_int("note", guid), model_id, *_columns(fields, tags))


def _columns(fields: list[str], tags: list[str]) -> tuple[str, str, str]:
    """A note's tags, fields and sort field, as the notes table holds them."""
    return " " + " ".join(tags) + " ", "\x1f".join(fields), fields[0]


def _retire(connection, job: ExportJob, state: State, filled: _Filled) -> genanki.Deck | None:
    """The notes an earlier build made that this one no longer has, once more, tagged
    `quizgen::retired`, with a newer time (Anki replaces tags only for a newer note), in the
    sub-deck `<deck>::Retired` after every live card; then the state forgets them. A note
    kept by a state of format 1 (no content) is written from the bank when its question
    is still made; else it cannot be written again (counted)."""
    gone = sorted(g for g in state.notes if g not in filled.guids)
    if not gone:
        return None
    bank = {guid_for(q.id): q for q in job.options.get("bank", ())}
    sources = {key: source_line(source) for key, source in job.sources.items()}
    retired = genanki.Deck(subdeck_id(job.deck.id, "retired"), f"{job.deck.title}::Retired")
    rows: tuple[list, list] = ([], [])
    for guid in gone:
        entry = state.notes[guid]
        note = state.note(entry[2]) if len(entry) > 2 else None
        if note is None and guid in bank:
            q = bank[guid]
            model, fields = note_content(q, sources.get(q.source, ""))
            note = [model.model_id, fields, tags_for(q)]
        if note is None:
            filled.unknown += 1
            continue
        model_id, fields, tags = note
        tags = [t for t in tags if t != RETIRED] + [RETIRED]
        _row(rows, guid, [model_id, fields, tags], max(job.now, int(entry[1]) + 1),
             retired.deck_id, filled.written + len(rows[0]))  # fmt: skip
    filled.retired = len(rows[0])
    _insert(connection, *rows)
    return retired if filled.retired else None


def _row(rows: tuple, guid: str, note: list, mod: int, deck_id: int, position: int):
    """A note's row and its card's (which shares its id: one card a note)."""
    model_id, fields, tags = note
    note_id = stable_int("note", guid)
    rows[0].append((note_id, guid, model_id, mod, *_columns(fields, tags)))
    rows[1].append((note_id, deck_id, mod, position))


def _finish(connection, indexes: list[str], decks: list, state: State, db: Path, out: Path):
    """Index the rows, add the decks, zip the collection into `out`. The state is complete:
    it is written while SQLite makes the indexes and the zip is deflated (both let go of the
    GIL). Written first or last, it only ever holds times for contents built, so an
    interrupted build loses nothing."""
    with ThreadPoolExecutor(1) as pool:
        saved = pool.submit(state.save)
        for statement in indexes:
            connection.execute(statement)
        write_decks(connection.cursor(), decks)
        connection.commit()
        connection.close()
        members = [("collection.anki2", db), ("media", b"{}")]
        write_atomic(out, lambda handle: write_zip(handle, members))
        saved.result()


def _scratch_error(exc: Exception) -> ExportError:
    """The Anki collection is made in the temporary folder first: say so when it fails."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    folder = tempfile.gettempdir()
    return ExportError(
        f"cannot make the Anki collection in the temporary folder {folder}: {reason} "
        "(free some space there, or point TMPDIR at a folder with room)"
    )


def _insert(connection: sqlite3.Connection, notes: list, cards: list) -> None:
    """Rows as genanki writes them; what is the same for every note is written in the SQL.
    A note: id, guid, model, mod, tags, fields, sort field. A card: id (the note's),
    sub-deck, mod, position (its due number as a new card)."""
    connection.executemany("INSERT INTO notes VALUES(?,?,?,?,-1,?,?,?,0,0,'')", notes)
    connection.executemany(
        "INSERT INTO cards VALUES(?1,?1,?2,0,?3,-1,0,0,?4,0,0,0,0,0,0,0,0,'')", cards
    )
    notes.clear()
    cards.clear()
