"""Time saved per kind of work: from imported studies (before and after) or from time on
forms measured in the sandbox (two form versions, or two periods)."""

import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from sandbox.core.extensions import db
from sandbox.timing.models import FormSitting

FIELDS = ("work_type", "avg_before_minutes", "avg_after_minutes", "saved_minutes",
          "saved_percent", "tracked_before", "tracked_after", "work_type_before")


@dataclass(frozen=True)
class Line:
    work_type: str
    avg_before_minutes: float | None
    avg_after_minutes: float | None
    saved_minutes: float | None
    saved_percent: float | None
    tracked_before: int
    tracked_after: int
    # What the work was called before, when that differs (a form renamed by a new version).
    work_type_before: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def hours_minutes(minutes: float | None) -> str:
    """4h4m, 24m, 0m; a saving that is negative reads as -12m."""
    if minutes is None:
        return "–"
    sign, whole = ("-" if minutes < 0 else ""), round(abs(minutes))
    hours, rest = divmod(whole, 60)
    return f"{sign}{hours}h{rest}m" if hours else f"{sign}{rest}m"


def minutes_seconds(minutes: float | None) -> str:
    """As hours_minutes, with the seconds of a time under ten minutes (45s, 4m30s): a
    training room's forms often take less than a minute or two, and whole minutes would
    read 0m or 1m for all of them."""
    if minutes is None or abs(minutes) >= 10:
        return hours_minutes(minutes)
    whole = round(abs(minutes) * 60)
    sign, (mins, secs) = ("-" if minutes < 0 and whole else ""), divmod(whole, 60)
    return f"{sign}{mins}m{secs}s" if mins else f"{sign}{secs}s"


def summarise(rows) -> list[Line]:
    """`rows` of (work_type, period, minutes), period 'before' or 'after': one line per
    work type, in the order first seen. A type tracked in one period only has no saving."""
    minutes = defaultdict(lambda: {"before": [], "after": []})
    for work_type, period, value in rows:
        minutes[work_type][period].append(value)
    lines = []
    for work_type, periods in minutes.items():
        before = statistics.fmean(periods["before"]) if periods["before"] else None
        after = statistics.fmean(periods["after"]) if periods["after"] else None
        saved = before - after if before is not None and after is not None else None
        lines.append(Line(
            work_type=work_type,
            avg_before_minutes=_round(before), avg_after_minutes=_round(after),
            saved_minutes=_round(saved),
            saved_percent=_round(saved / before * 100) if saved is not None and before
            else None,
            tracked_before=len(periods["before"]), tracked_after=len(periods["after"])))
    return lines


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# Time measured in the sandbox ------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """One form from opening it first to submitting it, over all its sittings."""

    form_key: str
    version_set: str
    username: str
    tenant_name: str
    session_id: int | None
    scenario_key: str | None
    minutes: float
    precise: bool
    submitted_at: datetime


def pieces(session_id: int | None = None, form_key: str | None = None,
           version_sets: tuple[str, ...] | None = None) -> list[Piece]:
    """Submitted forms and the active time each took; only a session's, one form's or some
    versions' when asked (a piece's sittings share all three)."""
    statement = select(FormSitting).order_by(FormSitting.id)
    if session_id is not None:
        statement = statement.where(FormSitting.session_id == session_id)
    if form_key is not None:
        statement = statement.where(FormSitting.form_key == form_key)
    if version_sets is not None:
        statement = statement.where(FormSitting.version_set.in_(version_sets))
    grouped = defaultdict(list)
    for sitting in db.session.scalars(statement):
        grouped[(sitting.tenant_name, sitting.record_id, sitting.record_started_at)].append(
            sitting)
    found = []
    for sittings in grouped.values():
        done = [s for s in sittings if s.submitted]
        if not done:
            continue
        first = sittings[0]
        found.append(Piece(
            form_key=first.form_key, version_set=first.version_set, username=first.username,
            tenant_name=first.tenant_name, session_id=first.session_id,
            scenario_key=first.scenario_key,
            minutes=sum(s.active_seconds for s in sittings) / 60,
            precise=all(s.precise for s in sittings),
            submitted_at=done[0].closed_at or done[0].last_seen_at))
    return found


def _named(found_lines: list[Line], names: dict[str, tuple[str, str]]) -> list[Line]:
    """Lines worked out per form key, named as each period's version names the form: the
    after name, and the before name when it differs."""
    named = []
    for line in found_lines:
        before, after = names[line.work_type]
        named.append(replace(line, work_type=after or before,
                             work_type_before=before if after and before != after else ""))
    return named


def by_versions(found: list[Piece], before: str, after: str, title) -> list[Line]:
    """Each form's time in version set `before` against `after`, one line per form, named
    by each version's own title: `title(version_set, key)`."""
    period = {before: "before", after: "after"}
    names = {p.form_key: (title(before, p.form_key), title(after, p.form_key))
             for p in found if p.version_set in period}
    return _named(summarise((p.form_key, period[p.version_set], p.minutes)
                            for p in found if p.version_set in period), names)


def by_dates(found: list[Piece], before: tuple[date, date], after: tuple[date, date],
             title) -> list[Line]:
    """Each form's time submitted in the `before` dates against the `after` dates, named
    by the versions submitted in each period (`title(version_set, key)`)."""

    def within(p: Piece, span) -> bool:
        start, end = span
        return (datetime.combine(start, time()) <= p.submitted_at
                < datetime.combine(end + timedelta(days=1), time()))

    rows, names = [], {}
    for p in found:
        for name, span in (("before", before), ("after", after)):
            if within(p, span):
                rows.append((p.form_key, name, p.minutes))
                seen = names.setdefault(p.form_key, ["", ""])
                seen[name == "after"] = seen[name == "after"] or title(p.version_set,
                                                                       p.form_key)
    return _named(summarise(rows), names)


@dataclass(frozen=True)
class Spread:
    form_key: str
    people: int
    median: float
    fastest: float
    slowest: float
    precise: bool


def spreads(found: list[Piece]) -> list[Spread]:
    """Per form: how many took it, the median time and the fastest and slowest."""
    by_form = defaultdict(list)
    for p in found:
        by_form[p.form_key].append(p)
    return [Spread(key, len({p.username for p in group}),
                   statistics.median(p.minutes for p in group),
                   min(p.minutes for p in group), max(p.minutes for p in group),
                   all(p.precise for p in group))
            for key, group in sorted(by_form.items())]


def times_of_form(form_key: str) -> list[tuple[str, Spread]]:
    """How long a form takes in each version it was submitted in: evidence for a request."""
    found = pieces(form_key=form_key)
    return [(version_set, spreads([p for p in found if p.version_set == version_set])[0])
            for version_set in sorted({p.version_set for p in found})]
