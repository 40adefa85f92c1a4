"""People's accounts and the audit log's page."""


def init_app(app):
    from sandbox.admin.cli import create_user
    from sandbox.admin.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(create_user)
