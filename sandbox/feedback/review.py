"""Blind review rounds: each working-group member records their own view of each request
before seeing anyone else's. Views are shown side by side only once everyone asked has
answered, or the chair closes the round. Until then nobody, administrators included, can
see another person's view, on a page or in an export.

Who is asked is fixed when the round opens (the working group's active members then), so
changing people's roles or accounts later never shows the views. The reveal is an event,
recorded once with when, how and who: one conditional UPDATE, whichever of several
parallel requests gets there first.
"""

from dataclasses import dataclass

from sqlalchemy import select, update

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.permissions import Role
from sandbox.core.transactions import transaction
from sandbox.feedback.models import (
    CHAIR_CLOSED,
    EVERYONE_ANSWERED,
    PRIORITIES,
    REVEALED_HOW,
    ChangeRequest,
    ReviewRound,
    ReviewRoundMember,
    ReviewRoundRequest,
    ReviewView,
)
from sandbox.web.params import whole_number

AGREE = {"yes": "Agree", "no": "Do not agree", "unsure": "Not sure"}


class ReviewError(ServiceError):
    """A review round cannot be started, answered or closed; the message says why."""


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
    asked = members()
    if not asked:
        raise ReviewError("There is nobody in the working group to ask yet: an administrator "
                          "gives people the working-group role")
    with transaction():
        round_ = ReviewRound(title=title[:120], created_by=by)
        db.session.add(round_)
        db.session.flush()
        for request in requests:
            db.session.add(ReviewRoundRequest(round_id=round_.id,
                                              change_request_id=request.id))
            if request.status == "new":
                request.status = "under_review"
        db.session.add_all(ReviewRoundMember(round_id=round_.id, user_id=m.id) for m in asked)
    return round_


def open_blind(title: str, user_ids, by: str) -> ReviewRound:
    """A round that asks exactly these people, about work kept elsewhere (a second
    auditor moderating a case file audit: sandbox.management.audits). Nothing of anyone's
    is shown until `reveal_when_all` finds everyone asked has answered."""
    with transaction():
        round_ = ReviewRound(title=(title or "Blind review")[:120], created_by=by)
        db.session.add(round_)
        db.session.flush()
        db.session.add_all(ReviewRoundMember(round_id=round_.id, user_id=i)
                           for i in sorted(set(user_ids)))
    return round_


def reveal_when_all(round_: ReviewRound, answered_ids, by: User) -> bool:
    """Reveal the round, once, if everyone asked is among `answered_ids`."""
    if {m.id for m in asked(round_)} <= set(answered_ids):
        return _reveal(round_, EVERYONE_ANSWERED, by)
    return False


def requests_in(round_: ReviewRound) -> list[ChangeRequest]:
    ids = select(ReviewRoundRequest.change_request_id).where(
        ReviewRoundRequest.round_id == round_.id)
    return db.session.scalars(select(ChangeRequest).where(ChangeRequest.id.in_(ids))
                              .order_by(ChangeRequest.id)).all()


def asked(round_: ReviewRound) -> list[User]:
    """Everyone asked for their view when the round opened, whatever their role now."""
    ids = select(ReviewRoundMember.user_id).where(ReviewRoundMember.round_id == round_.id)
    return db.session.scalars(select(User).where(User.id.in_(ids))
                              .order_by(User.full_name)).all()


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
    return round_.revealed_at is not None


def _reveal(round_: ReviewRound, how: str, by: User) -> bool:
    """Record the reveal, with its audit event, if nothing has revealed the round yet.
    True for the one request that did it."""
    with transaction():
        done = db.session.execute(
            update(ReviewRound).where(ReviewRound.id == round_.id,
                                      ReviewRound.revealed_at.is_(None))
            .values(revealed_at=utcnow(), revealed_how=how,
                    revealed_by=by.full_name if how == CHAIR_CLOSED else "")
            .execution_options(synchronize_session=False)).rowcount == 1
        if done:
            log.record("round_revealed", f"review round {round_.id}",
                       f"{round_.title}: {REVEALED_HOW[how]}", actor=by.username)
    db.session.refresh(round_)
    return done


