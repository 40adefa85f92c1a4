"""A training copy's Children in Need census return, built from what was recorded.

Each child's episodes come from the forms on their record (answers, found by the
statutory item each question captures, so both form sets read alike) replayed through the
pathway in the order they were submitted: a referral opens an episode; an assessment, a
strategy discussion's enquiry, a conference and its plan, reviews, a Child in Need plan and
a closure fill it. The child's identifiers come from their record. Every value keeps where
it came from (the form and question, or the child's record), so that a problem the DfE's
rules find can be shown against the question that caused it.

Plain functions on the current tenant (sandbox.core.tenancy): no writes.
"""

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from sqlalchemy import select

from sandbox.cases.models import Case, Person
from sandbox.casework import pathway
from sandbox.census import codes
from sandbox.census.reporting import Reader as _Reader
from sandbox.census.reporting import RecordProblem as Problem
from sandbox.census.reporting import Source, Value, la_child_id, readers
from sandbox.census.reporting import as_date as _as_date
from sandbox.core.extensions import db
from sandbox.recording.models import DRAFT, FormRecord

# The forms the census reads; the others (visits, notes, core groups...) feed no item.
# A looked-after child's start and end move the record as they moved it, so that ceasing
# to be looked after with the case closing ends the episode, with the closure reason the
# reason it ceased gives (a looked-after child is a child in need throughout).
CENSUS_FORMS = ("contact_referral", "child_family_assessment", "strategy_discussion",
                "section47_enquiry", "initial_conference", "review_conference",
                "looked_after_start", "ceased_looked_after", "cin_plan", "cin_review",
                "closure")
# Children's social care has the child's case open at these stages: a referral there is
# part of the open episode, and a move out of them to Early Help or closure ends it.
_NOT_OPEN = ("contact", "early_help", "closed")
_S47_MOVES = ("strategy_s47_single", "strategy_s47_joint", "strategy_immediate")
# Moves to Early Help that end an episode "closed after assessment, referred to Early Help":
# only an assessment's. After an enquiry (or a conference, a plan) it is RC7, as the DfE's
# rule 2990 allows RC8 and RC9 no Section 47, conference or plan in the episode.
_RC9_MOVES = ("assessment_early_help",)


@dataclass
class Block:
    """One module of the return (an assessment, a plan...): element name -> value, in
    the order the DfE's schema gives them, with lists for repeated items."""

    values: dict[str, Value] = field(default_factory=dict)
    lists: dict[str, list[Value]] = field(default_factory=dict)
    open: bool = True  # still under way (an enquiry not concluded, a plan not ended)

    def get(self, name):
        found = self.values.get(name)
        return found.value if found else None


@dataclass
class Episode:
    details: Block
    assessments: list[Block] = field(default_factory=list)
    cin_plans: list[Block] = field(default_factory=list)
    section47s: list[Block] = field(default_factory=list)
    plans: list[Block] = field(default_factory=list)
    # Each plan's review dates, in order.
    reviews: dict[int, list[Value]] = field(default_factory=dict)
    open: bool = True


@dataclass
class ChildReturn:
    case_id: int
    child_id: int
    name: str
    la_child_id: str
    identifiers: Block
    ethnicity: Value
    disabilities: list[Value]
    episodes: list[Episode]
    problems: list[Problem] = field(default_factory=list)


@dataclass
class CensusReturn:
    year: int
    la_code: str
    children: list[ChildReturn]
    # Children with problems in their records and no episode in the return.
    unplaced: list[ChildReturn]
    # Children whose records were read but hold nothing for this year's census.
    left_out: int = 0

    @property
    def reference_date(self) -> date:
        return codes.reference_date(self.year)




def _code(value, allowed) -> object:
    """A recorded census code, kept as it is (the schema check names one not in the list)."""
    return value if value not in ("", []) else None


