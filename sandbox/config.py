"""Configuration, read only from environment variables.

`SANDBOX_ENV` picks the class: `production` (the default for gunicorn), `development`
(what `make demo` uses) or `test`.
"""

import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("SANDBOX_INSTANCE", Path(__file__).parent.parent / "instance"))


def _default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'sandbox.db'}"


def _normalise_database_url(url: str) -> str:
    # Heroku-style URLs name the old driver; we ship psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_key() -> str:
    """The session signing key: SECRET_KEY, else one kept in the instance folder.

    Keeping a generated key on disk means sessions survive a restart of a local install
    without anyone having to invent a secret.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    SQLALCHEMY_DATABASE_URI = _normalise_database_url(
        os.environ.get("DATABASE_URL") or _default_database_url()
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    # Minutes of inactivity after which a person has to sign in again.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
    WTF_CSRF_TIME_LIMIT = None  # the session's own expiry bounds the token
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
    # A page of answers (not a file): the longest answer is 20,000 characters, and a
    # form has at most a few hundred; anything bigger is refused with 413.
    MAX_FORM_MEMORY_SIZE = 1024 * 1024
    MAX_FAMILIES = int(os.environ.get("MAX_FAMILIES", "500"))
    # Days the tenants of an ended training session are kept before they may be removed.
    SESSION_KEEP_DAYS = int(os.environ.get("SESSION_KEEP_DAYS", "14"))
    # Sign-in: refused attempts allowed per account and per address within the window.
    SIGN_IN_ACCOUNT_LIMIT = int(os.environ.get("SIGN_IN_ACCOUNT_LIMIT", "5"))
    SIGN_IN_ADDRESS_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_LIMIT", "20"))
    SIGN_IN_WINDOW_MINUTES = int(os.environ.get("SIGN_IN_WINDOW_MINUTES", "15"))
    # Seconds between an open form's signs of use (time on forms, sandbox.timing).
    TIMING_PING_SECONDS = int(os.environ.get("TIMING_PING_SECONDS", "15"))
    # Work that need not keep a person waiting (new spares after a reset) runs after the
    # response; off in tests, so that it happens before the test looks.
    DEFER_WORK = True
    SERVICE_NAME = "Case recording sandbox"
    PASSWORD_HASH_METHOD = "scrypt"

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802 - Flask reads this name
        return _secret_key()


class DevelopmentConfig(Config):
    DEBUG = False  # the demo is for trying the product, not for tracebacks


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    WTF_CSRF_ENABLED = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    # Still a real salted hash, made cheap so that hundreds of sign-ins stay quick.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    DEFER_WORK = False


CONFIGS = {
    "production": Config,
    "development": DevelopmentConfig,
    "test": TestConfig,
}


def config_for(name: str | None):
    return CONFIGS[name or os.environ.get("SANDBOX_ENV", "production")]()
