"""The scenario runner inside a tenant: choose a scenario, and the panel beside every page."""

from flask import current_app, flash, g, redirect, render_template, request, url_for

from sandbox.core import signals
from sandbox.core.permissions import requires
from sandbox.core.received import site_path
from sandbox.guides.library import render_markdown
from sandbox.scenarios import checks, definitions, runner, sessions
from sandbox.scenarios.webforms import ReflectionForm
from sandbox.web import page
from sandbox.web.problems import flashed
from sandbox.web.tenant import tenant_blueprint
from sandbox.web.widgets import confirm_first, render_form

bp = tenant_blueprint("scenarios", __name__, "/scenarios")


def init_app(app):
    app.extensions["scenarios"] = definitions.load(app.extensions["forms"])
    for problem in app.extensions["scenarios"].problems:
        app.logger.warning("Scenario not offered: %s", problem)
    app.context_processor(_panel_context)
    signals.page_viewed.connect(_follow)
    signals.form_shown.connect(_mark_needed)
    signals.pruning.connect(sessions.remove_ended)
    signals.roles_asked.connect(
        lambda _sender, user, tenant: sessions.case_roles(user, tenant), weak=False)
    app.after_request(_follow_guides)
    signals.tenant_groups.connect(_groups, weak=False)


def _groups(_app, user, tenant_ids):
    """The training copies of each session, for the list of training copies."""
    return [{**group, "url": url_for("sessions.show", session_id=group["session_id"])
             if group["may_run"] else None}
            for group in sessions.tenant_groups(user, tenant_ids)]


def _follow_guides(response):
    """Guides are read outside the training copy: a guide read counts for the person's
    scenarios under way, so a step that asks them to read one can pass."""
    if (request.endpoint == "guides.show" and request.method == "GET"
            and response.status_code == 200 and g.get("user") is not None
            and g.user.can("run_scenarios")):
        for run in runner.active_runs_of(g.user):
            runner.note_page(run, "guides.show")
    return response


def _run():
    """The person's scenario in this tenant, looked up once per request."""
    if "tenant" not in g or g.get("user") is None or not g.user.can("run_scenarios"):
        return None
    return runner.request_run(g.user, g.tenant)


def _follow(_app, endpoint, view_args):
    run = _run()
    if run is not None:
        runner.note_page(run, endpoint)


def _mark_needed(_app, user, tenant, record, page):
    """On the form the active step asks for, on the scenario's child, mark the questions
    the step needs."""
    if not user.can("run_scenarios"):
        return
    run = runner.request_run(user, tenant)
    step = runner.current_step(run) if run else None
    if step is None or step.check.form != record.form_key or record.case_id != run.case_id \
            or record.version_set != run.form_version or runner.is_proficiency(run):
        return  # a proficiency check marks nothing: it has no hints
    page["needed"] = checks.needed(run, step.check)


def panel(run):
    """What the scenario panel shows for `run`, after moving past any finished steps."""
    runner.advance(run)
    scenario = runner.scenario_of(run)
    step = runner.current_step(run)
    case = runner.case_of(run)
    words = runner.names(run, case)

    def text(source: str) -> str:
        return render_markdown(runner.personalise(source, words)) if source else ""

    proficiency = runner.is_proficiency(run)
    child = case.child if case else None
    return {
        "run": run, "scenario": scenario, "step": step, "proficiency": proficiency,
        # The child is named with a link to their record: a training copy has many families.
        "child": child,
        "child_url": url_for("cases.child", person_id=child.id) if child else "",
        # A trainee in a session stays in its scenario; the link leads to the session's.
        "in_session": runner.seat_session_of(run) is not None,
        "title": runner.personalise(step.title, words) if step else "",
        # Only a step someone other than the social worker records says whose it is.
        "role": definitions.ROLES[step.role] if step and step.role != "practitioner" else "",
        "total": len(scenario.steps) if scenario else 0,
        "instruction": text(step.instruction) if step else "",
        "guidance": text(step.guidance) if step and not proficiency else "",
        "hints": step.hints[:run.hints_shown] if step and not proficiency else (),
        "more_hints": bool(step) and not proficiency and run.hints_shown < len(step.hints),
    }


