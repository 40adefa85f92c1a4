"""A looked-after child's dates to plan by, through the pages: each form recorded takes
its item off the list or moves it on, by the statutory timescales (PRACTICE.md §4.2).
The dates are written out by hand, not worked out by the code under test."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from sandbox.cases.models import CaseNote, ChronologyEntry
from sandbox.core.extensions import db
from sandbox.recording.models import FormRecord
from tests.recording.test_pathway_pages import VERSIONS, record, status_of

ORDER = {"reason_new_episode": "S", "legal_status": "C1", "order_details": "Interim care order",
         "placement_type": "U6", "placement_provider": "PR1"}


def dates_to_plan_by(web, case) -> list[str]:
    page = web.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    found = re.search(r'<ul class="govuk-list[^"]*" id="looked-after-dates">(.*?)</ul>', page,
                      re.S)
    return [" ".join(item.split()) for item in re.findall(r"<li>(.*?)</li>", found.group(1),
                                                           re.S)] if found else []


def due(items, what) -> str:
    found = [i for i in items if i.startswith(what)]
    assert len(found) == 1, (what, items)
    return found[0]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_looked_after_childs_dates_follow_what_is_recorded(setup, web, version):
    case = setup(version, "cp_plan")
    case.child.date_of_birth = date(2013, 3, 1)  # 13: speaks for themselves at reviews
    db.session.commit()
    # Looked after on Monday 2 November 2026.
    record_id, _ = record(web, case, version, "looked_after_start", ORDER)
    assert status_of(record_id) == "submitted"
    items = dates_to_plan_by(web, case)
    assert due(items, "Agree the care plan").startswith(
        "Agree the care plan: by 16 November 2026 (before the first placement")
    assert "by 9 November 2026" in due(items, "Agree the placement plan")
    assert "by 30 November 2026" in due(items, "Hold the first looked-after review")
    assert "by 9 November 2026" in due(items, "Visit the child in their placement")
    assert "by 30 November 2026" in due(items, "Have the initial health assessment done")
    # The plans agreed, the week's visit made: off the list, and the next visit in 6 weeks.
    record(web, case, version, "care_plan", {"agreed_on": date(2026, 11, 2)})
    record(web, case, version, "placement_plan", {"agreed_on": date(2026, 11, 2)})
    # Seen at school first: worth recording, but not the visit the law asks for.
    record(web, case, version, "lac_visit", {"visited_on": date(2026, 11, 2),
                                             "place": "elsewhere", "place_other": "At school",
                                             "child_seen": "yes", "seen_alone": "yes"})
    assert "by 9 November 2026" in due(dates_to_plan_by(web, case),
                                       "Visit the child in their placement")
    # Where they live, the bedroom not said: refused beside the question.
    refused = record(web, case, version, "lac_visit", {
        "visited_on": date(2026, 11, 2), "place": "placement", "child_seen": "yes",
        "seen_alone": "yes"}, status=400)
    assert "bedroom seen" in refused[1].get_data(as_text=True).lower() or (
        "saw the child&#39;s bedroom" in refused[1].get_data(as_text=True))
    record(web, case, version, "lac_visit", {"visited_on": date(2026, 11, 2),
                                             "place": "placement", "bedroom_seen": "yes",
                                             "child_seen": "yes", "seen_alone": "yes"})
    items = dates_to_plan_by(web, case)
    assert not [i for i in items if i.startswith(("Agree the care", "Agree the placement"))]
    assert "by 14 December 2026" in due(items, "Visit the child:")
    # A visit where the child was not seen does not count as seeing them.
    record(web, case, version, "lac_visit", {"visited_on": date(2026, 11, 2),
                                             "child_seen": "no", "seen_alone": "no",
                                             "not_alone_why": "impossible"})
    assert "by 14 December 2026" in due(dates_to_plan_by(web, case), "Visit the child:")
    # The first review (the IRO's part; a trainee alone plays every part): the second
    # within 3 months of it, then the next at most 6 months after the second.
    record(web, case, version, "lac_review", {"review_on": date(2026, 11, 2),
                                              "which_review": "first", "participation": "PN1"})
    assert "by 2 February 2027" in due(dates_to_plan_by(web, case),
                                       "Hold the second looked-after review")
    record(web, case, version, "lac_review", {"review_on": date(2026, 11, 30),
                                              "which_review": "second", "participation": "PN1"})
    assert "by 30 May 2027" in due(dates_to_plan_by(web, case),
                                  "Hold the next looked-after review")
    # A placement move: the new placement's plan within 5 working days, a visit in 7 days.
    record(web, case, version, "looked_after_start", {
        **ORDER, "reason_new_episode": "P", "placement_change_reason": "CHILD",
        "started_on": date(2026, 11, 20)})
    items = dates_to_plan_by(web, case)
    assert "by 27 November 2026" in due(items, "Agree the placement plan")
    assert "by 27 November 2026" in due(items, "Visit the child in their placement")
    # A looked-after child seen on the general visit form counts as visited too.
    general = {"streamlined": {"visited_on": date(2026, 11, 25), "statutory_type": "lac",
                               "child_seen": "yes"},
               "legacy": {"visit_date": date(2026, 11, 25),
                          "visit_kind": "Statutory LAC visit", "child_seen_visit": "Yes"}}
    record(web, case, version, "visit", general[version])
    assert "by 6 January 2027" in due(dates_to_plan_by(web, case), "Visit the child:")


# Answers that cannot be right for a child of this age on the day (PRACTICE.md §4.1,
# §4.3), refused beside the question; the same answers go through for a child of another
# age: born, born (all right), form, answers, question, reason.
DAY = date(2026, 11, 2)
SECOND = {"which_review": "second"}  # the record's history holds the first review
AGE_REFUSALS = [
    (date(2017, 1, 5), date(2013, 3, 1), "looked_after_start",
     {**ORDER, "legal_status": "J1", "order_details": "Remanded by the youth court"},
     "legal_status", "only for a child aged 10 or over; the child was 9 years old"),
    (date(2011, 1, 5), date(2010, 3, 1), "looked_after_start",
     {**ORDER, "placement_type": "K3"},
     "placement_type", "only for young people aged 16 or over"),
    (date(2009, 6, 1), date(2010, 3, 1), "looked_after_start",
     {**ORDER, "legal_status": "C2"},
     "legal_status", "A care order cannot be made once a child is 17"),
    (date(2011, 1, 5), date(2010, 3, 1), "looked_after_start",
     {**ORDER, "legal_status": "V2", "s20_agreed_by": "young_person", "s20_consent_on": DAY},
     "s20_agreed_by", "Only a young person aged 16 or 17 can agree"),
    (date(2008, 1, 5), date(2010, 3, 1), "looked_after_start", ORDER, "started_on",
     "cannot start to be looked after at 18 or over"),
    (date(2024, 1, 5), date(2016, 1, 5), "lac_review", {"participation": "PN1", **SECOND},
     "participation", "was under 4 at the review"),
    (date(2016, 1, 5), date(2024, 1, 5), "lac_review", {"participation": "PN0", **SECOND},
     "participation", "only for a child under 4"),
    (date(2012, 1, 5), date(2010, 3, 1), "pathway_plan", {}, "done_on", "from 16"),
    (date(2018, 1, 5), date(2012, 3, 1), "lac_review", {"convicted": "yes", **SECOND},
     "convicted", "A child under 10 cannot be convicted or cautioned"),
    (date(2012, 1, 5), date(2010, 3, 1), "ceased_looked_after",
     {"reason_ceased": "E4A", "what_next": "leaving_care"},
     "what_next", "for a young person who stops being looked after at 16 or over"),
]
# Not about age: the questionnaire's score is a whole number from 0 to 40.
SCORES = [("41", "a whole number from 0 to 40"), ("twelve", "a whole number from 0 to 40")]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_questionnaire_score_and_a_reason_for_none_are_not_both_given(setup, web, version):
    case = setup(version, "looked_after")
    _, response = record(web, case, version, "health_assessment",
                         {"kind": "review", "sdq_score": "12", "sdq_reason": "SDQ2"},
                         status=400)
    assert "leave the reason for having none blank" in response.get_data(as_text=True)


def test_help_with_substances_follows_what_was_found(setup, web):
    """The streamlined form asks whether help was given only when a problem was found,
    and whether it was turned down only when none was given (the DfE's rules 192, 159,
    193); the old form asks all three and checks none of it."""
    case = setup("streamlined", "looked_after")
    for answers, reason in (
            ({"substance_misuse": "yes"}, "Say whether the child got help"),
            ({"substance_misuse": "yes", "substance_help_received": "no"},
             "Say whether help was offered and turned down"),
            ({"substance_misuse": "no", "substance_help_received": "yes"},
             "Leave help with substances blank")):
        record_id, response = record(web, case, "streamlined", "health_assessment",
                                     {"kind": "review", **answers}, status=400)
        assert reason in response.get_data(as_text=True)
        assert status_of(record_id) == "draft"
    record_id, _ = record(web, case, "streamlined", "health_assessment", {
        "kind": "review", "substance_misuse": "yes", "substance_help_received": "no",
        "substance_help_refused": "yes"})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("score, reason", SCORES)
def test_a_questionnaire_score_out_of_range_is_refused(setup, web, version, score, reason):
    case = setup(version, "looked_after")
    record_id, response = record(web, case, version, "health_assessment",
                                 {"kind": "review", "sdq_score": score}, status=400)
    assert reason in response.get_data(as_text=True)
    assert status_of(record_id) == "draft"
    record_id, _ = record(web, case, version, "health_assessment",
                          {"kind": "review", "sdq_score": "17"})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
def test_the_initial_health_assessment_is_a_doctors(setup, web, version):
    """Reg 7: the initial health assessment by a registered medical practitioner, first
    in each period of care and once; a review by a doctor, a nurse or a midwife."""
    case = setup(version, "looked_after")
    case.health_assessment_on = None  # none yet in this period of care
    db.session.commit()
    record_id, response = record(web, case, version, "health_assessment", {
        "kind": "initial", "done_by_role": "nurse"}, status=400)
    assert "The initial health assessment is done by a doctor." in response.get_data(
        as_text=True)
    assert status_of(record_id) == "draft"
    record_id, response = record(web, case, version, "health_assessment", {
        "kind": "review", "done_by_role": "nurse"}, status=400)
    assert "this is the initial one, done by a doctor" in response.get_data(as_text=True)
    record_id, _ = record(web, case, version, "health_assessment", {
        "kind": "initial", "done_by_role": "doctor"})
    assert status_of(record_id) == "submitted"
    record_id, response = record(web, case, version, "health_assessment", {
        "kind": "initial", "done_by_role": "doctor"}, status=400)
    assert "this is a review health assessment" in response.get_data(as_text=True)
    record_id, _ = record(web, case, version, "health_assessment", {
        "kind": "review", "done_by_role": "nurse"})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("born, fine, key, answers, field, reason", AGE_REFUSALS,
                         ids=[f"{r[2]}-{r[4]}-{i}" for i, r in enumerate(AGE_REFUSALS)])
def test_what_cannot_be_right_for_the_childs_age_is_refused_beside_the_question(
        setup, web, version, born, fine, key, answers, field, reason):
    case = setup(version, "cp_plan" if key == "looked_after_start" else "looked_after")
    case.child.date_of_birth = born
    db.session.commit()
    record_id, response = record(web, case, version, key, answers, status=400)
    page = response.get_data(as_text=True)
    message = re.search(rf'<p id="f-{field}(-day)?-error" class="govuk-error-message">'
                        r'<span class="govuk-visually-hidden">Error:</span> ([^<]+)</p>', page)
    assert message and reason in message.group(2).replace("&#39;", "'"), page[:2000]
    assert status_of(record_id) == "draft"
    case.child.date_of_birth = fine
    db.session.commit()
    record_id, _ = record(web, case, version, key, answers)
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_care_leaver_moving_to_live_on_their_own_is_not_closed(setup, web, version):
    """A young person looked after for 13 weeks or more since 14 who leaves care at 16 or
    over is owed a personal adviser and a pathway plan: moving to independent living,
    going home, or staying put at 18 does not close the case. One looked after for less
    is not, nor one under a special guardianship order."""
    case = setup(version, "looked_after")
    case.child.date_of_birth = date(2009, 6, 1)  # 17 on the day they leave care
    case.looked_after_on = date(2026, 3, 2)  # eight months before
    db.session.commit()
    leaving = {"reason_ceased": "E5", "what_next": "closed"}
    for reason in ("E5", "E4A", "E17"):  # going home at 17 leaves them a care leaver too
        record_id, response = record(web, case, version, "ceased_looked_after",
                                     {**leaving, "reason_ceased": reason}, status=400)
        assert "This young person is a care leaver" in response.get_data(as_text=True)
        assert status_of(record_id) == "draft"
    # A special guardianship order ends the duties to a care leaver: the case can close.
    record_id, _ = record(web, case, version, "ceased_looked_after",
                          {"reason_ceased": "E47", "what_next": "closed"})
    assert status_of(record_id) == "submitted"
    case.stage = "looked_after"
    db.session.commit()
    record_id, _ = record(web, case, version, "ceased_looked_after",
                          {**leaving, "what_next": "leaving_care"})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_young_person_looked_after_only_weeks_can_leave_without_a_pathway_plan(
        setup, web, version):
    case = setup(version, "looked_after")
    case.child.date_of_birth = date(2009, 6, 1)
    case.looked_after_on = date(2026, 10, 5)  # four weeks before they leave
    db.session.commit()
    record_id, _ = record(web, case, version, "ceased_looked_after",
                          {"reason_ceased": "E5", "what_next": "closed"})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_child_at_home_under_an_interim_care_order_is_visited_weekly(setup, web, version):
    case = setup(version, "cp_plan")
    record(web, case, version, "looked_after_start",
           {**ORDER, "placement_type": "P1", "placement_provider": "PR0"})
    record(web, case, version, "lac_visit", {"visited_on": date(2026, 11, 2),
                                             "place": "placement", "bedroom_seen": "yes",
                                             "child_seen": "yes", "seen_alone": "yes"})
    assert "by 9 November 2026 (every week until the first review" in due(
        dates_to_plan_by(web, case), "Visit the child:")


@pytest.mark.parametrize("version", VERSIONS)
def test_a_child_with_a_temporarily_approved_relative_is_visited_weekly(setup, web, version):
    case = setup(version, "cp_plan")
    # A foster carer's temporary approval is refused: it is for a relative or friend.
    _, refused = record(web, case, version, "looked_after_start",
                        {**ORDER, "temporary_approval": "yes"}, status=400)
    assert 'id="f-temporary_approval-error"' in refused.get_data(as_text=True)
    record(web, case, version, "looked_after_start",
           {**ORDER, "placement_type": "U3", "temporary_approval": "yes"})
    record(web, case, version, "lac_visit", {"visited_on": date(2026, 11, 2),
                                             "place": "placement", "bedroom_seen": "yes",
                                             "child_seen": "yes", "seen_alone": "yes"})
    items = dates_to_plan_by(web, case)
    assert "by 9 November 2026 (every week until the first review: a relative or friend " \
        "with temporary approval" in due(items, "Visit the child:")
    # 16 weeks from Monday 2 November 2026.
    assert "by 22 February 2027" in due(items, "Temporary approval of the relative")
    # Moving to foster carers: the approval no longer applies.
    record(web, case, version, "looked_after_start", {
        **ORDER, "reason_new_episode": "P", "placement_change_reason": "CARPL",
        "started_on": date(2026, 11, 20)})
    assert not [i for i in dates_to_plan_by(web, case) if i.startswith("Temporary")]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_relative_s_temporary_approval_is_extended_then_full_without_a_new_episode(
        setup, web, version):
    """Regulations 24 and 25: the approval is extended once, by up to 8 weeks, then the
    relative is approved as a foster carer; the placement plan records each, and the
    child stays in the same episode (the same carer, the same placement code)."""
    case = setup(version, "cp_plan")
    record(web, case, version, "looked_after_start",
           {**ORDER, "placement_type": "U3", "temporary_approval": "yes"})
    plan = {"agreed_on": date(2026, 11, 4), "carer": "Mrs Ama Mensah, the child's aunt",
            "long_term": "no"}
    record(web, case, version, "placement_plan", {**plan, "carers_approved": "extended"})
    # 24 weeks from Monday 2 November 2026.
    assert "by 19 April 2027 (temporary approval was extended once" in due(
        dates_to_plan_by(web, case), "Temporary approval of the relative")
    record(web, case, version, "placement_plan", {
        **plan, "agreed_on": date(2026, 11, 20), "carers_approved": "full"})
    items = dates_to_plan_by(web, case)
    assert not [i for i in items if i.startswith("Temporary")]
    db.session.expire_all()
    starts = db.session.scalars(select(FormRecord.id).where(
        FormRecord.case_id == case.id, FormRecord.form_key == "looked_after_start")).all()
    assert len(starts) == 1  # still the one episode
    # No longer weekly: at most 6 weeks apart (no visit recorded yet: within a week).
    assert "every week" not in " ".join(items)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_review_without_the_iro_seeing_the_child_privately_says_why(setup, web, version):
    """Regulation 36: the IRO speaks to the child privately before each review; when they
    did not, the record says why and how the child's wishes were heard."""
    case = setup(version, "cp_plan")
    record(web, case, version, "looked_after_start", ORDER)
    review = {"review_on": date(2026, 11, 30), "which_review": "first",
              "participation": "PN1", "iro_spoke_privately": "no"}
    _, refused = record(web, case, version, "lac_review", review, status=400)
    assert "privately" in refused.get_data(as_text=True)
    record_id, _ = record(web, case, version, "lac_review", {
        **review, "not_private_why": "She did not want to; her foster carer and her "
                                     "advocate told me what she wants."})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_child_on_short_breaks_is_visited_as_their_plan_agrees(setup, web, version):
    case = setup(version, "cin_plan")
    record(web, case, version, "looked_after_start", {
        **ORDER, "legal_status": "V3", "order_details": None, "s20_agreed_by": "parent",
        "s20_consent_on": DAY, "s20_rights_explained": "yes", "placement_type": "U4"})
    items = dates_to_plan_by(web, case)
    assert "Visit the child during a short break (at the intervals agreed with the IRO and " \
        "the parents in the short break care plan)." in items
    assert not [i for i in items if i.startswith("Visit the child in their placement")]


