"""The SSDA903 check of a training copy: its return's tables, then the DfE's rules, each
problem told child by child against the form and question that caused it.

`export` and `check` are what the command line and the return's page call; they take the
tenant already in scope (sandbox.core.tenancy). The mechanisms are the census's
(sandbox.census.reporting): the same problems, reports and remembered checks.
"""

from pathlib import Path

from sandbox.census.reporting import (
    ERROR,
    RECORD,
    Origins,
    Plain,
    Problem,
    Report,
    chosen_year,
    forms_state,
    remembered,
)
from sandbox.core.errors import ServiceError
from sandbox.ssda903 import codes, returns, tables, validator

plain = Plain(Path(__file__).parent / "plain.yaml")


class ReturnError(ServiceError):
    """The return cannot be made as asked (a year the rules do not cover, say)."""


def default_year() -> int:
    """The return's year the training day falls in, or the nearest the rules cover."""
    return check_year(None)


def check_year(year: int | None) -> int:
    return chosen_year(year, codes.YEARS, "SSDA903 rules", ReturnError)


def export(year: int | None = None, child_id: int | None = None,
           ) -> tuple[dict[str, bytes], returns.LookedAfterReturn, Origins]:
    built = returns.build(check_year(year), child_id=child_id)
    files, origins = tables.write(built)
    return files, built, origins


def check(year: int | None = None, child_id: int | None = None) -> Report:
    """Every problem in the current tenant's SSDA903 return for `year` (with `child_id`:
    in that child's part of it)."""
    files, built, origins = export(year, child_id)
    report = Report(built.year, len(built.children))
    for child in built.children + built.unplaced:
        for found in child.problems:
            report.problems.append(Problem(
                RECORD, None, found.message, "", child.child, child.name, child.case_id,
                child.child_id, found.source, tables.text_of(found.value) or None))
    report.unavailable = validator.available()
    if report.unavailable is None and built.children:
        _rules(report, files, built, origins)
    report.problems.sort(key=lambda p: (p.child or "", not p.blocking, p.code or ""))
    return report


def cached_check(year: int | None = None) -> Report:
    """`check`, again only when the copy's forms have changed since (or it was reset)."""
    year = check_year(year)
    return remembered(("ssda903", year, *forms_state()), lambda: check(year))


def _rules(report: Report, files: dict[str, bytes], built, origins: Origins) -> None:
    outcome = validator.run(files, built.year)
    report.rules_run = outcome.rules_run
    report.could_not_run = outcome.could_not_run
    report.not_checked = outcome.not_checked
    seen = set()
    for found in outcome.findings:
        index = origins.child(found.table, found.row)
        child = built.children[index] if index is not None else None
        # One line per question the rule looked at that the return holds; the row's
        # first question when it looked only at columns the return leaves blank.
        placed = [(c, origins.source(found.table, found.row, c, exact=True))
                  for c in found.columns]
        placed = [(c, s) for c, s in placed if s is not None] or [
            (found.columns[0] if found.columns else None,
             origins.source(found.table, found.row, None))]
        for column, source in placed:
            key = (found.code, found.child, source.record_id if source else None,
                   source.field_key if source else column)
            if key in seen:
                continue
            seen.add(key)
            report.problems.append(Problem(
                ERROR, found.code, plain(found.code, found.message), found.message,
                found.child, child.name if child else None,
                child.case_id if child else None, child.child_id if child else None,
                source, found.values.get(column) if column else None))
