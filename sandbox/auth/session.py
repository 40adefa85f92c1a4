"""Signing in and out: a record on the server for each signed-in browser.

The session cookie (signed by Flask) carries only a random token; the record it names
says whether the person is still signed in. It ends when they sign out (here or
everywhere), when their password changes or their account is deactivated, after
SESSION_IDLE_MINUTES without use and SESSION_MAX_HOURS after signing in, whatever the
cookie says, so a copied cookie is worth nothing once the session has ended.
"""

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from flask import current_app, g, request, session
from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from sandbox.auth.models import SignInSession, User
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db

# Last seen is written at most this often, so a busy page does not write on every request.
LAST_SEEN_EVERY = timedelta(seconds=60)


@cache
def stand_in_hash(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None.

    Exactly one password hash is checked whatever the account's state (unknown,
    deactivated, wrong or right password), so the time taken tells nothing.
    """
    user = db.session.scalar(select(User).where(User.username == (username or "").strip()))
    stored = user.password_hash if user is not None else \
        stand_in_hash(current_app.config["PASSWORD_HASH_METHOD"])
    matches = check_password_hash(stored, password or "")
    if user is None or not user.usable(utcnow()) or not matches:
        return None
    return user


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User, address: str) -> None:
    token = secrets.token_urlsafe(32)
    session.clear()
    session.permanent = True
    session["sid"] = token
    db.session.add(SignInSession(user_id=user.id, token_hash=_hash(token), address=address,
                                 browser=(request.user_agent.string or "")[:200]))
    user.last_sign_in_at = utcnow()
    db.session.commit()


def _end(statement, why: str) -> int:
    return db.session.execute(statement.where(SignInSession.ended_at.is_(None))
                              .values(ended_at=utcnow(), ended_why=why)).rowcount


def end_session() -> None:
    """Sign out this browser."""
    token = session.get("sid")
    if token:
        _end(update(SignInSession).where(SignInSession.token_hash == _hash(token)),
             "signed out")
        db.session.commit()
    session.clear()


def end_sessions(user: User, why: str, keep_current: bool = False) -> int:
    """Sign `user` out everywhere (but here, with keep_current); how many ended. The
    caller commits, with whatever made it necessary."""
    statement = update(SignInSession).where(SignInSession.user_id == user.id)
    current = g.get("sign_in_session")
    if keep_current and current is not None:
        statement = statement.where(SignInSession.id != current)
    return _end(statement, why)


def load_signed_in_user() -> User | None:
    """The person this request belongs to, if their session is still valid."""
    token = session.get("sid")
    if not token:
        if "user_id" in session:  # a cookie from before sessions were kept on the server
            session.clear()
        return None
    row = db.session.execute(
        select(SignInSession.id, SignInSession.created_at, SignInSession.last_seen_at, User)
        .join(User, User.id == SignInSession.user_id)
        .where(SignInSession.token_hash == _hash(token), SignInSession.ended_at.is_(None))
    ).first()
    if row is None:
        session.clear()
        return None
    session_id, created_at, last_seen_at, user = row
    now, config = utcnow(), current_app.config
    why = ("account deactivated" if not user.active
           else "login expired" if not user.usable(now)
           else "idle" if now - last_seen_at > timedelta(minutes=config["SESSION_IDLE_MINUTES"])
           else "too long" if now - created_at > timedelta(hours=config["SESSION_MAX_HOURS"])
           else None)
    if why:
        _end(update(SignInSession).where(SignInSession.id == session_id), why)
        db.session.commit()
        session.clear()
        return None
    if now - last_seen_at >= LAST_SEEN_EVERY:
        # Conditional, so parallel requests write it once.
        db.session.execute(update(SignInSession).where(
            SignInSession.id == session_id, SignInSession.last_seen_at < now - LAST_SEEN_EVERY)
            .values(last_seen_at=now))
        db.session.commit()
    g.sign_in_session = session_id
    return user


def open_sessions(user: User) -> list[SignInSession]:
    """Where `user` is signed in now, most recently used first."""
    config = current_app.config
    now = utcnow()
    return db.session.scalars(select(SignInSession).where(
        SignInSession.user_id == user.id, SignInSession.ended_at.is_(None),
        SignInSession.last_seen_at >= now - timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
        SignInSession.created_at >= now - timedelta(hours=config["SESSION_MAX_HOURS"]),
    ).order_by(SignInSession.last_seen_at.desc())).all()
