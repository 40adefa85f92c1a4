import pytest
from sqlalchemy import select

from sandbox.auth.models import User
from sandbox.core.extensions import db


@pytest.fixture
def admin_web(web, make):
    make.tenant("room-1")
    web.sign_in(make.user("administrator", username="boss"))
    return web


def test_admin_adds_a_trainee_to_a_tenant(admin_web):
    admin_web.post("/admin/users/new", {"username": "sam", "full_name": "Sam Newstarter",
                                        "role": "trainee", "tenant": "room-1",
                                        "password": "lantern-orchard-pebble"})
    sam = db.session.scalar(select(User).where(User.username == "sam"))
    assert sam.tenant.name == "room-1" and sam.check_password("lantern-orchard-pebble")
    assert "Sam Newstarter" in admin_web.get("/admin/users").get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    ({"username": "Bad Name!"}, "Username must be"),
    ({"password": "short"}, "10 characters or more"),
    ({"role": "overlord"}, "Not a valid choice"),
    ({"tenant": "no-such-room"}, "Not a valid choice"),
    ({"full_name": ""}, "Enter the person"),
    ({"username": "boss"}, "already taken"),
])
def test_bad_user_details_are_a_clear_400(admin_web, data, message):
    good = {"username": "sam", "full_name": "Sam", "role": "trainee", "tenant": "",
            "password": "lantern-orchard-pebble"}
    page = admin_web.post("/admin/users/new", {**good, **data}, status=400)
    assert message in page.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "sam")) is None


def test_admin_changes_a_role_and_deactivates(admin_web, make):
    other = make.user("trainee")
    admin_web.post(f"/admin/users/{other.id}", {"full_name": "Promoted", "role": "trainer",
                                                "tenant": "", "active": ""})
    db.session.expire_all()
    changed = db.session.get(User, other.id)
    assert changed.role == "trainer" and changed.active is False


def test_admin_cannot_lock_themselves_out(admin_web):
    boss = db.session.scalar(select(User).where(User.username == "boss"))
    page = admin_web.post(f"/admin/users/{boss.id}", {"full_name": "Boss", "role": "trainee",
                                                      "tenant": "", "active": "y"}, status=400)
    assert "cannot remove your own administrator access" in page.get_data(as_text=True)


def test_unknown_user_is_404(admin_web):
    admin_web.get("/admin/users/9999", status=404)
