"""Every shipped scenario, in each form version, played through by a test.

For each step the player does what the step asks, in the trainee's tenant, and asserts the
check passes; before that it records something close but wrong and asserts the check does
not pass.
"""

from datetime import date

import pytest
from sqlalchemy import select

from sandbox.cases import chronology
from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.forms.definitions import load as load_forms
from sandbox.recording import service as recording
from sandbox.scenarios import runner
from sandbox.scenarios.definitions import PAGES, load

LIBRARY = load(load_forms())
PLAYS = [(key, version) for key, s in sorted(LIBRARY.scenarios.items()) for version in s.versions]
TODAY = date.today().isoformat()


def fill(definition, people, chosen=None, leave_empty=()):
    """Answers to every required question, plus `chosen`, with some left empty."""
    answers = {}
    for f in definition.fields:
        if f.kind == "date":
            value = "2015-05-05" if "dob" in f.key else TODAY
        elif f.kind in ("text", "longtext"):
            value = "Written in plain words for the family."
        elif f.kind == "choice":
            value = f.options[0].value
        elif f.kind == "choices":
            value = [f.options[0].value]
        elif f.kind == "scale":
            value = 5
        elif f.kind in ("person", "people"):
            value = people[:2] if f.kind == "people" else people[0]
        else:  # repeat
            value = [{s.key: ("Nan will come round" if s.kind == "text" else None)
                      for s in f.fields}]
        answers[f.key] = value
    answers.update(chosen or {})
    for key in leave_empty:
        answers[key] = None
    return answers


def submit(case, version, key, answers):
    record = recording.start(case, version, key, "Player")
    people = {str(p.id) for p in recording.family_people(case)}
    errors = recording.submit(record, answers, record.revision, "Player", case, people)
    assert errors == {}, errors


def try_submit(case, version, key, answers):
    """A wrong answer may be submitted, or refused (answers that contradict each other, or
    a move the child's record cannot make from where it is): either way it must not pass."""
    record = recording.start(case, version, key, "Player")
    people = {str(p.id) for p in recording.family_people(case)}
    recording.submit(record, answers, record.revision, "Player", case, people)


def wrong_then_right(run, step, case, version):
    check = step.check
    definition = recording.registry().form(version, check.form)
    family = recording.family_people(case)
    people = [str(p.id) for p in family]
    wanted = check.answers.get(version, {})
    chosen = dict(wanted)
    for key in check.names_someone.get(version, []):
        f = definition.field(key)
        chosen[key] = [{f.fields[0].key: f"{family[0].first_name} will ring Nan",
                        **{s.key: family[0].first_name for s in f.fields[1:]
                           if s.kind == "text"}}] if f.kind == "repeat" else \
            f"{family[0].first_name} will ring Nan"
    if check.kind == "form_started":
        assert runner.still_needed(run)
        recording.start(case, version, check.form, "Player")
        return
    # Wrong: a draft does not count; nor does a different decision or an empty answer.
    # The case is put back where it was after them, as each may move it on.
    where = {c.name: getattr(case, c.name) for c in Case.__table__.columns}
    draft = recording.start(case, version, check.form, "Player")
    recording.save(draft, fill(definition, people, chosen), draft.revision, "Player")
    assert runner.still_needed(run), "a draft passed a submit check"
    if wanted:
        key, value = next(iter(wanted.items()))
        other = next(o.value for o in definition.field(key).options if o.value != value)
        try_submit(case, version, check.form, fill(definition, people, {**chosen, key: other}))
        assert runner.still_needed(run), "a different decision passed"
    empty = [k for k in check.filled.get(version, []) if not definition.field(k).required]
    if empty:
        try_submit(case, version, check.form, fill(definition, people, chosen, empty))
        assert runner.still_needed(run), "empty answers passed"
    if check.names_someone.get(version):
        generic = {k: ([{s.key: "Someone" for s in definition.field(k).fields
                         if s.kind == "text"}] if definition.field(k).kind == "repeat"
                       else "Someone") for k in check.names_someone[version]}
        try_submit(case, version, check.form, fill(definition, people, {**chosen, **generic}))
        assert runner.still_needed(run), "a plan naming nobody passed"
    for column, value in where.items():
        setattr(case, column, value)
    db.session.commit()
    submit(case, version, check.form, fill(definition, people, chosen))


@pytest.mark.parametrize("key, version", PLAYS)
def test_scenario_plays_through(app, make, key, version):
    tenant = make.tenant("room-1", seed=5, families=45)
    tenant.form_version = version
    db.session.commit()
    user = make.user("trainee", tenant=tenant)
    tenancy.enter(tenant.id)
    run = runner.start(user, tenant, key)
    case = db.session.scalar(select(Case).where(Case.id == run.case_id))
    scenario = runner.scenario_of(run)
    assert scenario.start_case["stage"] == case.stage
    for number, step in enumerate(scenario.steps):
        assert runner.current_step(run) is step
        check = step.check
        if check.kind == "visited":
            assert runner.still_needed(run)
            runner.note_page(run, "cases.tenant_home" if check.page != "families"
                             else "cases.family")
            assert runner.still_needed(run) or check.page in ("families", "family")
            runner.note_page(run, PAGES[check.page])
        elif check.kind == "chronology_added":
            assert runner.still_needed(run)
            other = "meeting" if check.chronology_kind != "meeting" else "visit"
            data = {"occurred_on": date.today(), "title": "T", "detail": "D", "source": "S"}
            chronology.add(case, {**data, "kind": other})
            assert runner.still_needed(run)
            chronology.add(case, {**data, "kind": check.chronology_kind})
        elif check.kind == "stage":
            pass  # reached by the forms submitted in earlier steps
        else:
            wrong_then_right(run, step, case, version)
        assert runner.still_needed(run) is None, (number, step.title, runner.still_needed(run))
        runner.advance(run)
    assert runner.current_step(run) is None and run.finished_at is not None
