"""A child becoming looked after under section 20, recorded in a real browser: the form
(long lists of the DfE's codes shown in plain words) and the child's record with its dates
to plan by pass axe-core."""

from datetime import date

import pytest

from tests.browser.conftest import in_the_room
from tests.browser.test_journeys import serious_violations, sign_in
from tests.browser.test_recording import open_first_child

pytestmark = pytest.mark.browser


def _on_a_plan(app) -> None:
    """The first child's record on a child protection plan (any open stage would do)."""
    from sqlalchemy import select

    from sandbox.cases.models import Case
    from sandbox.core.extensions import db
    with in_the_room(app):
        for case in db.session.scalars(select(Case)):
            case.stage = "cp_plan"
        db.session.commit()


def test_record_accommodation_with_consent_and_see_the_dates_to_plan_by(live, page):
    base, app = live
    _on_a_plan(app)
    sign_in(page, base, "trainee")
    page.wait_for_url(f"{base}/t/room-1/")
    open_first_child(page)
    child_url = page.url
    page.get_by_label("Start a form").select_option(label="Becoming looked after, or a new episode")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector("h1:has-text('Becoming looked after, or a new episode')")
    form_problems = serious_violations(page)

    today = date.today()
    for name in ("started_on", "s20_consent_on"):
        page.locator(f"#f-{name}-day").fill(str(today.day))
        page.locator(f"#f-{name}-month").fill(str(today.month))
        page.locator(f"#f-{name}-year").fill(str(today.year))
    page.get_by_label("The child started to be looked after").check()
    page.get_by_label("Accommodated with consent under section 20 (a single period)").check()
    page.locator("#f-s20_agreed_by").get_by_label(
        "A parent or another person with parental responsibility", exact=False).check()
    page.get_by_label("Section 20 only: the name of each person who agreed").fill("Ms Nowak")
    page.locator("#f-s20_rights_explained").get_by_label("Yes").check()
    page.get_by_label("The family is in acute stress").check()
    page.get_by_label("Foster care with another foster carer: not long-term").check()
    page.locator("#f-placement_provider").get_by_label("Our council").check()
    page.get_by_label("Who decided (the manager, the court or the police officer)").fill(
        "Sam Patel, team manager")
    page.get_by_label("What the child thinks and feels about it, in their words").fill(
        "\"I want to stay with Mum but I know she is poorly.\"")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_selector("text=Becoming looked after, or a new episode submitted.")

    page.goto(child_url)
    where = page.inner_text(".govuk-inset-text")
    assert "Where things are: Looked after" in where
    assert "Dates to plan by" in where and "Hold the first looked-after review" in where
    assert (form_problems, serious_violations(page)) == ([], [])
