"""Practice guidance in plain language (the guides/ folder)."""


def init_app(app):
    from sandbox.guides.views import bp

    app.register_blueprint(bp)
