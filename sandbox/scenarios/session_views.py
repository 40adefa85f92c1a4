"""The trainer's room (/sessions) and joining a session with its code (/join)."""


from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.csv_out import csv_download
from sandbox.extensions import db
from sandbox.forms_util import confirm_first, render_form, show_problem
from sandbox.limits import Refused
from sandbox.numbers import whole_number
from sandbox.permissions import requires
from sandbox.scenarios import runner, sessions
from sandbox.scenarios.models import TrainingSession
from sandbox.scenarios.session_forms import JoinForm, NewSessionForm
from sandbox.tenants.models import Tenant
from sandbox.timing import report

bp = Blueprint("sessions", __name__)


def _session_or_404(session_id: int) -> TrainingSession:
    return db.session.get(TrainingSession, session_id) or abort(404)


@bp.route("/sessions/")
@requires("run_sessions")
def index():
    titles = {s.key: s.title for s in runner.library().scenarios.values()}
    return render_template("sessions/index.html", sessions=sessions.all_sessions(),
                           titles=titles)


@bp.route("/sessions/new", methods=["GET", "POST"])
@requires("run_sessions")
def new():
    form = NewSessionForm()
    offered = list(runner.library().scenarios.values())
    form.scenario.choices = [(s.key, s.title) for s in offered]
    if form.validate_on_submit():
        try:
            created = sessions.create(form.name.data, form.scenario.data, form.seats.data,
                                      form.seed.data, form.families.data,
                                      form.form_version.data, g.user, form.proficiency.data)
        except sessions.SessionError as problem:
            show_problem(form, problem, "name")
        else:
            flash(f"Session ready. Trainees join with the code {created.join_code}.")
            return redirect(url_for("sessions.show", session_id=created.id))
    return render_form("sessions/new.html", form,
                       scenario_hints=[{"hint": {"text": _about(s)}} for s in offered])


def _about(scenario) -> str:
    """Who a scenario is for and how long it takes, to choose it by."""
    parts = [scenario.audience.rstrip(".") + "." if scenario.audience else ""]
    length = f"About {scenario.minutes} minutes" if scenario.minutes else ""
    if scenario.sessions > 1:
        length += f"{', ' if length else ''}in {scenario.sessions} sessions"
    return " ".join(p for p in parts + [length + "." if length else ""] if p)


@bp.route("/sessions/<int:session_id>")
@requires("run_sessions")
def show(session_id: int):
    session = _session_or_404(session_id)
    seats, failing = sessions.dashboard(session)
    return render_template("sessions/show.html", session=session, seats=seats,
                           failing=failing, scenario=runner.library().scenarios.get(
                               session.scenario_key),
                           reflections=sessions.reflections(session),
                           points=sessions.points(session),
                           free_trainees=sessions.trainees_without_a_seat(session),
                           form_times=report.spreads(report.pieces(session.id)),
                           hm=report.hours_minutes)


def _seat_or_404(session, number: int):
    seat = next((s for s in sessions.seats_of(session) if s.number == number), None)
    if seat is None or seat.tenant_id is None:
        abort(404)
    return seat


def _point() -> int | None:
    raw = request.form.get("point", "")
    return whole_number(raw)


@bp.route("/sessions/<int:session_id>/seats/<int:number>/assign", methods=["POST"])
@requires("run_sessions")
def assign_seat(session_id: int, number: int):
    session = _session_or_404(session_id)
    seat = _seat_or_404(session, number)
    raw = request.form.get("user", "")
    person = db.session.get(User, whole_number(raw)) if whole_number(raw) else None
    if person is None:
        flash("Choose a trainee for the seat.", "error")
    else:
        try:
            sessions.assign(session, seat, person)
        except sessions.SessionError as problem:
            flash(str(problem), "error")
        else:
            flash(f"Seat {number} given to {person.full_name}.")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.route("/sessions/<int:session_id>/points", methods=["POST"])
@requires("run_sessions")
def save_point(session_id: int):
    session = _session_or_404(session_id)
    label = (request.form.get("label") or "").strip()
    if not label:
        flash("Enter a name for the point, for example: after the strategy discussion.",
              "error")
    else:
        try:
            sessions.save_point(session, label, g.user.username)
        except sessions.SessionError as problem:
            flash(str(problem), "error")
        else:
            flash(f"Saved the front of the room as “{label}”. You can reset seats to it.")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.route("/sessions/<int:session_id>/seats/<int:number>/reset", methods=["POST"])
@requires("run_sessions")
def reset_seat(session_id: int, number: int):
    session = _session_or_404(session_id)
    seat = _seat_or_404(session, number)
    try:
        point = sessions.reset_seat(session, seat, _point())
    except sessions.SessionError as problem:
        flash(str(problem), "error")
    else:
        flash(f"Seat {number} is back at {_named(point)}." if number else
              f"Your case is back at {_named(point)}.")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.route("/sessions/<int:session_id>/reset-all", methods=["POST"])
@requires("run_sessions")
def reset_all(session_id: int):
    session = _session_or_404(session_id)
    asked = confirm_first(
        "Reset every seat?", "Everything each trainee has recorded since that point will "
        "be gone, and everyone in the room goes back to it.", "Yes, reset every seat",
        url_for("sessions.show", session_id=session.id))
    if asked:
        return asked
    point_id = _point()
    try:
        others = sessions.reset_all(session, point_id)
    except sessions.SessionError as problem:
        flash(str(problem), "error")
    else:
        point = next(p for p in sessions.points(session) if point_id in (None, p.id))
        flash(f"Every seat is back at {_named(point)}." if not others else
              f"Every seat is back at {_named(point)}. Someone else was resetting "
              f"{_seat_list(others)} at the same moment, so their reset stands.")
    return redirect(url_for("sessions.show", session_id=session.id))


def _named(point) -> str:
    return "the start" if point.label == "The start" else f"“{point.label}”"


def _seat_list(numbers: list[int]) -> str:
    names = [f"seat {n}" if n else "the front of the room" for n in numbers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@requires("run_sessions")
def end(session_id: int):
    session = _session_or_404(session_id)
    asked = confirm_first(
        f"End “{session.name}”?", "Trainees can no longer join or carry on, and the room "
        "stops updating. Results and the training copies are kept.", "Yes, end the session",
        url_for("sessions.show", session_id=session.id))
    if asked:
        return asked
    sessions.end(session)
    flash(f"Session ended. Its training copies are kept until {session.keep_until:%d %B %Y}.")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.route("/sessions/<int:session_id>/results.csv")
@requires("run_sessions")
def results(session_id: int):
    session = _session_or_404(session_id)
    steps, rows = sessions.results(session)
    fields = ["username", "name", "seat", "attempt", "scenario", "form_version", "started_at",
              "steps_done", "steps_total", "passed_first_time", "completed", "finished_at",
              *steps]
    return csv_download(f"{session.slug}-results.csv", fields,
                        ([row[f] for f in fields] for row in rows))


@bp.route("/join", methods=["GET", "POST"])
@requires("join_sessions")
def join():
    form = JoinForm()
    if form.validate_on_submit():
        try:
            session, seat = sessions.join_with_code(form.code.data, g.user, log.address())
        except Refused as refusal:
            form.code.errors = [str(refusal)]
            return render_template("sessions/join.html", form=form), 429
        except sessions.SessionError as problem:
            form.code.errors = [str(problem)]
        else:
            flash(f"You have seat {seat.number} in “{session.name}”.")
            tenant = db.session.get(Tenant, seat.tenant_id)
            return redirect(url_for("cases.tenant_home", tenant_name=tenant.name))
    return render_form("sessions/join.html", form)
