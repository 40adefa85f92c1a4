"""The scenario panel in Debian's chromium: beside a long form and in view however far the
trainee scrolls at 1280 pixels wide, the step named and linked at the top of the page at
800; a submitted form amended; without JavaScript too; axe-core on each page."""

from datetime import date

import pytest

from sandbox.core.extensions import db
from sandbox.scenarios import runner
from tests import factories
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def learner(live):
    """A trainee in a training copy with a case for the Section 47 scenario."""
    base, app = live
    with app.app_context():
        start = runner.library().scenarios["strategy-and-section-47"].start_case
        tenant = factories.tenant("room-2", seed=3, families=12, must_have=start)
        factories.user("trainee", username="learner", tenant=tenant)
        db.session.remove()
    return base, app


def _box(page, selector):
    return page.locator(selector).bounding_box()


def _start_form(page, title):
    page.get_by_label("Start a form").select_option(label=title)
    with page.expect_navigation():
        page.get_by_role("button", name="Start", exact=True).click()


def _record_and_amend(page, axe: bool = True) -> list[str]:
    """Submit a case note, then amend it; the amend page's accessibility problems."""
    _start_form(page, "Case note")
    today = date.today()
    for part, value in (("Day", today.day), ("Month", today.month), ("Year", today.year)):
        page.locator("#f-written_on").get_by_label(part).fill(str(value))
    page.get_by_label("A phone or video call").check()
    page.get_by_label("What is this note about?").fill("Call with school")
    page.locator("#f-note").fill("The school rang about Monday.")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()
    page.get_by_role("link", name="Amend this form").click()
    page.wait_for_selector("h1:has-text('Case note')")
    found = serious_violations(page) if axe else []
    page.locator("#f-note").fill("The school rang about Tuesday.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the amendment").click()
    assert "Case note amended" in page.inner_text("main")
    assert "Tuesday" in page.inner_text("main") and "Monday" not in page.inner_text("main")
    return found


def test_the_panel_stays_in_view_beside_a_long_form_and_at_the_top_when_narrow(learner,
                                                                             page):
    base, _app = learner
    problems = {}
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, base, "learner")
    page.goto(f"{base}/t/room-2/scenarios/")
    page.get_by_role("button", name="Start Strategy discussion and Section 47 enquiry").click()
    page.wait_for_selector("#scenario-panel")
    # The panel names the child with a link to their record.
    page.locator("#scenario-panel a[href*='/children/']").click()
    page.wait_for_selector("#scenario-panel:has-text('Step 2 of 4')", timeout=15000)
    _start_form(page, "Strategy discussion")
    page.wait_for_selector("h1:has-text('Strategy discussion')")
    assert page.locator(".app-needed").count() == 3
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 3000, height  # a long form
    problems["form, 1280"] = serious_violations(page)

    # Beside the form, using the width of the screen, and in view at any scroll.
    main, panel = _box(page, ".app-with-panel__main"), _box(page, "#scenario-panel")
    assert panel["x"] >= main["x"] + main["width"]
    assert 1200 < panel["x"] + panel["width"] <= 1250, (main, panel)  # a margin kept
    assert main["width"] > 850, main
    for fraction in (0.25, 0.5, 0.75):
        page.evaluate(f"window.scrollTo(0, {fraction} * document.documentElement.scrollHeight)")
        box = _box(page, "#scenario-panel")
        assert 0 <= box["y"] < 100 and box["y"] + box["height"] <= 800, (fraction, box)
    # At the foot of the form, by its Submit button, the step and its check are in view.
    page.evaluate("window.scrollTo(0, window.scrollY + document.querySelector("
                  "'button[value=submit]').getBoundingClientRect().bottom + 20 - 800)")
    for part in ("#scenario-panel h3", "#scenario-panel button >> nth=0",
                 "button[value=submit]"):
        box = _box(page, part)
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800, (part, box)
    assert not page.locator("#scenario-summary").is_visible()

    # Narrow: the panel comes after the form, and the step is named at the top.
    page.set_viewport_size({"width": 800, "height": 900})
    page.evaluate("window.scrollTo(0, 0)")
    summary = _box(page, "#scenario-summary")
    assert page.locator("#scenario-summary").is_visible() and summary["y"] < 400
    assert ("Step 2 of 4: The team manager records the strategy discussion"
            in page.inner_text("#scenario-summary"))
    assert _box(page, "#scenario-panel")["y"] > _box(page, "form.app-recording-form")["y"]
    page.get_by_role("link", name="Go to the scenario step").click()
    page.wait_for_url("**#scenario-panel")
    assert 0 <= _box(page, "#scenario-panel")["y"] < 450  # in view (the page ends soon after)
    problems["form, 800"] = serious_violations(page)

    # A submitted form amended: the page to amend, and the form afterwards.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}/t/room-2/")
    page.locator("#scenario-panel a[href*='/children/']").click()
    problems["amend"] = _record_and_amend(page)
    problems["amended form"] = serious_violations(page)
    page.goto(f"{base}/t/room-2/scenarios/")
    problems["scenarios"] = serious_violations(page)
    assert problems == {"form, 1280": [], "form, 800": [], "amend": [], "amended form": [],
                        "scenarios": []}


def test_the_panel_and_amending_work_without_javascript(learner, browser):
    base, _app = learner
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 800, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, base, "learner")
        page.goto(f"{base}/t/room-2/scenarios/")
        page.get_by_role("button", name="Start Strategy discussion and Section 47 enquiry").click()
        page.locator("#scenario-panel a[href*='/children/']").click()
        page.get_by_role("button", name="Check my work").click()
        assert "Step 2 of 4" in page.inner_text("#scenario-summary")
        page.get_by_role("link", name="Go to the scenario step").click()
        assert page.url.endswith("#scenario-panel")
        _record_and_amend(page, axe=False)  # axe-core needs JavaScript
    finally:
        context.close()
