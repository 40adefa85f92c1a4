"""Two census pages of one training copy opened at once keep one set of findings for the
working group's hotspots, not both: the second waits while the first writes (its request
holds the copy's row), then replaces them."""

import time

import pytest
from sqlalchemy import func, select

from sandbox.census import hotspots, validator
from sandbox.census.models import CensusFinding
from sandbox.core.extensions import db
from tests.concurrency import Pause, in_thread
from tests.pages import Web, isolated

pytestmark = pytest.mark.skipif(validator.available() is not None,
                                reason="the DfE rules cannot run on this Python")


def test_two_checks_at_once_keep_one_set_of_findings(app, make, monkeypatch):
    # Seed 1's third family has an enquiry under way, which the DfE's rules query.
    tenant = make.tenant("room-1", seed=1, families=3)
    first = Web(app).sign_in(make.user("trainee", tenant=tenant))
    second = Web(app).sign_in(make.user("trainer"))
    first.get("/t/room-1/census")  # the findings of one check, and the report kept
    db.session.remove()
    one = db.session.scalar(select(func.count()).select_from(CensusFinding))
    assert one > 0

    pause = Pause(hotspots._add)
    monkeypatch.setattr(hotspots, "_add", pause)
    held, held_result = in_thread(lambda: isolated(first.client.get, "/t/room-1/census"))
    assert pause.reached.wait(30)
    other, other_result = in_thread(lambda: isolated(second.client.get, "/t/room-1/census"))
    time.sleep(0.5)  # the second is waiting for the first's hold on the copy
    pause.go()
    held.join(60)
    other.join(60)
    assert [r.status_code for r in held_result + other_result] == [200, 200]
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(CensusFinding)) == one
