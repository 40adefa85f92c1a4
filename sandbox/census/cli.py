"""`flask --app sandbox census export|check NAME`: a training copy's Children in Need
census return as the DfE's XML, and the DfE's rules run on it."""

import json
import sys

import click

from sandbox.census import check as census
from sandbox.census import hotspots
from sandbox.core import progress, tenancy
from sandbox.core.commands import friendly_errors
from sandbox.tenants import service


@click.group("census")
def census_group():
    """The Children in Need census return of a training copy, and its check."""


def _year_option(command):
    return click.option("--year", type=int, default=None,
                        help="The census year, by the year of its reference date (31 March): "
                             "2027 is April 2026 to March 2027. Default: the year of today.")(
        command)


@census_group.command("export")
@click.argument("name")
@_year_option
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
@_year_option
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
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1, default=str))
    else:
        click.echo(_text(name, report))
    if report.errors:
        sys.exit(1)


def _checking(done: int, total: int) -> str:
    """How far the check has got, in the words of the census page (census/checking.html)."""
    if not total:
        return "Making the return from the training copy's forms"
    return f"Running the DfE's rules: {done} of {total} done"


def _text(name: str, report: census.Report) -> str:
    lines = [f"The {report.year - 1} to {report.year} census return of '{name}': "
             f"{report.children} children, {len(report.errors)} errors, "
             f"{len(report.queries)} queries"]
    if report.unavailable:
        lines.append(f"DfE rules not run: {report.unavailable}")
    else:
        lines.append(f"DfE rules run: {report.rules_run}")
    for code, why in sorted(report.could_not_run.items()):
        lines.append(f"Rule {code} could not run (the validator failed on it: {why}); its "
                     "result is unknown, not a pass")
    for code in report.worked_around:
        lines.append(f"Rule {code} failed in the validator as written and ran again with the "
                     "assessment factors as tuples (a known fault of the package)")
    for problem in report.return_level:
        rule = f" {problem.code}" if problem.code else ""
        lines.append(f"[return] {census.KIND_LABELS[problem.kind]}{rule}: {problem.message}")
    for child, problems in report.by_child():
        first = problems[0]
        lines.append(f"{child} {first.name or ''}".rstrip())
        for p in problems:
            rule = f" {p.code}" if p.code else ""
            where = f" — {p.source.where}" if p.source else ""
            value = f" (value: {p.value})" if p.value not in (None, "") else ""
            lines.append(f"  {census.KIND_LABELS[p.kind]}{rule}: {p.message}{where}{value}")
    return "\n".join(lines)
