"""Capturing feedback, the working group's queue, and change requests made from it."""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from sandbox.audit import log
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.feedback.models import (
    KINDS,
    PRIORITIES,
    STATUSES,
    ChangeRequest,
    ChangeRequestEvent,
    FeedbackItem,
)
from sandbox.web.params import whole_number

MAX_TEXT = 1000
STOP_WORDS = {
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i",
    "in", "is", "it", "it's", "its", "of", "on", "or", "so", "that", "the", "their", "them",
    "there", "they", "this", "to", "was", "we", "were", "with", "you",
}
SIMILAR = 0.25  # share of words two notes must have in common to be suggested as one


class FeedbackError(ServiceError):
    """Feedback or a change request that cannot be taken as sent."""


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise FeedbackError("Write a sentence about what happened", "text")
    if len(text) > MAX_TEXT:
        raise FeedbackError(f"Keep it to {MAX_TEXT} characters", "text")
    return text


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise FeedbackError("Select what kind of feedback this is", "kind")
    return kind


CONTEXT_FIELDS = {"page": 300, "place": 200, "tenant_name": 64, "form_key": 60,
                  "form_version": 30, "field_key": 60, "scenario_key": 80}


def capture(user, kind: str, text: str, context: dict, source: str = "page") -> FeedbackItem:
    """Keep one piece of feedback with where it was given. Training needs go to trainers."""
    kind, text = _check_kind(kind), _clean_text(text)
    known = {k: str(context.get(k) or "")[:limit] for k, limit in CONTEXT_FIELDS.items()}
    numbers = {k: whole_number(context.get(k)) for k in ("case_id", "step", "about_user_id")
               if whole_number(context.get(k)) is not None}
    with transaction():
        item = FeedbackItem(kind=kind, text=text, source=source,
                            queue="training" if kind == "training" else "system",
                            author_id=user.id, author_role=user.role,
                            resolved_on_spot=bool(context.get("resolved_on_spot")),
                            **known, **numbers)
        db.session.add(item)
    return item


def from_reflection(user, scenario_key: str, form_version: str, answers: dict) -> list:
    """The questionnaire at the end of a scenario, as feedback items."""
    kinds = {"repeated": "asked_twice", "harder": "confusing", "change": "missing",
             "easier": "praise"}
    made = []
    for key, kind in kinds.items():
        if (answers.get(key) or "").strip():
            made.append(capture(user, kind, answers[key][:MAX_TEXT],
                                {"scenario_key": scenario_key, "form_version": form_version,
                                 "place": f"End of scenario: {scenario_key}"}, "reflection"))
    return made


def mine(user) -> list[FeedbackItem]:
    return db.session.scalars(select(FeedbackItem).where(FeedbackItem.author_id == user.id)
                              .order_by(FeedbackItem.id.desc())).all()


def open_items(queue: str) -> list[FeedbackItem]:
    """Items waiting in a queue: not yet evidence for a change request."""
    return db.session.scalars(select(FeedbackItem).where(
        FeedbackItem.queue == queue, FeedbackItem.change_request_id.is_(None))
        .order_by(FeedbackItem.id)).all()


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in STOP_WORDS}


def similar(a: FeedbackItem, b: FeedbackItem) -> bool:
    """About the same thing: the same target and enough words in common.

    Two notes about one form field (or one page) count as likely duplicates when at least
    a quarter of their words (leaving out words like "the" and "and") are shared, or when
    both say the form asks for something twice.
    """
    if a.target != b.target or not a.target:
        return False
    if a.kind == b.kind == "asked_twice":
        return True
    return _alike(_words(a.text), _words(b.text))


