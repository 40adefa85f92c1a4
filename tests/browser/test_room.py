"""The trainer's room in chromium: 18 seats on a compact page, sign-ins printed for the
room, and full screen at the front that stays on from page to page until turned off."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from sandbox.auth.models import User
from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.tenants.models import Tenant
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser

NAMES = ["Priya Shah", "Tomás O'Brien", "Amy Lee", "Ben Ode", "Cara Jones", "Dev Patel",
         "Ella Green", "Femi Adeyemi", "Gus Moore", "Hana Kowalski", "Ivan Petrov",
         "Jade Brown", "Kofi Mensah", "Lara Hughes", "Mo Ahmed", "Nina Rossi", "Owen Price"]


def _session(app, seats):
    with app.app_context():
        trainer = db.session.scalar(select(User).where(User.username == "trainer"))
        session = sessions.create("Tuesday room", "navigation-basics", seats, 5, 2,
                                  "streamlined", trainer)
        front = db.session.get(Tenant, sessions.seats_of(session)[0].tenant_id).name
        found = session.id, session.join_code, front
        db.session.remove()
    return found


def test_a_room_of_18_is_compact_and_its_sign_ins_print(live, browser, page):
    base, app = live
    session_id, code, _front = _session(app, 18)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, base, "trainer")
    page.goto(f"{base}/sessions/{session_id}")
    page.get_by_role("link", name="Sign-ins for the room").click()
    problems = serious_violations(page)
    page.get_by_label("The room's people").fill("\n".join(NAMES))
    with page.expect_navigation():
        page.get_by_role("button", name="Add them and print their sign-in cards").click()
    assert page.locator(".app-card").count() == 17
    problems += serious_violations(page)
    page.goto(f"{base}/sessions/{session_id}/people")
    with page.expect_navigation():
        page.get_by_role("button", name="Print seat logins").click()
    assert page.locator(".app-card").count() == 1  # the one seat left
    assert "Works on" in page.inner_text(".app-card")

    username, password = page.locator(".app-card__secret").all_inner_texts()

    # The person at that seat signs in with the card and goes to its address.
    trainee = browser.new_context()
    seat = trainee.new_page()
    try:
        seat.goto(f"{base}/join")
        seat.get_by_label("Username").fill(username)
        seat.get_by_label("Password", exact=True).fill(password)
        with seat.expect_navigation():
            seat.get_by_role("button", name="Sign in").click()
        assert seat.locator("#scenario-panel").count() == 1  # in the seat's training copy
        assert "-seat-18" in seat.url
    finally:
        trainee.close()

    page.goto(f"{base}/sessions/{session_id}")
    summary = page.inner_text("#summary")
    assert summary == "1 of 18 joined · 1 working · 0 may need help · 0 finished", summary
    assert page.locator("#room tbody tr").count() == 18
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"room page for 18 seats: {height}px tall at 1280x800")
    assert height < 2200, height
    problems += serious_violations(page)
    page.locator("#room tbody tr").first.get_by_role("link").click()
    assert page.locator("h1").inner_text() == "Seat 1"
    problems += serious_violations(page)
    assert problems == []


def test_full_screen_at_the_front_stays_on_until_turned_off(live, page):
    base, app = live
    session_id, _code, front = _session(app, 1)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, base, "trainer")
    page.goto(f"{base}/sessions/{session_id}")
    laptop = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.govuk-body'))"
                           ".fontSize)")
    page.get_by_role("link", name="Full screen").click()
    page.wait_for_selector("body.app-present")  # the full-screen page, loaded
    page.wait_for_load_state()
    assert page.locator("body.app-present").count() == 1

    def looks():
        text = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                             "'main .govuk-body, main .govuk-table__cell')).fontSize)")
        left = page.evaluate("document.querySelector('main').getBoundingClientRect().left")
        return text, left

    text, left = looks()
    assert text >= 1.4 * laptop and left >= 40, (text, laptop, left)
    problems = serious_violations(page)
    # Clicks later, still full screen: a family, then a child's record.
    with page.expect_navigation():
        page.locator("main a[href*='/families/']").first.click()
    expect(page.locator("body.app-present")).to_have_count(1)
    with page.expect_navigation():
        page.locator("main a[href*='/children/']").first.click()
    expect(page.locator("body.app-present")).to_have_count(1)
    text, left = looks()
    assert text >= 1.4 * laptop and left >= 40, (text, left)
    # The trainer's own step goes on the screen too, beside the record, not over it.
    assert page.locator("body.app-present.app-has-panel #scenario-panel").is_visible()
    record = page.locator(".app-with-panel__main").bounding_box()
    panel = page.locator("#scenario-panel").bounding_box()
    assert panel["x"] >= record["x"] + record["width"], (record, panel)
    assert panel["x"] + panel["width"] <= 1366, panel
    problems += serious_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Leave full screen").click()
    expect(page.locator("body.app-present")).to_have_count(0)
    page.goto(f"{base}/t/{front}/")
    assert page.locator("body.app-present").count() == 0
    assert problems == []
