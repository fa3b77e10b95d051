from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import cli as quizgen_cli

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Never touch the real home or data folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("QUIZGEN_DATA_DIR", str(home / "quizgen-data"))
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(home / "quizgen-cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


class Cli:
    """Run quizgen's click commands in-process, from a given folder."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.runner = CliRunner()

    def __call__(self, *args: str, cwd: Path | None = None, input: str | None = None):
        import os

        old = os.getcwd()
        os.chdir(cwd or self.cwd)
        try:
            return self.runner.invoke(quizgen_cli, list(args), input=input, catch_exceptions=False)
        finally:
            os.chdir(old)


@pytest.fixture
def shipped(tmp_path) -> Path:
    """A copy of the shipped project (facts/ and decks/), safe to edit."""
    target = tmp_path / "project"
    target.mkdir()
    shutil.copytree(ROOT / "facts", target / "facts")
    shutil.copytree(ROOT / "decks", target / "decks")
    return target


@pytest.fixture
def mini(tmp_path) -> Path:
    """A copy of the small valid project in tests/data/mini."""
    target = tmp_path / "mini"
    shutil.copytree(DATA / "mini", target)
    return target


@pytest.fixture
def collection(tmp_path):
    """A fresh Anki collection (the official `anki` package)."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture
def cli(tmp_path) -> Cli:
    return Cli(tmp_path)


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a fact or recipe file in place; the text to replace must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
