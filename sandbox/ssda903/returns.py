"""A training copy's SSDA903 (children looked after) return, built from what was recorded.

Each looked-after child's episodes come from the forms on their record, read by the
statutory item each question captures (forms/statutory.yaml), so both form sets read
alike: every "becoming looked after, or a new episode" form starts an episode (and ends
the one before it that day, X1, with the reason for the placement change asked on it),
"ceasing to be looked after" ends the last one with its
reason; each looked-after review is a row of Reviews. The Header comes from the child's
person record (sex, date of birth, ethnicity, UPN; whether a girl is herself a mother
from her relationships), UASC from the answer on the episode forms. Every value keeps
where it came from, so a problem the DfE's rules find leads to the question behind it.

Plain functions on the current tenant (sandbox.core.tenancy): no writes.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from sandbox.cases.models import Case, Person, Relationship
from sandbox.casework.ages import add_months, age_on, birthday
from sandbox.census.reporting import (
    Reader,
    Source,
    Value,
    ethnicity_code,
    la_child_id,
    readers,
    sex_code,
    year_end,
    year_start,
)
from sandbox.census.reporting import RecordProblem as Problem
from sandbox.core.extensions import db
from sandbox.recording.models import DRAFT, FormRecord
from sandbox.ssda903 import codes

STARTS, CEASES, REVIEWS = "looked_after_start", "ceased_looked_after", "lac_review"
HEALTH = "health_assessment"
MISSING = "missing_from_care"
RETURN_FORMS = (STARTS, CEASES, REVIEWS, HEALTH, MISSING)
# Episode columns and the statutory item on the episode form that holds each.
EPISODE_ITEMS = {"DECOM": "started_on", "RNE": "reason_new_episode", "LS": "legal_status",
                 "CIN": "category_of_need", "PLACE": "placement_type",
                 "PLACE_PROVIDER": "placement_provider", "HOME_POST": "home_postcode",
                 "PL_POST": "placement_postcode"}


Row = dict  # column -> Value


@dataclass
class ChildReturn:
    case_id: int
    child_id: int
    name: str
    child: str  # CHILD, the council's id for the child (as in the census)
    header: Row
    episodes: list[Row] = field(default_factory=list)
    reviews: list[Row] = field(default_factory=list)
    uasc: Row | None = None
    oc2: Row | None = None  # looked after for the whole year: its outcomes
    missing: list[Row] = field(default_factory=list)  # missing, or away without permission
    problems: list[Problem] = field(default_factory=list)


@dataclass
class LookedAfterReturn:
    year: int
    children: list[ChildReturn]
    # Children with problems in their records and no episode in the return.
    unplaced: list[ChildReturn]

    @property
    def start(self) -> date:
        return year_start(self.year)

    @property
    def ended(self) -> bool:
        return year_ended(self.year)

    @property
    def end(self) -> date:
        return year_end(self.year)


def build(year: int, child_id: int | None = None) -> LookedAfterReturn:
    """The SSDA903 return of the current tenant for `year` (1 April to 31 March, named by
    the year of 31 March); with `child_id`, of that child alone."""
    forms = select(FormRecord).where(FormRecord.form_key.in_(RETURN_FORMS),
                                     FormRecord.status != DRAFT)
    if child_id is not None:
        forms = forms.where(FormRecord.case_id.in_(select(Case.id).where(
            Case.child_id == child_id)))
    records: dict[int, list[FormRecord]] = {}
    for record in db.session.scalars(forms.order_by(FormRecord.id)):
        records.setdefault(record.case_id, []).append(record)
    cases = db.session.scalars(select(Case).where(Case.id.in_(records)).order_by(
        Case.child_id, Case.id)).all() if records else []
    people = {p.id: p for p in db.session.scalars(select(Person).where(
        Person.id.in_([c.child_id for c in cases])))} if cases else {}
    mothers = _mothers(list(people))
    children, unplaced = [], []
    for case in cases:
        child = _child(case, people[case.child_id], records[case.id], year, mothers)
        if child.episodes:
            children.append(child)
        elif child.problems:
            unplaced.append(child)
    return LookedAfterReturn(year, children, unplaced)


def _mothers(people: list[int]) -> dict[int, date | None]:
    """Children who are themselves mothers: the date of birth of their first child."""
    found: dict[int, date | None] = {}
    if not people:
        return found
    rows = db.session.execute(select(Relationship.person_id, Person.date_of_birth).join(
        Person, Person.id == Relationship.child_id).where(
        Relationship.person_id.in_(people), Relationship.kind == "mother"))
    for mother, born in rows:
        if mother not in found or (born and (found[mother] is None or born < found[mother])):
            found[mother] = born
    return found


def _on(reader: Reader) -> date:
    item = {STARTS: "started_on", CEASES: "ceased_on", REVIEWS: "review_on",
            HEALTH: "done_on", MISSING: "started_on"}[reader.record.form_key]
    return reader.date_item(item).value or date.max


def _child(case: Case, person: Person, records: list[FormRecord], year: int,
           mothers: dict[int, date | None]) -> ChildReturn:
    problems: list[Problem] = []
    # In the order they were submitted, as the census replays its forms: the record as
    # the practitioners made it (a child ceasing to be looked after on a day before the
    # episode began is what rule 356 finds, not something to sort away).
    ordered = sorted(readers(records, problems, "the return"), key=lambda r: (
        r.record.submitted_at or datetime.max, r.record.id))
    end = year_end(year)
    episodes: list[Row] = []
    reviews: list[Row] = []
    held: list[Reader] = []  # the looked-after reviews, for the year's outcomes
    health: list[Reader] = []
    missing: list[Row] = []
    uasc: Value | None = None
    for reader in ordered:
        on = _on(reader)
        if on > end:
            continue  # the return shows the records as they stood on 31 March
        key = reader.record.form_key
        if key == HEALTH:
            health.append(reader)
            continue
        if key == MISSING:
            # As recorded, also before the child was looked after (what 581 finds).
            missing.append({"MISSING": reader.item("kind"),
                            "MIS_START": reader.date_item("started_on"),
                            "MIS_END": reader.date_item("ended_on")})
            continue
        open_episode = episodes[-1] if episodes and "DEC" not in episodes[-1] else None
        if key == STARTS:
            started = reader.date_item("started_on")
            if open_episode is not None:
                open_episode["DEC"] = started
                open_episode["REC"] = Value(codes.NEW_EPISODE_SAME_DAY, started.source)
                # Why the placement changed belongs to the episode that ended (225, 233),
                # though it is asked on the form of the one that begins.
                open_episode["REASON_PLACE_CHANGE"] = reader.item("placement_change_reason")
            episodes.append(_episode(reader))
            found = reader.item("uasc")
            if found.value in codes.YES or uasc is None:
                uasc = found
        elif key == CEASES:
            if open_episode is None:
                problems.append(Problem(reader.source(None), (
                    "This child is recorded as ceasing to be looked after, but no episode "
                    "of care is open before it, so the return has nothing to end. Record "
                    "the child becoming looked after first.")))
                continue
            open_episode["DEC"] = reader.date_item("ceased_on")
            open_episode["REC"] = reader.item("reason_ceased")
        elif key == REVIEWS:
            if not episodes:
                problems.append(Problem(reader.source(None), (
                    "This looked-after review is on the record of a child never recorded "
                    "as becoming looked after, so the return has no episode of care to put "
                    "it with. Record the child becoming looked after first.")))
                continue
            reviews.append({"REVIEW": reader.date_item("review_on"),
                            "REVIEW_CODE": reader.item("participation")})
            held.append(reader)
    start = year_start(year)
    in_year = [e for e in episodes if _in_year(e, start, end)]
    reviews = [r for r in reviews if isinstance(r["REVIEW"].value, date)
               and start <= r["REVIEW"].value <= end] if in_year else []
    header = _header(case, person, mothers, uasc, year)
    born = header["DOB"]
    # The year's missing episodes: begun by its end, and not ended before it began.
    missing = [m for m in missing if isinstance(m["MIS_START"].value, date)
               and m["MIS_START"].value <= end and not (
                   isinstance(m["MIS_END"].value, date) and m["MIS_END"].value < start)] \
        if in_year else []
    for row in (*reviews, *missing):
        row["DOB"] = born
    child = ChildReturn(case.id, person.id, person.full_name, la_child_id(person.id), header,
                        in_year, reviews, problems=problems, missing=missing)
    if in_year and uasc is not None and uasc.value in codes.YES:
        child.uasc = {"SEX": header["SEX"], "DOB": born, "DUC": _uasc_ceased(person, uasc, end)}
    if year_ended(year) and _whole_year(in_year, start, end):
        child.oc2 = _outcomes(case, born, health, held, start, end)
    return child


def year_ended(year: int) -> bool:
    """Whether the return's year is over: only then has a child been looked after for
    its twelve months, and the return holds their outcomes (OC2)."""
    return year_end(year) < date.today()


def _whole_year(episodes: list[Row], start: date, end: date) -> bool:
    """Looked after continuously for the 12 months to 31 March, as the DfE's rules tell
    it (their `CONTINUOUSLY_LOOKED_AFTER`): in care in the year, with no period of care
    starting after 1 April, none ending before 31 March, and no short breaks."""
    def day(row, column):
        found = row.get(column)
        return found.value if found is not None and isinstance(found.value, date) else None

    for episode in episodes:
        began, ended = day(episode, "DECOM"), day(episode, "DEC")
        rec, rne = episode.get("REC"), episode["RNE"].value
        if rne == "S" and began is not None and start < began <= end:
            return False
        if ended is not None and start <= ended < end and (
                rec is None or rec.value != codes.NEW_EPISODE_SAME_DAY):
            return False
        if episode["LS"].value in ("V3", "V4"):
            return False
    return bool(episodes)


def _flag(found: Value) -> Value:
    """A yes-or-no answer as the return's 1 or 0 (None: not answered)."""
    if found.value in (None, ""):
        return Value(None, found.source)
    return Value("1" if found.value in codes.YES else "0", found.source)


