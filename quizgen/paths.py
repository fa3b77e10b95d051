"""Paths as users type them, and which files quizgen may read. No heavy imports."""

from __future__ import annotations

import stat
from pathlib import Path

SOURCE_FILE = "source.yaml"


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    path = Path(path)
    try:  # a link is shown where it stands, not where it leads
        real = path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
        return str(real.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links
        return str(path)


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFDIR: "a folder",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def unreadable(path: Path, folder: Path | None = None) -> str | None:
    """Why a file quizgen would read must not be read, or None: it is missing or a broken
    link, it is not a regular file (a named pipe would block the read for ever), or (with
    `folder`) it lies outside that folder once links are followed."""
    try:
        info = path.stat()
        real = path.resolve() if folder is not None else path
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python < 3.13)
        if path.is_symlink():
            return "the file is a link that leads nowhere (to a missing file, or round a loop)"
        return f"cannot read the file: {getattr(exc, 'strerror', None) or exc}"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_KINDS.get(stat.S_IFMT(info.st_mode), 'not a file')})"
    if folder is not None and not real.is_relative_to(folder.resolve()):
        return f"the file lies outside its source folder (it leads to {real})"
    return None


def find_sources(facts_dir: Path) -> list[Path]:
    """Source folders: facts_dir itself if it holds source.yaml, else its sub-folders."""
    if (facts_dir / SOURCE_FILE).is_file():
        return [facts_dir]
    return sorted(p for p in facts_dir.iterdir() if (p / SOURCE_FILE).is_file())
