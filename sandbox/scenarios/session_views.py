"""The trainer's room (/sessions) and joining a session with its code (/join)."""


from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.casework import pathway
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.limits import Refused
from sandbox.core.permissions import requires
from sandbox.scenarios import accounts, preparing, runner, sessions
from sandbox.scenarios.models import TrainingSession
from sandbox.scenarios.webforms import JoinForm, NewSessionForm, RoomPeopleForm, SeatLoginsForm
from sandbox.tenants import service as tenant_service
from sandbox.tenants.models import Snapshot, Tenant
from sandbox.timing import report
from sandbox.web.downloads import csv_download
from sandbox.web.filters import format_date
from sandbox.web.params import whole_number
from sandbox.web.problems import flashed, shown_on
from sandbox.web.widgets import confirm_first, render_form

bp = Blueprint("sessions", __name__)


def _session_or_404(session_id: int) -> TrainingSession:
    """A session the person runs: their own (an administrator: any). 404 otherwise, so
    other trainers' sessions are not confirmed."""
    session = db.session.get(TrainingSession, session_id)
    if session is None or not sessions.may_run(g.user, session):
        abort(404)
    return session


@bp.route("/sessions/")
@requires("run_sessions")
def index():
    titles = {s.key: s.title for s in runner.library().scenarios.values()}
    return render_template("sessions/index.html", sessions=[
        s for s in sessions.all_sessions() if sessions.may_run(g.user, s)],
                           titles=titles)


@bp.route("/sessions/new", methods=["GET", "POST"])
@requires("run_sessions")
def new():
    form = NewSessionForm()
    offered = list(runner.library().scenarios.values())
    form.scenario.choices = [(s.key, s.title) for s in offered]
    start_from = _start_from(form)
    if start_from is not None:  # the snapshot's forms; set up for later, as the room's start
        form.form_version.data, form.later.data = start_from.form_version, True
    if form.validate_on_submit():
        with shown_on(form, "name"):
            created = sessions.create(form.name.data, form.scenario.data, form.seats.data,
                                      form.seed.data, form.families.data,
                                      form.form_version.data, g.user, form.proficiency.data,
                                      later=form.later.data, start_from=start_from)
            flash("Session set up. Its seats are being prepared; start it when the room "
                  "is ready." if form.later.data else
                  f"Session ready. Trainees join with the code {created.join_code}.")
            return redirect(url_for("sessions.show", session_id=created.id))
    return render_form("sessions/new.html", form, start_from=start_from,
                       scenario_hints=[{"hint": {"text": _about(s)}} for s in offered])


def _start_from(form: NewSessionForm) -> Snapshot | None:
    """The saved snapshot marked as the room's start (?snapshot= from the list of
    snapshots, then the form's own field), if one is; 404 for one that is not there."""
    raw = form.snapshot.data if request.method == "POST" else request.args.get("snapshot")
    if not raw:
        return None
    number = whole_number(raw)
    snapshot = db.session.get(Snapshot, number) if number is not None else None
    if snapshot is None or snapshot.kind != "saved":
        abort(404)
    form.snapshot.data = str(snapshot.id)
    return snapshot


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
    front = next((v for v in seats if v.seat.number == 0), None)
    # Time on forms is the trainees' only: the trainer's own case at the front is not.
    front_copy = front.tenant.name if front and front.tenant else None
    timed = [p for p in report.pieces(session.id) if p.tenant_name != front_copy]
    return render_template("sessions/show.html", session=session, front=front,
                           seats=[v for v in seats if v.seat.number > 0],
                           summary=sessions.summary(seats), now=utcnow(),
                           failing=failing, scenario=runner.library().scenarios.get(
                               session.scenario_key),
                           reflections=sessions.reflections(session),
                           points=sessions.points(session),
                           prepared=preparing.carry_on(session),
                           form_times=report.spreads(timed), hm=report.minutes_seconds,
                           case_roles=pathway.CASE_ROLES)


@bp.route("/sessions/<int:session_id>/seats/<int:number>")
@requires("run_sessions")
def seat(session_id: int, number: int):
    """One seat: who is in it, giving it to a trainee, the part it plays, resetting it."""
    session = _session_or_404(session_id)
    seats, _failing = sessions.dashboard(session)
    view = next((v for v in seats if v.seat.number == number and v.tenant), None)
    if view is None:
        abort(404)
    return render_template("sessions/seat.html", session=session, v=view, seats=seats,
                           scenario=runner.library().scenarios.get(session.scenario_key),
                           points=sessions.points(session),
                           prepared=preparing.progress(session),
                           free_trainees=sessions.trainees_without_a_seat(session),
                           case_roles=pathway.CASE_ROLES, now=utcnow())


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
        with flashed():
            sessions.assign(session, seat, person)
            flash(f"Seat {number} given to {person.full_name}.")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.route("/sessions/<int:session_id>/seats/<int:number>/part", methods=["POST"])