def build(year: int, la_code: str = codes.LA_CODE,
          child_id: int | None = None) -> CensusReturn:
    """The census return of the current tenant for `year` (by its reference date); with
    `child_id`, of that child alone."""
    chosen = select(Case).order_by(Case.child_id, Case.id)
    forms = select(FormRecord).where(FormRecord.form_key.in_(CENSUS_FORMS))
    if child_id is not None:
        chosen = chosen.where(Case.child_id == child_id)
        forms = forms.where(FormRecord.case_id.in_(select(Case.id).where(
            Case.child_id == child_id)))
    cases = db.session.scalars(chosen).all()
    # The children in one query, not one each (Case.child is read lazily).
    people = {p.id: p for p in db.session.scalars(select(Person).where(
        Person.id.in_([c.child_id for c in cases])))} if cases else {}
    records: dict[int, list[FormRecord]] = {}
    for record in db.session.scalars(forms.order_by(FormRecord.id)):
        records.setdefault(record.case_id, []).append(record)
    children, unplaced, left_out = [], [], 0
    for case in cases:
        child = _child(case, people[case.child_id], records.get(case.id, []), year)
        if child.episodes:
            children.append(child)
        elif child.problems:
            unplaced.append(child)
        else:
            left_out += 1
    return CensusReturn(year, la_code, children, unplaced, left_out)


def _child(case: Case, person: Person, records: list[FormRecord], year: int) -> ChildReturn:

    def on_record(question: str) -> Source:
        return Source(case.id, question=question)

    episodes, problems, disabilities = _episodes(case, records, year)
    identifiers = Block()
    identifiers.values["LAchildID"] = Value(la_child_id(person.id), on_record("Record number"))
    born = person.date_of_birth
    reference = codes.reference_date(year)
    if person.upn:
        identifiers.values["UPN"] = Value(person.upn, on_record("Unique pupil number (UPN)"))
    else:
        identifiers.values["UPNunknown"] = Value(_upn_unknown(born, episodes, reference),
                                                 on_record("Unique pupil number (UPN)"))
    if born and born > reference:
        identifiers.values["ExpectedPersonBirthDate"] = Value(born, on_record("Date of birth"))
    else:
        identifiers.values["PersonBirthDate"] = Value(born, on_record("Date of birth"))
    identifiers.values["Sex"] = Value(codes.SEX_CODES.get((person.gender or "").lower(), "U"),
                                      on_record("Gender"))
    return ChildReturn(case.id, person.id, person.full_name, la_child_id(person.id),
                       identifiers,
                       Value(codes.ethnicity_code(person.ethnicity), on_record("Ethnicity")),
                       disabilities, episodes, problems)


def _upn_unknown(born: date | None, episodes: list[Episode], reference: date) -> str | None:
    """Why the return has no UPN, for a child whose record holds none. UN7 when every
    episode was a referral with no further action (8772); UN1 for a child not of school
    age by the rule's reckoning (8770Q: born after 31 August six years before the
    reference year); otherwise none, so the DfE's query 8770Q asks for the UPN the record
    lacks."""
    if episodes and all(e.details.get("ReferralNFA") for e in episodes):
        return "UN7"
    if born is None or born > date(reference.year - 6, 8, 31):
        return "UN1"
    return None


# The order forms take on the pathway when two fall on the same day.
_RANK = {key: i for i, key in enumerate(CENSUS_FORMS)}


def _ordered(records: list[FormRecord], problems: list[Problem],
             ) -> tuple[list[_Reader], list[_Reader]]:
    """The submitted forms in the order they were submitted, and the drafts; a form of a
    set this system does not know (an import can hold one) is a problem."""
    submitted, drafts = [], []
    for reader in readers(records, problems, "the census"):
        (drafts if reader.record.status == DRAFT else submitted).append(reader)

    def when(reader: _Reader):
        # The day each was submitted, then the pathway's order within a day (forms
        # recorded together: the contact before the strategy discussion it led to).
        at = reader.record.submitted_at
        return (at.date() if at else date.max, _RANK[reader.record.form_key], at,
                reader.record.id)
    return sorted(submitted, key=when), drafts


