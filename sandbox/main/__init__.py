"""The home page and the health check."""


def init_app(app):
    from sandbox.main.views import bp

    app.register_blueprint(bp)
