from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from sandbox.admin import users
from sandbox.admin.webforms import EditUserForm, NewUserForm
from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.core.extensions import db
from sandbox.core.permissions import requires
from sandbox.web.params import whole_number
from sandbox.web.problems import shown_on
from sandbox.web.widgets import render_form

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@requires("manage_users")
def users_list():
    return render_template("admin/users.html", users=users.all_users())


@bp.route("/users/new", methods=["GET", "POST"])
@requires("manage_users")
def new_user():
    form = NewUserForm()
    form.tenant.choices = users.tenant_choices()
    if form.validate_on_submit():
        with shown_on(form, "full_name"):
            user = users.create_user(form.username.data, form.full_name.data, form.role.data,
                                     form.password.data, form.tenant.data)
            flash(f"Account created for {user.full_name} ({user.username}).")
            return redirect(url_for("admin.users_list"))
    return render_form("admin/user_form.html", form, title="Add a user")


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("manage_users")
def edit_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = EditUserForm(obj=user, tenant=user.tenant.name if user.tenant else "")
    form.tenant.choices = users.tenant_choices()
    if form.validate_on_submit():
        with shown_on(form, "full_name"):
            users.update_user(user, g.user, form.full_name.data, form.role.data,
                              form.tenant.data, form.active.data, form.password.data,
                              form.is_chair.data)
            flash(f"Changes to {user.full_name} saved.")
            return redirect(url_for("admin.users_list"))
    return render_form("admin/user_form.html", form, title=f"Edit {user.username}", user=user)


AUDIT_PER_PAGE = 50


@bp.route("/audit")
@requires("read_audit")
def audit():
    action = request.args.get("action", "")
    if action and action not in log.ACTIONS:
        abort(404)
    actor = request.args.get("actor", "").strip()[:64]
    page = whole_number(request.args.get("page")) or 1
    rows, total = log.events(action, actor, page, AUDIT_PER_PAGE)
    pages = max(1, -(-total // AUDIT_PER_PAGE))
    if page > pages:
        abort(404)
    return render_template("admin/audit.html", rows=rows, total=total, page=page, pages=pages,
                           action=action, actor=actor, actions=log.ACTIONS)
