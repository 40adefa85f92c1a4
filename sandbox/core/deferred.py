"""Work that need not keep a person waiting: run after the response has been sent.

Inside a request (when DEFER_WORK is on) the work runs in the same process once the
response is complete, with its own app context and database session; anywhere else
(commands, tests) it runs at once. It takes ids, not database objects, and never fails
the request: a problem is logged, and the work is such that the next run catches up.
Under gunicorn the work is bounded as its request is (WEB_TIMEOUT, gunicorn.conf.py).
"""

from flask import after_this_request, current_app, has_request_context

from sandbox.core.extensions import db


def after_response(work, *args) -> None:
    if not (has_request_context() and current_app.config.get("DEFER_WORK")):
        work(*args)
        return
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            try:
                work(*args)
            except Exception:
                app.logger.exception("Deferred %s failed", getattr(work, "__name__", work))
            finally:
                db.session.remove()

    @after_this_request
    def _when_sent(response):
        response.call_on_close(run)
        # The browser's next request (the page it is sent on to) goes on another
        # connection, not behind this work (sandbox.core.serving).
        response.headers["Connection"] = "close"
        return response
