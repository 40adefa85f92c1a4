"""Draft next versions of a form: compared, checked, and tried in a sandbox tenant."""

import html
import re

from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.drafts import service as drafts
from sandbox.drafts.models import FormDraft
from sandbox.feedback.models import ChangeRequest
from sandbox.forms import compare
from sandbox.recording.models import FormRecord
from sandbox.tenants.models import Tenant

FORM = """
key: tiny
title: Tiny
version: {version}
sections:
  - title: First
    fields:
{first}
  - title: Second
    fields:
{second}
"""


def field(key, label=None, kind="text", extra=""):
    return (f"      - key: {key}\n        kind: {kind}\n        label: \"{label or key}\"\n"
            + extra)


def tiny(app, first, second, version=1):
    return app.extensions["forms"].parse(
        FORM.format(version=version, first="".join(first), second="".join(second)),
        "streamlined", "tiny")


def test_comparison_names_added_removed_changed_and_moved(app):
    older = tiny(app, [field("a"), field("b"), field("c"), field("d")], [field("e")])
    newer = tiny(app, [field("b"), field("c"), field("a", "A reworded"),
                       field("new", kind="date")],
                 [field("d"), field("e", extra="        required: true\n")], version=2)
    result = compare.compare(older, newer)
    kinds = {(d.kind, d.key) for d in result.differences}
    assert kinds == {("added", "new"), ("changed", "a"), ("moved", "a"), ("moved", "d"),
                     ("changed", "e")}
    changed_e = next(d for d in result.differences if d.key == "e")
    assert changed_e.detail == "whether it must be answered"
    assert "from 'First' to 'Second'" in next(
        d.detail for d in result.differences if d.key == "d" and d.kind == "moved")
    assert result.count("added") == 1 and result.unchanged == 2  # b and c
    removed = compare.compare(newer, older)
    assert [d.key for d in removed.differences if d.kind == "removed"] == ["new"]


def test_the_same_form_shows_no_differences(app):
    form = app.extensions["forms"].form("streamlined", "visit")
    result = compare.compare(form, form)
    assert result.differences == () and result.unchanged == len(form.fields)


def test_the_shipped_versions_differ_plainly(app):
    registry = app.extensions["forms"]
    result = compare.compare(registry.form("legacy", "section47_enquiry"),
                             registry.form("streamlined", "section47_enquiry"))
    assert result.count("removed") > result.count("added") > 0


def _request(target="streamlined/visit/seen"):
    change = ChangeRequest(target_kind="field", target=target, problem="Seen is unclear",
                           created_by="G", updated_by="G")
    db.session.add(change)
    db.session.commit()
    return change


def test_draft_a_form_try_it_and_delete_it(web, make):
    change = _request()
    web.sign_in(make.user("working_group"))
    page = web.get(f"/feedback/requests/{change.id}").get_data(as_text=True)
    assert "Draft the next version of this form" in page
    response = web.post("/form-drafts/new", {"request_id": str(change.id)})
    draft = db.session.scalar(select(FormDraft))
    assert response.location.endswith(f"/form-drafts/{draft.id}")
    assert "version: 2" in draft.source and draft.base_set == "streamlined"
    # Asking again opens the same draft.
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    assert db.session.scalar(select(db.func.count(FormDraft.id))) == 1
    page = web.get(f"/form-drafts/{draft.id}").get_data(as_text=True)
    assert "The questions are the same in both" in page

    source = draft.source.replace('label: "Who was there?"',
                                  'label: "Who was there, and who did you speak to?"')
    assert source != draft.source, "the visit form's question has changed: update this test"
    source = source.replace("sections:\n", "sections:\n  - title: Before you go\n    fields:\n"
                            "      - key: planned\n        kind: longtext\n"
                            "        label: \"What did you plan to do?\"\n", 1)
    web.post(f"/form-drafts/{draft.id}", {"source": source})
    page = web.get(f"/form-drafts/{draft.id}").get_data(as_text=True)
    assert "What did you plan to do?" in page and "Added" in page and "wording" in page

    web.post(f"/form-drafts/{draft.id}/try")
    tenant = db.session.scalar(select(Tenant).where(Tenant.name == f"try-draft-{draft.id}"))
    assert tenant.form_version == f"draft-{draft.id}"
    home = web.get(f"/t/{tenant.name}/").get_data(as_text=True)
    assert f"draft {draft.id}" in home
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
        earlier = db.session.scalars(select(FormRecord.version_set)).all()
    assert earlier and set(earlier) == {"streamlined"}  # forms on record keep their version
    started = web.post(f"/t/{tenant.name}/children/{case.child_id}/forms",
                       {"form_key": "visit"})
    form_page = web.get(started.location).get_data(as_text=True)
    assert "What did you plan to do?" in form_page and "draft version 2" in form_page
    # Another form in the same tenant is the one in use.
    other = web.post(f"/t/{tenant.name}/children/{case.child_id}/forms",
                     {"form_key": "case_note"})
    assert "draft version" not in web.get(other.location).get_data(as_text=True)

    # Trying again resets the tenant: the draft form started above is gone.
    web.post(f"/form-drafts/{draft.id}/try")
    with tenancy.scoped_to(tenant.id):
        assert f"draft-{draft.id}" not in db.session.scalars(select(FormRecord.version_set)).all()

    name = tenant.name
    web.post(f"/form-drafts/{draft.id}/delete")
    db.session.expire_all()
    assert db.session.scalar(select(FormDraft)) is None
    assert db.session.scalar(select(Tenant).where(Tenant.name == name)) is None


