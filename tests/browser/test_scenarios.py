"""A trainee joins a session, works the navigation scenario with the panel beside the
pages, and the trainer's room shows their progress."""

import pytest

from tests.browser.conftest import trainers_room
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_trainee_works_a_scenario_and_the_trainer_watches(live, browser, page):
    base, app = live
    code, session_id = trainers_room(app, "navigation-basics")

    sign_in(page, base, "trainee")
    page.goto(f"{base}/join")
    page.get_by_label("Join code").fill(code.lower())
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#scenario-panel")
    assert "Step 1 of 6" in page.inner_text("#scenario-panel")
    panel_problems = serious_violations(page)

    # Do what step 1 asks: the panel moves on by itself, without reloading the page.
    page.locator("table.govuk-table tbody tr td:first-child a").first.click()
    page.wait_for_selector("h1:has-text('Household')")
    page.wait_for_selector("#scenario-panel:has-text('Step 2 of 6')", timeout=15000)

    room = browser.new_context()
    trainer_page = room.new_page()
    try:
        sign_in(trainer_page, base, "trainer")
        trainer_page.goto(f"{base}/sessions/{session_id}")
        row = trainer_page.locator("#room tbody tr").first  # seat 1: the front is above
        assert "Test trainee" in row.inner_text()
        assert "Step 2 of 6" in row.inner_text()
        dashboard_problems = serious_violations(trainer_page)
    finally:
        room.close()
    assert (panel_problems, dashboard_problems) == ([], [])
