from datetime import date
from types import SimpleNamespace

import pytest

from sandbox.casework import nhs
from sandbox.casework import pathway as pw
from sandbox.casework.ages import school_year


def test_working_days_skip_weekends_and_bank_holidays():
    # Christmas 2026 is a Friday; Boxing Day falls on Saturday, so Monday 28th is off.
    assert pw.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    # Good Friday and Easter Monday 2027.
    assert pw.add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)
    assert pw.add_working_days(date(2026, 11, 2), 5) == date(2026, 11, 9)
    assert pw.add_working_days(date(2026, 11, 9), -5) == date(2026, 11, 2)


def test_next_step_dates():
    case = SimpleNamespace(stage="initial_conference", strategy_on=date(2026, 11, 2))
    step = pw.next_step(case)
    assert step.due == date(2026, 11, 23)
    assert "15 working days" in step.rule
    review = SimpleNamespace(stage="cp_plan", initial_conference_on=date(2026, 8, 31),
                             last_core_group_on=date(2026, 9, 10), last_review_on=None)
    assert pw.next_step(review).due == date(2026, 11, 30)
    first = SimpleNamespace(stage="cp_plan", initial_conference_on=date(2026, 8, 31))
    assert pw.next_step(first).what == "Hold the first core group meeting"
    assert pw.next_step(SimpleNamespace(stage="stepped_down")) is None
    assert pw.next_step(SimpleNamespace(stage="closed")) is None


@pytest.mark.parametrize("stage", pw.STAGE_KEYS)
def test_a_stage_without_any_of_its_dates_still_has_a_next_step(stage):
    """A record moved or imported without its dates: the step, with no due date."""
    bare = SimpleNamespace(stage=stage, **dict.fromkeys(pw.STAGE_DATES.values()))
    step = pw.next_step(bare)
    assert step is None or (step.due is None and step.what and step.rule)
    dated = SimpleNamespace(stage=stage, **{**dict.fromkeys(pw.STAGE_DATES.values()),
                                            "stage_on": date(2026, 11, 2)})
    step = pw.next_step(dated)
    assert step is None or step.due is not None


def test_every_transition_is_between_known_stages_and_decided_by_a_role():
    for move in pw.TRANSITIONS.values():
        assert move.to in pw.STAGE_BY_KEY and move.decided_by in pw.CASE_ROLES
        assert set(move.sources) <= set(pw.STAGE_BY_KEY)
    # Never a path to a conference or a plan that skips the strategy discussion and s47.
    # (A looked-after child's plan goes on beside the care plan: its meetings are made
    # alongside, never moving the record out of care; going home returns to a plan only
    # one held, `back`.)
    into_cp = [m for m in pw.TRANSITIONS.values() if m.to in ("initial_conference", "cp_plan")]
    assert all(set(m.sources) - set(m.alongside) <= {"section47", "initial_conference",
                                                      "cp_plan", "review_due"}
               for m in into_cp)
    assert all(set(m.back) <= set(pw.CALLED_FROM) for m in pw.TRANSITIONS.values())
    assert pw.refusal(pw.TRANSITIONS["icpc_plan"], "assessment")
    assert pw.refusal(pw.TRANSITIONS["icpc_plan"], "section47") is None


def test_add_months_clamps_to_month_end():
    assert pw.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


@pytest.mark.parametrize("dob, expected", [
    (date(2022, 8, 31), "Reception"),   # four on the last day of August
    (date(2022, 9, 1), "Nursery"),
    (date(2015, 9, 1), "Year 6"),    # ten on 31 August 2026
    (date(2015, 1, 15), "Year 7"),
    (date(2025, 1, 1), None),
])
def test_school_year(dob, expected):
    assert school_year(dob, date(2026, 11, 2)) == expected


def test_nhs_check_digit():
    assert nhs.is_valid("9434765919")  # the NHS's published example
    assert not nhs.is_valid("9434765918")
    assert not nhs.is_test_number("9434765919")
    assert nhs.formatted("9991234567") == "999 123 4567"


