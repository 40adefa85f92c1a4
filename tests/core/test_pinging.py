"""A pooled connection the database has closed meanwhile (a restart, or idle connections
ended) is found out and replaced before a request uses it, once it has been unused for a
while (sandbox.core.pinging); one used a moment ago is not tried at all."""

import pytest
from sqlalchemy import create_engine, text

from sandbox.core import pinging
from sandbox.core.extensions import db


def test_a_closed_pooled_connection_is_replaced_before_a_request_uses_it(app, web, make,
                                                                         monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to close a connection")
    web.sign_in(make.user("trainer"))
    web.get("/tenants/")
    monkeypatch.setattr(pinging, "IDLE", 0.0)  # every pooled connection counts as idle
    db.session.remove()  # the test's own connection back in the pool too
    other = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    with other.connect() as connection:  # the database ends every other connection
        ended = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    other.dispose()
    assert ended >= 1
    assert "Training copies" in web.get("/tenants/").get_data(as_text=True)
    db.engine.dispose()  # any other closed one, before the next test
