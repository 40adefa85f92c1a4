from sandbox.cases.views import bp
from sandbox.recording import views as form_views  # noqa: F401 - registers the recording routes

__all__ = ["bp"]
