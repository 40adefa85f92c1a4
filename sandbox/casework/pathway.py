"""The English children's social care pathway as data: stages, the moves between them,
who decides, the next step each stage sets and its statutory timescale, working days.

Plain data and functions with no database, shared by the seed generator, the forms and
the app. The stages and moves follow PRACTICE.md §1.12 (Working Together to Safeguard
Children 2023): a front-door decision within 1 working day; an assessment within 45
working days of referral; an initial conference within 15 working days of the strategy
discussion; the first core group within 10 working days of it; a review conference within
3 months, then at most every 6 months. Looked-after children join later as more stages
(a `group`) and moves; nothing here assumes the list is closed.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

from sandbox.casework import looked_after
from sandbox.casework.ages import add_months, age_on, birthday  # noqa: F401 - add_months: public here too


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    summary: str
    group: str  # front door, early help, children in need, child protection, closed
    open: bool = True  # children's social care or early help still working with the child


STAGES = [
    Stage("contact", "Contact", "A contact has been received and waits for the front-door "
          "decision.", "front door"),
    Stage("referral", "Referral", "The contact was accepted as a referral to children's social "
          "care for a Child and Family Assessment.", "front door"),
    Stage("early_help", "Early Help", "The family has Early Help: a lead practitioner "
          "coordinates a family plan, reviewed at Team Around the Family meetings.",
          "early help"),
    Stage("assessment", "Child and Family Assessment",
          "A Child and Family Assessment is under way.", "children in need"),
    Stage("strategy", "Strategy discussion needed",
          "There is reasonable cause to suspect significant harm: a strategy discussion with "
          "police and health is to be held.", "child protection"),
    Stage("section47", "Section 47 enquiry",
          "A Section 47 enquiry is under way to find out whether the child is suffering, or "
          "likely to suffer, significant harm.", "child protection"),
    Stage("initial_conference", "Initial child protection conference",
          "The Section 47 enquiry found the child likely to suffer significant harm: an "
          "initial child protection conference is to be held.", "child protection"),
    Stage("cp_plan", "Child protection plan",
          "The child has a child protection plan; the core group meets regularly.",
          "child protection"),
    Stage("review_due", "Review conference due",
          "The child protection plan is due to be reviewed at a conference.",
          "child protection"),
    Stage("cin_plan", "Child in Need plan",
          "The child has a Child in Need plan (section 17), reviewed regularly.",
          "children in need"),
    Stage("stepped_down", "Stepped down",
          "The child protection plan has ended and support continues at a lower level.",
          "children in need"),
    # Looked-after children (PRACTICE.md §4): accommodated by the council for more than
    # 24 hours, by any legal route; a care leaver still has the council's support after.
    Stage("looked_after", "Looked after",
          "The child is looked after by the council: accommodated with consent under "
          "section 20, in police protection, or under an order of the court.",
          "looked after"),
    Stage("leaving_care", "Care leaver",
          "The young person has left care and the council still supports them as a care "
          "leaver, with a pathway plan.", "looked after"),
    Stage("closed", "Closed", "Children's social care is no longer working with the child.",
          "closed", open=False),
]
STAGE_BY_KEY = {s.key: s for s in STAGES}
STAGE_KEYS = [s.key for s in STAGES]
# The child-protection path in order, as the seed generator walks it.
CP_PATH = ["contact", "referral", "assessment", "strategy", "section47", "initial_conference",
           "cp_plan", "review_due", "stepped_down"]
OPEN_STAGES = tuple(s.key for s in STAGES if s.open)

# Who decides (PRACTICE.md §1): the role a person holds in a training copy.
PRACTITIONER, TEAM_MANAGER, CHAIR = "practitioner", "team_manager", "conference_chair"
# The independent reviewing officer (CA89 s25A-25B): one named per looked-after child,
# chairs the child's reviews and monitors the care plan; independent of the case's line
# management, so records the review and signs it off, as a conference chair does.
IRO = "independent_reviewing_officer"
CASE_ROLES = {
    PRACTITIONER: "Social worker (practitioner)",
    TEAM_MANAGER: "Team manager",
    CHAIR: "Child protection conference chair",
    IRO: "Independent reviewing officer",
}


@dataclass(frozen=True)
class Transition:
    """One allowed move: from any of `sources` to `to`, when `outcome` is decided."""

    key: str
    sources: tuple[str, ...]
    to: str
    outcome: str
    decided_by: str  # a key of CASE_ROLES
    # An outcome that finds no new cause for action: held while the child was on one of
    # these plans (`Case.strategy_from`), the child goes back to it, as it never ended.
    back: tuple[str, ...] = ()
    # Where the move goes instead for a child already on a child protection plan.
    on_plan: str | None = None
    # Stages the move is also made at without leaving them: a looked-after child's child
    # protection plan goes on beside their care plan, with its core groups and reviews.
    alongside: tuple[str, ...] = ()


_FRONT_DOOR_FROM = ("contact", "early_help", "stepped_down", "closed")  # a new contact
# A strategy discussion can be held at any point while children's social care has the
# case open (§1.4: at referral, during an assessment or a plan, or on new information).
# Early Help is not children's social care: worries of significant harm there are a new
# contact to the front door (a step up, §1.2), which decides on a strategy discussion.
# A looked-after child's strategy discussion, enquiry and conference are made alongside:
# the child stays looked after while they are held, so their looked-after dates stay.
_LAC = ("looked_after", "leaving_care")
_IN_CARE = ("looked_after",)
# A child protection plan's own meetings, which go on while the child is looked after
# (PRACTICE.md §1.9: local procedure decides whether the plan continues; its reviews are
# then usually held with the looked-after review) until a review conference ends it.
_PLAN_MEETINGS = ("core_group", "review_continues", "review_ends_looked_after")
_STRATEGY_FROM = tuple(s for s in OPEN_STAGES if s != "early_help" and s not in _LAC)
_CP = ("cp_plan", "review_due")
# Child protection work a looked-after child's record holds beside the care plan
# (`Case.strategy_from`) until it ends: a strategy discussion to hold, an enquiry to
# conclude, an initial conference to hold, a plan (PRACTICE.md §1.4 to §1.9).
_ENQUIRY = ("strategy", "section47", "initial_conference")
_PROTECTION_WORK = (*_ENQUIRY, *_CP)
HELD_IN_CARE = (*_PROTECTION_WORK, "assessment")
# The plans a strategy discussion can be held during, which go on unless it or its
# enquiry leads somewhere else. Only a review conference ends a child protection plan.
PLAN_STAGES = ("cin_plan", "stepped_down", *_CP)
# Where a strategy discussion can be called from and the work goes back to: a plan, or an
# assessment under way, which must still be concluded (and authorised) before the case
# can close (census rule 8867: no closure with an assessment open).
CALLED_FROM = ("assessment", *PLAN_STAGES)
# A strategy discussion reconvened during an open enquiry cannot decide "no enquiry": the
# enquiry ends only with its own conclusion (§1.5; census 8868: no closure before it).
_NO_ENQUIRY_FROM = tuple(s for s in _STRATEGY_FROM if s != "section47")
_CONFERENCE_FROM = ("section47", "initial_conference")
# "Any open CSC state" (§1.12): not Early Help, which is not children's social care (a
# step up goes to the front door first), and not while already looked after (that is a
# new episode). A care leaver under 18 can come back into care.
_LAC_FROM = tuple(s for s in OPEN_STAGES if s not in ("early_help", "looked_after"))

TRANSITIONS = {t.key: t for t in [
    # The front door (§1.1): decided within one working day.
    Transition("contact_nfa", _FRONT_DOOR_FROM, "closed", "No further action",
               TEAM_MANAGER),
    Transition("contact_advice", _FRONT_DOOR_FROM, "closed",
               "Advice and signposting to universal or community services", TEAM_MANAGER),
    Transition("contact_early_help", _FRONT_DOOR_FROM, "early_help", "Early Help",
               TEAM_MANAGER),
    Transition("contact_referral", _FRONT_DOOR_FROM, "referral",
               "Referral for a Child and Family Assessment", TEAM_MANAGER),
    Transition("contact_strategy", _FRONT_DOOR_FROM, "strategy",
               "Referral and a strategy discussion", TEAM_MANAGER),
    # Early Help (§1.2).
    Transition("early_help_continues", ("early_help",), "early_help",
               "The family plan continues", PRACTITIONER),
    Transition("early_help_closed", ("early_help",), "closed",
               "Outcomes met: Early Help closes", TEAM_MANAGER),
    Transition("early_help_step_up", ("early_help",), "contact",
               "Step up: a new contact to the front door", TEAM_MANAGER),
    # The Child and Family Assessment (§1.3): authorised by the manager.
    Transition("assessment_nfa", ("referral", "assessment"), "closed",
               "Close with advice, no further action (RC8)", TEAM_MANAGER),
    Transition("assessment_early_help", ("referral", "assessment"), "early_help",
               "Close to Early Help (RC9)", TEAM_MANAGER),
    Transition("assessment_cin", ("referral", "assessment"), "cin_plan",
               "A Child in Need plan", TEAM_MANAGER),
    Transition("assessment_strategy", ("referral", "assessment"), "strategy",
               "A strategy discussion", TEAM_MANAGER),
    # An assessment under way when the child came into care is still concluded and
    # authorised (census 8867: none left open); what it found goes into the care plan.
    Transition("assessment_looked_after", _IN_CARE, "looked_after",
               "The child is looked after: the assessment's findings go into the care plan",
               TEAM_MANAGER, alongside=_IN_CARE),
    # The strategy discussion (§1.4), chaired by the team manager.
    Transition("strategy_s47_single", (*_STRATEGY_FROM, *_IN_CARE), "section47",
               "Section 47 enquiry by children's social care", TEAM_MANAGER,
               alongside=_IN_CARE),
    Transition("strategy_s47_joint", (*_STRATEGY_FROM, *_IN_CARE), "section47",
               "Section 47 enquiry jointly with the police", TEAM_MANAGER,
               alongside=_IN_CARE),
    Transition("strategy_immediate", (*_STRATEGY_FROM, *_IN_CARE), "section47",
               "Immediate protection and a Section 47 enquiry", TEAM_MANAGER,
               alongside=_IN_CARE),
    Transition("strategy_assessment", (*_NO_ENQUIRY_FROM, *_IN_CARE), "assessment",
               "No enquiry; the Child and Family Assessment (or the plan, or a looked-after "
               "child's care plan) goes on", TEAM_MANAGER, back=PLAN_STAGES,
               alongside=_IN_CARE),
    Transition("strategy_nfa", _NO_ENQUIRY_FROM, "closed",
               "No further action by children's social care (during an assessment: it is "
               "concluded; during a plan: the plan goes on)", TEAM_MANAGER,
               back=CALLED_FROM),
    # The Section 47 enquiry's three conclusions (§1.5), signed off by the manager.
    # A looked-after child's enquiry concludes with the child still looked after.
    Transition("s47_not_substantiated", ("section47", *_IN_CARE), "assessment",
               "1: not substantiated; the assessment (or the plan) goes on", TEAM_MANAGER,
               back=PLAN_STAGES, alongside=_IN_CARE),
    Transition("s47_no_continuing_risk", ("section47", *_IN_CARE), "cin_plan",
               "2: substantiated, no continuing risk of significant harm: Child in Need plan "
               "(a looked-after child: their care plan)",
               TEAM_MANAGER, back=PLAN_STAGES, alongside=_IN_CARE),
    Transition("s47_early_help", ("section47",), "early_help",
               "2: substantiated, no continuing risk of significant harm: Early Help",
               TEAM_MANAGER, back=_CP),
    # For a child already on a plan, WT23 brings the review conference forward instead.
    Transition("s47_conference", ("section47", *_IN_CARE), "initial_conference",
               "3: likely to suffer significant harm: an initial conference (for a child "
               "already on a child protection plan, the review conference is brought "
               "forward)", TEAM_MANAGER, on_plan="review_due", alongside=_IN_CARE),
    # The initial conference (§1.6); the chair records its decision. A conference held
    # straight after an enquiry (its conclusion 3 implied) is the same path.
    # A looked-after child's conference: the plan goes on beside the care plan.
    Transition("icpc_plan", (*_CONFERENCE_FROM, *_IN_CARE), "cp_plan",
               "A child protection plan, under one or more categories", CHAIR,
               alongside=_IN_CARE),
    Transition("icpc_looked_after", _IN_CARE, "looked_after",
               "No plan: the child stays looked after, under their care plan", CHAIR,
               alongside=_IN_CARE),
    Transition("icpc_cin", _CONFERENCE_FROM, "cin_plan",
               "No plan: support as a child in need, with a Child in Need plan", CHAIR),
    Transition("icpc_early_help", _CONFERENCE_FROM, "early_help",
               "No plan: Early Help", CHAIR),
    # Not "no further action": the enquiry and the conference were action. The case
    # closes because no further services are needed (§1.6, §1.12).
    Transition("icpc_nfa", _CONFERENCE_FROM, "closed",
               "No plan and no further services: the case closes", CHAIR),
    # Core groups (§1.7) keep the plan going.
    Transition("core_group", ("initial_conference", *_CP, "looked_after"), "cp_plan",
               "A core group meeting", PRACTITIONER, alongside=("looked_after",)),
    # Review conferences (§1.8, §1.9); the chair records the decision.
    Transition("review_continues", (*_CP, "looked_after"), "cp_plan", "The plan continues",
               CHAIR, alongside=("looked_after",)),
    Transition("review_ends_looked_after", _IN_CARE, "looked_after",
               "The plan ends: the child stays looked after, under their care plan", CHAIR,
               alongside=_IN_CARE),
    Transition("review_ends_cin", _CP, "cin_plan",
               "The plan ends: step down to a Child in Need plan", CHAIR),
    Transition("review_ends_early_help", _CP, "early_help",
               "The plan ends: step down to Early Help", CHAIR),
    Transition("review_ends_closed", _CP, "closed", "The plan ends: the case closes",
               CHAIR),
    # Children in Need plans (§1.10), reviewed under the manager.
    Transition("cin_continues", ("cin_plan", "stepped_down"), "cin_plan",
               "The Child in Need plan continues", PRACTITIONER),
    Transition("cin_early_help", ("cin_plan", "stepped_down"), "early_help",
               "Step down to Early Help", TEAM_MANAGER),
    Transition("cin_closed", ("cin_plan", "stepped_down"), "closed",
               "Outcomes met: the case closes (RC7)", TEAM_MANAGER),
    Transition("cin_strategy", ("cin_plan", "stepped_down"), "strategy",
               "Reasonable cause to suspect significant harm: a strategy discussion",
               TEAM_MANAGER),
    # Looked-after children (§1.12, §4): from any open children's social care stage, by
    # section 20 agreement, police protection, an emergency protection order or an order
    # of the court. Every change of legal status or placement is a new episode (§4.3).
    Transition("lac_start", _LAC_FROM, "looked_after",
               "The child becomes looked after", TEAM_MANAGER),
    Transition("lac_new_episode", ("looked_after",), "looked_after",
               "A new episode: the legal status or the placement changed", TEAM_MANAGER),
    Transition("lac_ceased_closed", ("looked_after",), "closed",
               "The child ceases to be looked after and the case closes", TEAM_MANAGER),
    # A child going home while their child protection plan goes on is back on that plan.
    Transition("lac_ceased_cin", ("looked_after",), "cin_plan",
               "The child ceases to be looked after, with a Child in Need plan (or, for a "
               "child whose child protection plan goes on, back on that plan)",
               TEAM_MANAGER, back=_CP),
    Transition("lac_ceased_leaving_care", ("looked_after",), "leaving_care",
               "The young person ceases to be looked after and is supported as a care "
               "leaver", TEAM_MANAGER),
    # Closure (§1.11): the manager's decision, with a reason. A looked-after child first
    # ceases to be looked after, with the 903 reason (the form for it closes the case).
    Transition("closure", tuple(s for s in OPEN_STAGES if s != "looked_after"), "closed",
               "Closed, with a reason", TEAM_MANAGER),
]}


def destination(transition: Transition, case) -> str:
    """The stage a move takes this child's record to: its own, or for an outcome that
    finds no new cause for action (`back`), the plan the child was on when the strategy
    discussion was held (the stage it is at, when held there without being called)."""
    if case.stage in transition.alongside:
        return case.stage
    before = case.stage if case.stage in CALLED_FROM else getattr(case, "strategy_from", None)
    if transition.on_plan and before in _CP:
        return transition.on_plan
    if transition.key == "core_group" and review_brought_forward(case):
        return "review_due"  # the core group carries on; the early review is still due
    if before in transition.back:
        return before
    return transition.to


def review_brought_forward(case) -> bool:
    """Whether an enquiry held during this child's plan found significant harm, so the
    review conference is brought forward (it keeps `strategy_from` until it is held)."""
    return case.stage == "review_due" and getattr(case, "strategy_from", None) in _CP


def plan_held_during(case, to: str, transition: Transition | None = None) -> str | None:
    """What `Case.strategy_from` holds after the record moves to `to` (by `transition`):
    the plan a strategy discussion and its enquiry are held during, kept until they end,
    or until the review conference they brought forward is held; and the child protection
    plan of a child who becomes looked after, kept until a review conference ends it."""
    if to == "looked_after":
        if transition is not None and case.stage in transition.alongside:
            # Made in care: what the move leaves going on beside the care plan (a core
            # group carries on the plan, or the review brought forward, it met under).
            if transition.key == "core_group":
                return case.strategy_from
            return transition.to if transition.to in _PROTECTION_WORK else None
        return protection_plan(case) or enquiry_under_way(case) or \
            assessment_under_way(case)
    if to == "review_due" and transition is not None and (
            transition.on_plan == to or (review_brought_forward(case)
                                         and transition.key == "core_group")):
        return case.strategy_from
    if to not in ("strategy", "section47"):
        return None
    # An assessment whose outcome was to call one has concluded; one held while the
    # assessment goes on (the record moves straight to the enquiry) has not.
    if case.stage in PLAN_STAGES or (case.stage == "assessment" and to == "section47"):
        return case.stage
    return getattr(case, "strategy_from", None) if case.stage in ("strategy", "section47") \
        else None


def protection_plan(case) -> str | None:
    """The child protection plan this child is on ('cp_plan' or 'review_due'), or None:
    the stage itself, a plan begun at a conference the record holds, or the plan held
    (`strategy_from`) while an enquiry runs or while the child is looked after."""
    stage = case.stage
    if stage in _CP:
        return stage
    if stage == "initial_conference" and conference_held(case):
        return "cp_plan"
    held = getattr(case, "strategy_from", None)
    return held if stage in ("strategy", "section47", "looked_after") and held in _CP \
        else None


def enquiry_under_way(case) -> str | None:
    """The child protection work under way and not yet ended ('strategy', 'section47',
    'initial_conference' while it waits for the conference), at its stage or held
    (`strategy_from`) for a looked-after child, or None. An enquiry held during a plan
    counts as the plan (`protection_plan`)."""
    if case.stage in _ENQUIRY and getattr(case, "strategy_from", None) not in _CP:
        if case.stage != "initial_conference" or not conference_held(case):
            return case.stage
        return None
    held = getattr(case, "strategy_from", None)
    return held if case.stage == "looked_after" and held in _ENQUIRY else None


def assessment_under_way(case) -> str | None:
    """'assessment' while a Child and Family Assessment is under way: at its stage, or
    held (`strategy_from`) for a child who came into care during it, until it concludes."""
    if case.stage == "assessment" or (case.stage == "referral" and _assessed(case)):
        return "assessment"
    held = getattr(case, "strategy_from", None)
    return held if case.stage == "looked_after" and held == "assessment" else None


def keeps_plan_category(stage: str, held: str | None = None) -> bool:
    """Whether a record at `stage` (holding the plan `held`, `Case.strategy_from`) can
    still hold a current plan category: only while child protection work goes on, also
    beside a looked-after child's care plan. The plan's categories stay in its conference
    forms, where the census reads its initial and latest category."""
    return STAGE_BY_KEY[stage].group == "child protection" or (
        stage == "looked_after" and held in _CP)


def _assessed(case) -> bool:
    """Whether this episode holds an assessment: one started on or after its referral."""
    started, referral = (getattr(case, c, None) for c in ("assessment_started_on",
                                                          "referral_on"))
    return started is not None and (referral is None or started >= referral)


# Closing moves whose reason for closure the pathway works out (a form never sets it).
REASON_FROM_PATHWAY = ("strategy_nfa",)


def closure_reason(transition: Transition, case) -> str | None:
    """The reason for closure the pathway records when this move closes the case (None:
    the form gives it). A strategy discussion's no further action at the front door
    closes the referral as a referral with no further action (census ReferralNFA);
    after an assessment it closes as closed after assessment, no further action (RC8)."""
    if transition.key not in REASON_FROM_PATHWAY:
        return None
    return "RC8" if _assessed(case) else "referral_nfa"


def conference_held(case) -> bool:
    """Whether the record holds an initial conference held after its strategy discussion
    (a record at the conference stage may be waiting for it, or have held it)."""
    held = case_value(case, "initial_conference_on")
    strategy = _first(case, "strategy_on", "section47_started_on")
    return bool(held) and (strategy is None or held >= strategy)


# Leaving care in ways that end a child protection plan with it (PRACTICE.md §1.9): the
# child died, another council took over, or the child moved abroad; and at 18.
PLAN_ENDS_WITH = ("E2", "E3", "E16")


def _plan_ends_too(case, answers: dict | None) -> bool:
    """Whether ceasing to be looked after with these answers ends the plan as well."""
    answers = answers or {}
    if answers.get("reason_ceased") in PLAN_ENDS_WITH:
        return True
    born = getattr(getattr(case, "child", None), "date_of_birth", None)
    try:
        ceased = date.fromisoformat(answers.get("ceased_on") or "")
    except (TypeError, ValueError):
        return False
    return born is not None and age_on(born, ceased) >= 18


def refusal(transition: Transition, stage: str, case=None,
            answers: dict | None = None) -> str | None:
    """Why this move cannot be made from `stage` (PRACTICE.md: anything not listed is
    forbidden), or None when it can. With the `case`: a core group only after a
    conference that was held (never a plan without a conference's decision); with the
    form's `answers`, whether leaving care also ends a child protection plan."""
    # At 'looked after', the plan held beside the care plan (`Case.strategy_from`).
    on_plan = stage == "looked_after" and getattr(case, "strategy_from", None) in _CP
    if stage == "looked_after" and (problem := _refusal_in_care(transition, case)):
        return problem
    if stage == "looked_after" and not on_plan and transition.key in _PLAN_MEETINGS:
        return ("This child has no child protection plan going on while looked after, so "
                "there is no core group or review conference to record. Their care plan is "
                "reviewed at the looked-after review, chaired by the independent reviewing "
                "officer.")
    if on_plan and transition.key in ("lac_ceased_closed", "lac_ceased_leaving_care") and \
            not _plan_ends_too(case, answers):
        return ("This child still has a child protection plan, which ends at a review "
                "child protection conference (unless the child dies, turns 18, or moves to "
                "another council or abroad for good). Hold that first: the plan can end there with "
                "the child still looked after. If the child goes home and the plan goes on, "
                "record that they cease to be looked after with a Child in Need plan: the "
                "record goes back to the child protection plan.")
    if stage in transition.sources:
        if transition.key in _CONFERENCE_ENDS and stage == "section47" and \
                getattr(case, "strategy_from", None) in _CP:
            return ("This child is already on a child protection plan, so the enquiry's "
                    "finding goes to a review conference brought forward, not an initial "
                    "conference. Record the enquiry's conclusion, then the review "
                    "conference.")
        if transition.key == "core_group" and stage == "initial_conference" and \
                case is not None and not conference_held(case):
            return ("The initial child protection conference has not been recorded yet, so "
                    "there is no plan for a core group to carry out. The conference's chair "
                    "records its decision first.")
        return None
    if stage == "leaving_care" and transition.key.startswith("strategy_"):
        # Honest about the training copy, not a rule of practice: PRACTICE.md §1.4 and
        # §1.12 allow a strategy discussion for a care leaver under 18.
        return ("A strategy discussion can be held for a care leaver under 18, but this "
                "training copy cannot yet record one on this form for a care leaver: the "
                "record would leave 'Care leaver'. Record the discussion, who took part "
                "and what was decided in a case note, and tell their personal adviser.")
    if transition.key == "assessment_looked_after" and stage != "looked_after":
        return ("This child is not looked after, so the assessment cannot conclude that "
                "they are. If they need to be, record that first on the form for a child "
                "becoming looked after, with the legal route and the placement; then "
                "conclude the assessment with this outcome.")
    if stage == "looked_after" and transition.key.startswith("review_ends_"):
        return ("This child is looked after, so when the child protection plan ends they "
                "stay looked after: choose that the child stays looked after, under their "
                "care plan. What support follows is decided when they cease to be looked "
                "after.")
    if stage == "section47" and transition.key in ("strategy_nfa", "strategy_assessment"):
        return ("The Section 47 enquiry is still open. It ends only with its conclusion, "
                "recorded on the Section 47 enquiry form and signed off by the manager; "
                "the case then closes, or goes on, as that conclusion says. If the "
                "enquiry goes on, record that decision here instead.")
    now = STAGE_BY_KEY[stage].label if stage in STAGE_BY_KEY else stage
    after = ", ".join(STAGE_BY_KEY[s].label.lower() for s in transition.sources)
    return (f"This child's record is at '{now}', so this decision cannot be recorded here: "
            f"'{transition.outcome}' follows {after}.")


_STRATEGY_MOVES = ("strategy_s47_single", "strategy_s47_joint", "strategy_immediate",
                   "strategy_assessment", "strategy_nfa")
_ENQUIRY_ENDS = ("s47_not_substantiated", "s47_no_continuing_risk", "s47_early_help",
                 "s47_conference")
_CONFERENCE_ENDS = ("icpc_plan", "icpc_looked_after", "icpc_cin", "icpc_early_help",
                    "icpc_nfa")


def _refusal_in_care(transition: Transition, case) -> str | None:
    """Why a strategy discussion, an enquiry's conclusion or an initial conference cannot
    be recorded for this looked-after child, from what the record holds beside the care
    plan (`Case.strategy_from`); None when it can, or the move is not one of them."""
    held = getattr(case, "strategy_from", None)
    key = transition.key
    if key in _STRATEGY_MOVES:
        if held in _CP or held in ("assessment", "initial_conference"):
            # Honest about the training copy, not a rule of practice: PRACTICE.md §1.4
            # allows a strategy discussion at any time.
            what = {"assessment": "a Child and Family Assessment under way",
                    "initial_conference": "an initial conference to hold"}.get(
                held, "a child protection plan going on")
            return (f"This child is looked after and has {what}, and this training copy "
                    "can hold only one piece of child protection work beside the care "
                    "plan. Record the strategy discussion, who took part and what was "
                    "decided in a case note, and tell the child's independent reviewing "
                    "officer.")
        if key == "strategy_nfa":
            return ("This child is looked after, so children's social care goes on working "
                    "with them whatever the discussion decides. If there is to be no "
                    "enquiry, choose that the assessment or plan goes on: for this child, "
                    "their care plan.")
        if key == "strategy_assessment" and held == "section47":
            return ("The Section 47 enquiry is still open. It ends only with its "
                    "conclusion, recorded on the Section 47 enquiry form and signed off by "
                    "the manager. If the enquiry goes on, record that decision here "
                    "instead.")
        return None
    if key in _ENQUIRY_ENDS:
        if held != "section47":
            return ("This child is looked after and has no Section 47 enquiry open, so "
                    "there is no conclusion to record. An enquiry starts at a strategy "
                    "discussion, which can be held while a child is looked after.")
        if key == "s47_early_help":
            return ("This child is looked after, so the enquiry cannot step down to Early "
                    "Help: the council is already the child's corporate parent. If there "
                    "is no continuing risk of significant harm, choose that, and the "
                    "child's care plan goes on.")
        return None
    if key in _CONFERENCE_ENDS:
        if held != "initial_conference":
            return ("This child is looked after and no initial child protection conference "
                    "is waiting to be held: one follows a Section 47 enquiry that found "
                    "the child likely to suffer significant harm.")
        if key in ("icpc_cin", "icpc_early_help", "icpc_nfa"):
            return ("This child is looked after, so without a child protection plan they "
                    "stay looked after, under their care plan: choose that decision. What "
                    "support follows is decided when they cease to be looked after.")
    return None


CONCERNS = {
    "neglect": "Neglect",
    "domestic_abuse": "Domestic abuse",
    "parental_mental_health": "Parental mental health",
    "substance_misuse": "Parental drug or alcohol use",
    "physical_harm": "Physical harm",
    "emotional_harm": "Emotional harm",
    "sexual_harm": "Sexual harm",
    # Harm outside the family (WT23 lets strategy discussions and enquiries cover it).
    "criminal_exploitation": "Criminal exploitation",
    "sexual_exploitation": "Sexual exploitation",
    # A child alone in the country with no one with parental responsibility (§8.4).
    "unaccompanied": "Unaccompanied asylum-seeking child",
}

# The four categories a child protection plan can be made under (several may apply).
PLAN_CATEGORIES = {
    "neglect": "Neglect",
    "physical": "Physical abuse",
    "emotional": "Emotional abuse",
    "sexual": "Sexual abuse",
}


def plan_categories_label(value: str | None) -> str:
    """'neglect,emotional' as 'Neglect and emotional abuse'."""
    names = [PLAN_CATEGORIES.get(v, v) for v in (value or "").split(",") if v]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1].lower()


