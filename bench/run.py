#!/usr/bin/env python3
"""quizgen's benchmarks: whole processes, several runs each, medians, and ratios against
floors measured in the same run (what genanki, PyYAML, click and WeasyPrint cost alone).

    python bench/run.py            # 1,000 / 10,000 / 50,000 facts, 5 runs (3 at 50,000)
    python bench/run.py --quick    # the same measures, fewer runs: under 3 minutes

`build` is measured twice: cold (QUIZGEN_NO_CACHE=1 and no Anki state file: read the YAML,
check it, render every question, write the deck and its state, as a first build does) and
warm (the questions come from quizgen's cache, as on any rebuild where no input changed; the
deck is still written in full). `check` has no cache.

Each ratio compares runs made in turn (a floor beside quizgen; for the growth, a 10,000-fact
run beside each 50,000-fact one), so that a busy moment of the machine falls on both sides.
Prints a table and writes bench/results.json (or --json PATH) with the machine's details.
Needs the test extra (pexpect) and the pdf extra (WeasyPrint).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synth import make_base  # noqa: E402

PY = sys.executable
SCRIPT = Path(PY).parent / "quizgen"
QUIZGEN = [str(SCRIPT)] if SCRIPT.exists() else [PY, "-m", "quizgen"]
FLOORS = [PY, str(HERE / "floors.py")]

TARGETS = {
    "build_10k": 2.0,
    "check_10k": 2.0,
    "help": 1.3,
    "quiz_prompt": 1.6,
    "growth": 5.5,
    "worksheet_pdf": 1.5,
}


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(cmd)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def measure(cmd, runs, cwd=None, env=None, before=None) -> dict:
    times, peak = [], 0
    for _ in range(runs):
        if before:
            before()
        seconds, kib = run(cmd, cwd, env)
        times.append(seconds)
        peak = max(peak, kib)
    return {"median": statistics.median(times), "runs": times, "peak_mib": peak / 1024}


def paired(mine: list[str], floor: list[str], runs: int, cwd=None, env=None, floor_env=None):
    """Both commands in turn, run after run, so a busy moment of the machine falls on both
    alike. Returns (quizgen's measure, the floor's)."""
    return interleaved([(mine, env, None), (floor, floor_env or env, None)], runs, cwd)


def interleaved(commands: list[tuple], runs: int, cwd=None) -> list[dict]:
    """Each (command, env, before) in turn, run after run; a measure for each."""
    times: list[list[float]] = [[] for _ in commands]
    peaks = [0] * len(commands)
    for _ in range(runs):
        for index, (cmd, env, before) in enumerate(commands):
            if before:
                before()
            seconds, kib = run(cmd, cwd, env)
            times[index].append(seconds)
            peaks[index] = max(peaks[index], kib)
    return [
        {"median": statistics.median(t), "runs": t, "peak_mib": peak / 1024}
        for t, peak in zip(times, peaks)
    ]


def first_prompt(runs: int, env: dict) -> dict:
    """Seconds from starting `quizgen quiz` in a pseudo-terminal to its first prompt, and
    from starting `python -c 'import click'` there to its end: the same harness for both."""
    import pexpect

    quiz, click_floor = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(PY, ["-c", "import click"], env=env)
        child.expect(pexpect.EOF)
        click_floor.append(time.perf_counter() - start)
        start = time.perf_counter()
        child = pexpect.spawn(
            QUIZGEN[0], [*QUIZGEN[1:], "quiz", "--count", "10", "--seed", "1"],
            env=env, cwd=str(ROOT),
        )  # fmt: skip
        child.expect("> ")
        quiz.append(time.perf_counter() - start)
        child.sendintr()  # a ^C that lands just before input() waits can be lost: end it then
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=5):
            child.terminate(force=True)
    return {
        "quiz": {"median": statistics.median(quiz), "runs": quiz},
        "click": {"median": statistics.median(click_floor), "runs": click_floor},
    }


def notes_for_floor(project: Path, out: Path) -> None:
    """The notes quizgen's .apkg holds, as data for the bare genanki script."""
    from quizgen.cache import deck_stream, sources_from
    from quizgen.exporters.anki import MODELS, note_content, source_line, tags_for
    from quizgen.exporters.anki_ids import guid_for
    from quizgen.facts.kinds import topic_titles
    from quizgen.project import open_project

    where = open_project(project)
    recipe = where.recipes[0]
    from quizgen.facts.recipes import load_deck

    deck = load_deck(recipe)
    header, questions = deck_stream(where, recipe, deck)  # from the cache the build filled
    sources = sources_from(header)
    titles = topic_titles(sources.values())
    notes = []
    for q in questions:
        model, fields = note_content(q, source_line(sources.get(q.source)))
        name = f"{deck.title}::{titles.get(q.topic, q.topic)}"
        notes.append([name, model.model_id, fields, tags_for(q), guid_for(q.id)])
    models = [
        {"id": m.model_id, "name": m.name, "fields": m.fields, "templates": m.templates,
         "css": m.css, "type": m.model_type}
        for m in MODELS
    ]  # fmt: skip
    out.write_text(json.dumps({"models": models, "notes": notes}), encoding="utf-8")


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        memory = f"{int(total) / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs (1 at 50,000 facts)")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    runs, big_runs = (3, 1) if args.quick else (5, 3)
    small_runs = 1 if args.quick else runs
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    env = {**os.environ, "QUIZGEN_DATA_DIR": str(work / "data"),
           "QUIZGEN_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1",
           "SOURCE_DATE_EPOCH": "1700000000"}  # fmt: skip
    results: dict = {"machine": machine(), "quick": args.quick, "sizes": {}}
    # quizgen's bytecode, as an install leaves it (PYTHONDONTWRITEBYTECODE would otherwise
    # have every run compile it anew; with SOURCE_DATE_EPOCH, compileall would write
    # hash-checked files, which an install does not)
    compiled = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "quizgen")], env=compiled, check=True)
    try:
        cold = {**env, "QUIZGEN_NO_CACHE": "1"}
        cold_builds: dict[int, tuple] = {}  # size -> (command, env, before): a first build
        checks: dict[int, tuple] = {}
        for size in (1_000, 10_000, 50_000):
            project = make_base(work / f"base-{size}", size)
            n = {1_000: small_runs, 10_000: runs, 50_000: big_runs}[size]
            build = [*QUIZGEN, "build", "--format", "apkg", "--path", str(project),
                     "--out", str(work / f"dist-{size}")]  # fmt: skip
            check = [*QUIZGEN, "check", str(project)]
            state = project / "decks" / "synthetic.anki-state.json"

            def first_build(state=state):  # every note new, the state written
                state.unlink(missing_ok=True)

            cold_builds[size] = (build, cold, first_build)
            checks[size] = (check, env, None)
            entry: dict = {}
            if size == 1_000:  # once untimed: the first run of each file costs more
                run(check, work, env)
                entry["check"] = measure(check, n, work, env)
                entry["build"] = measure(build, n, work, cold, first_build)
            if size == 10_000:  # check with its floor; cold, warm and the floor in turn
                entry["check"], entry["yaml_floor"] = paired(
                    check, [*FLOORS, "yaml", str(project / "facts")], n, work, env
                )
                run(build, work, env)  # fills the cache
                os.environ["QUIZGEN_CACHE_DIR"] = env["QUIZGEN_CACHE_DIR"]
                notes = work / "notes.json"
                notes_for_floor(project, notes)
                floor = [*FLOORS, "genanki", str(notes), str(work / "floor.apkg")]
                entry["build"], entry["build_warm"], entry["genanki_floor"] = interleaved(
                    [cold_builds[size], (build, env, None), (floor, env, None)], n, work
                )
            if size == 50_000:  # growth: each run at 50,000 beside one at 10,000
                entry["check"], entry["check_10k"] = interleaved(  # cheap: three at least
                    [checks[size], checks[10_000]], max(n, 3), work
                )
                entry["build"], entry["build_10k"] = interleaved(
                    [cold_builds[size], cold_builds[10_000]], n, work
                )
            results["sizes"][size] = entry

        results["help"], results["click_floor"] = paired(
            [*QUIZGEN, "--help"], [PY, "-c", "import click"], runs * 5, ROOT, env
        )
        run([*QUIZGEN, "quiz", "--count", "1", "--answers", os.devnull], ROOT, env)  # cache
        results["first_prompt"] = first_prompt(runs * 5, env)

        sheet = work / "sheet"
        sheet_runs = 2 if args.quick else runs
        sheet_build = [*QUIZGEN, "build", "--count", "100", "--forms", "A", "--out", str(sheet)]
        run([*sheet_build, "--format", "html"], ROOT, env)
        pages = [str(sheet / f"istanbul-talks-form-A{k}.html") for k in ("", "-key")]
        results["worksheet_pdf"], results["weasyprint_floor"] = paired(
            [*sheet_build, "--format", "pdf"], [*FLOORS, "weasyprint", str(sheet), *pages],
            sheet_runs, ROOT, env,
        )  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["ratios"] = ratios(results)
    results["seconds"] = time.perf_counter() - began
    print(table(results))
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json} ({results['seconds']:.0f} s in all)")
    if not all(r["ok"] for r in results["ratios"].values()):
        sys.exit(1)


