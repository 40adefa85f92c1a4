"""`flask --app sandbox scenarios check [PATH]` (a Flask plugin command, like `forms`)."""

from pathlib import Path

import click

from sandbox.forms.definitions import DefinitionError
from sandbox.forms.definitions import load as load_forms
from sandbox.scenarios.definitions import SCENARIOS_DIR, load


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
