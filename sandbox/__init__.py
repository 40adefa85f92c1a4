"""The case recording sandbox: a Flask application of resettable training tenants."""

from pathlib import Path

from flask import Flask
from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from werkzeug.middleware.proxy_fix import ProxyFix

from sandbox.core.config import INSTANCE_DIR, config_for, create_owner_only, startup_problem
from sandbox.core.extensions import csrf, db, migrate
from sandbox.web.params import IdConverter

TEMPLATES = __path__[0] + "/../templates"


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

    # Import models so that every table is known before create_all and the scoping hook.
    from sandbox import admin, auth, cases, feedback, guides, main, scenarios, tenants
    from sandbox.audit import models as _audit_models  # noqa: F401
    from sandbox.auth import models as _auth_models  # noqa: F401
    from sandbox.cases import models as _case_models  # noqa: F401
    from sandbox.core.limits import LimitCounter as _limit_counters  # noqa: F401
    from sandbox.drafts import service as drafts
    from sandbox.drafts import views as form_drafts
    from sandbox.feedback import models as _feedback_models  # noqa: F401
    from sandbox.forms import definitions
    from sandbox.recording import models as _form_models  # noqa: F401
    from sandbox.scenarios import models as _scenario_models  # noqa: F401
    from sandbox.tenants import models as _tenant_models  # noqa: F401
    from sandbox.timing import models as _timing_models  # noqa: F401
    from sandbox.timing import views as timing
    from sandbox.web import pipeline as web

    # A broken form definition stops the app here, naming the file and line.
    app.extensions["forms"] = definitions.load()
    app.extensions["forms"].overlay = drafts.overlay

    app.url_map.converters["int"] = IdConverter
    web.init_app(app)
    for area in (auth, main, admin, tenants, cases, guides, scenarios, feedback):
        app.register_blueprint(area.bp)
    app.register_blueprint(scenarios.sessions_bp)
    app.register_blueprint(form_drafts.bp)
    app.register_blueprint(timing.bp)
    auth.init_app(app)
    scenarios.init_app(app)
    feedback.init_app(app)

    from sandbox import cli

    cli.init_app(app)
    return app


def _owner_only_sqlite_file(uri: str) -> None:
    url = make_url(uri)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        create_owner_only(Path(url.database))


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, _record):
    # SQLite checks foreign keys only when asked, per connection.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
