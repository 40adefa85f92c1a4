"""Probes of "exactly one" in the served app (gunicorn, 3 processes of 4 threads), as the
assurance team ran them: many people pressing the same button at the same moment.

- more trainees join a session than it has seats: every seat has one person, the rest are
  told the room is full;
- one open form submitted eight times at once: one submission, the rest are told;
- two resets of one tenant at once, with autosaves and page views arriving meanwhile:
  never a 500, one reset goes ahead and the other is told, and every autosave is either
  kept or answered with the reset's 409;
- a worker killed while it makes a session leaves nothing of it behind.
"""

import contextlib
import os
import re
import signal
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.cases.models import Case, CaseNote
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording.models import SUBMITTED, FormChange, FormRecord
from sandbox.scenarios import preparing
from sandbox.scenarios.models import Seat, TrainingSession
from sandbox.tenants import housekeeping, service
from sandbox.tenants.models import LIVE, Snapshot, Tenant
from tests import factories
from tests.concurrency import at_once

HIDDEN = {name: re.compile(f'name="{name}"[^>]*value="([^"]+)"')
          for name in ("csrf_token", "revision", "editor", "sitting")}


def signed_in(served, username):
    browser = served.client()
    assert browser.sign_in(username).status_code == 302
    return browser


def sender(browser, path, data, **kw):
    """The call that sends `data` to `path` (prepared now, so that all start together)."""
    return lambda: browser.post(path, data=data, **kw)


def new_session(browser, name, seats, families=2):
    made = browser.send_form("/sessions/new", {
        "name": name, "scenario": "navigation-basics", "form_version": "streamlined",
        "seats": str(seats), "seed": "1", "families": str(families)},
        token_from="/sessions/new")
    assert made.status_code == 302, made.text[-500:]
    return made


def test_more_joiners_than_seats_each_seat_has_one_person(served):
    with served.context():
        factories.user("trainer")
        for n in range(8):
            factories.user("trainee", username=f"joiner{n}")
    with served.client() as trainer:
        trainer.sign_in("trainer")
        new_session(trainer, "Six seats", 6)
    with served.context():
        code = db.session.scalar(select(TrainingSession.join_code))
    joiners = [signed_in(served, f"joiner{n}") for n in range(8)]
    try:
        answers = at_once([sender(j, "/join", {"csrf_token": j.token("/join"), "code": code})
                           for j in joiners])
    finally:
        for j in joiners:
            j.close()
    codes = sorted(a.status_code for a in answers)
    assert codes == [302] * 6 + [400] * 2, codes
    assert all("Every seat in this session is taken" in a.text
               for a in answers if a.status_code == 400)
    with served.context():
        taken = db.session.scalars(select(Seat.user_id).where(Seat.number > 0)).all()
        assert None not in taken and len(set(taken)) == 6
        given = db.session.scalars(select(User.tenant_id).where(
            User.username.startswith("joiner"), User.tenant_id.is_not(None))).all()
        assert len(given) == len(set(given)) == 6  # nobody shares a training copy


def open_case_note(served, browser, tenant_name):
    """Start a case note through the pages; its id and the page's hidden fields."""
    with served.context():
        tenant = service.get_tenant(tenant_name)
        with tenancy.scoped_to(tenant.id):
            child_id = db.session.scalars(select(Case.child_id).order_by(Case.id)).first()
    started = browser.send_form(f"/t/{tenant_name}/children/{child_id}/forms",
                                {"form_key": "case_note"}, token_from=f"/t/{tenant_name}/")
    assert started.status_code == 302, started.text[-500:]
    page = browser.get(started.headers["location"]).text
    return (int(started.headers["location"].rsplit("/", 1)[1]),
            {name: rule.search(page).group(1) for name, rule in HIDDEN.items()})


def count_in(tenant_name, model, *where):
    tenant = service.get_tenant(tenant_name)
    with tenancy.scoped_to(tenant.id):
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_one_open_form_submitted_eight_times_at_once_is_submitted_once(served):
    with served.context():
        tenant = factories.tenant("submit-room", families=1)
        factories.user("trainee", username="submitter", tenant=tenant)
    with served.client() as browser:
        browser.sign_in("submitter")
        record_id, hidden = open_case_note(served, browser, "submit-room")
        with served.context():
            notes = count_in("submit-room", CaseNote)
        page = {**hidden, "action": "submit", "f-note_type": "call", "f-subject": "Home visit",
                "f-note": "Amir showed me his room.", "f-written_on-day": "2",
                "f-written_on-month": "1", "f-written_on-year": "2024"}
        answers = at_once([sender(browser, f"/t/submit-room/forms/{record_id}", page)
                           for _ in range(8)])
    codes = sorted(a.status_code for a in answers)
    assert codes == [302] + [409] * 7, codes
    assert all("already been submitted" in a.text for a in answers if a.status_code == 409)
    with served.context():
        tenant = service.get_tenant("submit-room")
        with tenancy.scoped_to(tenant.id):
            assert db.session.get(FormRecord, (tenant.id, record_id)).status == SUBMITTED
        assert count_in("submit-room", FormChange, FormChange.form_record_id == record_id,
                        FormChange.action == "submitted") == 1
        assert count_in("submit-room", CaseNote) == notes + 1


