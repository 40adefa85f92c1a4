"""Guided tours in Debian's chromium: a tour that moves on as the person does the real
thing, through a child's record, a form and the submitted form (and the chronology's,
ended by the real press of Save); a tour by keyboard alone, picked up again in a new
browser session; the list of steps without JavaScript; axe-core with a tour open."""

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core.extensions import db
from sandbox.recording.models import FormRecord
from sandbox.tours.models import TourRun
from tests import factories
from tests.browser.conftest import in_the_room
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser

POPOVER = ".driver-popover"


def _step(page, text):
    page.wait_for_selector(f"{POPOVER} >> text={text}", timeout=10000)


def _announced(page, words):
    page.wait_for_function("w => document.getElementById('tour-announce')"
                           ".textContent.includes(w)", arg=words, timeout=10000)


def _runs(app):
    with app.app_context():
        found = [(r.tour_key, r.status, r.step) for r in db.session.scalars(
            select(TourRun).order_by(TourRun.id))]
        db.session.remove()
    return found


def test_a_tour_moves_on_as_the_person_starts_saves_and_submits_a_form(live, page, browser):
    base, app = live
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "trainee")
    page.goto(f"{base}/learning/tours/forms")
    page.get_by_role("button", name="Start the guided tour").click()

    # Page 1, the child's record: the step is beside the form list, and announced.
    _step(page, "Start a form")
    _announced(page, "Step 1 of 8: Start a form")
    assert page.evaluate("document.activeElement.closest('.driver-popover') !== null")
    problems = {"child, tour open": serious_violations(page)}
    page.locator("#form_key").select_option(label="Case note")
    with page.expect_navigation():
        page.get_by_role("button", name="Start", exact=True).click()

    # Page 2, the form: opening it moved the tour on; Next, then a real save.
    _step(page, "The questions")
    _announced(page, "Step 2 of 8")
    page.click(f"{POPOVER} .driver-popover-next-btn")
    _step(page, "Saved as you type")
    page.click(f"{POPOVER} .driver-popover-next-btn")
    _step(page, "Save as draft")
    page.get_by_label("What is this note about?").fill("Call with school")
    with page.expect_navigation():
        page.get_by_role("button", name="Save as draft").click()
    _step(page, "Back to the child")
    problems["form, tour open"] = serious_violations(page)
    # The step's box adds no second banner or footer landmark to the page.
    assert page.locator(f"{POPOVER} header, {POPOVER} footer").count() == 0
    # Next goes where the step says: the child's record, not the first crumb.
    with page.expect_navigation():
        page.click(f"{POPOVER} .driver-popover-next-btn")
    _step(page, "Your draft is on the record")
    with page.expect_navigation():
        page.locator("[data-tour=record-forms] a", has_text="Case note").first.click()
    _step(page, "Submit")
    for part, value in (("Day", 2), ("Month", 11), ("Year", 2026)):
        page.locator("#f-written_on").get_by_label(part).fill(str(value))
    page.get_by_label("A phone or video call").check()
    page.locator("#f-note").fill("The school rang about Monday.")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()

    # Page 3, the submitted form: the last step, then Finish.
    _step(page, "Putting a submitted form right")
    assert page.inner_text(f"{POPOVER} .driver-popover-next-btn") == "Finish"
    page.click(f"{POPOVER} .driver-popover-next-btn")
    _announced(page, "Tour finished")
    assert not page.locator("#tour-bar").is_visible()
    assert _runs(app) == [("forms", "finished", 7)]

    # The chronology tour ends on the real press of Save: the entry is saved (the click
    # the tour waited for still sends the form) and the tour is finished.
    page.goto(f"{base}/learning/tours/chronology")
    page.get_by_role("button", name="Start the guided tour").click()
    _step(page, "The chronology")
    page.click(f"{POPOVER} .driver-popover-next-btn")
    _step(page, "Show one kind of event")
    page.click(f"{POPOVER} .driver-popover-next-btn")
    _step(page, "Add to the chronology")
    with page.expect_navigation():
        page.get_by_role("link", name="Add to the chronology").click()
    _step(page, "What happened, and when")
    page.click(f"{POPOVER} .driver-popover-next-btn")
    _step(page, "Save the entry")
    # Save on an empty entry is refused: the form comes back with the step still on it.
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "There is a problem" in page.inner_text("main")
    _step(page, "Save the entry")
    assert _runs(app)[-1] == ("chronology", "running", 4)
    for part, value in (("Day", 30), ("Month", 10), ("Year", 2026)):
        page.locator("[data-tour=chronology-fields]").get_by_label(part).fill(str(value))
    page.get_by_label("What happened, in a few words").fill("School raised a worry")
    page.get_by_label("Details").fill("The class teacher saw a bruise on his arm.")
    page.get_by_label("Who told us, or where it comes from").fill("Class teacher")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "Added to the chronology." in page.inner_text("main")
    assert "School raised a worry" in page.inner_text("main")
    assert _runs(app)[-1] == ("chronology", "finished", 4)
    assert problems == {"child, tour open": [], "form, tour open": []}

    # Without JavaScript the tour is a numbered list of the real pages; marking it done
    # counts on the learning path.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    sign_in(plain, base, "trainee")
    plain.goto(f"{base}/learning/tours/childs-record")
    assert not plain.get_by_role("button", name="Start the guided tour").is_visible()
    steps = plain.locator("#tour-steps > li")
    assert steps.count() == 9 and "Find a family" in steps.first.inner_text()
    plain.get_by_role("link", name="Open the list of families").click()
    assert "Families" in plain.inner_text("h1")
    plain.go_back()
    plain.get_by_role("button", name="I have been through these steps").click()
    assert "is marked as done" in plain.inner_text("main")
    page_text = plain.inner_text("main")
    # The record, the form and the chronology done: next, the scenario panel.
    assert "Next: Working through a scenario with the panel" in page_text.replace("\n", " ")
    context.close()


