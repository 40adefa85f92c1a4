"""Property-based tests (Hypothesis): random and malformed input thrown at forms, imports,
definition files and the command line. The answer is always a clear refusal (4xx, or an
error line), never a 500 or a traceback, and a refused input writes nothing.

EXAMPLES below is how many inputs each property tries, per database backend.
"""

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.content_files import FileProblem
from sandbox.core.extensions import db
from sandbox.forms.definitions import DefinitionError
from sandbox.recording import service as recording
from sandbox.scenarios.definitions import ScenarioError, load_file
from sandbox.tenants import service
from sandbox.tenants.models import Tenant
from sandbox.timing import studies
from sandbox.timing.models import TrackedWork

EXAMPLES = {"form_posts": 150, "urls": 150, "tenant_imports": 150, "study_files": 300,
            "form_definitions": 300, "scenario_files": 150, "command_line": 100,
            "control_characters": 100}
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
            HealthCheck.data_too_large]
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text,
                 st.lists(text, max_size=3), st.dictionaries(text, text, max_size=3))


@pytest.fixture
def draft(web, make):
    tenant = make.tenant("room-1", families=1)
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case)).first()
        record_id = recording.start(case, "streamlined", "strategy_discussion", "T").id
    web.sign_in(make.user("trainee", tenant=tenant))
    return record_id


FIELD_KEYS = ["f-held_on-day", "f-held_on-month", "f-held_on-year", "f-worries",
              "f-decision", "f-attendees", "f-attendees-0-name", "f-child_seen",
              "f-scale", "revision", "action", "editor", "sitting", "mine"]


@settings(max_examples=EXAMPLES["form_posts"], deadline=None, suppress_health_check=FIXTURES)
@given(st.dictionaries(st.one_of(st.sampled_from(FIELD_KEYS), text),
                       st.one_of(text, st.sampled_from(["save", "submit", "keep_mine", "1",
                                                        "-1", "99999999999999999999"])),
                       max_size=12))
def test_any_form_post_is_answered_without_a_500(web, draft, data):
    for url in (f"/t/room-1/forms/{draft}", f"/t/room-1/forms/{draft}/autosave"):
        response = web.client.post(url, data={**data, "csrf_token": web.token()})
        assert response.status_code < 500, (url, data, response.status_code)


# Control characters (all but tab, line feed and carriage return) and DEL, C1.
CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7f, 0xa0)] if chr(c) not in "\t\n\r"]
with_control = st.tuples(text, st.sampled_from(CONTROLS), text).map("".join)


@settings(max_examples=EXAMPLES["control_characters"], deadline=None,
          suppress_health_check=FIXTURES)
@given(st.sampled_from(["path", "query", "feedback", "sign_in", "answer", "keep_mine"]),
       with_control)
def test_any_text_with_a_control_character_is_a_400(web, draft, place, value):
    from urllib.parse import quote

    client, token = web.client, web.token()
    form_url = f"/t/room-1/forms/{draft}"
    sent = {
        "path": lambda: client.get(f"/t/{quote(value, safe='')}/"),
        "query": lambda: client.get(f"/t/room-1/?q={quote(value, safe='')}"),
        "feedback": lambda: client.post("/feedback/new", data={
            "csrf_token": token, "kind": "broken", "text": value}),
        "sign_in": lambda: client.post("/sign-in", data={
            "csrf_token": token, "username": value, "password": "x"}),
        "answer": lambda: client.post(form_url, data={
            "csrf_token": token, "action": "save", "revision": "1", "f-worries": value}),
        "keep_mine": lambda: client.post(form_url, data={
            "csrf_token": token, "action": "keep_mine", "revision": "1",
            "mine": json.dumps({"worries": value})}),
    }[place]()
    assert sent.status_code == 400, (place, value, sent.status_code)


URLS = ["/t/room-1/forms/{}", "/t/room-1/forms/{}/history", "/t/room-1/children/{}",
        "/t/room-1/families/{}", "/t/{}/", "/feedback/requests/{}", "/form-drafts/{}",
        "/timings/forms?set={}", "/timings/?source=dates&before_from={}", "/admin/audit?page={}",
        "/tenants/{}", "/sessions/{}", "/guides/{}"]


@settings(max_examples=EXAMPLES["urls"], deadline=None, suppress_health_check=FIXTURES)
@given(st.sampled_from(URLS), st.one_of(st.integers(-10, 10**30).map(str), text))
def test_any_url_is_answered_without_a_500(web, draft, pattern, part):
    from urllib.parse import quote

    web.sign_in(web.app.extensions.get("admin_user") or _admin(web))
    response = web.client.get(pattern.format(quote(part, safe="")))
    assert response.status_code < 500, (pattern, part, response.status_code)


def _admin(web):
    from tests import factories

    user = factories.user("administrator", username="prop-admin")
    web.app.extensions["admin_user"] = user
    return user


def _rows():
    return sum(db.session.execute(select(func.count()).select_from(t),
                                  execution_options={"all_tenants": True}).scalar()
               for t in tenancy.tenant_tables())


