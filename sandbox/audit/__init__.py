"""Who did what, when and from where: sign-ins, role changes, tenant life, decisions."""


def init_app(app):
    from sandbox.audit import models  # noqa: F401
