"""Command-line tools: `flask --app sandbox <command>`.

Errors a person can fix end with one line on stderr and exit status 1 (2 for bad
usage, from click); never a traceback.
"""

import json
import sys
from functools import wraps
from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from sandbox.core import backup, schema
from sandbox.core.extensions import db
from sandbox.core.tenancy import TenantChanged
from sandbox.tenants import housekeeping, service
from sandbox.tenants.service import TenantError
from sandbox.timing.cli import timings


def init_app(app):
    app.cli.add_command(init_db)
    app.cli.add_command(demo_data)
    app.cli.add_command(create_user)
    app.cli.add_command(tenant)
    app.cli.add_command(timings)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def friendly_errors(command):
    """Turn expected failures into one line and exit status 1."""

    @wraps(command)
    def wrapped(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (TenantError, TenantChanged, ValueError) as problem:
            # One line, and one more for each further problem a refused file has.
            raise click.ClickException("\n".join(
                [str(problem), *getattr(problem, "details", [])])) from None
        except SQLAlchemyError as problem:
            detail = str(problem.orig if getattr(problem, "orig", None) else problem)
            raise click.ClickException(
                f"database error: {detail.splitlines()[0]} (has `init-db` been run?)"
            ) from None

    return wrapped


def _emit(as_json: bool, data, text: str) -> None:
    click.echo(json.dumps(data, indent=1, default=str) if as_json else text)


def _tenant_facts(t) -> dict:
    return {"name": t.name, "seed": t.seed, "families": t.families, "forms": t.form_version,
            "baseline": t.baseline.label, "created_at": t.created_at,
            "last_reset_at": t.last_reset_at, "reset_every": t.reset_every or "never",
            "next_reset_at": t.next_reset_at}


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


@click.command("demo-data")
@click.option("--json", "as_json", is_flag=True, help="Print the logins as JSON.")
@friendly_errors
def demo_data(as_json: bool):
    """Load demo users and tenants (skips what already exists) and print the logins."""
    from sandbox.demo import load_demo_data

    logins = load_demo_data()
    text = "\n".join(
        f"  {row['username']:<12} {row['password']:<22} {row['role']}" for row in logins)
    _emit(as_json, logins, "Demo logins (username, password, role):\n" + text)


@click.command("create-user")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="The person's full name.")
@click.option("--role", type=click.Choice(["administrator", "trainer", "floor_walker",
                                           "working_group", "trainee"]), required=True)
@click.option("--tenant", default=None, help="Tenant name, for a trainee.")
@click.password_option(help="At least 10 characters, and not easy to guess.")
@friendly_errors
def create_user(username, full_name, role, tenant, password):
    """Add a person who can sign in."""
    from sandbox.admin.users import create_user as create

    user = create(username, full_name, role, password, tenant)
    click.echo(f"Created {user.username} ({user.role_label}).")


@click.group("tenant")
def tenant():
    """Create, list, reset, snapshot, export, import and delete training tenants."""


def _load(name: str):
    return service.get_tenant(name)


@tenant.command("create")
@click.option("--name", required=True, help="Lower-case letters, numbers and hyphens.")
@click.option("--seed", type=int, default=None, help="Seed number for the generator.")
@click.option("--families", type=int, default=None, help="Number of families to generate.")
@click.option("--from-snapshot", "snapshot", default=None, help="Start from a saved snapshot.")
@click.option("--forms", "form_version", default="streamlined",
              help="Form version set: streamlined (default) or legacy.")
@click.option("--reset-every", type=click.Choice(["never", "nightly", "weekly"]),
              default="never", help="Reset by itself (run by `tenant prune`).")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_create(name, seed, families, snapshot, form_version, reset_every, as_json):
    """Create a tenant from the generator or from a snapshot."""
    if snapshot and (seed is not None or families is not None):
        raise click.UsageError("give either --from-snapshot or --seed/--families, not both")
    if snapshot:
        created = service.create_from_snapshot(name, snapshot)
    else:
        if families is None:
            raise click.UsageError("--families is required (or use --from-snapshot)")
        created = service.create_from_seed(name, 1 if seed is None else seed, families,
                                           form_version=form_version)
    if reset_every != "never":
        housekeeping.set_schedule(created, reset_every)
    _emit(as_json, _tenant_facts(created),
          f"Created tenant '{created.name}' ({created.families} families).")


@tenant.command("list")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_list(as_json):
    """List tenants."""
    rows = service.summaries()
    data = [{**_tenant_facts(r["tenant"]), "cases": r["cases"], "trainees": r["trainees"]}
            for r in rows]
    lines = [f"{r['name']:<30} {r['families']:>5} families {r['cases']:>6} cases "
             f"{r['trainees']:>3} trainees" for r in data]
    _emit(as_json, data, "\n".join(lines) if lines else "No tenants.")


@tenant.command("reset")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_reset(name, as_json):
    """Put a tenant back to its baseline."""
    done = service.reset(_load(name))
    _emit(as_json, _tenant_facts(done), f"Reset '{done.name}' to '{done.baseline.label}'.")


@tenant.command("schedule")
@click.argument("name")
@click.option("--every", type=click.Choice(["never", "nightly", "weekly"]), required=True)
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_schedule(name, every, as_json):
    """Make a tenant reset itself every night or week (or never)."""
    done = housekeeping.set_schedule(_load(name), "" if every == "never" else every)
    when = f"next at {done.next_reset_at:%Y-%m-%d %H:%M} UTC" if done.next_reset_at else "never"
    _emit(as_json, _tenant_facts(done), f"'{done.name}' resets {every}: {when}.")


@tenant.command("prune")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_prune(as_json):
    """Remove ended sessions' tenants, reset tenants that are due, tidy leftover copies."""
    done = housekeeping.prune()
    _emit(as_json, done, f"Removed {len(done['removed'])} tenants of ended sessions"
          f"{': ' + ', '.join(done['removed']) if done['removed'] else ''}; "
          f"reset {len(done['reset'])}{': ' + ', '.join(done['reset']) if done['reset'] else ''}"
          f"; removed {done['leftover_copies_removed']} leftover copies.")


@tenant.command("snapshot")
@click.argument("name")
@click.option("--label", required=True)
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_snapshot(name, label, as_json):
    """Save a tenant's current state as a named snapshot."""
    saved = service.save_snapshot(_load(name), label)
    _emit(as_json, {"label": saved.label, "tenant": name, "rows": saved.rows},
          f"Saved snapshot '{saved.label}' of '{name}' ({saved.rows} rows).")


@tenant.command("delete")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_delete(name, as_json):
    """Delete a tenant and its data."""
    service.delete(_load(name))
    _emit(as_json, {"deleted": name}, f"Deleted '{name}'.")


@tenant.command("export")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Accepted for symmetry; output is JSON.")
@friendly_errors
def tenant_export(name, as_json):
    """Write a tenant's data as JSON to standard output."""
    json.dump(service.export(_load(name)), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


@tenant.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--name", default=None, help="Name for the new tenant (default: as in the file).")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_import(file, name, as_json):
    """Restore an exported tenant as a new tenant."""
    created = service.import_file(file.read(), name)
    _emit(as_json, _tenant_facts(created), f"Imported '{created.name}'.")




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
