"""Reading a whole number someone sent (an id in a form or URL, a page number).

Only ASCII digits, and at most nine of them: "²" or a 30-digit number is not an id, and
must not reach int() or the database (SQLite stores at most 64-bit integers).
"""

import re

from werkzeug.routing import IntegerConverter

_WHOLE = re.compile(r"[0-9]{1,9}")


def whole_number(raw) -> int | None:
    raw = str(raw if raw is not None else "").strip()
    return int(raw) if _WHOLE.fullmatch(raw) else None


class IdConverter(IntegerConverter):
    """`<int:...>` in every URL: at most nine digits, so a 30-digit id is a 404, never an
    overflow in the database."""

    regex = r"\d{1,9}"