def _outcomes(case: Case, born: Value, health: list[Reader], held: list[Reader],
              start: date, end: date) -> Row:
    """OC2: how a child looked after for the whole year is doing, from the year's health
    assessments and looked-after reviews (the latest that answers each question), with
    the return's own age bands: the questionnaire from 4 to 16, development checks under
    5, convictions from 10."""
    def dated(readers: list[Reader], item: str) -> list[Reader]:
        return sorted((r for r in readers if isinstance(d := r.date_item(item).value, date)
                       and start <= d <= end), key=lambda r: r.date_item(item).value)

    assessed, reviewed = dated(health, "done_on"), dated(held, "review_on")
    none_in_year = Source(case.id, form_title="Health assessment",
                          question="No health assessment in the year")

    def latest(readers: list[Reader], item: str) -> Value:
        answered = [r for r in readers if r.item(item).value not in (None, "")]
        if answered:
            return answered[-1].item(item)
        return readers[-1].item(item) if readers else Value(None, none_in_year)

    day = born.value if isinstance(born.value, date) else None
    row: Row = {"DOB": born}
    if day and birthday(day, 4) <= end and birthday(day, 17) >= start:
        row.update(_questionnaire(latest(assessed, "sdq_score"),
                                  latest(assessed, "sdq_reason"), assessed, day))
    up_to_date = _assessed_in_time(assessed, day, end)
    row["HEALTH_ASSESSMENT"] = Value("1" if up_to_date else "0", assessed[-1].source(
        None) if assessed else none_in_year)
    if day and birthday(day, 5) > end:
        # Under 5, the development check is made at the 6-monthly review health
        # assessment: up to date when they are.
        row["HEALTH_CHECK"] = row["HEALTH_ASSESSMENT"]
    if day and birthday(day, 10) <= end:
        row["CONVICTED"] = _flag(latest(reviewed, "convicted")) if reviewed else Value(
            None, Source(case.id, form_title="Looked-after child's review",
                         question="No review in the year"))
    for column, item in (("IMMUNISATIONS", "immunisations"), ("TEETH_CHECK", "dental")):
        found = _flag(latest(assessed, item))  # not known, or not asked: not done
        row[column] = Value(found.value or "0", found.source)
    misuse = _flag(latest(assessed, "substance_misuse"))
    row["SUBSTANCE_MISUSE"] = misuse
    if misuse.value == "1":
        received = _flag(latest(assessed, "substance_help_received"))
        row["INTERVENTION_RECEIVED"] = received
        if received.value == "0":
            row["INTERVENTION_OFFERED"] = _flag(latest(assessed, "substance_help_refused"))
    return row


