"""Writes that cannot half-happen."""

from contextlib import contextmanager

from sandbox.core import tenancy
from sandbox.core.extensions import db

_DEPTH = "transactions_open"


@contextmanager
def transaction(keep_loaded: bool = False):
    """Commit the body's changes together, or none of them.

    Blocks compose: only the outermost commits; an inner block is a savepoint, so a failure
    inside it undoes its own changes and no more, and the outer block decides (a training
    session's tenants, snapshot and seats are one write; copying to siblings is one commit).
    Work and its audit record are written in one transaction (sandbox.audit.log). A
    request working in a tenant first checks, in the same transaction, that the tenant has
    not been reset since the request began (sandbox.core.tenancy.hold).

    `keep_loaded`: the commit leaves what the request has already loaded as it is, instead
    of reading it all again at its next use. For small writes in the middle of a page or
    an autosave (the sitting that times a form, a draft's answers), which change nothing
    else the request has loaded: otherwise the person, the tenant, the case and its
    people are each read a second time, half the page's queries.
    """
    session = db.session()
    depth = session.info.get(_DEPTH, 0)
    session.info[_DEPTH] = depth + 1
    try:
        if depth:
            with session.begin_nested():
                yield session
            return
        _begin(session)
        tenancy.hold(session)
        yield session
        expiring = session.expire_on_commit
        session.expire_on_commit = expiring and not keep_loaded
        try:
            session.commit()
        finally:
            session.expire_on_commit = expiring
    except BaseException:
        if depth == 0:
            session.rollback()
        raise
    finally:
        session.info[_DEPTH] = depth


def _begin(session) -> None:
    """On SQLite, open the database's own transaction now, taking the write lock (BEGIN
    IMMEDIATE). pysqlite would otherwise begin it only at the first write, and a savepoint
    taken before any write would begin it instead, so that releasing the savepoint would
    commit the outer block's work early. Waiting for the lock here, rather than failing
    to upgrade a read lock later, also keeps concurrent writers from refusing each other."""
    connection = session.connection()
    if connection.dialect.name == "sqlite" and \
            not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
