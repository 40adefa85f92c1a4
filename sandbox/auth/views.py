from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from sandbox.audit import log
from sandbox.auth import lockouts, throttle
from sandbox.auth.passwords import check_new_password
from sandbox.auth.session import end_session, end_sessions, open_sessions, start_session
from sandbox.auth.webforms import ChangePasswordForm, ClearLockoutForm, SignInForm
from sandbox.core.limits import Refused
from sandbox.core.permissions import public, requires
from sandbox.core.received import site_path
from sandbox.core.transactions import transaction
from sandbox.web.widgets import render_form

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        try:
            user = throttle.check_password(username, form.password.data, log.address())
        except Refused as refusal:
            log.record("sign_in_blocked", detail=refusal.limit.label, actor=username,
                       succeeded=False)
            form.username.errors.append(str(refusal))
            return render_template("auth/sign_in.html", form=form), 429
        if user is not None:
            start_session(user, log.address())
            log.record("sign_in", actor=user.username)
            return throttle.remember_device(
                redirect(site_path(request.args.get("next"), url_for("main.home"))),
                user.username)
        log.record("sign_in_failed", actor=username, succeeded=False)
        form.username.errors.append("Enter a correct username and password")
    return render_form("auth/sign_in.html", form)


@bp.route("/sign-out", methods=["POST"])
@requires("signed_in")
def sign_out():
    log.record("sign_out")
    end_session()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))


@bp.route("/sign-out-everywhere", methods=["POST"])
@requires("signed_in")
def sign_out_everywhere():
    with transaction():
        ended = end_sessions(g.user, "signed out everywhere")
        log.record("sign_out_everywhere", detail=f"{ended} session(s) ended")
    end_session()
    flash("You have signed out everywhere: on this device and every other.")
    return redirect(url_for("auth.sign_in"))


@bp.route("/account")
@requires("signed_in")
def account():
    return render_template("auth/account.html", sessions=open_sessions(g.user),
                           current=g.get("sign_in_session"))


@bp.route("/account/password", methods=["GET", "POST"])
@requires("signed_in")
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = g.user
        try:
            right = throttle.check_password(user.username, form.current.data, log.address())
        except Refused as refusal:
            form.current.errors.append(str(refusal))
            return render_template("auth/change_password.html", form=form), 429
        problem = check_new_password(form.new.data, user.username, user.full_name)
        if right is None:
            log.record("password_change_refused", succeeded=False)
            form.current.errors.append("Your current password is not right")
        elif problem:
            form.new.errors.append(problem)
        else:
            with transaction():
                user.set_password(form.new.data)
                ended = end_sessions(user, "password changed", keep_current=True)
                log.record("password_changed", detail=f"{ended} other session(s) ended")
            flash("Your password has been changed. You have been signed out on every other "
                  "device.")
            return redirect(url_for("auth.account"))
    return render_form("auth/change_password.html", form)


@bp.route("/lockouts")
@requires("clear_lockouts")
def lockouts_list():
    return render_template("auth/lockouts.html", accounts=lockouts.accounts(g.user),
                           addresses=lockouts.addresses(g.user, log.address()),
                           in_use=log.address(), everyone=lockouts.sees_everyone(g.user))


@bp.route("/lockouts/clear", methods=["POST"])
@requires("clear_lockouts")
def clear_lockout():
    form = ClearLockoutForm()
    if not form.validate_on_submit():
        abort(400)
    account, address = (form.account.data or "").strip(), (form.address.data or "").strip()
    if account:
        done = lockouts.clear_account(g.user, account)
        what = account
    elif address:
        done = lockouts.clear_address(g.user, address, log.address())
        what = address
    else:
        abort(400)
    if not done:
        abort(403)
    flash(f"{what} can try again now.")
    return redirect(url_for("auth.lockouts_list"))
