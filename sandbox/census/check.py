"""The census check of a training copy: its return, our schema check, then the DfE's
rules, each problem told child by child against the form and question that caused it.

`export` and `check` are what the command line and the census page call; they take the
tenant already in scope (sandbox.core.tenancy)."""

import dataclasses
import xml.etree.ElementTree as ET

from sandbox.census import codes, document, returns, schema, validator
from sandbox.census.messages import plain
from sandbox.census.reporting import (  # noqa: F401 - the names the pages and tests use
    ERROR,
    KIND_LABELS,
    QUERY,
    RECORD,
    SCHEMA,
    Problem,
    Report,
    Source,
    chosen_year,
    forms_state,
    recall,
    remembered,
)
from sandbox.core import progress, tenancy
from sandbox.core.deferred import after_response
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db


class CensusError(ServiceError):
    """The census cannot be made as asked (an uncovered year, say)."""


def default_year() -> int:
    """The census year the training day falls in, or the nearest the rules cover."""
    return check_year(None)


def check_year(year: int | None) -> int:
    return chosen_year(year, codes.YEARS, "census rules", CensusError)


def export(year: int | None = None, child_id: int | None = None,
           ) -> tuple[bytes, returns.CensusReturn, document.Origins]:
    census = returns.build(check_year(year), child_id=child_id)
    xml, origins = document.write(census)
    return xml, census, origins


def check(year: int | None = None, child_id: int | None = None, shown=None) -> Report:
    """Every problem in the current tenant's return for `year` (with `child_id`: in that
    child's part of it; the return-level rules then say nothing of the whole).
    `shown(done, total)`: how far the DfE's rules have got (sandbox.core.progress); (0, 0)
    while the return is made from the forms."""
    year = check_year(year)  # a year it cannot check is told before any progress
    if shown:
        shown(0, 0)
    xml, census, origins = export(year, child_id)
    report = Report(census.year, len(census.children))
    people = census.children
    for child in census.children + census.unplaced:
        for found in child.problems:
            report.problems.append(Problem(
                RECORD, None, found.message, "", child.la_child_id, child.name,
                child.case_id, child.child_id, found.source, document.text_of(found.value)))
    root = ET.fromstring(xml)
    for found in schema.check(root):
        child = people[found.child] if found.child is not None and found.child < len(
            people) else None
        source = origins.source(found.table, found.row, found.column) \
            if found.table is not None else None
        problem = Problem(SCHEMA, None, _schema_words(found, source), found.message,
                          child.la_child_id if child else None, child.name if child else None,
                          child.case_id if child else None, child.child_id if child else None,
                          source, found.value)
        (report.problems if child else report.return_level).append(problem)
    report.unavailable = validator.available()
    if report.unavailable is None and census.children:
        _rules(report, root, census, origins, shown)
    report.problems.sort(key=lambda p: (p.child or "", not p.blocking, p.code or ""))
    if child_id is not None:
        report.return_level = []  # about a return of one child: not the copy's return
    return report


def cached_check(year: int | None = None) -> Report:
    """`check`, again only when the copy's forms have changed since (or it was reset)."""
    year = check_year(year)
    return remembered(("copy", year, *forms_state()), lambda: check(year))


# The census page's check runs as long work (sandbox.core.progress), since a large copy's
# takes many seconds: its report is kept in the work's row, for whichever process answers
# the page next.
WORK = "census"


def _subject(year: int) -> tuple[tuple, str]:
    key = ("copy", year, *forms_state())
    return key, "/".join(str(part) for part in key)


def page_check(year: int | None, user_id: int | None) -> Report | progress.LongWork:
    """The current copy's report for `year` if it is known (checked since its forms last
    changed, by this process or another); else the check under way, started now if none
    is."""
    year = check_year(year)
    key, subject = _subject(year)
    known = recall(key)
    if known is not None:
        return known
    work = progress.latest(WORK, subject)
    if work is None or work.problem is not None or work.stopped:
        work = progress.begin(WORK, subject, user_id)
        after_response(_check_later, work.id, tenancy.current_tenant_id(), year)
        db.session.expire_all()  # it may have run already (commands and tests run it at once)
        work = db.session.get(progress.LongWork, work.id)
    if work.finished_at is None or work.problem is not None:
        return work
    return remembered(key, lambda: report_from(work.result))


