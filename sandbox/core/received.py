"""Reading what people send, one function for each kind of thing that would harm the
service if it were taken as it came.

- text: no control characters. PostgreSQL cannot store a NUL, and no page needs the others;
  tab, line feed and carriage return are allowed in text (never in a URL's path).
- a URL to go back to: only a path on this site, rebuilt from its parts.
- JSON: at most MAX_JSON_DEPTH levels deep, with no control characters in its text.
- dates: between EARLIEST and LATEST, so that date arithmetic never overflows.
- searches: % and _ are the characters people typed, not wildcards.
"""

import json
import re
from datetime import date, datetime
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from sandbox.core.errors import ServiceError

# Control characters (C0 but tab, LF and CR; DEL; C1) and lone surrogates, which are not text.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_IN_URL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

CONTROL_CHARACTER = ("What you sent contains a hidden control character (such as a null "
                     "byte) that this service cannot accept. Go back, remove it (typing the "
                     "text again usually does it) and try again.")


class Refused(ServiceError):
    """What someone sent cannot be taken; the message says why in one line."""


def as_text(text: str) -> str:
    """`text` with each character that is not text (a null byte: PostgreSQL stores none)
    shown as "?": for messages that quote what someone sent, such as a refused file's."""
    return _NOT_TEXT.sub("?", text)


def control_character(text: str, in_url: bool = False) -> int | None:
    """Where the first character `text` may not hold is, or None."""
    found = (_NOT_IN_URL if in_url else _NOT_TEXT).search(text)
    return found.start() if found else None


# A URL to go back to ---------------------------------------------------------------------

# What may stay as it is in a rebuilt path or query; everything else is percent-encoded, so
# the browser sees only ASCII (no lookalike of a slash can make a host of the path).
_KEEP = "/%:@!$&'()*+,;=-._~"


def site_path(target, fallback: str) -> str:
    """`target` if it is a path on this site, rebuilt from its parts; otherwise `fallback`.

    Refused: anything with a scheme or host, a backslash, a control character (browsers
    drop tabs and line breaks, so "/\\t/evil.example" would become "//evil.example") or a
    leading "//", as sent or once percent-decoded.
    """
    if not isinstance(target, str) or not target.startswith("/"):
        return fallback
    for form in (target, unquote(target)):
        if control_character(form, in_url=True) is not None or "\\" in form \
                or form.startswith("//"):
            return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return urlunsplit(("", "", quote(parts.path, safe=_KEEP), quote(parts.query, safe=_KEEP + "?"),
                       quote(parts.fragment, safe=_KEEP + "?")))


# JSON --------------------------------------------------------------------------------

# The deepest document the service reads (a tenant export) is four levels deep.
MAX_JSON_DEPTH = 32


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def read_json(raw: bytes | str, what: str = "The file"):
    """`raw` as JSON, or Refused naming `what`: not JSON, nested more than MAX_JSON_DEPTH
    levels, or holding a control character in its text."""
    try:
        value = json.loads(raw, parse_constant=_no_constant)
    except RecursionError:
        raise Refused(f"{what} is nested more than {MAX_JSON_DEPTH} levels deep") from None
    except UnicodeDecodeError:
        raise Refused(f"{what} is not valid JSON (it is not UTF-8 text)") from None
    except ValueError as error:
        raise Refused(f"{what} is not valid JSON ({error})") from None
    waiting = [(value, 1)]
    while waiting:  # without recursion, however deep the document
        item, depth = waiting.pop()
        if isinstance(item, str):
            if control_character(item) is not None:
                raise Refused(f"{what} contains a control character (such as a null byte) "
                              "in its text")
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise Refused(f"{what} is nested more than {MAX_JSON_DEPTH} levels deep")
            children = [*item, *item.values()] if isinstance(item, dict) else item
            waiting += [(child, depth + 1) for child in children]
    return value


# Dates --------------------------------------------------------------------------------

EARLIEST, LATEST = date(1900, 1, 1), date(2099, 12, 31)
DATE_RANGE = f"between {EARLIEST.year} and {LATEST.year}"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def read_date(raw) -> date | None:
    """`raw` as a date written YYYY-MM-DD between EARLIEST and LATEST, else None."""
    if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw):
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def date_from_parts(day, month, year) -> date | None:
    """A date typed in three boxes (day, month, year in digits), as read_date reads it."""
    parts = [str(p if p is not None else "").strip() for p in (day, month, year)]
    if not (re.fullmatch(r"[0-9]{1,2}", parts[0]) and re.fullmatch(r"[0-9]{1,2}", parts[1])
            and re.fullmatch(r"[0-9]{4}", parts[2])):
        return None
    return read_date(f"{parts[2]}-{parts[1]:0>2}-{parts[0]:0>2}")


def read_moment(raw) -> datetime | None:
    """`raw` as an ISO date and time whose date read_date accepts, without a time zone (the
    app keeps every time in UTC, unmarked), else None."""
    if not isinstance(raw, str) or read_date(raw[:10]) is None:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment if moment.tzinfo is None else None


# Searches ------------------------------------------------------------------------------

def containing(column, text: str):
    """`column` contains `text`, in any case, with % and _ matching only themselves."""
    return column.icontains(text, autoescape=True)
