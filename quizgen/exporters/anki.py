"""Anki .apkg decks that import cleanly and update in place on re-import.

Identity: a note's GUID comes from its question id, and its note and card ids from the
GUID, so the same question is always the same note. Updates: Anki replaces a note on import
only when the incoming note is newer, so each note's modification time moves only when its
content changes; the times are kept in a small state file beside the recipe. With the same
state and content, the .apkg is byte-identical (SOURCE_DATE_EPOCH fixes the clock).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import sqlite3
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from ..atomic import remove_stale, temporary_prefix, write_atomic, write_text_atomic
from ..errors import ExportError
from ..facts.kinds import TOPICS, Source
from ..questions import Question
from . import ExportJob, Written
from .anki_models import BASIC, CHOICE, CLOZE, MODELS, TYPE_IN
from .zipped import write_zip

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STATE_FORMAT = 1


def _stable_int(*parts: str, low: int = 1 << 40, high: int = 1 << 52) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return low + int.from_bytes(digest, "big") % (high - low)


_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)


_BASE91_PAIRS = [a + b for a in _BASE91 for b in _BASE91]  # two digits a step


def guid_for(question_id: str) -> str:
    """genanki.guid_for("quizgen", question_id), computed faster: the first 8 bytes of a
    SHA-256, in Anki's base 91 (no leading zero digits, as genanki writes it)."""
    number = int.from_bytes(hashlib.sha256(f"quizgen__{question_id}".encode()).digest()[:8], "big")
    pairs = []
    while number:
        number, pair = divmod(number, 8281)
        pairs.append(_BASE91_PAIRS[pair])
    return "".join(reversed(pairs)).lstrip(_BASE91[0])


def subdeck_id(deck_id: int, topic: str) -> int:
    return _stable_int(str(deck_id), topic, low=1 << 30, high=1 << 31)


def _e(text: str) -> str:
    """A fact's text as the HTML of a field: markup escaped, and braces as entities, so
    that `{{c1::x}}` or `{{Front}}` shows as written instead of being Anki's syntax."""
    if "&" in text or "<" in text or ">" in text:
        text = html.escape(text, quote=False)
    if "{" in text or "}" in text:
        text = text.replace("{", "&#123;").replace("}", "&#125;")
    return text


def _cloze_field(q: Question) -> str:
    """The cloze text escaped around quizgen's one deletion, `{{c1::term}}`."""
    marker = "{{c1::" + q.answers[0].text + "}}"
    at = q.cloze.find(marker)
    if at < 0:
        return _e(q.cloze)
    before, after = q.cloze[:at], q.cloze[at + len(marker) :]
    return _e(before) + "{{c1::" + _e(q.answers[0].text) + "}}" + _e(after)


def _choices(q: Question) -> tuple[str, str]:
    """The choices as a lettered list: plain (front), and marked right or wrong (back)."""
    plain, marked = [], []
    for index, choice in enumerate(q.choices):
        item = f'<span class="qg-letter">{LETTERS[index]}</span> {_e(choice)}</li>'
        plain.append("<li>" + item)
        css = "qg-right" if index in q.key else "qg-wrong"
        marked.append(f'<li class="{css}">' + item)
    return (
        '<ol class="qg-choices">' + "".join(plain) + "</ol>",
        '<ol class="qg-choices">' + "".join(marked) + "</ol>",
    )


def _citation(q: Question) -> str:
    return "".join(f"<p>“{_e(c)}”</p>" for c in q.citations)


def source_line(source: Source | None) -> str:
    """The note's last field: where the question comes from."""
    if source is None:
        return ""
    line = f"Source: {source.title}"
    if source.supported_by:
        line += f" (reporting supported by {source.supported_by})"
    return _e(line)


def note_content(q: Question, src: str) -> tuple[genanki.Model, list[str]]:
    """The note type and fields (HTML, everything escaped) of one question; `src` is its
    source's source_line()."""
    cite, explain = _citation(q), _e(q.explanation)
    if q.kind in ("mcq", "tf", "multi"):
        right = ", ".join(LETTERS[i] for i in q.key)
        answer = f"{right}: {_e(q.answer_text)}"
        front, back = _choices(q)
        return CHOICE, [
            _e(q.prompt),
            front,
            back,
            answer,
            explain,
            cite,
            src,
        ]
    if q.kind in ("short", "quote", "numeric"):
        first = q.answers[0]
        accepted = list(first.aliases)
        if q.kind == "numeric" and q.unit:
            accepted.append(q.answer_text)
        return TYPE_IN, [
            _e(q.prompt),
            _e(first.text),
            _e(", ".join(accepted)),
            explain,
            cite,
            src,
        ]
    if q.kind == "cloze" and q.cloze:
        return CLOZE, [_cloze_field(q), explain, cite, src]
    front, back = _e(q.prompt), _e(q.answer_text)
    if q.kind == "chronology":
        front += _lettered(q.choices)
        order = ", ".join(LETTERS[i] for i in q.key)
        back = f"{order}<ol>" + "".join(f"<li>{_e(q.choices[i])}</li>" for i in q.key) + "</ol>"
    elif q.kind == "matching":
        left = "".join(f"<li>{_e(item)}</li>" for item in q.items)
        front += f'<ol class="qg-items">{left}</ol>' + _lettered(q.choices)
        back = (
            "<ol>"
            + "".join(
                f"<li>{_e(item)} — {LETTERS[i]}: {_e(q.choices[i])}</li>"
                for item, i in zip(q.items, q.key)
            )
            + "</ol>"
        )
    elif q.kind == "list":
        back = "<ul>" + "".join(f"<li>{_e(a.text)}</li>" for a in q.answers) + "</ul>"
    return BASIC, [front, back, explain, cite, src]