def _questionnaire(score: Value, reason: Value, assessed: list[Reader], born: date) -> Row:
    """The year's questionnaire score, or why there is none: the reason recorded, or, for
    a child under 4 or over 16 at the year's last assessment, that it was not due then
    (SDQ1)."""
    if score.value not in (None, ""):
        return {"SDQ_SCORE": score}
    if reason.value not in (None, ""):
        return {"SDQ_REASON": reason}
    if assessed:
        last = assessed[-1].date_item("done_on")
        if not 4 <= age_on(born, last.value) <= 16:
            return {"SDQ_REASON": Value("SDQ1", last.source)}
    return {"SDQ_SCORE": score}


def _assessed_in_time(assessed: list[Reader], born: date | None, end: date) -> bool:
    """Whether the health assessments were up to date on 31 March: the last within 6
    months before a child's 5th birthday, 12 months after (regulation 7)."""
    if not assessed or born is None:
        return False
    last = assessed[-1].date_item("done_on").value
    months = 6 if last < birthday(born, 5) else 12
    return add_months(last, months) >= end


def _episode(reader: Reader) -> Row:
    row = {column: reader.item(item) for column, item in EPISODE_ITEMS.items()}
    row["DECOM"] = reader.date_item("started_on")
    return row


def _in_year(episode: Row, start: date, end: date) -> bool:
    began, ended = episode["DECOM"].value, episode.get("DEC")
    ended = ended.value if ended is not None else None
    return (not isinstance(began, date) or began <= end) and (
        not isinstance(ended, date) or ended >= start)


