"""Blueprints whose pages live inside one tenant: /t/<tenant name>/...

`tenant_blueprint` is the one place a request enters a tenant: it finds the tenant, checks
the person may open it (404 if not, so other tenants' names are not confirmed), scopes
every query to it and holds it at its generation, so that a reset under the request is
noticed by its next write (sandbox.core.tenancy.hold); a form sent from a page opened before
a reset is refused before anything is read (`copy_field`). Such a request is answered by
`reset_notice`: a 409 that gives back what the person had typed. Each page a person
opens inside a tenant is told as `page_viewed` (sandbox.core.signals; the scenario runner
listens). Which tenant a name is, is the tenants area's to say: it puts its reader in
`app.extensions["live_tenant"]` (sandbox.tenants.init_app), so this layer imports no area.
"""

from contextlib import suppress

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    render_template,
    request,
    session,
)
from markupsafe import Markup

from sandbox.core import signals, tenancy
from sandbox.core.extensions import db

# Every form on a page inside a tenant sends back the copy the page was opened in (its id
# and generation): after a reset, record ids are used again by the fresh copy, possibly
# for another child, so a page opened before it must not write into it.
OPENED_FIELD = "opened_in"
OPENED_BEFORE_RESET = ("This training copy was reset to its starting point after you opened "
                       "this page, so what you sent was not saved.")


def _copy_mark(tenant) -> str:
    return f"{tenant.id}.{tenant.generation}"


def copy_field() -> Markup:
    """The hidden field that ties a form to the training copy its page was opened in."""
    tenant = g.get("tenant")
    if tenant is None:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        OPENED_FIELD, _copy_mark(tenant))



def tenant_blueprint(name: str, import_name: str, prefix: str = "") -> Blueprint:
    bp = Blueprint(name, import_name, url_prefix=f"/t/<tenant_name>{prefix}")

    @bp.url_value_preprocessor
    def _pull_tenant_name(_endpoint, values):
        g.tenant_name = values.pop("tenant_name")

    @bp.url_defaults
    def _add_tenant_name(_endpoint, values):
        if "tenant" in g:
            values.setdefault("tenant_name", g.tenant.name)

    @bp.before_request
    def _enter_tenant():
        tenant = _live(g.tenant_name)
        if tenant is not None and not g.user.may_enter(tenant):
            # A reset may have swapped in the tenant's fresh copy (and moved its trainees
            # to it) between reading the person and reading the tenant: read both again.
            db.session.refresh(g.user)
            tenant = _live(g.tenant_name)
        if tenant is None or not g.user.may_enter(tenant):
            abort(404)
        g.tenant = tenant
        tenancy.enter(tenant.id, tenant.generation)
        g.presenting = _presenting(tenant)
        # Every copy the form names must be this one (a page sends it once; a form sent
        # without it is someone's own request into their own copy, checked by revision).
        opened = request.form.getlist(OPENED_FIELD) if request.method == "POST" else []
        if any(mark != _copy_mark(tenant) for mark in opened):
            raise tenancy.TenantChanged(OPENED_BEFORE_RESET)

    @bp.after_request
    def _tell_listeners(response):
        # A reset as the page was sent: what a listener would note went with the reset.
        if request.method == "GET" and response.status_code == 200:
            with suppress(tenancy.TenantChanged):
                signals.page_viewed.send(current_app._get_current_object(),
                                         endpoint=request.endpoint,
                                         view_args=request.view_args or {})
        return response

    bp.register_error_handler(tenancy.TenantChanged, lambda error: reset_notice(str(error)))
    return bp


PRESENT = "present"  # the copy shown full screen, kept in the signed session cookie


def _presenting(tenant) -> bool:
    """Full screen for the front of the room: `?present=1` turns it on for this training
    copy and it stays on, page after page, until `?present=0` (the page's "Leave full
    screen") turns it off."""
    asked = request.args.get(PRESENT)
    if asked == "1":
        session[PRESENT] = tenant.name
    elif asked == "0":
        session.pop(PRESENT, None)
    return session.get(PRESENT) == tenant.name


def _live(name: str):
    return current_app.extensions["live_tenant"](name)


OPENING_DURING_RESET = ("This training copy was reset just as this page was opening. Open it "
                        "again from the families.")

# Fields a page sends that the person did not type.
_NOT_TYPED = {"csrf_token", "revision", "editor", "sitting", "action", "mine", "next",
              OPENED_FIELD}


def reset_notice(message: str):
    """The answer to a request whose tenant was reset under it: 409, with everything the
    person had typed on the page, so that nothing is lost."""
    name = g.get("tenant_name")
    # The rest of this response is outside the tenant: it was reset, and nothing more
    # is read from or written to the copy the request began in.
    g.pop("tenant", None)
    tenancy.enter(None)
    if request.method == "GET":
        message = OPENING_DURING_RESET
    if request.accept_mimetypes.best == "application/json":  # autosave and the like
        return {"error": message}, 409
    typed = [(key.removeprefix("f-"), value) for key, value in request.form.items(multi=True)
             if key not in _NOT_TYPED and value.strip()]
    return make_response(render_template("errors/reset_notice.html", message=message,
                                         typed=typed, tenant_name=name), 409)
