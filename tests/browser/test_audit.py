"""A case file audit with blind moderation, in chromium: the team manager's view, a
trainee's audit, a trainer moderating it without seeing it first, the two side by side,
and the results; each page scanned with axe-core."""

import pytest

from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser


def _audit(page, answer: str, grade: str):
    for radio in page.locator(f'input[type=radio][value="{answer}"]').all():
        radio.check()
    for box in page.locator("textarea[id^=finding-]").all():
        box.fill(f"Seen in the record: {answer}.")
    page.locator(f'input[name=grade][value="{grade}"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit the audit").click()


def test_an_audit_moderated_blind(live, browser, page):
    base, _app = live
    problems = {}
    sign_in(page, base, "trainee")
    page.goto(f"{base}/t/room-1/")
    page.get_by_role("link", name="The team's cases").click()
    problems["team"] = serious_violations(page)
    page.get_by_label("Stage").select_option("")
    with page.expect_navigation():
        page.get_by_role("button", name="Show cases").click()
    assert "cases shown" in page.inner_text("main") or "case shown" in page.inner_text("main")

    page.goto(f"{base}/t/room-1/audits/")
    problems["audits"] = serious_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start the audit").click()
    audit_url = page.url
    # Submitting with nothing answered: one plain message, the page says so in its title.
    with page.expect_navigation():
        page.get_by_role("button", name="Submit the audit").click()
    assert page.title().startswith("Error: ")
    problems["audit, error"] = serious_violations(page)
    _audit(page, "not_met", "requires_improvement")
    assert "Audit submitted." in page.inner_text("main")
    problems["audit"] = serious_violations(page)

    moderator = browser.new_context().new_page()
    sign_in(moderator, base, "trainer")
    moderator.goto(audit_url)
    assert "Seen in the record" not in moderator.inner_text("main")
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Moderate this audit").click()
    assert "Seen in the record" not in moderator.inner_text("main")
    _audit(moderator, "met", "good")
    moderator.get_by_role("link", name="see the moderation side by side").click()
    table = moderator.inner_text("#moderation")
    assert "Seen in the record: not_met." in table and "Seen in the record: met." in table
    assert "No: talk it through" in table
    problems["moderation"] = serious_violations(moderator)
    moderator.goto(f"{base}/audit-results/case-file")
    assert "2 submitted audits" in moderator.inner_text("main")
    problems["results"] = serious_violations(moderator)
    moderator.context.close()

    # The trainee's finding becomes a training need in one click.
    page.goto(audit_url)
    page.get_by_role("button", name="Make it a training need").first.click()
    assert "The finding is now a training need." in page.inner_text("main")
    assert problems == {k: [] for k in problems}
