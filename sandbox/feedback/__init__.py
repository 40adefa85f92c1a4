"""Feedback from the floor, the work queue, change requests, review rounds and the change
log."""


def init_app(app):
    from sandbox.feedback import (
        models,  # noqa: F401
        places,
        views,
    )

    app.register_blueprint(views.bp)
    views.init_app(app)
    places.init_app(app)
