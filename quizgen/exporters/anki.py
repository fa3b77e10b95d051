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
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO

import genanki

from ..atomic import remove_stale, temporary_prefix, write_atomic
from ..errors import ExportError
from . import ExportJob, Written
from .anki_ids import guid_for, stable_int, subdeck_id
from .anki_models import MODELS
from .anki_names import tags_for
from .anki_notes import field_html, note_content, source_line
from .anki_order import interleaved
from .genanki_boundary import StampedModel, create_collection, write_decks
from .zipped import write_zip

STATE_FORMAT = 2
RETIRED = "quizgen::retired"


class _Spilled:
    """Where a note this build made is kept for the state file: its JSON text, in the
    state's scratch file (a large deck's notes are tens of MB: not held in memory)."""

    __slots__ = ("length", "offset")

    def __init__(self, offset: int, length: int):
        self.offset, self.length = offset, length


@dataclass
class _State:
    """Per-note content hashes and modification times, kept between builds."""

    path: Path | None
    notes: dict[str, list]  # guid -> [hash, mod, note]: the note as read ([type, fields,
    models: dict[str, list]  # tags]), or made by this build (_Spilled)
    changed: bool = False
    scratch: IO[bytes] | None = None  # the notes this build made, as JSON texts
    written: int = 0
    flushed: bool = True

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

    def stamp(self, table: dict, key: str, digest: str, now: int, note=None) -> tuple[int, str]:
        """The modification time for this content, and 'new', 'changed' or 'unchanged'.
        `note` ([note type id, fields, tags]) is kept with it, to mark it retired later."""
        known = table.get(key)
        if known and known[0] == digest:
            if note is not None and len(known) < 3:  # a state of format 1: keep the note now
                known.append(self._kept(note))
                self.changed = True
            return int(known[1]), "unchanged"
        mod = max(now, int(known[1]) + 1) if known else now
        table[key] = [digest, mod] if note is None else [digest, mod, self._kept(note)]
        self.changed = True
        return mod, "changed" if known else "new"

    def _kept(self, note: list) -> _Spilled:
        if self.path is None:  # no state is written: nothing to keep
            return _Spilled(0, 0)
        if self.scratch is None:  # closed by save(), or by export() in the end
            self.scratch = tempfile.TemporaryFile(prefix=temporary_prefix())  # noqa: SIM115
        data = _note_json(note).encode("utf-8")
        self.scratch.write(data)
        self.written += len(data)
        self.flushed = False
        return _Spilled(self.written - len(data), len(data))

    def note_text(self, kept) -> str:
        """The JSON text of a note kept in the state."""
        if not isinstance(kept, _Spilled):
            return json.dumps(kept, ensure_ascii=False)
        assert self.scratch is not None
        if not self.flushed:
            self.scratch.flush()
            self.flushed = True
        return os.pread(self.scratch.fileno(), kept.length, kept.offset).decode("utf-8")

    def note(self, kept) -> list:
        """A note kept in the state, as [note type id, [fields], [tags]]."""
        return json.loads(self.note_text(kept)) if isinstance(kept, _Spilled) else kept

    def keep_only(self, guids: set[str]) -> None:
        """Forget the notes no longer in the deck (after a build of the whole recipe only:
        a narrower build must not forget the notes it left out)."""
        if len(guids) != len(self.notes) or not guids.issuperset(self.notes):
            self.notes = {g: v for g, v in self.notes.items() if g in guids}
            self.changed = True

    def save(self) -> None:
        """Write the state, a block at a time (a large deck's state is tens of MB: never
        held whole in memory); a file already holding the same bytes is left alone."""
        try:
            if self.path is None or (not self.changed and self.path.is_file()):
                return
            if self.path.is_file() and not _differs(self.path, _state_blocks(self)):
                return
            write_atomic(self.path, lambda handle: handle.writelines(_state_blocks(self)))
        finally:
            self.close()

    def close(self) -> None:
        if self.scratch is not None:
            self.scratch.close()
            self.scratch = None


def _note_json(note: list) -> str:
    """A note kept in the state, as the JSON the state file holds it in (as json.dumps
    with ensure_ascii=False writes it, faster)."""
    model_id, fields, tags = note
    if type(model_id) is not int:
        return json.dumps(note, ensure_ascii=False)
    return (
        f"[{model_id}, [{', '.join(map(encode_basestring, fields))}], "
        f"[{', '.join(map(encode_basestring, tags))}]]"
    )


