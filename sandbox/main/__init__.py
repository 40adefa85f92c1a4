from sandbox.main.views import bp

__all__ = ["bp"]
