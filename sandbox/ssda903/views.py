"""The SSDA903 page of a training copy: its children looked after return, checked by the
DfE's rules, problem by problem with a link to the form and question behind each."""

from flask import Blueprint, g, render_template, request

from sandbox.census.reporting import KIND_LABELS, year_asked
from sandbox.core.permissions import requires
from sandbox.ssda903 import check as ssda903
from sandbox.ssda903 import codes, hotspots
from sandbox.web.tenant import tenant_blueprint

bp = tenant_blueprint("ssda903", __name__)
# The working group's page, outside any training copy.
group_bp = Blueprint("ssda903_group", __name__, url_prefix="/ssda903")


@bp.route("/ssda903")
@requires("read_census")
def return_page():
    report = ssda903.cached_check(
        year_asked(request.args.get("year", ""), codes.YEARS, ssda903.ReturnError))
    hotspots.keep(g.tenant.name, g.tenant.form_version, report)
    return render_template("ssda903/return.html", report=report, years=codes.YEARS,
                           kinds=KIND_LABELS)


@group_bp.route("/hotspots")
@requires("work_queue")
def return_hotspots():
    spots, checked = hotspots.hotspots()
    return render_template("census/hotspots.html", spots=spots, checked=checked,
                           title="SSDA903 hotspots", collection="SSDA903 (children looked after)",
                           command="ssda903")