# move, the stage the record is at, the plan a strategy discussion was called during,
# then where the move takes it and the plan it then remembers (None: the move is refused).
MOVES = [
    # The strategy discussion: at the front door, in an assessment, or during a plan.
    ("strategy_assessment", "strategy", None, "assessment", None),
    ("strategy_assessment", "assessment", None, "assessment", None),
    ("strategy_assessment", "strategy", "cin_plan", "cin_plan", None),
    ("strategy_assessment", "cp_plan", None, "cp_plan", None),
    ("strategy_assessment", "review_due", None, "review_due", None),
    ("strategy_nfa", "strategy", None, "closed", None),
    ("strategy_nfa", "cin_plan", None, "cin_plan", None),
    ("strategy_nfa", "strategy", "cp_plan", "cp_plan", None),
    ("strategy_s47_single", "cin_plan", None, "section47", "cin_plan"),
    ("strategy_s47_joint", "strategy", "cp_plan", "section47", "cp_plan"),
    ("strategy_immediate", "assessment", None, "section47", "assessment"),
    # During an assessment, no further action means the assessment concludes (and its
    # manager authorises closing: RC8); one whose outcome was to call the discussion has.
    ("strategy_nfa", "assessment", None, "assessment", None),
    ("assessment_strategy", "assessment", None, "strategy", None),
    ("strategy_s47_single", "early_help", None, None, None),  # step up first
    ("strategy_nfa", "early_help", None, None, None),
    ("strategy_s47_single", "closed", None, None, None),  # a new contact first
    # A Child in Need review calls one: the plan is remembered.
    ("cin_strategy", "cin_plan", None, "strategy", "cin_plan"),
    ("cin_strategy", "stepped_down", None, "strategy", "stepped_down"),
    ("cin_strategy", "cp_plan", None, None, None),
    # The enquiry's conclusions.
    ("s47_not_substantiated", "section47", None, "assessment", None),
    ("s47_not_substantiated", "section47", "cin_plan", "cin_plan", None),
    ("s47_not_substantiated", "section47", "cp_plan", "cp_plan", None),
    ("s47_no_continuing_risk", "section47", None, "cin_plan", None),
    ("s47_no_continuing_risk", "section47", "review_due", "review_due", None),
    ("s47_early_help", "section47", None, "early_help", None),
    ("s47_early_help", "section47", "cin_plan", "early_help", None),
    ("s47_early_help", "section47", "cp_plan", "cp_plan", None),  # only a review ends it
    ("s47_conference", "section47", "cin_plan", "initial_conference", None),
    # Already on a child protection plan: the review conference is brought forward, and
    # the record remembers the plan until that conference is held.
    ("s47_conference", "section47", "cp_plan", "review_due", "cp_plan"),
    ("s47_conference", "section47", "review_due", "review_due", "review_due"),
    # A strategy discussion reconvened during an open enquiry does not end it.
    ("strategy_nfa", "section47", None, None, None),
    ("strategy_assessment", "section47", "cp_plan", None, None),
    ("s47_early_help", "assessment", None, None, None),
    # The initial conference: a plan, or no plan with support as a child in need, Early
    # Help, or no further services.
    ("icpc_plan", "initial_conference", None, "cp_plan", None),
    ("icpc_cin", "initial_conference", None, "cin_plan", None),
    ("icpc_early_help", "initial_conference", None, "early_help", None),
    ("icpc_nfa", "initial_conference", None, "closed", None),
    ("icpc_early_help", "cin_plan", None, None, None),
    # A child on a child protection plan becomes looked after: the plan goes on beside the
    # care plan (PRACTICE.md §1.9), with its core groups and review conferences, until a
    # review conference ends it; a Child in Need plan does not (the care plan replaces it).
    ("lac_start", "cp_plan", None, "looked_after", "cp_plan"),
    ("lac_start", "review_due", "cp_plan", "looked_after", "review_due"),
    ("lac_start", "section47", "cp_plan", "looked_after", "cp_plan"),
    ("lac_start", "cin_plan", None, "looked_after", None),
    # An enquiry, a strategy discussion or an initial conference still to come is kept
    # beside the care plan and concluded in care (the care plan replaces the CIN plan).
    ("lac_start", "section47", "cin_plan", "looked_after", "section47"),
    ("lac_start", "strategy", None, "looked_after", "strategy"),
    ("lac_start", "initial_conference", None, "looked_after", "initial_conference"),
    ("strategy_s47_joint", "looked_after", None, "looked_after", "section47"),
    ("strategy_s47_single", "looked_after", "strategy", "looked_after", "section47"),
    ("strategy_assessment", "looked_after", "strategy", "looked_after", None),
    ("strategy_nfa", "looked_after", None, None, None),  # the child stays in care
    ("strategy_s47_joint", "looked_after", "cp_plan", None, None),  # one piece at a time
    ("s47_conference", "looked_after", "section47", "looked_after", "initial_conference"),
    ("s47_no_continuing_risk", "looked_after", "section47", "looked_after", None),
    ("s47_not_substantiated", "looked_after", "section47", "looked_after", None),
    ("s47_early_help", "looked_after", "section47", None, None),
    ("s47_conference", "looked_after", None, None, None),  # no enquiry open
    ("icpc_plan", "looked_after", "initial_conference", "looked_after", "cp_plan"),
    ("icpc_looked_after", "looked_after", "initial_conference", "looked_after", None),
    ("icpc_nfa", "looked_after", "initial_conference", None, None),
    ("icpc_cin", "looked_after", "initial_conference", None, None),
    ("icpc_plan", "looked_after", None, None, None),  # no conference awaited
    ("icpc_looked_after", "initial_conference", None, None, None),
    ("lac_new_episode", "looked_after", "cp_plan", "looked_after", "cp_plan"),
    ("core_group", "looked_after", "cp_plan", "looked_after", "cp_plan"),
    ("review_continues", "looked_after", "cp_plan", "looked_after", "cp_plan"),
    ("review_ends_looked_after", "looked_after", "cp_plan", "looked_after", None),
    ("review_continues", "looked_after", None, None, None),  # no plan to review
    ("core_group", "looked_after", None, None, None),
    ("review_ends_looked_after", "looked_after", None, None, None),
    ("review_ends_looked_after", "cp_plan", None, None, None),
    ("review_ends_cin", "looked_after", "cp_plan", None, None),  # they stay looked after
    # Going home while the plan goes on is going back to it; leaving care or closing the
    # case waits for a review conference to end the plan.
    ("lac_ceased_cin", "looked_after", "cp_plan", "cp_plan", None),
    ("lac_ceased_cin", "looked_after", None, "cin_plan", None),
    ("lac_ceased_closed", "looked_after", "cp_plan", None, None),
    ("lac_ceased_leaving_care", "looked_after", "cp_plan", None, None),
    ("lac_ceased_closed", "looked_after", None, "closed", None),
    # An assessment under way when the child came into care is held until it concludes.
    ("lac_start", "assessment", None, "looked_after", "assessment"),
    ("lac_new_episode", "looked_after", "assessment", "looked_after", "assessment"),
    ("assessment_looked_after", "looked_after", "assessment", "looked_after", None),
    ("assessment_looked_after", "assessment", None, None, None),
]
REFUSED_BECAUSE = ("cannot be recorded here", "enquiry is still open",
                   "no child protection plan going on", "still has a child protection plan",
                   "they stay looked after", "record that first on the form for a child",
                   "goes on working with them", "this training copy",
                   "cannot step down to Early Help", "no Section 47 enquiry open",
                   "no initial child protection conference", "stay looked after, under")


