import pytest

from sandbox.core.extensions import db
from sandbox.feedback import review
from tests.pages import Web


def view(agree="yes", priority="high", comment=""):
    return {"agree": agree, "priority": priority, "comment": comment}


def test_views_stay_hidden_until_everyone_answers(make, requests_):
    amy = make.user("working_group", username="amy")
    ben = make.user("working_group", username="ben")
    round_ = review.start("November", [r.id for r in requests_], "Amy")
    assert all(r.status == "under_review" for r in requests_)
    review.give_views(round_, amy, {r.id: view(comment="Amy thinks yes") for r in requests_})
    seen = review.seen_by(round_, ben)
    assert not seen.revealed and seen.everyone == {} and seen.mine == {}
    exported = review.as_json(seen)
    assert "Amy thinks yes" not in str(exported) and exported["answered"] == 1
    admin_view = review.as_json(review.seen_by(round_, make.user("administrator")))
    assert "Amy thinks yes" not in str(admin_view)
    review.give_views(round_, ben, {r.id: view("no", "low") for r in requests_})
    seen = review.seen_by(round_, ben)
    assert seen.revealed and len(seen.everyone[requests_[0].id]) == 2
    with pytest.raises(review.ReviewError, match="closed"):
        review.give_views(round_, amy, {r.id: view() for r in requests_})


def test_the_chair_can_close_a_round(make, requests_):
    chair = make.user("working_group", username="chair")
    make.user("working_group", username="quiet")
    round_ = review.start("Round", [requests_[0].id], "Chair")
    with pytest.raises(review.ReviewError, match="Only the chair"):
        review.close(round_, chair)
    chair.is_chair = True
    db.session.commit()
    review.close(round_, chair)
    assert review.seen_by(round_, chair).revealed


@pytest.mark.parametrize("views, words", [
    ({}, "every request"), ({"x": 1}, "every request"),
])
def test_incomplete_views_are_refused(make, requests_, views, words):
    amy = make.user("working_group", username="amy")
    round_ = review.start("Round", [r.id for r in requests_], "Amy")
    with pytest.raises(review.ReviewError, match=words):
        review.give_views(round_, amy, views)
    with pytest.raises(review.ReviewError, match="Say whether"):
        review.give_views(round_, amy, {r.id: view(agree="maybe") for r in requests_})
    with pytest.raises(review.ReviewError, match="Only working-group"):
        review.give_views(round_, make.user("trainer"), {r.id: view() for r in requests_})


def test_rounds_through_the_pages(app, web, make, requests_):
    amy = make.user("working_group", username="amy")
    ben = make.user("working_group", username="ben")
    web.sign_in(amy)
    assert "Start a round" in web.get("/feedback/rounds").get_data(as_text=True)
    made = web.post("/feedback/rounds", {"title": "November",
                                         "requests": [str(r.id) for r in requests_]})
    url = made.location
    data = {}
    for r in requests_:
        data |= {f"agree-{r.id}": "yes", f"priority-{r.id}": "high",
                 f"comment-{r.id}": "Secret from Amy"}
    web.post(f"{url}/views", data)
    other = Web(app).sign_in(ben)
    assert "Secret from Amy" not in other.get(url).get_data(as_text=True)
    assert "Secret from Amy" not in other.get(f"{url}.json").get_data(as_text=True)
    other.post(f"{url}/close", status=403)
    other.post(f"{url}/views", {}, status=302)  # incomplete: told, nothing saved
    assert "Secret from Amy" not in other.get(url).get_data(as_text=True)
    web.post("/feedback/rounds", {"title": "", "requests": []})
    web.get("/feedback/rounds/999", status=404)
    ben_data = {k: ("no" if k.startswith("agree") else v) for k, v in data.items()}
    other.post(f"{url}/views", ben_data)
    shown = other.get(url).get_data(as_text=True)
    assert "Secret from Amy" in shown and "Do not agree" in shown
