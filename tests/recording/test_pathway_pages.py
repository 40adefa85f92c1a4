"""The pathway through the real pages: every outcome of every decision form (PRACTICE.md
§1.12), in both form sets, submitted over HTTP; then the child's page is read for the
stage, the next step and its due date. Then every contradiction the forms refuse, and a
move the record cannot make, refused beside the field; a record without its dates.

The expected stage, step and date are written out by hand from PRACTICE.md, not worked
out by the code under test.
"""

import re
from datetime import date

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.casework import pathway
from sandbox.core.extensions import db
from sandbox.forms.definitions import load
from sandbox.recording.models import FormRecord
from tests.recording.conftest import date_fields

REG = load()
DAY = date(2026, 11, 2)  # a Monday: every decision below is made on it

# Where the child's record stands before the decision: its history so far.
HISTORY = {
    "contact_on": date(2026, 10, 30), "referral_on": date(2026, 10, 30),
    "assessment_started_on": date(2026, 10, 30), "strategy_on": date(2026, 10, 28),
    "section47_started_on": date(2026, 10, 28), "initial_conference_on": date(2026, 9, 1),
    "last_core_group_on": date(2026, 9, 10), "last_review_on": None,
    "stage_on": date(2026, 8, 3), "plan_reviewed_on": None, "closed_on": None,
    "closure_reason": None, "strategy_from": None,
    # A looked-after child's (read only at that stage): looked after on Monday 5 October,
    # the plans, a visit, the first review, health assessment and education plan done.
    "looked_after_on": date(2026, 10, 5), "placement_on": date(2026, 10, 5),
    "care_plan_on": date(2026, 10, 9), "placement_plan_on": date(2026, 10, 7),
    "first_lac_review_on": date(2026, 10, 30), "last_lac_review_on": date(2026, 10, 30),
    "last_lac_visit_on": date(2026, 10, 9), "health_assessment_on": date(2026, 10, 20),
    "pep_on": date(2026, 10, 15), "placement_long_term": None,
}
_ORDER = "Interim care order, Northbrook Family Court, 2 November 2026, to the final hearing"
CLOSED = "closed"
VERSIONS = ("streamlined", "legacy")

