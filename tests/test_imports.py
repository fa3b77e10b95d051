"""Heavy libraries load only in the commands that need them (a guard, not a timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT

HEAVY = ("genanki", "weasyprint", "fsrs", "anki", "yaml", "jinja2", "pypdf")


def loaded_after(code: str, env=None) -> list[str]:
    script = (
        code
        + f"\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        env=env or os.environ, cwd=ROOT,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_heavy_library():
    assert loaded_after("import quizgen.cli") == []


def test_help_loads_no_heavy_library():
    code = (
        "from quizgen.cli import cli\n"
        "try:\n    cli(['--help'], prog_name='quizgen')\nexcept SystemExit:\n    pass"
    )
    assert loaded_after(code) == []


def test_a_quiz_from_the_cache_reads_no_yaml_and_renders_no_template(tmp_path):
    env = {**os.environ, "QUIZGEN_CACHE_DIR": str(tmp_path / "cache"),
           "QUIZGEN_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    code = (
        "import os\nfrom quizgen.cli import cli\n"
        "try:\n    cli(['quiz', '--count', '1', '--answers', os.devnull], prog_name='quizgen')\n"
        "except SystemExit:\n    pass"
    )
    first = loaded_after(code, env)  # makes the questions, and caches them
    assert "yaml" in first and "jinja2" in first
    assert loaded_after(code, env) == []
