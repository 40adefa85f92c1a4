from sandbox.auth.views import bp

__all__ = ["bp"]
