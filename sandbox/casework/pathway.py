"""The English child-protection pathway: stages, statutory timescales, working days.

Plain functions with no database, shared by the seed generator and the app.
Timescales follow Working Together to Safeguard Children: an assessment within 45
working days of referral; an initial conference within 15 working days of the strategy
discussion; the first core group within 10 working days of the conference; a review
conference within 3 months, then at most every 6 months.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    summary: str


STAGES = [
    Stage("contact", "Contact", "A contact has been received and is being looked at."),
    Stage("referral", "Referral",
          "The contact was accepted as a referral to children's social care."),
    Stage("assessment", "Child and Family Assessment",
          "A Child and Family Assessment is under way."),
    Stage("strategy", "Strategy discussion",
          "A strategy discussion has been held with police and health colleagues."),
    Stage("section47", "Section 47 enquiry",
          "A Section 47 enquiry is under way to find out whether the child is at risk of "
          "significant harm."),
    Stage("initial_conference", "Initial child protection conference",
          "An initial child protection conference has been held."),
    Stage("cp_plan", "Child protection plan",
          "The child has a child protection plan; the core group meets regularly."),
    Stage("review_due", "Review conference due",
          "The child protection plan is due to be reviewed at a conference."),
    Stage("stepped_down", "Stepped down",
          "The child protection plan has ended and support continues at a lower level."),
]
STAGE_BY_KEY = {s.key: s for s in STAGES}
STAGE_KEYS = [s.key for s in STAGES]

CONCERNS = {
    "neglect": "Neglect",
    "domestic_abuse": "Domestic abuse",
    "parental_mental_health": "Parental mental health",
    "substance_misuse": "Parental drug or alcohol use",
    "physical_harm": "Physical harm",
    "emotional_harm": "Emotional harm",
    "sexual_harm": "Sexual harm",
}

# The four categories a child protection plan can be made under.
PLAN_CATEGORIES = {
    "neglect": "Neglect",
    "physical": "Physical abuse",
    "emotional": "Emotional abuse",
    "sexual": "Sexual abuse",
}

CHRONOLOGY_KINDS = {
    "significant_event": "Significant event",
    "contact": "Contact or referral",
    "visit": "Visit",
    "meeting": "Meeting",
    "decision": "Decision",
}

ASSESSMENT_WORKING_DAYS = 45
INITIAL_CONFERENCE_WORKING_DAYS = 15
FIRST_CORE_GROUP_WORKING_DAYS = 10
CORE_GROUP_INTERVAL_DAYS = 42  # common local practice: at least every six weeks
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6


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


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class NextStep:
    what: str
    due: date | None
    rule: str


def next_step(case) -> NextStep | None:
    """What comes next for a case and the date to plan by, from its pathway dates."""
    stage = case.stage
    if stage == "contact":
        return NextStep("Decide whether the contact becomes a referral",
                        add_working_days(case.contact_on, 1), "within one working day")
    if stage in ("referral", "assessment"):
        start = case.assessment_started_on or case.referral_on
        return NextStep("Complete the Child and Family Assessment",
                        add_working_days(start, ASSESSMENT_WORKING_DAYS),
                        "within 45 working days of the referral")
    if stage in ("strategy", "section47"):
        return NextStep("Hold the initial child protection conference",
                        add_working_days(case.strategy_on, INITIAL_CONFERENCE_WORKING_DAYS),
                        "within 15 working days of the strategy discussion")
    if stage == "initial_conference":
        return NextStep("Hold the first core group meeting",
                        add_working_days(case.initial_conference_on,
                                         FIRST_CORE_GROUP_WORKING_DAYS),
                        "within 10 working days of the conference")
    if stage in ("cp_plan", "review_due"):
        if case.last_review_on:
            review = add_months(case.last_review_on, LATER_REVIEW_MONTHS)
            rule = "no more than 6 months after the last review"
        else:
            review = add_months(case.initial_conference_on, FIRST_REVIEW_MONTHS)
            rule = "within 3 months of the initial conference"
        return NextStep("Hold the review child protection conference", review, rule)
    return None