def _tab_to(page, script, back=False) -> bool:
    for _ in range(60):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(script):
            return True
    return False


NEXT = "document.activeElement.classList.contains('driver-popover-next-btn')"


def _keyboard_start(browser, base, tour: str, first_step: str, of: int):
    """A new browser session starting `tour` by keyboard: its first step open, announced,
    and focus in it. The session and its page."""
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "trainee")
    page.goto(f"{base}/learning/tours/{tour}")
    page.get_by_role("button", name="Start the guided tour").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _step(page, first_step)
    _announced(page, f"Step 1 of {of}: {first_step}")
    assert page.evaluate("document.activeElement.id") == "driver-popover-title"
    return context, page


def test_the_same_tour_by_keyboard_alone_picked_up_in_a_new_browser_session(live, browser):
    """The forms tour, by keyboard alone: the real actions (choosing and starting a form,
    typing, saving) as well as Next; then picked up in a new browser session."""
    base, app = live
    first, page = _keyboard_start(browser, base, "forms", "Start a form", 8)
    # Focus is in the step; Tab reaches the highlighted element, the list of forms.
    assert _tab_to(page, "document.activeElement.id === 'form_key'")
    page.keyboard.type("Case note")
    assert page.evaluate("document.getElementById('form_key').selectedOptions[0].text"
                         ) == "Case note"
    assert _tab_to(page, "document.activeElement.textContent.trim() === 'Start'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The form: Next by keyboard, then a real save by keyboard.
    _step(page, "The questions")
    problems = {"form, tour open": serious_violations(page)}
    for title in ("Saved as you type", "Save as draft"):
        assert _tab_to(page, NEXT)
        page.keyboard.press("Enter")
        _step(page, title)
    about = page.get_by_label("What is this note about?").get_attribute("id")
    # Tab goes from the step to the button it is about; the questions above it are back
    # from there, as anywhere on a page (Shift and Tab).
    assert _tab_to(page, "document.activeElement.textContent.trim() === 'Save as draft'")
    assert _tab_to(page, f"document.activeElement.id === '{about}'", back=True)
    page.keyboard.type("Call with school")
    assert _tab_to(page, "document.activeElement.textContent.trim() === 'Save as draft'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _step(page, "Back to the child")
    assert _runs(app) == [("forms", "running", 4)]
    first.close()

    # A new browser session: the learning path says where to carry on; the tour opens
    # again on the draft, and Escape ends it.
    second = browser.new_context()
    page = second.new_page()
    sign_in(page, base, "trainee")
    page.goto(f"{base}/learning/")
    assert "at step 5" in page.inner_text("#carry-on")
    page.goto(f"{base}/t/room-1/")
    assert "step 5 of 8: Back to the child" in page.inner_text("#tour-bar")
    with in_the_room(app):
        child, draft = db.session.execute(select(Case.child_id, FormRecord.id).join(
            FormRecord, FormRecord.case_id == Case.id).where(
            FormRecord.form_key == "case_note", FormRecord.status == "draft")).one()
    # Going back to the child's record is what the step asked: the tour moves on, and on
    # again when the draft is opened from there.
    page.goto(f"{base}/t/room-1/children/{child}")
    _step(page, "Your draft is on the record")
    with page.expect_navigation():
        page.locator(f"[data-tour=record-forms] a[href$='/forms/{draft}']").click()
    _step(page, "Submit")
    page.keyboard.press("Escape")
    _announced(page, "Tour ended")
    assert page.locator(POPOVER).count() == 0
    assert _runs(app) == [("forms", "left", 6)]
    assert problems == {"form, tour open": []}
    second.close()


def test_the_record_tour_by_keyboard_alone(live, browser):
    base, app = live
    first, page = _keyboard_start(browser, base, "childs-record", "Find a family", 9)
    # Focus is in the step; Tab reaches the highlighted element, and from there on goes
    # through the page as usual, to the step's buttons at its end.
    def tab_to(script):
        return _tab_to(page, script)

    assert tab_to("document.activeElement.closest('[data-tour=families-search]') !== null")
    assert tab_to("document.activeElement.classList.contains('driver-popover-next-btn')")
    page.keyboard.press("Enter")
    _step(page, "Open a child's record")
    problems = {"families, tour open": serious_violations(page)}
    # Next goes where the step says, to a child's record (not the first family).
    assert tab_to("document.activeElement.classList.contains('driver-popover-next-btn')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/children/" in page.url
    _step(page, "Where things are")  # opening the record moved the tour on
    for title in ("The parts of the record", "The case", "Forms", "People and relationships"):
        assert tab_to(NEXT)
        page.keyboard.press("Enter")
        _step(page, title)
    # The bar says the step it is on, all of it; the step is the section, not its
    # heading, and Tab reaches the links in it.
    bar = page.inner_text("#tour-bar")
    assert "step 7 of 9: People and relationships" in bar and "(on" not in bar
    assert tab_to("document.activeElement.closest('[data-tour=record-people] table') !== null")
    assert _runs(app) == [("childs-record", "running", 6)]
    assert problems == {"families, tour open": []}
    first.close()


def test_the_scenario_tour_moves_on_as_the_person_starts_a_scenario(live, page):
    """The scenario panel's tour through three pages: the training scenarios, where the
    highlighted Start is a scenario this copy can start, the home page with the panel,
    and the child's record the panel names."""
    base, app = live
    with app.app_context():
        tenant = factories.tenant("room-2", seed=3, families=12)
        factories.user("trainee", username="learner", tenant=tenant)
        db.session.remove()
    sign_in(page, base, "learner")
    page.goto(f"{base}/learning/tours/scenario-panel")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the guided tour").click()
    _step(page, "A scenario")
    page.click(f"{POPOVER} .driver-popover-next-btn")
    _step(page, "Start it")
    chosen = page.locator("[data-tour=scenario-card] h2").inner_text()
    with page.expect_navigation():
        page.locator("[data-tour=start-scenario]").click()
    assert f"Scenario started: {chosen}." in page.inner_text("main")
    _step(page, "Whose record it is")
    assert _runs(app) == [("scenario-panel", "running", 2)]
    with page.expect_navigation():
        page.locator("[data-tour=scenario-child] a").click()
    assert "/children/" in page.url
    _step(page, "The panel")
    assert _runs(app) == [("scenario-panel", "running", 3)]