def _episodes(case: Case, records: list[FormRecord], year: int):
    """Replay the submitted forms' decisions through the pathway, then add what drafts
    hold to the episode still open. Returns the episodes of the census year (with only the
    modules that took place in it or were still open), problems and disabilities."""
    reference, start = codes.reference_date(year), codes.census_start(year)
    state = SimpleNamespace(stage="contact", strategy_from=None, initial_conference_on=None,
                            strategy_on=None, section47_started_on=None, last_review_on=None,
                            assessment_started_on=None, referral_on=None)
    episodes: list[Episode] = []
    problems: list[Problem] = []
    disabilities: list[Value] = []
    submitted, drafts = _ordered(records, problems)
    for reader in submitted:
        record, definition = reader.record, reader.definition
        on = reader.first_date()
        if on and on > reference:
            break  # the return shows the records as they stood on the reference date
        effect = reader.effect()
        move = pathway.TRANSITIONS[effect.move] if effect else None
        episode = episodes[-1] if episodes and episodes[-1].open else None
        if record.form_key == "contact_referral":
            if move is not None and move.to in ("referral", "strategy") and episode is None:
                episodes.append(_referral(reader, effect))
        elif episode is None:
            if record.form_key != "closure" or state.stage not in _NOT_OPEN:
                problems.append(Problem(reader.source(None), (
                    f"This {definition.title.lower()} is on the child's record with no "
                    "referral open before it, so the census has no episode to put it in. "
                    "Record the contact and the decision to accept it as a referral first.")))
        else:
            _fill(episode, reader, effect, move, disabilities, submitted=True)
        if move is not None:
            _move(state, move, reader, effect, episode, episodes)
    # A draft belongs to the latest episode, also one closed since it was started (an
    # assessment left open when the case closed is what 8867 finds).
    # A draft started before a form of its kind that was submitted is left over from that
    # work (a try the trainee finished on the other copy), not work under way.
    episode = episodes[-1] if episodes else None
    for reader in drafts:
        finished_later = any(r.record.form_key == reader.record.form_key and
                             r.record.id > reader.record.id for r in submitted)
        if episode is not None and not finished_later:
            _fill(episode, reader, None, None, disabilities, submitted=False)
    in_year = [e for e in episodes if _in_year(e, start, reference)]
    for episode in in_year:
        _keep_this_year(episode, start)
    return in_year, problems, disabilities


def _ended_before(block: Block, ended: str, start: date) -> bool:
    day = block.get(ended)
    return not block.open and isinstance(day, date) and day < start


def _keep_this_year(episode: Episode, start: date) -> None:
    """Only the modules that took place in the census year, or were still under way in
    it: an assessment authorised, an enquiry's conference held, a plan ended, before the
    year began belongs to an earlier return (8696, 8715, 4013, 8930)."""
    episode.assessments = [a for a in episode.assessments
                           if not _ended_before(a, "AssessmentAuthorisationDate", start)]
    episode.section47s = [s for s in episode.section47s if s.open or not (
        _ended_before(s, "DateOfInitialCPC", start) or (
            s.get("DateOfInitialCPC") is None and isinstance(s.get("S47ActualStartDate"), date)
            and s.get("S47ActualStartDate") < start))]
    episode.cin_plans = [p for p in episode.cin_plans
                         if not _ended_before(p, "CINPlanEndDate", start)]
    kept = [(i, p) for i, p in enumerate(episode.plans)
            if not _ended_before(p, "CPPendDate", start)]
    episode.reviews = {n: episode.reviews.get(i, []) for n, (i, _p) in enumerate(kept)}
    episode.plans = [p for _i, p in kept]


def _in_year(episode: Episode, start: date, reference: date) -> bool:
    referred = episode.details.get("CINreferralDate")
    closed = episode.details.get("CINclosureDate")
    return (referred is None or referred <= reference) and (closed is None or closed >= start)


def _referral(reader: _Reader, effect) -> Episode:
    details = Block()
    dated = effect.dates.get("referral_on") or effect.on
    details.values["CINreferralDate"] = reader.answer_date(dated)
    source = reader.item("referral_source")
    details.values["ReferralSource"] = Value(_code(source.value, codes.REFERRAL_SOURCES),
                                             source.source)
    need = reader.item("primary_need")
    details.values["PrimaryNeedCode"] = Value(_code(need.value, codes.PRIMARY_NEEDS),
                                              need.source)
    details.values["ReferralNFA"] = Value(False, reader.source(next(iter(effect.when), None)))
    return Episode(details)


