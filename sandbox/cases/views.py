"""The training copy of the recording system, inside one tenant (/t/<tenant name>/...;
see sandbox.web.tenant for how a request enters the tenant)."""

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for

from sandbox.cases import chronology, records
from sandbox.cases.webforms import ChronologyForm
from sandbox.casework import pathway
from sandbox.core import tenancy
from sandbox.core.permissions import requires
from sandbox.web.tenant import tenant_blueprint
from sandbox.web.widgets import render_form

bp = tenant_blueprint("cases", __name__)


def record_view(view):
    """A view of one record: a missing id, or another tenant's, answers 404; one that went
    with a reset of the tenant during this request is told so (409)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except records.NotFound:
            if tenancy.changed():
                raise tenancy.TenantChanged(tenancy.RESET_WHILE_WORKING) from None
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
    if found.is_child and records.has_case(found.id):
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


def _chronology_page(form, case, entry=None):
    return render_form("cases/chronology_form.html", form, case=case, entry=entry)


@bp.route("/children/<int:person_id>/chronology/new", methods=["GET", "POST"])
@requires("record_forms")
@record_view
def new_chronology_entry(person_id: int):
    case = records.child_record(person_id).case
    form = ChronologyForm()
    if form.validate_on_submit():
        entry = chronology.add(case, form.data)
        flash("Added to the chronology.")
        return redirect(url_for("cases.child", person_id=person_id, _anchor=f"entry-{entry.id}"))
    return _chronology_page(form, case)


@bp.route("/chronology/<int:entry_id>/edit", methods=["GET", "POST"])
@requires("record_forms")
@record_view
def edit_chronology_entry(entry_id: int):
    entry = records.chronology_entry(entry_id)
    case = records.case(entry.case_id)
    form = ChronologyForm(obj=entry)
    if form.validate_on_submit():
        chronology.update(entry, form.data)
        flash("Chronology entry updated.")
        return redirect(url_for("cases.child", person_id=case.child_id,
                                _anchor=f"entry-{entry.id}"))
    return _chronology_page(form, case, entry)
