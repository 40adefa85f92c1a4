"""Probes of issue 13's findings 6, 10 and 11, repeated against the served app (gunicorn,
several processes and threads, production settings):

- 6: changing members' roles never shows a blind review round's views, and the reveal is
  recorded once however many requests race for it;
- 10: a tenant export with one spoilt value is refused (400, the problem named by table
  and row, nothing written), and an untouched one imports and its pages answer;
- 11: a draft never takes over, nor deletes, a tenant that only has the name it would
  give one, and people cannot take the names the system keeps for itself.
"""

import copy
import html
import json
import threading

from sqlalchemy import func, select

from sandbox.audit.models import AuditEvent
from sandbox.core.extensions import db
from sandbox.feedback import queue
from sandbox.feedback.models import ChangeRequest, ReviewRound
from sandbox.tenants.models import Tenant
from tests import factories

SECRET = "Amy thinks this, and nobody else may see it yet"


def _edit_user(admin, user_id: int, full_name: str, role: str, active=True, chair=False):
    data = {"full_name": full_name, "role": role, "tenant": ""}
    if active:
        data["active"] = "y"
    if chair:
        data["is_chair"] = "y"
    answer = admin.send_form(f"/admin/users/{user_id}", data)
    assert answer.status_code == 302, answer.text[-500:]


def _views(request_ids, comment):
    data = {}
    for r in request_ids:
        data |= {f"agree-{r}": "yes", f"priority-{r}": "high", f"comment-{r}": comment}
    return data


def test_role_changes_never_reveal_and_the_reveal_is_recorded_once(served):
    with served.context():
        factories.user("working_group", username="r-amy", full_name="Amy Able")
        ben = factories.user("working_group", username="r-ben", full_name="Ben Brook")
        chair = factories.user("working_group", username="r-chair", full_name="Chris Chair")
        chair.is_chair = True
        factories.user("administrator", username="r-admin")
        author = factories.user("trainee", username="r-author")
        item = queue.capture(author, "asked_twice", "Address asked again", {"page": "/x"})
        request_ids = [queue.make_request([item.id], "Address asked again", "", "medium",
                                          "W").id]
        ben_id = ben.id
        db.session.commit()
    with served.client() as as_amy, served.client() as admin:
        as_amy.sign_in("r-amy")
        admin.sign_in("r-admin")
        opened = as_amy.send_form("/feedback/rounds", {"title": "Probe round",
                                                       "requests": request_ids})
        url = opened.headers["location"]
        as_amy.send_form(f"{url}/views", _views(request_ids, SECRET))
        with served.client() as as_chair:
            as_chair.sign_in("r-chair")
            as_chair.send_form(f"{url}/views", _views(request_ids, "The chair's view"))
        # Only Ben has not answered: the administrator takes him out of the working group
        # and puts him back.
        for role in ("trainee", "working_group"):
            _edit_user(admin, ben_id, "Ben Brook", role)
            assert SECRET not in admin.get(url).text
            assert SECRET not in admin.get(f"{url}.json").text
        assert "Ben Brook: not answered yet" in html.unescape(admin.get(url).text)

        # Three of the chair's tabs close the round as Ben's last answer arrives.
        sends = []
        for username, path, data in [("r-chair", f"{url}/close", {})] * 3 + [
                ("r-ben", f"{url}/views", _views(request_ids, "Ben's view"))]:
            client = served.client()
            client.sign_in(username)
            sends.append((client, path, {**data, "csrf_token": client.token()}))
        barrier = threading.Barrier(len(sends))
        statuses = []

        def send(client, path, data):
            barrier.wait()
            statuses.append(client.post(path, data=data).status_code)

        threads = [threading.Thread(target=send, args=s) for s in sends]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for client, *_ in sends:
            client.close()
        assert statuses == [302] * 4
        page = html.unescape(admin.get(url).text)
        assert SECRET in page and "Everyone's views are shown below" in page
        body = admin.get(f"{url}.json").json()
        assert body["revealed"] and body["reveal"]["how"] in ("chair_closed",
                                                              "everyone_answered")
    with served.context():
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "round_revealed")) == 1
        assert db.session.scalar(select(ReviewRound)).revealed_at is not None


