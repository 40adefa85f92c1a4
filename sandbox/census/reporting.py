"""What any DfE return made from a training copy's forms needs, whichever return it is (the
Children in Need census here, the SSDA903 looked-after return in sandbox.ssda903):

- where each value came from (`Source`, `Value`), and reading one form's answers by the
  statutory item each question captures (`Reader`), so both form sets read alike;
- where each row of a table came from (`Origins`), so that a problem a validator reports
  as (table, row, column) leads back to the form and question that caused it;
- a problem and a report of them child by child (`Problem`, `Report`), with the rules
  that could not run kept apart from the passes, and plain words for the DfE's rules
  (`Plain`);
- a check remembered until the copy's forms change (`remembered`, `forms_state`);
- loading a DfE validator package, or saying in one sentence why it cannot be
  (`load_validator`, `Unavailable`), and choosing a return's year (`chosen_year`).

Plain functions and data on the current tenant (sandbox.core.tenancy).
"""

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import click
import yaml
from flask import current_app
from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.census import codes
from sandbox.core import tenancy
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.forms.definitions import FormDef
from sandbox.recording.models import FormRecord

CHILD_RECORD = "Child's record"
ERROR, QUERY, SCHEMA, RECORD = "error", "query", "schema", "record"
KIND_LABELS = {ERROR: "Error", QUERY: "Query", SCHEMA: "Schema", RECORD: "Record"}


# The year of a return, as the DfE names it: by the year of its last day (31 March).
year_of, year_start, year_end = codes.year_of, codes.census_start, codes.reference_date
# A child's ethnicity on their record as the DfE's code (both returns use the same list).
ethnicity_code = codes.ethnicity_code


def sex_code(gender: str | None) -> str:
    """The DfE's code for the sex on a child's record: M, F, or U (not known)."""
    return codes.SEX_CODES.get((gender or "").lower(), "U")


def la_child_id(child_id: int) -> str:
    """The council's own id for the child, the same in every return (at most 20 letters
    and digits: census 1570, 1580; SSDA903 CHILD)."""
    return f"NB{child_id:06d}"


@dataclass(frozen=True)
class Source:
    """Where a value in a return came from: a question on a form, or the child's record."""

    case_id: int
    record_id: int | None = None  # None: the child's record
    form_key: str | None = None
    form_title: str = CHILD_RECORD
    field_key: str | None = None
    question: str = ""

    @property
    def where(self) -> str:
        return f"{self.form_title}: {self.question}" if self.question else self.form_title


@dataclass
class Value:
    value: object  # as the return holds it (a str, date or bool); None: not recorded
    source: Source


def as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


class Reader:
    """The answers of one form record, looked up by statutory item."""

    def __init__(self, record: FormRecord, definition: FormDef, case_id: int):
        self.record, self.definition, self.case_id = record, definition, case_id
        self.answers = record.answers

    def source(self, key: str | None) -> Source:
        f = self.definition.field(key) if key else None
        return Source(self.case_id, self.record.id, self.record.form_key,
                      self.definition.title, key, f.label if f else "")

    def field_for(self, item: str) -> str | None:
        """The question capturing a statutory item: the first that has an answer, else
        the first that asks it."""
        asked = [f.key for f in self.definition.fields if item in f.statutory]
        answered = [k for k in asked if self.answers.get(k) not in (None, "", [])]
        return (answered or asked or [None])[0]

    def item(self, item: str) -> Value:
        key = self.field_for(item)
        return Value(self.answers.get(key) if key else None, self.source(key))

    def date_item(self, item: str) -> Value:
        found = self.item(item)
        return Value(as_date(found.value), found.source)

    def answer_date(self, key: str | None) -> Value:
        return Value(as_date(self.answers.get(key)) if key else None, self.source(key))

    def effect(self):
        """The first effect with a move that these answers make (as a submission would)."""
        return next((e for e in self.definition.effects if e.move and e.matches(self.answers)),
                    None)

    def first_date(self) -> date | None:
        """The day the form is about: its first own date question answered (never the
        child's date of birth in a legacy form's Section A)."""
        for key in self.definition.day_fields:
            if found := as_date(self.answers.get(key)):
                return found
        return None


@dataclass
class RecordProblem:
    """Something in a child's records that cannot make a valid return (a form in an
    impossible state), found while building it."""

    source: Source
    message: str
    value: object = None


def readers(records: list[FormRecord], problems: list[RecordProblem],
            what: str) -> list[Reader]:
    """A reader for each form record; a form of a set this system does not know (an
    import can hold one) is a problem, as `what` ("the census") cannot read it."""
    registry = current_app.extensions["forms"]
    found = []
    for record in records:
        definition = registry.form(record.version_set, record.form_key)
        if definition is None:
            problems.append(RecordProblem(
                Source(record.case_id, record.id, record.form_key, record.form_key),
                f"This form is of the '{record.version_set}' form set, which this system "
                f"does not have, so {what} cannot read it."))
            continue
        found.append(Reader(record, definition, record.case_id))
    return found


