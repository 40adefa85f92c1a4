"""Feedback on any page, floor walkers' notes, the queue and change requests (/feedback)."""

from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.core import signals
from sandbox.core.extensions import db
from sandbox.core.permissions import requires
from sandbox.core.received import site_path
from sandbox.drafts import service as drafts
from sandbox.feedback import changelog, places, queue, review, where
from sandbox.feedback.models import (
    EDITABLE,
    KINDS,
    PRIORITIES,
    STATUSES,
    ChangeLogEntry,
    ChangeRequest,
    FeedbackItem,
    ReviewRound,
)
from sandbox.feedback.webforms import (
    ChangeLogForm,
    ChangeLogImportForm,
    EditRequestForm,
    FeedbackForm,
    FloorNoteForm,
    RequestForm,
    StatusForm,
)
from sandbox.recording.service import registry
from sandbox.scenarios import rooms
from sandbox.timing import report
from sandbox.web import page
from sandbox.web.params import whole_number
from sandbox.web.problems import flashed, show_problem, shown_on
from sandbox.web.widgets import render_form

bp = Blueprint("feedback", __name__, url_prefix="/feedback")


def init_app(app):
    app.context_processor(lambda: {"feedback_url": feedback_url})


def feedback_url() -> str:
    """The "feedback on this page" link, carrying what the page was about."""
    context = {"page": request.full_path.rstrip("?")}
    if "tenant" in g:
        context["tenant_name"] = g.tenant.name
    # The page by the name the floor walkers' list gives it, so notes about it group.
    if where.page_place(request.endpoint):
        context["place"] = where.page_place(request.endpoint)
    context.update(page.facts())
    return url_for("feedback.new") + "?" + urlencode(context)


@bp.route("/new", methods=["GET", "POST"])
@requires("give_feedback")
def new():
    form = FeedbackForm(request.form if request.method == "POST" else request.args)
    if request.method == "POST" and form.validate():
        with shown_on(form, "text"):
            queue.capture(g.user, form.kind.data, form.text.data,
                          {k: form[k].data for k in queue.CONTEXT_FIELDS if k in form}
                          | {"case_id": form.case_id.data, "step": form.step.data})
            back = site_path(form.page.data, url_for("main.home"))
            return render_template("feedback/thanks.html", back=back)
    return render_form("feedback/new.html", form)


def _note_place(version: str) -> str:
    """The forms a note's places come from: the room's, else the version asked for, else
    the one training copies start with."""
    sets = registry().version_sets
    return version if version in sets else ("streamlined" if "streamlined" in sets else sets[0])


@bp.route("/note", methods=["GET", "POST"])
@requires("floor_notes")
def note():
    """A floor walker's quick note, in the room they are in (and about a seat, when they
    come from one): who they were helping is one of the room's people, and where is a
    place from the system's own list (sandbox.feedback.where), else their own words."""
    room = rooms.room(whole_number(request.args.get("room")))
    seat = room.seat(whole_number(request.args.get("seat")) or 0) if room else None
    seat_place = rooms.place_of(seat) if seat is not None else None
    version = room.form_version if room else _note_place(request.args.get("version", ""))
    form = FloorNoteForm()
    people = room.people() if room else []
    form.about.choices = [("", "Nobody in particular")] + [(str(i), n) for i, n in people]
    if request.method == "GET":
        if seat is not None and seat.person is not None:
            form.about.data = str(seat.person.id)
        if seat_place is not None and seat_place.form_key:
            form.where.data = f"form:{seat_place.form_key}"
    if form.validate_on_submit():
        context = _note_context(form, version, {i for i, _n in people})
        if context is not None:
            if seat_place is not None:
                context.update(tenant_name=seat_place.tenant_name, case_id=seat_place.case_id,
                               scenario_key=seat_place.scenario_key, step=seat_place.step_index)
            queue.capture(g.user, form.kind.data, form.text.data, context, source="floor")
            flash("Note saved. Thank you.")
            if seat is not None:
                return redirect(url_for("floor.seat", session_id=room.id,
                                        number=seat.seat.number))
            return redirect(url_for("feedback.note", room=room.id) if room else
                            url_for("feedback.note", version=version))
    return render_form("feedback/note.html", form, room=room, seat=seat, version=version,
                       where_groups=where.choices(version), live_rooms=rooms.live(),
                       version_sets=registry().version_sets)