def test_a_broken_draft_is_refused_with_its_line_and_nothing_changes(web, make):
    change = _request()
    web.sign_in(make.user("working_group"))
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    draft = db.session.scalar(select(FormDraft))
    kept = draft.source
    cases = {
        "": "Enter the form",
        "key: visit\n  - : [": "not valid YAML",
        kept.replace("kind: date", "kind: when", 1): "kind",
        # (without its statutory items, which belong to the visit form)
        re.sub(r"\n +statutory: .*", "", kept).replace("key: visit", "key: other_form", 1):
            "the key must stay 'visit'",
        kept.replace("version: 2", "version: 1", 1): "must be higher than 1",
        kept.replace("sections:", "sections: []", 1).split("sections: []")[0]
        + "sections: []\n": "'sections' is required",
        "x" * (drafts.MAX_SOURCE + 1): "shorter than",
    }
    for source, message in cases.items():
        page = web.post(f"/form-drafts/{draft.id}", {"source": source}, status=400)
        text = html.unescape(page.get_data(as_text=True))
        assert message in text and "There is a problem" in text, message
        db.session.expire_all()
        assert db.session.get(FormDraft, draft.id).source == kept
    line = web.post(f"/form-drafts/{draft.id}",
                    {"source": kept.replace("kind: date", "kind: when", 1)}, status=400)
    assert f"draft {draft.id}:" in line.get_data(as_text=True)


def test_requests_that_name_no_form_cannot_be_drafted(web, make):
    change = _request(target="Chronology page")
    web.sign_in(make.user("working_group"))
    assert "Draft the next version" not in web.get(
        f"/feedback/requests/{change.id}").get_data(as_text=True)
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    assert "does not name a form" in web.get("/feedback/requests/1").get_data(as_text=True)
    assert db.session.scalar(select(FormDraft)) is None
    web.post("/form-drafts/new", {"request_id": "999"}, status=404)
    web.post("/form-drafts/new", {"request_id": "abc"}, status=404)
    web.get("/form-drafts/999", status=404)


def test_a_draft_in_use_by_another_tenant_is_kept(web, make):
    change = _request()
    web.sign_in(make.user("working_group"))
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    draft = db.session.scalar(select(FormDraft))
    other = make.tenant("room-2", families=1)
    other.form_version = draft.version_set
    db.session.commit()
    web.post(f"/form-drafts/{draft.id}/delete")
    assert "room-2" in web.get(f"/form-drafts/{draft.id}").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(FormDraft)) is not None


def test_drafts_of_every_wrong_shape_are_refused_plainly(web, make):
    """Valid YAML of a shape no form has is told with its line, as a 400, never a 500,
    and nothing is saved (issue 13: deep nesting, lists where a name goes, a very long
    guide name, a word for the order)."""
    change = _request()
    web.sign_in(make.user("working_group"))
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    draft = db.session.scalar(select(FormDraft))
    kept = draft.source
    deep = "[" * 3000 + "]" * 3000
    cases = {
        kept + f"\nextra: {deep}\n": "nested more than 30 levels deep",
        "key: visit\nsections:\n" + "  " * 0 + "".join(
            "  " * n + "- \n" for n in range(200)): "nested more than 30 levels deep",
        kept.replace("key: visit", "key: [visit]", 1): "'key' must be a name",
        kept.replace("kind: date", "kind: [date]", 1): "'kind' must be a name",
        kept.replace("  - title: The visit", "  - use: [a, b]\n  - title: The visit", 1):
            "'use' must be a name",
        kept.replace("guide: hearing-the-child", "guide: [x]", 1): "'guide' must name a guide",
        kept.replace("guide: hearing-the-child", "guide: " + "g" * 300, 1):
            "'guide' must name a guide",
        kept.replace("guide: hearing-the-child",
                     "guide: hearing-the-child\n        prefill: [{form: [a], field: b}]", 1):
            "'form' must be a name",
        kept.replace("  - note: {kind: Home visit,",
                     "  - when: [a, b]\n    note: {kind: Home visit,", 1):
            "'when' must be a mapping",
        kept.replace("  - note: {kind: Home visit,", "  - note: {kind: [Home visit],", 1):
            "'kind' must be a name",
        kept.replace("order: 10", "order: x", 1): "order must be a whole number",
        kept + "\n? [1, 2] : x\n": "not valid YAML",
    }
    for source, message in cases.items():
        page = web.post(f"/form-drafts/{draft.id}", {"source": source}, status=400)
        text = html.unescape(page.get_data(as_text=True))
        assert message in text and "There is a problem" in text, (message, text[-3000:])
        db.session.expire_all()
        assert db.session.get(FormDraft, draft.id).source == kept
    # The forms list, which sorts by order, still works.
    web.get("/form-drafts/")


def test_a_draft_written_before_the_pathway_moves_still_opens_its_tenant(web, make):
    """A stored draft of the old kind (`on_submit: stage:`) no longer parses: its tenant
    records with the shipped form instead of failing, and saving the draft names why."""
    change = _request("streamlined/core_group_review/x")
    web.sign_in(make.user("working_group"))
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    draft = db.session.scalar(select(FormDraft))
    web.post(f"/form-drafts/{draft.id}/try")
    tenant = db.session.scalar(select(Tenant).where(Tenant.name == f"try-draft-{draft.id}"))
    old = draft.source[:draft.source.index("on_submit:")] + (
        "on_submit:\n  - stage: cp_plan\n    dates: {last_core_group_on: held_on}\n")
    draft.source = old  # as stored before this version
    db.session.commit()
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
    started = web.post(f"/t/{tenant.name}/children/{case.child_id}/forms",
                       {"form_key": "core_group_review"})
    assert "draft version" not in web.get(started.location).get_data(as_text=True)
    page = web.post(f"/form-drafts/{draft.id}", {"source": old}, status=400)
    assert "unknown key &#39;stage&#39;" in page.get_data(as_text=True)
