"""`flask --app sandbox tenant ...`: create, list, reset, snapshot, export, import and
delete training tenants."""

import json
import sys

import click

from sandbox.core import progress
from sandbox.core.commands import emit, friendly_errors
from sandbox.tenants import housekeeping, service


def _tenant_facts(t) -> dict:
    return {"name": t.name, "seed": t.seed, "families": t.families, "forms": t.form_version,
            "baseline": t.baseline.label, "created_at": t.created_at,
            "last_reset_at": t.last_reset_at, "reset_every": t.reset_every or "never",
            "next_reset_at": t.next_reset_at, "anchor": t.anchor_on}


@click.group("tenant")
def tenant():
    """Create, list, reset, snapshot, export, import and delete training tenants."""


def _load(name: str):
    return service.get_tenant(name)


def _making(done: int, total: int) -> str:
    """How far making a copy has got, in the words of its page (tenants/making.html)."""
    families = total - 1
    if done < families:
        return f"Making the families: {done} of {families} made"
    return f"All {families} families made: saving them" if done == families else \
        f"All {families} families saved"


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
                                           form_version=form_version,
                                           shown=None if as_json else
                                           progress.echo(_making, every=1.0))
    if reset_every != "never":
        housekeeping.set_schedule(created, reset_every)
    emit(as_json, _tenant_facts(created),
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
    emit(as_json, data, "\n".join(lines) if lines else "No tenants.")


@tenant.command("reset")
@click.argument("name")
@click.option("--to-today", is_flag=True, help="Move its dates to today (seed.anchor).")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_reset(name, to_today, as_json):
    """Put a tenant back to its baseline (--to-today: with its dates moved to today)."""
    done = service.reset(_load(name), to_today=to_today)
    emit(as_json, _tenant_facts(done), f"Reset '{done.name}' to '{done.baseline.label}'"
         + (f", its dates moved to {done.anchor_on}." if to_today else "."))


@tenant.command("schedule")
@click.argument("name")
@click.option("--every", type=click.Choice(["never", "nightly", "weekly"]), required=True)
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_schedule(name, every, as_json):
    """Make a tenant reset itself every night or week (or never)."""
    done = housekeeping.set_schedule(_load(name), "" if every == "never" else every)
    when = f"next at {done.next_reset_at:%Y-%m-%d %H:%M} UTC" if done.next_reset_at else "never"
    emit(as_json, _tenant_facts(done), f"'{done.name}' resets {every}: {when}.")


@tenant.command("prune")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_prune(as_json):
    """Remove ended sessions' tenants, reset tenants that are due, tidy leftover copies."""
    done = housekeeping.prune()
    emit(as_json, done, f"Removed {len(done['removed'])} tenants of ended sessions"
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
    emit(as_json, {"label": saved.label, "tenant": name, "rows": saved.rows},
          f"Saved snapshot '{saved.label}' of '{name}' ({saved.rows} rows).")


@tenant.command("delete")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def tenant_delete(name, as_json):
    """Delete a tenant and its data."""
    service.delete(_load(name))
    emit(as_json, {"deleted": name}, f"Deleted '{name}'.")


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
    emit(as_json, _tenant_facts(created), f"Imported '{created.name}'.")




