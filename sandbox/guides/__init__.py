from sandbox.guides.views import bp

__all__ = ["bp"]
