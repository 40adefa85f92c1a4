"""Signing in and out, and keeping a session alive only while it is used."""

from flask import session
from sqlalchemy import select

from sandbox.auth.models import User
from sandbox.extensions import db
from sandbox.timeutil import utcnow

MIN_PASSWORD_LENGTH = 10


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None. Same work either way."""
    user = db.session.scalar(select(User).where(User.username == (username or "").strip()))
    if user is None:
        # Hash anyway, so timing does not tell which usernames exist.
        User(password_hash="").set_password(password or "")
        return None
    if not user.active or not user.check_password(password or ""):
        return None
    return user


def start_session(user: User) -> None:
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["token"] = user.session_token
    user.last_sign_in_at = utcnow()
    db.session.commit()


def end_session() -> None:
    session.clear()


def load_signed_in_user() -> User | None:
    """The person this request belongs to, if their session is still valid.

    Sessions are permanent cookies refreshed on each request, so they lapse after
    SESSION_IDLE_MINUTES without use; changing a password or deactivating an account
    changes its token and ends every session at once.
    """
    user_id = session.get("user_id")
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or session.get("token") != user.session_token:
        session.clear()
        return None
    return user


def check_new_password(password: str) -> str | None:
    """A message saying what is wrong with a new password, or None."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        return f"Password must be {MIN_PASSWORD_LENGTH} characters or more"
    return None


