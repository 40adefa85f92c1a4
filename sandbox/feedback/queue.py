"""Capturing feedback, the working group's queue, and change requests made from it."""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select, update

from sandbox.audit import log
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.feedback.models import (
    EDITABLE,
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


def open_chosen(ids) -> list[FeedbackItem]:
    """The ticked notes that are still waiting (to offer their places as a subject)."""
    ids = {whole_number(i) for i in ids} - {None}
    return db.session.scalars(select(FeedbackItem).where(
        FeedbackItem.id.in_(ids), FeedbackItem.change_request_id.is_(None))
        .order_by(FeedbackItem.id)).all() if ids else []


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in STOP_WORDS}


def _place(item: FeedbackItem) -> tuple[str, bool] | None:
    """What notes must share to be grouped: the target, and whether they praise it. Praise
    is never grouped with problems (a questionnaire's "what was easier?" sits beside its
    "what was harder?", about the same scenario, often in the same words)."""
    return (item.target, item.kind == "praise") if item.target else None


def similar(a: FeedbackItem, b: FeedbackItem) -> bool:
    """About the same thing: the same target and enough words in common.

    Two notes about one form field (or one page) count as likely duplicates when at least
    a quarter of their words (leaving out words like "the" and "and") are shared, or when
    both say the form asks for something twice. Praise goes only with praise.
    """
    if _place(a) is None or _place(a) != _place(b):
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
    rarity = Counter((_place(item), word) for item, found in zip(items, words, strict=True)
                     for word in found)
    groups: list[list[FeedbackItem]] = []
    # (place, word) -> group number -> (item, its words), for the rarer words of each item
    index: dict[tuple, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    asked_twice: dict[tuple, int] = {}  # place -> the earliest group saying "asked twice"
    for item, mine in zip(items, words, strict=True):
        target, home = _place(item), None
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


def ticked_first(groups: list[list[FeedbackItem]]) -> set[int]:
    """The notes ticked for the group when the queue opens: the largest group of similar
    problems (never praise, and never two groups at once, which would make one request of
    two problems)."""
    first = next((g for g in groups if len(g) > 1 and g[0].kind != "praise"), [])
    return {item.id for item in first}


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


def subject_of(item: FeedbackItem) -> tuple[str, str]:
    """What one note is about, as a request's subject: (kind, target)."""
    if item.field_key:
        return "field", item.target
    if item.form_key:
        return "form", item.target
    if item.scenario_key and not item.place:
        return "scenario", item.scenario_key
    return "page", item.target or "the system"


def subjects(items: list[FeedbackItem]) -> list[tuple[str, str]]:
    """The subjects the notes are about, the most talked about first (then the oldest)."""
    counts = Counter(subject_of(i) for i in items)
    return sorted(counts, key=lambda s: -counts[s])


OTHER = "other"
MAX_SUBJECT = 200


def choose_subject(items: list[FeedbackItem], chosen: str, own_words: str = "") \
        -> tuple[str, str]:
    """The subject the group chose: one the notes are about (its target), or their own
    words (`other`). Left unchosen, it is the one place all the notes are about."""
    chosen = (chosen or "").strip()
    if chosen == OTHER:
        own_words = " ".join((own_words or "").split())
        if not own_words:
            raise FeedbackError("Write what the request is about", "subject_other")
        if len(own_words) > MAX_SUBJECT:
            raise FeedbackError(f"Keep what it is about to {MAX_SUBJECT} characters",
                                "subject_other")
        return OTHER, own_words
    found = subjects(items)
    if not chosen:
        if not found:
            raise FeedbackError("Choose what the request is about", "subject")
        if len(found) > 1:
            raise FeedbackError(f"The ticked notes are about {len(found)} different places: "
                                "choose what the request is about", "subject")
        return found[0]
    match = next((s for s in found if s[1] == chosen), None)
    if match is None:
        raise FeedbackError("Choose what the request is about from the list", "subject")
    return match


def _event(request: ChangeRequest, by: str, to: str, note: str = "", old: str = "",
           **edit) -> None:
    db.session.add(ChangeRequestEvent(change_request_id=request.id, by=by, from_status=old,
                                      to_status=to, note=note, **edit))


def make_request(item_ids, problem: str, proposal: str, priority: str, by: str,
                 subject: str = "", own_words: str = ""):
    """One change request from the chosen feedback, which is kept as its evidence."""
    items = _items(item_ids)
    problem = (problem or "").strip()
    if not problem:
        raise FeedbackError("Say what the problem is", "problem")
    if priority not in PRIORITIES:
        raise FeedbackError("Select a priority", "priority")
    if len({i.kind == "praise" for i in items}) > 1:
        raise FeedbackError("Praise and problems go in separate requests: untick the praise, "
                            "or the problems", "items")
    kind, target = choose_subject(items, subject, own_words)
    with transaction():
        request = ChangeRequest(target_kind=kind, target=target[:MAX_SUBJECT],
                                problem=problem, proposal=(proposal or "").strip(),
                                priority=priority, created_by=by, updated_by=by)
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


class Conflict(FeedbackError):
    """Someone else changed the request first: nothing of this change was written."""

    status_code = 409


def _merged_message(request_id: int) -> str:
    into = db.session.scalar(select(ChangeRequest.merged_into_id).where(
        ChangeRequest.id == request_id))
    return f"Request {request_id} has been merged into #{into}" if into else \
        f"Request {request_id} has changed"


def merge(into: ChangeRequest, other: ChangeRequest, by: str) -> None:
    """Fold `other` into `into`: its evidence moves across and it is closed as merged.

    Exactly one of any merges at once goes ahead: each takes both requests' rows in id
    order by a conditional update (neither merged yet), so a second merge of the same
    request, or of the two the other way round, waits for the first and is then told."""
    if into.id == other.id:
        raise FeedbackError("A request cannot be merged into itself", "other")
    ids = (into.id, other.id)
    with transaction():
        for request_id in sorted(ids):
            values = {"updated_by": by, "updated_at": utcnow()}
            if request_id == other.id:
                values |= {"status": "declined", "merged_into_id": into.id,
                           "decline_reason": f"Merged into request {into.id}"}
            taken = db.session.execute(
                update(ChangeRequest).where(ChangeRequest.id == request_id,
                                            ChangeRequest.merged_into_id.is_(None))
                .values(**values).execution_options(synchronize_session=False)).rowcount
            if taken != 1:
                raise Conflict(_merged_message(request_id) + ", so nothing was merged "
                               "this time", "other")
        old = db.session.scalar(select(ChangeRequestEvent.to_status).where(
            ChangeRequestEvent.change_request_id == other.id, ChangeRequestEvent.field == "")
            .order_by(ChangeRequestEvent.id.desc()).limit(1)) or other.status
        db.session.execute(update(FeedbackItem).where(
            FeedbackItem.change_request_id == other.id).values(change_request_id=into.id)
            .execution_options(synchronize_session=False))
        _event(other, by, "declined", f"Merged into request {into.id}", old)
        log.record("request_decided", f"change request {other.id}",
                   f"merged into request {into.id}")
    db.session.expire_all()


def set_status(request: ChangeRequest, status: str, by: str, reason: str = "") -> None:
    if status not in STATUSES:
        raise FeedbackError("Select a status", "status")
    reason = (reason or "").strip()
    if status == "declined" and not reason:
        raise FeedbackError("Give the reason for declining, so people know why", "reason")
    with transaction():
        old = request.status
        # Not once it is merged (a merge at the same moment goes first, or this does).
        done = db.session.execute(
            update(ChangeRequest).where(ChangeRequest.id == request.id,
                                        ChangeRequest.merged_into_id.is_(None))
            .values(status=status, decline_reason=reason if status == "declined" else "",
                    updated_by=by, updated_at=utcnow())
            .execution_options(synchronize_session=False)).rowcount
        if done != 1:
            raise Conflict(_merged_message(request.id) + ": change that request instead",
                           "status")
        _event(request, by, status, reason, old)
        log.record("request_decided", f"change request {request.id}",
                   f"{old} to {status}" + (f": {reason}" if reason else ""))
    db.session.refresh(request)


def current_value(request: ChangeRequest, field: str) -> str:
    if field == "subject":
        return request.target
    return getattr(request, field)


def edit(request: ChangeRequest, field: str, value: str, was: str, by: str,
         own_words: str = "") -> bool:
    """Reword one part of a request (EDITABLE), keeping the words before and after in its
    history. `was` is what the person saw: if someone else changed it since, nothing is
    written (Conflict). False when nothing changed."""
    if field not in EDITABLE:
        raise FeedbackError("Choose what to change")
    values: dict
    if field == "subject":
        kind, target = choose_subject(evidence(request) or [], value, own_words) \
            if value != request.target else (request.target_kind, request.target)
        values, new = {"target_kind": kind, "target": target}, target
    elif field == "priority":
        if value not in PRIORITIES:
            raise FeedbackError("Select a priority", "priority")
        values, new = {"priority": value}, value
    else:
        new = (value or "").strip().replace("\r\n", "\n")
        if field == "problem" and not new:
            raise FeedbackError("Say what the problem is", "problem")
        if len(new) > 5000:
            raise FeedbackError("Keep it to 5000 characters", field)
        values = {field: new}
    old = current_value(request, field)
    if (was or "").replace("\r\n", "\n").strip() != old.strip():
        raise Conflict(f"Someone changed {EDITABLE[field].lower()} while you were writing",
                       field)
    if new == old:
        return False
    column = ChangeRequest.target if field == "subject" else getattr(ChangeRequest, field)
    with transaction():
        done = db.session.execute(
            update(ChangeRequest).where(ChangeRequest.id == request.id, column == old)
            .values(**values, updated_by=by, updated_at=utcnow())
            .execution_options(synchronize_session=False)).rowcount
        if done != 1:
            raise Conflict(f"Someone changed {EDITABLE[field].lower()} while you were "
                           "writing", field)
        _event(request, by, request.status, "", request.status, field=field, old_value=old,
               new_value=new)
        log.record("request_edited", f"change request {request.id}",
                   f"{EDITABLE[field]}: {old[:80]!r} to {new[:80]!r}")
    db.session.refresh(request)
    return True


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


def requests_by_id(ids) -> dict[int, ChangeRequest]:
    ids = {i for i in ids if i}
    return {r.id: r for r in db.session.scalars(select(ChangeRequest).where(
        ChangeRequest.id.in_(ids)))} if ids else {}


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
