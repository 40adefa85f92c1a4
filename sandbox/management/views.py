"""The team manager's pages inside a training copy (/t/<tenant>/team)."""

from flask import render_template, request

from sandbox.casework import pathway
from sandbox.core.permissions import requires
from sandbox.management import team
from sandbox.web.tenant import tenant_blueprint

bp = tenant_blueprint("management", __name__, "/team")


@bp.route("/")
@requires("browse_records")
def team_cases():
    filters = team.filters_from(request.args)
    return render_template("management/team.html", team=team.team_cases(filters),
                           filters=filters, teams=team.teams(), due_within=team.DUE_WITHIN,
                           stages=[s for s in pathway.STAGES if s.open],
                           today=team.training_day())
