"""Reading the Anki build state (`decks/<slug>.anki-state.json`) strictly.

The state holds each note's content hash and modification time, and (format 2) the note
itself, so a note the next build no longer has can be sent once more, tagged retired. Read
as empty, it would stamp every note anew and an import would overwrite what the student
edited in Anki, so a
damaged file is an error that says what is wrong and how to mend it, never a fresh start.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import Problem, ProblemsError
from ..paths import display_path

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
