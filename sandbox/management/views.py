"""The team manager's pages inside a training copy (/t/<tenant>/team, /t/<tenant>/audits)
and the results of case file audits across copies (/audit-results/<tool>)."""

from functools import wraps

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from sandbox.cases import records
from sandbox.casework import pathway
from sandbox.core.permissions import requires
from sandbox.management import audits, exercises, team, tools
from sandbox.web.tenant import tenant_blueprint

bp = tenant_blueprint("management", __name__)
results_bp = Blueprint("audit_results", __name__, url_prefix="/audit-results")


def found_or_404(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except (audits.NotFound, records.NotFound):
            abort(404)
    return wrapped


@bp.route("/team/")
@requires("browse_records")
def team_cases():
    filters = team.filters_from(request.args)
    return render_template("management/team.html", team=team.team_cases(filters),
                           filters=filters, teams=team.teams(), due_within=team.DUE_WITHIN,
                           stages=[s for s in pathway.STAGES if s.open],
                           today=team.training_day())


@bp.route("/team/workers/<int:worker_id>/supervision")
@requires("browse_records")
def worker_supervision(worker_id: int):
    try:
        worker, held = team.supervisions_of(worker_id)
    except team.NoSuchWorker:
        abort(404)
    return render_template("management/supervision.html", worker=worker, held=held)


@bp.route("/audits/")
@requires("audit_cases")
def audits_list():
    return render_template("management/audits.html", audits=audits.in_this_copy(),
                           tools=tools.tools(), cases=records.family_list())


@bp.route("/audits/answer-key")
@requires("read_answer_keys")
def answer_keys():
    return render_template("management/answer_keys.html",
                           keyed=exercises.keys_in_copy(g.tenant.id))


@bp.route("/audits/", methods=["POST"])
@requires("audit_cases")
@found_or_404
def start_audit():
    case_id = request.form.get("case", "")
    if not (case_id.isascii() and case_id.isdigit() and len(case_id) <= 9):
        raise audits.AuditError("Choose a child's record to audit")
    audit = audits.start(int(case_id), request.form.get("tool", ""), g.user)
    return redirect(url_for("management.audit", audit_id=audit.id))


def _audit_page(audit, values=None, problem=None):
    tool = tools.tool(audit.tool_key)
    kept = audits.findings(audit)
    if values is None:
        values = {"grade": audit.grade or "", "summary": audit.summary}
        for key, f in kept.items():
            values[f"answer-{key}"], values[f"finding-{key}"] = f.answer or "", f.finding
    case = records.case(audit.case_id)
    return render_template("management/audit.html", audit=audit, tool=tool, values=values,
                           problem=problem, case=case, kept=kept, answers=tools.ANSWERS,
                           moderated=bool(audits.moderation(audit)),
                           raise_as=audits.RAISE_AS), 400 if problem else 200


@bp.route("/audits/<int:audit_id>", methods=["GET", "POST"])
@requires("audit_cases")
@found_or_404
def audit(audit_id: int):
    found = audits.audit(audit_id)
    if not audits.may_read(found, g.user):
        return render_template("management/audit_held.html", audit=found,
                               tool=tools.tool(found.tool_key))
    if request.method == "POST":
        submit = request.form.get("action") == "submit"
        try:
            audits.save(found, request.form, g.user, submit=submit)
        except audits.AuditError as problem:
            return _audit_page(found, request.form, problem)
        flash("Audit submitted." if submit else "Audit saved.")
        return redirect(url_for("management.audit", audit_id=found.id))
    return _audit_page(found)


@bp.route("/audits/<int:audit_id>/findings/<question>", methods=["POST"])
@requires("audit_cases")
@found_or_404
def raise_finding(audit_id: int, question: str):
    found = audits.audit(audit_id)
    try:
        made = audits.raise_finding(found, question, request.form.get("as", ""),
                                    g.user)
    except audits.AuditError as problem:
        return _audit_page(found, None, problem)
    flash(f"The finding is now {made}.")
    return redirect(url_for("management.audit", audit_id=found.id, _anchor=f"q-{question}"))


@bp.route("/audits/<int:audit_id>/moderate", methods=["POST"])
@requires("audit_cases")
@found_or_404
def moderate(audit_id: int):
    mine = audits.moderate(audits.audit(audit_id), g.user)
    flash("Audit the record yourself first: you will see the other audit once you have "
          "both submitted.")
    return redirect(url_for("management.audit", audit_id=mine.id))


@bp.route("/audits/<int:audit_id>/moderation")
@requires("audit_cases")
@found_or_404
def moderation(audit_id: int):
    found = audits.audit(audit_id)
    both = audits.moderation(found)
    if not both or not audits.may_read(found, g.user):
        raise audits.NotFound
    return render_template("management/moderation.html", audits=both,
                           tool=tools.tool(found.tool_key), answers=tools.ANSWERS,
                           findings={a.id: audits.findings(a) for a in both})


@results_bp.route("/<tool_key>")
@requires("read_audit_results")
def results(tool_key: str):
    if tools.tool(tool_key) is None:
        abort(404)
    return render_template("management/results.html", results=audits.results(tool_key),
                           answers=tools.ANSWERS)