def _note_context(form, version: str, people: set[int]) -> dict | None:
    """What the note is about, from the form; None (the form's errors set) if it cannot
    be taken as sent."""
    about = whole_number(form.about.data) if form.about.data else None
    if form.about.data and about not in people:
        form.about.errors = ["Choose someone in this room, or nobody in particular"]
    chosen = where.read(form.where.data, version) if form.where.data else {}
    if chosen is None:
        form.where.errors = ["Choose a place from the list, or say where below"]
    elif not chosen and not (form.place.data or "").strip():
        form.where.errors = ["Choose where in the system, or say where below"]
    if form.about.errors or form.where.errors:
        return None
    # A page chosen from the list is the note's place; otherwise the walker's own words
    # say more about the form question chosen, or stand alone.
    place = chosen.pop("place", "") or (form.place.data or "").strip()
    return {**chosen, "place": place, "about_user_id": about,
            "resolved_on_spot": form.resolved_on_spot.data}


@bp.route("/mine")
@requires("give_feedback")
def mine():
    items = queue.mine(g.user)
    return render_template("feedback/mine.html", items=items, requests=queue.requests_by_id(
        i.change_request_id for i in items))


def _subject_choices(form, items=()) -> None:
    """The request's subject: the place the notes are about or, when the ticked notes are
    about several, each of those places; or the group's own words."""
    found = queue.subjects(list(items))
    if len(found) > 1:
        form.subject.choices = [(target, places.of_target(target, kind).title)
                                for kind, target in found]
    else:
        form.subject.choices = [("", "The place the ticked notes are about")]
    form.subject.choices.append((queue.OTHER, "Something else (write it below)"))
    if request.method == "GET":
        form.subject.data = form.subject.choices[0][0]


def _queue_page(form, ticked=None, status=200):
    groups = queue.suggested_groups(queue.open_items("system"))
    return render_template("feedback/queue.html", groups=groups, form=form,
                           title="The feedback queue", list_name="system",
                           ticked=queue.ticked_first(groups) if ticked is None
                           else {i.id for i in ticked}), status


@bp.route("/queue")
@requires("work_queue")
def work_queue():
    form = RequestForm(formdata=None)
    _subject_choices(form)
    return _queue_page(form)


@bp.route("/hotspots")
@requires("work_queue")
def hotspots():
    # Other areas add places people struggle that no one wrote about (a tour's steps
    # where many leave), through the signal: feedback imports none of them.
    elsewhere = [spot for _receiver, found in signals.hotspots_asked.send(
        current_app._get_current_object()) for spot in (found or [])]
    return render_template("feedback/hotspots.html", spots=queue.hotspots(), kinds=KINDS,
                           elsewhere=elsewhere)


@bp.route("/training")
@requires("training_list")
def training_list():
    return render_template("feedback/queue.html",
                           groups=queue.suggested_groups(queue.open_items("training")),
                           form=None, title="Training needs", list_name="training")


@bp.route("/items/<int:item_id>/move", methods=["POST"])
@requires("training_list")
def move(item_id: int):
    item = db.session.get(FeedbackItem, item_id) or abort(404)
    target = request.form.get("queue", "")
    if target not in ("system", "training"):
        abort(400, "Choose the system queue or the trainers' list")
    moved_from = item.queue
    if moved_from == "system" and not g.user.can("work_queue"):
        abort(403)  # only the working group takes items out of its own queue
    queue.move(item, target)
    flash("Moved to the trainers' list." if target == "training" else
          "Moved to the working group's queue.")
    return redirect(url_for("feedback.work_queue" if moved_from == "system"
                            else "feedback.training_list"))


@bp.route("/requests", methods=["GET", "POST"])
@requires("work_queue")
def requests_():
    if request.method == "POST":
        form = RequestForm()
        ticked = queue.open_chosen(request.form.getlist("items"))
        _subject_choices(form, ticked)
        if form.validate_on_submit():
            with shown_on(form, "problem"):
                made = queue.make_request(request.form.getlist("items"), form.problem.data,
                                          form.proposal.data, form.priority.data,
                                          g.user.full_name, form.subject.data or "",
                                          form.subject_other.data)
                flash(f"Change request {made.id} made.")
                return redirect(url_for("feedback.change_request", request_id=made.id))
        return _queue_page(form, ticked, 400)
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        abort(400, "Choose a status from the list")
    return render_template("feedback/requests.html", rows=queue.requests(status),
                           status=status, statuses=STATUSES)


