"""Time-tracking studies done by hand in live practice, as CSV:
`work_type,period,minutes,case`, one row per piece of work, period `before` or `after`.

A file with any problem is refused whole, each problem named by its line.
"""

import csv
import io
import math

from sqlalchemy import delete, func, select

from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.received import control_character
from sandbox.core.transactions import transaction
from sandbox.timing.models import TrackedWork
from sandbox.web.downloads import csv_text

COLUMNS = ("work_type", "period", "minutes", "case")
PERIODS = ("before", "after")
MAX_ROWS = 20_000  # far more than any study by hand; a bigger file is refused
MAX_MINUTES = 60 * 24 * 7  # a week of work on one piece is surely a typing mistake
MAX_PROBLEMS = 20  # listed; the count says how many more


class StudyError(ServiceError):
    """The file cannot be imported; `problems` lists each as 'line N: ...'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


def check_study_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise StudyError(["Give the study a name of 1 to 80 characters"])
    return name


def _row(number: int, row: dict, problems: list) -> dict | None:
    if None in row or any(v is None for v in row.values()):
        problems.append(f"line {number}: needs exactly 4 values, separated by commas")
        return None
    found = []
    work_type = (row.get("work_type") or "").strip()
    if not work_type or len(work_type) > 100:
        found.append("work_type must be 1 to 100 characters")
    period = (row.get("period") or "").strip().lower()
    if period not in PERIODS:
        found.append(f"period must be 'before' or 'after', not '{period[:20]}'")
    raw = (row.get("minutes") or "").strip()
    try:
        minutes = float(raw)
    except ValueError:
        minutes = None
    if minutes is None or not math.isfinite(minutes) or not 0 < minutes <= MAX_MINUTES:
        found.append(f"minutes must be a number above 0 and at most {MAX_MINUTES}, "
                     f"not '{raw[:20]}'")
    case = (row.get("case") or "").strip()
    if len(case) > 60:
        found.append("case must be at most 60 characters")
    problems += [f"line {number}: {p}" for p in found]
    return None if found else {"work_type": work_type, "period": period,
                               "minutes": round(minutes, 2), "case": case}


def read(data: bytes) -> list[dict]:
    """The rows of a study file, or StudyError listing every problem by line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StudyError(["The file is not UTF-8 text: save it as CSV (UTF-8)"]) from None
    at = control_character(text)
    if at is not None:
        raise StudyError([f"line {text.count(chr(10), 0, at) + 1}: a control character (such "
                          "as a null byte) is in the file: save it again as CSV (UTF-8)"])
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = tuple(h.strip().lower() for h in (reader.fieldnames or ()))
        if header != COLUMNS:
            raise StudyError([f"line 1: the columns must be {','.join(COLUMNS)}"])
        rows, problems = [], []
        for row in reader:
            if len(rows) + len(problems) >= MAX_ROWS:
                raise StudyError([f"The file has more than {MAX_ROWS:,} rows: split it"])
            row = {k.strip().lower() if k else k: v for k, v in row.items()}
            good = _row(reader.line_num, row, problems)
            if good:
                rows.append(good)
    except csv.Error as problem:
        raise StudyError([f"line {reader.line_num}: not readable as CSV ({problem})"]) from None
    if problems:
        raise StudyError(problems)
    if not rows:
        raise StudyError(["The file has no rows of tracked work"])
    return rows


def import_study(name: str, data: bytes, by: str) -> int:
    """Add the file's rows to study `name`; nothing is added if any row is wrong."""
    name = check_study_name(name)
    rows = read(data)
    with transaction():
        db.session.execute(TrackedWork.__table__.insert(), [
            {**row, "study": name, "imported_by": by} for row in rows])
    return len(rows)


def studies() -> list[tuple[str, int]]:
    return db.session.execute(select(TrackedWork.study, func.count(TrackedWork.id))
                              .group_by(TrackedWork.study).order_by(TrackedWork.study)).all()


def rows_of(study: str | None) -> list[TrackedWork]:
    statement = select(TrackedWork).order_by(TrackedWork.id)
    if study:
        statement = statement.where(TrackedWork.study == study)
    return db.session.scalars(statement).all()


def csv_rows(study: str | None):
    """The study's rows as its CSV has them (whole minutes without a decimal point)."""
    return ([r.work_type, r.period, int(r.minutes) if r.minutes == int(r.minutes) else r.minutes,
             r.case] for r in rows_of(study))


def export(study: str | None) -> str:
    return csv_text(COLUMNS, csv_rows(study))


def delete_study(name: str) -> int:
    with transaction():
        return db.session.execute(delete(TrackedWork).where(TrackedWork.study == name)).rowcount