def _spoilt(doc, what):
    doc = copy.deepcopy(doc)
    tables = doc["tables"]
    if what == "status":
        tables["form_records"][2]["status"] = "weird"
        return doc, ("table form_records, row 3: status 'weird' is not one of draft, "
                     "submitted, signed_off")
    if what == "answers":
        tables["form_records"][0]["answers_json"] = "not json"
        return doc, "table form_records, row 1: answers_json is not a JSON object of answers"
    if what == "stage":
        tables["cases"][0]["stage"] = "limbo"
        return doc, "table cases, row 1: stage 'limbo' is not one of contact, referral"
    tables["form_records"][0]["form_key"] = "no_such_form"
    return doc, ("table form_records, row 1: form_key 'no_such_form' is not a form of the "
                 "streamlined set")


def _import(client, doc, name):
    return client.send_form("/tenants/import", {"name": name}, files={
        "file": ("export.json", json.dumps(doc).encode(), "application/json")})


def _tenant_count(served) -> int:
    with served.context():
        return db.session.scalar(select(func.count(Tenant.id)))


def test_spoilt_imports_are_refused_and_a_good_one_is_shown(served):
    with served.context():
        factories.user("trainer", username="i-trainer")
        factories.tenant("i-room", seed=3, families=4)
    with served.client() as trainer:
        trainer.sign_in("i-trainer")
        exported = trainer.get("/tenants/i-room/export")
        assert exported.status_code == 200
        doc = exported.json()
        before = _tenant_count(served)
        for what in ("status", "answers", "stage", "form key"):
            spoilt, line = _spoilt(doc, what)
            answer = _import(trainer, spoilt, "i-copy")
            assert answer.status_code == 400, (what, answer.status_code)
            assert f"The file cannot be imported: {line}" in html.unescape(answer.text)
            assert _tenant_count(served) == before
            assert trainer.get("/t/i-copy/").status_code == 404
        assert _import(trainer, doc, "i-copy").status_code == 302
        with served.context():
            tenant = db.session.scalar(select(Tenant).where(Tenant.name == "i-copy"))
            child = doc["tables"]["cases"][0]["child_id"]
            record = doc["tables"]["form_records"][0]["id"]
            assert tenant is not None
        for path in ("/t/i-copy/", f"/t/i-copy/children/{child}",
                     f"/t/i-copy/forms/{record}", f"/t/i-copy/forms/{record}/history"):
            assert trainer.get(path).status_code == 200, path
    with served.context():
        refused = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "tenant_import_refused")).all()
        assert len(refused) == 4 and {e.actor for e in refused} == {"i-trainer"}


def test_a_draft_leaves_a_tenant_that_only_has_its_name_alone(served):
    with served.context():
        factories.user("trainer", username="d-trainer")
        factories.user("working_group", username="d-member")
        change = ChangeRequest(target_kind="field", target="streamlined/visit/seen",
                               problem="Seen is unclear", created_by="G", updated_by="G")
        db.session.add(change)
        db.session.commit()
        change_id = change.id
    with served.client() as trainer, served.client() as member:
        trainer.sign_in("d-trainer")
        member.sign_in("d-member")
        refused = trainer.send_form("/tenants/new", {"name": "try-draft-2",
                                                     "source": "generate", "seed": "1",
                                                     "families": "1"})
        assert refused.status_code == 400
        assert "kept for the tenants the working group makes" in refused.text
        with served.context():
            # Made before such names were kept for drafts: a trainer's own tenant.
            factories.tenant("try-draft-1", seed=4, families=2, system=True)
        made = member.send_form("/form-drafts/new", {"request_id": str(change_id)})
        draft_url = made.headers["location"]
        assert draft_url.endswith("/form-drafts/1")
        tried = member.send_form(f"{draft_url}/try")
        assert tried.headers["location"] == "/t/try-draft-1-2/"
        member.send_form(f"{draft_url}/try")  # a reset of its own tenant
        assert member.send_form(f"{draft_url}/delete").status_code == 302
        assert trainer.get("/tenants/try-draft-1").status_code == 200
        assert trainer.get("/tenants/try-draft-1-2").status_code == 404
    with served.context():
        theirs = db.session.scalar(select(Tenant).where(Tenant.name == "try-draft-1"))
        assert theirs.form_version == "streamlined" and theirs.last_reset_at is None
