from sandbox.feedback.views import bp, init_app

__all__ = ["bp", "init_app"]
