"""The command line: a thin face over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import gc
import sys

import click

from . import __version__


def _fail(exc) -> None:
    """Print a QuizgenError the way users should see it, then exit with its code."""
    report = getattr(exc, "report", None)
    if report is not None:
        click.echo(report(), err=True)
    click.echo(f"Error: {exc}", err=True)
    sys.exit(exc.exit_code)


# each parameter type made once: click looks up translations for every one it makes
A_FILE = click.Path(dir_okay=False, path_type=str)
A_FOLDER = click.Path(file_okay=False, path_type=str)
AT_LEAST_ONE = click.IntRange(min=1)


# a --deck that names no file is a usage error (exit 2): the library says so (project.py)
DECK_OPTION = click.option(
    "--deck",
    "deck_path",
    type=A_FILE,
    help="A deck recipe (default: every recipe in decks/).",
)
PATH_OPTION = click.option(
    "--path",
    "path",
    default=".",
    type=A_FOLDER,
    help="The folder holding facts/ and decks/.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def cli() -> None:
    """Turn a curated, cited fact base into study material.

    Run commands in the folder that holds facts/ and decks/, or pass its path.
    """


@cli.command()
@click.argument("path", default=".", type=A_FOLDER)
@click.option(
    "--strict",
    is_flag=True,
    help="Also make every question and warn of each one a guard refused; treat warnings as errors.",
)
def check(path: str, strict: bool) -> None:
    """Validate the fact base and deck recipes, and summarise them.

    Every citation is checked verbatim against its article, and every fact must yield at
    least one question. All problems are listed, each as file:line: fact 'id': message,
    and the exit code is 1.
    """
    from .errors import QuizgenError
    from .pipeline import check_project, format_summary

    try:
        report = check_project(path, every_question=strict)
        click.echo(format_summary(report))
        click.echo(report.verdict(strict))
    except QuizgenError as exc:
        _fail(exc)


@cli.command()
@click.argument("source_id")
@click.option("--article", required=True, type=A_FILE, help="The article, a UTF-8 text file.")
@click.option("--title", help="The article's headline (default: its first line).")
@PATH_OPTION
def new(source_id: str, article: str, title: str | None, path: str) -> None:
    """Lay out a new source: facts/SOURCE_ID/ (source.yaml, the article, commented example
    facts of every kind) and its deck recipe decks/SOURCE_ID.yaml. Never overwrites."""
    from .errors import QuizgenError
    from .paths import display_path
    from .scaffold import new_source

    try:
        written = new_source(path, source_id, article, title)
    except QuizgenError as exc:
        _fail(exc)
    for item in written:
        click.echo(f"wrote {display_path(item)}")
    click.echo("Next: add facts (see the examples in facts.yaml), then run `quizgen check`.")


@cli.command()
@DECK_OPTION
@click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="Only this question kind (repeatable).")
@click.option("--count", type=AT_LEAST_ONE, help="How many, in a balanced mix of topics.")
@click.option("--seed", type=int, help="Fixes choice order and selection (default: the recipe's).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default="table",
    show_default=True,
)
@PATH_OPTION
def questions(deck_path, topics, kinds, count, seed, fmt, path) -> None:
    """Print the questions a deck makes, with their stable ids."""
    from .errors import QuizgenError
    from .listing import as_json, as_jsonl, as_table
    from .pipeline import deck_questions

    dropped: list = []
    try:
        groups = deck_questions(
            path, deck_path, dropped=dropped, topics=topics or None, kinds=kinds or None,
            count=count, seed=seed,
        )  # fmt: skip
    except QuizgenError as exc:
        _fail(exc)
    render = {"table": as_table, "json": as_json, "jsonl": as_jsonl}[fmt]
    click.echo(render(groups))
    for warning in dropped:  # on stderr: the JSON on stdout stays clean
        shown = f"{warning.file}: fact '{warning.fact_id}': warning: {warning.message}"
        click.echo(shown, err=True)


@cli.command()
@DECK_OPTION
@click.option(
    "--out",
    type=A_FOLDER,
    help="Output folder (default: dist/ beside facts/).",
)
@click.option("--format", "formats", help="Comma-separated formats (default: the recipe's).")
@click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable).")
@click.option("--count", type=AT_LEAST_ONE, help="How many questions (a balanced mix).")
@click.option("--seed", type=int, help="Fixes selection, question and choice order.")
@click.option("--forms", help="Worksheet form letters, comma-separated (default: the recipe's).")
@PATH_OPTION
def build(deck_path, out, formats, topics, count, seed, forms, path) -> None:
    """Build decks, worksheets and other outputs into dist/."""
    from .build import build as run_build
    from .errors import QuizgenError, UsageError
    from .paths import display_path

    bar = None
    try:
        chosen = _listed(formats, "--format", "formats, e.g. apkg,pdf")
        letters = _listed(forms and forms.upper(), "--forms", "single letters, e.g. A,B")
        if out is not None and not out.strip():
            raise UsageError("--out: an output folder is needed, e.g. --out dist")
        bar = _ProgressBar() if sys.stderr.isatty() else None
        results = run_build(
            path,
            deck_path,
            out,
            chosen,
            topics=topics or None,
            count=count,
            seed=seed,
            forms=letters,
            report=bar,
        )
    except QuizgenError as exc:
        _fail(exc)
    finally:
        if bar is not None:
            bar.close()
    rows = []
    for title, written, skipped in results:
        click.echo(f"{title}:")
        for item in written:
            rows.append((display_path(item.path), item.path.stat().st_size, item.count))
            for line in item.details:
                click.echo(f"  {item.path.name}: {line}")
        if skipped:
            click.echo(f"  not built: {', '.join(skipped)}")
    if rows:
        width = max(len(r[0]) for r in rows)
        click.echo("")
        click.echo(f"{'file':<{width}}  {'size':>9}  {'questions':>9}")
        for name, size, count in rows:
            click.echo(f"{name:<{width}}  {_size(size):>9}  {count:>9}")


def _listed(value: str | None, option: str, example: str) -> tuple[str, ...] | None:
    """A comma-separated option's items; None when not given. Empty or repeated items are
    a usage error."""
    from .errors import UsageError

    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{option}: empty (give {example})")
    items = tuple(item.strip() for item in value.split(","))
    if not all(items):
        raise UsageError(f"{option}: an empty item in '{value}' (give {example})")
    repeated = sorted({item for item in items if items.count(item) > 1})
    if repeated:
        raise UsageError(f"{option}: '{repeated[0]}' is given twice")
    return items


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KiB" if size >= 1024 else f"{size} B"


class _ProgressBar:
    """click's progress bar on stderr, made on the first step (when the total is known)."""

    def __init__(self):
        self.bar = None

    def __call__(self, label: str, done: int, total: int) -> None:
        if total < 2:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Building", file=sys.stderr)
            self.bar.__enter__()
        self.bar.label = f"Building {label:<24}"
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.bar.length - self.bar.pos)
            self.bar.__exit__(None, None, None)


