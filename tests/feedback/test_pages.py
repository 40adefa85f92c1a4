import re

from sqlalchemy import select

from sandbox.core.extensions import db
from sandbox.feedback.models import ChangeRequest, FeedbackItem
from tests.pages import Web


def test_feedback_on_a_page_keeps_its_context(web, make):
    web.sign_in(make.user("trainee"))
    page = web.get("/feedback/mine").get_data(as_text=True)
    link = re.search(r'id="feedback-link" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert "page=%2Ffeedback%2Fmine" in link
    form = web.get(link + "&form_key=visit&form_version=streamlined&field_key=seen")
    assert "(Visit: “Who was there?”)" in form.get_data(as_text=True)
    thanks = web.post("/feedback/new", {"kind": "confusing", "text": "Who counts as seen?",
                                        "page": "/t/room-1/forms/3", "form_key": "visit",
                                        "form_version": "streamlined", "field_key": "seen",
                                        "tenant_name": "room-1"}, status=200)
    assert "Thank you" in thanks.get_data(as_text=True)
    item = db.session.scalar(select(FeedbackItem))
    assert item.target == "streamlined/visit/seen" and item.tenant_name == "room-1"
    bad = web.post("/feedback/new", {"kind": "confusing", "text": " "}, status=400)
    assert "Write a sentence" in bad.get_data(as_text=True)


def test_a_form_page_link_names_the_form(web, make):
    from sandbox.cases.models import Case
    from sandbox.core import tenancy
    from sandbox.recording import service as recording

    tenant = make.tenant("room-1", families=1)
    with tenancy.scoped_to(tenant.id):
        record_id = recording.start(db.session.scalars(select(Case)).first(), "streamlined",
                                    "visit", "T").id
    web.sign_in(make.user("trainee", tenant=tenant))
    page = web.get(f"/t/room-1/forms/{record_id}").get_data(as_text=True)
    assert "form_key=visit" in page and "tenant_name=room-1" in page


def test_floor_walker_note_and_the_working_groups_queue(app, web, make):
    ann = make.user("trainee", username="ann")
    web.sign_in(make.user("floor_walker"))
    # Outside a room there is nobody to choose (tests/scenarios/test_floor.py: in a room).
    assert "Nobody in particular" not in web.get("/feedback/note").get_data(as_text=True)
    web.post("/feedback/note", {"about": str(ann.id), "place": "Strategy discussion",
                                "kind": "asked_twice", "text": "Date asked twice"}, status=400)
    web.post("/feedback/note", {"place": "Strategy discussion",
                                "kind": "asked_twice", "text": "Date asked twice",
                                "resolved_on_spot": "y"})
    web.post("/feedback/note", {"place": "", "kind": "broken", "text": "x"}, status=400)
    web.post("/feedback/note", {"place": "Chronology", "kind": "training",
                                "text": "Did not know the filter"})
    group = Web(app).sign_in(make.user("working_group"))
    queue_page = group.get("/feedback/queue").get_data(as_text=True)
    assert "Date asked twice" in queue_page and "Did not know the filter" not in queue_page
    item = db.session.scalar(select(FeedbackItem).where(FeedbackItem.kind == "asked_twice"))
    assert item.resolved_on_spot and item.about_user_id is None
    group.post("/feedback/requests", {"items": [str(item.id)], "problem": " ",
                                      "priority": "high"}, status=400)
    none = group.post("/feedback/requests", {"problem": "Something", "priority": "high"},
                      status=400)
    assert "Select the feedback" in none.get_data(as_text=True)
    made = group.post("/feedback/requests", {"items": [str(item.id)], "problem":
                                             "The date is asked twice", "priority": "high"})
    request_id = int(made.location.rsplit("/", 1)[1])
    page = group.post(f"/feedback/requests/{request_id}",
                      {"status": "declined", "reason": ""}, status=400)
    assert "Give the reason" in page.get_data(as_text=True)
    group.post(f"/feedback/requests/{request_id}", {"status": "agreed"})
    assert db.session.get(ChangeRequest, request_id).status == "agreed"
    group.post(f"/feedback/requests/{request_id}/merge", {"other": str(request_id)})
    assert "into itself" in group.get(f"/feedback/requests/{request_id}").get_data(
        as_text=True)
    assert "Agreed" in group.get("/feedback/requests?status=agreed").get_data(as_text=True)
    group.get("/feedback/requests?status=bogus", status=400)
    group.get("/feedback/requests/999", status=404)


def test_training_needs_move_both_ways(app, web, make):
    trainee = Web(app).sign_in(make.user("trainee"))
    trainee.post("/feedback/new", {"kind": "confusing", "text": "Lost on the family page",
                                   "page": "/t/x/"}, status=200)
    item = db.session.scalar(select(FeedbackItem))
    group = web.sign_in(make.user("working_group"))
    group.post(f"/feedback/items/{item.id}/move", {"queue": "training"})
    assert "Lost on the family page" in group.get("/feedback/training").get_data(as_text=True)
    trainer = Web(app).sign_in(make.user("trainer"))
    trainer.post(f"/feedback/items/{item.id}/move", {"queue": "system"})
    db.session.expire_all()
    assert db.session.get(FeedbackItem, item.id).queue == "system"
    trainer.post(f"/feedback/items/{item.id}/move", {"queue": "training"}, status=403)
    trainer.post(f"/feedback/items/{item.id}/move", {"queue": "elsewhere"}, status=400)
