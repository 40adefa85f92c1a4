import pytest
from sqlalchemy import select

from sandbox.core.extensions import db
from sandbox.feedback import queue
from sandbox.feedback.models import ChangeRequest, FeedbackItem

FORM = {"form_key": "strategy_discussion", "form_version": "legacy", "field_key": "chair",
        "tenant_name": "room-1", "page": "/t/room-1/forms/3"}


def note(user, text, kind="asked_twice", **context):
    return queue.capture(user, kind, text, {**FORM, **context})


def test_capture_keeps_the_context_and_routes_training_needs(make):
    user = make.user("trainee")
    item = note(user, "It asked for the chair twice", step="2", case_id="4",
                scenario_key="strategy-and-section-47")
    assert (item.target, item.case_id, item.step, item.queue) == (
        "legacy/strategy_discussion/chair", 4, 2, "system")
    training = queue.capture(user, "training", "I did not know where the chronology was", {})
    assert training.queue == "training"
    assert [i.id for i in queue.mine(user)] == [training.id, item.id]


@pytest.mark.parametrize("kind, text, words", [
    ("broken", "   ", "Write a sentence"), ("broken", "x" * 1001, "1000 characters"),
    ("weird", "Fine", "Select what kind"),
])
def test_bad_feedback_is_refused_and_nothing_is_kept(make, kind, text, words):
    with pytest.raises(queue.FeedbackError, match=words):
        queue.capture(make.user("trainee"), kind, text, {})
    assert db.session.scalar(select(FeedbackItem.id)) is None


def test_similar_notes_about_one_field_are_suggested_as_duplicates(make):
    a, b = make.user("trainee", username="a"), make.user("trainee", username="b")
    one = note(a, "The chair name is asked again here", kind="confusing")
    two = note(b, "Why is the chair name asked again?", kind="confusing")
    other_field = note(b, "The chair name is asked again here", kind="confusing",
                       field_key="minute_taker")
    unrelated = note(a, "Love the layout", kind="praise")
    groups = queue.suggested_groups(queue.open_items("system"))
    assert [g for g in groups if len(g) > 1] == [[one, two]]
    assert [other_field] in groups and [unrelated] in groups


def test_make_a_request_merge_and_statuses(make):
    a, b = make.user("trainee", username="a"), make.user("trainee", username="b")
    items = [note(a, "Asked twice"), note(b, "Same again")]
    request = queue.make_request([i.id for i in items], "The chair is asked twice",
                                 "Ask once", "high", "Wendy")
    assert (request.target_kind, request.target) == ("field", "legacy/strategy_discussion/chair")
    assert len(queue.evidence(request)) == 2
    assert queue.open_items("system") == []
    with pytest.raises(queue.FeedbackError, match="already evidence"):
        queue.make_request([items[0].id], "Again", "", "low", "Wendy")
    second = queue.make_request([note(a, "Third time").id], "Also chair", "", "low", "Wendy")
    with pytest.raises(queue.FeedbackError, match="into itself"):
        queue.merge(request, request, "Wendy")
    queue.merge(request, second, "Wendy")
    assert len(queue.evidence(request)) == 3 and second.status == "declined"
    with pytest.raises(queue.FeedbackError, match="reason"):
        queue.set_status(request, "declined", "Wendy", "  ")
    assert request.status == "new"
    queue.set_status(request, "agreed", "Wendy")
    queue.set_status(request, "done", "Wendy")
    assert [(e.from_status, e.to_status) for e in queue.history(request)] == [
        ("", "new"), ("new", "agreed"), ("agreed", "done")]
    rows = queue.requests("done")
    assert rows[0].notes == 3 and rows[0].people == 2


def test_reflections_land_in_the_queue(make):
    user = make.user("trainee")
    made = queue.from_reflection(user, "contact-to-assessment", "legacy", {
        "repeated": "Address three times", "harder": "", "change": "One family section",
        "easier": "Finding the child"})
    assert sorted(i.kind for i in made) == ["asked_twice", "missing", "praise"]
    assert all(i.source == "reflection" for i in made)


def test_requests_need_evidence_and_a_problem(make):
    with pytest.raises(queue.FeedbackError, match="Select the feedback"):
        queue.make_request([], "Problem", "", "low", "W")
    item = note(make.user("trainee"), "Asked twice")
    with pytest.raises(queue.FeedbackError, match="Say what the problem"):
        queue.make_request([item.id], " ", "", "low", "W")
    assert db.session.scalar(select(ChangeRequest.id)) is None


def test_hotspots_rank_places_by_feedback_and_kind(make):
    user = make.user("trainee")
    for text in ("One", "Two", "Three"):
        note(user, text)
    note(user, "Confusing", kind="confusing")
    queue.capture(user, "broken", "Search broke", {"page": "/t/room-1/"})
    spots = queue.hotspots()
    assert spots[0].target == "legacy/strategy_discussion/chair"
    assert spots[0].by_kind == {"asked_twice": 3, "confusing": 1} and spots[0].total == 4
    assert spots[1].target == "/t/room-1/"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_suggested_groups_are_those_of_comparing_every_pair(app, seed):
    # The near-linear grouping finds exactly the groups the old every-pair comparison did
    # (tests/benchmarks/bench_feedback.py times the two).
    from tests.benchmarks.bench_feedback import notes, pairwise_groups

    items = notes(400, seed)
    grouped = queue.suggested_groups(items)
    assert grouped == pairwise_groups(items)
    assert any(len(g) > 5 for g in grouped) and any(len(g) == 1 for g in grouped)