@dataclass
class Row:
    child: int  # index into the return's children
    sources: dict[str, Source] = field(default_factory=dict)


@dataclass
class Origins:
    """Each table's rows in the order the validator reads them, with each value's source."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, child: int, sources: dict[str, Source]) -> None:
        self.tables.setdefault(table, []).append(Row(child, sources))

    def source(self, table: str, row: int, column: str | None,
               exact: bool = False) -> Source | None:
        """Where the value at (table, row, column) came from; for a value the return does
        not hold (a missing date), the row's first value, unless `exact`."""
        rows = self.tables.get(table, [])
        if not 0 <= row < len(rows):
            return None
        found = rows[row].sources
        return found.get(column or "") or (None if exact else next(iter(found.values()), None))

    def child(self, table: str, row: int) -> int | None:
        rows = self.tables.get(table, [])
        return rows[row].child if 0 <= row < len(rows) else None


@dataclass
class Problem:
    kind: str  # error, query, schema (our schema check) or record (cannot be placed)
    code: str | None  # the DfE rule code; None for schema and record problems
    message: str  # plain words
    dfe_message: str
    child: str | None  # the council's id for the child; None: the return as a whole
    name: str | None  # the child's name, for people
    case_id: int | None
    child_id: int | None
    source: Source | None
    value: str | None

    @property
    def blocking(self) -> bool:
        return self.kind in (ERROR, SCHEMA, RECORD)

    def as_dict(self) -> dict:
        where = self.source
        return {"kind": self.kind, "rule": self.code, "message": self.message,
                "dfe_message": self.dfe_message, "child": self.child, "name": self.name,
                "form": where.form_title if where else None,
                "question": where.question if where else None,
                "form_record": where.record_id if where else None,
                "field": where.field_key if where else None, "value": self.value}


@dataclass
class Report:
    year: int
    children: int
    problems: list[Problem] = field(default_factory=list)
    return_level: list[Problem] = field(default_factory=list)
    # Rules that raised inside the validator: their result is unknown, never a pass.
    could_not_run: dict[str, str] = field(default_factory=dict)
    # Rules the validator did not apply to this return, and why, said of the rule ("needs
    # last year's return, ..."): not passes either.
    not_checked: dict[str, str] = field(default_factory=dict)
    worked_around: list[str] = field(default_factory=list)
    unavailable: str | None = None  # why the DfE rules could not run at all
    rules_run: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems + self.return_level if p.blocking]

    @property
    def queries(self) -> list[Problem]:
        return [p for p in self.problems + self.return_level if p.kind == QUERY]

    def by_child(self, recorded_only: bool = False) -> list[tuple[str, list[Problem]]]:
        """Problems child by child; `recorded_only`: leaving out the queries about the
        child's record itself (see `about_records`)."""
        found: dict[str, list[Problem]] = {}
        for problem in self.problems:
            if not (recorded_only and problem in self.about_records):
                found.setdefault(problem.child or "", []).append(problem)
        return list(found.items())

    @property
    def not_checked_by_reason(self) -> list[tuple[str, list[str]]]:
        """The rules not checked, gathered by why, the commonest reason first."""
        found: dict[str, list[str]] = {}
        for code, why in sorted(self.not_checked.items()):
            found.setdefault(why, []).append(code)
        return sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))

    @property
    def about_records(self) -> list[Problem]:
        """Queries about the child's record rather than a form, such as a school-age
        child's record with no UPN: no trainee's recording causes them."""
        return [p for p in self.problems if p.kind == QUERY and p.source is not None
                and p.source.record_id is None]

    def for_child(self, child_id: int) -> list[Problem]:
        return [p for p in self.problems if p.child_id == child_id]

    def as_dict(self) -> dict:
        return {"year": self.year, "children": self.children,
                "errors": len(self.errors), "queries": len(self.queries),
                "problems": [p.as_dict() for p in self.problems],
                "return_level": [p.as_dict() for p in self.return_level],
                "could_not_run": self.could_not_run, "not_checked": self.not_checked,
                "worked_around": self.worked_around,
                "rules_unavailable": self.unavailable, "rules_run": self.rules_run}

    def lines(self, title: str) -> list[str]:
        """The report as lines of text for the command line, under `title`."""
        lines = [f"{title}: {self.children} children, {len(self.errors)} errors, "
                 f"{len(self.queries)} queries"]
        if self.unavailable:
            lines.append(f"DfE rules not run: {self.unavailable}")
        else:
            lines.append(f"DfE rules run: {self.rules_run}")
        for code, why in sorted(self.could_not_run.items()):
            lines.append(f"Rule {code} could not run (the validator failed on it: {why}); its "
                         "result is unknown, not a pass")
        for code in self.worked_around:
            lines.append(f"Rule {code} failed in the validator as written and ran again with "
                         "its data held differently (a known fault of the package)")
        for why, rules in self.not_checked_by_reason:
            word, each = ("Rule", "it") if len(rules) == 1 else ("Rules", "each")
            lines.append(f"{word} {', '.join(rules)} not checked: {each} {why}; not a pass")
        for problem in self.return_level:
            rule = f" {problem.code}" if problem.code else ""
            lines.append(f"[return] {KIND_LABELS[problem.kind]}{rule}: {problem.message}")
        for child, problems in self.by_child():
            lines.append(f"{child} {problems[0].name or ''}".rstrip())
            for p in problems:
                rule = f" {p.code}" if p.code else ""
                where = f" — {p.source.where}" if p.source else ""
                value = f" (value: {p.value})" if p.value not in (None, "") else ""
                lines.append(f"  {KIND_LABELS[p.kind]}{rule}: {p.message}{where}{value}")
        return lines


