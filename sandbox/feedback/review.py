"""Blind review rounds: each working-group member records their own view of each request
before seeing anyone else's. Views are shown side by side only once every member has
answered, or the chair closes the round. Until then nobody, administrators included, can
see another person's view, on a page or in an export."""

from dataclasses import dataclass

from sqlalchemy import select

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.extensions import db
from sandbox.feedback.models import (
    PRIORITIES,
    ChangeRequest,
    ReviewRound,
    ReviewRoundRequest,
    ReviewView,
)
from sandbox.numbers import whole_number
from sandbox.permissions import Role
from sandbox.timeutil import utcnow
from sandbox.unit_of_work import transaction

AGREE = {"yes": "Agree", "no": "Do not agree", "unsure": "Not sure"}


class ReviewError(ValueError):
    pass


def members() -> list[User]:
    return db.session.scalars(select(User).where(User.role == Role.WORKING_GROUP,
                                                 User.active.is_(True))
                              .order_by(User.full_name)).all()


def start(title: str, request_ids, by: str) -> ReviewRound:
    title = (title or "").strip()
    if not title:
        raise ReviewError("Give the round a title")
    ids = {whole_number(i) for i in request_ids} - {None}
    requests = db.session.scalars(select(ChangeRequest).where(ChangeRequest.id.in_(ids))).all()
    if not requests or len(requests) != len(ids):
        raise ReviewError("Choose the change requests to review")
    with transaction():
        round_ = ReviewRound(title=title[:120], created_by=by)
        db.session.add(round_)
        db.session.flush()
        for request in requests:
            db.session.add(ReviewRoundRequest(round_id=round_.id,
                                              change_request_id=request.id))
            if request.status == "new":
                request.status = "under_review"
    return round_


def requests_in(round_: ReviewRound) -> list[ChangeRequest]:
    ids = select(ReviewRoundRequest.change_request_id).where(
        ReviewRoundRequest.round_id == round_.id)
    return db.session.scalars(select(ChangeRequest).where(ChangeRequest.id.in_(ids))
                              .order_by(ChangeRequest.id)).all()


def _views(round_: ReviewRound) -> list[ReviewView]:
    return db.session.scalars(select(ReviewView).where(ReviewView.round_id == round_.id)).all()


def answered(round_: ReviewRound) -> set[int]:
    """Members who have given a view on every request in the round."""
    count = len(requests_in(round_))
    per_user: dict[int, int] = {}
    for view in _views(round_):
        per_user[view.user_id] = per_user.get(view.user_id, 0) + 1
    return {user for user, n in per_user.items() if n >= count}


def revealed(round_: ReviewRound) -> bool:
    if round_.revealed_at is not None:
        return True
    everyone = {m.id for m in members()}
    return bool(everyone) and everyone <= answered(round_)


def give_views(round_: ReviewRound, user: User, views: dict[int, dict]) -> None:
    """`views`: {request id: {agree, priority, comment}} for every request in the round."""
    if user.role != Role.WORKING_GROUP:
        raise ReviewError("Only working-group members give views in a round")
    if revealed(round_):
        raise ReviewError("This round is closed; views can no longer change")
    ids = {r.id for r in requests_in(round_)}
    if set(views) != ids:
        raise ReviewError("Give your view on every request in the round")
    for request_id, view in views.items():
        if view.get("agree") not in AGREE:
            raise ReviewError(f"Say whether you agree with request {request_id}")
        if view.get("priority") not in PRIORITIES:
            raise ReviewError(f"Give a priority for request {request_id}")
    with transaction():
        for request_id, view in views.items():
            existing = db.session.get(ReviewView, (round_.id, request_id, user.id))
            if existing is None:
                existing = ReviewView(round_id=round_.id, change_request_id=request_id,
                                      user_id=user.id)
                db.session.add(existing)
            existing.agree, existing.priority = view["agree"], view["priority"]
            existing.comment = (view.get("comment") or "").strip()[:2000]
            existing.given_at = utcnow()


def close(round_: ReviewRound, user: User) -> None:
    if not (user.is_chair and user.role == Role.WORKING_GROUP):
        raise ReviewError("Only the chair closes a round")
    with transaction():
        round_.revealed_at, round_.revealed_by = utcnow(), user.full_name
    log.record("round_closed", f"review round {round_.id}", round_.title,
               actor=user.username)


@dataclass
class Seen:
    """What `user` may see of a round now."""

    round: ReviewRound
    requests: list[ChangeRequest]
    revealed: bool
    answered: int
    members: int
    mine: dict[int, ReviewView]
    everyone: dict[int, list[tuple[str, ReviewView]]]  # only once revealed


def seen_by(round_: ReviewRound, user: User) -> Seen:
    views = _views(round_)
    is_open = revealed(round_)
    names = {m.id: m.full_name for m in db.session.scalars(select(User))}
    everyone: dict[int, list] = {}
    if is_open:
        for view in sorted(views, key=lambda v: names.get(v.user_id, "")):
            everyone.setdefault(view.change_request_id, []).append(
                (names.get(view.user_id, "Former member"), view))
    return Seen(round_, requests_in(round_), is_open, len(answered(round_)), len(members()),
                {v.change_request_id: v for v in views if v.user_id == user.id}, everyone)


def as_json(seen: Seen) -> dict:
    def view(v: ReviewView) -> dict:
        return {"agree": v.agree, "priority": v.priority, "comment": v.comment}

    return {
        "round": seen.round.title, "revealed": seen.revealed,
        "answered": seen.answered, "members": seen.members,
        "requests": [{
            "id": r.id, "problem": r.problem,
            "my_view": view(seen.mine[r.id]) if r.id in seen.mine else None,
            "views": [{"member": name, **view(v)} for name, v in seen.everyone.get(r.id, [])],
        } for r in seen.requests],
    }


def rounds() -> list[ReviewRound]:
    return db.session.scalars(select(ReviewRound).order_by(ReviewRound.id.desc())).all()
