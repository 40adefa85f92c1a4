"""Training tenants ("training copies"): made, reset, snapshotted, exported and removed."""


def init_app(app):
    from sandbox.tenants import models, service  # noqa: F401 - models: its tables
    from sandbox.tenants.cli import tenant
    from sandbox.tenants.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(tenant)
    app.extensions["live_tenant"] = service.live_tenant  # sandbox.web.tenant
