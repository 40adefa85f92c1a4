from sandbox.admin.views import bp

__all__ = ["bp"]
