"""A cache of a deck's questions: `quizgen quiz` starts at once, and `quizgen build` does not
read and render the fact base again when nothing changed.

An entry is keyed by a fingerprint of everything that makes the questions: the fact files,
the recipe and its templates, quizgen's own code and templates (names, sizes, times of
change), the seed and the topics. Any edit makes a new fingerprint, and the questions are
made anew. Entries live in the user's cache folder (QUIZGEN_CACHE_DIR overrides it;
QUIZGEN_NO_CACHE=1 turns caching off) as JSON lines: a header, one question a line (so a
large deck streams in and out), and a last line with their count and checksum. A missing,
cut or damaged entry is simply made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import __version__
from .atomic import remove_stale, temporary_prefix
from .paths import display_path
from .questions import Question

PACKAGE = Path(__file__).parent
FORMAT = 4  # 3: a last line with the count and checksum; 4: the sources' topics


def enabled() -> bool:
    return not os.environ.get("QUIZGEN_NO_CACHE")


def folder() -> Path:
    if os.environ.get("QUIZGEN_CACHE_DIR"):
        return Path(os.environ["QUIZGEN_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("quizgen", appauthor=False))


def _stat_into(digest, root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        if path.name.endswith(".anki-state.json"):
            continue  # written by builds; not an input of the questions
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())


def stamp_of(folder_path: Path) -> str:
    digest = hashlib.sha1()
    if folder_path.is_dir():
        _stat_into(digest, folder_path)
    return digest.hexdigest()


def fingerprint(facts_dir: Path, recipe: Path, **more) -> str:
    """Of the facts, quizgen's code and templates, the recipe's folder (with any templates
    kept there), and anything else given (seed, topics). A templates folder elsewhere is
    checked through the entry's header."""
    digest = hashlib.sha1(f"{__version__}\0{FORMAT}\0{sorted(more.items())}".encode())
    _stat_into(digest, facts_dir)
    _stat_into(digest, PACKAGE)
    _stat_into(digest, recipe.resolve().parent)
    return digest.hexdigest()


def _path(recipe: Path, kind: str) -> Path:
    key = hashlib.sha1(f"{recipe.resolve()}\0{kind}".encode()).hexdigest()[:16]
    return folder() / f"questions-{key}.jsonl"


def remove_stale_entries() -> None:
    """Remove the entries that builds killed while writing them left behind."""
    if enabled():
        remove_stale(folder(), "questions-*.part")


def read(recipe: Path, kind: str, stamp: str) -> tuple[dict, Iterator[Question]] | None:
    """The header and a stream of the cached questions, or None on a miss. An entry is used
    only when it proves itself whole: its last line holds the count of its questions and a
    checksum of every line before it."""
    if not enabled():
        return None
    path = _path(recipe, kind)
    try:
        handle = path.open("rb")
    except OSError:
        return None
    try:
        count = _whole(handle)
        header = json.loads(handle.readline()) if count is not None else None
    except (OSError, ValueError):
        header = None
    if not isinstance(header, dict) or not _current(header, stamp):
        handle.close()
        return None

    def questions() -> Iterator[Question]:
        with handle:
            for _ in range(count):
                yield Question.from_dict(json.loads(handle.readline()))

    return header, questions()


def _current(header: dict, stamp: str) -> bool:
    templates = header.get("templates")
    return header.get("fingerprint") == stamp and not (
        templates and stamp_of(Path(templates)) != header.get("templates_stamp")
    )


def _whole(handle) -> int | None:
    """The number of questions in an entry whose checksum holds, else None; leaves the
    handle at its start."""
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - 200))
    tail = handle.read()
    cut = tail.rfind(b"\n", 0, len(tail) - 1)
    if cut < 0 or not tail.endswith(b"\n"):
        return None
    end = json.loads(tail[cut + 1 :])
    body = size - len(tail) + cut + 1
    if not isinstance(end, dict) or end.get("bytes") != body:
        return None
    handle.seek(0)
    crc, left = 0, body
    while left:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            return None
        crc, left = zlib.crc32(chunk, crc), left - len(chunk)
    handle.seek(0)
    count = end.get("questions")
    return count if end.get("crc") == crc and type(count) is int else None