@pytest.mark.parametrize("move, stage, during, to, remembered", MOVES)
def test_each_move_goes_where_practice_sets(move, stage, during, to, remembered):
    transition = pw.TRANSITIONS[move]
    case = SimpleNamespace(stage=stage, strategy_from=during)
    refused = pw.refusal(transition, stage, case)
    if to is None:
        assert refused and any(why in refused for why in REFUSED_BECAUSE)
        return
    assert refused is None
    assert pw.destination(transition, case) == to
    assert pw.plan_held_during(case, to, transition) == remembered


def test_the_conference_options_are_named_as_working_together_names_them():
    """No plan is not 'no further action': the enquiry and conference were action."""
    names = {m: pw.TRANSITIONS[m].outcome for m in ("icpc_cin", "icpc_early_help", "icpc_nfa")}
    assert names["icpc_nfa"] == "No plan and no further services: the case closes"
    assert all(n.startswith("No plan") and "further action" not in n for n in names.values())


@pytest.mark.parametrize("to, what, due", [
    ("Child in Need plan", "Review the Child in Need plan", date(2027, 2, 2)),
    ("Early Help plan", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),
    ("Universal services", None, None),
    (None, None, None),
])
def test_a_stepped_down_record_says_what_its_support_needs_next(to, what, due):
    """A plan that ended with support going on still has that support's next step."""
    case = SimpleNamespace(stage="stepped_down", stepped_down_to=to,
                           stepped_down_on=date(2026, 11, 2), stage_on=None,
                           plan_reviewed_on=None, contact_on=date(2026, 1, 5))
    step = pw.next_step(case)
    assert (step.what, step.due) == (what, due) if what else step is None


@pytest.mark.parametrize("held, strategy, refused", [
    (None, date(2026, 10, 28), True),  # the conference is still to be held
    (date(2026, 9, 1), date(2026, 10, 28), True),  # an earlier conference, not this one
    (date(2026, 11, 12), date(2026, 10, 28), False),  # held after this enquiry began
])
def test_no_core_group_before_the_conference_has_made_a_plan(held, strategy, refused):
    case = SimpleNamespace(stage="initial_conference", initial_conference_on=held,
                           strategy_on=strategy)
    problem = pw.refusal(pw.TRANSITIONS["core_group"], "initial_conference", case)
    assert bool(problem) is refused
    assert pw.refusal(pw.TRANSITIONS["core_group"], "cp_plan", case) is None


