from sandbox.tenants.views import bp

__all__ = ["bp"]
