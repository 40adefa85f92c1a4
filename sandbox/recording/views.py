"""Recording forms on a child's case, inside a tenant (routes on the cases blueprint)."""

import json
import secrets

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.cases import records
from sandbox.cases.views import bp, record_view
from sandbox.casework import pathway
from sandbox.core import signals, tenancy
from sandbox.core.permissions import requires
from sandbox.core.received import Refused, read_json
from sandbox.core.tenancy import TenantChanged
from sandbox.forms import answers as answer_rules
from sandbox.recording import output
from sandbox.recording import service as recording
from sandbox.recording.service import (
    AlreadyAmended,
    AlreadyDone,
    Conflict,
    NotYourRole,
    RecordingError,
)
from sandbox.web import page
from sandbox.web.params import whole_number
from sandbox.web.problems import flashed


def _who() -> str:
    return g.user.full_name


def _roles() -> frozenset[str]:
    """The parts the person plays in this training copy (sandbox.casework.pathway.CASE_ROLES):
    what the area that gives them says (training sessions), else every part."""
    for _receiver, roles in signals.roles_asked.send(current_app._get_current_object(),
                                                      user=g.user, tenant=g.tenant):
        if roles is not None:
            return roles
    return frozenset(pathway.CASE_ROLES)


def _definition(record):
    """The form's definition (parsed once, when the app starts: sandbox.forms)."""
    # "Feedback on this page" says which form, version and case it is about.
    page.about(form_key=record.form_key, form_version=record.version_set,
               case_id=record.case_id)
    return recording.definition_of(record)


def _context(record):
    """The form's case, definition and the family's people: read once a request (a page
    that checks the answers and then draws the form needs them twice)."""
    known = g.setdefault("form_context", {})
    if record.id not in known:
        case = records.case(record.case_id)
        known[record.id] = (case, recording.family_people(case))
    case, people = known[record.id]
    return case, _definition(record), people


def _people_ids(people) -> set[str]:
    return {str(p.id) for p in people}


def _editor() -> str | None:
    """The random id of the open page, so its own autosaves are not a conflict."""
    value = request.form.get("editor", "")
    return value if value.isalnum() and 8 <= len(value) <= 40 else None


def _revision() -> int:
    revision = whole_number(request.form.get("revision"))
    if revision is None:
        abort(400, "The form is missing its revision number. Reload the page and try again.")
    return revision


@bp.route("/children/<int:person_id>/forms", methods=["POST"])
@requires("record_forms")
@record_view
def start_form(person_id: int):
    case = records.child_record(person_id).case
    key = request.form.get("form_key", "")
    record = recording.start(case, g.tenant.form_version, key, _who())  # a problem: 400
    return redirect(url_for("cases.form", record_id=record.id))


def _error_list(definition, errors: dict) -> list[dict]:
    """The error summary, in the order of the form, each linking to its first input."""
    listed = []
    for f in definition.fields:
        for key, message in errors.items():
            if key == f"f-{f.key}" or key.startswith(f"f-{f.key}-"):
                kind = f.kind if key == f"f-{f.key}" else "sub"
                anchor = {"date": f"{key}-day", "choice": f"{key}-1", "choices": f"{key}-1",
                          "person": f"{key}-1", "people": f"{key}-1"}.get(kind, key)
                listed.append({"text": message, "href": f"#{anchor}"})
    return listed


def _tell(signal, record, **facts) -> list:
    """Send one of recording's signals about `record` (sandbox.core.signals); what the
    receivers return."""
    return [answer for _receiver, answer in signal.send(
        current_app._get_current_object(), user=g.user, tenant=g.tenant, record=record,
        **facts)]


def _opened(record) -> dict:
    """What others add to the draft being drawn (time on forms: its sitting)."""
    added = {}
    _tell(signals.form_opened, record, page=added)
    return added


def _shown(record) -> dict:
    """What others add to a form drawn to be filled in (a scenario: what its step needs)."""
    added = {}
    _tell(signals.form_shown, record, page=added)
    return added


def _edit_page(record, answers, errors=None, status=200, amending=False):
    """The form to fill in: a draft, or (`amending`) a submitted form being corrected."""
    case, definition, people = _context(record)
    siblings = recording.sibling_cases(case)
    errors = errors or {}
    # What others add: the sitting that counts time on the draft; the questions the
    # trainee's scenario step needs.
    added = {**(_opened(record) if not amending else {}), **_shown(record)}
    return render_template("recording/edit.html", record=record, case=case, definition=definition,
                           answers=answers, errors=errors, people=people, siblings=siblings,
                           role_note=recording.role_problem(definition, _roles()),
                           error_list=_error_list(definition, errors), amending=amending,
                           editor=secrets.token_hex(8), sitting=added.get("sitting"),
                           needed=added.get("needed", {}),
                           sources=recording.prefill_sources(record),
                           ping_seconds=current_app.config["TIMING_PING_SECONDS"]), status


