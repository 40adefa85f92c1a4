"""`flask --app sandbox census export|check NAME`: a training copy's Children in Need
census return as the DfE's XML, and the DfE's rules run on it."""

import sys

import click

from sandbox.census import check as census
from sandbox.census import hotspots
from sandbox.census.reporting import print_report, year_option
from sandbox.core import progress, tenancy
from sandbox.core.commands import friendly_errors
from sandbox.tenants import service


@click.group("census")
def census_group():
    """The Children in Need census return of a training copy, and its check."""


@census_group.command("export")
@click.argument("name")
@year_option("census")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the XML to this file (default: standard output).")
@friendly_errors
def export_command(name, year, out):
    """Write the census return of training copy NAME as the DfE's XML."""
    tenant = service.get_tenant(name)
    with tenancy.scoped_to(tenant.id):
        xml, built, _origins = census.export(year)
    if out is None:
        sys.stdout.buffer.write(xml)
        return
    try:
        with open(out, "wb") as file:
            file.write(xml)
    except OSError as problem:
        raise click.ClickException(f"cannot write {out}: {problem.strerror}") from None
    click.echo(f"{out}: the {built.year - 1} to {built.year} census return of '{name}', "
               f"{len(built.children)} children", err=True)


@census_group.command("check")
@click.argument("name")
@year_option("census")
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@friendly_errors
def check_command(name, year, as_json):
    """Check training copy NAME's census return with the DfE's rules. Exits 1 when the
    return has errors (queries alone do not count)."""
    tenant = service.get_tenant(name)
    with tenancy.scoped_to(tenant.id):
        report = census.check(year, shown=None if as_json else
                              progress.echo(_checking, every=1.0, err=True))
    hotspots.keep(tenant.name, tenant.form_version, report)
    print_report(report, f"The {report.year - 1} to {report.year} census return of '{name}'",
                 as_json)


def _checking(done: int, total: int) -> str:
    """How far the check has got, in the words of the census page (census/checking.html)."""
    if not total:
        return "Making the return from the training copy's forms"
    return f"Running the DfE's rules: {done} of {total} done"
