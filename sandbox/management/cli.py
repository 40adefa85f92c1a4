"""`flask --app sandbox audit-exercise TENANT CASE --gaps ...`: a trainer plants known gaps
in a chosen child's record for a case file audit exercise, and is shown the answer key."""

import click

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.commands import friendly_errors
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.management import exercises
from sandbox.tenants import service


@click.command("audit-exercise")
@click.argument("tenant_name")
@click.argument("case_id", type=int)
@click.option("--gaps", required=True,
              help="comma-separated: " + ", ".join(exercises.GAPS))
@friendly_errors
def audit_exercise(tenant_name: str, case_id: int, gaps: str):
    """Plant gaps in a child's record (case CASE_ID) in TENANT for an audit exercise."""
    tenant = service.get_tenant(tenant_name)
    chosen = [g.strip() for g in gaps.split(",") if g.strip()]
    with tenancy.scoped_to(tenant.id):
        case = db.session.get(Case, (tenant.id, case_id))
        if case is None:
            raise exercises.ExerciseError(f"No case {case_id} in {tenant_name}")
        with transaction():
            exercises.plant(case, chosen, "command line")
        click.echo(f"Planted in {case.child.full_name}'s record (case {case.id}) in "
                   f"{tenant_name}: " + "; ".join(exercises.GAPS[g].label for g in
                                                  dict.fromkeys(chosen)))