@bp.route("/forms/<int:record_id>")
@requires("browse_records")
@record_view
def form(record_id: int):
    record = records.form_record(record_id)
    if record.editable and g.user.can("record_forms"):
        answers = record.answers
        case, definition, people = _context(record)
        errors = answer_rules.check(definition, answers, _people_ids(people),
                                    recording.today(), submitting=False)
        return _edit_page(record, answers, errors)
    case, definition, people = _context(record)
    amended = [c for c in records.form_history(record.id) if c.action == "amended"]
    return render_template("recording/view.html", record=record, case=case,
                           definition=definition, amended=amended[-1] if amended else None,
                           doc=output.document(record, definition, case, people),
                           sign_off_role=recording.signs_off(definition), case_roles=_roles(),
                           role_names=pathway.CASE_ROLES)


@bp.route("/forms/<int:record_id>/amend")
@requires("record_forms")
@record_view
def amend_form(record_id: int):
    """A submitted form, open to correct: the amendment is a new revision in its history."""
    record = records.form_record(record_id)
    if record.editable:
        return redirect(url_for("cases.form", record_id=record.id))
    return _edit_page(record, record.answers, amending=True)


@bp.route("/forms/<int:record_id>/amend", methods=["POST"])
@requires("record_forms")
@record_view
def amend_form_post(record_id: int):
    record = _saving_record(record_id)
    case, definition, people = _context(record)
    answers = answer_rules.read(definition, request.form)
    revision = _revision()
    if record.editable:
        return redirect(url_for("cases.form", record_id=record.id))
    signed_off = record.signed_off_by
    try:
        errors = recording.amend(record, answers, revision, _who(), case, _people_ids(people),
                                 _roles())
    except AlreadyAmended as problem:
        _already_done(str(problem), "Someone amended this form a moment ago")
    except NotYourRole as problem:
        return _edit_page(record, answers, {
            f"f-{recording.decision_field(definition)}": str(problem)}, 403, amending=True)
    except RecordingError as problem:  # nothing was changed
        flash(str(problem), "error")
        return redirect(url_for("cases.form", record_id=record.id))
    if errors:
        return _edit_page(record, answers, errors, 400, amending=True)
    again = f" {signed_off} had signed it off: it needs signing off again." if signed_off else ""
    flash(f"{definition.title} amended. The change is kept in its history.{again}")
    return redirect(url_for("cases.form", record_id=record.id))


RESET_NOTICE = ("This training copy was reset to its starting point while you were "
                "working, so this form is no longer here.")


def _saving_record(record_id: int):
    """The form being saved; if the tenant was reset under the person (their page opened
    before the reset), the 409 that gives them back what they typed (a reset during this
    request is noticed by its first write: sandbox.core.tenancy.hold)."""
    try:
        return records.form_record(record_id)
    except records.NotFound:
        if not (tenancy.changed() or
                any(_tell(signals.form_missing, None, sitting=request.form.get("sitting")))):
            raise
    raise TenantChanged(RESET_NOTICE)


@bp.route("/forms/<int:record_id>", methods=["POST"])
@requires("record_forms")
@record_view
def form_post(record_id: int):
    record = _saving_record(record_id)
    case, definition, people = _context(record)
    if request.form.get("action") == "keep_mine":
        try:
            answers = answer_rules.clean(definition, read_json(request.form.get("mine", "")))
        except Refused:
            abort(400, "Your version could not be read. Go back and try again.")
    else:
        answers = answer_rules.read(definition, request.form)
    revision = _revision()
    if not record.editable:
        _already_done(recording.ALREADY_SUBMITTED)
    sitting = request.form.get("sitting")
    _tell(signals.form_saved, record, sitting=sitting)
    try:
        if request.form.get("action") == "submit":
            try:
                errors = recording.submit(record, answers, revision, _who(), case,
                                          _people_ids(people), _editor(), _roles())
            except NotYourRole as problem:  # kept as a draft, refused beside the decision
                record = records.form_record(record.id)
                return _edit_page(record, answers, {
                    f"f-{recording.decision_field(definition)}": str(problem)}, 403)
            if errors:
                return _edit_page(record, answers, errors, 400)
            _tell(signals.form_submitted, record, sitting=sitting)
            flash(f"{definition.title} submitted.")
            return redirect(url_for("cases.form", record_id=record.id))
        recording.save(record, answers, revision, _who(), _editor())
    except Conflict as conflict:
        return render_template("recording/conflict.html", record=conflict.record, case=case,
                               definition=definition, theirs=conflict.theirs, mine=answers,
                               differences=answer_rules.changed(conflict.theirs, answers),
                               mine_json=json.dumps(answers)), 409
    except AlreadyDone as problem:
        _already_done(str(problem))
    errors = answer_rules.check(definition, answers, _people_ids(people), recording.today(),
                                submitting=False)
    if errors:
        return _edit_page(record, answers, errors, 400)
    flash("Draft saved.")
    return redirect(url_for("cases.form", record_id=record.id))