# move, the stage it starts from, the decision in each set, then what the child's page
# must say: the stage, and the next step with its due date (None: the case is closed).
TRANSITIONS = [
    # The front door: within 1 working day of the contact.
    ("contact_nfa", "contact", {"streamlined": {"decision": "advice"},
                                "legacy": {"threshold_decision": "nfa"}},
     "Closed", None, None),
    ("contact_advice", "contact", {"streamlined": {"decision": "signpost"},
                                   "legacy": {"threshold_decision": "signpost"}},
     "Closed", None, None),
    ("contact_early_help", "contact",
     {"streamlined": {"decision": "early_help", "parents_agree": "yes"},
      "legacy": {"threshold_decision": "early_help", "consent_obtained": "given"}},
     "Early Help", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),  # every 6 weeks
    ("contact_referral", "contact", {"streamlined": {"decision": "referral"},
                                     "legacy": {"threshold_decision": "referral"}},
     "Referral", "Complete the Child and Family Assessment", date(2027, 1, 7)),  # 45 WD
    ("contact_strategy", "contact", {"streamlined": {"decision": "strategy"},
                                     "legacy": {"threshold_decision": "strategy"}},
     "Strategy discussion needed", "Hold the strategy discussion", date(2026, 11, 3)),
    # Early Help reviews.
    ("early_help_continues", "early_help", {"streamlined": {"decision": "continue"},
                                            "legacy": {"taf_decision": "continue"}},
     "Early Help", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),
    ("early_help_closed", "early_help", {"streamlined": {"decision": "close"},
                                         "legacy": {"taf_decision": "close"}},
     "Closed", None, None),
    ("early_help_step_up", "early_help", {"streamlined": {"decision": "step_up"},
                                          "legacy": {"taf_decision": "step_up"}},
     "Contact", "Make the front-door decision on the contact", date(2026, 11, 3)),
    # The Child and Family Assessment's outcome.
    ("assessment_nfa", "assessment", {"streamlined": {"outcome": "close"},
                                      "legacy": {"cfa_outcome": "nfa"}},
     "Closed", None, None),
    ("assessment_early_help", "assessment", {"streamlined": {"outcome": "early_help"},
                                             "legacy": {"cfa_outcome": "eh"}},
     "Early Help", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),
    ("assessment_cin", "assessment", {"streamlined": {"outcome": "child_in_need"},
                                      "legacy": {"cfa_outcome": "cin"}},
     "Child in Need plan", "Review the Child in Need plan", date(2027, 2, 2)),  # 3 months
    ("assessment_strategy", "assessment", {"streamlined": {"outcome": "strategy"},
                                           "legacy": {"cfa_outcome": "s47"}},
     "Strategy discussion needed", "Hold the strategy discussion", date(2026, 11, 3)),
    # An assessment under way when the child came into care, concluded: they stay looked
    # after (the next looked-after date: a visit within 6 weeks of the last, 9 October).
    ("assessment_looked_after", "looked_after",
     {"streamlined": {"outcome": "looked_after"}, "legacy": {"cfa_outcome": "lac"}},
     "Looked after", "Visit the child", date(2026, 11, 20)),
    # The strategy discussion.
    ("strategy_s47_single", "strategy",
     {"streamlined": {"threshold": "yes", "decision": "section47", "joint_with_police": "no"},
      "legacy": {"s47_threshold_met": "Yes", "strategy_outcome": "s47",
                 "joint_investigation": "No"}},
     "Section 47 enquiry", "Conclude the Section 47 enquiry", date(2026, 11, 23)),  # 15 WD
    ("strategy_s47_joint", "assessment",
     {"streamlined": {"threshold": "yes", "decision": "section47", "joint_with_police": "yes"},
      "legacy": {"s47_threshold_met": "Yes", "strategy_outcome": "s47",
                 "joint_investigation": "Yes"}},
     "Section 47 enquiry", "Conclude the Section 47 enquiry", date(2026, 11, 23)),
    ("strategy_immediate", "referral",
     {"streamlined": {"threshold": "yes", "decision": "protection"},
      "legacy": {"s47_threshold_met": "Yes", "strategy_outcome": "protection"}},
     "Section 47 enquiry", "Conclude the Section 47 enquiry", date(2026, 11, 23)),
    ("strategy_assessment", "strategy",
     {"streamlined": {"threshold": "no", "decision": "assessment"},
      "legacy": {"s47_threshold_met": "No", "strategy_outcome": "cfa"}},
     "Child and Family Assessment", "Complete the Child and Family Assessment",
     date(2027, 1, 6)),  # 45 WD from the referral on 30 October
    ("strategy_nfa", "strategy",
     {"streamlined": {"threshold": "no", "decision": "no_action"},
      "legacy": {"s47_threshold_met": "No", "strategy_outcome": "nfa"}},
     "Closed", None, None),
    # The Section 47 enquiry's three conclusions.
    ("s47_not_substantiated", "section47", {"streamlined": {"outcome": "not_confirmed"},
                                            "legacy": {"s47_outcome": "unsubstantiated"}},
     "Child and Family Assessment", "Complete the Child and Family Assessment",
     date(2027, 1, 6)),
    ("s47_no_continuing_risk", "section47", {"streamlined": {"outcome": "child_in_need"},
                                             "legacy": {"s47_outcome": "cin"}},
     "Child in Need plan", "Review the Child in Need plan", date(2027, 2, 2)),
    ("s47_early_help", "section47", {"streamlined": {"outcome": "early_help"},
                                     "legacy": {"s47_outcome": "eh"}},
     "Early Help", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),
    ("s47_conference", "section47", {"streamlined": {"outcome": "conference"},
                                     "legacy": {"s47_outcome": "icpc"}},
     "Initial child protection conference", "Hold the initial child protection conference",
     date(2026, 11, 18)),  # 15 WD from the strategy discussion on 28 October
    # The initial conference (the chair's decision).
    ("icpc_plan", "initial_conference",
     {"streamlined": {"decision": "plan", "plan_category": ["neglect", "emotional"]},
      "legacy": {"icpc_decision": "cpp", "cpp_category": ["neglect", "emotional"],
                 "threshold_significant_harm": "Yes"}},
     "Child protection plan", "Hold the first core group meeting", date(2026, 11, 16)),
    ("icpc_cin", "initial_conference", {"streamlined": {"decision": "no_plan"},
                                        "legacy": {"icpc_decision": "no_cpp"}},
     "Child in Need plan", "Review the Child in Need plan", date(2027, 2, 2)),
    ("icpc_early_help", "initial_conference",
     {"streamlined": {"decision": "no_plan_early_help"}, "legacy": {"icpc_decision": "no_cpp_eh"}},
     "Early Help", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),
    ("icpc_nfa", "section47", {"streamlined": {"decision": "no_plan_nfa"},
                               "legacy": {"icpc_decision": "no_cpp_nfa"}},
     "Closed", None, None),
    # A looked-after child's conference (awaited beside the care plan) makes no plan: they
    # stay looked after, the next looked-after date first (the visit by 20 November).
    ("icpc_looked_after", ("looked_after", "initial_conference"),
     {"streamlined": {"decision": "no_plan_looked_after"},
      "legacy": {"icpc_decision": "no_cpp_lac"}},
     "Looked after", "Visit the child", date(2026, 11, 20)),
    # A core group keeps the plan: the first review within 3 months of the conference.
    ("core_group", "cp_plan", {"streamlined": {}, "legacy": {}},
     "Child protection plan", "Hold the review child protection conference",
     date(2026, 12, 1)),
    # Review conferences (the chair's decision).
    ("review_continues", "review_due",
     {"streamlined": {"decision": "continue", "next_review_on": date(2027, 4, 30)},
      "legacy": {"rcpc_decision": "continue", "next_rcpc": date(2027, 4, 30)}},
     "Child protection plan", "Hold the review child protection conference",
     date(2027, 5, 2)),  # no more than 6 months after this review
    ("review_ends_cin", "cp_plan",
     {"streamlined": {"decision": "end", "step_down_to": "Child in Need plan"},
      "legacy": {"rcpc_decision": "discontinue", "step_down": "Child in Need plan"}},
     "Child in Need plan", "Review the Child in Need plan", date(2027, 2, 2)),
    ("review_ends_early_help", "cp_plan",
     {"streamlined": {"decision": "end", "step_down_to": "Early Help plan"},
      "legacy": {"rcpc_decision": "discontinue", "step_down": "Early Help plan"}},
     "Early Help", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),
    ("review_ends_closed", "cp_plan",
     {"streamlined": {"decision": "end", "step_down_to": "Universal services"},
      "legacy": {"rcpc_decision": "discontinue", "step_down": "Universal services"}},
     "Closed", None, None),
    # A looked-after child's plan (held beside the care plan, the stage's plan: a tuple)
    # ends with them still looked after: the next of the looked-after dates comes first,
    # a visit within 6 weeks of the last on 9 October.
    ("review_ends_looked_after", ("looked_after", "cp_plan"),
     {"streamlined": {"decision": "end", "step_down_to": "Looked after"},
      "legacy": {"rcpc_decision": "discontinue", "step_down": "Looked after"}},
     "Looked after", "Visit the child", date(2026, 11, 20)),
    # Child in Need plan reviews.
    ("cin_continues", "cin_plan", {"streamlined": {"decision": "continue"},
                                   "legacy": {"cinr_decision": "continue"}},
     "Child in Need plan", "Review the Child in Need plan", date(2027, 2, 2)),
    ("cin_early_help", "cin_plan", {"streamlined": {"decision": "step_down"},
                                    "legacy": {"cinr_decision": "step_down"}},
     "Early Help", "Review the family plan at a Team Around the Family meeting",
     date(2026, 12, 14)),
    ("cin_closed", "cin_plan", {"streamlined": {"decision": "close"},
                                "legacy": {"cinr_decision": "close"}},
     "Closed", None, None),
    ("cin_strategy", "cin_plan", {"streamlined": {"decision": "strategy"},
                                  "legacy": {"cinr_decision": "strategy"}},
     "Strategy discussion needed", "Hold the strategy discussion", date(2026, 11, 3)),
    # Closure with a reason.
    ("closure", "cin_plan", {"streamlined": {"reason": "RC7"},
                             "legacy": {"closure_reason": "RC7"}},
     "Closed", None, None),
    # Looked-after children (PRACTICE.md §4): the same answers in both sets, kept in the
    # DfE's codes. Becoming looked after on 2 November: the placement plan within 5
    # working days comes first (then the week's visit, the care plan in 10, the first
    # review and the initial health assessment in 20).
    ("lac_start", "cp_plan", dict.fromkeys(VERSIONS, {
        "reason_new_episode": "S", "legal_status": "C1", "order_details": _ORDER,
        "placement_type": "U6", "placement_provider": "PR1"}),
     "Looked after", "Agree the placement plan", date(2026, 11, 9)),
    # A placement move: a new placement plan within 5 working days (and a visit in 7).
    ("lac_new_episode", "looked_after", dict.fromkeys(VERSIONS, {
        "reason_new_episode": "P", "legal_status": "C1", "order_details": _ORDER,
        "placement_type": "U6", "placement_provider": "PR4",
        "placement_change_reason": "CREQB"}),
     "Looked after", "Agree the placement plan", date(2026, 11, 9)),
    ("lac_ceased_closed", "looked_after",
     dict.fromkeys(VERSIONS, {"reason_ceased": "E4A", "what_next": "closed"}),
     "Closed", None, None),
    ("lac_ceased_cin", "looked_after",
     dict.fromkeys(VERSIONS, {"reason_ceased": "E4A", "what_next": "cin_plan"}),
     "Child in Need plan", "Review the Child in Need plan", date(2027, 2, 2)),
    # A care leaver's pathway plan has no timescale on the record (yet): no next step.
    ("lac_ceased_leaving_care", "looked_after",
     dict.fromkeys(VERSIONS, {"reason_ceased": "E5", "what_next": "leaving_care"}),
     "Care leaver", None, None),
]


