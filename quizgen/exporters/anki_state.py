"""The Anki build state (`decks/<slug>.anki-state.json`): read strictly, kept while a
build runs, written back.

The state holds each note's content hash and modification time, and (format 2) the note
itself, so a note the next build no longer has can be sent once more, tagged retired. Read
as empty, it would stamp every note anew and an import would overwrite what the student
edited in Anki, so a
damaged file is an error that says what is wrong and how to mend it, never a fresh start.
The notes a build makes wait in a scratch file until the state is written, a block at a
time: a large deck's state is tens of MB, never held whole in memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO

from ..atomic import temporary_prefix, write_atomic
from ..errors import Problem, ProblemsError
from ..paths import display_path

STATE_FORMAT = 2
LATEST = 253402300799  # 9999-12-31 23:59:59 UTC: the last second a date can show


class StateError(ProblemsError):
    what = "Anki build state"


def _hint(shown: str) -> str:
    return (
        f"restore it from version control (git checkout -- {shown}); deleting it makes "
        "every note new, and importing the next deck would overwrite your edits in Anki"
    )


def read_state(path: Path, state_format: int) -> tuple[dict, dict]:
    """(notes, models): guid or model id -> [content hash, modification time], and for a
    note (format 2) its content, [note type id, [fields], [tags]], to mark it retired."""
    shown = display_path(path)

    def fail(message: str, line: int | None = None):
        raise StateError([Problem(shown, line, message=message, hint=_hint(shown))])

    try:
        raw = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read the Anki build state: {exc.strerror}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        fail(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", line)
    try:
        data = json.loads(text)
    except ValueError as exc:
        fail(f"not valid JSON: {getattr(exc, 'msg', exc)}", getattr(exc, "lineno", None))
    if not isinstance(data, dict) or data.get("format") not in (1, state_format):
        fail(f"not an Anki build state of format {state_format}")
    tables = []
    for name in ("models", "notes"):
        table = data.get(name)
        if not isinstance(table, dict):
            fail(f"'{name}' must be a mapping")
        for key, entry in table.items():
            problem = _entry_problem(entry)
            if problem:
                what = "note" if name == "notes" else "note type"
                fail(f"{what} '{key}': {problem}", _line_of(text, key))
        tables.append(dict(table))
    models, notes = tables
    return notes, models


def _entry_problem(entry) -> str | None:
    if not (isinstance(entry, list) and len(entry) in (2, 3) and isinstance(entry[0], str)):
        return "expected [content hash, time] or [content hash, time, note]"
    if len(entry) == 3 and not _is_note(entry[2]):
        return "the note kept must be [note type id, [fields], [tags]]"
    mod = entry[1]
    if type(mod) is not int:
        return f"the time {json.dumps(mod)} is not a whole number of seconds"
    if not 0 <= mod <= LATEST:
        return f"the time {mod} is out of range (seconds since 1970, before the year 10000)"
    return None


def _is_note(note) -> bool:
    """[note type id, [fields], [tags]]: what a retired note is written again from."""
    return (
        isinstance(note, list)
        and len(note) == 3
        and type(note[0]) is int
        and all(isinstance(x, list) and all(isinstance(t, str) for t in x) for x in note[1:])
    )


def _line_of(text: str, key: str) -> int | None:
    needle = json.dumps(key) + ":"
    for number, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith(needle):
            return number
    return None


class _Spilled:
    """Where a note this build made is kept for the state file: its JSON text, in the
    state's scratch file (a large deck's notes are tens of MB: not held in memory)."""

    __slots__ = ("length", "offset")

    def __init__(self, offset: int, length: int):
        self.offset, self.length = offset, length


@dataclass
class State:
    """Per-note content hashes and modification times, kept between builds, and the note
    of each (to send it once more, tagged retired, when a build no longer makes it)."""

    path: Path | None
    notes: dict[str, list]  # guid -> [hash, mod, note]: the note as read ([type, fields,
    models: dict[str, list]  # tags]), or made by this build (_Spilled)
    changed: bool = False
    scratch: IO[bytes] | None = None  # the notes this build made, as JSON texts
    written: int = 0
    flushed: bool = True

    @classmethod
    def load(cls, path: Path | None) -> State:
        """The state kept beside the recipe; a damaged one is an error (ExportError), never
        read as empty: that would stamp every note anew, and an import would overwrite the
        edits made in Anki."""
        if path is None or not path.is_file():
            return cls(path, {}, {})
        notes, models = read_state(path, STATE_FORMAT)
        return cls(path, notes, models)

    def stamp(self, table: dict, key: str, digest: str, now: int, note=None) -> tuple[int, str]:
        """The modification time for this content, and 'new', 'changed' or 'unchanged'.
        `note`, the note's JSON (note_json; None for a note type), is kept with it,
        to mark it retired later; it may be None too when keeps_note said it is not
        needed."""
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

    def keeps_note(self, guid: str, digest: str) -> bool:
        """Whether stamping this content keeps its note (new, changed, or kept by a state
        of format 1 without it): only then need its JSON text be made."""
        if self.path is None:  # no state is written: nothing to keep
            return False
        known = self.notes.get(guid)
        return not (known and known[0] == digest and len(known) > 2)

    def _kept(self, data: bytes) -> _Spilled:
        if self.path is None:  # no state is written: nothing to keep
            return _Spilled(0, 0)
        if self.scratch is None:  # closed by save(), or by export() in the end
            self.scratch = tempfile.TemporaryFile(prefix=temporary_prefix())  # noqa: SIM115
        self.scratch.write(data)
        self.written += len(data)
        self.flushed = False
        return _Spilled(self.written - len(data), len(data))

    def note_json(self, kept) -> bytes:
        """The JSON of a note kept in the state, in UTF-8 (as the state file holds it)."""
        if not isinstance(kept, _Spilled):
            return json.dumps(kept, ensure_ascii=False).encode()
        assert self.scratch is not None
        if not self.flushed:
            self.scratch.flush()
            self.flushed = True
        return os.pread(self.scratch.fileno(), kept.length, kept.offset)

    def note(self, kept) -> list:
        """A note kept in the state, as [note type id, [fields], [tags]]."""
        return json.loads(self.note_json(kept)) if isinstance(kept, _Spilled) else kept

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


def note_json(note: list) -> bytes:
    """A note kept in the state, as the JSON the state file holds it in (as json.dumps
    with ensure_ascii=False writes it, faster), in UTF-8: as it waits in the scratch file.
    Made where the note is made (by the mapper's helper, for a large deck)."""
    model_id, fields, tags = note
    if type(model_id) is not int:
        return json.dumps(note, ensure_ascii=False).encode()
    return (
        f"[{model_id}, [{', '.join(map(encode_basestring, fields))}], "
        f"[{', '.join(map(encode_basestring, tags))}]]"
    ).encode()


def _differs(path: Path, blocks) -> bool:
    """Whether the file holds other bytes than the blocks would make."""
    with path.open("rb") as handle:
        for block in blocks:
            if handle.read(len(block)) != block:
                return True
        return handle.read(1) != b""


def _state_blocks(state: State, size: int = 1 << 20):
    """The state file's bytes, about `size` at a time: one entry a line, keys sorted
    (small diffs in version control, and fast to write). Made as bytes: the notes wait in
    the scratch file as UTF-8, and go in as they are read."""
    parts: list[bytes] = [b'{\n "format": %d,\n "models": ' % STATE_FORMAT]
    held = 0
    for name, entries in (("models", state.models), ("notes", state.notes)):
        if name == "notes":
            parts.append(b',\n "notes": ')
        parts.append(b"{\n")
        between = b""  # and ",\n" before each line after the first
        for key in sorted(entries):
            line = b"%s  %s: %s" % (between, _json_text(key), _json_entry(entries[key], state))
            between = b",\n"
            parts.append(line)
            held += len(line)
            if held >= size:
                yield b"".join(parts)
                parts, held = [], 0
        parts.append(b"\n }")
    parts.append(b"\n}\n")
    yield b"".join(parts)


def _json_text(text: str) -> bytes:
    """json.dumps(text), in UTF-8, without its cost for the plain ASCII of GUIDs and
    digests."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return b'"%s"' % text.encode()
    return json.dumps(text).encode()


def _json_entry(entry: list, state: State) -> bytes:
    """json.dumps([digest, mod]) for a state entry, in UTF-8, faster; a note kept with it
    as JSON."""
    digest, mod = entry[0], entry[1]
    if isinstance(digest, str) and type(mod) is int:
        if len(entry) > 2:
            return b"[%s, %d, %s]" % (_json_text(digest), mod, state.note_json(entry[2]))
        return b"[%s, %d]" % (_json_text(digest), mod)
    return json.dumps(entry).encode()
