"""`quizgen new`: lay out a new source (facts/<id>/ with source.yaml, the article and
commented example facts of every kind) and its deck recipe, ready to edit. The result
passes `quizgen check` at once: the examples are comments, so no fact claims anything the
editor has not written."""

from __future__ import annotations

import json
import re
import secrets
import shutil
from pathlib import Path

from .errors import QuizgenError, UsageError
from .facts.examples import example_facts
from .facts.values import Invalid, slug
from .paths import SOURCE_FILE, display_path

ARTICLE_FILE = "article.txt"
FACTS_FILE = "facts.yaml"
MIN_WORDS = 3


class ScaffoldError(QuizgenError):
    """The article given to `quizgen new` cannot be used."""


def new_source(root: str | Path, source_id: str, article: str | Path, title: str | None = None):
    """Write facts/<source_id>/ and decks/<source_id>.yaml under `root`; returns the paths
    written. Refuses (UsageError, exit 2) to overwrite either."""
    try:
        source_id = slug(source_id)
    except Invalid as exc:
        raise UsageError(f"source id {exc.message}: {exc.hint}") from None
    root = Path(root)
    folder, recipe = root / "facts" / source_id, root / "decks" / f"{source_id}.yaml"
    for path, what in ((folder, "source"), (recipe, "deck recipe")):
        if path.exists():
            raise UsageError(
                f"{display_path(path)} already exists: quizgen new never overwrites a {what}"
            )
    text = _article_text(Path(article))
    title = " ".join((title or text.strip().splitlines()[0]).split())
    sentences = [s for s in _sentences(text) if len(s.split()) >= MIN_WORDS]
    folder.mkdir(parents=True)
    recipe.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(article, folder / ARTICLE_FILE)
    written = {
        folder / SOURCE_FILE: _source_yaml(source_id, title),
        folder / FACTS_FILE: _facts_yaml(title, sentences[1:] or sentences),
        recipe: _recipe_yaml(source_id, title, _deck_id(root)),
    }
    for path, content in written.items():
        path.write_text(content, encoding="utf-8")
    return [folder / ARTICLE_FILE, *written]


# a sentence ends at . ! or ? (and a closing quote) before a space and a capital or a quote:
# "4.8 million" and "U.S. officials" stay whole
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’)]?)\s+(?=[A-Z\"“])")


def _sentences(text: str) -> list[str]:
    """The article's sentences, paragraph by paragraph (the title line is one)."""
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        found += [s for s in _SENTENCE_END.sub(r"\1\n", flat).split("\n") if s]
    return found


def _article_text(path: Path) -> str:
    if not path.is_file():
        raise UsageError(f"--article: no such file '{path}'")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScaffoldError(f"{path}: the article is not UTF-8 (save it as UTF-8)") from None
    if not text.strip():
        raise ScaffoldError(f"{path}: the article is empty")
    return text


def _deck_id(root: Path) -> int:
    """A random 10-digit Anki deck id no recipe of the project uses."""
    used = set()
    for other in (root / "decks").glob("*.yaml"):
        for line in other.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("id:"):
                used.add(line[3:].strip())
    while True:
        deck_id = 1_000_000_000 + secrets.randbelow(9_000_000_000)
        if str(deck_id) not in used:
            return deck_id


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


TOPICS = "\n".join(
    f"  - {{id: {id}, title: {title}}}"
    for id, title in (
        ("people", "People"),
        ("positions", "Positions"),
        ("groups", "Groups"),
        ("causes", "Causes"),
        ("timeline", "Timeline"),
        ("figures", "Figures"),
    )
)
"""The topics a new source declares: those its example facts use."""


def _source_yaml(source_id: str, title: str) -> str:
    return f"""\
# The source: one article, and what the outputs say of it (see the README's fact base).
id: {source_id}
# the headline: the source line of every Anki note and question, the worksheet header,
# the Markdown heading
title: {_quoted(title)}
article: {ARTICLE_FILE}    # the article, verbatim, beside this file
language: en             # the worksheets' language (HTML lang)
# supported_by: Example Press  # an agency: "(reporting supported by Example Press)"
# documents:             # documents the reporting draws on (checked, kept with the source)
#   - name: the draft agreement
#     reviewed_by: a news agency
# period: {{from: 2020, to: 2025}}   # the years the article covers (checked)
# the topics, in order: each an Anki tag, a worksheet section, a Markdown heading; every
# fact names one of them (rename, add or drop them to fit the article)
topics:
{TOPICS}
"""


def _facts_yaml(title: str, sentences: list[str]) -> str:
    return f"""\
# Facts drawn from {_quoted(title)}.
# Below is one commented example of each kind. Its values are made up (a town and its
# bridge) to show how each field reads; its citation is a sentence of your article that may
# hold a fact of that kind. Copy an example under `facts:`, uncomment it, make every field
# true to the article, cite the passage that shows it, and run `quizgen check`.
# Write citations as a block list (one passage a line, `- "..."`): a flow list
# `[a, b]` splits a passage holding a comma. Facts may also go in other files of this folder.
facts:
{example_facts(sentences)}"""


def _recipe_yaml(source_id: str, title: str, deck_id: int) -> str:
    return f"""\
# A deck recipe: which facts become which questions, and which outputs to build.
title: {_quoted(title)}
# Anki's deck id: fixed forever, so re-imports update this deck instead of making another.
id: {deck_id}
# description: what the deck is about, shown in Anki's deck overview
sources: [{source_id}]
# topics, kinds, outputs: every one by default (see the README's Deck recipes)
seed: 1
worksheet:
  title: {_quoted(title + ": a quiz")}
  instructions: Answer every question. Circle one letter unless a question asks for more.
"""
