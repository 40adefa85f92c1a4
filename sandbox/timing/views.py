"""Time and motion pages (/timings): the time-saved report, studies, and form analysis."""

import re
from datetime import date

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

from sandbox.core.errors import ServiceError
from sandbox.core.permissions import requires
from sandbox.core.received import DATE_RANGE, date_from_parts, site_path
from sandbox.drafts import service as drafts
from sandbox.forms import coverage as statutory
from sandbox.forms.compare import compare
from sandbox.recording.service import registry
from sandbox.timing import analysis, report, studies
from sandbox.timing.chart import bar_chart
from sandbox.timing.webforms import StudyImportForm
from sandbox.web.downloads import csv_download
from sandbox.web.params import whole_number
from sandbox.web.widgets import render_form

bp = Blueprint("timing", __name__, url_prefix="/timings")
SOURCES = {"study": "A study from live practice", "versions": "The sandbox: two form versions",
           "dates": "The sandbox: two periods"}


class ReportProblem(ServiceError):
    """The report cannot be drawn from what was asked; `field` is the box to put right
    (a date: "before_from", or the part of it, "before_from-year"); `all` is every
    (message, field) found, this one first."""

    def __init__(self, message: str, field: str | None = None, others=()):
        super().__init__(message, field)
        self.all = [(message, field), *others]


PARTS = ("day", "month", "year")
PERIOD_DATES = {"before_from": "the date the before period starts",
                "before_to": "the date the before period ends",
                "after_from": "the date the after period starts",
                "after_to": "the date the after period ends"}


def version_choices() -> list[tuple[str, str]]:
    shipped = [(name, name.capitalize()) for name in registry().version_sets]
    return shipped + [(d.version_set, f"Draft {d.id}: {d.form_key.replace('_', ' ')} "
                                      f"({d.base_set})") for d in drafts.drafts()]


def _date(name: str) -> date:
    """A date typed in the report's three boxes (GOV.UK date input), with GOV.UK's
    messages when it cannot be read."""
    parts = [request.args.get(f"{name}-{part}", "").strip()[:10] for part in PARTS]
    what = PERIOD_DATES[name]
    if not any(parts):
        raise ReportProblem(f"Enter {what}", name)
    missing = [part for part, value in zip(PARTS, parts, strict=True) if not value]
    if missing:
        raise ReportProblem(f"{what[0].upper()}{what[1:]} must include a "
                            f"{' and '.join(missing)}", f"{name}-{missing[0]}")
    if not re.fullmatch(r"[0-9]{4}", parts[2]):
        raise ReportProblem("Year must include 4 numbers", f"{name}-year")
    day = date_from_parts(*parts)
    if day is None:
        raise ReportProblem(f"{what[0].upper()}{what[1:]} must be a real date {DATE_RANGE}",
                            name)
    return day


def _periods() -> tuple[tuple[date, date], tuple[date, date]]:
    """The before and after periods; every date that cannot be read is named at once."""
    days, found = {}, []
    for name in PERIOD_DATES:
        try:
            days[name] = _date(name)
        except ReportProblem as problem:
            found.append((problem.message, problem.field))
    for prefix in ("before", "after"):
        start, end = days.get(f"{prefix}_from"), days.get(f"{prefix}_to")
        if start and end and end < start:
            found.append((f"The date the {prefix} period ends must be the same as or after "
                          f"{start:%-d %B %Y}, when it starts", f"{prefix}_to"))
    if found:
        raise ReportProblem(*found[0], found[1:])
    return ((days["before_from"], days["before_to"]), (days["after_from"], days["after_to"]))


def _title(version_set: str, key: str) -> str:
    """The form's title in that version (each version names its own forms)."""
    form = registry().form(version_set, key)
    return form.title if form else key.replace("_", " ")


def report_lines() -> tuple[dict, list[report.Line], str]:
    """What the query string asks for, the report's lines and its caption."""
    args = request.args
    source = args.get("source", "study")
    if source not in SOURCES:
        raise ReportProblem("Choose where the times come from", "source-study")
    chosen = {"source": source}
    if source == "study":
        names = [name for name, _count in studies.studies()]
        study = args.get("study") or (names[0] if names else "")
        if study and study not in names:
            raise ReportProblem(f"There is no study called '{study[:80]}'", "study")
        chosen["study"] = study
        rows = [(r.work_type, r.period, r.minutes) for r in studies.rows_of(study)] \
            if study else []
        return chosen, report.summarise(rows), f"Average time per piece of work: {study}"
    if source == "versions":
        known = dict(version_choices())
        before, after = args.get("before", "legacy"), args.get("after", "streamlined")
        for field, name in (("before", before), ("after", after)):
            if name not in known:
                raise ReportProblem(f"There is no form version '{name[:40]}'", field)
        if before == after:
            raise ReportProblem("Choose two different form versions", "after")
        chosen.update(before=before, after=after)
        return chosen, report.by_versions(report.pieces(version_sets=(before, after)), before,
                                            after, _title), \
            f"Average active time per form: {known[before]} before, {known[after]} after"
    before, after = _periods()
    chosen.update({f"{name}-{part}": str(getattr(day, part))
                   for name, day in (("before_from", before[0]), ("before_to", before[1]),
                                     ("after_from", after[0]), ("after_to", after[1]))
                   for part in PARTS})
    return chosen, report.by_dates(report.pieces(), before, after, _title), \
        (f"Average active time per form: {before[0]:%-d %b %Y} to {before[1]:%-d %b %Y} "
         f"before, {after[0]:%-d %b %Y} to {after[1]:%-d %b %Y} after")