def _form_of(move: str, version: str):
    return next(f for f in REG.forms(version) for e in f.effects if e.move == move)


def test_the_table_covers_every_move_of_the_pathway_and_of_both_form_sets():
    assert sorted(row[0] for row in TRANSITIONS) == sorted(pathway.TRANSITIONS)
    for version in VERSIONS:
        used = {e.move for f in REG.forms(version) for e in f.effects if e.move}
        assert used == {row[0] for row in TRANSITIONS}, version


def _required(definition) -> dict:
    """Plain answers to every required question (the decision comes from the table)."""
    answers = {}
    for f in definition.fields:
        if not f.required:
            continue
        if f.kind == "date":
            answers[f.key] = DAY
        elif f.kind in ("text", "longtext"):
            answers[f.key] = "Written in plain words for the family."
        elif f.kind == "scale":
            answers[f.key] = 5
        elif f.kind == "choice":
            answers[f.key] = f.options[0].value
        elif f.kind == "choices":
            answers[f.key] = [f.options[0].value]
        elif f.kind == "repeat":
            answers[f.key] = [{s.key: "Nan" for s in f.fields if s.kind == "text"}]
    return answers


def form_data(definition, answers: dict) -> dict:
    """What the page's form sends for these answers."""
    data = {}
    for key, value in answers.items():
        f = definition.field(key)
        name = f"f-{key}"
        if f.kind == "date":
            data.update(date_fields(key, value))
        elif f.kind == "repeat":
            data[f"{name}-rows"] = str(len(value))
            for i, row in enumerate(value):
                data.update({f"{name}-{i}-{k}": v for k, v in row.items()})
        elif f.kind in ("choices", "people"):
            data[name] = list(value)
        else:
            data[name] = str(value)
    return data


