"""What a new password must be: long enough and not easy to guess.

"Easy to guess" is zxcvbn's estimate (Dropbox's password strength estimator, with its
lists of common passwords, names, words and keyboard patterns), told the person's own
username and names and the service's words: a password it scores below 4 (fewer than
about 10^10 guesses) is refused. Score 3 let through a season and a year ("Summer2026!!")
and a person's own name with a year ("JaneSmith2026").
"""

import re

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 200
MIN_SCORE = 4
# zxcvbn looks at the first 72 characters (the slow part grows with length).
CHECKED_LENGTH = 72
SERVICE_WORDS = ["sandbox", "training", "trainee", "trainer", "northbrook", "social", "care",
                 "children"]

ADVICE = "Choose a password that is harder to guess: three or four random words together work well."


def check_new_password(password: str, username: str = "", full_name: str = "") -> str | None:
    """A message saying what is wrong with a new password, or None."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    names = re.split(r"[\W_]+", f"{username} {full_name}".lower())
    inputs = [w for w in [username.lower(), full_name.lower(), *names, *SERVICE_WORDS] if w]
    result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    warning = result["feedback"].get("warning") or ""
    return f"{warning} {ADVICE}".strip()