@bp.route("/")
@requires("read_timings")
def index():
    source, shown = request.args.get("source", "study"), request.args.get("shown")
    # Two periods chosen from another source's options: their dates are asked first (the
    # other sources have a report to show at once, from their defaults).
    switched = shown is not None and shown != source == "dates"
    try:
        if switched:
            chosen, lines, caption = {"source": source}, [], ""
        else:
            chosen, lines, caption = report_lines()
        status, problem = 200, None
    except ReportProblem as error:
        chosen, lines, caption, status, problem = dict(request.args), [], "", 400, error
    return render_template("timing/report.html", chosen=chosen, lines=lines, caption=caption,
                           chart=bar_chart(lines, caption) if lines else None,
                           problem=problem, sources=SOURCES, studies=studies.studies(),
                           versions=version_choices(), hm=report.minutes_seconds,
                           today=date.today(), period_dates=PERIOD_DATES, switched=switched,
                           study_options=[(name, f"{name} ({count})")
                                          for name, count in studies.studies()]), status


@bp.route("/report.csv")
@requires("read_timings")
def report_csv():
    _chosen, lines, _caption = report_lines()  # a problem: 400, its message
    return csv_download("time-saved.csv", report.FIELDS,
                        ([line.as_dict()[f] for f in report.FIELDS] for line in lines))


@bp.route("/import", methods=["GET", "POST"])
@requires("manage_timings")
def import_study():
    form = StudyImportForm()
    if form.validate_on_submit():
        try:
            count = studies.import_study(form.study.data, form.file.data.read(),
                                         g.user.full_name)
        except studies.StudyError as problem:
            form.file.errors = [*form.file.errors, *problem.problems[:studies.MAX_PROBLEMS]]
            if len(problem.problems) > studies.MAX_PROBLEMS:
                form.file.errors.append(
                    f"and {len(problem.problems) - studies.MAX_PROBLEMS} more problems")
        else:
            flash(f"Imported {count} pieces of work into '{form.study.data.strip()}'.")
            return redirect(url_for("timing.index", source="study",
                                    study=form.study.data.strip()))
    return render_form("timing/import.html", form, studies=studies.studies())


@bp.route("/studies.csv")
@requires("read_timings")
def export_study():
    study = request.args.get("study") or None
    if study and study not in {name for name, _count in studies.studies()}:
        abort(404)
    return csv_download("time-study.csv", studies.COLUMNS, studies.csv_rows(study))


@bp.route("/studies/delete", methods=["POST"])
@requires("manage_timings")
def delete_study():
    name = request.form.get("study", "")
    removed = studies.delete_study(name)
    if not removed:
        abort(404)
    flash(f"Deleted the study '{name}' ({removed} pieces of work).")
    return redirect(url_for("timing.import_study"))


PAIRS_PER_PAGE = 100


@bp.route("/forms")
@requires("read_timings")
def forms_analysis():
    version_set = request.args.get("set", "legacy")
    versions = version_choices()
    if version_set not in dict(versions):
        abort(404)
    forms = registry().forms(version_set)
    reason = request.args.get("reason", "")
    pairs = analysis.repeated(forms)
    shown = [p for p in pairs if not reason or p.reason == reason]
    page = whole_number(request.args.get("page")) or 1
    pages = max(1, -(-len(shown) // PAIRS_PER_PAGE))
    if page > pages:
        abort(404)
    repeated_questions = {p.second.ref for p in pairs}
    shipped = registry().version_sets
    covered = statutory.coverage(registry().statutory,
                                {name: registry().forms(name) for name in shipped})
    return render_template(
        "timing/forms.html", version_set=version_set, versions=versions, forms=forms,
        total=sum(f.field_count for f in forms), pairs=shown[(page - 1) * PAIRS_PER_PAGE:
                                                             page * PAIRS_PER_PAGE],
        all_pairs=len(pairs), repeated_questions=len(repeated_questions), reason=reason,
        reasons=(analysis.SAME_DATA, analysis.COPIED, analysis.REWORDED), page=page,
        pages=pages, verdicts=analysis.verdicts(version_set),
        prefills=analysis.prefills(forms), doc=analysis.__doc__, shipped=shipped,
        coverage=covered, missing={name: statutory.missing(covered, name) for name in shipped})


@bp.route("/forms/pairs", methods=["POST"])
@requires("manage_timings")
def judge_pair():
    version_set = request.form.get("set", "")
    if version_set not in dict(version_choices()):
        abort(404)
    analysis.judge(version_set, request.form.get("first", ""),  # a problem: 400, its message
                   request.form.get("second", ""), request.form.get("verdict", ""),
                   g.user.full_name, analysis.repeated(registry().forms(version_set)))
    return redirect(site_path(request.form.get("back"),
                              url_for("timing.forms_analysis", set=version_set)))


@bp.route("/forms/compare")
@requires("read_timings")
def compare_versions():
    choices = version_choices()
    versions = dict(choices)
    older = request.args.get("older", "legacy")
    newer = request.args.get("newer", "streamlined")
    key = request.args.get("form", "section47_enquiry")
    if older not in versions or newer not in versions:
        abort(404)
    first, second = registry().form(older, key), registry().form(newer, key)
    if first is None or second is None:
        abort(404)
    return render_template("timing/compare.html", comparison=compare(first, second),
                           versions=choices, older=older, newer=newer, key=key,
                           forms=registry().forms(newer))
