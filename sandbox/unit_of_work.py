"""Writes that cannot half-happen."""

from contextlib import contextmanager

from sandbox.extensions import db


@contextmanager
def transaction():
    """Commit the body's changes together, or none of them."""
    try:
        yield db.session
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
