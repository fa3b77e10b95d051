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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from ..atomic import remove_stale, temporary_prefix, write_atomic, write_text_atomic
from ..errors import ExportError
from . import ExportJob, Written
from .anki_ids import guid_for, stable_int, subdeck_id
from .anki_models import MODELS
from .anki_names import subdeck_name, tags_for
from .anki_notes import field_html, note_content, source_line
from .genanki_boundary import StampedModel, create_collection, write_decks
from .zipped import write_zip

STATE_FORMAT = 1


@dataclass
class _State:
    """Per-note content hashes and modification times, kept between builds."""

    path: Path | None
    notes: dict[str, list]  # guid -> [hash, mod]
    models: dict[str, list]
    changed: bool = False

    @classmethod
    def load(cls, path: Path | None) -> _State:
        """The state kept beside the recipe; a damaged one is an error (ExportError), never
        read as empty: that would stamp every note anew, and an import would overwrite the
        edits made in Anki."""
        if path is None or not path.is_file():
            return cls(path, {}, {})
        from .anki_state import read_state

        notes, models = read_state(path, STATE_FORMAT)
        return cls(path, notes, models)

    def stamp(self, table: dict, key: str, digest: str, now: int) -> tuple[int, str]:
        """The modification time for this content, and 'new', 'changed' or 'unchanged'."""
        known = table.get(key)
        if known and known[0] == digest:
            return int(known[1]), "unchanged"
        mod = max(now, int(known[1]) + 1) if known else now
        table[key] = [digest, mod]
        self.changed = True
        return mod, "changed" if known else "new"

    def keep_only(self, guids: set[str]) -> None:
        """Forget the notes no longer in the deck (after a build of the whole recipe only:
        a narrower build must not forget the notes it left out)."""
        if len(guids) != len(self.notes) or not guids.issuperset(self.notes):
            self.notes = {g: v for g, v in self.notes.items() if g in guids}
            self.changed = True

    def save(self) -> None:
        if self.path is None or (not self.changed and self.path.is_file()):
            return
        text = _state_json(self)
        if not self.path.is_file() or self.path.read_text(encoding="utf-8") != text:
            write_text_atomic(self.path, text)


def _state_json(state: _State) -> str:
    """One entry a line, keys sorted: small diffs in version control, and fast to write."""

    def table(entries: dict) -> str:
        lines = (f"  {_json_text(k)}: {_json_entry(entries[k])}" for k in sorted(entries))
        return "{\n" + ",\n".join(lines) + "\n }"

    return (
        f'{{\n "format": {STATE_FORMAT},\n "models": {table(state.models)},\n'
        f' "notes": {table(state.notes)}\n}}\n'
    )


def _json_text(text: str) -> str:
    """json.dumps(text), without its cost for the plain ASCII of GUIDs and digests."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return json.dumps(text)


def _json_entry(entry: list) -> str:
    """json.dumps([digest, mod]) for a state entry, faster."""
    digest, mod = entry
    if isinstance(digest, str) and type(mod) is int:
        return f"[{_json_text(digest)}, {mod}]"
    return json.dumps(entry)


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
    state = _State.load(state_path)
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
        if job.whole:
            state.keep_only(filled.guids)
        _finish(connection, indexes, [root, *filled.subdecks.values()], state, Path(db_path), out)
    except (sqlite3.Error, OSError) as exc:
        raise _scratch_error(exc) from None
    finally:
        os.unlink(db_path)
    details = [f"{name}: {count} notes" for name, count in filled.per_deck.items()]
    counts = filled.counts
    details.append(
        f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged "
        "since the last build"
    )
    return [Written(out, filled.written, details)]


def _root_deck(deck, state: _State, now: int) -> genanki.Deck:
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
    """What went into the collection: the sub-decks, notes per sub-deck, the notes' status."""

    subdecks: dict[str, genanki.Deck] = field(default_factory=dict)
    per_deck: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0})
    guids: set[str] = field(default_factory=set)
    written: int = 0


def _fill(connection: sqlite3.Connection, job: ExportJob, state: _State) -> _Filled:
    """A note and its card for every question (a list, or a stream), 2,000 rows at a time."""
    deck, filled = job.deck, _Filled()
    notes, cards = [], []
    sources = {key: source_line(source) for key, source in job.sources.items()}
    for position, q in enumerate(job.questions):
        filled.written += 1
        subdeck = filled.subdecks.get(q.topic)
        if subdeck is None:
            name = subdeck_name(deck.title, job.topic_title(q.topic))
            subdeck = filled.subdecks[q.topic] = genanki.Deck(subdeck_id(deck.id, q.topic), name)
        filled.per_deck[subdeck.name] = filled.per_deck.get(subdeck.name, 0) + 1
        model, fields = note_content(q, sources.get(q.source, ""))
        tags = tags_for(q)
        guid = guid_for(q.id)
        filled.guids.add(guid)
        digest = hashlib.sha1(  # as _digest(model_id, fields, tags, name), inline
            "\x1e".join((str(model.model_id), *fields, *tags, subdeck.name)).encode()
        ).hexdigest()
        mod, status = state.stamp(state.notes, guid, digest, job.now)
        filled.counts[status] += 1
        note_id = stable_int("note", guid)  # the card shares it: one card a note
        notes.append(
            (note_id, guid, model.model_id, mod, " " + " ".join(tags) + " ",
             "\x1f".join(fields), fields[0])
        )  # fmt: skip
        cards.append((note_id, subdeck.deck_id, mod, position))
        if len(notes) >= 2000:
            _insert(connection, notes, cards)
    _insert(connection, notes, cards)
    return filled


def _finish(connection, indexes: list[str], decks: list, state: _State, db: Path, out: Path):
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
