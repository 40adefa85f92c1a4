"""A training copy made after the response, with how far it has got on its page (which
refreshes itself without JavaScript) and from the command line; the copy opens when it
is made, and a copy that could not be made says why."""

from collections import Counter

from sandbox.tenants import service, transfer
from tests.concurrency import Pause, in_thread

NEW = {"source": "generate", "seed": "41", "families": "4", "form_version": "streamlined"}


def test_the_page_shows_how_far_the_copy_has_got_then_opens_it(app, web, make, monkeypatch):
    monkeypatch.setitem(app.config, "DEFER_WORK", True)  # after the response, as served
    web.sign_in(make.user("trainer"))
    saving = Pause(transfer.load_tables)
    monkeypatch.setattr(transfer, "load_tables", saving)
    sent = web.post("/tenants/new", {**NEW, "name": "big-room"})
    making = sent.location
    assert making.startswith("/tenants/making/")
    page = web.get(making).get_data(as_text=True)
    assert "Making the families: 0 of 4 made." in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'role="status" aria-live="polite"' in page and "progress.js" in page
    assert '<progress class="app-progress__bar" max="5" value="0">' in page
    worker, _ = in_thread(sent.close)  # the response is sent: the work begins
    assert saving.reached.wait(30)
    page = web.get(making).get_data(as_text=True)
    assert "All 4 families made: saving them." in page and 'value="4"' in page
    saving.go()
    worker.join(60)
    opened = web.get(making, status=302)
    assert opened.location == "/tenants/big-room"
    assert "is ready" in web.get("/tenants/big-room").get_data(as_text=True)
    assert service.get_tenant("big-room").families == 4


def test_a_copy_that_cannot_be_made_says_why(app, web, make, monkeypatch):
    monkeypatch.setitem(app.config, "DEFER_WORK", True)
    web.sign_in(make.user("trainer"))
    sent = web.post("/tenants/new", {**NEW, "name": "taken"})
    make.tenant("taken", families=1)  # someone else took the name meanwhile
    sent.close()
    page = web.get(sent.location).get_data(as_text=True)
    assert "The training copy was not made" in page
    assert "A tenant called &#39;taken&#39; already exists" in page
    assert "http-equiv" not in page and "progress.js" not in page
    web.get("/tenants/making/999", status=404)


def test_the_command_line_shows_how_far_it_has_got(cli):
    out = cli("tenant", "create", "--name", "cli-big", "--seed", "43", "--families", "3")
    lines = out.splitlines()
    assert lines[0] == "Making the families: 1 of 3 made"
    assert lines[-2:] == ["All 3 families saved", "Created tenant 'cli-big' (3 families)."]


def test_the_largest_copy_the_page_allows_is_made(app, web, make):
    """At the largest size the form accepts the borough has more teams than there are
    kinds of team: each is named, has its manager, and holds about 18 children a worker."""
    largest = app.config["MAX_FAMILIES"]
    web.sign_in(make.user("trainer"))
    sent = web.post("/tenants/new", {**NEW, "name": "borough", "families": str(largest)})
    assert sent.location == "/tenants/borough"  # made at once here (no deferring in tests)
    tenant = service.get_tenant("borough")
    assert tenant.families == largest
    workers = transfer.dump_tables(tenant.id)["workers"]
    teams = Counter(w["team"] for w in workers)
    managers = Counter(w["team"] for w in workers if w["job_title"] == "Team manager")
    assert len(teams) > 6 and set(managers.values()) == {1} and managers.keys() == teams.keys()
    assert max(teams.values()) <= 8  # up to 7 social workers and their manager
