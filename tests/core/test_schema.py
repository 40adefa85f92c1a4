"""Migrations build the schema the models describe, and upgrade without losing data."""


import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from sandbox import create_app
from sandbox.cases.models import Person
from sandbox.core import schema, tenancy
from sandbox.core.extensions import db
from sandbox.tenants.models import Tenant
from tests import factories
from tests.conftest import BACKENDS
from tests.servers import ROOT, own_postgres_database

PG_NAME = "sandbox_migrations_test"
# The newest migration, read from the scripts themselves.
HEAD = ScriptDirectory(str(ROOT / "migrations")).get_current_head()


@pytest.fixture(params=BACKENDS)
def blank(request, tmp_path):
    """The URL of an empty database of its own (never the shared test schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'blank.db'}"
        return
    with own_postgres_database(PG_NAME) as url:
        yield url


def _differences() -> list:
    with db.engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(
            connection, opts={"compare_type": True}), db.metadata)
    if db.engine.dialect.name == "sqlite":
        # SQLite does not keep the name of a reference added with ALTER TABLE; the
        # reference itself is there (an unnamed one removed and a named one added for the
        # same column and target).
        def same(fk):
            return tuple((e.parent.table.name, e.parent.name, e.target_fullname)
                         for e in fk.elements)

        unnamed = {same(d[1]) for d in found
                   if isinstance(d, tuple) and d[0] == "remove_fk" and d[1].name is None}
        named = {same(d[1]) for d in found if isinstance(d, tuple) and d[0] == "add_fk"}
        found = [d for d in found if not (isinstance(d, tuple) and d[0] in (
            "add_fk", "remove_fk") and same(d[1]) in unnamed & named)]
    return found


def test_upgrade_builds_the_schema_of_the_models(blank):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=blank)
    with app.app_context():
        assert schema.bring_up_to_date() == HEAD
        assert _differences() == []
        assert schema.bring_up_to_date() == HEAD  # again: nothing to do
        db.engine.dispose()


def test_upgrading_keeps_every_tenants_data(blank):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=blank)
    with app.app_context():
        upgrade(revision="0001")
        # What 0001 knew of tenants, written as that version would have.
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO snapshots (label, kind, source_tenant, seed, families, "
                "form_version, rows, data, created_at) VALUES ('old (baseline)', 'baseline', "
                "'old', 1, 1, 'streamlined', 0, :data, CURRENT_TIMESTAMP)"), {"data": b""})
            connection.execute(text(
                "INSERT INTO tenants (name, seed, families, form_version, baseline_id, "
                "created_at) VALUES ('old', 1, 1, 'streamlined', 1, CURRENT_TIMESTAMP)"))
            connection.execute(text(
                "INSERT INTO families (tenant_id, id, name, address_line, area, "
                "town, postcode, home_language, interpreter_needed, housing) VALUES (1, 1, "
                "'Old family', '1 Street', 'Oldtown', 'Northbrook', 'NB1 1AA', "
                "'English', false, 'Rented')"))
        assert schema.bring_up_to_date() == HEAD
        tenant = db.session.scalar(select(Tenant))
        assert (tenant.name, tenant.state, tenant.reset_every) == ("old", "live", "")
        assert db.session.execute(text("SELECT name FROM families")).scalar() == "Old family"
        db.session.remove()
        db.engine.dispose()


def test_a_database_made_before_migrations_is_adopted(blank):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=blank)
    with app.app_context():
        db.create_all()
        tenant = factories.tenant("room-1", families=2)
        with tenancy.scoped_to(tenant.id):
            people = db.session.scalar(select(func.count(Person.id)))
        db.session.remove()
        assert schema.bring_up_to_date() == HEAD
        with tenancy.scoped_to(tenant.id):
            assert db.session.scalar(select(func.count(Person.id))) == people
        db.session.remove()
        db.engine.dispose()
