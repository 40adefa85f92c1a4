"""`flask --app sandbox forms check [PATH]`.

Registered as a Flask plugin command (see pyproject.toml), so that it runs even when the
app itself refuses to start because a definition is broken.
"""

from pathlib import Path

import click

from sandbox.forms.coverage import coverage, missing
from sandbox.forms.definitions import FORMS_DIR, DefinitionError, load


@click.group("forms")
def forms():
    """Form definitions."""


@forms.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False,
                                                         path_type=Path))
def check(path: Path | None):
    """Check every form definition; print file:line: problem and exit 1 on an error."""
    try:
        registry = load(path or FORMS_DIR)
    except DefinitionError as error:
        raise click.ClickException(str(error)) from None
    counts = ", ".join(f"{name}: {len(registry.sets[name])} forms, "
                       f"{sum(f.field_count for f in registry.forms(name))} fields"
                       for name in registry.version_sets)
    click.echo(f"Form definitions are valid ({counts}).")
    found = coverage(registry.statutory, {n: registry.forms(n) for n in registry.version_sets})
    items = sum(len(rows) for _, rows in found)
    for name in registry.version_sets:
        gaps = missing(found, name)
        click.echo(f"Statutory items in {name}: {items - len(gaps)} of {items} recorded"
                   + (": not asked: " + ", ".join(f"{c.item.form}/{c.item.key}" for c in gaps)
                      if gaps else "."))
