from flask import Blueprint, flash, redirect, render_template, request, url_for

from sandbox.audit import log
from sandbox.auth import throttle
from sandbox.auth.forms import SignInForm
from sandbox.auth.session import authenticate, end_session, start_session
from sandbox.forms_util import render_form
from sandbox.permissions import public, requires
from sandbox.received import site_path

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        refusal = throttle.blocked(username, log.address())
        if refusal:
            log.record("sign_in_blocked", actor=username, succeeded=False)
            form.username.errors.append(refusal)
            return render_template("auth/sign_in.html", form=form), 429
        user = authenticate(form.username.data, form.password.data)
        if user is not None:
            start_session(user)
            log.record("sign_in", actor=user.username)
            return redirect(site_path(request.args.get("next"), url_for("main.home")))
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