def _lettered(options: tuple[str, ...]) -> str:
    items = "".join(
        f'<li><span class="qg-letter">{LETTERS[i]}</span> {_e(text)}</li>'
        for i, text in enumerate(options)
    )
    return f'<ol class="qg-choices">{items}</ol>'


def tags_for(q: Question) -> list[str]:
    tags = [f"quizgen::topic::{q.topic}", f"quizgen::kind::{q.kind}"]
    tags += [f"quizgen::fact::{fid}" for fid in q.fact_ids]
    return tags


class _Model(genanki.Model):
    mod: int = 0

    def to_json(self, timestamp, deck_id):
        return super().to_json(self.mod, deck_id)


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
    root = genanki.Deck(deck.id, deck.title, description=_e(deck.description))
    for base in MODELS:
        model = _Model(
            base.model_id,
            base.name,
            fields=base.fields,
            templates=base.templates,
            css=base.css,
            model_type=base.model_type,
        )
        model.mod, _ = state.stamp(
            state.models,
            str(base.model_id),
            _digest(base.name, json.dumps([base.fields, base.templates]), base.css),
            job.now,
        )
        root.add_model(model)

    remove_stale(Path(tempfile.gettempdir()), "quizgen-*.anki2")
    try:
        fd, db_path = tempfile.mkstemp(prefix=temporary_prefix(), suffix=".anki2")
    except OSError as exc:
        raise _scratch_error(exc) from None
    os.close(fd)
    try:
        connection = sqlite3.connect(db_path)
        connection.execute("PRAGMA journal_mode = OFF")  # a scratch file: no journal needed
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -32768")  # 32 MiB: a large deck stays fast
        statements = [st for st in APKG_SCHEMA.split(";") if st.strip()]
        indexes = [st for st in statements if st.strip().upper().startswith("CREATE INDEX")]
        for statement in statements:  # tables now, indexes once the rows are in
            if statement not in indexes:
                connection.execute(statement)
        connection.executescript(APKG_COL)
        subdecks: dict[str, genanki.Deck] = {}
        per_deck: dict[str, int] = {}
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        notes, cards = [], []
        current: set[str] = set()
        written = 0
        sources = {key: source_line(source) for key, source in job.sources.items()}
        for position, q in enumerate(job.questions):  # a list, or a stream of questions
            written += 1
            subdeck = subdecks.get(q.topic)
            if subdeck is None:
                name = f"{deck.title}::{TOPICS.get(q.topic, q.topic)}"
                subdeck = subdecks[q.topic] = genanki.Deck(subdeck_id(deck.id, q.topic), name)
            per_deck[subdeck.name] = per_deck.get(subdeck.name, 0) + 1
            model, fields = note_content(q, sources.get(q.source, ""))
            tags = tags_for(q)
            guid = guid_for(q.id)
            current.add(guid)
            digest = hashlib.sha1(  # as _digest(model_id, fields, tags, name), inline
                "\x1e".join((str(model.model_id), *fields, *tags, subdeck.name)).encode()
            ).hexdigest()
            mod, status = state.stamp(state.notes, guid, digest, job.now)
            counts[status] += 1
            note_id = _stable_int("note", guid)  # the card shares it: one card a note
            notes.append(
                (note_id, guid, model.model_id, mod, " " + " ".join(tags) + " ",
                 "\x1f".join(fields), fields[0])
            )  # fmt: skip
            cards.append((note_id, subdeck.deck_id, mod, position))
            if len(notes) >= 2000:
                _insert(connection, notes, cards)
        _insert(connection, notes, cards)
        if job.whole:
            state.keep_only(current)
        # The state is complete: it is written while SQLite makes the indexes and the zip is
        # deflated (both let go of the GIL). Written first or last, it only ever holds times
        # for contents built, so an interrupted build loses nothing.
        with ThreadPoolExecutor(1) as pool:
            saved = pool.submit(state.save)
            for statement in indexes:
                connection.execute(statement)
            cursor = connection.cursor()
            for one in (root, *subdecks.values()):
                one.write_to_db(cursor, 0, iter(()))
            connection.commit()
            connection.close()
            out = job.out_dir / f"{deck.slug}.apkg"
            members = [("collection.anki2", Path(db_path)), ("media", b"{}")]
            write_atomic(out, lambda handle: write_zip(handle, members))
            saved.result()
    except (sqlite3.Error, OSError) as exc:
        raise _scratch_error(exc) from None
    finally:
        os.unlink(db_path)
    details = [f"{name}: {count} notes" for name, count in per_deck.items()]
    details.append(
        f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged "
        "since the last build"
    )
    return [Written(out, written, details)]


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
