"""Ordered work shared with one forked helper process, on machines with a second core.

`ordered_map(units, work)` yields `work(unit)`'s results unit after unit, in order, as a
plain loop would. On a large job a helper process (a fork: it has the caller's memory, so
nothing is sent to it) takes chunks of units from a shared queue, in order, and writes
their results to a scratch file; the caller takes chunks from the same queue whenever the
next chunk it needs is not ready yet, so the two keep each other busy whatever the
consumer of the results costs. The results are the same as without the helper: chunks are
computed alone, and yielded in order. If the helper fails, the caller computes its
chunks itself, so an error surfaces here, as in a plain loop.

QUIZGEN_WORKERS=1 turns the helper off; QUIZGEN_WORKERS=2 uses it even on small jobs.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

MIN_UNITS = 500  # below this, forking costs more than it saves
_TICKET = struct.Struct("I")
_DONE = struct.Struct("IQQ")  # chunk index, offset in the scratch file, length
_MAX_CHUNKS = 2048  # the queue and the notices both fit in a pipe's buffer


def workers(worth: bool) -> int:
    """1 or 2: whether a helper process is worth starting (and possible) here."""
    wanted = os.environ.get("QUIZGEN_WORKERS", "").strip()
    if wanted == "1" or not hasattr(os, "fork") or sys.platform in ("darwin", "win32"):
        return 1
    if wanted != "2" and not worth:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2 and wanted != "2":
        return 1
    import threading

    return 2 if threading.active_count() == 1 else 1  # forking a threaded process is unsafe


def ordered_map(
    units: Sequence[Any], work: Callable[[Any], list], helper: bool | None = None
) -> Iterator:
    """Every item of work(unit) for each unit, in order. `helper` says whether the job is
    large enough for a helper process; by default, when there are MIN_UNITS units."""
    if workers(len(units) >= MIN_UNITS if helper is None else helper) == 1:
        for unit in units:
            yield from work(unit)
        return
    size = max(1, min(64, len(units) // 256), -(-len(units) // _MAX_CHUNKS))
    chunks = [units[i : i + size] for i in range(0, len(units), size)]
    yield from _Shared(chunks, work).results()


class _Shared:
    def __init__(self, chunks: list[Sequence[Any]], work: Callable[[Any], list]):
        self.chunks, self.work = chunks, work

    def compute(self, index: int) -> list:
        return [item for unit in self.chunks[index] for item in self.work(unit)]

    def results(self) -> Iterator:
        queue_r, queue_w = os.pipe()
        notice_r, notice_w = os.pipe()
        os.write(queue_w, b"".join(_TICKET.pack(i) for i in range(len(self.chunks))))
        os.close(queue_w)  # once the queue is empty, a read says so at once
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        with tempfile.TemporaryFile() as scratch:
            pid = os.fork()
            if pid == 0:
                os.close(notice_r)
                self._helper(queue_r, notice_w, scratch.fileno())
            os.close(notice_w)
            try:
                yield from self._caller(queue_r, notice_r, scratch.fileno())
            finally:
                os.close(queue_r)
                os.close(notice_r)
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)  # gone already, unless we stop early
                with contextlib.suppress(OSError):
                    os.waitpid(pid, 0)

    def _helper(self, queue: int, notices: int, scratch: int) -> None:
        """The forked process: chunks from the queue, results to the scratch file. It
        never returns: it leaves with os._exit, running none of the caller's cleanup, and
        on an error says nothing: the caller redoes what is missing."""
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it quietly
        status = 1
        try:
            offset = 0
            while (index := _take(queue)) is not None:
                data = pickle.dumps(self.compute(index), pickle.HIGHEST_PROTOCOL)
                view = memoryview(data)
                while view:
                    view = view[os.write(scratch, view) :]
                os.write(notices, _DONE.pack(index, offset, len(data)))
                offset += len(data)
            status = 0
        finally:
            os._exit(status)

    def _caller(self, queue: int, notices: int, scratch: int) -> Iterator:
        mine: dict[int, list] = {}  # computed here, not yet yielded
        ready: dict[int, tuple[int, int]] = {}  # written by the helper: (offset, length)
        claimed = -1  # every chunk up to this one is taken, by one of us
        helper_alive = True
        for index in range(len(self.chunks)):
            while True:
                if index in mine:
                    yield from mine.pop(index)
                    break
                if index in ready:
                    offset, length = ready.pop(index)
                    yield from pickle.loads(os.pread(scratch, length, offset))
                    break
                if index > claimed or not helper_alive:
                    taken = _take(queue) if index > claimed else None
                    if taken is None:  # the helper has it (or failed at it): see below
                        claimed = len(self.chunks) - 1
                        if not helper_alive:
                            mine[index] = self.compute(index)
                        continue
                    claimed = taken
                    mine[taken] = self.compute(taken)
                    continue
                # the helper has this chunk: keep busy with a later one until it is ready
                if _notices(notices, ready, block=False):
                    continue
                taken = _take(queue)
                if taken is not None:
                    claimed = taken
                    mine[taken] = self.compute(taken)
                    continue
                helper_alive = _notices(notices, ready, block=True)


def _take(queue: int) -> int | None:
    """The next chunk of the shared queue, or None when it is empty. A pipe read of four
    bytes is atomic, so each chunk goes to exactly one process."""
    data = os.read(queue, _TICKET.size)
    return _TICKET.unpack(data)[0] if data else None


def _notices(notices: int, ready: dict, block: bool) -> bool:
    """Read the helper's notices of finished chunks into `ready`. Without `block`, returns
    whether any came; with it, waits for one and returns False when the helper is gone."""
    os.set_blocking(notices, block)
    try:
        data = os.read(notices, _DONE.size * 256)
    except BlockingIOError:
        return False
    if not data:
        return False
    # each notice is one write of under PIPE_BUF bytes, so whole; and reads ask for a
    # multiple of its size, so none is ever split
    for index, offset, length in _DONE.iter_unpack(data):
        ready[index] = (offset, length)
    return True
