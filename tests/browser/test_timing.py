"""Time spent on a form, told by the open page, shows up in the time-saved report."""

import re

import pytest
from sqlalchemy import select

from sandbox.auth.models import User
from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.timing.models import FormSitting
from tests.browser.test_journeys import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_time_on_a_form_reaches_the_report(live, browser, page):
    base, app = live
    app.config["TIMING_PING_SECONDS"] = 1  # tell every second rather than every 15
    with app.app_context():
        tenant_id = db.session.scalar(select(User.tenant_id).where(User.username == "trainee"))
        with tenancy.scoped_to(tenant_id):
            case = db.session.scalars(select(Case).order_by(Case.id)).first()
            record_id = recording.start(case, "streamlined", "case_note", "Trainer").id
        db.session.remove()

    sign_in(page, base, "trainee")
    page.goto(f"{base}/t/room-1/forms/{record_id}")
    page.locator("#f-written_on-day").fill("2")
    page.locator("#f-written_on-month").fill("11")
    page.locator("#f-written_on-year").fill("2026")
    page.get_by_label("A meeting", exact=True).check()
    page.get_by_label("What is this note about?").click()
    page.keyboard.type("Visit to talk about school", delay=60)
    page.get_by_label("What happened").click()
    page.keyboard.type("Amir showed me his drawings and told me about his friends.", delay=60)
    page.wait_for_timeout(1500)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()
    assert "Case note submitted" in page.inner_text("main")

    with app.app_context():
        sittings = db.session.scalars(select(FormSitting)).all()
        told = sum(s.pings for s in sittings)
        seconds = sum(s.active_seconds for s in sittings)
        assert told >= 3 and all(s.precise for s in sittings)
        assert any(s.submitted for s in sittings) and 4 <= seconds <= 60
        db.session.remove()

    trainer = browser.new_context()
    report = trainer.new_page()
    try:
        sign_in(report, base, "trainer")
        report.goto(f"{base}/timings/")
        report.get_by_label("The sandbox: two form versions").check()
        with report.expect_navigation():
            report.get_by_role("button", name="Show the report").click()
        assert report.locator("#before").is_visible() and report.locator("#study").count() == 0
        with report.expect_navigation():
            report.get_by_role("button", name="Show the report").click()
        row = report.locator("tr", has_text="Case note")
        cells = row.locator("td").all_inner_texts()
        # After: the seconds it took (not "0m"); tracked after: one.
        assert re.fullmatch(r"([0-9]m)?[0-9]+s", cells[1]) and cells[-1] == "1", cells
        assert report.locator("svg.app-chart").count() == 1
        problems = serious_violations(report)
        # Two periods: GOV.UK date inputs, and a date typed wrong put right on the page.
        report.get_by_label("The sandbox: two periods").check()
        with report.expect_navigation():
            report.get_by_role("button", name="Show the report").click()
        report.locator("#before_from-day").fill("31")
        report.locator("#before_from-month").fill("2")
        report.locator("#before_from-year").fill("2026")
        with report.expect_navigation():
            report.get_by_role("button", name="Show the report").click()
        assert "must be a real date" in report.inner_text(".govuk-error-summary")
        problems += serious_violations(report)
        report.locator(".govuk-error-summary a").first.click()
        assert report.evaluate("document.activeElement.id") == "before_from-day"
        report.goto(f"{base}/timings/forms?set=legacy")
        problems += serious_violations(report)
    finally:
        trainer.close()
    assert problems == []
