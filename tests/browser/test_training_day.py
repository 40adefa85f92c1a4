"""A training day in Debian's chromium, through the real pages (issue 15, "Shown by").

A trainer makes a 6-seat session of the learning case from the new-session page's defaults
and prints seat logins; three trainees sign in with them from one address at once (one
mistyping first, one without JavaScript) and each plays session 1, getting the contact's
decision wrong first and putting it right; the trainer saves a point at the front, resets
every seat to it and each trainee carries on at that step on the same child, their first
attempt kept in the results; a floor walker finds the seat that may need help and notes
against it; the trainer ends the session. axe-core runs on each distinct page of the day.
"""

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from sandbox.core.extensions import db
from tests import factories
from tests.browser.conftest import served
from tests.browser.test_journeys import serious_violations, sign_in
from tests.conftest import BACKENDS

pytestmark = pytest.mark.browser

TITLE = "The learning case: one family from the first call to the first core group"
REFERRAL = "Accept as a referral and start a Child and Family Assessment"
STRATEGY_TODAY = "Accept as a referral and hold a strategy discussion today"
STEP_1 = "step 1: Session 1. Record the contact and referral"
STEP_2 = "step 2: Session 1. The Child and Family Assessment"


class Day:
    """What the day found: axe-core's serious problems by page, and the trainer's clicks
    by task."""

    def __init__(self):
        self.problems: dict[str, list[str]] = {}
        self.scanned: list[str] = []
        self.clicks: dict[str, int] = {}

    def axe(self, name: str, page) -> None:
        """Each distinct page once (pages seen again are not scanned again)."""
        if name in self.scanned:
            return
        self.scanned.append(name)
        found = serious_violations(page)
        if found:
            self.problems[name] = found

    def click(self, task: str, locator, navigates: bool = True) -> None:
        self.clicks[task] = self.clicks.get(task, 0) + 1
        if navigates:
            with locator.page.expect_navigation():
                locator.click()
        else:
            locator.click()

    def choose(self, task: str, select, label: str) -> None:
        """Choosing from a list: one click, as a person counts it."""
        self.clicks[task] = self.clicks.get(task, 0) + 1
        select.select_option(label=label)


def _date(page, key: str, day: date) -> None:
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        page.locator(f"#f-{key}-{part}").fill(str(value))