def suggested_groups(items: list[FeedbackItem]) -> list[list[FeedbackItem]]:
    """Items in groups of likely duplicates, largest first (single items are groups too).

    Each item, in the order given, joins the earliest group holding an item `similar` to it.
    Finding that group is near-linear: an item is compared only with earlier items about
    the same target that share one of its rarer words, not with every other item. That
    loses none: notes with a quarter of their words in common must share one of the rarest
    `len(words) - ceil(len(words) / 4) + 1` words of each (prefix filtering).
    """
    words = [_words(item.text) for item in items]
    # How many notes about each target use each word (only notes about one target are
    # compared, so each target may have its own order of rarity).
    rarity = Counter((item.target, word) for item, found in zip(items, words, strict=True)
                     for word in found)
    groups: list[list[FeedbackItem]] = []
    # (target, word) -> group number -> (item, its words), for the rarer words of each item
    index: dict[tuple[str, str], dict[int, list]] = defaultdict(lambda: defaultdict(list))
    asked_twice: dict[str, int] = {}  # target -> the earliest group saying "asked twice"
    for item, mine in zip(items, words, strict=True):
        target, home = item.target, None
        rarest = _rarest(mine, lambda word, t=target: (rarity[(t, word)], word))
        if target:
            if item.kind == "asked_twice":
                home = asked_twice.get(target)
            for word in rarest:
                for number in sorted(index[(target, word)]):
                    if home is not None and number >= home:
                        break
                    if any(_alike(mine, theirs) for _other, theirs in
                           index[(target, word)][number]):
                        home = number
                        break
        if home is None:
            home = len(groups)
            groups.append([])
        groups[home].append(item)
        if target:
            for word in rarest:
                index[(target, word)][home].append((item, mine))
            if item.kind == "asked_twice":
                asked_twice[target] = min(home, asked_twice.get(target, home))
    return sorted(groups, key=lambda g: (-len(g), g[0].id))


def _alike(a: set[str], b: set[str]) -> bool:
    """Enough words in common (the test in `similar`)."""
    return bool(a and b) and len(a & b) / len(a | b) >= SIMILAR


def _rarest(words: set[str], rarity) -> list[str]:
    """The words two alike notes must share at least one of: the rarest of each."""
    keep = len(words) - math.ceil(SIMILAR * len(words)) + 1
    return sorted(words, key=rarity)[:keep] if words else []


def move(item: FeedbackItem, queue: str) -> None:
    if queue not in ("system", "training"):
        raise FeedbackError("Choose the system queue or the trainers' list")
    with transaction():
        item.queue = queue


def _items(ids) -> list[FeedbackItem]:
    ids = {whole_number(i) for i in ids} - {None}
    items = db.session.scalars(select(FeedbackItem).where(FeedbackItem.id.in_(ids))).all()
    if not items or len(items) != len(ids):
        raise FeedbackError("Select the feedback to use as evidence", "items")
    if any(i.change_request_id for i in items):
        raise FeedbackError("Some of that feedback is already evidence for a request", "items")
    return items


def _target(items: list[FeedbackItem]) -> tuple[str, str]:
    first = items[0]
    if first.field_key:
        return "field", first.target
    if first.form_key:
        return "form", first.target
    if first.scenario_key:
        return "scenario", first.scenario_key
    return "page", first.target or "the system"


def _event(request: ChangeRequest, by: str, to: str, note: str = "", old: str = "") -> None:
    db.session.add(ChangeRequestEvent(change_request_id=request.id, by=by, from_status=old,
                                      to_status=to, note=note))


def make_request(item_ids, problem: str, proposal: str, priority: str, by: str):
    """One change request from the chosen feedback, which is kept as its evidence."""
    items = _items(item_ids)
    problem = (problem or "").strip()
    if not problem:
        raise FeedbackError("Say what the problem is", "problem")
    if priority not in PRIORITIES:
        raise FeedbackError("Select a priority", "priority")
    kind, target = _target(items)
    with transaction():
        request = ChangeRequest(target_kind=kind, target=target[:200], problem=problem,
                                proposal=(proposal or "").strip(), priority=priority,
                                created_by=by, updated_by=by)
        db.session.add(request)
        db.session.flush()
        for item in items:
            item.change_request_id = request.id
        _event(request, by, "new", f"Made from {len(items)} piece(s) of feedback")
    return request


