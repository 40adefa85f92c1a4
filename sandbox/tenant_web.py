"""Blueprints whose pages live inside one tenant: /t/<tenant name>/...

`tenant_blueprint` is the one place a request enters a tenant: it finds the tenant, checks
the person may open it (404 if not, so other tenants' names are not confirmed) and scopes
every query to it. Other areas (the scenario runner) can listen to each page a person
opens inside a tenant with `on_page_view`.
"""

from collections.abc import Callable

from flask import Blueprint, abort, g, request
from sqlalchemy import select

from sandbox import tenancy
from sandbox.extensions import db
from sandbox.tenants.models import LIVE, Tenant

_page_listeners: list[Callable] = []


def on_page_view(listener: Callable) -> Callable:
    """Call `listener(endpoint, view_args)` after each page shown inside a tenant."""
    _page_listeners.append(listener)
    return listener


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
        tenant = db.session.scalar(select(Tenant).where(Tenant.name == g.tenant_name,
                                                       Tenant.state == LIVE))
        if tenant is None or not g.user.may_enter(tenant):
            abort(404)
        g.tenant = tenant
        tenancy.enter(tenant.id)

    @bp.after_request
    def _tell_listeners(response):
        if request.method == "GET" and response.status_code == 200:
            for listener in _page_listeners:
                listener(request.endpoint, request.view_args or {})
        return response

    return bp
