"""The Children in Need census: a training copy's return as the DfE's XML, checked by the
DfE's own rules (the csc-validator-be-cin package), problem by problem against the form
and question that caused it."""


def init_app(app):
    from sandbox.census import views
    from sandbox.census.cli import census_group

    app.register_blueprint(views.bp)
    app.cli.add_command(census_group)
