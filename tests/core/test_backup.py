"""A backup of the whole database restores exactly, on SQLite and PostgreSQL."""

import json
import os
import shutil
import stat

import pytest

from sandbox import create_app
from sandbox.core import backup, schema
from sandbox.core.extensions import db
from sandbox.tenants import service
from tests import factories
from tests.core.test_schema import blank  # noqa: F401 - the empty database fixture


def test_backup_and_restore_round_trip(blank, tmp_path):  # noqa: F811
    if blank.startswith("postgresql") and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    app = create_app("test", SQLALCHEMY_DATABASE_URI=blank)
    with app.app_context():
        schema.bring_up_to_date()
        tenant = factories.tenant("room-1", families=3)
        factories.user("trainee", tenant=tenant)
        before = json.dumps(service.export(tenant)["tables"], sort_keys=True)
        file = tmp_path / "whole.backup"
        backup.backup(file)
        service.delete(service.get_tenant("room-1"))
        factories.tenant("after-the-backup", families=1)
        backup.restore(file)
        db.session.remove()
        names = [s["tenant"].name for s in service.summaries()]
        assert names == ["room-1"]
        again = json.dumps(service.export(service.get_tenant("room-1"))["tables"],
                           sort_keys=True)
        assert again == before
        assert schema.current_version() == schema.bring_up_to_date()
        db.session.remove()
        db.engine.dispose()


def test_the_commands_refuse_plainly(cli, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    assert "add --yes" in cli("restore", str(not_a_backup), code=2)
    out = cli("restore", str(not_a_backup), "--yes", code=1)
    assert ("is not an SQLite backup" in out or "not appear to be a valid archive" in out)
    assert len(out.strip().splitlines()) == 1
    assert "is not a file" in cli("restore", str(tmp_path / "missing"), "--yes", code=1)
    assert "Backed up the" in cli("backup", str(tmp_path / "b.db"))


def test_a_backup_is_readable_by_its_owner_only(cli, tmp_path):
    old = os.umask(0o022)
    try:
        fresh, older = tmp_path / "fresh.db", tmp_path / "older.db"
        older.write_text("")
        older.chmod(0o644)
        for file in (fresh, older):
            assert "Backed up the" in cli("backup", str(file))
            assert stat.S_IMODE(file.stat().st_mode) == 0o600
    finally:
        os.umask(old)