def _uasc_ceased(person: Person, uasc: Value, end: date) -> Value:
    """The day a child's unaccompanied asylum-seeking status ended: their 18th birthday,
    once it has come by the end of the year (rule 304: never after it)."""
    born = person.date_of_birth
    eighteen = birthday(born, 18) if born else None
    return Value(eighteen if eighteen and eighteen <= end else None, uasc.source)


def _header(case: Case, person: Person, mothers: dict[int, date | None], uasc: Value | None,
            year: int) -> Row:

    def on_record(value, question: str) -> Value:
        return Value(value, Source(case.id, question=question))

    sex = sex_code(person.gender)
    header = {"CHILD": on_record(la_child_id(person.id), "Record number"),
              "SEX": on_record(sex, "Gender"),
              "DOB": on_record(person.date_of_birth, "Date of birth"),
              "ETHNIC": on_record(ethnicity_code(person.ethnicity), "Ethnicity"),
              "UPN": on_record(_upn(person, uasc, year), "Unique pupil number (UPN)")}
    if sex == "F":  # the return asks whether each looked-after girl is a mother (393)
        is_mother = person.id in mothers
        header["MOTHER"] = on_record("1" if is_mother else "0", "Relationships")
        if is_mother:
            header["MC_DOB"] = on_record(mothers[person.id], "Relationships")
    return header


def _upn(person: Person, uasc: Value | None, year: int) -> str | None:
    """The UPN on the record; else UN1 for a child under school age by the DfE's reckoning
    (rule 209: under 4 on 31 August before the year began), UN2 for an unaccompanied
    asylum-seeking child (never at a state school in England); otherwise none, and the
    DfE's rules ask for the UPN the record lacks."""
    if person.upn:
        return person.upn
    born = person.date_of_birth
    if born and birthday(born, 4) > date(year - 2, 8, 31):
        return "UN1"
    if uasc is not None and uasc.value in codes.YES:
        return "UN2"
    return None
