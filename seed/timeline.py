"""Pathway dates for one family, worked backwards from the reference date.

Each stage's latest event is placed shortly before the reference date; earlier events
are spaced by the gaps practice allows, in working days, so every case keeps to the
statutory timescales in sandbox.casework.pathway.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sandbox.casework import pathway as pw

from . import days


@dataclass
class Event:
    on: date
    kind: str  # a key of pathway.CHRONOLOGY_KINDS
    step: str  # which texts to use: contact, referral, assessment, strategy, ...
    source: str
    title: str


@dataclass
class Timeline:
    dates: dict = field(default_factory=dict)  # the case's own columns
    events: list[Event] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # dates the forms record (child seen, ...)


def _back(day: date, rng: random.Random, low: int, high: int) -> date:
    return days.add_working_days(day, -rng.randint(low, high))


# Limits in calendar time (core groups six weeks apart, reviews within three and six
# months) are kept this many days inside: placed at another anchor (seed.anchor, which keeps
# working days), a calendar gap can stretch by the bank holidays it comes to span.
CALENDAR_MARGIN_DAYS = 4
REVIEW_MARGIN_DAYS = 7  # three months can come to span five bank holidays more


def previous_working_day(day: date) -> date:
    while not days.is_working_day(day):
        day -= timedelta(days=1)
    return day


def build(rng: random.Random, stage: str, as_of: date, stepped_down_to: str,
          urgent: bool = False) -> Timeline:
    """Dates and events for a family whose cases have reached `stage` by `as_of`. An
    `urgent` contact (a disclosure of sexual harm, an injury) has its strategy discussion
    the same or the next working day; otherwise the discussion comes during the
    assessment."""
    if stage == "s47_cin":
        return _enquiry_to_child_in_need(rng, as_of, urgent)
    if stage in ("assessment_nfa", "assessment_eh"):
        return _assessment_closes(rng, stage, as_of)
    if stage == "lac_from_cp":
        # A child protection plan whose changes were not made: care proceedings, and an
        # interim care order months ago (seed.looked_after writes the period of care).
        started = _back(as_of, rng, 45, 150)
        t = build(rng, "cp_plan", started, stepped_down_to, urgent)
        t.extra["lac_started"] = t.dates["stage_on"] = started
        return t
    if stage not in pw.CP_PATH:
        return _off_the_cp_path(rng, stage, as_of)
    reached = pw.CP_PATH.index(stage)
    t = Timeline()
    d = t.dates

    # Anchor the stage's latest event, then walk back to the contact.
    conference = review = None
    if stage == "contact":
        contact = _back(as_of, rng, 0, 1)
    elif stage == "referral":
        contact = _back(as_of, rng, 2, 4)
    elif stage == "assessment":
        contact = _back(as_of, rng, 6, 38)
    elif stage in ("strategy", "section47"):
        if stage == "strategy":
            strategy = as_of if urgent else _back(as_of, rng, 1, 3)
        else:
            strategy = _back(as_of, rng, 3, 9)
        # An urgent contact's assessment starts the day it comes in, the day before the
        # discussion at the latest when it is to be held today.
        contact = _back(strategy, rng, 1 if strategy == as_of else 0, 1) if urgent \
            else _back(strategy, rng, 4, 14)
    else:
        if stage == "initial_conference":
            conference = _back(as_of, rng, 1, 7)
        elif stage == "cp_plan":
            if rng.random() < 0.5:
                conference = _back(as_of, rng, 12, 40)
            else:
                review = _back(as_of, rng, 5, 90)
                conference = pw.next_working_day(pw.add_months(review, -3) + timedelta(
                    days=rng.randint(8, 16)))
        elif stage == "review_due":
            # The review the conference set (a week inside three months) falls due soon.
            due = days.add_working_days(as_of, rng.randint(5, 15))
            conference = pw.next_working_day(pw.add_months(due, -3) + timedelta(
                days=REVIEW_MARGIN_DAYS))
        else:  # stepped_down
            review = _back(as_of, rng, 5, 50)
            months = rng.choice((3, 9))
            inside = rng.randint(8, 16) + (12 if months == 9 else 0)
            conference = pw.next_working_day(pw.add_months(review, -months) + timedelta(
                days=inside))
        strategy = _back(conference, rng, 8, 14)
        contact = _back(strategy, rng, 0, 1) if urgent else _back(strategy, rng, 4, 14)

    d["contact_on"] = contact
    t.events.append(Event(contact, "contact", "contact", "", "Contact received"))
    if reached >= 1:
        d["referral_on"] = contact if urgent else days.add_working_days(contact,
                                                                       rng.randint(0, 1))
        t.events.append(Event(d["referral_on"], "decision", "referral", "Children's social care",
                              "Referral accepted"))
    if reached >= 2:
        d["assessment_started_on"] = d["referral_on"] if urgent else days.add_working_days(
            d["referral_on"], rng.randint(1, 3))
        t.events.append(Event(d["assessment_started_on"], "visit", "assessment",
                              "Children's social care", "Child and Family Assessment started"))
    if reached >= 3:
        d["strategy_on"] = max(strategy, d["assessment_started_on"])
    if reached >= 3 or stage == "assessment":
        # The assessment runs its course: days to weeks, beside any enquiry.
        start, referral = d["assessment_started_on"], d["referral_on"]
        wanted = days.add_working_days(d.get("strategy_on", start), rng.randint(4, 12))
        done = min(wanted, days.add_working_days(referral, 43), as_of)
        t.extra["assessment_done_on"] = max(done, min(days.add_working_days(start, 1), as_of))
        t.extra["child_seen_on"] = start if urgent else min(
            days.add_working_days(start, rng.randint(0, 2)), t.extra["assessment_done_on"])
    if reached >= 3:
        t.events.append(Event(d["strategy_on"], "meeting", "strategy",
                              "Police, health and children's social care",
                              "Strategy discussion"))
    if reached >= 4:
        d["section47_started_on"] = d["strategy_on"]
        seen = min(days.add_working_days(d["strategy_on"], 0 if urgent else 1), as_of)
        t.extra["s47_seen_on"] = seen
        t.events.append(Event(seen, "visit", "section47",
                              "Children's social care", "Section 47 enquiry: child seen"))
    if reached >= 5:
        # The enquiry ends days after the child is seen, in time for the report to be
        # shared three working days before the conference.
        done = min(days.add_working_days(seen, rng.randint(3, 7)),
                   days.add_working_days(conference, -4))
        t.extra["s47_done_on"] = max(done, days.add_working_days(seen, 1))
        t.events.append(Event(t.extra["s47_done_on"], "decision", "section47_done",
                              "Children's social care", "Section 47 enquiry concluded"))
    if reached >= 5:
        d["initial_conference_on"] = conference
        t.events.append(Event(conference, "meeting", "initial_conference",
                              "Child protection conference",
                              "Initial child protection conference"))
    if reached >= 6:
        _core_groups_and_reviews(rng, t, conference, review, as_of, stage, stepped_down_to)
    return t


def _enquiry_to_child_in_need(rng: random.Random, as_of: date, urgent: bool) -> Timeline:
    """An enquiry that found harm but no continuing risk of significant harm (conclusion
    2): no conference; the assessment concludes with a Child in Need plan."""
    plan = _back(as_of, rng, 10, 90)
    done = _back(plan, rng, 1, 4)
    t = build(rng, "section47", days.add_working_days(done, rng.randint(2, 6)), "", urgent)
    d = t.dates
    seen = t.extra["s47_seen_on"]
    done = max(done, days.add_working_days(seen, 2))
    plan = max(plan, days.add_working_days(done, 1))
    t.extra["s47_done_on"] = done
    t.events.append(Event(done, "decision", "section47_no_conference",
                          "Children's social care",
                          "Section 47 enquiry concluded: no initial conference needed"))
    t.extra["assessment_done_on"] = min(plan, days.add_working_days(d["referral_on"], 43))
    d["stage_on"] = plan
    t.events.append(Event(plan, "decision", "cin_plan", "Children's social care",
                          "Child in Need plan agreed"))
    _cin_reviews(rng, t, plan, plan, as_of)
    return t


def _assessment_closes(rng: random.Random, stage: str, as_of: date) -> Timeline:
    """A referral whose assessment found no need for children's social care: the manager
    authorises it, within 45 working days of the referral, closing the episode with no
    further action (RC8) or to Early Help (RC9), and the case closes (or Early Help takes
    it on) that day (PRACTICE.md §1.3, §1.11)."""
    t = Timeline()
    d = t.dates
    authorised = _back(as_of, rng, 2, 60)
    referral = _back(authorised, rng, 12, 38)
    contact = _back(referral, rng, 0, 1)
    d["contact_on"], d["referral_on"] = contact, referral
    t.events.append(Event(contact, "contact", "contact", "", "Contact received"))
    t.events.append(Event(referral, "decision", "referral", "Children's social care",
                          "Referral accepted"))
    d["assessment_started_on"] = days.add_working_days(referral, rng.randint(1, 3))
    t.events.append(Event(d["assessment_started_on"], "visit", "assessment",
                          "Children's social care", "Child and Family Assessment started"))
    t.extra["assessment_done_on"] = authorised
    t.extra["child_seen_on"] = days.add_working_days(d["assessment_started_on"],
                                                     rng.randint(0, 3))
    d["stage_on"] = authorised
    t.extra["csc_ended_on"] = authorised  # nothing of the social worker's after it
    if stage == "assessment_nfa":
        d["closed_on"], d["closure_reason"] = authorised, "RC8"
        t.events.append(Event(authorised, "decision", stage, "Children's social care",
                              "Assessment concluded: no further action"))
    else:
        t.events.append(Event(authorised, "decision", stage, "Children's social care",
                              "Assessment concluded: Early Help"))
    return t


def _off_the_cp_path(rng: random.Random, stage: str, as_of: date) -> Timeline:
    """Early Help or closed at the front door, or a Child in Need plan after an
    assessment (the generator's usual mix stays on the child-protection path; these are
    made when a training session's scenario starts from them)."""
    t = Timeline()
    d = t.dates
    if stage == "cin_plan":
        authorised = _back(as_of, rng, 5, 30)
        contact = _back(authorised, rng, 20, 40)
    else:
        contact = _back(as_of, rng, 10, 30) if stage == "early_help" else _back(as_of, rng, 2, 8)
    d["contact_on"] = contact
    t.events.append(Event(contact, "contact", "contact", "", "Contact received"))
    decided = days.add_working_days(contact, rng.randint(0, 1))
    if stage == "cin_plan":
        d["referral_on"] = decided
        t.events.append(Event(decided, "decision", "referral", "Children's social care",
                              "Referral accepted"))
        d["assessment_started_on"] = days.add_working_days(decided, 1)
        t.events.append(Event(d["assessment_started_on"], "visit", "assessment",
                              "Children's social care", "Child and Family Assessment started"))
        d["stage_on"] = authorised
        t.events.append(Event(authorised, "decision", "cin_plan", "Children's social care",
                              "Child in Need plan agreed"))
        _cin_reviews(rng, t, authorised, authorised, as_of)
    else:
        d["stage_on"] = decided
        t.events.append(Event(decided, "decision", stage, "Children's social care",
                              "Early Help offered" if stage == "early_help"
                              else "No further action"))
        if stage == "closed":
            d["closed_on"], d["closure_reason"] = decided, "contact"
    return t


def _core_groups_and_reviews(rng, t, conference, review, as_of, stage, stepped_down_to):
    d = t.dates
    end = review if stage == "stepped_down" else as_of
    meeting = days.add_working_days(conference, rng.randint(5, 10))
    while meeting <= end:
        d["last_core_group_on"] = meeting
        t.events.append(Event(meeting, "meeting", "core_group", "Core group", "Core group meeting"))
        meeting = previous_working_day(meeting + timedelta(
            days=rng.randint(28, 42 - CALENDAR_MARGIN_DAYS)))
    if review is None:
        return
    # Reviews: the first within three months of the conference, then at most six months
    # apart, up to the latest one.
    reviews = [review]
    if review > pw.add_months(conference, 3):
        first = previous_working_day(pw.add_months(conference, 3)
                                     - timedelta(days=REVIEW_MARGIN_DAYS))
        reviews.insert(0, max(first, pw.next_working_day(pw.add_months(review, -6) + timedelta(
            days=REVIEW_MARGIN_DAYS))))
    for held in reviews[:-1]:
        t.events.append(Event(held, "meeting", "review", "Child protection conference",
                              "Review child protection conference"))
    if stage == "stepped_down":
        d["stepped_down_on"] = review
        d["stepped_down_to"] = stepped_down_to
        t.events.append(Event(review, "decision", "step_down", "Child protection conference",
                              "Child protection plan ended"))
        if stepped_down_to == "Child in Need plan":
            # The review conference that ends the child protection plan agrees the Child
            # in Need plan, which starts that day: the DfE's rules (4016) allow a plan
            # starting on the day the other ends, not one open while the other is. Its
            # reviews count from the step-down, as the record's next step does.
            start = review
            t.events.append(Event(start, "meeting", "cin_plan_start",
                                  "Children's social care", "Child in Need plan agreed"))
            _cin_reviews(rng, t, start, review, as_of)
    else:
        t.events.append(Event(review, "meeting", "review", "Child protection conference",
                              "Review child protection conference"))
    d["last_review_on"] = review


def _cin_reviews(rng, t: Timeline, start: date, since: date, as_of: date) -> None:
    """A Child in Need plan starting on `start`, and its reviews: at least every three
    months (local practice, PRACTICE.md §1.10) from `since` (the date the record moved to
    the plan, which the record's next step counts from), each a week or so inside the
    limit, up to `as_of`."""
    t.extra["cin_plan_on"] = start
    held = []
    while True:
        due = pw.add_months(held[-1] if held else since, pw.CIN_REVIEW_MONTHS)
        review = previous_working_day(due - timedelta(days=REVIEW_MARGIN_DAYS
                                                      + rng.randint(0, 7)))
        if review > as_of:
            break
        held.append(review)
        t.events.append(Event(review, "meeting", "cin_review", "Children's social care",
                              "Child in Need review"))
    t.extra["cin_reviews"] = held
    t.extra["cin_review_due"] = pw.add_months(held[-1] if held else since,
                                              pw.CIN_REVIEW_MONTHS)
    if held:
        t.dates["plan_reviewed_on"] = held[-1]


def visit_days(rng: random.Random, t: Timeline, as_of: date) -> list[tuple[date, str]]:
    """The family's visits as (date, kind): the assessment and enquiry visits, then
    statutory visits at least every 10 working days on a child protection plan and every
    20 on a Child in Need plan (PRACTICE.md §2), each child seen at home."""
    d, found = t.dates, []
    if d.get("assessment_started_on") and (d.get("stage_on") is None
                                           or "csc_ended_on" in t.extra):
        found.append((d["assessment_started_on"], "assessment"))
    if t.extra.get("s47_seen_on"):
        found.append((t.extra["s47_seen_on"], "section47"))
    conference = d.get("initial_conference_on")
    if conference:
        end = d.get("stepped_down_on") or t.extra.get("lac_started") or as_of
        day = days.add_working_days(conference, rng.randint(1, 5))
        while day <= end:
            if day != t.extra.get("lac_started"):  # that day, the child came into care
                found.append((day, "cp"))
            day = days.add_working_days(day, rng.randint(5, 9))
    cin_from = d.get("stepped_down_on") if d.get("stepped_down_to") == "Child in Need plan" \
        else d.get("stage_on") if "cin_plan_on" in t.extra else None
    if cin_from:
        day = days.add_working_days(cin_from, rng.randint(3, 10))
        while day <= as_of:
            found.append((day, "cin"))
            day = days.add_working_days(day, rng.randint(10, 17))
    return [(day, kind) for day, kind in found if day <= as_of]
