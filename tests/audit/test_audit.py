"""The audit log records who did what, when and from where; sign-in is rate-limited."""

from sqlalchemy import select

from sandbox.audit.models import AuditEvent
from sandbox.core.extensions import db
from sandbox.feedback import queue
from sandbox.tenants import service
from tests.pages import Web


def _actions():
    return [(e.actor, e.action, e.target) for e in
            db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_sign_ins_tenants_roles_and_decisions_are_recorded(app, web, make):
    admin = make.user("administrator", username="ada")
    web.sign_in(admin)
    web.post("/tenants/new", {"source": "generate", "name": "room-9", "seed": "2",
                              "families": "1", "form_version": "streamlined"})
    web.post("/tenants/room-9/reset")
    web.get("/tenants/room-9/export")
    trainee = make.user("trainee", username="tia")
    web.post(f"/admin/users/{trainee.id}", {"full_name": "Tia", "role": "working_group",
                                            "tenant": "", "active": "y"})
    item = queue.capture(trainee, "broken", "Save button hides", {})
    change = queue.make_request([item.id], "Save hides", "", "low", "Ada")
    web.post(f"/feedback/requests/{change.id}", {"status": "declined",
                                                 "reason": "Not a system problem"})
    web.post("/tenants/room-9/delete", {"confirm": "room-9"}, status=302)
    actions = _actions()
    assert ("ada", "sign_in", "") in actions
    for expected in (("ada", "tenant_created", "room-9"), ("ada", "tenant_reset", "room-9"),
                     ("ada", "tenant_exported", "room-9"), ("ada", "user_changed", "tia"),
                     ("ada", "request_decided", f"change request {change.id}")):
        assert expected in actions, expected
    page = web.get("/admin/audit").get_data(as_text=True)
    assert "Tenant reset" in page and "127.0.0.1" in page and "Not a system problem" in page
    filtered = web.get("/admin/audit?action=tenant_reset").get_data(as_text=True)
    table = filtered[filtered.index("<table"):]
    assert "Tenant reset" in table and "Tenant exported" not in table
    web.get("/admin/audit?action=nonsense", status=404)
    web.get("/admin/audit?page=999", status=404)


def test_command_line_actions_are_recorded_as_from_the_command_line(cli, app):
    cli("tenant", "create", "--name", "cli-room", "--families", "1")
    cli("tenant", "delete", "cli-room")
    events = db.session.scalars(select(AuditEvent)).all()
    assert [e.action for e in events] == ["tenant_created", "tenant_deleted"]
    assert {e.address for e in events} == {"command line"}


def test_copies_the_system_makes_and_removes_are_not_noise(make):
    tenant = make.tenant(families=1)
    service.reset(service.reset(tenant))  # makes a spare, swaps it in, removes the old copy
    assert [a for _, a, _ in _actions()] == ["tenant_created", "tenant_reset", "tenant_reset"]


def test_sign_in_is_limited_per_account(app, make):
    make.user("trainer", username="tom")
    web = Web(app)
    for _ in range(5):
        page = web.post("/sign-in", {"username": "tom", "password": "wrong-password"},
                        status=400)
        assert "Enter a correct username and password" in page.get_data(as_text=True)
    blocked = web.post("/sign-in", {"username": "tom", "password": "correct-horse-battery"},
                       status=429).get_data(as_text=True)
    assert "wrong password for this account too many times" in blocked
    # Another account from the same place is not held up by Tom's.
    make.user("trainer", username="sam")
    web.post("/sign-in", {"username": "sam", "password": "correct-horse-battery"})
    assert ("tom", "sign_in_blocked", "") in _actions()


def test_sign_in_is_limited_per_address(app, make):
    app.config["SIGN_IN_ADDRESS_LIMIT"] = 3
    make.user("trainer", username="tom")
    web = Web(app)
    for n in range(3):
        web.post("/sign-in", {"username": f"guess-{n}", "password": "x" * 12}, status=400)
    page = web.post("/sign-in", {"username": "tom", "password": "correct-horse-battery"},
                    status=429).get_data(as_text=True)
    assert "too many wrong passwords from this network" in page
    # From another address the account still works.
    other = Web(app)
    other.post("/sign-in", {"username": "tom", "password": "correct-horse-battery"},
               environ_base={"REMOTE_ADDR": "10.0.0.9"})