@pytest.mark.parametrize("version", VERSIONS)
def test_which_review_it_is_follows_the_reviews_already_held(setup, web, version):
    """The record's history holds the first review of this period of care (30 October):
    another first is refused, a later one too, and the second goes through; then the
    next is a later one. A new period of care counts from its own first review."""
    case = setup(version, "looked_after")
    review = {"review_on": date(2026, 11, 27), "participation": "PN1"}
    for which, reason in (("first", "The first review of this period of care was held on "
                                    "30 October 2026"),
                          ("later", "Only the first review has been held")):
        record_id, response = record(web, case, version, "lac_review",
                                     {**review, "which_review": which}, status=400)
        assert reason in response.get_data(as_text=True)
        assert status_of(record_id) == "draft"
    second, _ = record(web, case, version, "lac_review", {**review, "which_review": "second"})
    assert status_of(second) == "submitted"
    _, response = record(web, case, version, "lac_review",
                         {**review, "which_review": "second"}, status=400)
    assert "The second review has been held" in response.get_data(as_text=True)
    # A new period of care starts its count again: its first review is the first.
    case.looked_after_on = date(2026, 11, 30)
    db.session.commit()
    record_id, _ = record(web, case, version, "lac_review", {
        "review_on": date(2026, 12, 1), "participation": "PN1", "which_review": "first"})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
