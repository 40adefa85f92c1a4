"""What a new password must be: long enough and not easy to guess.

"Easy to guess" is zxcvbn's estimate (Dropbox's password strength estimator, with its
lists of common passwords, names, words and keyboard patterns): a password it scores
below 3 (fewer than about 10^8 guesses) is refused, as are ones built from the person's
own name or username or the service's.
"""

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 200
MIN_SCORE = 3
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
    inputs = [w for w in [username, *full_name.split(), *SERVICE_WORDS] if w]
    result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    warning = result["feedback"].get("warning") or ""
    return f"{warning} {ADVICE}".strip()