def _request_or_404(request_id: int) -> ChangeRequest:
    return db.session.get(ChangeRequest, request_id) or abort(404)


def _request_page(change, form, status=200):
    target = drafts.target_form(change.target)
    return render_template("feedback/request.html", change=change, form=form,
                           evidence=queue.evidence(change), history=queue.history(change),
                           editable=EDITABLE,
                           others=[r.request for r in queue.requests()
                                   if r.request.id != change.id
                                   and not r.request.merged_into_id],
                           drafts=drafts.drafts_for(change.id), draftable=target is not None,
                           form_times=report.times_of_form(target[1]) if target else [],
                           hm=report.minutes_seconds), status


@bp.route("/requests/<int:request_id>", methods=["GET", "POST"])
@requires("work_queue")
def change_request(request_id: int):
    change = _request_or_404(request_id)
    form = StatusForm(status=change.status)
    if form.validate_on_submit():
        with shown_on(form, "reason"):
            queue.set_status(change, form.status.data, g.user.full_name, form.reason.data)
            flash(f"Request {change.id} is now: {change.status_label}.")
            return redirect(url_for("feedback.change_request", request_id=change.id))
    return _request_page(change, form, 400 if form.errors else 200)


@bp.route("/requests/<int:request_id>/edit/<part>", methods=["GET", "POST"])
@requires("work_queue")
def edit_request(request_id: int, part: str):
    change = _request_or_404(request_id)
    if part not in EDITABLE:
        abort(404)
    form = EditRequestForm()
    if request.method == "GET":
        form.was.data = queue.current_value(change, part)
        if part != "subject":
            form[part].data = queue.current_value(change, part)
    evidence = queue.evidence(change)
    form.subject.choices = [(target, places.of_target(target, kind).title)
                            for kind, target in queue.subjects(evidence)]
    if change.target not in dict(form.subject.choices):
        form.subject.choices.insert(0, (change.target,
                                        places.of_target(change.target,
                                                         change.target_kind).title))
    form.subject.choices.append((queue.OTHER, "Something else (write it below)"))
    if form.subject.data is None:
        form.subject.data = change.target
        if change.target_kind == queue.OTHER:
            form.subject.data, form.subject_other.data = queue.OTHER, change.target
    status = 200
    if form.validate_on_submit():
        try:
            changed = queue.edit(change, part, form[part].data if part != "subject"
                                 else form.subject.data, form.was.data, g.user.full_name,
                                 form.subject_other.data)
        except queue.Conflict as problem:
            # Theirs is shown; what this person wrote stays in the box to reuse.
            form.was.data = queue.current_value(change, part)
            form[part].errors = [*form[part].errors, str(problem) + ": theirs is shown "
                                 "above, and yours is still in the box"]
            status = 409
        except queue.FeedbackError as problem:
            show_problem(form, problem, part)
            status = 400
        else:
            flash(f"{EDITABLE[part]} saved." if changed else "Nothing was changed.")
            return redirect(url_for("feedback.change_request", request_id=change.id))
    elif form.errors:
        status = 400
    return render_template("feedback/edit_request.html", change=change, form=form,
                           part=part, label=EDITABLE[part],
                           current=queue.current_value(change, part)), status


@bp.route("/requests/<int:request_id>/merge", methods=["POST"])
@requires("work_queue")
def merge(request_id: int):
    change = _request_or_404(request_id)
    raw = request.form.get("other", "")
    other = db.session.get(ChangeRequest, whole_number(raw)) if whole_number(raw) else None
    if other is None:
        flash("Choose the request to merge in.", "error")
    else:
        with flashed():
            queue.merge(change, other, g.user.full_name)
            flash(f"Request {other.id} merged into this one; its evidence is here now.")
    return redirect(url_for("feedback.change_request", request_id=change.id))



@bp.route("/requests/<int:request_id>/log", methods=["GET", "POST"])
@requires("work_queue")
def log_change(request_id: int):
    change = _request_or_404(request_id)
    target = drafts.target_form(change.target)
    form = ChangeLogForm(title=change.problem[:200], what_changed=change.proposal,
                         form="/".join(target) if target else "",
                         field=change.target.split("/", 2)[2]
                         if target and change.target_kind == "field" else "")
    form.form.choices = [("", "Not about one form"), *places.form_choices(),
                         (changelog.OTHER, "Another form (write it below)")]
    chosen = (form.form.data or "").split("/", 1)
    form.field.choices = [("", "The whole form"), *(
        places.question_choices(*chosen) if len(chosen) == 2 else []),
        (changelog.OTHER, "Another question (write it below)")]
    if form.pick.data:  # "Show this form's questions": the same page, the form's questions
        form.field.data = ""
        return render_template("feedback/log_change.html", form=form, change=change)
    if form.validate_on_submit():
        with shown_on(form, "title"):
            changelog.add(change, form.data, g.user.full_name)
            flash("Added to the change log.")
            return redirect(url_for("feedback.changes"))
    return render_form("feedback/log_change.html", form, change=change)


