"""The census page in a real browser: a trainee opens their training copy's census from the
families page, follows a problem's link to the question behind it, and the census pages
(the copy's and the working group's hotspots) pass axe-core."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from sandbox.cases.models import Case, Person
from sandbox.census import validator
from sandbox.core.extensions import db
from tests.browser.conftest import in_the_room, signed_in_as
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(validator.available() is not None,
                                 reason="the DfE rules cannot run on this Python")]


def test_a_trainee_reads_the_census_and_follows_a_problem_to_its_question(live, page):
    base, app = live
    _forget_a_upn(app)
    _leave_out_a_referrer(app)
    sign_in(page, base, "trainee")
    page.goto(f"{base}/t/room-1/")
    page.get_by_role("link", name="Children in Need census return").click()
    # The page runs the DfE's rules before it answers: wait for it, on a busy machine too.
    expect(page.get_by_role("heading", name="Children in Need census return")).to_be_visible(
        timeout=60_000)
    ends = date.today().year + (date.today().month >= 4)  # the census year ends on 31 March
    assert page.title().startswith(f"Census return {ends - 1} to {ends} – room-1")
    # A school-age child whose record holds no UPN (as an import can bring) is queried
    # apart from what the forms caused.
    page.get_by_text("about the children's records rather than the forms").click()
    assert "8770Q" in page.inner_text("main")
    assert serious_violations(page) == []
    # The census year can be chosen without JavaScript; the page says which year it is.
    page.get_by_label("Census year (by its reference date, 31 March)").select_option("2026")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main")).to_contain_text("1 April 2025 to 31 March 2026",
                                                 timeout=60_000)
    page.goto(f"{base}/t/room-1/census")
    # The referral whose source was left out (the error 8866): its link opens the form at
    # the question.
    expect(page.locator("main")).to_contain_text("8866", timeout=60_000)
    link = page.locator("table a[href*='/forms/']").first
    question = link.inner_text().split(": ", 1)[1]
    link.click()
    page.wait_for_url("**/forms/*/amend#f-referrer_role")
    expect(page.locator("main")).to_contain_text(question)
    # The trainee puts it right on the form, and the return no longer has the error.
    page.get_by_label("A school or nursery").check()
    page.get_by_role("button", name="Save the amendment").click()
    expect(page.locator("main")).to_contain_text("amended")
    page.goto(f"{base}/t/room-1/census")
    expect(page.get_by_role("heading", name="Children in Need census return")).to_be_visible(
        timeout=60_000)
    assert "8866" not in page.inner_text("main")
    sign_in(page, base, "administrator")
    page.goto(f"{base}/census/hotspots")
    assert page.get_by_role("heading", name="Census hotspots").is_visible()
    assert "(1 checked)" in page.inner_text("main")
    assert serious_violations(page) == []


def _leave_out_a_referrer(app) -> None:
    """A trainee amends a child in need's contact and referral, leaving out who referred."""
    from tests.census.test_mistakes import Trainee, _form
    with in_the_room(app):
        child = db.session.scalars(select(Case).where(Case.stage == "cin_plan")
                                   .order_by(Case.id)).first()
        Trainee(signed_in_as(app, "trainee"), child).amend(
            _form(child, "contact_referral"), {}, emptied=["referrer_role"])


def _forget_a_upn(app) -> None:
    """A school-age child's record without a UPN, as an import can bring."""
    with in_the_room(app):
        pupil = db.session.scalars(select(Person).join(Case, Case.child_id == Person.id)
                                   .where(Person.date_of_birth < date(2019, 9, 1),
                                          Case.stage != "contact")).first()
        pupil.upn = None
        db.session.commit()


def test_the_census_check_under_way_is_shown_in_place_then_the_return(live, page,
                                                                       monkeypatch):
    """Served as in production (the check after the response), the page shows how far the
    check has got in its live region, updated in place by JavaScript, then the return."""
    from sandbox.core import progress
    from tests import factories
    from tests.concurrency import Pause

    base, app = live
    with app.app_context():  # a copy of its own: no other test has checked its forms
        factories.user("trainee", username="checker",
                       tenant=factories.tenant("room-2", seed=6, families=2))
    monkeypatch.setitem(app.config, "DEFER_WORK", True)
    keeping = Pause(progress.finish)  # held once the rules have run
    monkeypatch.setattr(progress, "finish", keeping)
    sign_in(page, base, "checker")
    page.goto(f"{base}/t/room-2/census")
    expect(page.locator("#census-checking")).to_be_visible()
    assert serious_violations(page) == []
    page.evaluate("window.stillThisPage = true")
    assert keeping.reached.wait(90)
    # Every rule run: the region, fetched again every two seconds, says so in place.
    expect(page.locator("#census-checking [role=status]")).to_contain_text(
        re.compile(r"rules: (\d+) of \1 done"), timeout=30_000)
    assert page.evaluate("window.stillThisPage") is True  # updated in place, not reloaded
    keeping.go()
    expect(page.locator("#census-errors")).to_be_visible(timeout=60_000)
    assert page.locator("#census-checking").count() == 0
