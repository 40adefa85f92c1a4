"""Recording a strategy discussion in a real browser, autosave included."""

import pytest

from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser


def open_first_child(page):
    page.locator("table.govuk-table tbody tr td:nth-child(2) a").first.click()
    page.wait_for_selector("h1:has-text(\"Child's record\")")


def test_record_a_strategy_discussion_with_autosave(live, page):
    base, _ = live
    sign_in(page, base, "trainee")
    page.wait_for_url(f"{base}/t/room-1/")
    open_first_child(page)
    child_url = page.url
    case_view_problems = serious_violations(page)

    page.get_by_label("Start a form").select_option(label="Strategy discussion")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector("h1:has-text('Strategy discussion')")
    form_url = page.url
    form_problems = serious_violations(page)

    worries = page.get_by_label("What are we worried about?")
    worries.fill("Zain told his teacher that Dad hit him with a belt.")
    page.wait_for_selector("#save-status:has-text('Draft saved at')", timeout=15000)
    page.reload()
    assert page.get_by_label("What are we worried about?").input_value() == \
        "Zain told his teacher that Dad hit him with a belt."

    page.locator("#f-held_on-day").fill("2")
    page.locator("#f-held_on-month").fill("11")
    page.locator("#f-held_on-year").fill("2026")
    page.locator("#f-threshold").get_by_label("Yes").check()
    page.get_by_label("Start a Section 47 enquiry", exact=True).check()
    page.locator("#f-joint_with_police").get_by_label("Yes").check()
    page.locator("#f-attendees-0-name").fill("PC Amy Jones")
    page.locator("#f-attendees-0-agency").get_by_label("Police").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_selector("text=Strategy discussion submitted.")
    assert "PC Amy Jones, Police" in page.content()

    page.get_by_role("link", name="Printable document").click()
    page.wait_for_selector("text=How plain is this?")
    output_problems = serious_violations(page)

    page.goto(child_url)
    assert "Section 47 enquiry" in page.inner_text(".govuk-inset-text")
    assert page.url.startswith(base) and form_url.startswith(base)
    assert (case_view_problems, form_problems, output_problems) == ([], [], [])


def test_without_javascript_save_as_draft_keeps_work(live, browser):
    base, _ = live
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, base, "trainee")
        page.goto(f"{base}/t/room-1/")
        open_first_child(page)
        page.get_by_label("Start a form").select_option(label="Case note")
        page.get_by_role("button", name="Start", exact=True).click()
        page.get_by_label("What happened").fill("Rang Mum about the school run.")
        page.get_by_role("button", name="Save as draft").click()
        page.wait_for_selector("text=Draft saved.")
        assert page.get_by_label("What happened").input_value() == \
            "Rang Mum about the school run."
    finally:
        context.close()


def test_a_double_click_on_submit_sends_the_form_once(live, page):
    base, _ = live
    sign_in(page, base, "trainee")
    page.goto(f"{base}/t/room-1/")
    open_first_child(page)
    page.get_by_label("Start a form").select_option(label="Case note")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector("h1:has-text('Case note')")
    form_url = page.url
    page.locator("#f-written_on-day").fill("2")
    page.locator("#f-written_on-month").fill("1")
    page.locator("#f-written_on-year").fill("2024")
    page.get_by_label("A phone or video call").check()
    page.get_by_label("What is this note about?").fill("Phone call")
    page.get_by_label("What happened").fill("Rang Mum about the school run.")
    # The first press is held on its way to the server while the person presses again.
    held = []
    page.route(form_url, lambda route: held.append(route) if route.request.method == "POST"
               else route.continue_())
    submit = page.get_by_role("button", name="Submit")
    submit.scroll_into_view_if_needed()
    box = submit.bounding_box()
    for _ in range(2):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(300)
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_selector("text=Case note submitted.")


def test_a_save_still_on_its_way_when_submit_is_pressed_leaves_the_submit_alone(live, page):
    """The autosave sent just before Submit is answered after the submit has landed (409:
    no longer a draft). That late answer must not send the form again: a second send
    cancels the first one's page and shows the person a refusal for their own submit."""
    base, _ = live
    sign_in(page, base, "trainee")
    page.goto(f"{base}/t/room-1/")
    open_first_child(page)
    page.get_by_label("Start a form").select_option(label="Case note")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector("h1:has-text('Case note')")
    form_url = page.url
    saves, submits = [], []
    page.route(f"{form_url}/autosave", lambda route: saves.append(route))
    page.route(form_url, lambda route: submits.append(route) if route.request.method == "POST"
               else route.continue_())
    page.locator("#f-written_on-day").fill("2")
    page.locator("#f-written_on-month").fill("1")
    page.locator("#f-written_on-year").fill("2024")
    page.get_by_label("A phone or video call").check()
    page.get_by_label("What is this note about?").fill("Phone call")
    page.get_by_label("What happened").fill("Rang Mum about the school run.")
    for _ in range(100):  # the save a few seconds after typing stops
        if saves:
            break
        page.wait_for_timeout(100)
    assert len(saves) == 1
    page.get_by_role("button", name="Submit").click(no_wait_after=True)
    for _ in range(100):
        if submits:
            break
        page.wait_for_timeout(100)
    submitted = submits[0].fetch(max_redirects=0)  # the submit lands first...
    saves[0].continue_()  # ...then the save, which the server refuses
    page.wait_for_timeout(1000)
    submits[0].fulfill(response=submitted)
    page.wait_for_selector("text=Case note submitted.")
    assert len(submits) == 1 and len(saves) == 1
