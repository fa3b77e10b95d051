"""Work shared with a forked helper gives exactly what a plain loop gives, or its error."""

from __future__ import annotations

import json
import os
import time

import pytest

from quizgen.errors import FactError
from quizgen.facts.loader import load_factbase
from quizgen.parallel import ordered_map, workers
from quizgen.questions import generate

from .conftest import DATA, ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


@pytest.fixture
def forced(monkeypatch):
    """The helper process even for small jobs."""
    import threading

    monkeypatch.setenv("QUIZGEN_WORKERS", "2")
    assert threading.active_count() == 1, "a thread left running by an earlier test"


def _no_child_left() -> bool:
    """No helper still running, and none left unreaped."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_helper_is_used_only_when_worth_it_and_allowed(monkeypatch):
    import threading

    monkeypatch.delenv("QUIZGEN_WORKERS", raising=False)
    assert workers(False) == 1
    alone = threading.active_count() == 1
    assert workers(True) == (2 if len(os.sched_getaffinity(0)) >= 2 and alone else 1)
    monkeypatch.setenv("QUIZGEN_WORKERS", "1")
    assert workers(True) == 1
    monkeypatch.setenv("QUIZGEN_WORKERS", "2")
    assert workers(False) == (2 if alone else 1)


def test_results_come_in_order_whoever_made_them(forced):
    made_here = []  # the helper's own copy of this list is not seen here

    def work(unit):
        if unit % 7 == 0:
            time.sleep(0.001)  # uneven work, so that both processes take chunks
        made_here.append(unit)
        return [unit * 2, unit * 2 + 1]

    found = list(ordered_map(range(3000), work))
    assert found == list(range(6000))
    assert 0 < len(made_here) < 3000  # the helper made the rest
    assert _no_child_left()


def test_a_helper_that_fails_leaves_its_chunks_to_the_caller(forced):
    parent = os.getpid()

    def work(unit):
        if os.getpid() != parent:
            raise RuntimeError("the helper breaks")
        return [unit]

    assert list(ordered_map(range(2000), work)) == list(range(2000))
    assert _no_child_left()


def test_an_error_in_the_work_reaches_the_caller(forced):
    def work(unit):
        if unit == 1234:
            raise ValueError("unit 1234")
        return [unit]

    with pytest.raises(ValueError, match="unit 1234"):
        list(ordered_map(range(2000), work))
    assert _no_child_left()


def test_stopping_early_ends_the_helper(forced):
    results = ordered_map(range(100_000), lambda unit: [unit])
    assert [next(results) for _ in range(10)] == list(range(10))
    results.close()
    assert _no_child_left()


def _questions_json(monkeypatch, workers_wanted: str) -> str:
    monkeypatch.setenv("QUIZGEN_WORKERS", workers_wanted)
    assert workers(False) == int(workers_wanted)  # the helper really is on (or off)
    base = load_factbase(ROOT / "facts", mapper=ordered_map)
    made = generate(base, seed=7, mapper=ordered_map)
    return json.dumps(
        [q.to_dict() for q in made.questions] + [str(w) for w in made.warnings], sort_keys=True
    )


def test_questions_are_the_same_with_or_without_the_helper(monkeypatch):
    assert _questions_json(monkeypatch, "2") == _questions_json(monkeypatch, "1")


def test_problems_are_the_same_with_or_without_the_helper(monkeypatch, tmp_path):
    import shutil

    facts = tmp_path / "facts"
    shutil.copytree(DATA / "mini" / "facts", facts)
    folder = next(p for p in facts.iterdir() if p.is_dir())
    (folder / "zz-broken.yaml").write_text("facts:\n  - id: x\n    kind: [\n", encoding="utf-8")
    (folder / "zz-unknown.yaml").write_text("facts:\n  - id: y\n    kind: nope\n", "utf-8")
    messages = []
    for wanted in ("2", "1"):
        monkeypatch.setenv("QUIZGEN_WORKERS", wanted)
        assert workers(False) == int(wanted)
        with pytest.raises(FactError) as caught:
            load_factbase(facts, mapper=ordered_map)
        messages.append([p.format() for p in caught.value.problems])
    assert messages[0] == messages[1]
    assert any("YAML syntax error" in m for m in messages[0]), messages[0]
