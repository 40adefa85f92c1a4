"""Reading the recording system's records inside the current tenant.

Every query here relies on sandbox.core.tenancy to limit it to the tenant in scope, so an id
from another tenant simply finds nothing.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from sandbox.cases.models import Case, CaseNote, ChronologyEntry, Family, Person, Relationship
from sandbox.casework import pathway
from sandbox.core.extensions import db
from sandbox.core.received import containing
from sandbox.recording.models import FormChange, FormRecord


class NotFound(LookupError):
    pass


def _one(statement):
    found = db.session.scalar(statement)
    if found is None:
        raise NotFound
    return found


def family_list(search: str = "") -> list[dict]:
    """Families with their children's cases, for the tenant's home page."""
    statement = select(Family).options(
        selectinload(Family.cases).joinedload(Case.child)).order_by(Family.name, Family.id)
    if search:
        search = search.strip()
        matching = select(Person.family_id).where(or_(
            containing(Person.first_name, search), containing(Person.last_name, search),
            containing(Person.first_name + " " + Person.last_name, search)))
        statement = statement.where(or_(containing(Family.name, search), containing(
            Family.postcode, search), Family.id.in_(matching)))
    return db.session.scalars(statement).all()


def stage_counts() -> dict[str, int]:
    return dict(db.session.execute(select(Case.stage, func.count()).group_by(Case.stage)).all())


def family(family_id: int) -> Family:
    return _one(select(Family).where(Family.id == family_id).options(
        selectinload(Family.members), selectinload(Family.cases).joinedload(Case.child)))


def person(person_id: int) -> Person:
    return _one(select(Person).where(Person.id == person_id))


def has_case(person_id: int) -> bool:
    """Whether this person is the child of a case (a brother or sister who is not has only
    their person page)."""
    return db.session.scalar(select(Case.id).where(Case.child_id == person_id).limit(1)) \
        is not None


def cases_of_family(family_id: int) -> list[Case]:
    return db.session.scalars(select(Case).where(Case.family_id == family_id)
                              .options(joinedload(Case.child))).all()


@dataclass
class ChildRecord:
    child: Person
    case: Case
    family: Family
    relationships: list[Relationship]
    chronology: list[ChronologyEntry]
    notes: list[CaseNote]
    next_step: pathway.NextStep | None
    siblings: list[Case]
    forms: list
    # A looked-after child has several statutory dates running at once (reviews, visits,
    # health, education): all of them, soonest first; `next_step` is the soonest.
    looked_after_steps: list = field(default_factory=list)

    @property
    def stage(self) -> pathway.Stage:
        return pathway.STAGE_BY_KEY[self.case.stage]


def child_record(person_id: int, chronology_kind: str | None = None) -> ChildRecord:
    # Each thing a row points to is joined into the row's own query (one query, not two).
    case = _one(select(Case).where(Case.child_id == person_id).options(
        joinedload(Case.child), joinedload(Case.family), joinedload(Case.social_worker)))
    relationships = db.session.scalars(
        select(Relationship).where(Relationship.child_id == person_id)
        .options(joinedload(Relationship.person)).order_by(Relationship.id)).all()
    chronology = select(ChronologyEntry).where(ChronologyEntry.case_id == case.id)
    if chronology_kind in pathway.CHRONOLOGY_KINDS:
        chronology = chronology.where(ChronologyEntry.kind == chronology_kind)
    entries = db.session.scalars(chronology.order_by(ChronologyEntry.occurred_on.desc(),
                                                     ChronologyEntry.id.desc())).all()
    notes = db.session.scalars(
        select(CaseNote).where(CaseNote.case_id == case.id).options(joinedload(CaseNote.author))
        .order_by(CaseNote.written_on.desc(), CaseNote.id.desc())).all()
    siblings = db.session.scalars(
        select(Case).where(Case.family_id == case.family_id).options(joinedload(Case.child))
        .order_by(Case.id)).all()
    forms = db.session.scalars(select(FormRecord).where(FormRecord.case_id == case.id)
                               .order_by(FormRecord.id.desc())).all()
    steps = pathway.looked_after_steps(case, case.child.date_of_birth) \
        if case.stage == "looked_after" else []
    return ChildRecord(case.child, case, case.family, relationships, entries, notes,
                       pathway.next_step(case), siblings, forms, steps)


def case_note(note_id: int) -> CaseNote:
    return _one(select(CaseNote).where(CaseNote.id == note_id)
                .options(joinedload(CaseNote.author)))


def chronology_entry(entry_id: int) -> ChronologyEntry:
    return _one(select(ChronologyEntry).where(ChronologyEntry.id == entry_id))


def case(case_id: int) -> Case:
    return _one(select(Case).where(Case.id == case_id).options(joinedload(Case.child)))


def form_record(record_id: int) -> FormRecord:
    return _one(select(FormRecord).where(FormRecord.id == record_id))


def form_history(record_id: int) -> list[FormChange]:
    return db.session.scalars(select(FormChange).where(FormChange.form_record_id == record_id)
                              .order_by(FormChange.id)).all()
