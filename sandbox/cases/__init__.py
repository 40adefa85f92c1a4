from sandbox.cases import form_views  # noqa: F401 - registers the recording routes
from sandbox.cases.views import bp

__all__ = ["bp"]
