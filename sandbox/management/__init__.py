"""Managers' training: a team manager's view of their team's cases inside a training copy.

There is no "team manager" login role. Managing is a part someone plays in a training
copy (sandbox.casework.pathway.CASE_ROLES), as a trainee on a managers' course does in
their seat, or a trainer at the front: so the team's cases are a page of the copy, read
by whoever may read its records, and the manager's own records (oversight, supervision)
are forms of the copy's form set that name the team manager as the one who records them.
"""


def init_app(app):
    from sandbox.management import models, views  # noqa: F401 - its tables and pages
    from sandbox.management.cli import audit_exercise

    app.register_blueprint(views.bp)
    app.register_blueprint(views.results_bp)
    app.cli.add_command(audit_exercise)