@requires("run_sessions")
def seat_part(session_id: int, number: int):
    """The part a seat plays (team manager, conference chair, social worker, or every
    part), and whether it shares another seat's training copy for a joint session."""
    session = _session_or_404(session_id)
    seat = _seat_or_404(session, number)
    role = request.form.get("role") or None
    raw = request.form.get("copy", "")
    other = None
    if raw:
        other = next((s for s in sessions.seats_of(session)
                      if s.number == whole_number(raw) and s.number > 0), None)
        if other is None or other.tenant_id is None:
            abort(400, "Choose a seat of this session to share a training copy with.")
    try:
        sessions.set_role(session, seat, role)
        sessions.share_copy(session, seat, other)
    except sessions.SessionError as problem:
        flash(str(problem), "error")
    else:
        part = pathway.CASE_ROLES.get(role, "every part")
        shared = f", sharing seat {other.number}'s training copy" if other else ""
        flash(f"Seat {number} plays {part[0].lower() + part[1:]}{shared}.")
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
        with flashed():
            sessions.save_point(session, label, g.user.username)
            flash(f"Saved the front of the room as “{label}”. You can reset seats to it.")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.route("/sessions/<int:session_id>/seats/<int:number>/reset", methods=["POST"])
@requires("run_sessions")
def reset_seat(session_id: int, number: int):
    session = _session_or_404(session_id)
    seat = _seat_or_404(session, number)
    with flashed():
        point = sessions.reset_seat(session, seat, _point())
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
        url_for("sessions.show", session_id=session.id), choice=_dates_choice())
    if asked:
        return asked
    point_id = _point()
    with flashed():
        others = sessions.reset_all(session, point_id,
                                    to_today=request.form.get("dates") == "today")
        point = next(p for p in sessions.points(session) if point_id in (None, p.id))
        flash(f"Every seat is back at {_named(point)}." if not others else
              f"Every seat is back at {_named(point)}. Someone else was resetting "
              f"{_seat_list(others)} at the same moment, so their reset stands.")
    return redirect(url_for("sessions.show", session_id=session.id))


def _dates_choice() -> dict:
    """Keep the records' dates, or move them to today (seed.anchor) as the seats reset."""
    today = format_date(tenant_service.today())
    return {"name": "dates", "legend": "Dates in the records", "options": [
        {"value": "keep", "text": "Keep the dates as they are", "checked": True},
        {"value": "today", "text": f"Move the dates to today, {today}, so that due dates "
                                   "and ages are right for today's training"}]}


def _named(point) -> str:
    return "the start" if point.label == "The start" else f"“{point.label}”"


def _seat_list(numbers: list[int]) -> str:
    names = [f"seat {n}" if n else "the front of the room" for n in numbers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@bp.route("/sessions/<int:session_id>/start", methods=["POST"])
@requires("run_sessions")
def start(session_id: int):
    session = _session_or_404(session_id)
    with flashed():
        sessions.start(session)
        flash(f"Session started. Trainees join with the code {session.join_code}.")
    return redirect(url_for("sessions.show", session_id=session.id))


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


def _people_page(session, form, logins, status=200):
    free = sum(1 for s in sessions.seats_of(session) if s.number and s.user_id is None
               and s.tenant_id is not None)
    return render_template("sessions/people.html", session=session, form=form, logins=logins,
                           free=free), status


@bp.route("/sessions/<int:session_id>/people")
@requires("run_sessions")
def people(session_id: int):
    """Adding the room's people at once, or printing one-off seat logins."""
    session = _session_or_404(session_id)
    logins = SeatLoginsForm(prefix="logins")
    logins.day.data = accounts.today()
    return _people_page(session, RoomPeopleForm(), logins)


def _listed(form) -> list:
    upload = form.file.data
    has_file = bool(upload and getattr(upload, "filename", ""))
    if has_file and (form.people.data or "").strip():
        raise accounts.PeopleProblems(["Use the box or a file, not both"])
    return accounts.read_file(upload.read()) if has_file else \
        accounts.read_people(form.people.data or "")


@bp.route("/sessions/<int:session_id>/people", methods=["POST"])
@requires("run_sessions")
def add_people(session_id: int):
    session = _session_or_404(session_id)
    form, logins = RoomPeopleForm(), SeatLoginsForm(prefix="logins", formdata=None)
    logins.day.data = accounts.today()
    if form.validate_on_submit():
        try:
            return _cards(session, accounts.add_people(session, _listed(form), g.user))
        except accounts.PeopleProblems as problems:
            field = form.file if form.file.data and form.file.data.filename else form.people
            field.errors = problems.problems
        except sessions.SessionError as problem:
            form.people.errors = [str(problem)]
    return _people_page(session, form, logins, 400)


@bp.route("/sessions/<int:session_id>/seat-logins", methods=["POST"])
@requires("run_sessions")
def seat_logins(session_id: int):
    session = _session_or_404(session_id)
    form, logins = RoomPeopleForm(formdata=None), SeatLoginsForm(prefix="logins")
    if logins.validate_on_submit():
        with shown_on(logins, "day"):
            return _cards(session, accounts.seat_logins(session, logins.day.data, g.user),
                          logins.day.data)
    return _people_page(session, form, logins, 400)


def _cards(session, cards, day=None):
    """The printable cards, the one time their passwords are shown: never kept by a
    browser's cache."""
    response = current_app.make_response(render_template(
        "sessions/cards.html", session=session, cards=cards, day=day,
        address=url_for("sessions.join", _external=True)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/join", methods=["GET", "POST"])
@requires("join_sessions")
def join():
    form = JoinForm()
    seated = sessions.running_seat(g.user) if request.method == "GET" else None
    if seated is not None:  # given a seat already (a seat login, or by the trainer)
        tenant = db.session.get(Tenant, seated.tenant_id)
        return redirect(url_for("cases.tenant_home", tenant_name=tenant.name))
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
