"""The command line's own commands and its one way of showing a problem.

`friendly_errors`: a `ServiceError` (something a person can put right) or a reset that lost
to another ends with one line on stderr and exit status 1 (2 for bad usage, from click);
anything else is a bug and is shown as one, with its traceback.
"""

import json
from functools import wraps
from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from sandbox.core import backup, schema
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.tenancy import TenantChanged


def init_app(app):
    app.cli.add_command(init_db)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def friendly_errors(command):
    """Turn expected failures into one line and exit status 1."""

    @wraps(command)
    def wrapped(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (ServiceError, TenantChanged) as problem:
            # One line, and one more for each further problem a refused file has.
            raise click.ClickException("\n".join(
                [str(problem), *getattr(problem, "details", [])])) from None
        except SQLAlchemyError as problem:
            detail = str(problem.orig if getattr(problem, "orig", None) else problem)
            raise click.ClickException(
                f"database error: {detail.splitlines()[0]} (has `init-db` been run?)"
            ) from None

    return wrapped



def emit(as_json: bool, data, text: str) -> None:
    click.echo(json.dumps(data, indent=1, default=str) if as_json else text)


@click.command("init-db")
@click.option("--drop", is_flag=True, help="Delete every table first (all data is lost).")
@friendly_errors
def init_db(drop: bool):
    """Create the tables, or upgrade them to this version's schema (safe to run again)."""
    if drop:
        schema.drop_everything()
    version = schema.bring_up_to_date()
    click.echo(f"Database ready at schema {version}: "
               f"{db.engine.url.render_as_string(hide_password=True)}")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly_errors
def backup_command(file: Path):
    """Copy the whole database to FILE (SQLite backup, or pg_dump's custom format)."""
    kind = backup.backup(file)
    click.echo(f"Backed up the {kind} database to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Confirm: everything now in the database is replaced.")
@friendly_errors
def restore_command(file: Path, yes: bool):
    """Replace the whole database with the backup in FILE."""
    if not yes:
        raise click.UsageError("restoring replaces everything in the database: add --yes")
    kind = backup.restore(file)
    click.echo(f"Restored the {kind} database from {file}.")
