"""Pause Python's cyclic garbage collector around bulk work.

Loading a fact base or building a deck makes many objects and no cycles worth collecting;
with the collector running, each of its passes rescans every live object, so a large base
would cost more than its size."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def no_cyclic_gc():
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
