"""Bringing a database's schema up to date with the code, without losing data.

Migrations live in migrations/versions (Alembic, through Flask-Migrate). A database made
before migrations existed (by `create_all`) has tables but no version: the tables it lacks
are added and it is marked as at the first migration, from which it is upgraded.
"""

from flask_migrate import stamp, upgrade
from sqlalchemy import inspect

from sandbox.extensions import db

FIRST = "0001"


def bring_up_to_date() -> str:
    """Upgrade to the newest schema; return the version the database is now at."""
    tables = set(inspect(db.engine).get_table_names())
    if tables and "alembic_version" not in tables:
        db.create_all()
        stamp(revision=FIRST)
    upgrade()
    return current_version()


def current_version() -> str | None:
    with db.engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def drop_everything() -> None:
    db.drop_all()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
