"""Writes that cannot half-happen."""

from contextlib import contextmanager

from sandbox.core import tenancy
from sandbox.core.extensions import db

_DEPTH = "transactions_open"


@contextmanager
def transaction():
    """Commit the body's changes together, or none of them.

    Inside another transaction the body is part of it and only the outermost commits, so
    units compose: a training session's tenants, snapshot and seats are one write. A
    request working in a tenant first checks, in the same transaction, that the tenant
    has not been reset since the request began (sandbox.core.tenancy.hold).
    """
    session = db.session()
    depth = session.info.get(_DEPTH, 0)
    session.info[_DEPTH] = depth + 1
    try:
        if depth == 0:
            tenancy.hold(session)
        yield session
        if depth == 0:
            session.commit()
    except BaseException:
        if depth == 0:
            session.rollback()
        raise
    finally:
        session.info[_DEPTH] = depth
