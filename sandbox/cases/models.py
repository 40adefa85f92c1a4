"""The recording system's data: what every training tenant holds a copy of.

Every table here is tenant-owned (see sandbox.core.tenancy): primary key (tenant_id, id) and
foreign keys that include tenant_id. Relationships are read-only views; rows are written
with their ids set, by the generator, an import or (later) the recording forms.
"""

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.casework import pathway
from sandbox.core.extensions import db
from sandbox.core.tenancy import TenantOwned, tenant_fk


class Worker(TenantOwned, db.Model):
    """A member of the council's staff inside the training world (synthetic)."""

    __tablename__ = "workers"

    name: Mapped[str] = mapped_column(String(120))
    job_title: Mapped[str] = mapped_column(String(120))
    team: Mapped[str] = mapped_column(String(120))


class Family(TenantOwned, db.Model):
    """A household: the people who live at one address."""

    __tablename__ = "families"

    name: Mapped[str] = mapped_column(String(120))
    address_line: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(120))
    town: Mapped[str] = mapped_column(String(120))
    postcode: Mapped[str] = mapped_column(String(10))
    home_language: Mapped[str] = mapped_column(String(60))
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    housing: Mapped[str] = mapped_column(String(120))

    members: Mapped[list["Person"]] = relationship(
        primaryjoin="and_(Family.tenant_id == foreign(Person.tenant_id), "
        "Family.id == foreign(Person.family_id))",
        viewonly=True,
        order_by="Person.date_of_birth",
    )
    cases: Mapped[list["Case"]] = relationship(
        primaryjoin="and_(Family.tenant_id == foreign(Case.tenant_id), "
        "Family.id == foreign(Case.family_id))",
        viewonly=True,
        order_by="Case.id",
    )


class Person(TenantOwned, db.Model):
    """A child or an adult known to the family's records."""

    __tablename__ = "people"
    __table_args__ = tenant_fk("family_id", "families")

    # The household they live in; None for wider family and friends living elsewhere.
    family_id: Mapped[int | None]
    first_name: Mapped[str] = mapped_column(String(60))
    last_name: Mapped[str] = mapped_column(String(60))
    date_of_birth: Mapped[date] = mapped_column(Date)
    gender: Mapped[str] = mapped_column(String(20))
    is_child: Mapped[bool]
    ethnicity: Mapped[str] = mapped_column(String(80))
    first_language: Mapped[str] = mapped_column(String(60))
    religion: Mapped[str | None] = mapped_column(String(60))
    nhs_number: Mapped[str | None] = mapped_column(String(10))
    # A child's unique pupil number, from their first school (sandbox.casework.upn).
    upn: Mapped[str | None] = mapped_column(String(13))
    school: Mapped[str | None] = mapped_column(String(120))
    gp_surgery: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    # Where they live, for people outside the household.
    address: Mapped[str | None] = mapped_column(String(200))
    occupation: Mapped[str | None] = mapped_column(String(120))

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(TenantOwned, db.Model):
    """How one person stands to a child: "Amira is Zain's mother"."""

    __tablename__ = "relationships"
    __table_args__ = (*tenant_fk("child_id", "people"), *tenant_fk("person_id", "people"))

    child_id: Mapped[int]
    person_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))  # mother, half-brother, grandmother...
    parental_responsibility: Mapped[bool] = mapped_column(default=False)
    lives_with_child: Mapped[bool] = mapped_column(default=False)
    in_safety_network: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(
        primaryjoin="and_(Relationship.tenant_id == foreign(Person.tenant_id), "
        "Relationship.person_id == foreign(Person.id))",
        viewonly=True,
    )


