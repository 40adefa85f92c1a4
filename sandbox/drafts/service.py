"""Draft next versions of a form: written by the working group from a change request,
checked as a definition file would be, and tried in a sandbox tenant before agreeing.

A tenant trying draft N records with the version set `draft-N`: the draft's base set
with the one form replaced. Forms already on record keep the version they were made in.
"""

import hashlib
import re
from dataclasses import replace

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from sandbox.core import signals
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.drafts.editor import EditError
from sandbox.drafts.models import FormDraft
from sandbox.forms.definitions import DefinitionError, FormDef
from sandbox.recording.service import registry
from sandbox.tenants import service as tenants
from sandbox.tenants.models import LIVE, Tenant

SET_NAME = re.compile(r"^draft-(\d{1,9})$")
MAX_SOURCE = 200_000  # characters: the longest shipped form is about a tenth of this
TRY_FAMILIES = 8  # a small tenant: enough cases at every stage to try the form on


class DraftError(ServiceError):
    """The draft cannot be made or saved; the message says why in one line."""


def _parse(draft_id: int, base_set: str, source: str) -> FormDef:
    return replace(registry().parse(source, base_set, f"draft {draft_id}"), draft=True)


_parsed: dict[tuple, FormDef] = {}


def init_app(app):
    signals.version_set_wanted.connect(overlay)


def overlay(_registry, version_set: str) -> dict[str, FormDef] | None:
    """The forms of `draft-N`: the base set with draft N's form in place."""
    match = SET_NAME.match(version_set)
    draft = db.session.get(FormDraft, int(match.group(1))) if match else None
    if draft is None:
        return None
    key = (draft.id, draft.updated_at, draft.source)
    if key not in _parsed:
        try:
            parsed = _parse(draft.id, draft.base_set, draft.source)
        except DefinitionError:
            # Written before the definitions changed under it (a draft of the old `stage:`
            # effects): its tenant records with the shipped form until the draft is
            # corrected and saved again (saving names the problem).
            return registry().set_of(draft.base_set)
        _parsed.clear()  # one draft is tried at a time; keep the cache small
        _parsed[key] = parsed
    return {**registry().set_of(draft.base_set), draft.form_key: _parsed[key]}


def target_form(target: str) -> tuple[str, str] | None:
    """(version set, form key) a change request's target names, if it names a form."""
    parts = target.split("/")
    if len(parts) >= 2 and registry().form(parts[0], parts[1]) is not None:
        return parts[0], parts[1]
    return None


def _next_version(source: str, version: int) -> str:
    return re.sub(r"(?m)^version:\s*\d+\s*$", f"version: {version + 1}", source, count=1)


def start(change, by: str) -> FormDraft:
    """A draft of the next version of the form `change` targets, or the one already made."""
    found = target_form(change.target)
    if found is None:
        raise DraftError("This request does not name a form, so there is no form to draft")
    base_set, key = found
    existing = db.session.scalar(select(FormDraft).where(
        FormDraft.change_request_id == change.id, FormDraft.form_key == key,
        FormDraft.base_set == base_set))
    if existing is not None:
        return existing
    current = registry().form(base_set, key)
    with transaction():
        draft = FormDraft(form_key=key, base_set=base_set, change_request_id=change.id,
                          source=_next_version(current.path.read_text(encoding="utf-8"),
                                               current.version),
                          created_by=by, updated_by=by)
        db.session.add(draft)
    return draft


def check(draft: FormDraft, source: str) -> FormDef:
    """The draft's text as a form, or DraftError naming the line at fault."""
    source = (source or "").replace("\r\n", "\n")
    if not source.strip():
        raise DraftError("Enter the form's definition")
    if len(source) > MAX_SOURCE:
        raise DraftError(f"The definition must be shorter than {MAX_SOURCE:,} characters")
    try:
        form = _parse(draft.id, draft.base_set, source)
    except DefinitionError as problem:
        raise DraftError(str(problem)) from None
    if form.key != draft.form_key:
        raise DraftError(f"draft {draft.id}:1: the key must stay '{draft.form_key}'")
    current = registry().form(draft.base_set, draft.form_key)
    if form.version <= current.version:
        raise DraftError(f"draft {draft.id}:1: the version must be higher than "
                         f"{current.version}, the version in use")
    return form


class DraftConflict(DraftError):
    """Someone else saved the draft after this person's page was drawn."""


