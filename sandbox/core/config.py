"""Configuration, read only from environment variables.

`SANDBOX_ENV` picks the class: `production` (the default for gunicorn), `development`
(what `make demo` uses) or `test`.
"""

import contextlib
import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("SANDBOX_INSTANCE",
                                   Path(__file__).parent.parent.parent / "instance"))


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
    without anyone having to invent a secret. It is written readable by its owner only,
    and linked into place whole, so processes starting together all read the same key.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    owner_only_folder(INSTANCE_DIR)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        draft = INSTANCE_DIR / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_hex(32))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass  # another process got there first: use its key
        finally:
            draft.unlink()
    return key_file.read_text().strip()


def owner_only_folder(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def create_owner_only(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it exists (SQLite then keeps
    the mode, and gives its journal files the same)."""
    owner_only_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


MIN_SECRET_KEY_LENGTH = 32


def startup_problem(config) -> str | None:
    """Why the app must not start with this configuration (the app's config, or a class
    of this module), in one line, or None."""
    def read(name):
        return config[name] if isinstance(config, dict) else getattr(config, name)

    if read("SANDBOX_ENV") == "production" and len(read("SECRET_KEY") or "") < \
            MIN_SECRET_KEY_LENGTH:
        return (f"SECRET_KEY is too short: use at least {MIN_SECRET_KEY_LENGTH} random "
                "characters, for example python3 -c 'import secrets; "
                "print(secrets.token_hex(32))'")
    return None


class Config:
    SANDBOX_ENV = "production"
    SQLALCHEMY_DATABASE_URI = _normalise_database_url(
        os.environ.get("DATABASE_URL") or _default_database_url()
    )
    # No pool_pre_ping: it tries every connection taken from the pool, two or three round
    # trips a request; a connection idle a while is tried instead (sandbox.core.pinging).
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    # Minutes of inactivity after which a person has to sign in again.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
    # Hours after signing in when a person has to sign in again, however busy.
    SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "12"))
    WTF_CSRF_TIME_LIMIT = None  # the session's own expiry bounds the token
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
    # A page of answers (not a file): the longest answer is 20,000 characters, and a
    # form has at most a few hundred; anything bigger is refused with 413.
    MAX_FORM_MEMORY_SIZE = 1024 * 1024
    MAX_FAMILIES = int(os.environ.get("MAX_FAMILIES", "500"))
    # gunicorn's bound on a request, the work after its response included
    # (gunicorn.conf.py): long work not carried on for longer was stopped with its worker.
    WEB_TIMEOUT = int(os.environ.get("WEB_TIMEOUT", "60"))
    # Days the tenants of an ended training session are kept before they may be removed.
    SESSION_KEEP_DAYS = int(os.environ.get("SESSION_KEEP_DAYS", "14"))
    # Sign-in limits (sandbox/auth/throttle.py): wrong passwords allowed per account and
    # place, per account from anywhere (not counting devices it signed in from before),
    # and per address, each within its window of minutes.
    SIGN_IN_LIMIT = int(os.environ.get("SIGN_IN_LIMIT", "5"))
    SIGN_IN_WINDOW_MINUTES = int(os.environ.get("SIGN_IN_WINDOW_MINUTES", "15"))
    SIGN_IN_ACCOUNT_LIMIT = int(os.environ.get("SIGN_IN_ACCOUNT_LIMIT", "20"))
    SIGN_IN_ACCOUNT_WINDOW_MINUTES = int(os.environ.get("SIGN_IN_ACCOUNT_WINDOW_MINUTES", "60"))
    SIGN_IN_ADDRESS_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_LIMIT", "100"))
    # Wrong join codes allowed per person and per address within the window.
    JOIN_CODE_LIMIT = int(os.environ.get("JOIN_CODE_LIMIT", "10"))
    JOIN_CODE_ADDRESS_LIMIT = int(os.environ.get("JOIN_CODE_ADDRESS_LIMIT", "100"))
    JOIN_CODE_WINDOW_MINUTES = int(os.environ.get("JOIN_CODE_WINDOW_MINUTES", "15"))
    # How many reverse proxies in front of the app may say who the client is
    # (X-Forwarded-For, X-Forwarded-Proto); 0 trusts no such header.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
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
    SANDBOX_ENV = "development"
    DEBUG = False  # the demo is for trying the product, not for tracebacks


class TestConfig(Config):
    SANDBOX_ENV = "test"
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
