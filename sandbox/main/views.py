from flask import Blueprint, g, jsonify, redirect, render_template, url_for
from sqlalchemy import text

from sandbox.core.extensions import db
from sandbox.core.permissions import public, requires

bp = Blueprint("main", __name__)


@bp.route("/")
@requires("signed_in")
def home():
    user = g.user
    if not user.can("enter_any_tenant") and user.tenant is not None:
        return redirect(url_for("cases.tenant_home", tenant_name=user.tenant.name))
    return render_template("main/home.html")


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        db.session.rollback()
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "degraded", database=database,
                   engine=db.engine.dialect.name), status
