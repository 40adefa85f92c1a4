"""Navigational training on the real pages: guided tours that move on when the person does
the real thing, and learning paths of tours and scenarios for each kind of new starter."""


def init_app(app):
    from sandbox.tours import (
        definitions,
        models,  # noqa: F401
        views,
    )

    library = definitions.load()
    app.extensions["tours"] = library
    for problem in library.problems:
        app.logger.warning("Tour or learning path not offered: %s", problem)
    app.register_blueprint(views.bp)
    views.init_app(app)
