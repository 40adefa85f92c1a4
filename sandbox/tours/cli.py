"""`flask --app sandbox tours check [PATH]` (a Flask plugin command, like `scenarios`), so
that it runs even when the app refuses to start."""

from pathlib import Path

import click

from sandbox.tours.definitions import PATHS_DIR, TOURS_DIR, load_paths, load_tours


@click.group("tours")
def tours():
    """Guided tours and learning paths."""


@tours.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False,
                                                         path_type=Path))
def check(path: Path | None):
    """Check every tour (in PATH, else scenarios/tours/) and learning path; print
    file:line: problem for each and exit 1 if any."""
    found, problems = load_tours(path or TOURS_DIR)
    learning, more = load_paths(found, PATHS_DIR) if path is None else ({}, [])
    for problem in problems + more:
        click.echo(f"Error: {problem}", err=True)
    if problems or more:
        raise SystemExit(1)
    click.echo(f"{len(found)} tours and {len(learning)} learning paths are valid.")
