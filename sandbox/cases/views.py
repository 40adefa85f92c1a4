"""The training copy of the recording system, inside one tenant.

Every URL here starts /t/<tenant name>/. Before any view runs, `_enter_tenant` finds the
tenant, checks the person may open it (404 if not, so other tenants' names are not
confirmed) and scopes every query to it.
"""

from functools import wraps

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox import pathway, tenancy
from sandbox.cases import records
from sandbox.extensions import db
from sandbox.permissions import requires
from sandbox.tenants.models import Tenant

bp = Blueprint("cases", __name__, url_prefix="/t/<tenant_name>")


@bp.url_value_preprocessor
def _pull_tenant_name(_endpoint, values):
    g.tenant_name = values.pop("tenant_name")


@bp.url_defaults
def _add_tenant_name(_endpoint, values):
    if "tenant" in g:
        values.setdefault("tenant_name", g.tenant.name)


@bp.before_request
def _enter_tenant():
    tenant = db.session.scalar(select(Tenant).where(Tenant.name == g.tenant_name))
    if tenant is None or not g.user.may_enter(tenant):
        abort(404)
    g.tenant = tenant
    tenancy.enter(tenant.id)


def record_view(view):
    """A view of one record: a missing id, or another tenant's, answers 404."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except records.NotFound:
            abort(404)

    return wrapped


@bp.route("/")
@requires("browse_records")
def tenant_home():
    search = request.args.get("q", "")[:100]
    return render_template("cases/tenant_home.html", families=records.family_list(search),
                           search=search, stage_counts=records.stage_counts(),
                           stages=pathway.STAGES)


@bp.route("/families/<int:family_id>")
@requires("browse_records")
@record_view
def family(family_id: int):
    return render_template("cases/family.html", family=records.family(family_id))


@bp.route("/people/<int:person_id>")
@requires("browse_records")
@record_view
def person(person_id: int):
    found = records.person(person_id)
    if found.is_child:
        return redirect(url_for("cases.child", person_id=found.id))
    return render_template("cases/person.html", person=found)


@bp.route("/children/<int:person_id>")
@requires("browse_records")
@record_view
def child(person_id: int):
    kind = request.args.get("kind") or None
    if kind is not None and kind not in pathway.CHRONOLOGY_KINDS:
        abort(400, "Choose a type of chronology entry from the list")
    return render_template("cases/child.html", record=records.child_record(person_id, kind),
                           kind=kind, kinds=pathway.CHRONOLOGY_KINDS)


@bp.route("/cases/<int:case_id>")
@requires("browse_records")
@record_view
def case(case_id: int):
    return redirect(url_for("cases.child", person_id=records.case(case_id).child_id))


@bp.route("/chronology/<int:entry_id>")
@requires("browse_records")
@record_view
def chronology_entry(entry_id: int):
    entry = records.chronology_entry(entry_id)
    return render_template("cases/chronology_entry.html", entry=entry,
                           case=records.case(entry.case_id), kinds=pathway.CHRONOLOGY_KINDS)


@bp.route("/notes/<int:note_id>")
@requires("browse_records")
@record_view
def case_note(note_id: int):
    note = records.case_note(note_id)
    return render_template("cases/case_note.html", note=note, case=records.case(note.case_id))