def test_the_chronology_and_notes_are_dated_by_the_form_not_the_childs_birth(
        setup, web, version):
    """The old forms begin with the child's details, their date of birth first: the line
    in the chronology and the visit's note are dated the day of the episode and the visit."""
    case = setup(version, "cp_plan")
    record(web, case, version, "looked_after_start", ORDER)
    record(web, case, version, "lac_visit", {"visited_on": date(2026, 11, 9),
                                             "place": "placement", "bedroom_seen": "yes",
                                             "child_seen": "yes", "seen_alone": "yes"})
    db.session.expire_all()
    days = {e.title: e.occurred_on for e in db.session.scalars(select(ChronologyEntry).where(
        ChronologyEntry.case_id == case.id))}
    began = next(d for t, d in days.items() if "recorded" in t and (
        "looked after" in t.lower() or "LAC1" in t))
    assert began == DAY, days
    notes = [n.written_on for n in db.session.scalars(select(CaseNote).where(
        CaseNote.case_id == case.id)) if n.written_on >= date(2026, 11, 1)]
    assert date(2026, 11, 9) in notes
    assert case.child.date_of_birth not in set(days.values()) | set(notes)


@pytest.mark.parametrize("version", VERSIONS)
def test_an_emergency_protection_order_ends_eight_days_from_its_making(setup, web, version):
    """Made on 2 November, it ends on 10 November, though the child moved on the 5th; the
    police protection before it does not count towards it."""
    case = setup(version, "cp_plan")
    police = {**ORDER, "legal_status": "L1", "order_details": "PC Shah, police protection",
              "started_on": date(2026, 10, 31)}
    record(web, case, version, "looked_after_start", police)
    assert "by 3 November 2026" in due(dates_to_plan_by(web, case), "Police protection ends")
    order = {**ORDER, "legal_status": "L2", "order_details": "Emergency protection order, "
             "Northbrook Family Court", "reason_new_episode": "L", "started_on": DAY}
    record(web, case, version, "looked_after_start", order)
    record(web, case, version, "looked_after_start", {
        **order, "reason_new_episode": "P", "placement_change_reason": "CHILD",
        "started_on": date(2026, 11, 5)})
    assert "by 10 November 2026" in due(dates_to_plan_by(web, case),
                                        "The emergency protection order ends")


