"""Recording time on forms as people use them: a sitting opens with the form page, grows
with each sign of use, and closes when the form is saved or submitted. Recording says when
(sandbox.core.signals); this listens."""

from sqlalchemy import select

from sandbox.core import signals
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.scenarios import runner
from sandbox.scenarios.models import Seat
from sandbox.timing import active
from sandbox.timing.models import FormSitting
from sandbox.web.params import whole_number


def init_app(app):
    signals.form_opened.connect(_opened)
    signals.form_saved.connect(_sent)
    signals.form_submitted.connect(_submitted)
    signals.form_in_use.connect(_in_use)
    signals.form_missing.connect(_missing)


def _opened(_app, user, tenant, record, page):
    run = runner.request_run(user, tenant) if user.can("run_scenarios") else None
    page["sitting"] = open_sitting(user, tenant, record, run.scenario_key if run else None)


def _sent(_app, user, tenant, record, sitting):
    close(sitting, user, tenant, record, submitted=False)


def _submitted(_app, user, tenant, record, sitting):
    close(sitting, user, tenant, record, submitted=True)


def _in_use(_app, user, tenant, record, sitting) -> bool:
    return seen(sitting, user, tenant, record)


def _missing(_app, user, tenant, record, sitting) -> bool:
    return reset_since_opened(sitting, user, tenant)


def open_sitting(user, tenant, record, scenario_key: str | None) -> FormSitting:
    session_id = db.session.scalar(select(Seat.session_id).where(Seat.tenant_id == tenant.id))
    now = utcnow()
    with transaction(keep_loaded=True):
        sitting = FormSitting(
            tenant_id=tenant.id, tenant_name=tenant.name, session_id=session_id,
            user_id=user.id, username=user.username, record_id=record.id,
            record_started_at=record.started_at, case_id=record.case_id,
            form_key=record.form_key, version_set=record.version_set,
            definition_version=record.definition_version, scenario_key=scenario_key,
            opened_at=now, last_seen_at=now)
        db.session.add(sitting)
    return sitting


def _named(raw) -> FormSitting | None:
    """The sitting whose id a page sent, if there is one."""
    number = whole_number(raw)
    return db.session.get(FormSitting, number) if number is not None else None


def _find(raw, user, tenant, record) -> FormSitting | None:
    """The sitting the page names, only if it is this person's, on this form and tenant."""
    sitting = _named(raw)
    if sitting is None or (sitting.user_id, sitting.tenant_id, sitting.record_id,
                           sitting.record_started_at) != (user.id, tenant.id, record.id,
                                                          record.started_at):
        return None
    return sitting


def _apply(sitting: FormSitting, rule, at) -> None:
    state = rule(active.Sitting(sitting.opened_at, sitting.last_seen_at,
                                sitting.active_seconds, sitting.pings,
                                sitting.closed_at is not None, sitting.precise), at)
    sitting.last_seen_at, sitting.active_seconds = state.last_seen_at, state.active_seconds
    sitting.pings, sitting.precise = state.pings, state.precise
    if state.closed and sitting.closed_at is None:
        sitting.closed_at = at


def seen(raw, user, tenant, record) -> bool:
    """The page is in view and in use. False if the sitting is not one to count."""
    sitting = _find(raw, user, tenant, record)
    if sitting is None or sitting.closed_at is not None:
        return False
    with transaction(keep_loaded=True):
        _apply(sitting, active.seen, utcnow())
    return True


def close(raw, user, tenant, record, submitted: bool) -> None:
    sitting = _find(raw, user, tenant, record)
    if sitting is None:
        return
    with transaction():
        _apply(sitting, active.close, utcnow())
        sitting.submitted = sitting.submitted or submitted


def reset_since_opened(raw, user, tenant) -> bool:
    """Whether the page behind sitting `raw` (this person's, in this tenant) was opened
    before the tenant's last reset. Resets move sittings to the tenant's new copy."""
    if tenant.last_reset_at is None:
        return False
    sitting = _named(raw)
    return (sitting is not None and sitting.user_id == user.id
            and sitting.tenant_id == tenant.id and sitting.opened_at < tenant.last_reset_at)
