"""The census check of a copy runs after the response: its page shows how far it has got
(refreshing itself without JavaScript) and then the return, for whichever process
answers; the command line shows the same steps."""

import pytest

from sandbox.census import reporting, validator
from sandbox.core import progress
from tests.concurrency import Pause, in_thread

pytestmark = pytest.mark.skipif(validator.available() is not None,
                                reason="the DfE rules cannot run on this Python")


def test_the_page_shows_the_check_under_way_then_the_return(app, web, make, monkeypatch):
    tenant = make.tenant("room-1", seed=1, families=2)
    # The process remembers reports by the copy's id and forms, which the same world on
    # the other database (in the same test process) has too.
    monkeypatch.setattr(reporting, "_ANSWERS", {})
    monkeypatch.setitem(app.config, "DEFER_WORK", True)
    web.sign_in(make.user("trainee", tenant=tenant))
    first = web.get("/t/room-1/census")
    page = first.get_data(as_text=True)
    assert "Making the return from this training copy’s forms." in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'role="status" aria-live="polite"' in page and "progress.js" in page
    # Another look before the work has begun finds it waiting, not a second check.
    assert "Making the return" in web.get("/t/room-1/census").get_data(as_text=True)
    keeping = Pause(progress.finish)  # held once the rules have run
    monkeypatch.setattr(progress, "finish", keeping)
    worker, _ = in_thread(first.close)  # the response is sent: the check begins
    assert keeping.reached.wait(60)
    page = web.get("/t/room-1/census").get_data(as_text=True)
    assert "Running the Department for Education’s rules:" in page
    rules = page.split("rules: ", 1)[1].split(" ", 1)[0]
    assert int(rules) > 100 and f"{rules} of {rules} done" in page
    keeping.go()
    worker.join(60)
    page = web.get("/t/room-1/census").get_data(as_text=True)
    assert 'id="census-errors"' in page and "http-equiv" not in page


def test_the_command_line_shows_the_steps(make, cli):
    make.tenant("room-1", seed=1, families=2)
    out = cli("census", "check", "room-1")
    assert out.splitlines()[0] == "Making the return from the training copy's forms"
    assert "Running the DfE's rules: " in out and " done\nThe 2026 to 2027" in out or \
        " done\nThe " in out