class Case(TenantOwned, db.Model):
    """A child's social care record and where it stands on the pathway."""

    __tablename__ = "cases"
    __table_args__ = (
        *tenant_fk("child_id", "people"),
        *tenant_fk("family_id", "families"),
        *tenant_fk("social_worker_id", "workers"),
        {"info": {"check_row": lambda row, _rows: pathway.stage_problems(row)}},
    )

    child_id: Mapped[int]
    family_id: Mapped[int]
    social_worker_id: Mapped[int]
    # `one_of`: what an import may hold (sandbox.tenants.transfer), as the app knows it.
    stage: Mapped[str] = mapped_column(String(32), info={"one_of": pathway.STAGE_KEYS})
    primary_concern: Mapped[str] = mapped_column(String(40))
    other_concerns: Mapped[str] = mapped_column(String(200), default="")
    # Category of a child protection plan: neglect, physical, emotional or sexual abuse.
    plan_category: Mapped[str | None] = mapped_column(String(40))
    contact_on: Mapped[date] = mapped_column(Date)
    referral_on: Mapped[date | None] = mapped_column(Date)
    assessment_started_on: Mapped[date | None] = mapped_column(Date)
    strategy_on: Mapped[date | None] = mapped_column(Date)
    section47_started_on: Mapped[date | None] = mapped_column(Date)
    initial_conference_on: Mapped[date | None] = mapped_column(Date)
    last_core_group_on: Mapped[date | None] = mapped_column(Date)
    last_review_on: Mapped[date | None] = mapped_column(Date)
    stepped_down_on: Mapped[date | None] = mapped_column(Date)
    stepped_down_to: Mapped[str | None] = mapped_column(String(60))
    # When the record moved to its stage, the last review of an Early Help or Child in
    # Need plan, and a closure with its reason (sandbox.casework.pathway).
    stage_on: Mapped[date | None] = mapped_column(Date)
    plan_reviewed_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closure_reason: Mapped[str | None] = mapped_column(
        String(20), info={"one_of": list(pathway.CLOSURE_REASONS)})
    # The plan (or assessment) the child was at when a strategy discussion was called,
    # while it and its enquiry run: an outcome finding no new cause for action goes back
    # to it (sandbox.casework.pathway.destination). For a looked-after child, the child
    # protection work that goes on beside the care plan until it ends: a strategy
    # discussion, an enquiry, a conference to hold, a plan (pathway.HELD_IN_CARE).
    strategy_from: Mapped[str | None] = mapped_column(
        String(32), info={"one_of": list(dict.fromkeys((*pathway.CALLED_FROM,
                                                         *pathway.HELD_IN_CARE)))})
    # A looked-after child's dates, each set by the form that records it, from which the
    # statutory timescales count (sandbox.casework.pathway.looked_after_steps): the start
    # of the period of care and of the current placement, the care and placement plans,
    # the first and latest reviews, visits, health assessments and education plans.
    looked_after_on: Mapped[date | None] = mapped_column(Date)
    placement_on: Mapped[date | None] = mapped_column(Date)
    legal_status_on: Mapped[date | None] = mapped_column(Date)  # the present status began
    pathway_plan_on: Mapped[date | None] = mapped_column(Date)  # the latest pathway plan
    care_plan_on: Mapped[date | None] = mapped_column(Date)
    placement_plan_on: Mapped[date | None] = mapped_column(Date)
    first_lac_review_on: Mapped[date | None] = mapped_column(Date)
    last_lac_review_on: Mapped[date | None] = mapped_column(Date)
    last_lac_visit_on: Mapped[date | None] = mapped_column(Date)
    health_assessment_on: Mapped[date | None] = mapped_column(Date)
    pep_on: Mapped[date | None] = mapped_column(Date)
    # "yes" when the placement plan says it is meant to last until the child is 18.
    placement_long_term: Mapped[str | None] = mapped_column(String(3))
    # The current episode's legal status and placement type (SSDA903 codes), from the
    # form that began it: a child under an interim care order placed with a parent is
    # visited weekly until the first review (regulation 28).
    legal_status: Mapped[str | None] = mapped_column(String(3))
    placement_type: Mapped[str | None] = mapped_column(String(3))
    # "yes" while the relative or friend caring for the child is approved as a foster
    # carer only for now (regulation 24): visited weekly, and the approval runs out.
    temporary_approval: Mapped[str | None] = mapped_column(String(3))

    child: Mapped[Person] = relationship(
        primaryjoin="and_(Case.tenant_id == foreign(Person.tenant_id), "
        "Case.child_id == foreign(Person.id))",
        viewonly=True,
    )
    family: Mapped[Family] = relationship(
        primaryjoin="and_(Case.tenant_id == foreign(Family.tenant_id), "
        "Case.family_id == foreign(Family.id))",
        viewonly=True,
    )
    social_worker: Mapped[Worker] = relationship(
        primaryjoin="and_(Case.tenant_id == foreign(Worker.tenant_id), "
        "Case.social_worker_id == foreign(Worker.id))",
        viewonly=True,
    )


class ChronologyEntry(TenantOwned, db.Model):
    """One dated line in a child's chronology."""

    __tablename__ = "chronology_entries"
    __table_args__ = tenant_fk("case_id", "cases")

    case_id: Mapped[int]
    occurred_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30),
                                      info={"one_of": list(pathway.CHRONOLOGY_KINDS)})
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(120))


class CaseNote(TenantOwned, db.Model):
    """A case note or visit record written by a worker."""

    __tablename__ = "case_notes"
    __table_args__ = (*tenant_fk("case_id", "cases"), *tenant_fk("author_id", "workers"))

    case_id: Mapped[int]
    # A worker of the training world; notes recorded in the sandbox name the user instead.
    author_id: Mapped[int | None]
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    written_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))  # case note, home visit, phone call...
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)

    author: Mapped[Worker] = relationship(
        primaryjoin="and_(CaseNote.tenant_id == foreign(Worker.tenant_id), "
        "CaseNote.author_id == foreign(Worker.id))",
        viewonly=True,
    )
