"""The looked-after children's care pathway (PRACTICE.md §1.12 and §4): which moves are
allowed from where, and the statutory timescales each record's dates give."""

from datetime import date
from types import SimpleNamespace

import pytest

from sandbox.casework import pathway as pw

_ALL = pw.STAGE_KEYS
# Any open children's social care stage can lead to a child becoming looked after; a care
# leaver can come back into care. Early Help (not children's social care) and a closed
# case go through the front door first; a looked-after child has a new episode instead.
_INTO_CARE = {"contact", "referral", "assessment", "strategy", "section47",
              "initial_conference", "cp_plan", "review_due", "cin_plan", "stepped_down",
              "leaving_care"}

MOVES = [
    # move, the stages it may be made from
    ("lac_start", _INTO_CARE),
    ("lac_new_episode", {"looked_after"}),
    ("lac_ceased_closed", {"looked_after"}),
    ("lac_ceased_cin", {"looked_after"}),
    ("lac_ceased_leaving_care", {"looked_after"}),
]


@pytest.mark.parametrize("move, allowed", MOVES)
@pytest.mark.parametrize("stage", _ALL)
def test_care_pathway_moves_from_each_stage(move, allowed, stage):
    problem = pw.refusal(pw.TRANSITIONS[move], stage, SimpleNamespace(stage=stage))
    if stage in allowed:
        assert problem is None
    else:
        assert problem and "cannot be recorded here" in problem


@pytest.mark.parametrize("move, to", [
    ("lac_start", "looked_after"), ("lac_new_episode", "looked_after"),
    ("lac_ceased_closed", "closed"), ("lac_ceased_cin", "cin_plan"),
    ("lac_ceased_leaving_care", "leaving_care")])
def test_care_pathway_moves_go_where_the_practice_table_says(move, to):
    case = SimpleNamespace(stage="looked_after", strategy_from=None)
    assert pw.destination(pw.TRANSITIONS[move], case) == to


def test_a_looked_after_child_ceases_to_be_looked_after_before_the_case_closes():
    # Closing straight from looked after would lose the 903 reason the episode ended.
    assert pw.refusal(pw.TRANSITIONS["closure"], "looked_after")
    assert pw.refusal(pw.TRANSITIONS["closure"], "leaving_care") is None
    assert pw.refusal(pw.TRANSITIONS["closure"], "cin_plan") is None


def _case(**dates):
    columns = ("looked_after_on", "placement_on", "care_plan_on", "placement_plan_on",
               "first_lac_review_on", "last_lac_review_on", "last_lac_visit_on",
               "health_assessment_on", "pep_on", "placement_long_term", "stage_on",
               "legal_status", "placement_type", "temporary_approval")
    return SimpleNamespace(stage="looked_after", **{**dict.fromkeys(columns), **dates})


# Looked after on Monday 23 March 2026; Good Friday (3 April) and Easter Monday (6 April)
# are bank holidays, so every working-day count from it skips them.
START = date(2026, 3, 23)
TEEN = date(2012, 5, 1)  # 13 when looked after
TODDLER = date(2024, 6, 1)  # under 3: no education plan yet