def _panel_context():
    if request.endpoint and request.endpoint.startswith("scenarios."):
        return {}
    run = _run()
    if run is None:
        return {}
    page.about(scenario_key=run.scenario_key, step=run.step_index)
    return {"scenario_panel": panel(run)}


@bp.route("/")
@requires("run_scenarios")
def index():
    library = current_app.extensions["scenarios"]
    run = runner.active_run(g.user, g.tenant)
    scenario = runner.scenario_of(run) if run else None
    child = runner.child_of(run) if run else None
    offered = runner.offered(g.tenant)
    return render_template("scenarios/index.html", scenarios=offered,
                           startable=runner.startable(offered),
                           seat_session=runner.seat_session(g.tenant),
                           in_session=bool(run and runner.seat_session_of(run)),
                           step=runner.current_step(run) if run else None, child=child,
                           broken=library.problems if g.user.can("manage_tenants") else [],
                           run=run, run_title=scenario.title if scenario else "")


@bp.route("/start", methods=["POST"])
@requires("run_scenarios")
def start():
    with flashed():
        run = runner.start(g.user, g.tenant, request.form.get("scenario", ""))
        flash(f"Scenario started: {runner.scenario_of(run).title}.")
        return redirect(url_for("cases.tenant_home"))
    return redirect(url_for("scenarios.index"))


@bp.route("/check", methods=["POST"])
@requires("run_scenarios")
def check():
    run = _run()
    if run is not None:
        finished = runner.advance(run)
        if finished:
            flash("Well done: " + "; ".join(s.title for s in finished) + ".")
        elif (needed := runner.still_needed(
                run, exact=not runner.is_proficiency(run))) is not None:
            sessions.record_failure(run)
            flash(f"Not yet. {needed}", "error")
    return redirect(site_path(request.form.get("next"), url_for("main.home")))


@bp.route("/hint", methods=["POST"])
@requires("run_scenarios")
def hint():
    run = _run()
    if run is not None and not runner.is_proficiency(run):
        runner.show_hint(run)
    return redirect(site_path(request.form.get("next"), url_for("main.home")))


@bp.route("/restart", methods=["POST"])
@requires("run_scenarios")
def restart():
    """Start the scenario again with the tenant back at its starting point.

    Everyone who may run a scenario here may reset the tenant: a trainee only ever
    enters their own, and trainers and administrators manage tenants anyway.
    """
    run = _run()
    if run is None:
        return redirect(url_for("scenarios.index"))
    asked = confirm_first(
        f"Start “{runner.scenario_of(run).title}” again?", "Everything you have recorded in "
        "this training copy will be gone, and the scenario starts again from step 1.",
        "Yes, start again", url_for("scenarios.index"))
    if asked:
        return asked
    run = runner.restart(run, g.user, g.tenant)
    flash(f"The training copy is back at the start of “{runner.scenario_of(run).title}”.")
    return redirect(url_for("cases.tenant_home"))


@bp.route("/reflection", methods=["GET", "POST"])
@requires("run_scenarios")
def reflection():
    """The short questionnaire at the end of a scenario."""
    run = _run()
    if run is None or run.finished_at is None:
        flash("The questions come at the end of a scenario.", "error")
        return redirect(url_for("scenarios.index"))
    form = ReflectionForm()
    if form.validate_on_submit():
        runner.reflect(run, g.user, {k: form[k].data or "" for k in runner.REFLECTION_FIELDS})
        flash("Thank you. Your answers go to your trainer and to the working group.")
        return redirect(url_for("scenarios.index"))
    return render_form("scenarios/reflection.html", form,
                       scenario=runner.scenario_of(run))


@bp.route("/stop", methods=["POST"])
@requires("run_scenarios")
def stop():
    run = _run()
    if run is not None:
        with flashed():
            runner.stop(run)
            flash("Scenario closed. Your recording stays in the training copy.")
    return redirect(url_for("scenarios.index"))


@bp.route("/panel")
@requires("run_scenarios")
def panel_fragment():
    run = _run()
    if run is None:
        return "", 204
    return render_template("scenarios/_panel.html", scenario_panel=panel(run),
                           next_url=site_path(request.args.get("next"), ""))