def _check_later(work_id: int, tenant_id: int, year: int) -> None:
    with tenancy.scoped_to(tenant_id):
        try:
            report = check(year, shown=progress.runner(work_id))
        except Exception:
            progress.failed(work_id, "The census check stopped with a fault. Open the page "
                                     "again to check once more.")
            raise
        progress.finish(work_id, dataclasses.asdict(report))


def report_from(data: dict) -> Report:
    """A report as `dataclasses.asdict` gave it (kept in a work's row)."""
    def problem(p: dict) -> Problem:
        return Problem(**{**p, "source": Source(**p["source"]) if p["source"] else None})

    return Report(**{**data, "problems": [problem(p) for p in data["problems"]],
                     "return_level": [problem(p) for p in data["return_level"]]})


def child_is_clean(child_id: int, year: int | None = None) -> str | None:
    """None when this child's census record has no errors, and no queries about what was
    recorded on the forms; else what is wrong first, in plain words with its rule code."""
    year = check_year(year)
    return remembered(("child", year, *forms_state(child_id)),
                       lambda: _clean(child_id, year))


def _clean(child_id: int, year: int | None) -> str | None:
    report = check(year, child_id)
    if report.unavailable:
        return report.unavailable
    # Errors, and queries about what was recorded on a form (a UPN missing from the
    # child's record is no trainee's mistake).
    wrong = [p for p in report.problems if p.blocking or (p.source and p.source.record_id)]
    if report.could_not_run:
        return (f"Rule {min(report.could_not_run)} could not run, so the census record "
                "cannot be shown clean.")
    if not wrong:
        return None
    first = wrong[0]
    rule = f" (rule {first.code})" if first.code else ""
    where = f": {first.source.where}" if first.source else ""
    more = f" There are {len(wrong) - 1} more." if len(wrong) > 1 else ""
    return f"{first.message}{rule}{where}.{more}"


def _schema_words(found: schema.SchemaProblem, source: Source | None) -> str:
    if found.column == "Child" and found.table is None:
        return ("No child in this training copy was a child in need in this census year, so "
                "the return is empty, and the DfE's schema needs at least one child.")
    if source is not None and source.question and "missing" in found.message:
        return f"The census needs an answer to \"{source.question}\", and there is none."
    if source is not None and source.question:
        return (f"The answer to \"{source.question}\" is not one the census can take: "
                f"{found.message}.")
    return f"The return does not fit the DfE's schema: {found.message}."


def _rules(report: Report, root, census: returns.CensusReturn, origins, shown=None) -> None:
    outcome = validator.run(root, census.year, shown)
    report.rules_run = outcome.rules_run
    report.could_not_run = outcome.could_not_run
    report.worked_around = outcome.worked_around
    by_id = {c.la_child_id: c for c in census.children}
    located = {(f.code, f.table, f.row) for f in outcome.findings if f.row is not None
               and origins.source(f.table, f.row, f.column, exact=True) is not None}
    seen = set()
    for found in outcome.findings:
        child = by_id.get(found.child or "")
        source = origins.source(found.table, found.row, found.column, exact=True) \
            if found.row is not None else None
        if source is None and (found.code, found.table, found.row) in located:
            continue  # a column the return leaves out; another names the question
        if source is None and found.row is not None:
            source = origins.source(found.table, found.row, found.column)
        # The validator names every column a rule looked at; one line per rule, child
        # and question is what a person needs.
        key = (found.code, found.child, source.record_id if source else None,
               source.field_key if source else found.column)
        if key in seen:
            continue
        seen.add(key)
        report.problems.append(Problem(
            QUERY if found.query else ERROR, found.code, plain(found.code, found.message),
            found.message, found.child, child.name if child else None,
            child.case_id if child else None, child.child_id if child else None, source,
            found.value))
    for found in outcome.return_level:
        words = plain(found.code, found.message)
        if found.code in validator.KNOWN_FAULTS:
            words = f"{words} {validator.KNOWN_FAULTS[found.code]}"
        report.return_level.append(Problem(QUERY if found.query else ERROR, found.code, words,
                                           found.message, None, None, None, None, None, None))
