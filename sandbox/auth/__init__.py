"""Signing in and out, sessions, passwords, lockouts and limits on attempts."""


def init_app(app):
    from sandbox.auth import models
    from sandbox.auth.session import load_signed_in_user, stand_in_hash
    from sandbox.auth.views import bp
    from sandbox.core import signals

    signals.tenant_removed.connect(models.leave_tenant)

    app.register_blueprint(bp)
    app.extensions["load_user"] = load_signed_in_user  # who is signed in (sandbox.web.pipeline)
    # Made now, so that not even the first sign-in to an unknown account takes longer.
    stand_in_hash(app.config["PASSWORD_HASH_METHOD"])
