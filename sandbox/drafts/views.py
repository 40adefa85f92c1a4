"""The working group's draft next versions of forms (/form-drafts)."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from sandbox.core.extensions import db
from sandbox.core.permissions import requires
from sandbox.drafts import service as drafts
from sandbox.drafts.models import FormDraft
from sandbox.drafts.webforms import DraftForm
from sandbox.feedback.models import ChangeRequest
from sandbox.forms.compare import compare
from sandbox.recording.service import registry
from sandbox.web.params import whole_number
from sandbox.web.problems import flashed, shown_on

bp = Blueprint("drafts", __name__, url_prefix="/form-drafts")


def _draft_or_404(draft_id: int) -> FormDraft:
    return db.session.get(FormDraft, draft_id) or abort(404)


@bp.route("/")
@requires("draft_forms")
def index():
    return render_template("drafts/drafts.html", drafts=drafts.drafts())


@bp.route("/new", methods=["POST"])
@requires("draft_forms")
def new():
    raw = request.form.get("request_id", "")
    change = db.session.get(ChangeRequest, whole_number(raw)) if whole_number(raw) else None
    if change is None:
        abort(404)
    with flashed():
        draft = drafts.start(change, g.user.full_name)
        return redirect(url_for("drafts.show", draft_id=draft.id))
    return redirect(url_for("feedback.change_request", request_id=change.id))


@bp.route("/<int:draft_id>", methods=["GET", "POST"])
@requires("draft_forms")
def show(draft_id: int):
    draft = _draft_or_404(draft_id)
    form = DraftForm(source=draft.source)
    if form.validate_on_submit():
        with shown_on(form, "source"):
            drafts.save(draft, form.source.data, g.user.full_name)
            flash("Draft saved. It is a complete form: try it in a sandbox tenant.")
            return redirect(url_for("drafts.show", draft_id=draft.id))
    status = 400 if form.errors else 200
    current = registry().form(draft.base_set, draft.form_key)
    newer = registry().form(draft.version_set, draft.form_key)
    return render_template("drafts/draft.html", draft=draft, form=form, current=current,
                           comparison=compare(current, newer),
                           tenant=drafts.trial_tenant(draft),
                           families=drafts.TRY_FAMILIES), status


@bp.route("/<int:draft_id>/try", methods=["POST"])
@requires("draft_forms")
def try_out(draft_id: int):
    draft = _draft_or_404(draft_id)
    try:
        tenant = drafts.try_out(draft, g.user.username)
    except drafts.DraftError as problem:
        flash(str(problem), "error")
        return redirect(url_for("drafts.show", draft_id=draft.id))
    flash(f"'{tenant.name}' records with the draft {draft.form_key.replace('_', ' ')} form. "
          "Open a child's record and start the form to try it.")
    return redirect(url_for("cases.tenant_home", tenant_name=tenant.name))


@bp.route("/<int:draft_id>/delete", methods=["POST"])
@requires("draft_forms")
def delete(draft_id: int):
    draft = _draft_or_404(draft_id)
    with flashed():
        drafts.delete(draft)
        flash("Draft deleted, with its sandbox tenant.")
        return redirect(url_for("drafts.index"))
    return redirect(url_for("drafts.show", draft_id=draft.id))
