"""A live server on a free port, and Debian's chromium driven by Playwright."""

import os
import threading

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
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()
    thread.join()


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
