from sandbox.cases.views import bp

__all__ = ["bp"]