# What the episode and review forms refuse from the record's own history (it holds an
# interim care order from 5 October and the first review on 30 October): the form, the
# answers, the question, the reason.
HISTORY_REFUSALS = [
    ("looked_after_start", {**ORDER, "reason_new_episode": "L"}, "reason_new_episode",
     "The legal status is still C1"),
    ("looked_after_start", {**ORDER, "reason_new_episode": "P", "legal_status": "C2",
                            "placement_change_reason": "CHILD"}, "reason_new_episode",
     "The legal status changed from C1 to C2"),
    ("lac_review", {"which_review": "second", "review_on": date(2026, 10, 1)}, "review_on",
     "a looked-after review is held after that"),
    ("lac_review", {"which_review": "second", "review_on": DAY,
                    "next_review_on": date(2027, 6, 1)}, "next_review_on",
     "within 6 months of this one, by 2 May 2027"),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("key, answers, field, reason", HISTORY_REFUSALS,
                         ids=[f"{r[0]}-{r[2]}-{i}" for i, r in enumerate(HISTORY_REFUSALS)])
def test_what_the_records_history_rules_out_is_refused_beside_the_question(
        setup, web, version, key, answers, field, reason):
    case = setup(version, "looked_after")
    case.legal_status = "C1"
    db.session.commit()
    record_id, response = record(web, case, version, key, answers, status=400)
    page = response.get_data(as_text=True).replace("&#39;", "'")
    assert re.search(rf'id="f-{field}(-day)?-error"', page) and reason in page, page[:1500]
    assert status_of(record_id) == "draft"


@pytest.mark.parametrize("version", VERSIONS)
def test_agreement_to_accommodation_comes_before_it(setup, web, version):
    case = setup(version, "cin_plan")
    s20 = {**ORDER, "legal_status": "V2", "order_details": None, "s20_agreed_by": "parent",
           "s20_rights_explained": "yes", "s20_consent_on": date(2026, 11, 20)}
    _, response = record(web, case, version, "looked_after_start", s20, status=400)
    assert "The agreement comes before the child is accommodated" in response.get_data(
        as_text=True)
    record_id, _ = record(web, case, version, "looked_after_start",
                          {**s20, "s20_consent_on": DAY})
    assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_pathway_plan_recorded_moves_the_young_persons_dates_on(setup, web, version):
    case = setup(version, "looked_after")
    case.child.date_of_birth = date(2010, 3, 1)  # 16 on 1 March, the day before care
    case.looked_after_on = date(2026, 3, 2)
    db.session.commit()
    assert "by 1 September 2026" in due(dates_to_plan_by(web, case),
                                        "Assess needs and make the pathway plan")
    record(web, case, version, "pathway_plan", {"done_on": DAY})
    items = dates_to_plan_by(web, case)
    assert "by 2 May 2027" in due(items, "Review the pathway plan")
    assert not [i for i in items if i.startswith("Assess needs")]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("status, reason, ended, refused", [
    ("C1", "E4A", None, True),  # home, the interim care order still standing
    ("C1", "E4A", "no", True),
    ("C1", "E4A", "yes", False),  # the court ended it: they go home
    ("C2", "E5", None, True),  # independent living at 17 under a care order
    ("C2", "E45", None, False),  # a special guardianship order discharges the care order
    ("V2", "E4A", None, False),  # accommodated with consent: no order to end
])
def test_a_child_under_an_order_stays_looked_after_until_the_court_ends_it(
        setup, web, version, status, reason, ended, refused):
    case = setup(version, "looked_after")
    case.child.date_of_birth = date(2009, 6, 1)  # 17
    case.legal_status = status
    db.session.commit()
    answers = {"reason_ceased": reason, "what_next": "cin_plan",
               **({"order_ended": ended} if ended else {})}
    record_id, response = record(web, case, version, "ceased_looked_after", answers,
                                 status=400 if refused else 302)
    if refused:
        page = response.get_data(as_text=True)
        assert 'id="f-order_ended-error"' in page
        assert "lasts until the court ends it" in page
    else:
        assert status_of(record_id) == "submitted"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("answers, field, reason", [
    ({"ended_on": date(2026, 10, 30)}, "ended_on", "came back before they went missing"),
    ({"ended_on": date(2026, 11, 3), "return_interview": "accepted",
      "return_interview_on": date(2026, 11, 2),
      "interviewer": "Dana Mills, the independent return interview service",
      "return_interview_held_on": date(2026, 11, 4)},
     "return_interview_on",
     "offered after the child comes back"),
    ({"return_interview": "declined", "return_interview_on": date(2026, 11, 2)},
     "ended_on", "follows the child coming back"),
    # A strategy discussion and a referral to the National Referral Mechanism are dated.
    ({"strategy_held": "yes"}, "strategy_on", "date of the strategy discussion"),
    ({"nrm_referral": "yes"}, "nrm_on", "National Referral Mechanism"),
])
def test_a_missing_episode_is_recorded_in_order(setup, web, version, answers, field, reason):
    case = setup(version, "looked_after")
    # Gone on Monday 2 November 2026.
    _, response = record(web, case, version, "missing_from_care",
                         {"started_on": date(2026, 11, 2), **answers}, status=400)
    page = response.get_data(as_text=True).replace("&#39;", "'")
    assert f'id="f-{field}-error"' in page or f'id="f-{field}-day-error"' in page
    assert reason.lower() in page.lower()


def test_a_return_interview_names_who_offered_it(setup, web):
    case = setup("streamlined", "looked_after")
    _, response = record(web, case, "streamlined", "missing_from_care", {
        "started_on": date(2026, 11, 2), "ended_on": date(2026, 11, 3),
        "return_interview": "declined", "return_interview_on": date(2026, 11, 4)},
        status=400)
    assert 'id="f-interviewer-error"' in response.get_data(as_text=True)
