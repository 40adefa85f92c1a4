"""Time and motion: time on forms, time-tracking studies, reports and form analysis."""


def init_app(app):
    from sandbox.timing import capture, models, views  # noqa: F401
    from sandbox.timing.cli import timings

    app.register_blueprint(views.bp)
    app.cli.add_command(timings)
    capture.init_app(app)