def _differs(path: Path, blocks) -> bool:
    """Whether the file holds other bytes than the blocks would make."""
    with path.open("rb") as handle:
        for block in blocks:
            if handle.read(len(block)) != block:
                return True
        return handle.read(1) != b""


def _state_blocks(state: _State, size: int = 1 << 20):
    """The state file's bytes, about `size` at a time: one entry a line, keys sorted
    (small diffs in version control, and fast to write)."""
    parts: list[str] = [f'{{\n "format": {STATE_FORMAT},\n "models": ']
    held = 0
    for name, entries in (("models", state.models), ("notes", state.notes)):
        if name == "notes":
            parts.append(',\n "notes": ')
        parts.append("{\n")
        for index, key in enumerate(sorted(entries)):
            line = f"  {_json_text(key)}: {_json_entry(entries[key], state)}"
            parts.append(line if index == 0 else ",\n" + line)
            held += len(line)
            if held >= size:
                yield "".join(parts).encode("utf-8")
                parts, held = [], 0
        parts.append("\n }")
    parts.append("\n}\n")
    yield "".join(parts).encode("utf-8")


def _json_text(text: str) -> str:
    """json.dumps(text), without its cost for the plain ASCII of GUIDs and digests."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return json.dumps(text)


def _json_entry(entry: list, state: _State) -> str:
    """json.dumps([digest, mod]) for a state entry, faster; a note kept with it as JSON."""
    digest, mod, *note = entry
    if isinstance(digest, str) and type(mod) is int:
        kept = f", {state.note_text(note[0])}" if note else ""
        return f"[{_json_text(digest)}, {mod}{kept}]"
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
    details = [f"{name}: {count} notes" for name, count in filled.per_deck.items()]
    counts = filled.counts
    details.append(
        f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged "
        "since the last build"
    )
    if filled.retired:
        details.append(
            f"{filled.retired} notes retired (no longer built): tagged {RETIRED}, in "
            f"{job.deck.title}::Retired; search tag:{RETIRED} in Anki to delete them"
        )
    if filled.unknown:
        details.append(f"{filled.unknown} notes no longer built could not be marked retired "
                       "(an older build state did not keep their content)")  # fmt: skip
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
    """What went into the collection: notes per topic, the notes' status, the retired."""

    per_deck: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0})
    guids: set[str] = field(default_factory=set)
    written: int = 0
    retired: int = 0  # notes of earlier builds sent once more, tagged retired
    unknown: int = 0  # notes of earlier builds whose content the state did not keep


def _fill(connection: sqlite3.Connection, job: ExportJob, state: _State) -> _Filled:
    """A note and its card for every question, all in the recipe's deck (topics are tags),
    at positions that keep a fact's cards apart (anki_order); 2,000 rows at a time."""
    deck, filled = job.deck, _Filled()
    rows: tuple[list, list] = ([], [])
    sources = {key: source_line(source) for key, source in job.sources.items()}
    for position, q in enumerate(interleaved(list(job.questions))):
        filled.written += 1
        topic = job.topic_title(q.topic)
        filled.per_deck[topic] = filled.per_deck.get(topic, 0) + 1
        model, fields = note_content(q, sources.get(q.source, ""))
        tags = tags_for(q)
        guid = guid_for(q.id)
        filled.guids.add(guid)
        digest = hashlib.sha1(  # as _digest(model_id, fields, tags, name), inline
            "\x1e".join((str(model.model_id), *fields, *tags, deck.title)).encode()
        ).hexdigest()
        note = [model.model_id, fields, tags]
        mod, status = state.stamp(state.notes, guid, digest, job.now, note)
        filled.counts[status] += 1
        _row(rows, guid, note, mod, deck.id, position)
        if len(rows[0]) >= 2000:
            _insert(connection, *rows)
    _insert(connection, *rows)
    return filled


def _retire(connection, job: ExportJob, state: _State, filled: _Filled) -> genanki.Deck | None:
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


def _row(rows: tuple[list, list], guid: str, note: list, mod: int, deck_id: int, position: int):
    model_id, fields, tags = note
    note_id = stable_int("note", guid)  # the card shares it: one card a note
    rows[0].append(
        (note_id, guid, model_id, mod, " " + " ".join(tags) + " ", "\x1f".join(fields), fields[0])
    )
    rows[1].append((note_id, deck_id, mod, position))


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
