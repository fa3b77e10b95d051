"""The layout holds: the core reads as plain code (the forked map is handed in by the
command layer), a CSV build loads no genanki, no module is over 400 lines, and the
formats' registry is written once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.errors import UsageError
from quizgen.project import open_project

from .conftest import ROOT

PACKAGE = ROOT / "quizgen"
CORE = ("quizgen.facts.loader", "quizgen.questions.engine", "quizgen.exporters.worksheet")


def _loaded(code: str, cwd: Path | None = None) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "QUIZGEN_WORKERS": "1"}, check=True,
    )  # fmt: skip
    return set(done.stdout.split())


def test_the_loader_the_engine_and_the_worksheet_exporter_do_not_import_the_parallel_helper():
    loaded = _loaded("".join(f"import {name}\n" for name in CORE))
    assert set(CORE) <= loaded
    assert "quizgen.parallel" not in loaded
    for name in CORE:
        source = (ROOT / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        assert "parallel" not in source.replace("parallel.ordered_map", ""), name


def test_the_commands_hand_the_forked_map_in(mini):
    """check, build and the quiz still share large jobs: their library entry points load the
    parallel helper (and the core uses whatever it is given)."""
    loaded = _loaded(f"from quizgen.pipeline import check_project\ncheck_project({str(mini)!r})")
    assert "quizgen.parallel" in loaded


def test_a_csv_build_imports_no_genanki(mini, tmp_path):
    build = "from quizgen.build import build\nbuild({!r}, None, {!r}, ({!r},))"
    csv = _loaded(build.format(str(mini), str(tmp_path / "csv"), "csv"))
    assert "quizgen.exporters.table" in csv
    assert not {m for m in csv if m.split(".")[0] == "genanki"}
    assert "quizgen.exporters.anki" not in csv
    assert list((tmp_path / "csv").glob("*.csv"))
    apkg = _loaded(build.format(str(mini), str(tmp_path / "apkg"), "apkg"))
    assert "genanki" in apkg  # the check above would notice genanki


def test_no_module_is_over_400_lines():
    long = {
        name: count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
        and (name := str(path.relative_to(ROOT)))
    }
    assert long == {}


def test_the_formats_are_listed_once():
    from quizgen.exporters import REGISTRY, STREAM_FORMATS, WORKSHEET_FORMATS, available
    from quizgen.vocab import OUTPUT_FORMATS, OUTPUTS

    assert OUTPUT_FORMATS == available() == tuple(REGISTRY) == tuple(OUTPUTS)
    assert (STREAM_FORMATS, WORKSHEET_FORMATS) == (("apkg",), ("html", "pdf"))
    for fmt in OUTPUT_FORMATS:
        module, _function = REGISTRY[fmt]["writer"].split(":")
        assert module.startswith("quizgen.exporters.")
        assert (PACKAGE / "exporters" / f"{module.rsplit('.', 1)[1]}.py").is_file(), fmt
    sources = [p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")]
    assert sum('"quizgen.exporters.gift:export"' in s for s in sources) == 1


def test_the_project_and_its_recipes_are_resolved_in_one_place(mini):
    project = open_project(mini)
    assert project.recipes == tuple(sorted((mini / "decks").glob("*.yaml")))
    assert not project.named
    assert open_project(mini, project.recipes[0]).only() == project.recipes[0]
    with pytest.raises(UsageError) as caught:
        open_project(mini, mini / "decks" / "nosuch.yaml")
    assert caught.value.exit_code == 2
    assert str(caught.value) == f"{mini / 'decks' / 'nosuch.yaml'}: no such deck recipe"


def test_a_missing_deck_is_exit_2_before_the_fact_base_is_read(mini, cli):
    """Even with a broken fact base, a --deck naming no file is the error (exit 2)."""
    facts = next(p for p in (mini / "facts").iterdir() if p.is_dir())
    (facts / "zz-broken.yaml").write_text("facts:\n  - id: x\n    kind: [\n", encoding="utf-8")
    for command in ("build", "questions", "quiz", "review"):
        result = cli(command, "--deck", "nosuch.yaml", cwd=mini)
        assert (result.exit_code, result.stderr) == (2, "Error: nosuch.yaml: no such deck recipe\n")