def give_views(round_: ReviewRound, user: User, views: dict[int, dict]) -> None:
    """`views`: {request id: {agree, priority, comment}} for every request in the round."""
    if user.role != Role.WORKING_GROUP:
        raise ReviewError("Only working-group members give views in a round")
    if revealed(round_):
        raise ReviewError("This round is closed; views can no longer change")
    everyone = {m.id for m in asked(round_)}
    if user.id not in everyone:
        raise ReviewError("You joined the working group after this round opened, so it "
                          "does not ask for your view")
    ids = {r.id for r in requests_in(round_)}
    if set(views) != ids:
        raise ReviewError("Give your view on every request in the round")
    for request_id, view in views.items():
        if view.get("agree") not in AGREE:
            raise ReviewError(f"Say whether you agree with request {request_id}")
        if view.get("priority") not in PRIORITIES:
            raise ReviewError(f"Give a priority for request {request_id}")
    with transaction():
        # Holds the round open until these views are in: a reveal waits for them, and
        # views never change after one.
        still_open = db.session.execute(
            update(ReviewRound).where(ReviewRound.id == round_.id,
                                      ReviewRound.revealed_at.is_(None))
            .values(revealed_how=ReviewRound.revealed_how)
            .execution_options(synchronize_session=False)).rowcount
        if not still_open:
            raise ReviewError("This round is closed; views can no longer change")
        for request_id, view in views.items():
            existing = db.session.get(ReviewView, (round_.id, request_id, user.id))
            if existing is None:
                existing = ReviewView(round_id=round_.id, change_request_id=request_id,
                                      user_id=user.id)
                db.session.add(existing)
            existing.agree, existing.priority = view["agree"], view["priority"]
            existing.comment = (view.get("comment") or "").strip()[:2000]
            existing.given_at = utcnow()
    # Read after this person's views are committed, so whoever answers last sees
    # everyone's answers and reveals the round.
    if everyone <= answered(round_):
        _reveal(round_, EVERYONE_ANSWERED, user)


def close(round_: ReviewRound, user: User) -> bool:
    """The chair shows everyone's views now. False if the round was already revealed."""
    if not (user.is_chair and user.role == Role.WORKING_GROUP):
        raise ReviewError("Only the chair closes a round")
    return _reveal(round_, CHAIR_CLOSED, user)


@dataclass
class Seen:
    """What `user` may see of a round now."""

    round: ReviewRound
    requests: list[ChangeRequest]
    revealed: bool
    asked: list[tuple[User, bool]]  # everyone asked, and whether they have answered
    may_answer: bool
    mine: dict[int, ReviewView]
    everyone: dict[int, list[tuple[str, ReviewView]]]  # only once revealed

    @property
    def answered(self) -> int:
        return sum(done for _user, done in self.asked)

    @property
    def how(self) -> str:
        return REVEALED_HOW.get(self.round.revealed_how, "")


def seen_by(round_: ReviewRound, user: User) -> Seen:
    views = _views(round_)
    is_open = revealed(round_)
    names = {m.id: m.full_name for m in db.session.scalars(select(User))}
    everyone: dict[int, list] = {}
    if is_open:
        for view in sorted(views, key=lambda v: names.get(v.user_id, "")):
            everyone.setdefault(view.change_request_id, []).append(
                (names.get(view.user_id, "Former member"), view))
    done = answered(round_)
    people = [(m, m.id in done) for m in asked(round_)]
    may_answer = (user.role == Role.WORKING_GROUP
                  and any(m.id == user.id for m, _done in people))
    return Seen(round_, requests_in(round_), is_open, people, may_answer,
                {v.change_request_id: v for v in views if v.user_id == user.id}, everyone)


def as_json(seen: Seen) -> dict:
    def view(v: ReviewView) -> dict:
        return {"agree": v.agree, "priority": v.priority, "comment": v.comment}

    round_ = seen.round
    return {
        "round": round_.title, "revealed": seen.revealed,
        "reveal": {"how": round_.revealed_how, "by": round_.revealed_by or None,
                   "at": round_.revealed_at.isoformat()} if seen.revealed else None,
        "answered": seen.answered, "members": len(seen.asked),
        "asked": [{"name": m.full_name, "answered": done, "active": m.active}
                  for m, done in seen.asked],
        "requests": [{
            "id": r.id, "problem": r.problem,
            "my_view": view(seen.mine[r.id]) if r.id in seen.mine else None,
            "views": [{"member": name, **view(v)} for name, v in seen.everyone.get(r.id, [])],
        } for r in seen.requests],
    }


def rounds() -> list[ReviewRound]:
    return db.session.scalars(select(ReviewRound).order_by(ReviewRound.id.desc())).all()
