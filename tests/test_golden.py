"""Every output of the shipped recipe is what tests/golden/ holds, byte for byte.

A deliberate change of wording or layout: run `python -m tests.golden_build`, read the diff
of tests/golden/, and commit it with the change that made it.
"""

from __future__ import annotations

import difflib

from .golden_build import GOLDEN, build, parts


def test_every_output_of_the_shipped_recipe_matches_the_golden_files(tmp_path):
    built = parts(build(tmp_path))
    kept = {
        str(p.relative_to(GOLDEN)): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()
    }
    assert sorted(built) == sorted(kept), "a file was added or removed: rebuild tests/golden/"
    changed = [name for name in built if built[name] != kept[name]]
    report = []
    for name in changed[:3]:
        try:
            old, new = kept[name].decode().splitlines(), built[name].decode().splitlines()
            report.extend(list(difflib.unified_diff(old, new, name, name, lineterm=""))[:40])
        except UnicodeDecodeError:
            report.append(f"{name}: binary content differs")
    assert not changed, f"{len(changed)} golden file(s) differ: {changed}\n" + "\n".join(report)
