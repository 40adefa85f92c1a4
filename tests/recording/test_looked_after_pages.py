"""A looked-after child's dates to plan by, through the pages: each form recorded takes
its item off the list or moves it on, by the statutory timescales (PRACTICE.md §4.2).
The dates are written out by hand, not worked out by the code under test."""

import re
from datetime import date

import pytest

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
    record(web, case, version, "lac_visit", {"visited_on": date(2026, 11, 2),
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
                                              "which_review": "first"})
    assert "by 2 February 2027" in due(dates_to_plan_by(web, case),
                                       "Hold the second looked-after review")
    record(web, case, version, "lac_review", {"review_on": date(2026, 11, 30),
                                              "which_review": "second"})
    assert "by 30 May 2027" in due(dates_to_plan_by(web, case),
                                  "Hold the next looked-after review")
    # A placement move: the new placement's plan within 5 working days, a visit in 7 days.
    record(web, case, version, "looked_after_start", {
        **ORDER, "reason_new_episode": "P", "placement_change_reason": "CHILD",
        "started_on": date(2026, 11, 20)})
    items = dates_to_plan_by(web, case)
    assert "by 27 November 2026" in due(items, "Agree the placement plan")
    assert "by 27 November 2026" in due(items, "Visit the child in their placement")
