from sandbox.scenarios.session_views import bp as sessions_bp
from sandbox.scenarios.views import bp, init_app

__all__ = ["bp", "init_app", "sessions_bp"]
