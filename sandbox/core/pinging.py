"""Connections taken from the pool are tried first only after a while unused.

SQLAlchemy's pool_pre_ping sends a SELECT 1 each time a connection is taken from the pool,
and a request takes one again after each commit: two or three round trips a request, on
a busy machine a good part of a short request's time. A connection returned a moment ago
was working a moment ago; one unused for IDLE seconds may have been closed since (the
database restarted, or ended idle connections), so it is tried, and a dead one is
replaced before any request uses it (DisconnectionError: the pool connects afresh).
"""

import time

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import Pool

IDLE = 10.0  # seconds


@event.listens_for(Pool, "checkin")
def _returned(_dbapi_connection, record):
    if record is not None:
        record.info["returned_at"] = time.monotonic()


@event.listens_for(Pool, "checkout")
def _try_if_idle(dbapi_connection, record, _proxy):
    returned = record.info.get("returned_at")
    if returned is None or time.monotonic() - returned < IDLE:
        return  # new (it has just connected), or in use a moment ago
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()  # the try leaves no transaction open
    except Exception as problem:
        raise DisconnectionError("a pooled connection had closed") from problem
