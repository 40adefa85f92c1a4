"""How a page answers a `ServiceError` (sandbox.core.errors): the one place the catching,
showing and flashing around service calls lives.

- `shown_on(form, fallback)`: the problem goes next to the field it names (else next to
  `fallback`) and the page is drawn again, 400: the block ends with the page's success
  (a flash and a redirect) and the view goes on to draw the form.
- `flashed()`: the problem is a message on the next page; the block holds the success
  message, and the view redirects either way.
- Anything not caught by these is answered by the pipeline: 400 with the message (JSON
  for autosave and the like).
"""

from contextlib import contextmanager

from flask import flash

from sandbox.core.errors import ServiceError


@contextmanager
def shown_on(form, fallback: str):
    try:
        yield
    except ServiceError as problem:
        show_problem(form, problem, fallback)


@contextmanager
def flashed():
    try:
        yield
    except ServiceError as problem:
        flash(str(problem), "error")


def show_problem(form, problem: Exception, fallback: str) -> None:
    """Put a service's one-line problem next to the field it names, else on `fallback`."""
    field = getattr(form, getattr(problem, "field", None) or "", None) or getattr(form, fallback)
    field.errors = [*field.errors, str(problem)]
