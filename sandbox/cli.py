"""Command-line tools: `flask --app sandbox <command>`.

Each area adds its own commands in its `init_app` (sandbox.tenants.cli, sandbox.admin.cli,
sandbox.timing.cli, the core's in sandbox.core.commands); here is only `demo-data`, which
stands on all of them. `forms check` and `scenarios check` are Flask plugin commands
(pyproject.toml), so that they run even when the app refuses to start because a
definition is broken.
"""

import click

from sandbox.core.commands import emit, friendly_errors


def init_app(app):
    app.cli.add_command(demo_data)


@click.command("demo-data")
@click.option("--json", "as_json", is_flag=True, help="Print the logins as JSON.")
@friendly_errors
def demo_data(as_json: bool):
    """Load demo users and tenants (skips what already exists) and print the logins."""
    from sandbox.demo import load_demo_data

    logins = load_demo_data()
    text = "\n".join(
        f"  {row['username']:<12} {row['password']:<22} {row['role']}" for row in logins)
    emit(as_json, logins, "Demo logins (username, password, role):\n" + text)