@pytest.fixture
def exported(make):
    doc = service.export(make.tenant("source", families=1))
    service.delete(service.get_tenant("source"))
    return doc


def _mutations(doc):
    """A real export with one part replaced by something random."""
    paths = [("format",), ("version",), ("tenant",), ("tenant", "name"), ("tenant", "seed"),
             ("tables",), ("tables", "people"), ("tables", "families", 0),
             ("tables", "people", 0, "nhs_number"), ("tables", "cases", 0, "family_id"),
             ("tables", "people", 0, "date_of_birth"), ("tables", "form_records", 0)]
    return st.tuples(st.sampled_from(paths), junk)


@settings(max_examples=EXAMPLES["tenant_imports"], deadline=None,
          suppress_health_check=FIXTURES)
@given(st.one_of(junk, st.tuples(st.just("mutate"), st.data())))
def test_any_tenant_import_is_refused_cleanly_or_taken_whole(exported, value):
    if isinstance(value, tuple):
        (path, replacement) = value[1].draw(_mutations(exported))
        doc = json.loads(json.dumps(exported))
        target = doc
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = replacement
        except (KeyError, IndexError, TypeError):
            pass
    else:
        doc = value
    before = (_rows(), db.session.scalar(select(func.count(Tenant.id))))
    try:
        tenant = service.import_document(doc, name="imported")
    except service.TenantError as problem:
        assert str(problem) and "\n" not in str(problem)
        db.session.rollback()
        assert (_rows(), db.session.scalar(select(func.count(Tenant.id)))) == before
    else:
        service.delete(tenant)


@settings(max_examples=EXAMPLES["study_files"], deadline=None, suppress_health_check=FIXTURES)
@given(st.one_of(st.binary(max_size=300),
                 st.lists(st.lists(st.one_of(text, st.sampled_from(
                     ["before", "after", "12", "-3", "1e400", "nan", ""])), max_size=6),
                     max_size=8).map(lambda rows: ("work_type,period,minutes,case\n" + "\n".join(
                         ",".join(r) for r in rows)).encode())))
def test_any_study_file_is_refused_by_line_or_taken_whole(app, data):
    try:
        count = studies.import_study("Random", data, "T")
    except studies.StudyError as problem:
        assert problem.problems and all("\n" not in p for p in problem.problems)
        assert db.session.scalar(select(func.count(TrackedWork.id))) == 0
    else:
        assert db.session.scalar(select(func.count(TrackedWork.id))) == count
        studies.delete_study("Random")


yaml_text = st.one_of(
    text, st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.lists(st.sampled_from(["key: visit", "version: 2", "title: T", "sections:",
                              "  - title: S", "    fields:", "      - key: a",
                              "        kind: text", "        kind: nonsense",
                              "        label: L", "        options: 3", "on_submit: [1]",
                              "  - use: child_details", "- [", "{", "key: [a, b]",
                              "        prefill: [{form: x, field: y}]", "steps:",
                              "  - check: {page: nowhere}"]),
             max_size=16).map("\n".join))


@settings(max_examples=EXAMPLES["form_definitions"], deadline=None,
          suppress_health_check=FIXTURES)
@given(yaml_text)
def test_any_form_definition_is_refused_with_a_line(app, source):
    try:
        app.extensions["forms"].parse(source, "streamlined", "random")
    except DefinitionError as problem:
        assert str(problem).startswith("random:") and "\n" not in str(problem)


@settings(max_examples=EXAMPLES["scenario_files"], deadline=None,
          suppress_health_check=FIXTURES)
@given(yaml_text)
def test_any_scenario_file_is_refused_with_a_line(app, tmp_path_factory, source):
    path = tmp_path_factory.mktemp("scenarios") / "random.yaml"
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    try:
        load_file(path, app.extensions["forms"])
    except (ScenarioError, FileProblem) as problem:
        assert ":" in str(problem) and "\n" not in str(problem)


names = st.text(string.ascii_letters + string.digits + "-_ ~./\\'\"", max_size=70)
SMALL_LIMIT = 12


@settings(max_examples=EXAMPLES["command_line"], deadline=None,
          suppress_health_check=FIXTURES)
@given(names, st.one_of(st.integers(-5, 3 * SMALL_LIMIT).map(str), text),
       st.one_of(st.integers(-2**40, 2**40).map(str), text))
def test_any_command_line_is_answered_in_one_line(app, name, families, seed):
    # The largest size is made small, so that each size under it (made for real) is
    # quick and the sizes over it are still refused in one line.
    app.config["MAX_FAMILIES"] = SMALL_LIMIT
    result = app.test_cli_runner().invoke(args=["tenant", "create", "--name", name,
                                                "--families", families, "--seed", seed])
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert len(result.output.strip().splitlines()) == 1
    if result.exit_code == 0:  # made under its name without the spaces around it
        service.delete(service.get_tenant(name.strip()))


def test_the_number_of_inputs_is_what_the_closing_note_says():
    assert sum(EXAMPLES.values()) == 1400
