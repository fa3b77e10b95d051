"""A project: the folder holding facts/ and decks/, and the recipes a command works on.

The one place where PATH and --deck are resolved, for every command: a --deck that names
no file is a usage error (exit 2). No heavy imports: the quiz resolves its recipe before
it knows whether it must read the fact base at all (its questions may be cached)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .paths import SOURCE_FILE, display_path, find_sources

NO_RECIPES = "no deck recipes: add one to decks/ or pass --deck"


@dataclass(frozen=True)
class Project:
    facts_dir: Path
    decks_dir: Path | None
    recipes: tuple[Path, ...] = ()
    """The recipes chosen: the one --deck names, else every recipe in decks/."""
    named: bool = False
    """Whether --deck named the recipe."""

    @property
    def out_dir(self) -> Path:
        return self.facts_dir.parent / "dist"

    def chosen(self) -> tuple[Path, ...]:
        """The recipes chosen, at least one."""
        if not self.recipes:
            raise UsageError(NO_RECIPES)
        return self.recipes

    def only(self) -> Path:
        """The one recipe chosen (the quiz needs exactly one)."""
        if len(self.recipes) != 1:
            found = ", ".join(str(r) for r in self.recipes) or "none"
            raise UsageError(f"choose a deck recipe with --deck (in decks/: {found})")
        return self.recipes[0]


def recipe_files(decks_dir: Path) -> list[Path]:
    """The deck recipes in a folder."""
    return sorted([*decks_dir.glob("*.yaml"), *decks_dir.glob("*.yml")])


def open_project(path: str | Path = ".", deck_path: str | Path | None = None) -> Project:
    """The project at PATH (a project root, a facts/ folder or one source) and its chosen
    recipes: the one `deck_path` names, else every one in decks/."""
    if deck_path is not None and not Path(deck_path).is_file():
        raise UsageError(f"{deck_path}: no such deck recipe")
    facts_dir, decks_dir = _folders(Path(path))
    if deck_path is not None:
        recipes = (Path(deck_path),)
    else:
        recipes = tuple(recipe_files(decks_dir)) if decks_dir is not None else ()
    return Project(facts_dir, decks_dir, recipes, deck_path is not None)


def _folders(path: Path) -> tuple[Path, Path | None]:
    if not path.exists():
        raise UsageError(f"{display_path(path)}: no such file or folder")
    if (path / "facts").is_dir():
        decks = path / "decks"
        return path / "facts", decks if decks.is_dir() else None
    if path.is_dir() and ((path / SOURCE_FILE).is_file() or find_sources(path)):
        return path, None
    raise UsageError(
        f"{display_path(path)}: no facts/ folder here. "
        "Run quizgen in the folder that holds facts/ and decks/, or pass its path."
    )