TIMESCALES = [
    # what the record holds, date of birth, {step (its start): date to plan by}
    ("newly looked after", dict(looked_after_on=START, placement_on=START), TEEN, {
        "Agree the care plan": date(2026, 4, 8),  # 10 WD
        "Agree the placement plan": date(2026, 3, 30),  # 5 WD
        "Hold the first looked-after review": date(2026, 4, 22),  # 20 WD
        "Visit the child in their placement": date(2026, 3, 30),  # 1 week
        "Have the initial health assessment done": date(2026, 4, 22),  # 20 WD
        "Start the personal education plan": date(2026, 4, 8),  # 10 WD
    }),
    ("plans, review, visit, health and education done", dict(
        looked_after_on=START, placement_on=START, care_plan_on=date(2026, 3, 27),
        placement_plan_on=date(2026, 3, 25), first_lac_review_on=date(2026, 4, 20),
        last_lac_review_on=date(2026, 4, 20), last_lac_visit_on=date(2026, 3, 27),
        health_assessment_on=date(2026, 4, 14), pep_on=date(2026, 4, 2)), TEEN, {
        "Hold the second looked-after review": date(2026, 7, 20),  # 3 months
        "Visit the child": date(2026, 5, 8),  # 6 weeks
        "Have the review health assessment done": date(2027, 4, 14),  # 12 months from 5
        "Review the personal education plan": date(2026, 7, 2),  # each term
    }),
    ("second review held; a baby's health review", dict(
        looked_after_on=START, placement_on=START, care_plan_on=START,
        placement_plan_on=START, first_lac_review_on=date(2026, 4, 20),
        last_lac_review_on=date(2026, 7, 13), last_lac_visit_on=date(2026, 7, 1),
        health_assessment_on=date(2026, 4, 1)), TODDLER, {
        "Hold the next looked-after review": date(2027, 1, 13),  # 6 months
        "Visit the child": date(2026, 8, 12),
        "Have the review health assessment done": date(2026, 10, 1),  # 6 months under 5
    }),
    ("a placement move: the week's visit and a new placement plan", dict(
        looked_after_on=START, placement_on=date(2026, 9, 1), care_plan_on=START,
        placement_plan_on=START, first_lac_review_on=date(2026, 4, 20),
        last_lac_review_on=date(2026, 7, 13), last_lac_visit_on=date(2026, 8, 20),
        health_assessment_on=date(2026, 4, 1), pep_on=date(2026, 7, 1)), TEEN, {
        "Agree the placement plan": date(2026, 9, 8),  # 5 WD from the move
        "Visit the child in their placement": date(2026, 9, 8),  # within a week of it
        "Hold the next looked-after review": date(2027, 1, 13),
    }),
    ("after a long-term placement's first year: 3-monthly visits", dict(
        looked_after_on=START, placement_on=START, placement_long_term="yes",
        last_lac_visit_on=date(2027, 4, 1)), TEEN, {
        "Visit the child": date(2027, 7, 1)}),
    ("after a placement's first year, not meant to last: still 6 weeks", dict(
        looked_after_on=START, placement_on=START, placement_long_term="no",
        last_lac_visit_on=date(2027, 4, 1)), TEEN, {
        "Visit the child": date(2027, 5, 13)}),
    ("an interim care order, living with a parent: weekly visits to the first review",
     dict(looked_after_on=START, placement_on=START, legal_status="C1",
          placement_type="P1", last_lac_visit_on=date(2026, 3, 27)), TEEN, {
        "Visit the child": date(2026, 4, 3)}),
    ("an interim care order, living with a parent: then at most 4 weeks apart", dict(
        looked_after_on=START, placement_on=START, legal_status="C1", placement_type="P1",
        first_lac_review_on=date(2026, 4, 20), last_lac_review_on=date(2026, 4, 20),
        last_lac_visit_on=date(2026, 4, 21)), TEEN, {
        "Visit the child": date(2026, 5, 19)}),
    # Regulations 24, 25 and 28: a relative or friend with temporary approval: weekly to
    # the first review, then at most 4 weeks; the approval ends within 16 weeks.
    ("a relative with temporary approval: weekly visits, the approval's end", dict(
        looked_after_on=START, placement_on=START, legal_status="C1", placement_type="U3",
        temporary_approval="yes", last_lac_visit_on=date(2026, 3, 27)), TEEN, {
        "Visit the child": date(2026, 4, 3),
        "Temporary approval of the relative or friend ends": date(2026, 7, 13)}),
    ("a relative with temporary approval: then at most 4 weeks apart", dict(
        looked_after_on=START, placement_on=START, legal_status="V2", placement_type="U3",
        temporary_approval="yes", first_lac_review_on=date(2026, 4, 20),
        last_lac_review_on=date(2026, 4, 20), last_lac_visit_on=date(2026, 4, 21)), TEEN, {
        "Visit the child": date(2026, 5, 19)}),
    ("a relative fully approved as a foster carer: the general 6 weeks", dict(
        looked_after_on=START, placement_on=START, legal_status="C1", placement_type="U3",
        temporary_approval="no", last_lac_visit_on=date(2026, 3, 27)), TEEN, {
        "Visit the child": date(2026, 5, 8)}),
    ("a care order, living with a parent: the general 6 weeks", dict(
        looked_after_on=START, placement_on=START, legal_status="C2", placement_type="P1",
        last_lac_visit_on=date(2026, 3, 27)), TEEN, {
        "Visit the child": date(2026, 5, 8)}),
    # Regulation 28: a care order made while the child lives at home, visited within a
    # week of the order (a new episode: the legal status changed on Monday 1 June).
    ("a care order made at home: a visit within a week of it", dict(
        looked_after_on=START, placement_on=START, legal_status="C2", placement_type="P1",
        legal_status_on=date(2026, 6, 1), last_lac_visit_on=date(2026, 5, 20)), TEEN, {
        "Visit the child at home": date(2026, 6, 8)}),
    ("a care order made at home, then visited: the general 6 weeks", dict(
        looked_after_on=START, placement_on=START, legal_status="C2", placement_type="P1",
        legal_status_on=date(2026, 6, 1), last_lac_visit_on=date(2026, 6, 4)), TEEN, {
        "Visit the child": date(2026, 7, 16)}),
    ("a new period of care: what was done in the last one counts for nothing", dict(
        looked_after_on=START, placement_on=START, care_plan_on=date(2025, 1, 6),
        first_lac_review_on=date(2025, 2, 3), last_lac_review_on=date(2025, 5, 1),
        health_assessment_on=date(2025, 1, 20)), TEEN, {
        "Agree the care plan": date(2026, 4, 8),
        "Hold the first looked-after review": date(2026, 4, 22),
        "Have the initial health assessment done": date(2026, 4, 22),
    }),
]


