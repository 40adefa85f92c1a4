"""Two people pressing the same button at once on the working group's draft forms and on
a form's "copy to siblings", against the served app: one goes ahead, the other is told in
plain words, never a 500, and nothing is made twice or half done."""

import json

from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.feedback.models import ChangeRequest
from sandbox.recording import service as recording
from sandbox.recording.models import DRAFT, FormRecord
from sandbox.tenants import service
from sandbox.tenants.models import LIVE, Tenant
from tests import factories
from tests.concurrency import at_once


def _signed_in(served, username):
    browser = served.client()
    assert browser.sign_in(username).status_code == 302
    return browser


def test_try_it_pressed_at_once_makes_one_tenant_and_tells_the_other(served):
    with served.context():
        for n in range(3):
            factories.user("working_group", username=f"try-member{n}")
        change = ChangeRequest(target_kind="field", target="streamlined/visit/seen",
                               problem="Seen is unclear", created_by="G", updated_by="G")
        db.session.add(change)
        db.session.commit()
        change_id = change.id
    members = [_signed_in(served, f"try-member{n}") for n in range(3)]
    try:
        made = members[0].send_form("/form-drafts/new", {"request_id": str(change_id)},
                                    token_from="/form-drafts/")
        draft_url = made.headers["location"]
        tokens = [m.token(draft_url) for m in members]
        answers = at_once([lambda m=m, t=t: m.post(f"{draft_url}/try", data={"csrf_token": t})
                           for m, t in zip(members, tokens, strict=True)])
        assert [a.status_code for a in answers] == [302] * 3, [a.status_code for a in answers]
        places = sorted(a.headers["location"] for a in answers)
        made_here = [p for p in places if p.startswith("/t/")]
        assert len(made_here) == 1
        for member, answer in zip(members, answers, strict=True):
            if answer.headers["location"] == draft_url:
                told = member.get(draft_url).text
                assert "Someone else made this draft&#39;s sandbox tenant a moment ago" in told
    finally:
        for member in members:
            member.close()
    with served.context():
        assert db.session.scalar(select(func.count()).select_from(Tenant).where(
            Tenant.form_version.startswith("draft-"), Tenant.state == LIVE)) == 1


def test_copy_to_siblings_pressed_at_once_starts_one_draft_on_each_sibling(served):
    with served.context():
        tenant = factories.tenant("copy-room", seed=3, families=6)
        factories.user("trainee", username="copier", tenant=tenant)
        with tenancy.scoped_to(tenant.id):
            family_sizes = dict(db.session.execute(
                select(Case.family_id, func.count()).group_by(Case.family_id)).all())
            case = db.session.scalars(select(Case).where(Case.family_id.in_(
                [f for f, n in family_sizes.items() if n >= 3])).order_by(Case.id)).first()
            assert case is not None, family_sizes
            record = recording.start(case, "streamlined", "child_family_assessment", "T")
            definition = recording.definition_of(record)
            shared = {f.key: "The family lives together" for f in definition.fields
                      if f.family and f.kind in ("text", "longtext")}
            assert shared
            recording.save(record, {**record.answers, **shared}, record.revision, "T")
            siblings = [c.id for c in recording.sibling_cases(case)]
            record_id = record.id
        mark = f"{tenant.id}.{db.session.get(Tenant, tenant.id).generation}"
    browsers = [_signed_in(served, "copier") for _ in range(3)]
    path = f"/t/copy-room/forms/{record_id}"
    try:
        tokens = [b.token(path) for b in browsers]
        answers = at_once([lambda b=b, t=t: b.post(f"{path}/copy-to-siblings", data={
            "csrf_token": t, "opened_in": mark}) for b, t in zip(browsers, tokens, strict=True)])
        assert [a.status_code for a in answers] == [302] * 3, [a.status_code for a in answers]
    finally:
        for browser in browsers:
            browser.close()
    with served.context():
        tenant = service.get_tenant("copy-room")
        with tenancy.scoped_to(tenant.id):
            drafts = db.session.scalars(select(FormRecord).where(
                FormRecord.case_id.in_(siblings),
                FormRecord.form_key == "child_family_assessment",
                FormRecord.status == DRAFT)).all()
            assert sorted(d.case_id for d in drafts) == sorted(siblings)
            for draft in drafts:
                answers = json.loads(draft.answers_json)
                assert all(answers.get(k) == v for k, v in shared.items())
