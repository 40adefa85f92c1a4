"""`flask --app sandbox scenarios check [PATH]` (a Flask plugin command, like `forms`), and
`flask --app sandbox session prepare SESSION_ID` (registered by the area, as it needs the
database)."""

from pathlib import Path

import click
from flask.cli import AppGroup

from sandbox.core import progress
from sandbox.core.extensions import db
from sandbox.forms.definitions import DefinitionError
from sandbox.forms.definitions import load as load_forms
from sandbox.scenarios import preparing
from sandbox.scenarios.definitions import SCENARIOS_DIR, load
from sandbox.scenarios.models import TrainingSession


@click.group("scenarios")
def scenarios():
    """Training scenarios."""


@scenarios.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False,
                                                         path_type=Path))
def check(path: Path | None):
    """Check every scenario; print file:line: problem for each and exit 1 if any."""
    try:
        forms = load_forms()
    except DefinitionError as error:
        raise click.ClickException(f"the form definitions are broken: {error}") from None
    library = load(forms, path or SCENARIOS_DIR)
    for problem in library.problems:
        click.echo(f"Error: {problem}", err=True)
    if library.problems:
        raise SystemExit(1)
    click.echo(f"{len(library.scenarios)} scenarios are valid.")


@click.group("session", cls=AppGroup)
def session_cli():
    """Training sessions."""


@session_cli.command("prepare")
@click.argument("session_id", type=int)
def prepare_room(session_id: int):
    """Prepare the seats of a training session now, showing how far it has got (the
    session page shows the same)."""
    session = db.session.get(TrainingSession, session_id)
    if session is None:
        raise click.ClickException(f"No training session {session_id}")
    shown = progress.echo("Seats ready")
    shown(*preparing.progress(session))
    if preparing.prepare(session_id, shown):
        click.echo("The room is ready.")
        return
    ready, total = preparing.progress(session)
    click.echo("The room is ready." if ready == total else
               "Another worker is preparing these seats; the session page shows how far "
               "it has got.")
