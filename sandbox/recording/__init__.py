"""Recording: forms on cases (the pages, the rules of starting, saving, submitting and
signing off, the records and their history).

Its pages live among the case pages (the `cases` blueprint, so their addresses and
endpoints are `cases.*`); it tells others what happens through sandbox.core.signals.
"""


def init_app(app):
    from sandbox.recording import models, views  # noqa: F401 - the form pages join the cases'