def write_through(
    recipe: Path, kind: str, stamp: str, header: dict, questions: Iterable[Question]
) -> Iterator[Question]:
    """Pass the questions on, writing them to the cache as they go; the entry is kept only
    if every question went through, and a cache that cannot be written (a full disk) is
    given up with one warning: the questions still flow."""
    if not enabled():
        yield from questions
        return
    path = _path(recipe, kind)
    templates = header.get("templates")
    if templates:
        header = {**header, "templates_stamp": stamp_of(Path(templates))}
    entry = _Entry.open(path)
    entry.add(json.dumps({**header, "fingerprint": stamp}, ensure_ascii=False))
    count = 0
    try:
        for question in questions:
            entry.add(json.dumps(question.to_dict(), ensure_ascii=False))
            count += 1
            yield question
    except BaseException:
        entry.drop()
        raise
    entry.finish(count, path)


class _Entry:
    """A cache entry being written: its lines, their checksum; on an error, nothing."""

    def __init__(self, handle, name: str = ""):
        self.handle, self.name, self.crc, self.size = handle, name, 0, 0

    @classmethod
    def open(cls, path: Path) -> _Entry:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                prefix=f"{path.stem}.{temporary_prefix()}", suffix=".part", dir=path.parent
            )
            return cls(os.fdopen(fd, "wb"), name)
        except OSError as exc:
            _warn(exc)
            return cls(None)

    def add(self, line: str) -> None:
        if self.handle is None:
            return
        data = (line + "\n").encode("utf-8")
        try:
            self.handle.write(data)
        except OSError as exc:
            _warn(exc)
            self.drop()
            return
        self.crc, self.size = zlib.crc32(data, self.crc), self.size + len(data)

    def drop(self) -> None:
        if self.handle is not None:
            with contextlib.suppress(OSError):
                self.handle.close()
            with contextlib.suppress(OSError):
                os.unlink(self.name)
            self.handle = None

    def finish(self, count: int, path: Path) -> None:
        self.add(json.dumps({"questions": count, "crc": self.crc, "bytes": self.size}))
        if self.handle is None:
            return
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.name, path)
        except OSError as exc:
            _warn(exc)
            self.drop()


def _warn(exc: OSError) -> None:
    where = display_path(folder())
    sys.stderr.write(
        f"warning: cannot write the question cache in {where} ({exc.strerror or exc}): "
        "working without it\n"
    )


def deck_stream(project, recipe: Path, deck=None, *, seed=None, topics=None, mapper=None):
    """A deck's questions as a stream, from the cache when nothing changed, else made (and
    cached as they go). Returns (header, questions): the header holds the deck's slug, its
    sources' metadata and the names a learner might type. `deck` (the loaded recipe) is
    read only on a miss when not given; `seed` and `topics` default to the recipe's.
    `mapper` (see mapping.py) is handed to the loader and the engine on a miss."""
    stamp = fingerprint(
        project.facts_dir, recipe, seed="recipe" if seed is None else seed,
        topics=sorted(topics) if topics else "recipe",
    )  # fmt: skip
    hit = read(recipe, "deck", stamp)
    if hit is not None:
        return hit
    from .facts.loader import load_factbase
    from .facts.recipes import declared_topics, load_deck
    from .grading import known_names
    from .mapping import in_order
    from .questions import known_values, stream

    mapper = mapper or in_order
    factbase = load_factbase(project.facts_dir, mapper=mapper)
    declared = declared_topics(factbase)
    deck = load_deck(recipe, declared) if deck is None else deck
    if any(s not in declared for s in deck.sources):
        load_deck(recipe, declared)  # raises the recipe's error, with its line
    base = factbase.only(deck.sources)  # the deck's own sources, made into questions once
    known_values(topics, [t.id for t in base.topics], "topic")
    header = {
        "deck": deck.slug,
        "templates": str(deck.templates or ""),
        "known": sorted(known_names(base)),
        "sources": [_source_header(s) for s in base.sources],
    }
    questions = stream(
        base,
        seed=deck.seed if seed is None else seed,
        topics=topics or deck.topics,
        kinds=deck.kinds,
        template_dir=deck.templates,
        mapper=mapper,
    )
    return header, write_through(recipe, "deck", stamp, header, questions)


def _source_header(source) -> dict:
    return {
        "id": source.id,
        "title": source.title,
        "supported_by": source.supported_by,
        "language": source.language,
        "topics": [[t.id, t.title, t.order, t.phrase] for t in source.topics],
    }


def sources_from(header: dict):
    """The deck's sources' metadata kept in a header, as Source objects (without their
    text): the exporters' source line, credit and topic titles."""
    from .facts.kinds import Source, Topic

    return {
        s["id"]: Source(
            s["id"],
            s["title"],
            "",
            "",
            s["supported_by"],
            language=s["language"],
            topics=tuple(Topic(*t) for t in s["topics"]),
        )
        for s in header["sources"]
    }
