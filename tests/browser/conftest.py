"""A live server on a free port, and Debian's chromium driven by Playwright."""

import os
import threading
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from sandbox import create_app
from sandbox.core.extensions import db
from tests import factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_collection_modifyitems(items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: .ci/run installs it with apt-get")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def live(tmp_path):
    """The app served over real HTTP, with one tenant and one person of each role."""
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'live.db'}")
    with app.app_context():
        db.create_all()
        tenant = factories.tenant("room-1", seed=2, families=4)
        for role in ("administrator", "trainer", "trainee"):
            factories.user(role, tenant=tenant if role == "trainee" else None)
        db.session.remove()
    with served(app) as base:
        yield base, app


@contextmanager
def served(app):
    """`app` over real HTTP on a free port, for as long as the block runs; its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@contextmanager
def in_the_room(app):
    """The live server's training copy, room-1, for setting up what a test starts from
    (inside its app context and scoped to it); the room's tenant."""
    from sqlalchemy import select

    from sandbox.core import tenancy
    from sandbox.tenants.models import Tenant
    with app.app_context():
        tenant = db.session.scalars(select(Tenant).where(Tenant.name == "room-1")).one()
        try:
            with tenancy.scoped_to(tenant.id):
                yield tenant
        finally:
            db.session.remove()


def signed_in_as(app, username: str):
    """A test client of the live app, signed in as `username` (inside `in_the_room`)."""
    from sqlalchemy import select

    from sandbox.auth.models import User
    from tests.pages import Web
    return Web(app).sign_in(db.session.scalars(select(User).where(
        User.username == username)).one())


def trainers_room(app, scenario_key: str, seats: int = 2) -> tuple[str, int]:
    """A session of `scenario_key` made by the live server's trainer ("Tuesday room"): its
    join code and id."""
    from sqlalchemy import select

    from sandbox.auth.models import User
    from sandbox.scenarios import sessions

    with app.app_context():
        trainer = db.session.scalar(select(User).where(User.username == "trainer"))
        session = sessions.create("Tuesday room", scenario_key, seats, 5, 30, "streamlined",
                                  trainer)
        made = session.join_code, session.id
        db.session.remove()
    return made


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
