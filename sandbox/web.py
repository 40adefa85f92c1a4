"""What every request goes through: who is signed in, whether they may use the page,
security headers, error pages and what templates can see."""

import secrets
from datetime import timedelta
from pathlib import Path

from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError
from govuk_frontend_wtf.main import WTFormsHelpers
from werkzeug.exceptions import HTTPException

from sandbox import filters, tenant_web
from sandbox.auth.session import load_signed_in_user
from sandbox.navigation import home_items, navigation_for
from sandbox.permissions import PUBLIC, public
from sandbox.received import CONTROL_CHARACTER, Refused, control_character, read_json
from sandbox.tenancy import TenantChanged

ERROR_TITLES = {
    400: "There was a problem with your request",
    403: "You do not have access to this page",
    404: "Page not found",
    405: "That action is not available here",
    409: "This has changed since you opened it",
    413: "What you sent is too large",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is unavailable",
}


def init_app(app):
    WTFormsHelpers(app)
    filters.init_app(app)
    app.jinja_env.globals["copy_field"] = tenant_web.copy_field
    app.jinja_env.globals["home_items"] = home_items
    # The browser may keep the cookie this long; the server decides whether the session
    # it names is still open (sandbox.auth.session).
    app.permanent_session_lifetime = timedelta(hours=app.config["SESSION_MAX_HOURS"])
    # Flask's own static view must be declared public like any other.
    app.view_functions["static"] = public(app.view_functions["static"])
    # GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/.
    app.add_url_rule("/assets/<path:filename>", "govuk_assets", public(_govuk_asset))
    app.before_request(_before_request)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    # Inside a tenant the tenant blueprint answers (sandbox.tenant_web.reset_notice).
    app.register_error_handler(TenantChanged, _tenant_changed)
    app.register_error_handler(Exception, _unexpected_error)
    app.context_processor(_template_context)


def _govuk_asset(filename: str):
    return send_from_directory(Path(current_app.static_folder) / "vendor/govuk/assets", filename,
                               max_age=31536000)


def _before_request():
    g.csp_nonce = secrets.token_urlsafe(16)
    # Files may be up to MAX_CONTENT_LENGTH; a page of answers only MAX_FORM_MEMORY_SIZE
    # (Werkzeug applies that limit to multipart bodies only).
    if request.mimetype != "multipart/form-data" and \
            (request.content_length or 0) > current_app.config["MAX_FORM_MEMORY_SIZE"]:
        abort(413)
    g.user = load_signed_in_user()
    _refuse_what_cannot_be_text()
    view = current_app.view_functions.get(request.endpoint)
    if view is None:
        return None  # Flask answers 404 or 405 itself
    permission = getattr(view, "permission", None)
    if permission == PUBLIC:
        return None
    if permission is None:
        abort(403)  # a view that forgot to declare what it needs is refused
    if g.user is None:
        return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
    if not g.user.can(permission):
        abort(403)
    return None


def _refuse_what_cannot_be_text():
    """400 for a control character anywhere in the path, query, form or JSON body: one
    check for every page, before anything reaches the database."""
    sent = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if control_character(request.path, in_url=True) is not None or any(
            control_character(text) is not None for pair in sent for text in pair):
        abort(400, CONTROL_CHARACTER)
    if request.is_json:
        try:
            read_json(request.get_data(), "What you sent")
        except Refused as problem:
            abort(400, str(problem))


# Nothing in the sandbox uses these browser features; no page (or anything it embeds) may.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking"))


def _security_headers(response):
    response.headers.setdefault(
        "Content-Security-Policy",
        f"default-src 'self'; script-src 'self' 'nonce-{g.get('csp_nonce', '')}'; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if request.is_secure or current_app.config["SESSION_COOKIE_SECURE"]:
        # Served over HTTPS: browsers are to use nothing else for a year.
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if g.get("user") is not None:
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_page(code: int, message: str | None = None):
    return render_template("errors/error.html", code=code, title=ERROR_TITLES.get(code, "Error"),
                           message=message), code


TOO_LARGE = ("What you sent is larger than this service accepts: at most {files} MB for a "
             "file and {page} KB for a page of answers. Go back: what you typed is still "
             "on that page; shorten it or split the file.")


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    message = error.description if error.code in (400, 409) else None
    if error.code == 413:
        message = TOO_LARGE.format(files=current_app.config["MAX_CONTENT_LENGTH"] // 2**20,
                                   page=current_app.config["MAX_FORM_MEMORY_SIZE"] // 1024)
    if request.accept_mimetypes.best == "application/json":  # autosave and the like
        return {"error": message or ERROR_TITLES.get(error.code, "Error")}, error.code
    return _error_page(error.code, message)


def _csrf_error(error: CSRFError):
    return _error_page(400, "The form was open for too long or was sent from somewhere else. "
                            "Go back, refresh the page and try again.")


def _tenant_changed(error: TenantChanged):
    """A reset that lost to another one at the same moment (a trainer's page): 409."""
    if request.accept_mimetypes.best == "application/json":
        return {"error": str(error)}, 409
    return _error_page(409, str(error))


def _unexpected_error(error: Exception):
    current_app.logger.exception("Unexpected error on %s", request.path)
    return _error_page(500)


def _template_context():
    return {
        "service_name": current_app.config["SERVICE_NAME"],
        "current_user": g.get("user"),
        "current_tenant": g.get("tenant"),
        "navigation": navigation_for(g.get("user"), request.endpoint),
        "csp_nonce": g.get("csp_nonce"),
        "session_minutes": current_app.config["SESSION_IDLE_MINUTES"],
        "session_hours": current_app.config["SESSION_MAX_HOURS"],
        "session": session,
        "form_registry": current_app.extensions["forms"],
        "form_definition": lambda record: current_app.extensions["forms"].form(
            record.version_set, record.form_key),
    }