@bp.route("/changes")
@requires("read_changelog")
def changes():
    return render_template("feedback/changes.html", entries=changelog.entries(),
                           proposals=changelog.proposals(), place_of_entry=changelog.place_of,
                           requests=queue.requests_by_id(
                               e.change_request_id for e in changelog.entries()))


EXPORTS = {"md": ("text/markdown", changelog.as_markdown),
           "csv": ("text/csv", changelog.as_csv),
           "json": ("application/json", changelog.as_json)}


@bp.route("/changes.<fmt>")
@requires("read_changelog")
def export_changes(fmt: str):
    if fmt not in EXPORTS:
        abort(404)
    mimetype, make = EXPORTS[fmt]
    return Response(make(), mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="change-log.{fmt}"'})


@bp.route("/changes/import", methods=["GET", "POST"])
@requires("work_queue")
def import_changes():
    form = ChangeLogImportForm()
    if form.validate_on_submit():
        with shown_on(form, "file"):
            made = changelog.import_json(form.file.data.read(), g.user.full_name)
            flash(f"{len(made)} proposed change(s) imported for the working group to review.")
            return redirect(url_for("feedback.changes"))
    return render_form("feedback/import_changes.html", form)


@bp.route("/changes/<int:entry_id>/review", methods=["POST"])
@requires("work_queue")
def review_change(entry_id: int):
    entry = db.session.get(ChangeLogEntry, entry_id) or abort(404)
    changelog.review(entry, request.form.get("decision", ""))  # a problem: 400, its message
    return redirect(url_for("feedback.changes"))


def _round_or_404(round_id: int):
    return db.session.get(ReviewRound, round_id) or abort(404)


@bp.route("/rounds", methods=["GET", "POST"])
@requires("work_queue")
def rounds():
    if request.method == "POST":
        with flashed():
            made = review.start(request.form.get("title", ""), request.form.getlist("requests"),
                                g.user.full_name)
            return redirect(url_for("feedback.review_round", round_id=made.id))
        return redirect(url_for("feedback.rounds"))
    open_requests = [r.request for r in queue.requests()
                     if r.request.status in ("new", "under_review")]
    return render_template("feedback/rounds.html", rounds=review.rounds(),
                           open_requests=open_requests)


@bp.route("/rounds/<int:round_id>")
@requires("work_queue")
def review_round(round_id: int):
    seen = review.seen_by(_round_or_404(round_id), g.user)
    return render_template("feedback/round.html", seen=seen, agree=review.AGREE,
                           priorities=PRIORITIES)


@bp.route("/rounds/<int:round_id>.json")
@requires("work_queue")
def review_round_json(round_id: int):
    return jsonify(review.as_json(review.seen_by(_round_or_404(round_id), g.user)))


@bp.route("/rounds/<int:round_id>/views", methods=["POST"])
@requires("work_queue")
def give_views(round_id: int):
    round_ = _round_or_404(round_id)
    views = {r.id: {"agree": request.form.get(f"agree-{r.id}"),
                    "priority": request.form.get(f"priority-{r.id}"),
                    "comment": request.form.get(f"comment-{r.id}", "")}
             for r in review.requests_in(round_)}
    with flashed():
        review.give_views(round_, g.user, views)
        flash("Your views are saved. Others' views appear once everyone asked has answered.")
    return redirect(url_for("feedback.review_round", round_id=round_.id))


@bp.route("/rounds/<int:round_id>/close", methods=["POST"])
@requires("work_queue")
def close_round(round_id: int):
    round_ = _round_or_404(round_id)
    try:
        closed = review.close(round_, g.user)
    except review.ReviewError as problem:
        abort(403, str(problem))
    flash("Round closed: everyone's views are shown side by side." if closed else
          "This round was already closed: everyone's views are shown side by side.")
    return redirect(url_for("feedback.review_round", round_id=round_.id))
