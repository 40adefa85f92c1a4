"""The working group's drafts of form definitions: writing, trying in a draft training
copy, comparing and publishing."""


def init_app(app):
    from sandbox.drafts import models, service, views  # noqa: F401

    app.register_blueprint(views.bp)
    service.init_app(app)
