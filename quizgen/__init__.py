"""quizgen: turn a curated, cited fact base into Anki decks, worksheets and a terminal quiz.

The public API is imported lazily, so `import quizgen` (and `quizgen --help`) stay fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "load_factbase": "quizgen.facts.loader",
    "load_deck": "quizgen.facts.recipes",
    "load_decks": "quizgen.facts.recipes",
    "check_project": "quizgen.pipeline",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'quizgen' has no attribute {name!r}")