@pytest.mark.parametrize("record, born, expected", [t[1:] for t in TIMESCALES],
                         ids=[t[0] for t in TIMESCALES])
def test_looked_after_timescales(record, born, expected):
    steps = pw.looked_after_steps(_case(**record), born)
    due = {s.what: s.due for s in steps}
    for what, when in expected.items():
        found = [d for w, d in due.items() if w.startswith(what)]
        assert found == [when], (what, due)
    # Soonest first, and the record's next step is the soonest.
    assert [s.due for s in steps] == sorted(s.due for s in steps)
    case = _case(**record)
    case.child = SimpleNamespace(date_of_birth=born)
    assert pw.next_step(case) == steps[0]


@pytest.mark.parametrize("status", pw.SHORT_BREAKS)
def test_a_child_on_short_breaks_is_visited_as_their_plan_agrees(status):
    """Regulation 48: visits during short breaks at the intervals agreed with the IRO and
    the parents, not every 6 weeks; the other dates still follow the regulations."""
    steps = pw.looked_after_steps(_case(looked_after_on=START, placement_on=START,
                                        legal_status=status,
                                        last_lac_visit_on=date(2026, 3, 27)), TEEN)
    visits = [s for s in steps if s.what.startswith("Visit")]
    assert [(s.what, s.due) for s in visits] == [("Visit the child during a short break",
                                                  None)]
    assert "agreed with the IRO and the parents" in visits[0].rule
    assert steps[-1] is visits[0]  # the dated steps first
    assert {s.what: s.due for s in steps}["Hold the first looked-after review"] == date(
        2026, 4, 22)


def test_a_child_under_three_has_no_education_plan_step_yet():
    steps = pw.looked_after_steps(_case(looked_after_on=START), TODDLER)
    assert not [s for s in steps if "education" in s.what]


def test_a_care_leaver_and_the_closed_have_no_looked_after_dates():
    assert pw.next_step(SimpleNamespace(stage="leaving_care")) is None