# Reasons for closing a case (CIN census ReasonForClosure, PRACTICE.md §3.2).
CLOSURE_REASONS = {
    "RC1": "Adopted", "RC2": "Died", "RC3": "Child arrangements order",
    "RC4": "Special guardianship order", "RC5": "Transferred to another council",
    "RC6": "Transferred to adult social care",
    "RC7": "Services ceased, including child no longer in need",
    "RC8": "Closed after assessment, no further action",
    "RC9": "Closed after assessment, referred to Early Help",
    "referral_nfa": "Referral: no further action, before any assessment",
    "contact": "Contact: no further action or advice and signposting (not a referral)",
    "early_help": "Early Help closed: the family plan's outcomes were met",
}

CHRONOLOGY_KINDS = {
    "significant_event": "Significant event",
    "contact": "Contact or referral",
    "visit": "Visit",
    "meeting": "Meeting",
    "decision": "Decision",
}

FRONT_DOOR_WORKING_DAYS = 1
STRATEGY_WORKING_DAYS = 1  # [L] the same day if the child is at immediate risk
ASSESSMENT_WORKING_DAYS = 45
INITIAL_CONFERENCE_WORKING_DAYS = 15
FIRST_CORE_GROUP_WORKING_DAYS = 10
CORE_GROUP_INTERVAL_DAYS = 42  # common local practice: at least every six weeks
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
EARLY_HELP_REVIEW_DAYS = 42  # [L] Team Around the Family every 6 weeks
# Looked-after children (PRACTICE.md §4.2; Care Planning, Placement and Case Review
# (England) Regulations 2010).
CARE_PLAN_WORKING_DAYS = 10  # reg 4: before the first placement, else within 10 WD
PLACEMENT_PLAN_WORKING_DAYS = 5  # reg 9: before the placement, else within 5 WD
FIRST_LAC_REVIEW_WORKING_DAYS = 20  # reg 33: first review within 20 WD
SECOND_LAC_REVIEW_MONTHS = looked_after.SECOND_REVIEW_MONTHS
LATER_LAC_REVIEW_MONTHS = looked_after.LATER_REVIEW_MONTHS
FIRST_VISIT_DAYS = 7  # reg 28(2): within a week of any placement starting
VISIT_INTERVAL_DAYS = 42  # then at most 6 weeks apart in the placement's first year
LONG_TERM_VISIT_MONTHS = 3  # after it, at most 3 months if meant to last until 18
WITH_PARENT_VISIT_DAYS = 28  # reg 28: an interim care order at home, after the first review
TEMPORARY_APPROVAL_WEEKS = 16  # reg 25: a connected person's temporary approval
TEMPORARY_EXTENSION_WEEKS = 8  # reg 25: once, to let their assessment be finished
HEALTH_ASSESSMENT_WORKING_DAYS = 20  # reg 7 and the 2015 health guidance
HEALTH_REVIEW_MONTHS_UNDER_5, HEALTH_REVIEW_MONTHS = 6, 12  # reg 7
PEP_FROM_AGE = 3  # [L] from nursery (an early years setting)
# Emergency powers (PRACTICE.md §4.3 legal statuses L1 to L3): name, days, the rule.
EMERGENCY_POWERS = {
    "L1": ("Police protection", 3, "police protection lasts at most 72 hours (s46)"),
    "L2": ("The emergency protection order", 8,
           "an emergency protection order lasts 8 days; the court can extend it once, "
           "by up to 7 days (s45)"),
    "L3": ("The child assessment order", 7, "a child assessment order lasts at most 7 "
           "days (s43)"),
}
PEP_WORKING_DAYS = 10  # education guidance 2018
PEP_REVIEW_MONTHS = 3  # [L] reviewed each term; we plan by three months
# An eligible young person (16 or 17, looked after 13 weeks since 14): the needs assessment
# and pathway plan, with a personal adviser, within 3 months of becoming eligible [L, after
# the Care Leavers Regulations 2010 and CPR10]; the plan reviewed at least every 6 months.
PATHWAY_PLAN_MONTHS, PATHWAY_REVIEW_MONTHS = 3, 6
CIN_REVIEW_MONTHS = 3  # [L] a formal Child in Need review at least every 3 months


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.UnitedKingdom(subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (England and Wales bank holidays)."""
    day = start
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class NextStep:
    what: str
    due: date | None  # None when the record holds no date to count from
    rule: str


def _first(case, *columns) -> date | None:
    """The first of these dates the case has (a record moved or imported without some of
    its dates still has a next step)."""
    for column in columns:
        value = getattr(case, column, None)
        if isinstance(value, date):
            return value
    return None


def _latest(case, *columns) -> date | None:
    found = [v for c in columns if isinstance(v := getattr(case, c, None), date)]
    return max(found) if found else None


def _in_wd(what, start, days, rule) -> NextStep:
    return NextStep(what, add_working_days(start, days) if start else None, rule)


def review_conference_step(case) -> NextStep:
    """The next review child protection conference and its date, from the initial
    conference or the last review."""
    conference = _first(case, "initial_conference_on", "stage_on")
    last = case_value(case, "last_review_on")
    if last and (conference is None or last >= conference):
        return NextStep("Hold the review child protection conference",
                        add_months(last, LATER_REVIEW_MONTHS),
                        "no more than 6 months after the last review")
    return NextStep("Hold the review child protection conference",
                    add_months(conference, FIRST_REVIEW_MONTHS) if conference else None,
                    "within 3 months of the initial conference")


def case_value(case, column):
    return getattr(case, column, None)


def _since(case, column, start) -> date | None:
    """The case's date `column` if it falls in this period of care or placement (on or
    after `start`): an earlier one belongs to a time before and counts for nothing now."""
    value = case_value(case, column)
    return value if isinstance(value, date) and (start is None or value >= start) else None


# Legal statuses of a child looked after only during a series of short breaks (903 V3, V4).
SHORT_BREAKS = ("V3", "V4")


def looked_after_steps(case, born: date | None = None) -> list[NextStep]:
    """Everything the regulations set next for a looked-after child, each with the date to
    plan by (PRACTICE.md §4.2), soonest first. Counted from the start of the period of
    care (`looked_after_on`) and of the current placement (`placement_on`), and the last
    review, visit, health assessment and education plan recorded in them."""
    start = _first(case, "looked_after_on", "stage_on")
    placed = _latest(case, "placement_on", "looked_after_on") or start
    steps = []
    if not _since(case, "care_plan_on", start):
        steps.append(_in_wd("Agree the care plan", start, CARE_PLAN_WORKING_DAYS,
                            "before the first placement or, if that is not practicable, "
                            "within 10 working days of it"))
    if not _since(case, "placement_plan_on", placed):
        steps.append(_in_wd("Agree the placement plan", placed, PLACEMENT_PLAN_WORKING_DAYS,
                            "before the placement or, if that is not practicable, within "
                            "5 working days of its start"))
    last, first = _since(case, "last_lac_review_on", start), \
        _since(case, "first_lac_review_on", start)
    if last is None:
        steps.append(_in_wd("Hold the first looked-after review", start,
                            FIRST_LAC_REVIEW_WORKING_DAYS,
                            "within 20 working days of becoming looked after"))
    elif first == last:
        steps.append(NextStep("Hold the second looked-after review",
                              add_months(last, SECOND_LAC_REVIEW_MONTHS),
                              "within 3 months of the first review"))
    else:
        steps.append(NextStep("Hold the next looked-after review",
                              add_months(last, LATER_LAC_REVIEW_MONTHS),
                              "no more than 6 months after the last review"))
    visited = _since(case, "last_lac_visit_on", placed)
    with_parent_on_ico = case_value(case, "placement_type") == "P1" and \
        case_value(case, "legal_status") == "C1"
    ordered = case_value(case, "legal_status_on")
    with_parent_on_order = case_value(case, "placement_type") == "P1" and \
        case_value(case, "legal_status") == "C2" and isinstance(ordered, date)
    # Regulation 24: a relative or friend approved as a foster carer only for now.
    temporary = case_value(case, "temporary_approval") in ("yes", "ext") and \
        case_value(case, "placement_type") in looked_after.CONNECTED_PERSONS
    if case_value(case, "legal_status") in SHORT_BREAKS:
        # Regulation 48 (PRACTICE.md §4.2): a child looked after only during short breaks
        # is visited at the intervals the short break care plan sets, agreed with the IRO
        # and the parents; no date follows from the law alone.
        steps.append(NextStep("Visit the child during a short break", None,
                              "at the intervals agreed with the IRO and the parents in "
                              "the short break care plan"))
    elif visited is not None and (with_parent_on_ico or temporary):
        # Regulation 28 (PRACTICE.md §4.2): under an interim care order and living with
        # a parent, or with a temporarily approved relative or friend, weekly until the
        # first review, then at most every 4 weeks.
        why = "an interim care order, living with a parent" if with_parent_on_ico else \
            "a relative or friend with temporary approval"
        if last is None:
            steps.append(NextStep("Visit the child", visited + timedelta(days=7),
                                  f"every week until the first review: {why}"))
        else:
            steps.append(NextStep("Visit the child",
                                  visited + timedelta(days=WITH_PARENT_VISIT_DAYS),
                                  f"at most 4 weeks apart after the first review: {why}"))
    elif with_parent_on_order and (visited is None or visited < ordered):
        # Regulation 28 (PRACTICE.md §4.2): a care order made while the child lives with
        # a parent: a visit within 1 week of the order, then at most 6 weeks apart.
        steps.append(NextStep("Visit the child at home", ordered + timedelta(days=7),
                              "within 1 week of the care order, living with a parent; "
                              "then at most 6 weeks apart"))
    elif visited is None:
        steps.append(NextStep("Visit the child in their placement",
                              placed + timedelta(days=FIRST_VISIT_DAYS) if placed else None,
                              "within 1 week of the placement starting"))
    elif placed and visited >= add_months(placed, 12) and \
            case_value(case, "placement_long_term") == "yes":
        steps.append(NextStep("Visit the child", add_months(visited, LONG_TERM_VISIT_MONTHS),
                              "at most 3 months apart after the first year of a placement "
                              "meant to last until the child is 18"))
    else:
        steps.append(NextStep("Visit the child",
                              visited + timedelta(days=VISIT_INTERVAL_DAYS),
                              "at most 6 weeks apart in the placement's first year (and "
                              "after it, unless the placement is meant to last until 18)"))
    if temporary and placed:
        # Regulation 25: temporary approval lasts at most 16 weeks (extendable once, by 8
        # weeks, where the assessment is not finished); then the carers are approved as
        # foster carers (recorded on the placement plan), or the child moves.
        extended = case_value(case, "temporary_approval") == "ext"
        weeks = TEMPORARY_APPROVAL_WEEKS + (TEMPORARY_EXTENSION_WEEKS if extended else 0)
        steps.append(NextStep("Temporary approval of the relative or friend ends: finish "
                              "their assessment as foster carers",
                              placed + timedelta(weeks=weeks),
                              "temporary approval was extended once, by up to 8 weeks: "
                              "24 weeks in all, at most" if extended else
                              "temporary approval lasts at most 16 weeks; it can be "
                              "extended once, by up to 8 weeks"))
    emergency = EMERGENCY_POWERS.get(case_value(case, "legal_status"))
    # Counted from the day the power began, not from a later move of placement.
    began = _latest(case, "legal_status_on", "looked_after_on") or start
    if emergency and began:
        # An emergency power ends by law (Children Act 1989 s46, s45, s43): the record
        # must say what happens to the child then.
        name, days, rule = emergency
        steps.append(NextStep(f"{name} ends: record what happens next: a new episode "
                              "under an order or section 20, or ceasing to be looked "
                              "after", began + timedelta(days=days), rule))
    health = _since(case, "health_assessment_on", start)
    if health is None:
        steps.append(_in_wd("Have the initial health assessment done, by a doctor", start,
                            HEALTH_ASSESSMENT_WORKING_DAYS,
                            "within 20 working days of becoming looked after"))
    elif born and age_on(born, health) < 5:
        steps.append(NextStep("Have the review health assessment done",
                              add_months(health, HEALTH_REVIEW_MONTHS_UNDER_5),
                              "at least every 6 months before the child's 5th birthday"))
    else:
        steps.append(NextStep("Have the review health assessment done",
                              add_months(health, HEALTH_REVIEW_MONTHS),
                              "at least every 12 months from the child's 5th birthday"))
    # [L] The education guidance is for children of school age; councils commonly start
    # a personal education plan once a child is in an early years setting (from 3).
    if born is None or start is None or age_on(born, start) >= PEP_FROM_AGE:
        pep = _since(case, "pep_on", start)
        if pep is None:
            steps.append(_in_wd("Start the personal education plan", start, PEP_WORKING_DAYS,
                                "within 10 working days of becoming looked after"))
        else:
            steps.append(NextStep("Review the personal education plan",
                                  add_months(pep, PEP_REVIEW_MONTHS),
                                  "each term (local practice: within 3 months)"))
    steps += _pathway_planning(case, born, start)
    if assessment_under_way(case):
        steps.append(_in_wd("Complete the Child and Family Assessment begun before the "
                            "child came into care", _first(case, "referral_on",
                                                           "assessment_started_on"),
                            ASSESSMENT_WORKING_DAYS, "within 45 working days of the "
                            "referral; what it finds goes into the care plan"))
    enquiry = enquiry_under_way(case)
    if enquiry:
        step = next_step(_AtStage(case, enquiry))
        steps.append(NextStep(f"{step.what} (the child stays looked after)", step.due,
                              step.rule))
    if protection_plan(case):
        review = review_conference_step(case)
        steps.append(NextStep("Hold the review child protection conference (the child "
                              "protection plan goes on beside the care plan)", review.due,
                              f"{review.rule}; often held with the looked-after review"))
    return sorted(steps, key=lambda s: (s.due is None, s.due or date.min))


class _AtStage:
    """A record seen at another stage: a looked-after child's enquiry or conference,
    whose next step is counted as at its own stage."""

    def __init__(self, case, stage: str):
        self._case, self.stage = case, stage

    def __getattr__(self, name):
        return getattr(self._case, name)


def _pathway_planning(case, born: date | None, start: date | None) -> list[NextStep]:
    """From 16, for a young person looked after 13 weeks since 14 (an eligible child): the
    pathway plan and a personal adviser while still looked after, then its reviews."""
    if born is None or start is None:
        return []
    planned = _since(case, "pathway_plan_on", start)
    if planned:
        return [NextStep("Review the pathway plan", add_months(planned, PATHWAY_REVIEW_MONTHS),
                         "at least every 6 months")]
    became = looked_after.eligible_on(born, start)
    if became >= birthday(born, 18):
        return []
    return [NextStep("Assess needs and make the pathway plan, with a personal adviser",
                     add_months(became, PATHWAY_PLAN_MONTHS),
                     "within 3 months of becoming an eligible young person: 16, and looked "
                     "after for 13 weeks since 14")]


def next_step(case) -> NextStep | None:
    """What practice sets next for a case and the date to plan by, from the dates the
    record has (never assuming one: a missing date gives a step with no due date)."""
    stage = case.stage
    if stage == "contact":
        return _in_wd("Make the front-door decision on the contact",
                      _latest(case, "contact_on", "stage_on"), FRONT_DOOR_WORKING_DAYS,
                      "within one working day of the contact")
    if stage in ("referral", "assessment"):
        return _in_wd("Complete the Child and Family Assessment",
                      _first(case, "referral_on", "assessment_started_on", "stage_on",
                             "contact_on"), ASSESSMENT_WORKING_DAYS,
                      "within 45 working days of the referral")
    if stage == "strategy":
        return _in_wd("Hold the strategy discussion",
                      _first(case, "stage_on", "strategy_on", "referral_on", "contact_on"),
                      STRATEGY_WORKING_DAYS,
                      "within one working day of deciding to hold one; the same day if "
                      "the child is at immediate risk")
    if stage == "section47":
        return _in_wd("Conclude the Section 47 enquiry",
                      _first(case, "strategy_on", "section47_started_on", "stage_on"),
                      INITIAL_CONFERENCE_WORKING_DAYS,
                      "in time for an initial conference within 15 working days of the "
                      "strategy discussion, if one is needed")
    if stage == "initial_conference":
        held = case_value(case, "initial_conference_on")
        strategy = _first(case, "strategy_on", "section47_started_on")
        if conference_held(case):  # held; the plan begins
            return _in_wd("Hold the first core group meeting", held,
                          FIRST_CORE_GROUP_WORKING_DAYS,
                          "within 10 working days of the conference")
        return _in_wd("Hold the initial child protection conference",
                      strategy or _first(case, "stage_on"), INITIAL_CONFERENCE_WORKING_DAYS,
                      "within 15 working days of the strategy discussion")
    if review_brought_forward(case):
        strategy = _first(case, "strategy_on", "section47_started_on", "stage_on")
        early = add_working_days(strategy, INITIAL_CONFERENCE_WORKING_DAYS) if strategy \
            else None
        dues = [d for d in (early, review_conference_step(case).due) if d]
        due = min(dues) if dues else None
        return NextStep("Hold the review child protection conference, brought forward", due,
                        "the Section 47 enquiry found the child likely to suffer "
                        "significant harm; local practice: within 15 working days of the "
                        "strategy discussion, as for an initial conference")
    if stage in ("cp_plan", "review_due"):
        conference = _first(case, "initial_conference_on")
        core_group = case_value(case, "last_core_group_on")
        if conference and not (core_group and core_group >= conference):
            return _in_wd("Hold the first core group meeting", conference,
                          FIRST_CORE_GROUP_WORKING_DAYS,
                          "within 10 working days of the conference")
        return review_conference_step(case)
    if stage == "early_help":
        since = _latest(case, "stage_on", "plan_reviewed_on") or _first(case, "contact_on")
        return NextStep("Review the family plan at a Team Around the Family meeting",
                        since + timedelta(days=EARLY_HELP_REVIEW_DAYS) if since else None,
                        "every 6 weeks (local practice)")
    if stage == "cin_plan" or (stage == "stepped_down" and "in need" in (
            case_value(case, "stepped_down_to") or "").lower()):
        since = _latest(case, "stage_on", "plan_reviewed_on") or _first(
            case, "stepped_down_on", "contact_on")
        return NextStep("Review the Child in Need plan",
                        add_months(since, CIN_REVIEW_MONTHS) if since else None,
                        "at least every 3 months (local practice)")
    if stage == "stepped_down" and "early help" in (
            case_value(case, "stepped_down_to") or "").lower():
        since = _latest(case, "stepped_down_on", "stage_on", "plan_reviewed_on")
        return NextStep("Review the family plan at a Team Around the Family meeting",
                        since + timedelta(days=EARLY_HELP_REVIEW_DAYS) if since else None,
                        "every 6 weeks (local practice)")
    if stage == "looked_after":
        born = getattr(getattr(case, "child", None), "date_of_birth", None)
        steps = looked_after_steps(case, born)
        return steps[0] if steps else None
    # Closed; a care leaver (whose pathway plan has no timescale here); or stepped down to
    # universal services only, with nothing more from us.
    return None


# The date each stage counts its next step from; a record at that stage holds it, or the
# date it moved there (`stage_on`). An import is refused without either.
STAGE_DATES = {
    "contact": "contact_on", "referral": "referral_on", "early_help": "stage_on",
    "assessment": "referral_on", "strategy": "strategy_on", "section47": "strategy_on",
    "initial_conference": "strategy_on", "cp_plan": "initial_conference_on",
    "review_due": "initial_conference_on", "cin_plan": "stage_on",
    "stepped_down": "stepped_down_on", "looked_after": "looked_after_on",
    "leaving_care": "stage_on", "closed": "closed_on",
}


def stage_problems(row: dict) -> list[str]:
    """What a case row (as imported) lacks for its stage: the stage's date, and a closure
    reason only with a closure date."""
    stage = row.get("stage")
    if stage not in STAGE_DATES:
        return []
    problems = []
    needed = STAGE_DATES[stage]
    if not row.get(needed) and not row.get("stage_on"):
        problems.append(f"stage '{stage}' needs {needed} or stage_on, the date it began")
    # A closure may lack its reason (the legacy forms allow it; the census names it), but
    # a reason never stands without the closure it explains.
    if row.get("closure_reason") and not row.get("closed_on"):
        problems.append("closure_reason needs closed_on, the date the case closed")
    for category in (row.get("plan_category") or "").split(","):
        if category and category not in PLAN_CATEGORIES:
            problems.append(f"plan_category '{category[:20]}' is not one of "
                            f"{', '.join(PLAN_CATEGORIES)}")
    return problems


def case_value_allowed(column: str, value: str) -> bool:
    """Whether a form may put `value` in the case's `column` (what the pages and the
    import can show): known plan categories, a known closure reason, a short step-down."""
    if column == "plan_category":
        return all(part in PLAN_CATEGORIES for part in value.split(",") if part)
    if column == "closure_reason":
        return value in CLOSURE_REASONS
    if column == "placement_long_term":
        return value in ("yes", "no")
    if column == "temporary_approval":  # "ext": extended once, by up to 8 weeks (reg 25)
        return value in ("yes", "ext", "no")
    if column == "legal_status":
        return value in looked_after.LEGAL_STATUSES
    if column == "placement_type":
        return value in looked_after.PLACEMENT_TYPES
    return len(value) <= 120