def record(web, case, version: str, key: str, answers: dict, status=302):
    """Start the form on the child's record and submit it, through the pages."""
    started = web.post(f"/t/room-1/children/{case.child_id}/forms", {"form_key": key})
    record_id = int(started.location.rsplit("/", 1)[1])
    definition = REG.form(version, key)
    response = web.post(f"/t/room-1/forms/{record_id}", {
        "revision": "1", "action": "submit",
        **form_data(definition, {**_required(definition), **answers})}, status=status)
    return record_id, response


def status_of(record_id: int) -> str:
    db.session.expire_all()
    return db.session.scalar(select(FormRecord.status).where(FormRecord.id == record_id))


def where_things_are(web, case) -> tuple[str, str]:
    page = web.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    stage = re.search(r"Where things are: ([^<]+)</h2>", page).group(1).strip()
    step = re.search(r'id="next-step">([^<]+)</p>', page)
    return stage, " ".join(step.group(1).split()) if step else ""


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("move, start, answers, stage, step, due", TRANSITIONS,
                         ids=[row[0] for row in TRANSITIONS])
def test_each_outcome_sets_the_stage_and_next_step_practice_sets(
        setup, web, version, move, start, answers, stage, step, due):
    start, held = start if isinstance(start, tuple) else (start, None)
    case = setup(version, start)
    case.strategy_from = held
    db.session.commit()
    if stage == "Care leaver":  # supported as a care leaver only from 16
        case.child.date_of_birth = date(2009, 6, 1)
        db.session.commit()
    definition = _form_of(move, version)
    record_id, _ = record(web, case, version, definition.key, answers[version])
    assert status_of(record_id) == "submitted"
    shown_stage, shown_step = where_things_are(web, case)
    assert shown_stage == stage
    if step is None and stage == "Closed":
        assert shown_step.startswith("No next step: the case is closed")
    elif step is None:
        assert shown_step == ""
    else:
        assert shown_step.startswith(f"Next: {step.lower()}, by {long_date(due)}"), shown_step


