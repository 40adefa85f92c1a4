"""Signing in does the same hashing work whatever the account's state, so the time it
takes cannot tell an unknown or deactivated account from a live one (issue 13, finding
12). Counted, not timed: every password hash Werkzeug computes goes through one function.
"""

import pytest
import werkzeug.security

from sandbox.core.extensions import db
from tests.factories import PASSWORD
from tests.pages import Web


@pytest.fixture
def hashes(monkeypatch):
    """The hashing methods used, one entry per password hash computed."""
    done = []
    real = werkzeug.security._hash_internal

    def counting(method, salt, password):
        done.append(method.split(":")[0])
        return real(method, salt, password)

    monkeypatch.setattr(werkzeug.security, "_hash_internal", counting)
    return done


@pytest.mark.parametrize("state", ["unknown", "deactivated", "wrong password",
                                   "right password"])
def test_every_sign_in_hashes_once_whatever_the_account(app, make, hashes, state):
    user = make.user("trainer", username="tess")
    if state == "deactivated":
        user.active = False
        db.session.commit()
    web = Web(app)
    web.token()
    hashes.clear()
    username = "nobody-here" if state == "unknown" else "tess"
    password = "wrong-password" if state == "wrong password" else PASSWORD
    web.post("/sign-in", {"username": username, "password": password},
             status=302 if state == "right password" else 400)
    assert hashes == ["pbkdf2"]  # the configured method, exactly once
