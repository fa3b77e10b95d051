"""The command line: a thin face over the library. Heavy imports happen inside commands."""

from __future__ import annotations

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def cli() -> None:
    """Turn a curated, cited fact base into study material.

    Run commands in the folder that holds facts/ and decks/, or pass its path.
    """


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=str))
def check(path: str) -> None:
    """Validate the fact base and deck recipes, and summarise them.

    Every citation is checked verbatim against its article. All problems are listed,
    each as file:line: fact 'id': message, and the exit code is 1.
    """
    from .errors import QuizgenError
    from .project import check_project, format_summary

    try:
        report = check_project(path)
    except QuizgenError as exc:
        _fail(exc)
    click.echo(format_summary(report))
    click.echo("OK: no problems found.")


def main() -> None:
    cli(prog_name="quizgen")


if __name__ == "__main__":
    main()
