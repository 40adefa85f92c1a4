"""A floor walker on a phone (390 pixels wide): the rooms under way, the seat that may need
help, its training copy read only, and a note against it; axe-core on each page."""

import pytest
from sqlalchemy import select

from sandbox.core.extensions import db
from sandbox.feedback.models import FeedbackItem
from tests import factories
from tests.browser.conftest import trainers_room
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}


def _fits(page) -> bool:
    """Nothing wider than the phone: no sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_floor_walker_on_a_phone_finds_a_stuck_seat_and_notes_against_it(live, browser,
                                                                             page):
    base, app = live
    code, session_id = trainers_room(app, "contact-to-assessment")
    with app.app_context():
        factories.user("floor_walker")
        db.session.remove()

    # A trainee joins and tries the first step three times before doing it.
    sign_in(page, base, "trainee")
    page.goto(f"{base}/join")
    page.get_by_label("Join code").fill(code)
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#scenario-panel")
    for _ in range(3):
        with page.expect_navigation():
            page.get_by_role("button", name="Check my work").click()

    phone = browser.new_context(**PHONE)
    walker = phone.new_page()
    problems, fits = {}, {}
    try:
        sign_in(walker, base, "floorwalker")
        walker.get_by_role("link", name="Rooms under way").first.click()
        walker.wait_for_selector("#rooms")
        assert "1 may need help" in walker.inner_text("#rooms")
        problems["rooms"], fits["rooms"] = serious_violations(walker), _fits(walker)

        walker.get_by_role("link", name="Tuesday room").click()
        helping = walker.inner_text("#needing-help")
        assert "Seat 1: Test trainee" in helping and "3 tries not yet right" in helping
        problems["room"], fits["room"] = serious_violations(walker), _fits(walker)
        # None of the trainer's controls.
        assert walker.get_by_role("button", name="Reset").count() == 0
        assert walker.get_by_role("button", name="End the session").count() == 0

        walker.locator("#needing-help a").first.click()
        walker.wait_for_selector("#step-instruction")
        assert "Step 1 of 5" in walker.inner_text("#seat-summary")
        problems["seat"], fits["seat"] = serious_violations(walker), _fits(walker)

        # Their training copy, read only.
        walker.get_by_role("link", name="record (read only)").click()
        walker.wait_for_selector("h1")
        assert "Child's record" in walker.inner_text("h1")
        assert walker.get_by_role("button", name="Start").count() == 0
        walker.go_back()

        walker.get_by_role("link", name="Write a note about this seat").click()
        walker.wait_for_selector("#where")
        about = walker.locator("#about")
        assert about.locator("option:checked").inner_text() == "Test trainee, seat 1"
        assert about.locator("option").all_inner_texts() == ["Nobody in particular",
                                                             "Test trainee, seat 1"]
        problems["note"], fits["note"] = serious_violations(walker), _fits(walker)
        walker.locator("#where").select_option("field:contact_referral/decision")
        walker.get_by_label("Something is confusing").check()
        walker.get_by_label("What happened?").fill("Looked for the decision in the wrong place")
        with walker.expect_navigation():
            walker.get_by_role("button", name="Save note").click()
        assert "Note saved" in walker.inner_text("main")
        assert f"/floor/rooms/{session_id}/seats/1" in walker.url
    finally:
        phone.close()

    with app.app_context():
        item = db.session.scalar(select(FeedbackItem))
        assert item.target == "streamlined/contact_referral/decision" and item.source == "floor"
        db.session.remove()
    assert problems == {"rooms": [], "room": [], "seat": [], "note": []}
    assert fits == {"rooms": True, "room": True, "seat": True, "note": True}
