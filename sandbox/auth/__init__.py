from sandbox.auth.session import stand_in_hash
from sandbox.auth.views import bp

__all__ = ["bp", "init_app"]


def init_app(app):
    # Made now, so that not even the first sign-in to an unknown account takes longer.
    stand_in_hash(app.config["PASSWORD_HASH_METHOD"])
