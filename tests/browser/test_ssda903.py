"""The SSDA903 page in a real browser: a looked-after child's episodes recorded on the real
forms with a mistake, the trainee opens the return from the families page, follows the
problem's link to the question behind it, and the pages (the copy's and the working
group's hotspots) pass axe-core."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from sandbox.ssda903 import validator
from tests.browser.conftest import in_the_room, signed_in_as
from tests.browser.test_journeys import serious_violations, sign_in
from tests.ssda903.test_ssda903 import TODAY, Recorder, children

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(validator.available() is not None,
                                 reason="the DfE rules cannot run on this Python")]


def _review_with_a_mistake(app) -> None:
    """A child in police protection, and the interim care order that followed recorded
    five days later (police protection lasts at most 72 hours: rule 361), through the
    forms' pages."""
    with in_the_room(app):
        me = Recorder(signed_in_as(app, "trainee"), children(1)[0])
        began = TODAY - timedelta(days=30)
        me.becomes_looked_after(began, legal_status="L1",
                                order_details="PC Shah, police protection, 72 hours")
        me.becomes_looked_after(began + timedelta(days=5), reason_new_episode="L")


def test_a_trainee_reads_the_ssda903_return_and_follows_a_problem_to_its_question(live, page):
    base, app = live
    _review_with_a_mistake(app)
    sign_in(page, base, "trainee")
    page.goto(f"{base}/t/room-1/")
    page.get_by_role("link", name="Children looked after return (SSDA903)").click()
    # The page runs the DfE's rules before it answers: wait for it, on a busy machine too.
    expect(page.get_by_role("heading", name="Children looked after return (SSDA903)")
           ).to_be_visible(timeout=60_000)
    main = page.locator("main")
    expect(main).to_contain_text("361")
    expect(main).to_contain_text("Police protection lasted longer than 72 hours")
    assert serious_violations(page) == []
    page.get_by_text("not checked on this return").click()
    expect(main).to_contain_text("Northbrook's postcodes are made up")
    link = page.locator("table a[href*='/forms/']").first
    question = link.inner_text().split(": ", 1)[1]
    link.click()
    page.wait_for_url("**/forms/**")
    expect(page.locator("main")).to_contain_text(question)
    sign_in(page, base, "administrator")
    page.goto(f"{base}/ssda903/hotspots")
    assert page.get_by_role("heading", name="SSDA903 hotspots").is_visible()
    assert "(1 checked)" in page.inner_text("main")
    assert serious_violations(page) == []
