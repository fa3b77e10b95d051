"""Write files atomically: a temporary file beside the target, then a rename. An interrupted
write never leaves a broken file where a good one was."""

from __future__ import annotations

import contextlib
import os
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


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call `write` with a binary file object, then move the result to `path`."""
    ensure_folder(path.parent)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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
