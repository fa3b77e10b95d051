"""The Anki writer's one reach into genanki's internals, kept here.

genanki writes a whole collection through `genanki.Package`, which is slow for a large
deck and stamps models with the clock. quizgen writes the notes and cards rows itself
(anki.py) and borrows from genanki only: the collection's schema and its first row
(`genanki.apkg_schema`, `genanki.apkg_col`, not public API), a model whose modification
time is ours (`Model.to_json` takes the clock as its first argument), and the decks'
rows (`Deck.write_to_db`). A genanki upgrade that changes these breaks this module only;
tests/test_anki.py opens the result with the official `anki` package."""

from __future__ import annotations

import sqlite3

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA


class StampedModel(genanki.Model):
    """A note type whose modification time is `mod` (from the build state), not the clock."""

    mod: int = 0

    def to_json(self, timestamp, deck_id):
        return super().to_json(self.mod, deck_id)


def create_collection(connection: sqlite3.Connection) -> list[str]:
    """genanki's tables and first row in an empty database; returns the CREATE INDEX
    statements, to run once the rows are in (faster)."""
    statements = [st for st in APKG_SCHEMA.split(";") if st.strip()]
    indexes = [st for st in statements if st.strip().upper().startswith("CREATE INDEX")]
    for statement in statements:
        if statement not in indexes:
            connection.execute(statement)
    connection.executescript(APKG_COL)
    return indexes


def write_decks(cursor: sqlite3.Cursor, decks) -> None:
    """The decks' (and their models') rows, as genanki writes them."""
    for deck in decks:
        deck.write_to_db(cursor, 0, iter(()))
