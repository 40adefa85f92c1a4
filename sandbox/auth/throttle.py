"""Slowing down password guessing: too many refused sign-ins for one account, or from one
address, in a short time, and further attempts are refused for a while.

Counted from the audit log in the database, so every app process sees the same count.
"""

from flask import current_app

from sandbox.audit import log


def blocked(username: str, address: str) -> str | None:
    """Why this attempt is refused before the password is looked at, or None."""
    config = current_app.config
    minutes = config["SIGN_IN_WINDOW_MINUTES"]
    if log.failures_since(minutes, actor=username.strip().lower()) >= \
            config["SIGN_IN_ACCOUNT_LIMIT"]:
        return (f"Too many attempts for this account. Wait {minutes} minutes and try again, "
                "or ask an administrator to check your password.")
    if log.failures_since(minutes, at=address) >= config["SIGN_IN_ADDRESS_LIMIT"]:
        return f"Too many attempts from this device. Wait {minutes} minutes and try again."
    return None
