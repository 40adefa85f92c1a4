"""Bringing a database's schema up to date with the code, without losing data.

Migrations live in migrations/versions (Alembic, through Flask-Migrate). A database made
by `create_all` has tables but no version: the tables it lacks are added, and it is marked
as at the newest migration if it already matches the models, else at the first (the
schema before migrations existed), from which it is upgraded.
"""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import stamp, upgrade
from sqlalchemy import inspect

from sandbox.core.extensions import db

FIRST = "0001"


def bring_up_to_date() -> str:
    """Upgrade to the newest schema; return the version the database is now at."""
    tables = set(inspect(db.engine).get_table_names())
    if tables and "alembic_version" not in tables:
        db.create_all()
        stamp(revision="head" if _matches_models() else FIRST)
    upgrade()
    return current_version()


def _matches_models() -> bool:
    """Whether the tables are already as the models describe (made by this version)."""
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    return not [d for d in differences if not (isinstance(d, tuple) and d[0].endswith("_fk"))]


def current_version() -> str | None:
    with db.engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def drop_everything() -> None:
    db.drop_all()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