def test_resets_at_once_with_autosaves_meanwhile_never_fail(served):
    with served.context():
        tenant = factories.tenant("busy-room", families=3)
        factories.user("trainer", username="boss")
        factories.user("trainee", username="typist", tenant=tenant)
    trainers = [signed_in(served, "boss") for _ in range(2)]
    typist = signed_in(served, "typist")
    try:
        for round_ in range(3):  # in place first, then with a spare swapped in
            record_id, hidden = open_case_note(served, typist, "busy-room")
            resets = [sender(t, "/tenants/busy-room/reset",
                             {"csrf_token": t.token("/tenants/busy-room")}) for t in trainers]
            saves = [sender(typist, f"/t/busy-room/forms/{record_id}/autosave",
                            {**hidden, "f-note": f"Round {round_}, save {n}"},
                            headers={"Accept": "application/json"}) for n in range(4)]
            views = [lambda: typist.get("/t/busy-room/")]
            answers = at_once(resets + saves + views)
            reset_codes = [a.status_code for a in answers[:2]]
            assert 302 in reset_codes and set(reset_codes) <= {302, 409}, reset_codes
            for answer in answers[:2]:
                if answer.status_code == 409:
                    assert "reset by someone else a moment ago" in answer.text
            for answer in answers[2:6]:
                assert answer.status_code in (200, 409), (answer.status_code, answer.text[-300:])
                if answer.status_code == 409:
                    assert "reset" in answer.json()["error"]
            assert answers[6].status_code in (200, 409), answers[6].status_code
            # Whatever was kept before the reset went with it; the page is told so next.
            after = typist.post(f"/t/busy-room/forms/{record_id}",
                                data={**hidden, "action": "save", "f-note": "Still here"})
            assert after.status_code == 409 and "Still here" in after.text
            with served.context():
                assert db.session.scalar(select(func.count()).select_from(Tenant).where(
                    Tenant.name == "busy-room", Tenant.state == LIVE)) == 1
    finally:
        for browser in trainers + [typist]:
            browser.close()


def _workers_of(master: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.append(int(stat.parent.name))
    return found


def _made_by(name):
    """What is stored of the session called `name`: (sessions, tenants, snapshots)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower())
    return (db.session.scalar(select(func.count(TrainingSession.id)).where(
                TrainingSession.name == name)),
            db.session.scalar(select(func.count(Tenant.id)).where(
                Tenant.name.startswith(slug + "-"))),
            db.session.scalar(select(func.count(Snapshot.id)).where(
                Snapshot.source_tenant.startswith(slug + "-"))))


def test_a_worker_killed_while_making_a_session_leaves_nothing_behind(served):
    with served.context():
        factories.user("trainer", username="maker")
    with served.client() as browser:
        browser.sign_in("maker")
        began = time.monotonic()
        new_session(browser, "Timed", 20, families=12)
        took = time.monotonic() - began
        token = browser.token("/sessions/new")
        sending = threading.Thread(target=lambda: _ignore_cut_off(lambda: browser.post(
            "/sessions/new", data={"csrf_token": token, "name": "Cut short",
                                   "scenario": "navigation-basics",
                                   "form_version": "streamlined", "seats": "20",
                                   "seed": "1", "families": "12"})))
        sending.start()
        # Stopped as soon as anything of it is stored, or halfway through at the latest
        # (as long as the first took).
        halfway = time.monotonic() + took / 2
        with served.context():
            while time.monotonic() < halfway and _made_by("Cut short") == (0, 0, 0):
                db.session.rollback()
                time.sleep(0.01)
        for worker in _workers_of(served.process.pid):
            os.kill(worker, signal.SIGKILL)
        sending.join()
    with served.context():  # gunicorn starts new workers meanwhile
        housekeeping.prune()
        session = db.session.scalar(select(TrainingSession).where(
            TrainingSession.name == "Cut short"))
        if session is not None and session.seats_claimed_at is not None:
            # Stopped while its seats were being prepared: as if the claim had gone stale.
            session.seats_claimed_at -= preparing.STALE
            db.session.commit()
        session_id = session.id if session is not None else None
    if session_id is not None:
        # The trainer's room page, refreshing itself, carries on with the seats.
        with served.client() as trainer:
            trainer.sign_in("maker")
            waited = time.monotonic() + 120
            while "Preparing the seats" in trainer.get(f"/sessions/{session_id}").text:
                assert time.monotonic() < waited, "the seats were never prepared"
                time.sleep(0.5)
    with served.context():
        made = _made_by("Cut short")
        # Either nothing of it is left, or the whole room is there, every seat ready.
        assert made in ((0, 0, 0), (1, 21, 2)), made


def _ignore_cut_off(call):
    with contextlib.suppress(httpx.HTTPError):  # the worker answering was killed
        call()


def test_two_people_joining_at_once_for_the_last_seat(served):
    """Exactly one gets the last seat; the other is told plainly that the room is full
    (and not, say, that the code is wrong), round after round."""
    with served.context():
        factories.user("trainer", username="last-trainer")
        for n in range(6):
            factories.user("trainee", username=f"last{n}")
    for round_ in range(2):
        with served.client() as trainer:
            trainer.sign_in("last-trainer")
            new_session(trainer, f"Last seat {round_}", 2)
        with served.context():
            code = db.session.scalar(select(TrainingSession.join_code).where(
                TrainingSession.name == f"Last seat {round_}"))
        first, *pair = (signed_in(served, f"last{3 * round_ + n}") for n in range(3))
        try:
            assert first.send_form("/join", {"code": code}, token_from="/join") \
                .status_code == 302
            answers = at_once([sender(j, "/join", {"csrf_token": j.token("/join"),
                                                   "code": code}) for j in pair])
        finally:
            for browser in (first, *pair):
                browser.close()
        assert sorted(a.status_code for a in answers) == [302, 400]
        told = next(a for a in answers if a.status_code == 400).text
        assert "Every seat in this session is taken; ask your trainer" in told
        with served.context():
            seated = db.session.scalars(select(Seat.user_id).join(TrainingSession).where(
                TrainingSession.join_code == code, Seat.number > 0)).all()
            assert None not in seated and len(set(seated)) == 2