@bp.route("/forms/<int:record_id>/autosave", methods=["POST"])
@requires("record_forms")
@record_view
def autosave(record_id: int):
    record = _saving_record(record_id)
    definition = _definition(record)  # an autosave needs no case or people: a draft's
    if not record.editable:           # answers are checked when the page is drawn
        return jsonify(error=recording.ALREADY_SUBMITTED), 409
    answers = answer_rules.read(definition, request.form)
    try:
        record = recording.save(record, answers, _revision(), _who(), _editor())
    except Conflict as conflict:
        return jsonify(error="Someone else saved this form since you opened it.",
                       revision=conflict.record.revision), 409
    except AlreadyDone as problem:
        return jsonify(error=str(problem)), 409
    _tell(signals.form_in_use, record, sitting=request.form.get("sitting"))
    return jsonify(revision=record.revision, saved_at=record.updated_at.strftime("%H:%M:%S"))


@bp.route("/forms/<int:record_id>/time", methods=["POST"])
@requires("record_forms")
@record_view
def form_time(record_id: int):
    """The open form is in view and in use: 204, or 410 when this sitting no longer counts
    (the form was saved from another page, or submitted), so the page stops telling."""
    record = records.form_record(record_id)
    counted = record.editable and any(
        _tell(signals.form_in_use, record, sitting=request.form.get("sitting")))
    return Response(status=204 if counted else 410, mimetype="text/plain")


@bp.route("/forms/<int:record_id>/sign-off", methods=["POST"])
@requires("sign_off_forms")
@record_view
def sign_off(record_id: int):
    record = records.form_record(record_id)
    try:
        recording.sign_off(record, _who(), _roles())
    except AlreadyDone as problem:
        _already_done(str(problem))
    except NotYourRole as problem:
        abort(make_response(render_template(
            "errors/error.html", code=403, title="This is signed off by someone else",
            message=str(problem), link=(url_for("cases.form", record_id=record.id),
                                        "Back to the form")), 403))
    except RecordingError as problem:
        flash(str(problem), "error")
    else:
        flash("Signed off.")
    return redirect(url_for("cases.form", record_id=record.id))


def _already_done(message: str, title: str = "This has already been done"):
    """409: a second submit (or sign-off, or amendment) of one form, often a double click;
    the first counted. The page links to the form as it now is."""
    abort(make_response(render_template(
        "errors/error.html", code=409, title=title, message=message,
        link=(url_for("cases.form", record_id=request.view_args["record_id"]),
              "See the form as it is now")), 409))


@bp.route("/forms/<int:record_id>/copy-to-siblings", methods=["POST"])
@requires("record_forms")
@record_view
def copy_to_siblings(record_id: int):
    record = records.form_record(record_id)
    case = records.case(record.case_id)
    with flashed():
        siblings = recording.copy_to_siblings(record, case, _who())
        names = ", ".join(s.child.first_name for s in siblings) or "nobody (no siblings)"
        flash(f"Family information copied to: {names}.")
    return redirect(url_for("cases.form", record_id=record.id))


@bp.route("/forms/<int:record_id>/history")
@requires("browse_records")
@record_view
def form_history(record_id: int):
    record = records.form_record(record_id)
    case, definition, people = _context(record)
    return render_template("recording/history.html", record=record, case=case,
                           definition=definition, changes=records.form_history(record.id),
                           describe=output.describer(definition, people))


@bp.route("/forms/<int:record_id>/output")
@requires("browse_records")
@record_view
def form_output(record_id: int):
    record = records.form_record(record_id)
    if record.editable:
        abort(404)
    case, definition, people = _context(record)
    return render_template("recording/output.html", record=record, case=case,
                           definition=definition,
                           doc=output.document(record, definition, case, people))
