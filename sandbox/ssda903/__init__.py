"""The SSDA903 return (children looked after): a training copy's return as the DfE's CSV
tables, checked by the DfE's own rules (the csc-validator-be-903 package), problem by
problem against the form and question that caused it, as the census is."""


def init_app(app):
    from sandbox.ssda903 import views
    from sandbox.ssda903.cli import ssda903_group

    app.register_blueprint(views.bp)
    app.register_blueprint(views.group_bp)
    app.cli.add_command(ssda903_group)
