"""Backing up and restoring the whole database: `flask --app sandbox backup FILE` and
`flask --app sandbox restore FILE --yes`.

SQLite: an online copy with SQLite's own backup (safe while the app runs). PostgreSQL:
pg_dump's custom format, restored with pg_restore (the PostgreSQL client tools must be
installed). Restoring replaces everything in the database with the backup.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from sandbox.core.config import create_owner_only
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db


class BackupError(ServiceError):
    """A backup or restore that cannot be done; the message says why."""


def _libpq_url() -> str:
    url = make_url(db.engine.url.render_as_string(hide_password=False))
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def backup(path: Path) -> str:
    # A backup holds every account's password hash: readable by its owner only, like the
    # database itself, whatever the umask and even over an older file.
    create_owner_only(path)
    os.chmod(path, 0o600)
    engine = db.engine
    if engine.dialect.name == "sqlite":
        db.session.remove()
        with engine.connect() as connection:
            source = connection.connection.driver_connection
            with sqlite3.connect(path) as target:
                source.backup(target)
            target.close()
        return "sqlite"
    result = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner",
                             f"--file={path}", _libpq_url()], capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip().splitlines()[-1]}")
    return "postgresql"


def restore(path: Path) -> str:
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    engine = db.engine
    db.session.remove()
    if engine.dialect.name == "sqlite":
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
                with engine.connect() as connection:
                    source.backup(connection.connection.driver_connection)
            source.close()
        except sqlite3.DatabaseError as problem:
            raise BackupError(f"{path} is not an SQLite backup: {problem}") from None
        engine.dispose()
        return "sqlite"
    result = subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                             "--single-transaction", f"--dbname={_libpq_url()}", str(path)],
                            capture_output=True, text=True)
    engine.dispose()
    if result.returncode:
        lines = result.stderr.strip().splitlines() or ["no message"]
        raise BackupError(f"pg_restore failed: {lines[-1]}")
    return "postgresql"
