"""A page opened before a reset never writes into the fresh training copy.

After a reset the fresh copy uses record ids again, perhaps for another child's form, so
the page's form says which copy it was opened in and a form from an older one is refused
(with what was typed given back), whatever the record id it names.
"""

import re

import pytest
from sqlalchemy import select

from sandbox import tenancy
from sandbox.cases.models import Case
from sandbox.extensions import db
from sandbox.forms.models import FormRecord
from sandbox.tenants import service
from tests.pages import Web

FORM = re.compile(r'<form method="post"(?: action="([^"]*)")?[^>]*>(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def _forms(html: str) -> list[tuple[str, dict]]:
    """Each form on a page that posts: where it goes and the hidden fields a browser sends."""
    return [(action, dict(HIDDEN.findall(body))) for action, body in FORM.findall(html)]


def _start_case_note(web, child_id) -> tuple[str, dict]:
    started = web.post(f"/t/room-1/children/{child_id}/forms", {"form_key": "case_note"})
    page = web.get(started.location).get_data(as_text=True)
    return next((action, hidden) for action, hidden in _forms(page)
                if action == started.location.removeprefix("http://localhost"))


def _children(tenant):
    with tenancy.scoped_to(tenant.id):
        return [case.child_id for case in db.session.scalars(select(Case).order_by(Case.id))]


@pytest.mark.parametrize("resets_before", [0, 1], ids=["in place", "swapped in"])
def test_a_page_opened_before_a_reset_does_not_write_into_another_childs_form(
        app, make, resets_before):
    tenant = make.tenant(families=2)
    for _ in range(resets_before):
        tenant = service.reset(tenant)
    first_child, second_child = _children(tenant)[:2]
    amir = Web(app).sign_in(make.user("trainee", tenant=tenant))
    old_action, old_hidden = _start_case_note(amir, first_child)
    assert "opened_in" in old_hidden

    Web(app).sign_in(make.user("trainer")).post("/tenants/room-1/reset")
    new_action, _ = _start_case_note(amir, second_child)  # may well take the same id
    fresh = service.get_tenant("room-1")

    typed = {"f-subject": "Home visit", "f-note": "Amir said he feels safe with his nan."}
    for action in ("save", "submit"):
        page = amir.post(old_action, {**old_hidden, **typed, "action": action}, status=409)
        html = page.get_data(as_text=True)
        assert "reset to its starting point after you opened this page" in html
        assert "Amir said he feels safe with his nan." in html
    amir.post(f"{old_action}/autosave", {**old_hidden, **typed}, status=409,
              headers={"Accept": "application/json"})
    with tenancy.scoped_to(fresh.id):
        second = db.session.scalars(select(FormRecord).where(
            FormRecord.id == int(new_action.rsplit("/", 1)[1]))).one()
        assert second.answers.get("note") in (None, "") and second.revision == 1


def test_every_form_on_a_training_copy_page_says_which_copy_it_was_opened_in(app, make):
    tenant = make.tenant(families=1)
    child = _children(tenant)[0]
    web = Web(app).sign_in(make.user("trainee", tenant=tenant))
    action, _ = _start_case_note(web, child)
    pages = [f"/t/room-1/children/{child}", action, "/t/room-1/scenarios/"]
    for url in pages:
        html = web.get(url).get_data(as_text=True)
        forms = _forms(html)
        assert forms, url
        for form_action, hidden in forms:
            if form_action in ("/sign-out",):
                continue  # the account's own form, outside the copy
            assert hidden.get("opened_in") == f"{tenant.id}.{tenant.generation}", (url,
                                                                                   form_action)