def ratios(results: dict) -> dict:
    sizes = results["sizes"]
    ten, fifty = sizes[10_000], sizes[50_000]

    def ratio(mine: float, floor: float, key: str, label: str) -> dict:
        value = mine / floor
        return {"label": label, "quizgen": mine, "floor": floor, "ratio": value,
                "target": TARGETS[key], "ok": value <= TARGETS[key]}  # fmt: skip

    found = {
        "build_10k": ratio(ten["build_warm"]["median"], ten["genanki_floor"]["median"],
                           "build_10k", "build apkg, 10,000 facts, warm / bare genanki"),
        "build_10k_cold": ratio(ten["build"]["median"], ten["genanki_floor"]["median"],
                                "build_10k", "build apkg, 10,000 facts, cold / bare genanki"),
        "check_10k": ratio(ten["check"]["median"], ten["yaml_floor"]["median"], "check_10k",
                           "check, 10,000 facts / PyYAML C loader"),
        "help": ratio(results["help"]["median"], results["click_floor"]["median"], "help",
                      "quizgen --help / import click"),
        "quiz_prompt": ratio(results["first_prompt"]["quiz"]["median"],
                             results["first_prompt"]["click"]["median"], "quiz_prompt",
                             "quiz, first prompt / import click"),
        "worksheet_pdf": ratio(results["worksheet_pdf"]["median"],
                               results["weasyprint_floor"]["median"], "worksheet_pdf",
                               "100-question worksheet PDF / WeasyPrint, plain page"),
    }  # fmt: skip
    worst = max(fifty["check"]["peak_mib"], fifty["build"]["peak_mib"])
    found["memory"] = {
        "label": "peak memory at 50,000 facts (MiB) / 400 MiB", "quizgen": worst,
        "floor": 400.0, "ratio": worst / 400, "target": 1.0, "ok": worst < 400,
    }  # fmt: skip
    for command in ("build", "check"):  # against the 10,000 runs made beside them
        found[f"growth_{command}"] = ratio(
            fifty[command]["median"], fifty[f"{command}_10k"]["median"], "growth",
            f"{command}{' (cold)' if command == 'build' else ''}: 50,000 / 10,000 facts",
        )  # fmt: skip
    return found


def table(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; Python {m['python']}",
        "",
        f"{'measure':<56} {'quizgen':>9} {'floor':>9} {'ratio':>6} {'target':>7}",
    ]
    for r in results["ratios"].values():
        mark = "ok" if r["ok"] else "OVER"
        unit = "" if r["label"].startswith("peak") else "s"
        lines.append(
            f"{r['label']:<56} {r['quizgen']:>8.3f}{unit or ' '} {r['floor']:>8.3f}{unit or ' '}"
            f" {r['ratio']:>6.2f} {'≤' + format(r['target'], 'g'):>7} {mark}"
        )
    lines += ["", f"{'facts':>7} {'check':>9} {'peak':>9} {'build, cold':>11} {'peak':>9}"]
    for size, entry in results["sizes"].items():
        lines.append(
            f"{size:>7,} {entry['check']['median']:>8.2f}s {entry['check']['peak_mib']:>6.0f} MiB"
            f" {entry['build']['median']:>10.2f}s {entry['build']['peak_mib']:>6.0f} MiB"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
