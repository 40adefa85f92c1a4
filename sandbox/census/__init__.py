"""The Children in Need census: a training copy's return as the DfE's XML, checked by the
DfE's own rules (the csc-validator-be-cin package), problem by problem against the form
and question that caused it."""


def init_app(app):
    from sandbox.census import hotspots, models, views  # noqa: F401 - models: its table
    from sandbox.census.cli import census_group
    from sandbox.core import signals

    app.register_blueprint(views.bp)
    app.register_blueprint(views.group_bp)
    app.cli.add_command(census_group)
    signals.tenant_removed.connect(hotspots.forget)