def _fill(episode: Episode, reader: _Reader, effect, move, disabilities: list[Value],
          submitted: bool) -> None:
    """Put one form's census items into the open episode."""
    key = reader.record.form_key
    if key == "child_family_assessment":
        _assessment(episode, reader, disabilities, submitted)
    elif key == "strategy_discussion" and move is not None and move.key in _S47_MOVES:
        held = reader.date_item("held_on")
        enquiry = Block()
        enquiry.values["S47ActualStartDate"] = held
        target = pathway.add_working_days(held.value, pathway.INITIAL_CONFERENCE_WORKING_DAYS) \
            if held.value else None
        enquiry.values["InitialCPCtarget"] = Value(target, held.source)
        enquiry.values["ICPCnotRequired"] = Value(False, held.source)
        episode.section47s.append(enquiry)
    elif key == "section47_enquiry" and submitted and move is not None:
        enquiry = _open(episode.section47s) or _enquiry_without_strategy(episode, reader)
        enquiry.open = move.key == "s47_conference"  # waits for the conference's date
        if not enquiry.open:
            enquiry.values["ICPCnotRequired"] = Value(True, reader.item("conclusion").source)
    elif key == "initial_conference" and submitted:
        _conference(episode, reader, move)
    elif key == "review_conference" and submitted:
        _review(episode, reader, move)
    elif key == "cin_plan" and submitted and _open(episode.cin_plans) is None:
        plan = Block()
        plan.values["CINPlanStartDate"] = reader.date_item("started_on")
        episode.cin_plans.append(plan)
    elif key == "cin_review" and submitted and move is not None and \
            move.key in ("cin_early_help", "cin_closed"):
        plan = _open(episode.cin_plans)
        if plan is not None:
            ended = reader.date_item("ended_on")
            if ended.value is None:
                ended = reader.date_item("held_on")
            plan.values["CINPlanEndDate"] = ended
            plan.open = False
    elif key == "closure" and submitted:
        closed = reader.date_item("closed_on")
        reason = reader.item("reason")
        _close(episode, closed, Value(_code(reason.value, codes.CLOSURE_REASONS),
                                      reason.source))


def _open(blocks: list[Block]) -> Block | None:
    return next((b for b in reversed(blocks) if b.open), None)


def _enquiry_without_strategy(episode: Episode, reader: _Reader) -> Block:
    enquiry = Block()
    enquiry.values["S47ActualStartDate"] = reader.date_item("started_on")
    enquiry.values["ICPCnotRequired"] = Value(False, enquiry.values["S47ActualStartDate"].source)
    episode.section47s.append(enquiry)
    return enquiry


def _assessment(episode: Episode, reader: _Reader, disabilities, submitted: bool) -> None:
    assessment = Block(open=not submitted)
    assessment.values["AssessmentActualStartDate"] = reader.date_item("started_on")
    if submitted:
        assessment.values["AssessmentAuthorisationDate"] = reader.date_item("authorised_on")
    factors = reader.item("factors")
    assessment.lists["AssessmentFactors"] = [
        Value(f, factors.source) for f in (factors.value or [])
        if isinstance(factors.value, list)]
    episode.assessments.append(assessment)
    need = reader.item("primary_need")
    if need.value not in (None, ""):
        episode.details.values["PrimaryNeedCode"] = need
    found = reader.item("disability")
    if isinstance(found.value, list) and found.value:
        disabilities[:] = [Value(d, found.source) for d in found.value]


