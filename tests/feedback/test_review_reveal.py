"""Who must answer a review round is fixed when it opens, and the reveal is an event
recorded once: role changes, people joining or leaving never show anyone's views."""

import threading

import pytest
from sqlalchemy import func, select

from sandbox.audit.models import AuditEvent
from sandbox.core.extensions import db
from sandbox.feedback.models import ReviewRound
from tests.pages import Web, isolated

SECRET = "Secret from Amy"


def views_form(requests_, agree="yes", comment=SECRET):
    data = {}
    for r in requests_:
        data |= {f"agree-{r.id}": agree, f"priority-{r.id}": "high",
                 f"comment-{r.id}": comment}
    return data


def open_round(web, requests_) -> str:
    made = web.post("/feedback/rounds", {"title": "November",
                                         "requests": [str(r.id) for r in requests_]})
    return made.location


def change(admin_web, user, role=None, active=True, is_chair=False):
    """The administrator edits a person on the users page."""
    data = {"full_name": user.full_name, "role": role or user.role, "tenant": ""}
    if active:
        data["active"] = "y"
    if is_chair:
        data["is_chair"] = "y"
    admin_web.post(f"/admin/users/{user.id}", data)


def shows_views(web, url) -> bool:
    page = web.get(url).get_data(as_text=True)
    data = web.get(f"{url}.json").get_data(as_text=True)
    return SECRET in page or SECRET in data


def reveals() -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "round_revealed"))


@pytest.fixture
def people(app, make):
    amy = make.user("working_group", username="amy", full_name="Amy Able")
    ben = make.user("working_group", username="ben", full_name="Ben Brook")
    admin = make.user("administrator", username="admin")
    return amy, ben, Web(app).sign_in(amy), Web(app).sign_in(admin)


def test_changing_roles_never_reveals_a_round(app, make, requests_, people):
    amy, ben, amy_web, admin_web = people
    url = open_round(amy_web, requests_)
    amy_web.post(f"{url}/views", views_form(requests_))
    # Ben has not answered: the administrator takes him out of the working group...
    change(admin_web, ben, role="trainee")
    assert not shows_views(admin_web, url)
    # ...and puts him back: still nothing shown, and the round has not been revealed.
    change(admin_web, ben, role="working_group")
    assert not shows_views(admin_web, url)
    db.session.expire_all()
    assert db.session.scalar(select(ReviewRound)).revealed_at is None and reveals() == 0
    page = admin_web.get(url).get_data(as_text=True)
    assert "Ben Brook" in page and "not answered yet" in page
    assert "does not show anyone's views" in page
    # Ben answers: now everyone asked has answered, and the round says so.
    Web(app).sign_in(ben).post(f"{url}/views", views_form(requests_, "no", "Ben's view"))
    page = admin_web.get(url).get_data(as_text=True)
    assert SECRET in page and "everyone asked had answered" in page
    assert reveals() == 1


def test_a_member_who_joins_later_is_not_asked(app, make, requests_, people):
    amy, ben, amy_web, admin_web = people
    url = open_round(amy_web, requests_)
    carl = make.user("working_group", username="carl", full_name="Carl Cole")
    carl_web = Web(app).sign_in(carl)
    page = carl_web.get(url).get_data(as_text=True)
    assert "joined the working group after this round opened" in page
    assert "Save my views" not in page
    carl_web.post(f"{url}/views", views_form(requests_, comment="Carl's view"))
    amy_web.post(f"{url}/views", views_form(requests_))
    assert not shows_views(carl_web, url)
    Web(app).sign_in(ben).post(f"{url}/views", views_form(requests_, "no", "Ben's view"))
    page = carl_web.get(url).get_data(as_text=True)
    assert SECRET in page and "Carl's view" not in page
    assert "2 of 2" in page


def _all_but_ben_answered(app, make, requests_, people):
    """A round that Amy and the chair have answered, and Ben not: (url, chair)."""
    _amy, _ben, amy_web, admin_web = people
    chair = make.user("working_group", username="chair", full_name="Chris Chair")
    change(admin_web, chair, is_chair=True)
    url = open_round(amy_web, requests_)
    amy_web.post(f"{url}/views", views_form(requests_))
    Web(app).sign_in(chair).post(f"{url}/views", views_form(requests_, comment="Chair's view"))
    return url, chair


def test_a_member_who_leaves_still_counts_until_the_chair_closes(app, make, requests_,
                                                                 people):
    _amy, ben, _amy_web, admin_web = people
    url, chair = _all_but_ben_answered(app, make, requests_, people)
    chair_web = Web(app).sign_in(chair)
    change(admin_web, ben, active=False)
    assert not shows_views(admin_web, url)
    assert "no longer active" in admin_web.get(url).get_data(as_text=True)
    chair_web.post(f"{url}/close")
    page = admin_web.get(url).get_data(as_text=True)
    assert SECRET in page and "the chair, Chris Chair, closed the round" in page
    body = admin_web.get(f"{url}.json").get_json()
    assert body["revealed"] is True and body["reveal"] == {
        "how": "chair_closed", "by": "Chris Chair", "at": body["reveal"]["at"]}
    assert {m["name"]: m["answered"] for m in body["asked"]} == {
        "Amy Able": True, "Ben Brook": False, "Chris Chair": True}
    # Closing again changes nothing and records nothing more.
    chair_web.post(f"{url}/close")
    assert reveals() == 1


def test_the_reveal_happens_once_under_parallel_requests(app, make, requests_, people):
    ben = people[1]
    url, chair = _all_but_ben_answered(app, make, requests_, people)
    # Three of the chair's tabs close the round as Ben's last answer arrives.
    sends = [(Web(app).sign_in(chair), f"{url}/close", {}) for _ in range(3)]
    sends.append((Web(app).sign_in(ben), f"{url}/views",
                  views_form(requests_, "no", "Ben's view")))
    sends = [(web, path, {**data, "csrf_token": web.token()}) for web, path, data in sends]
    barrier = threading.Barrier(len(sends))
    statuses = []

    def send(web, path, data):
        barrier.wait()
        statuses.append(isolated(web.client.post, path, data=data).status_code)

    threads = [threading.Thread(target=send, args=s) for s in sends]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [302] * 4
    assert reveals() == 1
    db.session.expire_all()
    assert db.session.scalar(select(ReviewRound)).revealed_at is not None