def add_evidence(request: ChangeRequest, item_ids, by: str) -> None:
    items = _items(item_ids)
    with transaction():
        for item in items:
            item.change_request_id = request.id
        request.updated_by, request.updated_at = by, utcnow()


def merge(into: ChangeRequest, other: ChangeRequest, by: str) -> None:
    """Fold `other` into `into`: its evidence moves across and it is closed as merged."""
    if into.id == other.id:
        raise FeedbackError("A request cannot be merged into itself", "other")
    with transaction():
        for item in evidence(other):
            item.change_request_id = into.id
        old = other.status
        other.status, other.decline_reason = "declined", f"Merged into request {into.id}"
        other.updated_by, other.updated_at = by, utcnow()
        _event(other, by, "declined", f"Merged into request {into.id}", old)


def set_status(request: ChangeRequest, status: str, by: str, reason: str = "") -> None:
    if status not in STATUSES:
        raise FeedbackError("Select a status", "status")
    reason = (reason or "").strip()
    if status == "declined" and not reason:
        raise FeedbackError("Give the reason for declining, so people know why", "reason")
    with transaction():
        old = request.status
        request.status = status
        request.decline_reason = reason if status == "declined" else ""
        request.updated_by, request.updated_at = by, utcnow()
        _event(request, by, status, reason, old)
        log.record("request_decided", f"change request {request.id}",
                   f"{old} to {status}" + (f": {reason}" if reason else ""))


def evidence(request: ChangeRequest) -> list[FeedbackItem]:
    return db.session.scalars(select(FeedbackItem).where(
        FeedbackItem.change_request_id == request.id).order_by(FeedbackItem.id)).all()


def history(request: ChangeRequest) -> list[ChangeRequestEvent]:
    return db.session.scalars(select(ChangeRequestEvent).where(
        ChangeRequestEvent.change_request_id == request.id).order_by(ChangeRequestEvent.id)).all()


@dataclass
class RequestRow:
    request: ChangeRequest
    notes: int
    people: int


def requests(status: str | None = None) -> list[RequestRow]:
    statement = select(ChangeRequest).order_by(ChangeRequest.id.desc())
    if status:
        statement = statement.where(ChangeRequest.status == status)
    found = db.session.scalars(statement).all()
    counts = dict(db.session.execute(select(
        FeedbackItem.change_request_id, func.count()).group_by(
            FeedbackItem.change_request_id)).all())
    people = dict(db.session.execute(select(
        FeedbackItem.change_request_id, func.count(func.distinct(FeedbackItem.author_id)))
        .group_by(FeedbackItem.change_request_id)).all())
    return [RequestRow(r, counts.get(r.id, 0), people.get(r.id, 0)) for r in found]


@dataclass
class Hotspot:
    target: str
    total: int
    by_kind: dict[str, int]


def hotspots(limit: int = 30) -> list[Hotspot]:
    """Forms, fields and pages ranked by how much feedback they attract, by kind."""
    rows = db.session.execute(select(
        FeedbackItem.form_version, FeedbackItem.form_key, FeedbackItem.field_key,
        FeedbackItem.place, FeedbackItem.page, FeedbackItem.kind, func.count())
        .group_by(FeedbackItem.form_version, FeedbackItem.form_key, FeedbackItem.field_key,
                  FeedbackItem.place, FeedbackItem.page, FeedbackItem.kind)).all()
    spots: dict[str, Hotspot] = {}
    for version, form, field, place, page, kind, count in rows:
        target = (f"{version}/{form}" + (f"/{field}" if field else "")) if form else \
            (place or page or "not recorded")
        spot = spots.setdefault(target, Hotspot(target, 0, {}))
        spot.total += count
        spot.by_kind[kind] = spot.by_kind.get(kind, 0) + count
    return sorted(spots.values(), key=lambda s: (-s.total, s.target))[:limit]
