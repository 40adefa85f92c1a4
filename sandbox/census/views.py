"""The census page of a training copy: its Children in Need return, checked by the DfE's
rules, problem by problem with a link to the form and question behind each."""

from flask import Blueprint, g, render_template, request

from sandbox.census import check as census
from sandbox.census import codes, hotspots
from sandbox.census.reporting import year_asked
from sandbox.core import progress
from sandbox.core.permissions import requires
from sandbox.web.tenant import tenant_blueprint

bp = tenant_blueprint("census", __name__)
# The working group's pages, outside any training copy.
group_bp = Blueprint("census_group", __name__, url_prefix="/census")


def _year() -> int | None:
    return year_asked(request.args.get("year", ""), codes.YEARS, census.CensusError,
                      "a census year")


@bp.route("/census")
@requires("read_census")
def census_page():
    """The return and its problems; while the check is under way (a large copy's takes a
    while), how far it has got, the page keeping itself up to date."""
    found = census.page_check(_year(), g.user.id)
    if isinstance(found, progress.LongWork):
        return render_template("census/checking.html", work=found, years=codes.YEARS)
    # The working group's hotspots hold the last census each copy's page showed.
    hotspots.keep(g.tenant.name, g.tenant.form_version, found)
    return render_template("census/return.html", report=found, years=codes.YEARS,
                           kinds=census.KIND_LABELS)


@group_bp.route("/hotspots")
@requires("work_queue")
def census_hotspots():
    spots, checked = hotspots.hotspots()
    return render_template("census/hotspots.html", spots=spots, checked=checked)
