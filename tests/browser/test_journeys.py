"""A person in a real browser: sign in, open a tenant and a child's record; and the
pages pass an axe-core accessibility scan."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, base, username):
    page.goto(f"{base}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} places)"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_trainer_opens_a_tenant_and_a_childs_record(live, page):
    base, _ = live
    sign_in(page, base, "trainer")
    page.get_by_role("link", name="Training copies").first.click()
    page.get_by_role("link", name="room-1", exact=True).click()
    page.get_by_role("link", name="Open the recording system").click()
    assert "You are in the training copy" in page.inner_text(".app-tenant-banner")
    page.locator("table.govuk-table tbody tr td:nth-child(2) a").first.click()
    page.wait_for_selector("h1")
    assert "Child's record" in page.inner_text("h1")
    assert page.get_by_role("heading", name="Chronology").is_visible()
    page.get_by_label("Show").select_option("meeting")
    page.get_by_role("button", name="Show", exact=True).click()
    assert "kind=meeting" in page.url


def test_trainee_lands_in_their_tenant_and_can_sign_out_with_the_keyboard(live, page):
    base, _ = live
    sign_in(page, base, "trainee")
    page.wait_for_url(f"{base}/t/room-1/")
    page.get_by_role("button", name="Sign out").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/sign-in")
    assert "You have signed out" in page.content()


def test_key_pages_have_no_serious_accessibility_violations(live, page):
    base, _ = live
    page.goto(f"{base}/sign-in")
    problems = {"sign-in": serious_violations(page)}
    sign_in(page, base, "administrator")
    page.goto(f"{base}/tenants/")
    problems["tenant list"] = serious_violations(page)
    page.goto(f"{base}/t/room-1/")
    page.locator("table.govuk-table tbody tr td:nth-child(2) a").first.click()
    page.wait_for_selector("h1")
    problems["child record"] = serious_violations(page)
    for name, path in (("account", "/account"), ("change password", "/account/password"),
                       ("lockouts", "/lockouts")):
        page.goto(f"{base}{path}")
        problems[name] = serious_violations(page)
    assert problems == {"sign-in": [], "tenant list": [], "child record": [], "account": [],
                        "change password": [], "lockouts": []}