# The form, the stage the record is at, answers that contradict each other (or a move
# the record cannot make), the question the refusal is shown beside, and its reason.
REFUSALS = {
    "streamlined": [
        ("strategy_discussion", "assessment",
         {"threshold": "no", "decision": "section47", "joint_with_police": "no"},
         "decision", "so a Section 47 enquiry cannot start"),
        ("strategy_discussion", "assessment", {"threshold": "yes", "decision": "assessment"},
         "decision", "the council must make enquiries under section 47"),
        ("strategy_discussion", "assessment", {"threshold": "yes", "decision": "section47"},
         "joint_with_police", "Say whether the enquiry is joint with the police"),
        ("strategy_discussion", "assessment",
         {"threshold": "no", "decision": "no_action", "joint_with_police": "yes"},
         "joint_with_police", "there is nothing to be joint with the police"),
        ("contact_referral", "contact", {"decision": "early_help", "parents_agree": "no"},
         "decision", "Early Help is voluntary"),
        ("initial_conference", "initial_conference", {"decision": "plan"},
         "plan_category", "Choose the category of the plan"),
        ("initial_conference", "initial_conference",
         {"decision": "no_plan", "plan_category": ["neglect"]},
         "plan_category", "a category is given only when the conference makes a plan"),
        ("review_conference", "cp_plan", {"decision": "end"},
         "step_down_to", "record the step-down decision"),
        ("review_conference", "cp_plan",
         {"decision": "continue", "step_down_to": "Child in Need plan",
          "next_review_on": date(2027, 4, 30)},
         "step_down_to", "Leave the step-down empty while the plan continues"),
        ("review_conference", "cp_plan", {"decision": "continue"},
         "next_review_on", "give the date of the next review conference"),
        # Moves the pathway does not allow: no conference without a Section 47 enquiry,
        # no enquiry's conclusion before one has started, no plan review without a plan.
        ("initial_conference", "assessment",
         {"decision": "plan", "plan_category": ["neglect"]}, "decision",
         "so this decision cannot be recorded here"),
        ("section47_enquiry", "referral", {"outcome": "conference"}, "outcome",
         "so this decision cannot be recorded here"),
        ("core_group_review", "cin_plan", {}, "held_on",
         "so this decision cannot be recorded here"),
        # A conference due (before the one on record, it was not held after this
        # enquiry's strategy discussion): no plan yet for a core group to carry out.
        ("core_group_review", "initial_conference", {}, "held_on",
         "The initial child protection conference has not been recorded yet"),
        ("contact_referral", "cp_plan", {"decision": "referral"}, "decision",
         "so this decision cannot be recorded here"),
        # Early Help is not children's social care: worries of significant harm there are
        # a new contact to the front door first.
        ("strategy_discussion", "early_help",
         {"threshold": "yes", "decision": "section47", "joint_with_police": "no"},
         "decision", "so this decision cannot be recorded here"),
        ("initial_conference", "initial_conference",
         {"decision": "no_plan_early_help", "plan_category": ["neglect"]},
         "plan_category", "a category is given only when the conference makes a plan"),
        # Looked-after children: section 20 is an agreement, so who agreed is recorded;
        # a child placed with a parent is not accommodated under section 20; a placement
        # move says why; a child is not closed while looked after.
        ("looked_after_start", "cp_plan",
         {"reason_new_episode": "S", "legal_status": "V2", "placement_type": "U6",
          "placement_provider": "PR1"}, "s20_agreed_by", "Accommodation under section 20"),
        ("looked_after_start", "cp_plan",
         {"reason_new_episode": "S", "legal_status": "V2", "s20_agreed_by": "parent",
          "s20_consent_on": DAY, "s20_rights_explained": "no", "placement_type": "U6",
          "placement_provider": "PR1"}, "s20_rights_explained",
         "can remove the child at any time"),
        ("looked_after_start", "cp_plan",
         {"reason_new_episode": "S", "legal_status": "V2", "s20_agreed_by": "parent",
          "s20_consent_on": DAY, "s20_rights_explained": "yes", "placement_type": "P1",
          "placement_provider": "PR0"}, "legal_status", "placement P1 with legal status V2"),
        ("looked_after_start", "looked_after",
         {"reason_new_episode": "P", "legal_status": "C1", "order_details": "ICO",
          "placement_type": "U6", "placement_provider": "PR1"},
         "placement_change_reason", "say why the child moved"),
        ("looked_after_start", "early_help",
         {"reason_new_episode": "S", "legal_status": "L1", "order_details": "PC Hale",
          "placement_type": "U6", "placement_provider": "PR1"},
         "reason_new_episode", "so this decision cannot be recorded here"),
        ("closure", "looked_after", {"reason": "RC7"}, "closed_on",
         "so this decision cannot be recorded here"),
        ("ceased_looked_after", "looked_after", {"reason_ceased": "X1"}, "reason_ceased",
         "record the new episode"),
        ("lac_visit", "looked_after", {"child_seen": "no", "seen_alone": "yes"},
         "seen_alone", "you cannot have spoken to them in private"),
        ("child_family_assessment", "assessment", {"outcome": "looked_after"}, "outcome",
         "record that first on the form for a child becoming looked after"),
    ],
    "legacy": [
        ("strategy_discussion", "assessment",
         {"s47_threshold_met": "No", "strategy_outcome": "s47", "joint_investigation": "No"},
         "strategy_outcome", "so a Section 47 enquiry cannot start"),
        ("strategy_discussion", "assessment",
         {"s47_threshold_met": "Yes", "strategy_outcome": "nfa"},
         "strategy_outcome", "the council must make enquiries under section 47"),
        ("strategy_discussion", "assessment",
         {"s47_threshold_met": "Yes", "strategy_outcome": "s47"},
         "joint_investigation", "Say whether the enquiry is joint with the police"),
        ("contact_referral", "contact",
         {"threshold_decision": "early_help", "consent_obtained": "refused"},
         "threshold_decision", "Early Help is voluntary"),
        ("contact_referral", "contact",
         {"threshold_decision": "referral", "consent_obtained": "not_sought"},
         "consent_obtained", "Consent is set aside only when asking would put the child"),
        ("initial_conference", "initial_conference",
         {"icpc_decision": "cpp", "cpp_category": ["physical"],
          "threshold_significant_harm": "No"},
         "icpc_decision", "so it cannot make a child protection plan"),
        ("initial_conference", "initial_conference",
         {"icpc_decision": "no_cpp", "threshold_significant_harm": "Yes"},
         "icpc_decision", "so the child needs a child protection plan"),
        ("review_conference", "cp_plan", {"rcpc_decision": "discontinue"},
         "step_down", "record the step-down decision"),
        ("initial_conference", "assessment",
         {"icpc_decision": "cpp", "cpp_category": ["neglect"]}, "icpc_decision",
         "so this decision cannot be recorded here"),
        ("initial_conference", "initial_conference",
         {"icpc_decision": "no_cpp_eh", "threshold_significant_harm": "Yes"},
         "icpc_decision", "so the child needs a child protection plan"),
        ("strategy_discussion", "early_help",
         {"s47_threshold_met": "Yes", "strategy_outcome": "s47", "joint_investigation": "No"},
         "strategy_outcome", "so this decision cannot be recorded here"),
        ("core_group_review", "initial_conference", {}, "cg_date",
         "The initial child protection conference has not been recorded yet"),
        ("looked_after_start", "cp_plan",
         {"reason_new_episode": "S", "legal_status": "V2", "placement_type": "U6",
          "placement_provider": "PR1"}, "s20_agreed_by", "required for legal status V2"),
        ("looked_after_start", "cp_plan",
         {"reason_new_episode": "S", "legal_status": "C1", "order_details": "ICO",
          "placement_type": "T0"}, "placement_type",
         "cannot start with a temporary (T) placement"),
        ("child_family_assessment", "assessment", {"cfa_outcome": "lac"}, "cfa_outcome",
         "record that first on the form for a child becoming looked after"),
    ],
}
REFUSED = [(version, *row) for version, rows in REFUSALS.items() for row in rows]


