"""Write files atomically: a temporary file beside the target, then a rename. An interrupted
write never leaves a broken file where a good one was.

Every temporary file quizgen makes is named `...quizgen-<pid>-<random>.<ext>`, so that one
left by a killed build is known as ours and as stale (its process is gone), and removed by
the next build without breaking one running at the same time.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .errors import ExportError
from .paths import display_path


def ensure_folder(folder: Path) -> None:
    """Create the output folder, or explain why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"cannot create the output folder {display_path(folder)}: {exc.strerror}"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(
            f"cannot write to the output folder {display_path(folder)}: permission denied"
        )


_OURS = re.compile(r"quizgen-(\d+)-[^/]*\.(part|anki2)$")


def temporary_prefix() -> str:
    """The part of a temporary file's name that marks it as this process's."""
    return f"quizgen-{os.getpid()}-"


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # cannot tell: keep the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_stale(folder: Path, pattern: str = ".*.part") -> None:
    """Remove quizgen's temporary files in `folder` whose process is gone."""
    with contextlib.suppress(OSError):
        for path in folder.glob(pattern):
            match = _OURS.search(path.name)
            if match and not _running(int(match.group(1))):
                with contextlib.suppress(OSError):
                    path.unlink()


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call `write` with a binary file object, then move the result to `path`."""
    ensure_folder(path.parent)
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{temporary_prefix()}", suffix=".part", dir=path.parent
        )
    except OSError as exc:
        raise ExportError(f"cannot write {display_path(path)}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"cannot write {display_path(path)}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))