class Plain:
    """A DfE return's rules in plain words, from a YAML file of code: words; a rule not
    listed is shown in the DfE's own words."""

    def __init__(self, path: Path):
        self.path = path

    @cached_property
    def words(self) -> dict[str, str]:
        return {str(k): v for k, v in yaml.safe_load(self.path.read_text()).items()}

    def __call__(self, code: str, dfe_message: str = "") -> str:
        return self.words.get(code) or dfe_message


# The last answers, by what they were worked out from: the DfE's rules take a second or
# more (many for a large copy), and a return's page, or a scenario step asking whether a
# child's record is clean, is opened again and again while nothing has changed.
_ANSWERS: dict[tuple, object] = {}


def recall(key: tuple):
    """The answer `remembered` keeps for `key`, or None."""
    return _ANSWERS.get(key)


def remembered(key: tuple, work):
    if key not in _ANSWERS:
        if len(_ANSWERS) > 200:
            _ANSWERS.clear()
        _ANSWERS[key] = work()
    return _ANSWERS[key]


def forms_state(child_id: int | None = None) -> tuple:
    """What a return is made from, in a few numbers: the copy's forms (or one child's),
    changed by every save, submission, amendment and reset."""
    statement = select(
        func.count(FormRecord.id), func.coalesce(func.sum(FormRecord.revision), 0),
        func.max(FormRecord.id), func.max(FormRecord.updated_at))
    if child_id is not None:
        statement = statement.where(FormRecord.case_id.in_(
            select(Case.id).where(Case.child_id == child_id)))
    return (tenancy.current_tenant_id(), child_id, *db.session.execute(statement).one())


def cell_text(value) -> str | None:
    """A validator's table cell as text; None for its many spellings of nothing."""
    text = None if value is None else str(value)
    return None if text in (None, "", "nan", "<NA>", "NaT", "None") else text


def cell_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class Unavailable(Exception):
    """A DfE validator package cannot be used on this machine; the message says why."""


def load_validator(package: str, load):
    """What `load()` returns (it imports a DfE validator package, by its pip name
    `package`), or Unavailable saying why not in one sentence. These packages need pandas
    1.5, which installs on Python 3.11 only (pyproject.toml)."""
    if sys.version_info >= (3, 12):
        raise Unavailable(
            f"The DfE rules cannot run here: the validator package ({package}) needs pandas "
            "1.5, which installs on Python 3.11 only, and this is Python "
            f"{sys.version_info.major}.{sys.version_info.minor}. The export still works.")
    try:
        return load()
    except Exception as problem:  # an import failure of any kind: say which
        raise Unavailable(
            f"The DfE rules cannot run here: the validator package ({package}) did not load "
            f"({type(problem).__name__}: {str(problem)[:120]}). Run `make install` on "
            "Python 3.11. The export still works.") from None


def why_unavailable(load) -> str | None:
    """None when `load()` loads its validator, else why not, in one sentence."""
    try:
        load()
    except Unavailable as why:
        return str(why)
    return None


def chosen_year(year: int | None, years: tuple[int, ...], rules: str,
                error: type[ServiceError] = ServiceError) -> int:
    """The year asked for, or the one today falls in (within `years`, the years whose
    `rules` the validator carries), named by the year of its last day, 31 March."""
    if year is None:
        return min(max(year_of(date.today()), years[0]), years[-1])
    if year not in years:
        raise error(f"The {rules} cover the years {years[0]} to {years[-1]} (by the year "
                    f"of the return's last day, 31 March), not {year}", "year")
    return year


def year_asked(raw: str, years: tuple[int, ...], error: type[ServiceError] = ServiceError,
               what: str = "a year") -> int | None:
    """The year a page's `?year=` names (None: not given); another is refused."""
    if not raw:
        return None
    if not raw.isdigit() or int(raw) not in years:
        raise error(f"Choose {what} from {years[0]} to {years[-1]}", "year")
    return int(raw)


def year_option(what: str):
    """The command line's `--year`, for a return named `what` ("census")."""
    return click.option("--year", type=int, default=None,
                        help=f"The {what} year, by the year of its last day (31 March): "
                             "2027 is April 2026 to March 2027. Default: the year of today.")


def print_report(report: Report, title: str, as_json: bool) -> None:
    """A check's report on standard output (as JSON, or as lines under `title`); exit
    status 1 when the return has errors (queries alone do not count)."""
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1, default=str))
    else:
        click.echo("\n".join(report.lines(title)))
    if report.errors:
        sys.exit(1)