# A review by the practice reference: the stage, the next step and its due date, the
# refusals, the plan category and the reason for closure, one row each (PRACTICE.md §1).
ON_A_PLAN = dict(initial_conference_on=date(2026, 9, 1), last_core_group_on=date(2026, 9, 10),
                 last_review_on=None, strategy_on=date(2026, 11, 2),
                 section47_started_on=date(2026, 11, 2), stage_on=date(2026, 11, 2))


@pytest.mark.parametrize("during, to, what, due", [
    # Already on a plan: the review conference is brought forward, within 15 working days
    # of the strategy discussion (earlier than the review due by 1 December).
    ("cp_plan", "review_due", "Hold the review child protection conference, brought forward",
     date(2026, 11, 23)),
    ("review_due", "review_due",
     "Hold the review child protection conference, brought forward", date(2026, 11, 23)),
    # Not on a plan: an initial conference.
    ("cin_plan", "initial_conference", "Hold the initial child protection conference",
     date(2026, 11, 23)),
    (None, "initial_conference", "Hold the initial child protection conference",
     date(2026, 11, 23)),
])
def test_conclusion_3_on_a_plan_brings_the_review_conference_forward(during, to, what, due):
    case = SimpleNamespace(stage="section47", strategy_from=during, **ON_A_PLAN)
    transition = pw.TRANSITIONS["s47_conference"]
    assert pw.destination(transition, case) == to
    after = SimpleNamespace(**{**vars(case), "stage": to,
                               "strategy_from": pw.plan_held_during(case, to, transition)})
    step = pw.next_step(after)
    assert (step.what, step.due) == (what, due)
    # An initial conference for a child already on a plan is refused.
    refused = pw.refusal(pw.TRANSITIONS["icpc_plan"], "section47", case)
    assert bool(refused) is (during in ("cp_plan", "review_due"))


def test_a_brought_forward_review_stays_due_through_core_groups_until_it_is_held():
    case = SimpleNamespace(stage="review_due", strategy_from="cp_plan", **ON_A_PLAN)
    core_group = pw.TRANSITIONS["core_group"]
    assert pw.destination(core_group, case) == "review_due"
    assert pw.plan_held_during(case, "review_due", core_group) == "cp_plan"
    review = pw.TRANSITIONS["review_continues"]
    assert pw.destination(review, case) == "cp_plan"
    assert pw.plan_held_during(case, "cp_plan", review) is None


@pytest.mark.parametrize("move, refused", [
    ("strategy_nfa", True), ("strategy_assessment", True),  # the enquiry concludes first
    ("strategy_s47_single", False), ("strategy_s47_joint", False),
    ("strategy_immediate", False),
])
def test_a_strategy_discussion_during_an_open_enquiry_cannot_end_it(move, refused):
    problem = pw.refusal(pw.TRANSITIONS[move], "section47", SimpleNamespace(
        stage="section47", strategy_from=None))
    assert bool(problem) is refused
    if refused:
        assert "The Section 47 enquiry is still open" in problem


@pytest.mark.parametrize("stage, keeps", [
    ("strategy", True), ("section47", True), ("initial_conference", True),
    ("cp_plan", True), ("review_due", True), ("cin_plan", False), ("stepped_down", False),
    ("early_help", False), ("closed", False), ("assessment", False),
    ("looked_after", False), ("leaving_care", False),
])
def test_a_plan_category_is_current_only_while_child_protection_work_goes_on(stage, keeps):
    assert pw.keeps_plan_category(stage) is keeps
    # Beside a looked-after child's care plan, while their protection plan goes on.
    assert pw.keeps_plan_category(stage, "cp_plan") is (keeps or stage == "looked_after")


@pytest.mark.parametrize("move, assessment_started_on, reason", [
    # From the front door, before any assessment: a referral with no further action.
    ("strategy_nfa", None, "referral_nfa"),
    ("strategy_nfa", date(2025, 3, 1), "referral_nfa"),  # an earlier episode's assessment
    # After an assessment concluded by calling the discussion: closed after assessment.
    ("strategy_nfa", date(2026, 10, 30), "RC8"),
    ("cin_closed", None, None),  # the form gives its reason (RC7)
])
def test_the_reason_for_closure_follows_the_census(move, assessment_started_on, reason):
    case = SimpleNamespace(stage="strategy", strategy_from=None, referral_on=date(2026, 10, 30),
                           assessment_started_on=assessment_started_on)
    assert pw.closure_reason(pw.TRANSITIONS[move], case) == reason
    assert "RC7" not in (pw.closure_reason(pw.TRANSITIONS[move], case) or "")
