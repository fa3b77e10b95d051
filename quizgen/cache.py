"""A cache of a deck's questions, so `quizgen quiz` starts at once.

The cache is keyed by a fingerprint of everything that makes the questions: the fact files,
the recipe, its templates, and quizgen's own code and templates (names, sizes and times of
change). Any edit makes a new fingerprint, and the questions are made anew. It lives in the
user's cache folder (QUIZGEN_CACHE_DIR overrides it; QUIZGEN_NO_CACHE=1 turns it off) and
only ever saves time: a missing or unreadable cache is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from . import __version__
from .questions import Answer, Question

PACKAGE = Path(__file__).parent


def enabled() -> bool:
    return not os.environ.get("QUIZGEN_NO_CACHE")


def folder() -> Path:
    if os.environ.get("QUIZGEN_CACHE_DIR"):
        return Path(os.environ["QUIZGEN_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("quizgen", appauthor=False))


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint_dir(root: Path, digest=None) -> str:
    digest = digest or hashlib.sha1()
    for path in _files(root):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def fingerprint(facts_dir: Path, recipe: Path) -> str:
    """Of the facts, quizgen's code and templates, and the recipe (its templates folder is
    added from the cached entry)."""
    digest = hashlib.sha1(__version__.encode())
    fingerprint_dir(facts_dir, digest)
    fingerprint_dir(PACKAGE, digest)
    stat = recipe.stat()
    digest.update(f"{recipe.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _path(recipe: Path) -> Path:
    key = hashlib.sha1(str(recipe.resolve()).encode()).hexdigest()[:16]
    return folder() / f"questions-{key}.json"


def load(recipe: Path, stamp: str) -> dict | None:
    """The cached deck, questions and known names, or None."""
    if not enabled():
        return None
    try:
        data = json.loads(_path(recipe).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    templates = data.get("deck", {}).get("templates")
    if templates and Path(templates).is_dir():
        stamp = hashlib.sha1((stamp + fingerprint_dir(Path(templates))).encode()).hexdigest()
    if data.get("fingerprint") != stamp:
        return None
    data["questions"] = [question_from_dict(q) for q in data["questions"]]
    return data


def save(recipe: Path, stamp: str, deck: dict, questions: list[Question], known) -> None:
    if not enabled():
        return
    if deck.get("templates"):
        stamp = hashlib.sha1(
            (stamp + fingerprint_dir(Path(deck["templates"]))).encode()
        ).hexdigest()
    document = {
        "fingerprint": stamp,
        "deck": deck,
        "known": sorted(known),
        "questions": [q.to_dict() for q in questions],
    }
    from .atomic import write_text_atomic
    from .errors import QuizgenError

    with contextlib.suppress(QuizgenError, OSError):  # a cache not written only costs time
        write_text_atomic(_path(recipe), json.dumps(document, ensure_ascii=False))


def question_from_dict(data: dict) -> Question:
    return Question(
        id=data["id"],
        kind=data["kind"],
        topic=data["topic"],
        prompt=data["prompt"],
        answers=tuple(Answer(a["text"], tuple(a["aliases"])) for a in data["answers"]),
        explanation=data["explanation"],
        citations=tuple(data["citations"]),
        fact_ids=tuple(data["fact_ids"]),
        template=data["template"],
        variant=data["variant"],
        choices=tuple(data["choices"]),
        key=tuple(data["key"]),
        items=tuple(data["items"]),
        cloze=data["cloze"],
        value=data["value"],
        unit=data["unit"],
        source=data["source"],
    )
