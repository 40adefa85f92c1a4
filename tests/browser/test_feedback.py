"""Feedback left from a form page reaches the working group's queue with its context."""

import pytest
from sqlalchemy import select

from sandbox.auth.models import User
from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from tests import factories
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_feedback_from_a_form_reaches_the_queue(live, browser, page):
    base, app = live
    with app.app_context():
        tenant_id = db.session.scalar(select(User.tenant_id).where(User.username == "trainee"))
        with tenancy.scoped_to(tenant_id):
            case = db.session.scalars(select(Case).order_by(Case.id)).first()
            record_id = recording.start(case, "streamlined", "visit", "Trainer").id
        factories.user("working_group")
        factories.user("floor_walker")
        db.session.remove()

    sign_in(page, base, "trainee")
    page.goto(f"{base}/t/room-1/forms/{record_id}")
    page.get_by_label("What the child said or showed you").click()
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Feedback on this page").click()
    feedback = popup.value
    feedback.wait_for_selector("h1:has-text('Feedback on this page')")
    assert "Visit: “What the child said or showed you”" in feedback.content()
    feedback.get_by_label("It asks for something twice").check()
    feedback.get_by_label("Tell us in a sentence or two").fill(
        "The child's words are asked for again after the assessment.")
    feedback.get_by_role("button", name="Send feedback").click()
    feedback.wait_for_selector("text=Thank you")

    group = browser.new_context()
    group_page = group.new_page()
    try:
        sign_in(group_page, base, "workinggroup")
        group_page.goto(f"{base}/feedback/queue")
        text = group_page.inner_text("main")
        assert "Visit: “What the child said or showed you”" in text and "asked for again" in text
        queue_problems = serious_violations(group_page)
        group_page.locator("input[name=items]").first.check()
        group_page.get_by_label("What is the problem?").fill("The child's words are asked twice")
        group_page.get_by_role("button", name="Make a change request").click()
        group_page.wait_for_selector("text=Change request 1")
        request_problems = serious_violations(group_page)
    finally:
        group.close()

    walker = browser.new_context(viewport={"width": 390, "height": 800})  # a phone
    walker_page = walker.new_page()
    try:
        sign_in(walker_page, base, "floorwalker")
        walker_page.goto(f"{base}/feedback/note")
        note_problems = serious_violations(walker_page)
    finally:
        walker.close()
    assert (queue_problems, request_problems, note_problems) == ([], [], [])
