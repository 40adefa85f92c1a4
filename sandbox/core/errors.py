"""The one kind of error a person can put right.

Every area's errors subclass `ServiceError`: the message says in one line what cannot be
done and why; `field` names the form field it belongs to, where there is one; `details`
are further lines (an imported file's problems, say), already cut to a handful. The web
layer shows one next to its field or as a message on the page (sandbox.web.outcomes), the
command line as one line on stderr (sandbox.cli); any other exception is a bug and is
shown as one.
"""


class ServiceError(Exception):
    def __init__(self, message: str, field: str | None = None,
                 details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = list(details or [])
