"""Headers and files an assurance team checks: HSTS over HTTPS, a Permissions-Policy on
every response, the database file and generated key readable by their owner only, and no
start in production with a short SECRET_KEY (issue 13, finding 16)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sandbox import create_app
from sandbox.core.extensions import db
from tests.servers import ROOT

FLASK = Path(sys.executable).parent / "flask"


@pytest.mark.parametrize("url", ["/sign-in", "/static/app.css", "/healthz", "/no-such-page"])
def test_every_response_carries_a_permissions_policy(web, url):
    response = web.client.get(url)
    policy = response.headers["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_strict_transport_security_only_over_https(app, web):
    assert "Strict-Transport-Security" not in web.client.get("/sign-in").headers
    secure = web.client.get("/sign-in", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    app.config["SESSION_COOKIE_SECURE"] = True  # served over HTTPS behind a proxy
    assert "Strict-Transport-Security" in web.client.get("/sign-in").headers


def test_a_forwarded_scheme_counts_only_from_a_trusted_proxy(app, web):
    https = {"X-Forwarded-Proto": "https"}
    assert "Strict-Transport-Security" not in web.client.get("/sign-in", headers=https).headers
    behind = create_app("test", TRUSTED_PROXIES=1,
                        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        answer = behind.test_client().get("/sign-in", headers=https)
        assert "Strict-Transport-Security" in answer.headers
    finally:
        with behind.app_context():
            db.engine.dispose()


def _run(args: list[str], **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("SECRET_KEY", "DATABASE_URL", "SANDBOX_ENV")}
    return subprocess.run([str(FLASK), "--app", "sandbox", *args], cwd=ROOT,
                          env={**clean, **env}, capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: os.umask(0o022))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_file_and_generated_key_are_for_their_owner_only(tmp_path):
    instance = tmp_path / "instance"
    done = _run(["init-db"], SANDBOX_ENV="development", SANDBOX_INSTANCE=str(instance))
    assert done.returncode == 0, done.stderr
    assert _mode(instance / "sandbox.db") == 0o600
    assert _mode(instance / "secret_key") == 0o600
    assert _mode(instance) == 0o700
    assert len((instance / "secret_key").read_text()) == 64
    assert [p.name for p in instance.iterdir() if p.name.startswith(".secret")] == []


def test_a_short_secret_key_stops_production_with_one_line(tmp_path):
    done = _run(["routes"], SANDBOX_ENV="production", SECRET_KEY="changeme",
                SANDBOX_INSTANCE=str(tmp_path),
                DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "SECRET_KEY is too short: use at least 32 random characters, for example python3 -c "
        "'import secrets; print(secrets.token_hex(32))'"]
    with pytest.raises(SystemExit):
        create_app("production", SECRET_KEY="changeme", SQLALCHEMY_DATABASE_URI="sqlite://")
    create_app("development", SECRET_KEY="changeme", SQLALCHEMY_DATABASE_URI="sqlite://")
    create_app("production", SECRET_KEY="x" * 32, SQLALCHEMY_DATABASE_URI="sqlite://")
