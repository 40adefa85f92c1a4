"""Feedback from the floor and from training, and the change requests made from it
(control data: it outlives tenants, which are reset and deleted)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db

KINDS = {
    "broken": "Something is broken",
    "confusing": "Something is confusing",
    "asked_twice": "It asks for something twice",
    "missing": "Something is missing",
    "practice": "It does not fit practice",
    "training": "A training need",
    "praise": "Praise: this works well",
}
STATUSES = {
    "new": "New",
    "under_review": "Under review",
    "agreed": "Agreed",
    "declined": "Declined",
    "in_progress": "In progress",
    "done": "Done",
}
PRIORITIES = {"low": "Low", "medium": "Medium", "high": "High"}
# What a request is about: a form or one of its questions, a page, a guide, a scenario, or
# (written by the group in their own words) something else.
TARGET_KINDS = ("form", "field", "page", "guide", "scenario", "other")
# What the group may reword on a request after making it (each change kept as an event).
EDITABLE = {"subject": "What it is about", "problem": "The problem",
            "proposal": "The agreed change", "priority": "Priority"}


class FeedbackItem(db.Model):
    __tablename__ = "feedback_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))  # page, floor, reflection
    # "system" for the working group's queue, "training" for the trainers' list.
    queue: Mapped[str] = mapped_column(String(20), default="system")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    author_role: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Where it was said: the page, and what was on it.
    page: Mapped[str] = mapped_column(String(300), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    tenant_name: Mapped[str] = mapped_column(String(64), default="")
    case_id: Mapped[int | None]
    form_key: Mapped[str] = mapped_column(String(60), default="")
    form_version: Mapped[str] = mapped_column(String(30), default="")
    field_key: Mapped[str] = mapped_column(String(60), default="")
    scenario_key: Mapped[str] = mapped_column(String(80), default="")
    step: Mapped[int | None]
    # A floor walker's note: about whom, and whether it was sorted there and then.
    about_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    resolved_on_spot: Mapped[bool] = mapped_column(default=False)
    change_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_requests.id", ondelete="SET NULL"), index=True)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def target(self) -> str:
        """What it is about, as precisely as known: form and field, else the page."""
        if self.form_key:
            return f"{self.form_version}/{self.form_key}" + (
                f"/{self.field_key}" if self.field_key else "")
        return self.place or self.page


class ChangeRequest(db.Model):
    __tablename__ = "change_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(20))
    target: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(10), default="medium")
    status: Mapped[str] = mapped_column(String(20), default="new")
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set once, when this request is merged into another: its status is then "declined"
    # and it reads "Merged into #N" wherever its status shows.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_requests.id", ondelete="SET NULL"))

    @property
    def status_label(self) -> str:
        if self.merged_into_id:
            return f"Merged into #{self.merged_into_id}"
        return STATUSES[self.status]


class ChangeRequestEvent(db.Model):
    """Each status change of a request (who, when, from what to what, and why), and each
    edit of its wording (`field`, one of EDITABLE, with the words before and after)."""

    __tablename__ = "change_request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_request_id: Mapped[int] = mapped_column(
        ForeignKey("change_requests.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by: Mapped[str] = mapped_column(String(120))
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str] = mapped_column(String(20), default="", server_default="")
    old_value: Mapped[str] = mapped_column(Text, default="", server_default="")
    new_value: Mapped[str] = mapped_column(Text, default="", server_default="")


class ChangeLogEntry(db.Model):
    """An agreed change, once done, as the working group shares it."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_requests.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    what_changed: Mapped[str] = mapped_column(Text)
    rationale: Mapped[str] = mapped_column(Text)
    form_version: Mapped[str] = mapped_column(String(30), default="")
    form_key: Mapped[str] = mapped_column(String(60), default="")
    field_key: Mapped[str] = mapped_column(String(60), default="")
    changed_on: Mapped[date]
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Entries imported from another installation are proposals to review here.
    origin: Mapped[str] = mapped_column(String(120), default="")
    review: Mapped[str] = mapped_column(String(20), default="")  # proposed, adopted, set aside


class ReviewRound(db.Model):
    """A blind review: members give their own view first; all are shown together later."""

    __tablename__ = "review_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The reveal, recorded once (sandbox.feedback.review): when, how (REVEALED_HOW) and,
    # when the chair closed the round, who.
    revealed_at: Mapped[datetime | None]
    revealed_by: Mapped[str] = mapped_column(String(120), default="")
    revealed_how: Mapped[str] = mapped_column(String(20), default="", server_default="")


EVERYONE_ANSWERED, CHAIR_CLOSED = "everyone_answered", "chair_closed"
REVEALED_HOW = {EVERYONE_ANSWERED: "everyone asked had answered",
                CHAIR_CLOSED: "the chair closed the round"}


class ReviewRoundMember(db.Model):
    """Someone asked for their view: the working group's active members when the round
    opened. Fixed then, so later role changes cannot decide when views are shown."""

    __tablename__ = "review_round_members"

    round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id", ondelete="CASCADE"),
                                          primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)


class ReviewRoundRequest(db.Model):
    __tablename__ = "review_round_requests"

    round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id", ondelete="CASCADE"),
                                          primary_key=True)
    change_request_id: Mapped[int] = mapped_column(
        ForeignKey("change_requests.id", ondelete="CASCADE"), primary_key=True)


class ReviewView(db.Model):
    __tablename__ = "review_views"

    round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id", ondelete="CASCADE"),
                                          primary_key=True)
    change_request_id: Mapped[int] = mapped_column(
        ForeignKey("change_requests.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    agree: Mapped[str] = mapped_column(String(10))  # yes, no, unsure
    priority: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
