"""The case recording sandbox: a Flask application of resettable training tenants."""

import importlib
from pathlib import Path

from flask import Flask
from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from werkzeug.middleware.proxy_fix import ProxyFix

from sandbox import cli
from sandbox.core import commands, pinging  # noqa: F401 - pinging: the pool's events
from sandbox.core.config import INSTANCE_DIR, config_for, create_owner_only, startup_problem
from sandbox.core.extensions import csrf, db, migrate
from sandbox.core.limits import LimitCounter  # noqa: F401 - its table
from sandbox.core.progress import LongWork  # noqa: F401 - its table
from sandbox.web import pipeline
from sandbox.web.params import IdConverter

TEMPLATES = __path__[0] + "/../templates"

AREAS = ("forms", "audit", "auth", "main", "admin", "tenants", "recording", "cases", "guides",
         "scenarios", "feedback", "drafts", "timing", "tours", "census", "ssda903",
         "management")


class _SharedBytecodeCache(BytecodeCache):
    """Compiled templates kept for the whole process, so a second app (in tests, one per
    test) does not compile the GOV.UK macros again. Jinja checks each entry against the
    template's source, so an edited template is compiled afresh."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket):
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecodeCache()


def create_app(config_name: str | None = None, **overrides) -> Flask:
    app = Flask(__name__, template_folder=TEMPLATES, instance_path=str(INSTANCE_DIR))
    app.jinja_options = {**app.jinja_options, "bytecode_cache": _BYTECODE}
    app.config.from_object(config_for(config_name))
    app.config.update(overrides)
    problem = startup_problem(app.config)
    if problem:
        raise SystemExit(problem)  # one line, at start-up, from gunicorn or flask alike
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies > 0:
        # Behind that many proxies, the client's address and scheme are the ones they add.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    _owner_only_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])

    app.jinja_loader = ChoiceLoader([
        FileSystemLoader(TEMPLATES),
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    db.init_app(app)
    csrf.init_app(app)
    # Schema migrations (Alembic): `flask --app sandbox db upgrade`; init-db runs them.
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True)

    app.url_map.converters["int"] = IdConverter
    pipeline.init_app(app)
    commands.init_app(app)
    # Each area imports its models (so every table is known before create_all and the
    # scoping hook) and registers its blueprints, commands, template globals and signal
    # receivers. The form registry comes first (scenarios read it); recording before the
    # case pages, whose blueprint holds its pages too.
    for area in AREAS:
        importlib.import_module(f"sandbox.{area}").init_app(app)
    cli.init_app(app)
    return app


def _owner_only_sqlite_file(uri: str) -> None:
    url = make_url(uri)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        create_owner_only(Path(url.database))


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, _record):
    # SQLite checks foreign keys only when asked, per connection; and a writer waits for
    # another's write to end up to 30 s (the driver's 5 s ran out with a room of 30
    # signing in at once on a busy machine: "database is locked", a 500).
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
