"""Every role's home page leads to what that role does; GOV.UK Frontend's fonts load."""

import re

import pytest

from sandbox.navigation import ITEMS
from sandbox.permissions import Role, role_may
from tests.pages import Web

LINK = re.compile(r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)">([^<]+)</a>')


@pytest.mark.parametrize("role", [r.value for r in Role if r.value != "trainee"])
def test_each_roles_home_page_leads_to_every_area_it_may_use(app, make, role):
    web = Web(app).sign_in(make.user(role))
    html = web.get("/").get_data(as_text=True)
    shown = {label for _href, label in LINK.findall(html)}
    expected = {label for label, _endpoint, permission, _prefix in ITEMS
                if label != "Home" and role_may(role, permission)}
    assert shown == expected
    assert " a administrator" not in html and " a floor" not in html
    for href, _label in LINK.findall(html):
        web.get(href)  # each leads somewhere this person may go


def test_a_trainee_without_a_seat_is_told_how_to_get_one(app, make):
    html = Web(app).sign_in(make.user("trainee")).get("/").get_data(as_text=True)
    assert "Join your trainer's session" in html and "Join a session" in html


def test_the_fonts_the_stylesheet_asks_for_are_there(app):
    web = Web(app)
    css = web.get("/static/vendor/govuk/govuk-frontend.min.css").get_data(as_text=True)
    assets = set(re.findall(r"url\((/assets/[^)]+)\)", css))
    assert any(a.endswith(".woff2") for a in assets)
    for asset in assets:
        web.get(asset)
