"""The assurance team's hostile input, sent again to the app as deployed (gunicorn, on
PostgreSQL when there is one): redirects off the site, control characters, JSON nested
thousands deep, a YAML draft that expands to gigabytes, dates past 9999 and wildcards in
searches. Each is a 4xx with a plain message, never a 500. (tests/test_hostile_input.py
has the same checks in-process, on both databases, for every place.)"""

import html
import re
import time
from urllib.parse import quote

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.core.received import CONTROL_CHARACTER
from sandbox.drafts.models import FormDraft
from sandbox.feedback.models import ChangeRequest
from sandbox.recording import service as recording
from tests import factories
from tests.test_hostile_input import DEEP, HOSTILE_URLS, lands_on_site

SERVER_ONLY = True  # a probe of the server: its database plays no part (conftest)


@pytest.fixture(scope="module")
def world(served):
    """A tenant with a trainee in it, an administrator, and a case's child and form."""
    with served.context():
        tenant = factories.tenant("seat-1", families=2)
        factories.user("trainee", tenant=tenant)
        factories.user("administrator")
        with tenancy.scoped_to(tenant.id):
            case = db.session.scalars(select(Case)).first()
            record = recording.start(case, "streamlined", "case_note", "T")
            found = {"child": case.child_id, "record": record.id}
        db.session.commit()
    return found


def plain(answer) -> str:
    return html.unescape(answer.text)


def test_nothing_sends_anyone_off_the_site(served, world):
    with served.client() as admin:
        for value in HOSTILE_URLS + ["/%0A/x"]:
            answer = admin.send_form(f"/sign-in?next={quote(value, safe='')}",
                                     {"username": "administrator",
                                      "password": factories.PASSWORD})
            assert answer.status_code == 302 and lands_on_site(answer.headers["location"]), (
                value, answer.status_code, answer.headers.get("location"))
            thanks = admin.send_form("/feedback/new", {"kind": "confusing", "text": "Lost",
                                                       "page": value})
            link = re.search(r'href="([^"]*)">Back to the page', thanks.text).group(1)
            assert lands_on_site(html.unescape(link)), (value, link)
            went = admin.send_form("/t/seat-1/scenarios/check", {"next": value})
            assert lands_on_site(went.headers["location"]), (value, went.headers["location"])


def test_control_characters_are_a_400_never_a_500(served, world):
    with served.client() as trainee, served.client() as admin:
        refused = trainee.send_form("/sign-in", {"username": "administrator\x00",
                                                 "password": "x"})
        assert refused.status_code == 400 and CONTROL_CHARACTER in plain(refused)
        trainee.sign_in("trainee")
        admin.sign_in("administrator")
        for answer in [
            trainee.get("/t/seat-1%00/"),
            trainee.get("/t/seat-1/?q=a%00b"),
            trainee.send_form("/join", {"code": "AB\x00CDE"}),
            trainee.send_form("/feedback/new", {"kind": "broken", "text": "It broke\x00"}),
            trainee.send_form(f"/t/seat-1/children/{world['child']}/chronology/new", {
                "occurred_on": ["2", "11", "2026"], "kind": "Other", "title": "Seen\x00",
                "detail": "d", "source": "s"}),
            admin.send_form("/timings/import", {"study": "Spring\x00"}, files={"file": (
                "s.csv", b"work_type,period,minutes,case\nVisit,before,30,A\n")},
                token_from="/timings/import"),
            admin.send_form("/timings/import", {"study": "Spring"}, files={"file": (
                "s.csv", b"work_type,period,minutes,case\nVisit,before,30,A\x00\n")},
                token_from="/timings/import"),
        ]:
            assert answer.status_code == 400, (answer.request.url, answer.status_code)
            assert "control character" in plain(answer), answer.request.url


def test_json_nested_thousands_deep_is_a_400(served, world):
    with served.client() as admin:
        admin.sign_in("administrator")
        mine = admin.send_form(f"/t/seat-1/forms/{world['record']}", {
            "revision": "1", "action": "keep_mine", "mine": DEEP})
        assert mine.status_code == 400 and "could not be read" in mine.text
        for url in ("/tenants/import", "/feedback/changes/import"):
            answer = admin.send_form(url, files={"file": ("deep.json", DEEP.encode())},
                                     token_from=url)
            assert answer.status_code == 400 and "nested more than" in answer.text, url


def test_dates_far_away_are_a_400(served, world):
    with served.client() as admin:
        admin.sign_in("administrator")
        def parts(name, day, month, year):  # a GOV.UK date input's three boxes
            return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}

        for end in (("31", "12", "9999"), ("1", "1", "0001")):
            answer = admin.get("/timings/", params={
                "source": "dates", **parts("before_from", "1", "1", "2026"),
                **parts("before_to", *end), **parts("after_from", "1", "1", "2026"),
                **parts("after_to", "31", "12", "2026")})
            assert answer.status_code == 400 and "between 1900 and 2099" in plain(answer)


def test_a_draft_that_would_expand_to_gigabytes_is_refused_at_once(served, world):
    """The probe's draft: one large section, referred to 20,000 times (about 185 KB)."""
    with served.context():
        change = ChangeRequest(target_kind="field", target="streamlined/visit/seen",
                               problem="Seen is unclear", created_by="G", updated_by="G")
        db.session.add(change)
        db.session.commit()
        change_id = change.id
    with served.client() as admin:
        admin.sign_in("administrator")
        admin.send_form("/form-drafts/new", {"request_id": str(change_id)})
        with served.context():
            draft = db.session.scalar(select(FormDraft).where(
                FormDraft.change_request_id == change_id))
            draft_id, kept = draft.id, draft.source
        fields = "".join(f"      - key: q{i}\n        kind: longtext\n"
                         f"        label: \"Q{i}\"\n" for i in range(60))
        bomb = kept.replace("sections:\n", "sections:\n  - &big\n    title: Big\n"
                            "    fields:\n" + fields + "  - *big\n" * 20_000, 1)
        assert 170_000 < len(bomb) < 200_000
        started = time.monotonic()
        answer = admin.send_form(f"/form-drafts/{draft_id}", {"source": bomb},
                                 token_from=f"/form-drafts/{draft_id}")
        assert answer.status_code == 400 and "anchors and aliases" in plain(answer)
        assert time.monotonic() - started < 10
        assert admin.get("/healthz").status_code == 200
    with served.context():
        assert db.session.get(FormDraft, draft_id).source == kept


def test_wildcards_in_a_search_match_only_themselves(served, world):
    with served.client() as trainee:
        trainee.sign_in("trainee")
        for wildcard in ("%", "_"):
            page = trainee.get("/t/seat-1/", params={"q": wildcard})
            assert page.status_code == 200 and "No families match" in page.text, wildcard
