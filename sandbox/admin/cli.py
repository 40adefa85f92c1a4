"""`flask --app sandbox create-user`."""

import click

from sandbox.core.commands import friendly_errors


@click.command("create-user")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="The person's full name.")
@click.option("--role", type=click.Choice(["administrator", "trainer", "floor_walker",
                                           "working_group", "trainee"]), required=True)
@click.option("--tenant", default=None, help="Tenant name, for a trainee.")
@click.password_option(help="At least 10 characters, and not easy to guess.")
@friendly_errors
def create_user(username, full_name, role, tenant, password):
    """Add a person who can sign in."""
    from sandbox.admin.users import create_user as create

    user = create(username, full_name, role, password, tenant)
    click.echo(f"Created {user.username} ({user.role_label}).")


