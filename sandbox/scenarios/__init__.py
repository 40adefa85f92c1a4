"""Training scenarios and the training sessions that run them."""


def init_app(app):
    from sandbox.scenarios import (
        models,  # noqa: F401
        views,
    )
    from sandbox.scenarios.cli import session_cli
    from sandbox.scenarios.floor_views import bp as floor_bp
    from sandbox.scenarios.session_views import bp as sessions_bp

    app.register_blueprint(views.bp)
    app.register_blueprint(sessions_bp)
    app.register_blueprint(floor_bp)
    views.init_app(app)
    app.cli.add_command(session_cli)