@pytest.mark.parametrize("move", ["strategy_s47_single", "strategy_assessment"])
def test_a_strategy_discussion_for_a_looked_after_child_is_recorded_in_care(move):
    """Practice allows one (PRACTICE.md §1.12): made alongside the care plan."""
    case = SimpleNamespace(stage="looked_after", strategy_from=None)
    assert pw.refusal(pw.TRANSITIONS[move], "looked_after", case) is None
    assert pw.destination(pw.TRANSITIONS[move], case) == "looked_after"


@pytest.mark.parametrize("held", ["cp_plan", "assessment", "initial_conference"])
def test_a_second_piece_of_protection_work_in_care_is_not_called_forbidden(held):
    """Where the training copy cannot hold a second piece of work beside the care plan, it
    says so, never that practice forbids a strategy discussion."""
    case = SimpleNamespace(stage="looked_after", strategy_from=held)
    problem = pw.refusal(pw.TRANSITIONS["strategy_s47_joint"], "looked_after", case)
    assert "this training copy" in problem and "case note" in problem
    assert "cannot be recorded here" not in problem


@pytest.mark.parametrize("status, name, ends", [
    ("L1", "Police protection", date(2026, 3, 26)),
    ("L2", "The emergency protection order", date(2026, 3, 31)),
    ("L3", "The child assessment order", date(2026, 3, 30))])
def test_an_emergency_power_ends_and_the_record_asks_what_happens_next(status, name, ends):
    steps = pw.looked_after_steps(_case(looked_after_on=START, legal_status=status), TEEN)
    step = next(s for s in steps if s.what.startswith(name))
    assert step.due == ends and "section 20, or ceasing to be looked after" in step.what


def test_an_emergency_power_is_counted_from_its_start_not_a_later_move():
    """An emergency protection order made on 23 March ends on 31 March however often the
    child moves; one that follows police protection is counted from its own day."""
    moved = _case(looked_after_on=START, legal_status="L2",
                  placement_on=date(2026, 3, 27))
    assert next(s for s in pw.looked_after_steps(moved, TEEN)
                if s.what.startswith("The emergency")).due == date(2026, 3, 31)
    after_police = _case(looked_after_on=START, legal_status="L2",
                         legal_status_on=date(2026, 3, 25))
    assert next(s for s in pw.looked_after_steps(after_police, TEEN)
                if s.what.startswith("The emergency")).due == date(2026, 4, 2)


def test_a_child_under_a_care_order_has_no_emergency_power_to_end():
    steps = pw.looked_after_steps(_case(looked_after_on=START, legal_status="C2"), TEEN)
    assert not [s for s in steps if "ends:" in s.what]


def test_a_child_of_three_at_nursery_has_an_education_plan_step():
    steps = pw.looked_after_steps(_case(looked_after_on=START), date(2022, 9, 1))
    assert [s for s in steps if s.what == "Start the personal education plan"]


def test_an_eligible_young_person_has_a_pathway_plan_and_adviser_due_then_reviewed():
    """Born 1 June 2010, looked after from 23 March 2026 (aged 15): eligible once 16 and 13
    weeks in care, on 22 June 2026; the pathway plan is due within 3 months of that, then
    reviewed at least every 6 months. A child of 13 has none due yet; nor does a young
    person who would only become eligible at 18."""
    sixteen_soon = date(2010, 6, 1)
    steps = {s.what: s.due for s in pw.looked_after_steps(_case(looked_after_on=START),
                                                          sixteen_soon)}
    assert steps["Assess needs and make the pathway plan, with a personal adviser"] == date(
        2026, 9, 22)
    planned = pw.looked_after_steps(_case(looked_after_on=START,
                                          pathway_plan_on=date(2026, 7, 1)), sixteen_soon)
    assert {s.what: s.due for s in planned}["Review the pathway plan"] == date(2027, 1, 1)
    # Looked after at 17 years and 11 months: 13 weeks would take them past 18.
    late = pw.looked_after_steps(_case(looked_after_on=START), date(2008, 4, 20))
    assert not [s for s in late if "pathway plan" in s.what]
    young = pw.looked_after_steps(_case(looked_after_on=START), TEEN)
    assert [s.due for s in young if "pathway plan" in s.what] == [date(2028, 8, 1)]
