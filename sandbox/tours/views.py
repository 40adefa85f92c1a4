"""Learning: the person's path, the tours (as guided tours, or as a list of the real pages
without JavaScript), a running tour on every page, the figures and a cohort's progress."""

from flask import (
    Blueprint,
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
from sqlalchemy import select

from sandbox.auth.models import User
from sandbox.cases.models import Case
from sandbox.core import signals, tenancy
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.permissions import requires
from sandbox.core.received import site_path
from sandbox.scenarios import rooms
from sandbox.tenants.models import LIVE, Tenant
from sandbox.tenants.service import grouped, live_tenant
from sandbox.tours import paths, runs
from sandbox.tours.definitions import AUDIENCES, BY_ENDPOINT, PACES, PAGES, Library
from sandbox.web.downloads import csv_download
from sandbox.web.params import whole_number
from sandbox.web.problems import flashed

bp = Blueprint("tours", __name__, url_prefix="/learning")


def init_app(app):
    app.context_processor(_running_tour)
    # A step that waits for the form to be saved or submitted moves on once the server
    # has accepted it: a form sent and refused is shown again, and the step stays.
    app.after_request(_accepted)
    signals.form_submitted.connect(_submitted, weak=False)
    # Steps where many leave show among the working group's hotspots.
    signals.hotspots_asked.connect(
        lambda _app: runs.leaving_hotspots(_library().tours, url_for("tours.figures")),
        weak=False)


def _library() -> Library:
    return current_app.extensions["tours"]


def _accepted(response):
    """A form sent from a page and accepted: every form here answers an accepted POST with
    a redirect (a refused one is the page again, with its errors, and a 4xx). "Save as
    draft" and "Submit" both save; autosave answers JSON, and is not a press of a button."""
    user = g.get("user")
    page = BY_ENDPOINT.get(request.endpoint)
    if (request.method == "POST" and response.status_code in (302, 303) and page
            and user is not None and user.can("take_tours")):
        runs.on_action(user, _library().tours, "save", page)
    return response


def _submitted(_app, user, **_kw):
    runs.on_action(user, _library().tours, "submit", "form")


def _tour_or_404(key: str):
    return _library().tours.get(key) or abort(404)


def _for_me(tour) -> bool:
    return g.user.role in tour.audience or g.user.can("follow_cohorts")


def page_url(page_key: str, tenant_name: str) -> str | None:
    """The real page, where it needs no record chosen first (a child's record and its
    chronology: the copy's first child); None for the rest (a form, a session's room: the
    tour's earlier steps lead there)."""
    if PAGES[page_key].tenant:
        if page_key in ("families", "scenarios") and tenant_name:
            return url_for(PAGES[page_key].endpoint, tenant_name=tenant_name)
        if page_key in ("child", "chronology_new") and tenant_name:
            return _first_child(tenant_name, PAGES[page_key].endpoint)
        return None
    if page_key == "feedback":
        return url_for("feedback.new", page=url_for("feedback.mine"))
    if page_key == "session":
        return None
    return url_for(PAGES[page_key].endpoint)


def _first_child(tenant_name: str, endpoint: str = "cases.child") -> str | None:
    """A child's record (or a page of it) to begin a tour on: the copy's first case."""
    tenant = live_tenant(tenant_name)
    if tenant is None:
        return None
    with tenancy.scoped_to(tenant.id):
        child = db.session.scalar(select(Case.child_id).order_by(Case.id).limit(1))
    return url_for(endpoint, tenant_name=tenant_name, person_id=child) if child else None


def _tenant_names() -> list[str]:
    """The training copies the person may take a tour of its pages in."""
    if g.user.can("enter_any_tenant"):
        return list(db.session.scalars(select(Tenant.name).where(Tenant.state == LIVE)
                                       .order_by(Tenant.name)))
    return [g.user.tenant.name] if g.user.tenant is not None else []


def _copy_groups(names: list[str]) -> list[dict]:
    """The training copies to choose from, put together as the list of training copies
    has them: each training session's seats under its title, then the rest."""
    tenants = db.session.scalars(select(Tenant).where(Tenant.name.in_(names))
                                 .order_by(Tenant.name)).all()
    groups, rest = grouped([{"tenant": t} for t in tenants], g.user)
    shown = [{"title": group["title"], "names": [r["tenant"].name for r in group["rows"]]}
             for group in groups]
    if rest:
        title = "Not in a training session" if shown else None
        shown.append({"title": title, "names": [r["tenant"].name for r in rest]})
    return shown


@bp.route("/")
@requires("take_tours")
def index():
    library = _library()
    place = paths.place_of(g.user, library)
    items = paths.progress(g.user, place, library) if place else []
    tours = [t for t in library.tours.values() if _for_me(t)]
    return render_template("tours/index.html", place=place, items=items,
                           next_item=paths.next_item(items), tours=tours,
                           running=runs.running(g.user), audiences=AUDIENCES,
                           tenant_names=_tenant_names(), paces=PACES)


@bp.route("/tours/<key>")
@requires("take_tours")
def show(key: str):
    """The tour as a numbered list of the real pages and what to look for on each: all
    of it without JavaScript; with it, a button starts the guided tour."""
    tour = _tour_or_404(key)
    names = _tenant_names()
    tenant_name = request.args.get("tenant") if request.args.get("tenant") in names else (
        names[0] if names else "")
    steps = []
    seen = set()
    for number, step in enumerate(tour.steps, 1):
        first_on_page = step.page not in seen
        seen.add(step.page)
        steps.append({"number": number, "step": step, "page": PAGES[step.page],
                      "url": page_url(step.page, tenant_name) if first_on_page else None,
                      "first_on_page": first_on_page})
    return render_template("tours/show.html", tour=tour, steps=steps,
                           tenant_names=names, tenant_name=tenant_name,
                           copy_groups=_copy_groups(names) if len(names) > 1 else [],
                           needs_copy=tour.in_tenant and not names)


@bp.route("/tours/<key>/start", methods=["POST"])
@requires("take_tours")
def start(key: str):
    tour = _tour_or_404(key)
    tenant_name = ""
    if tour.in_tenant:
        names = _tenant_names()
        tenant_name = request.form.get("tenant") or (names[0] if len(names) == 1 else "")
        if tenant_name not in names:
            abort(400, "Choose the training copy to take the tour in.")
    first = page_url(tour.steps[0].page, tenant_name)
    if first is None:
        abort(400, "This tour starts on a page that needs a record chosen first.")
    runs.start(g.user, tour, tenant_name)
    return redirect(first)


@bp.route("/tours/<key>/done", methods=["POST"])
@requires("take_tours")
def done(key: str):
    tour = _tour_or_404(key)
    runs.done_from_the_list(g.user, tour)
    flash(f"“{tour.title}” is marked as done.")
    return redirect(site_path(request.form.get("next"), url_for("tours.index")))


@bp.route("/runs/<int:run_id>/move", methods=["POST"])
@requires("take_tours")
def move(run_id: int):
    """The guided tour tells where the person went: on from step `from` to `to` (Next,
    or the real action), or `leave` at `from`. JSON for the script; a plain form (the
    tour bar's "End the tour") goes back to the page."""
    run = runs.run_of(g.user, run_id) or abort(404)
    tour = _tour_or_404(run.tour_key)
    from_step, to_step = (whole_number(request.form.get(k)) for k in ("from", "to"))
    if from_step is None or (to_step is None and not request.form.get("leave")):
        abort(400, "Say which step the tour was on, and which it goes to.")
    if request.form.get("leave"):
        runs.leave(run, from_step)
    else:
        runs.move(run, tour, from_step, to_step)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(step=run.step, status=run.status)
    if run.status != "running":
        flash("The tour has ended. You can take it again from Learning.")
    return redirect(site_path(request.form.get("next"), url_for("tours.index")))


def _running_tour() -> dict:
    """A person's running tour, for the page: the step to show if it is on this page, or
    where it is. One query a page, for signed-in people."""
    user = g.get("user")
    if user is None or not user.can("take_tours") or request.blueprint == "tours":
        return {"running_tour": None}
    if "running_tour" not in g:
        run = runs.running(user)
        tour = _library().tours.get(run.tour_key) if run else None
        g.running_tour = _tour_data(run, tour) if tour else None
    return {"running_tour": g.running_tour}


def _tour_data(run, tour) -> dict:
    here = BY_ENDPOINT.get(request.endpoint)
    # A tour of a training copy's pages is shown in that copy, not in another one.
    if "tenant" in g and run.tenant_name and g.tenant.name != run.tenant_name:
        here = None
    step = tour.steps[run.step]
    # Arriving on the page a step asked for moves the tour on, here rather than in the
    # script, so the bar is right from the first draw (with or without JavaScript).
    if step.advance == "open" and step.opens == here and step.page != here:
        runs.move(run, tour, run.step, run.step + 1)
        if run.status != "running":
            return None
        step = tour.steps[run.step]
    return {
        "run": run.id, "title": tour.title, "step": run.step, "total": len(tour.steps),
        "here": here, "move_url": url_for("tours.move", run_id=run.id),
        "on_this_page": step.page == here,
        "current": {"title": step.title, "where": PAGES[step.page].label},
        "steps": [{"page": s.page, "where": PAGES[s.page].label, "anchor": s.anchor,
                   "title": s.title, "text": s.text, "advance": s.advance, "opens": s.opens}
                  for s in tour.steps],
    }


@bp.route("/figures")
@requires("tour_figures")
def figures():
    return render_template("tours/figures.html", figures=runs.figures(_library().tours),
                           hotspot=(runs.HOTSPOT_LEFT, runs.HOTSPOT_SHARE))


@bp.route("/record")
@requires("take_tours")
def record():
    """A printable record of the person's path: each part, and when they finished it."""
    library = _library()
    place = paths.place_of(g.user, library)
    items = paths.progress(g.user, place, library) if place else []
    return render_template("tours/record.html", place=place, items=items, person=g.user,
                           printed=utcnow())


def _path_or_first(key: str | None):
    library = _library()
    if key in library.paths:
        return library.paths[key]
    if key:
        abort(404)
    return next(iter(library.paths.values()), None) or abort(404)


def _path_chosen(key: str | None, people: set[int] | None = None):
    """The path asked for; without one, the path most people are on (so the page does
    not open on an empty one)."""
    if key:
        return _path_or_first(key), None
    library = _library()
    counted = [(path, paths.cohort(path, library, people))
               for path in library.paths.values()]
    if not counted:
        abort(404)
    return max(counted, key=lambda pair: len(pair[1]))


def _titles(path) -> list[str]:
    # The titles people know the parts by, as the CSV has them.
    return [paths.title_of(i, _library()) for i in path.items]


def _session_chosen(value: str | None):
    """The sessions this person runs (an administrator: all), the one chosen from them,
    and the people seated in it (None: no session chosen, everyone)."""
    mine = rooms.run_by(g.user)
    if not value:
        return mine, None, None
    chosen = next((s for s in mine if str(s.id) == value), None)
    if chosen is None:
        abort(404)
    return mine, chosen, rooms.seated(chosen)


@bp.route("/cohort")
@requires("follow_cohorts")
def cohort():
    mine, session, people = _session_chosen(request.args.get("session"))
    path, rows = _path_chosen(request.args.get("path"), people)
    if rows is None:
        rows = paths.cohort(path, _library(), people)
    return render_template("tours/cohort.html", path=path, paths=_library().paths,
                           rows=rows, paces=PACES, titles=_titles(path), sessions=mine,
                           session=session)


@bp.route("/cohort.csv")
@requires("follow_cohorts")
def cohort_csv():
    _mine, _session, people = _session_chosen(request.args.get("session"))
    path = _path_or_first(request.args.get("path"))
    titles = [title + (" (slower path)" if i.guided_only else "")
              for i, title in zip(path.items, _titles(path), strict=True)]
    rows = [[r.user.full_name, r.user.username, PACES[r.pace], f"{r.count} of "
             f"{len(path.items_for(r.pace))}",
             *[d.date().isoformat() if d else "" for d in r.done]]
            for r in paths.cohort(path, _library(), people)]
    return csv_download(f"{path.key}-progress.csv",
                        ["Name", "Username", "Pace", "Done", *titles], rows)


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@requires("follow_cohorts")
def person(user_id: int):
    """Put a person on a path, at the standard pace or the slower one with more
    guidance."""
    person_ = db.session.get(User, user_id) or abort(404)
    library = _library()
    if request.method == "POST":
        with flashed():
            paths.set_place(person_, request.form.get("path", ""),
                            request.form.get("pace", ""), library, g.user.full_name)
            flash(f"{person_.full_name} is on the {library.paths[request.form['path']].title}"
                  f" path, {PACES[request.form['pace']].lower()}.")
            return redirect(url_for("tours.cohort", path=request.form["path"]))
        return redirect(url_for("tours.person", user_id=user_id))
    place = paths.place_of(person_, library)
    items = paths.progress(person_, place, library) if place else []
    return render_template("tours/person.html", person=person_, place=place, items=items,
                           paths=library.paths, paces=PACES)
