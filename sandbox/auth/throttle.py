"""Slowing down password guessing without locking out the people who use the sandbox.

Three limits (counted in the database by sandbox.core.limits, so every app process and server
sees the same counts):

- per account and place (an address, or a device the person has signed in from before):
  a few wrong passwords, then a wait. A person who then signs in is no longer held up by
  their own typos;
- per account from anywhere, higher and slower: stops guessing spread over many
  addresses, yet a person on a device they have signed in from before is never held up by
  it, so nobody can lock the real person out;
- per address, high enough for a training room of 40 behind one council network each
  making a few typos while everyone signs in at once; the typos of a person who then signs
  in are taken off it, so rooms one after another in the same building never fill it.

A known device is a signed cookie, set when someone signs in, naming the accounts that
signed in from that browser.
"""

import secrets

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from sandbox.auth.models import User
from sandbox.auth.session import authenticate
from sandbox.core.limits import attempt, limit

HELP = "or ask your trainer or an administrator to let you try again now."

PLACE = limit(
    "sign_in", "SIGN_IN_LIMIT", "SIGN_IN_WINDOW_MINUTES",
    "You have entered the wrong password for this account too many times. Wait {minutes} "
    f"minute{{s}} and try again, {HELP}",
    "Wrong passwords from one place")
ACCOUNT = limit(
    "sign_in_account", "SIGN_IN_ACCOUNT_LIMIT", "SIGN_IN_ACCOUNT_WINDOW_MINUTES",
    "Someone has tried to sign in to this account too many times from different places, so "
    "it is paused except on devices it has signed in from before. Wait {minutes} "
    f"minute{{s}} and try again, {HELP}",
    "Wrong passwords from many places")
ADDRESS = limit(
    "sign_in_address", "SIGN_IN_ADDRESS_LIMIT", "SIGN_IN_WINDOW_MINUTES",
    "There have been too many wrong passwords from this network. Wait {minutes} "
    f"minute{{s}} and try again, {HELP}",
    "Wrong passwords from one network")

DEVICE_COOKIE = "known_device"
DEVICE_DAYS = 180
DEVICE_ACCOUNTS = 40  # a shared training-room computer remembers this many people


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-device")


def _device() -> dict | None:
    """{"id": ..., "accounts": [...]} from this browser's cookie, if it is one we signed."""
    try:
        device = _serializer().loads(request.cookies.get(DEVICE_COOKIE, ""),
                                     max_age=DEVICE_DAYS * 86400)
    except BadSignature:
        return None
    if isinstance(device, dict) and isinstance(device.get("id"), str) and \
            isinstance(device.get("accounts"), list):
        return device
    return None


def known_device(username: str) -> str | None:
    """This browser's device id if `username` has signed in from it before."""
    device = _device()
    return device["id"][:40] if device and username in device["accounts"] else None


def remember_device(response, username: str):
    device = _device() or {"id": secrets.token_urlsafe(16), "accounts": []}
    accounts = [a for a in device["accounts"] if a != username] + [username]
    device = {"id": device["id"], "accounts": accounts[-DEVICE_ACCOUNTS:]}
    config = current_app.config
    response.set_cookie(DEVICE_COOKIE, _serializer().dumps(device),
                        max_age=DEVICE_DAYS * 86400, httponly=True, samesite="Lax",
                        secure=config["SESSION_COOKIE_SECURE"])
    return response


def counted_for(username: str, address: str) -> list:
    """(limit, key, account) this attempt is counted under."""
    device = known_device(username)
    if device is not None:
        return [(PLACE, f"{username} device {device}", username)]
    return [(PLACE, f"{username} {address}", username), (ACCOUNT, username, username),
            (ADDRESS, address, "")]


def check_password(username: str, password: str, address: str) -> User | None:
    """The active user with these credentials, or None; raises limits.Refused, before any
    password is looked at, once a limit is reached."""
    made = attempt(*counted_for(username, address))
    user = authenticate(username, password)
    if user is not None:
        made.succeeded(forget=(PLACE,), forgive=(ADDRESS,), failures=PLACE)
    return user


LOCKS = (PLACE, ACCOUNT)  # what a trainer can see and clear for a person
