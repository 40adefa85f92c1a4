"""Families, people and their cases: the case pages of a training copy."""


def init_app(app):
    from sandbox.cases import filters, models  # noqa: F401
    from sandbox.cases.views import bp

    # Recording adds its pages to this blueprint first (sandbox.recording).
    app.register_blueprint(bp)
    filters.init_app(app)