@pytest.mark.parametrize("version, key, start, answers, field, reason", REFUSED,
                         ids=[f"{v}-{k}-{f}-{i}" for i, (v, k, _s, _a, f, _r)
                              in enumerate(REFUSED)])
def test_contradictions_are_refused_beside_the_field_with_the_reason(
        setup, web, version, key, start, answers, field, reason):
    case = setup(version, start)
    record_id, response = record(web, case, version, key, answers, status=400)
    page = response.get_data(as_text=True)
    message = re.search(rf'<p id="f-{field}(-day)?-error" class="govuk-error-message">'
                        r'<span class="govuk-visually-hidden">Error:</span> ([^<]+)</p>', page)
    assert message and reason in message.group(2).replace("&#39;", "'"), page[:3000]
    assert status_of(record_id) == "draft"  # kept, nothing typed lost
    db.session.expire_all()
    assert db.session.get(Case, (case.tenant_id, case.id)).stage == start


def test_a_record_without_its_dates_still_shows_its_next_step(setup, web):
    """A stage moved (or imported) without the dates it counts from: a page, not a 500."""
    case = setup("streamlined", "cp_plan")
    for column in HISTORY:
        if column != "contact_on":  # a contact always has its date
            setattr(case, column, None)
    db.session.commit()
    stage, step = where_things_are(web, case)
    assert stage == "Child protection plan"
    assert step.startswith("Next: hold the review child protection conference (")
    assert "no date to count from" in step


@pytest.mark.parametrize("version", VERSIONS)
def test_each_form_is_recorded_or_signed_off_by_whoever_decides_its_moves(version):
    """PRACTICE.md's 'decided by' (sandbox.casework.pathway) is who records the form's decision or
    signs it off; a practitioner's moves need neither."""
    for form in REG.forms(version):
        for effect in form.effects:
            if not effect.move:
                continue
            role = pathway.TRANSITIONS[effect.move].decided_by
            assert role == pathway.PRACTITIONER or role in form.recorded_by or \
                role == form.signed_off_by, (form.key, effect.move, role)
