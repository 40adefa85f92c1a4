"""Transactions compose: the outermost block commits, an inner block is a savepoint.

Checked through a second connection to the database, which sees only what was committed
(on SQLite as well: pysqlite would let a first savepoint begin, and its release commit, the
outer block's transaction)."""

import pytest
from sqlalchemy import create_engine, func, select, text

from sandbox.audit import log
from sandbox.audit.models import AuditEvent
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction


def committed(app) -> list[str]:
    """The audit actions another connection can read."""
    other = create_engine(db.engine.url.render_as_string(hide_password=False))
    try:
        with other.connect() as connection:
            return list(connection.scalars(text("SELECT action FROM audit_events ORDER BY id")))
    finally:
        other.dispose()


def test_an_inner_block_commits_only_with_the_outer_one(app):
    with transaction():
        with transaction():
            log.record("sign_in", actor="first")
        assert committed(app) == []  # released, not committed
        log.record("sign_out", actor="first")
    assert committed(app) == ["sign_in", "sign_out"]


def test_a_failure_in_an_inner_block_undoes_that_block_only(app):
    with transaction():
        log.record("sign_in", actor="first")
        with pytest.raises(RuntimeError), transaction():
            log.record("sign_in_failed", actor="second")
            raise RuntimeError("inner block fails")
        log.record("sign_out", actor="first")
    assert committed(app) == ["sign_in", "sign_out"]


def test_a_failure_in_the_outer_block_undoes_its_inner_blocks(app):
    with pytest.raises(RuntimeError), transaction():
        with transaction():
            log.record("sign_in", actor="first")
        raise RuntimeError("outer block fails after the inner one was released")
    assert committed(app) == []
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 0