def _quiz_options(command):
    """Options shared by quiz and review."""
    for decorator in reversed(
        [
            click.option(
                "--deck",
                "deck_path",
                type=A_FILE,
                help="A deck recipe (needed when decks/ holds several).",
            ),
            click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable)."),
            click.option("--kind", "kinds", multiple=True, help="Only this kind (repeatable)."),
            click.option(
                "--id",
                "ids",
                multiple=True,
                help="Only this question, by its id (repeatable; see `quizgen questions`).",
            ),
            click.option(
                "--answers",
                type=A_FILE,
                help="Read answers from this file, one per line (no terminal).",
            ),
            click.option(
                "--json",
                "as_json",
                is_flag=True,
                help="Print the result as JSON on stdout (the session on stderr).",
            ),
            click.option("--data-dir", help="Where progress is kept (or QUIZGEN_DATA_DIR)."),
            PATH_OPTION,
        ]
    ):
        command = decorator(command)
    return command


@cli.command()
@_quiz_options
@click.option("--count", type=AT_LEAST_ONE, default=10, show_default=True)
@click.option("--seed", type=int, help="Fixes the selection and order (default: random).")
def quiz(deck_path, topics, kinds, ids, answers, as_json, data_dir, path, count, seed) -> None:
    """Quiz yourself in the terminal. Every answer is saved at once."""
    _session("quiz", path, deck_path, topics, kinds, answers, as_json, data_dir,
             count=count, seed=seed, ids=ids)  # fmt: skip


@cli.command()
@_quiz_options
@click.option("--count", type=AT_LEAST_ONE, default=20, show_default=True)
def review(deck_path, topics, kinds, ids, answers, as_json, data_dir, path, count) -> None:
    """Review what is due (FSRS spaced repetition), then new questions."""
    _session("review", path, deck_path, topics, kinds, answers, as_json, data_dir,
             count=count, ids=ids)  # fmt: skip


def _session(mode, path, deck_path, topics, kinds, answers, as_json, data_dir, **more) -> None:
    from .errors import QuizgenError
    from .quiz import start

    try:
        getattr(start, mode)(
            path, deck_path, topics or None, kinds or None,
            answers=answers, json=as_json, data_dir=data_dir, **more,
        )  # fmt: skip
    except QuizgenError as exc:
        _fail(exc)


@cli.command()
@click.option("--deck", help="Only this deck: its recipe (decks/NAME.yaml) or its name.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.option("--data-dir", help="Where progress is kept (or QUIZGEN_DATA_DIR).")
@PATH_OPTION
def stats(deck, as_json, data_dir, path) -> None:
    """Accuracy per topic, questions due today, answers this week (read-only)."""
    import json
    import shutil

    from .errors import QuizgenError
    from .quiz import start
    from .quiz.stats import format_stats

    try:
        numbers = start.stats(deck, data_dir, path)
    except QuizgenError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(numbers, indent=2))
    else:
        width = shutil.get_terminal_size((80, 24)).columns
        click.echo(format_stats(numbers, width, start.topic_titles(deck, path)))


def main() -> None:
    try:
        cli(prog_name="quizgen")
    finally:  # the process ends here: the collector need not walk what is left on the way
        gc.freeze()  # out (a tenth of a second after a large build)


if __name__ == "__main__":
    main()
