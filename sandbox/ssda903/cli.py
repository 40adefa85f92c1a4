"""`flask --app sandbox ssda903 export|check NAME`: a training copy's SSDA903 (children
looked after) return as the DfE's CSV tables, and the DfE's rules run on it."""

from pathlib import Path

import click

from sandbox.census.reporting import print_report, year_option
from sandbox.core import tenancy
from sandbox.core.commands import friendly_errors
from sandbox.ssda903 import check as ssda903
from sandbox.ssda903 import hotspots
from sandbox.tenants import service


@click.group("ssda903")
def ssda903_group():
    """The SSDA903 (children looked after) return of a training copy, and its check."""


@ssda903_group.command("export")
@click.argument("name")
@year_option("return's")
@click.option("--out", "out", type=click.Path(file_okay=False), default=".",
              help="Write the tables into this folder, made if need be (default: here).")
@friendly_errors
def export_command(name, year, out):
    """Write the SSDA903 return of training copy NAME as the DfE's CSV tables."""
    tenant = service.get_tenant(name)
    with tenancy.scoped_to(tenant.id):
        files, built, _origins = ssda903.export(year)
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, content in files.items():
            (folder / file_name).write_bytes(content)
    except OSError as problem:
        raise click.ClickException(f"cannot write to {out}: {problem.strerror}") from None
    click.echo(f"{out}: the {built.year - 1} to {built.year} SSDA903 return of '{name}', "
               f"{len(built.children)} children ({', '.join(files)})", err=True)


@ssda903_group.command("check")
@click.argument("name")
@year_option("return's")
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@friendly_errors
def check_command(name, year, as_json):
    """Check training copy NAME's SSDA903 return with the DfE's rules. Exits 1 when the
    return has errors."""
    tenant = service.get_tenant(name)
    with tenancy.scoped_to(tenant.id):
        report = ssda903.check(year)
    hotspots.keep(tenant.name, tenant.form_version, report)
    print_report(report, f"The {report.year - 1} to {report.year} SSDA903 return of '{name}'",
                 as_json)