def _submit(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Submit", exact=True).click()


def _check(page) -> str:
    with page.expect_navigation():
        page.get_by_role("button", name="Check my work").click()
    return page.inner_text("main")


def _open_child(page) -> str:
    """The child the panel names, by its link; returns the child's name."""
    link = page.locator("#scenario-panel a[href*='/children/']")
    name = link.inner_text().split(":")[0]
    with page.expect_navigation():
        link.click()
    return name


def _record_contact(page, decision: str, day: Day | None = None) -> None:
    """On the child's record: the contact waiting there as a draft, finished and submitted
    with `decision`."""
    with page.expect_navigation():
        page.locator("#forms").locator("xpath=following-sibling::table[1]").get_by_role(
            "link", name="Contact and referral").click()
    page.wait_for_selector("h1:has-text('Contact and referral')")
    if day:
        day.axe("the contact form", page)
    today = date.today()
    _date(page, "contact_date", today)
    page.get_by_label("What did they tell us?").fill(
        "The school rang: she has come in hungry and in the same clothes all week.")
    page.get_by_label(decision, exact=True).check()
    _date(page, "decided_on", today)
    page.get_by_label("Why did we decide this?").fill(
        "We need to understand what is happening at home, with the family.")
    _submit(page)


def _amend_decision(page, decision: str, day: Day | None = None) -> None:
    """The submitted contact (the page after submitting it), its decision put right."""
    with page.expect_navigation():
        page.get_by_role("link", name="Amend this form").click()
    if day:
        day.axe("amending a form", page)
    page.get_by_label(decision, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the amendment").click()
    assert "Contact and referral amended" in page.inner_text("main")


def _record_assessment(page, day: Day | None = None) -> None:
    _open_child(page)
    page.get_by_label("Start a form").select_option(label="Child and Family Assessment")
    with page.expect_navigation():
        page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector("h1:has-text('Child and Family Assessment')")
    if day:
        day.axe("the assessment form", page)
    page.locator("#f-child_voice").fill(
        "In her three houses she put 'no dinner' in the house of worries.")
    page.locator("#f-danger_statement").fill(
        "We are worried she will go hungry and be left alone at night.")
    page.locator("#f-safety_goal").fill(
        "She has a meal every evening and an adult at home every night.")
    page.locator("#f-safety_scale").fill("4")
    page.get_by_label("There is reasonable cause to suspect significant harm: hold a "
                      "strategy discussion").check()
    _date(page, "completed_on", date.today())
    _submit(page)


def _step(page) -> str:
    return page.locator("#scenario-panel").inner_text()


@pytest.fixture
def day_server(app):
    """The app served over real HTTP on each database (the `app` fixture's), with a
    trainer and a floor walker: the day makes everything else through the pages."""
    factories.user("trainer")
    factories.user("floor_walker")
    db.session.remove()
    with served(app) as base:
        yield base


# On PostgreSQL, as a council runs it, when there is one: the day is long, and every other
# browser journey runs on SQLite.
@pytest.mark.parametrize("app", BACKENDS[-1:], indirect=True)
def test_a_training_day(day_server, browser, page):
    base = day_server
    day = Day()
    page.set_viewport_size({"width": 1280, "height": 800})

    # The trainer signs in and makes the session: a name typed, the scenario chosen, six
    # seats; the families and their number are the page's own.
    page.goto(f"{base}/sign-in")
    day.axe("sign-in", page)
    sign_in(page, base, "trainer")
    day.axe("trainer's home", page)
    day.click("create a session", page.get_by_role("link", name="Training sessions").first)
    day.axe("training sessions", page)
    day.click("create a session", page.get_by_role("link", name="Create a session"))
    day.axe("new session", page)
    page.get_by_label("Session name").fill("New starters, Tuesday")
    day.click("create a session", page.get_by_label(TITLE), navigates=False)
    page.get_by_label("Number of trainee seats").fill("6")
    day.click("create a session", page.get_by_role("button", name="Create session"))
    assert "Session ready" in page.inner_text("main"), page.inner_text("main")
    room_url = page.url
    day.axe("the room", page)

    day.click("print logins", page.get_by_role("link", name="Sign-ins for the room"))
    day.axe("sign-ins for the room", page)
    day.click("print logins", page.get_by_role("button", name="Print seat logins"))
    cards = page.locator(".app-card")
    assert cards.count() == 6
    day.axe("sign-in cards", page)
    logins = [cards.nth(n).locator(".app-card__secret").all_inner_texts() for n in range(3)]
    address = cards.first.locator("dd").first.inner_text()
    assert address == f"{base}/join"

    # Three trainees at once from the room's one address; Priya mistypes her password.
    contexts = [browser.new_context(viewport={"width": 1280, "height": 800}),
                browser.new_context(viewport={"width": 1280, "height": 800}),
                browser.new_context(java_script_enabled=False)]
    try:
        amy, priya, ben = seats = [c.new_page() for c in contexts]
        for seat, (username, password) in zip(seats, logins, strict=True):
            seat.goto(address)
            seat.get_by_label("Username").fill(username)
            seat.get_by_label("Password", exact=True).fill(
                password + "x" if seat is priya else password)
        for seat in seats:
            seat.get_by_role("button", name="Sign in").click(no_wait_after=True)
        for seat in seats:
            seat.wait_for_load_state()
        typo = priya.wait_for_selector(".govuk-error-summary").inner_text()
        assert "too many" not in typo.lower(), typo  # told to try again, not locked out
        priya.get_by_label("Password", exact=True).fill(logins[1][1])
        with priya.expect_navigation():
            priya.get_by_role("button", name="Sign in").click()
        children, child_urls = [], []
        for n, seat in enumerate(seats, 1):
            seat.wait_for_selector("#scenario-panel")
            assert f"-seat-{n}/" in seat.url, seat.url
            assert "Step 1 of 8" in _step(seat)
        day.axe("a seat's training copy, with the panel", amy)

        # Session 1: the contact with the wrong decision first. Amy checks three times
        # before she sees what is wrong.
        for seat in seats:
            children.append(_open_child(seat))
            child_urls.append(seat.url)
            _record_contact(seat, STRATEGY_TODAY, day if seat is amy else None)
            said = _check(seat)
            assert "Not yet" in said and f"‘{REFERRAL}’" in said, said
        assert len(set(children)) == 1  # the same child in every training copy
        day.axe("a step not yet right", amy)
        for _ in range(2):
            _check(amy)

        # A floor walker sees Amy's seat may need help and writes a note against it.
        walking = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            walker = walking.new_page()
            sign_in(walker, base, "floorwalker")
            day.axe("floor walker's home", walker)
            with walker.expect_navigation():
                walker.get_by_role("link", name="Rooms under way").first.click()
            assert "1 may need help" in walker.inner_text("#rooms")
            day.axe("rooms under way", walker)
            with walker.expect_navigation():
                walker.get_by_role("link", name="New starters, Tuesday").click()
            helping = walker.inner_text("#needing-help")
            assert "Seat 1:" in helping and "3 tries not yet right" in helping, helping
            day.axe("a room, walking the floor", walker)
            with walker.expect_navigation():
                walker.locator("#needing-help a").first.click()
            day.axe("a seat, walking the floor", walker)
            with walker.expect_navigation():
                walker.get_by_role("link", name="Write a note about this seat").click()
            day.axe("a floor walker's note", walker)
            walker.locator("#where").select_option("field:contact_referral/decision")
            walker.get_by_label("Something is confusing").check()
            walker.get_by_label("What happened?").fill(
                "Chose a strategy discussion today; the risk was not immediate")
            with walker.expect_navigation():
                walker.get_by_role("button", name="Save note").click()
            assert "Note saved" in walker.inner_text("main")
        finally:
            walking.close()

        # Each puts the decision right by amending the form, and the step passes; then the
        # assessment.
        for seat in seats:
            _amend_decision(seat, REFERRAL, day if seat is amy else None)
            assert "Step 2 of 8" in _step(seat)  # the amended form passed step 1
            _record_assessment(seat, day if seat is amy else None)
            _check(seat)
            assert "Step 3 of 8" in _step(seat), _step(seat)

        # At the front, the trainer records the contact and saves the point after it.
        page.goto(room_url)
        page.get_by_role("link", name="Open", exact=True).click()
        page.wait_for_selector("#scenario-panel")
        _open_child(page)
        _record_contact(page, REFERRAL)
        _check(page)
        assert "Step 2 of 8" in _step(page)
        page.goto(room_url)
        summary = page.inner_text("#summary")
        assert summary == "3 of 6 joined · 3 working · 0 may need help · 0 finished", summary
        assert "Step 2 of 8" in page.inner_text("#front")  # the trainer's own run
        page.get_by_label("Save the front of the room as it is now, named").fill(
            "After the contact")
        day.click("save a point", page.get_by_role("button", name="Save a point"))
        assert "Saved the front of the room as “After the contact”" in page.inner_text("main")

        # Every seat back to it, after the confirmation page.
        day.choose("reset all", page.get_by_label("Reset to"), "After the contact")
        day.click("reset all", page.get_by_role("button", name="Reset every seat"))
        day.axe("confirming a reset", page)
        day.click("reset all", page.get_by_role("button", name="Yes, reset every seat"))
        assert "Every seat is back at “After the contact”" in page.inner_text("main")

        # Each, back on the child's record, carries on at step 2 on the same child; Ben
        # (without JavaScript) records it again.
        for seat, child_url in zip(seats, child_urls, strict=True):
            seat.goto(child_url)
            assert "Step 2 of 8" in _step(seat), _step(seat)
            assert children[0] in _step(seat)
        _record_assessment(ben)
        _check(ben)
        assert "Step 3 of 8" in _step(ben)
    finally:
        for context in contexts:
            context.close()

    # The results keep each first attempt's steps beside the attempt after the reset.
    page.goto(room_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download results (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    by = {(r["username"], r["attempt"]): r for r in rows}
    amy_first = by[(logins[0][0], "1")]
    assert amy_first[STEP_1] == "done, 3 not yet" and amy_first[STEP_2] == "done", amy_first
    assert by[(logins[1][0], "1")][STEP_1] == "done, 1 not yet"
    again = by[(logins[2][0], "2")]
    assert again[STEP_1] == "done before the point" and again[STEP_2] == "done", again

    # The trainer ends the session after confirming.
    day.click("end", page.get_by_role("button", name="End the session"))
    day.axe("confirming the end", page)
    day.click("end", page.get_by_role("button", name="Yes, end the session"))
    assert "Session ended" in page.inner_text("main")
    day.axe("an ended room", page)

    print(f"\ntrainer's clicks: {day.clicks}\npages scanned: {len(day.scanned)}")
    assert day.clicks == {"create a session": 4, "print logins": 2, "save a point": 1,
                          "reset all": 3, "end": 2}
    assert day.problems == {}
