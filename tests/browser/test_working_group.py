"""A working-group member in Debian's chromium: from a change request, drafts the next
version of a form and changes it question by question (wording, answers, a new question,
its place), writes the agreed change and chooses what the request is about; axe-core on
each page on the way."""

import pytest

from sandbox.core.extensions import db
from sandbox.feedback import queue
from tests import factories
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_a_member_drafts_a_form_question_by_question(live, page):
    base, app = live
    with app.app_context():
        factories.user("working_group")
        trainee = factories.user("trainee", username="noter")
        seen = {"form_key": "visit", "form_version": "streamlined", "field_key": "bedroom_seen"}
        notes = [queue.capture(trainee, "confusing", text, seen).id for text in (
            "Not sure what counts as where the child sleeps", "Does a sofa count?")]
        request_id = queue.make_request(notes, "Where the child sleeps is unclear", "",
                                        "medium", "Someone").id
        db.session.remove()

    found = {}
    sign_in(page, base, "workinggroup")
    page.goto(f"{base}/feedback/requests/{request_id}")
    assert "Visit: “Did you see where the child sleeps?”" in page.inner_text("main")
    found["request"] = serious_violations(page)

    # The agreed change, written on the request.
    page.get_by_role("link", name="Change the agreed change").click()
    found["edit request"] = serious_violations(page)
    page.get_by_label("What change is agreed (or proposed)?").fill(
        "Ask where the child sleeps, with a hint, and ask it every time.")
    page.get_by_role("button", name="Save the change").click()
    page.wait_for_selector("text=The agreed change saved.")
    assert "ask it every time" in page.inner_text("main")

    page.get_by_role("button", name="Draft the next version of this form").click()
    page.wait_for_selector("h1:has-text('the next version')")
    found["draft"] = serious_violations(page)

    # The question's wording, hint and "must be answered".
    page.get_by_role("link", name="Change “Did you see where the child sleeps?”").click()
    found["question"] = serious_violations(page)
    page.get_by_label("The question", exact=True).fill("Did you see where the child sleeps?")
    page.get_by_label("Hint (optional)").fill("A bed, a cot, a sofa: say what you saw")
    page.get_by_label("People must answer this question before submitting").check()
    page.get_by_role("button", name="Save the wording").click()
    page.wait_for_selector("text=Wording saved.")
    # An answer added to its list.
    page.get_by_label("Add an answer (optional)").fill("Not this time")
    page.get_by_role("button", name="Save the answers").click()
    page.wait_for_selector("text=Answers saved.")
    assert page.get_by_label("Answer 3", exact=True).input_value() == "Not this time"

    # An empty question is refused in plain words, with the GOV.UK error summary.
    page.get_by_label("The question", exact=True).fill("")
    page.get_by_role("button", name="Save the wording").click()
    # Longer than SQLite's 30 s wait for a lock, should a busy machine keep one held.
    page.wait_for_selector(".govuk-error-summary", timeout=90_000)
    assert "Enter the question" in page.inner_text(".govuk-error-summary")
    assert page.title().startswith("Error:")
    found["question with an error"] = serious_violations(page)

    # A new question, then moved up one place.
    page.get_by_role("link", name="Back to draft").click()
    page.get_by_role("link", name="Add a question to Seeing the child").click()
    found["add a question"] = serious_violations(page)
    page.get_by_label("The question", exact=True).fill("Who else sleeps in that room?")
    page.get_by_label("A short answer (a line of text)").check()
    page.get_by_role("button", name="Add the question").click()
    page.wait_for_selector("text=Question added.")
    page.get_by_role("button", name="Move up").click()
    page.wait_for_selector("text=Moved up.")

    page.get_by_role("link", name="Back to draft").click()
    text = page.inner_text("main")
    assert "Who else sleeps in that room?" in text and "Added" in text
    assert "A bed, a cot, a sofa" in text
    questions = page.locator("#questions ~ .govuk-summary-card").nth(1).inner_text()
    assert questions.index("Who else sleeps in that room?") < questions.index(
        "Did you see where the child sleeps?")
    # The text box shows the same draft.
    assert "Who else sleeps in that room?" in page.get_by_label(
        "The form's definition").input_value()

    # What the request is about, chosen again: in the group's own words.
    page.goto(f"{base}/feedback/requests/{request_id}")
    page.get_by_role("link", name="Change what it is about").click()
    found["edit subject"] = serious_violations(page)
    page.get_by_label("Something else (write it below)").check()
    page.get_by_label("If something else, what is it about?").fill(
        "Where children sleep, on every visit")
    page.get_by_role("button", name="Save the change").click()
    page.wait_for_selector("text=What it is about saved.")
    assert "Where children sleep, on every visit" in page.inner_text("main")
    page.goto(f"{base}/feedback/requests")
    found["requests"] = serious_violations(page)

    # Done, and in the change log: the form and question picked from the versions' lists.
    page.goto(f"{base}/feedback/requests/{request_id}")
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="Add to the change log").click()
    page.get_by_label("Form", exact=True).select_option("legacy/visit")
    page.get_by_role("button", name="Show this form's questions").click()
    found["log a change"] = serious_violations(page)
    options = page.locator("#field option").all_inner_texts()
    legacy = app.extensions["forms"].form("legacy", "visit")
    assert [o for o in options if o in {f.label for f in legacy.fields}]
    page.get_by_label("Form", exact=True).select_option("streamlined/visit")
    page.get_by_role("button", name="Show this form's questions").click()
    page.get_by_label("Question", exact=True).select_option("bedroom_seen")
    page.get_by_label("Why").fill("Practitioners were unsure what counts")
    page.locator("#changed_on-day").fill("2")
    page.locator("#changed_on-month").fill("11")
    page.locator("#changed_on-year").fill("2026")
    page.get_by_role("button", name="Add to the change log").click()
    page.wait_for_selector("text=Added to the change log.")
    assert "Visit: “Did you see where the child sleeps?” (Streamlined forms)" in \
        page.inner_text("main")
    found["change log"] = serious_violations(page)
    assert found == {k: [] for k in found}, found
