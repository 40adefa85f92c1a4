import json

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.core import progress
from sandbox.core.deferred import after_response
from sandbox.core.extensions import db
from sandbox.core.permissions import requires
from sandbox.tenants import housekeeping, service
from sandbox.tenants.models import Snapshot
from sandbox.tenants.service import TenantError
from sandbox.tenants.webforms import (
    ConfirmForm,
    ImportForm,
    NewTenantForm,
    ResetForm,
    ScheduleForm,
    SnapshotForm,
)
from sandbox.web.filters import format_date
from sandbox.web.problems import flashed, show_problem, shown_on
from sandbox.web.widgets import render_form

bp = Blueprint("tenants", __name__, url_prefix="/tenants")


def _tenant_or_404(name: str):
    try:
        return service.get_tenant(name)
    except TenantError:
        abort(404)


@bp.route("/")
@requires("list_tenants")
def index():
    rows = service.summaries()
    groups, rest = service.grouped(rows, g.user)
    return render_template("tenants/index.html", tenants=rows, groups=groups, rest=rest,
                           snapshots=service.snapshots())


@bp.route("/new", methods=["GET", "POST"])
@requires("manage_tenants")
def new():
    form = NewTenantForm()
    form.snapshot.choices = [("", "Select a snapshot")] + [
        (s.label, s.label) for s in service.snapshots()]
    if form.validate_on_submit():
        with shown_on(form, "name"):
            if form.source.data == "snapshot":
                tenant = service.create_from_snapshot(form.name.data, form.snapshot.data,
                                                      by=g.user.username)
            else:
                # Made after the response, its progress on the page it goes to (a large
                # copy takes a while): only what the form says is checked first.
                version = form.form_version.data or "streamlined"
                service.check_new(form.name.data, form.seed.data, form.families.data,
                                  version)
                work = progress.begin("tenant", form.name.data.strip(), g.user.id,
                                      form.families.data + 1)
                after_response(service.create_from_seed_later, work.id,
                               form.name.data.strip(), form.seed.data, form.families.data,
                               g.user.username, version)
                return _making_page(work.id)
            flash(f"Tenant '{tenant.name}' is ready.")
            return redirect(url_for("tenants.show", name=tenant.name))
    return render_form("tenants/new.html", form)


@bp.route("/making/<int:work_id>")
@requires("manage_tenants")
def making(work_id: int):
    """How far the making of a new training copy has got; the copy once it is made."""
    return _making_page(work_id)


def _making_page(work_id: int):
    db.session.expire_all()  # what the worker has written since
    work = db.session.get(progress.LongWork, work_id)
    if work is None or work.kind != "tenant":
        abort(404)
    if work.finished_at is not None and work.problem is None:
        flash(f"Tenant '{work.result['tenant']}' is ready.")
        return redirect(url_for("tenants.show", name=work.result["tenant"]))
    if work.finished_at is None and request.method == "POST":
        return redirect(url_for("tenants.making", work_id=work.id))
    return render_template("tenants/making.html", work=work)


@bp.route("/import", methods=["GET", "POST"])
@requires("manage_tenants")
def import_tenant():
    form = ImportForm()
    problems = []
    if form.validate_on_submit():
        try:
            tenant = service.import_file(form.file.data.read(), form.name.data or None,
                                         by=g.user.username)
        except TenantError as problem:
            show_problem(form, problem, "file")
            problems = problem.details
        else:
            flash(f"Tenant '{tenant.name}' imported.")
            return redirect(url_for("tenants.show", name=tenant.name))
    return render_form("tenants/import.html", form, problems=problems)


@bp.route("/<name>")
@requires("list_tenants")
def show(name: str):
    return _show_page(_tenant_or_404(name), SnapshotForm())


def _show_page(tenant, snapshot_form):
    """The tenant's page; 400 when the snapshot form sent has errors."""
    reset_form = ResetForm()
    reset_form.label_dates(tenant.anchor_on, service.today())
    return render_form("tenants/show.html", snapshot_form, tenant=tenant,
                       snapshot_form=snapshot_form, confirm=ConfirmForm(),
                       reset_form=reset_form,
                       at_risk=service.work_at_risk(tenant),
                       schedule_form=ScheduleForm(prefix="schedule",
                                                  reset_every=tenant.reset_every))


@bp.route("/<name>/schedule", methods=["POST"])
@requires("manage_tenants")
def schedule(name: str):
    tenant = _tenant_or_404(name)
    form = ScheduleForm(prefix="schedule")
    if not form.validate_on_submit():
        abort(400, "Choose never, every night or every week.")
    housekeeping.set_schedule(tenant, form.reset_every.data)
    flash(f"'{tenant.name}' resets by itself: {tenant.reset_every_label.lower()}.")
    return redirect(url_for("tenants.show", name=tenant.name))


@bp.route("/<name>/reset", methods=["POST"])
@requires("manage_tenants")
def reset(name: str):
    tenant = _tenant_or_404(name)
    form = ResetForm()
    if form.validate_on_submit():
        with flashed():
            to_today = form.dates.data == "today"
            tenant = service.reset(tenant, to_today=to_today)
            flash(f"Tenant '{tenant.name}' is back at its starting point"
                  + (f", its dates moved to today ({format_date(tenant.anchor_on)})."
                     if to_today else "."))
    elif form.dates.errors:
        abort(400, "Choose whether to keep the dates or move them to today.")
    return redirect(url_for("tenants.show", name=tenant.name))


@bp.route("/<name>/snapshot", methods=["POST"])
@requires("manage_tenants")
def snapshot(name: str):
    tenant = _tenant_or_404(name)
    form = SnapshotForm()
    if form.validate_on_submit():
        with shown_on(form, "label"):
            saved = service.save_snapshot(tenant, form.label.data, by=g.user.username)
            flash(f"Snapshot '{saved.label}' saved.")
            return redirect(url_for("tenants.show", name=tenant.name))
    return _show_page(tenant, form)


@bp.route("/<name>/export")
@requires("manage_tenants")
def export(name: str):
    tenant = _tenant_or_404(name)
    body = json.dumps(service.export(tenant), indent=1, ensure_ascii=False)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{tenant.name}.json"'})


@bp.route("/<name>/delete", methods=["GET", "POST"])
@requires("manage_tenants")
def delete(name: str):
    tenant = _tenant_or_404(name)
    form = ConfirmForm()
    if form.validate_on_submit():
        service.delete(tenant)
        flash(f"Tenant '{name}' deleted.")
        return redirect(url_for("tenants.index"))
    return render_form("tenants/delete.html", form, tenant=tenant)


@bp.route("/snapshots/<int:snapshot_id>/delete", methods=["POST"])
@requires("manage_tenants")
def delete_snapshot(snapshot_id: int):
    snapshot = db.session.get(Snapshot, snapshot_id)
    if snapshot is None or snapshot.kind != "saved":
        abort(404)
    if ConfirmForm().validate_on_submit():
        with flashed():
            service.delete_snapshot(snapshot)
            flash(f"Snapshot '{snapshot.label}' deleted.")
    return redirect(url_for("tenants.index"))