def _conference(episode: Episode, reader: _Reader, move) -> None:
    held = reader.date_item("held_on")
    enquiry = _open(episode.section47s)
    if enquiry is not None:
        enquiry.values["DateOfInitialCPC"] = held
        enquiry.values["ICPCnotRequired"] = Value(False, held.source)
        enquiry.open = False
    elif "DateOfInitialCPC" not in episode.details.values:
        # A conference with no enquiry before it in the episode (2884: one place only).
        episode.details.values["DateOfInitialCPC"] = held
    if move is None or move.key != "icpc_plan":
        return
    cin_plan = _open(episode.cin_plans)
    if cin_plan is not None:  # a Child in Need plan ends as a child protection plan starts
        cin_plan.values["CINPlanEndDate"] = held
        cin_plan.open = False
    plan = Block()
    # The plan begins on the day of the conference: the streamlined set records no other
    # date; a legacy form asks for it again, and a different day is the mistake (2885).
    started = reader.date_item("plan_started_on")
    plan.values["CPPstartDate"] = started if started.value is not None else held
    category = reader.item("categories")
    plan.values["InitialCategoryOfAbuse"] = Value(codes.category_code(category.value),
                                                  category.source)
    plan.values["LatestCategoryOfAbuse"] = Value(codes.category_code(category.value),
                                                 category.source)
    previous = reader.item("previous_plans")
    plan.values["NumberOfPreviousCPP"] = Value(_count(previous.value), previous.source)
    episode.plans.append(plan)
    episode.reviews[len(episode.plans) - 1] = []


def _count(value) -> int | None:
    text = str(value).strip() if value is not None else ""
    if text.lower() in ("none", "no", "nil"):
        return 0
    return int(text) if text.isdigit() else None


def _review(episode: Episode, reader: _Reader, move) -> None:
    plan = _open(episode.plans)
    if plan is None:
        return
    held = reader.date_item("held_on")
    episode.reviews[episode.plans.index(plan)].append(held)
    if move is not None and move.key == "review_continues":
        category = reader.item("latest_categories")
        if codes.category_code(category.value):
            plan.values["LatestCategoryOfAbuse"] = Value(codes.category_code(category.value),
                                                         category.source)
    elif move is not None:
        plan.values["CPPendDate"] = held
        plan.open = False


def _close(episode: Episode, closed: Value, reason: Value) -> None:
    episode.details.values["CINclosureDate"] = closed
    episode.details.values["ReasonForClosure"] = reason
    episode.open = False


def _move(state, move, reader: _Reader, effect, episode: Episode | None, episodes) -> None:
    """The child's record moves as the submission moved it; an episode ends when the case
    leaves children's social care for Early Help or closure."""
    before = state.stage
    had_plan = pathway.protection_plan(state)
    to = pathway.destination(move, state)
    on = reader.answer_date(effect.on)
    reason = None
    if to == "closed":
        reason = pathway.closure_reason(move, state) or effect.set.get("closure_reason")
        field_key = effect.values.get("closure_reason")
        if field_key:
            reason = reader.answers.get(field_key) or reason
    elif to == "early_help":
        reason = "RC9" if move.key in _RC9_MOVES else "RC7"
    state.strategy_from = pathway.plan_held_during(state, to, move)
    state.stage = to
    for column, key in effect.dates.items():
        if hasattr(state, column):
            setattr(state, column, _as_date(reader.answers.get(key)))
    if reader.record.form_key == "child_family_assessment":  # some sets keep no date of it
        state.assessment_started_on = reader.date_item("started_on").value or on.value
    elif reader.record.form_key == "contact_referral" and state.referral_on is None:
        state.referral_on = on.value
    # A plan the move leaves behind ends on its day (a looked-after child who died, left
    # for another council or abroad, or turned 18); a review conference ends its own.
    plan = _open(episode.plans) if episode is not None else None
    if plan is not None and had_plan and not pathway.protection_plan(state):
        plan.values["CPPendDate"] = on
        plan.open = False
    if episode is None or before in _NOT_OPEN or to not in ("closed", "early_help") or \
            not episode.open:
        return
    source = reader.source(effect.values.get("closure_reason") or next(iter(effect.when), None))
    if reason == "referral_nfa":
        episode.details.values["ReferralNFA"] = Value(True, source)
        reason = "RC8"
    _close(episode, on, Value(reason, source))