def fingerprint(source: str) -> str:
    """What a page remembers of the text it showed, to tell whether it changed since."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:24]


CHANGED_SINCE = ("Someone else changed the draft since you opened this page, so your change "
                 "was not saved: the draft is shown as it is now")


def save(draft: FormDraft, source: str, by: str, seen: str | None = None) -> FormDraft:
    """Write the draft's text, checked. With `seen` (the fingerprint of the text the person
    started from), only if nobody saved since: of two saves at once, one is written and
    the other is told (the first statement takes the draft's row, as in try_out)."""
    source = (source or "").replace("\r\n", "\n")
    check(draft, source)
    with transaction():
        db.session.execute(update(FormDraft).where(FormDraft.id == draft.id)
                           .values(updated_at=FormDraft.updated_at)
                           .execution_options(synchronize_session=False))
        db.session.refresh(draft)
        if seen is not None and fingerprint(draft.source) != seen:
            raise DraftConflict(CHANGED_SINCE)
        draft.source = source
        draft.updated_by, draft.updated_at = by, utcnow()
    return draft


LINE = re.compile(r"^draft \d+:\d+: ")


def change(draft: FormDraft, seen: str, edit, by: str) -> FormDraft:
    """One question-by-question change (`edit`: the text as it is -> the text changed,
    sandbox.drafts.editor), made only on the text the person saw, and checked as the text
    box is; a problem in plain words, without the text's line numbers."""
    if seen != fingerprint(draft.source):
        raise DraftConflict(CHANGED_SINCE)
    changed = edit(draft.source)
    try:
        check(draft, changed)
    except DraftError as problem:
        raise EditError("The form would not work after this change: "
                        + LINE.sub("", str(problem))) from None
    return save(draft, changed, by, seen)


def trial_tenant(draft: FormDraft) -> Tenant | None:
    """The tenant this draft made to try itself in, if it is still there."""
    tenant = db.session.get(Tenant, draft.tenant_id) if draft.tenant_id else None
    return tenant if tenant is not None and tenant.state == LIVE else None


def _free_name(draft: FormDraft) -> str:
    """`try-draft-N`, kept for drafts (sandbox.tenants.service.RESERVED); should a tenant
    of that name be left from before names were kept, the next free `try-draft-N-2`..."""
    name, n = f"try-draft-{draft.id}", 1
    while db.session.scalar(select(Tenant.id).where(Tenant.name == name)) is not None:
        n += 1
        name = f"try-draft-{draft.id}-{n}"
    return name


def try_out(draft: FormDraft, by: str) -> Tenant:
    """A small tenant recording with the draft: made the first time, reset after. Of two
    people trying a draft at the same moment, one makes (or resets) the tenant and the
    other is told, in one transaction each."""
    had = draft.tenant_id
    with transaction():
        # The first statement takes the draft's row (on SQLite, the database) for writing:
        # a second "Try it" waits here, then sees what the first one did.
        db.session.execute(update(FormDraft).where(FormDraft.id == draft.id)
                           .values(updated_at=FormDraft.updated_at)
                           .execution_options(synchronize_session=False))
        db.session.refresh(draft)
        if draft.tenant_id != had:
            made = trial_tenant(draft)
            raise DraftError("Someone else made this draft's sandbox tenant a moment ago"
                             + (f": open '{made.name}' to try the draft." if made else "."))
        tenant = trial_tenant(draft)
        if tenant is None:
            tenant = tenants.create_from_seed(_free_name(draft), draft.id, TRY_FAMILIES,
                                              by=by, form_version=draft.base_set, system=True)
            tenant.form_version = draft.version_set
            draft.tenant_id = tenant.id
            return tenant
    # Tried before: back to the start (of two resets at once, one goes ahead and the
    # other is told, sandbox.tenants.service.reset).
    return tenants.reset(tenant)


def delete(draft: FormDraft) -> None:
    """Remove the draft and the one tenant it made; refused while other tenants record
    with it."""
    tenant = trial_tenant(draft)
    others = db.session.scalars(select(Tenant.name).where(
        Tenant.form_version == draft.version_set, Tenant.state == LIVE,
        Tenant.id != (tenant.id if tenant else None))).all()
    if others:
        raise DraftError(f"Tenant '{others[0]}' records with this draft: delete it first")
    if tenant is not None:
        tenants.delete(tenant)
    with transaction():
        db.session.delete(draft)


def drafts() -> list[FormDraft]:
    return db.session.scalars(select(FormDraft).options(selectinload(FormDraft.tenant))
                              .order_by(FormDraft.id.desc())).all()


def drafts_for(change_request_id: int) -> list[FormDraft]:
    return db.session.scalars(select(FormDraft).where(
        FormDraft.change_request_id == change_request_id).order_by(FormDraft.id)).all()
