"""The rules for active time on a form.

The open page tells the server every few seconds that it is in view and in use. Time
between two signs of use counts when the gap is at most IDLE_LIMIT; a longer gap is the
person being away and counts for nothing. Without JavaScript there are no signs, so the
time from opening the page to saving it counts, up to NO_SCRIPT_LIMIT, marked as less
precise.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

IDLE_LIMIT = timedelta(minutes=3)
NO_SCRIPT_LIMIT = timedelta(minutes=90)


@dataclass
class Sitting:
    opened_at: datetime
    last_seen_at: datetime
    active_seconds: int = 0
    pings: int = 0
    closed: bool = False
    precise: bool = True


def seen(sitting: Sitting, at: datetime) -> Sitting:
    """A sign of use at `at`: the gap since the last one counts if it is short."""
    if sitting.closed or at <= sitting.last_seen_at:
        return sitting
    gap = at - sitting.last_seen_at
    if gap <= IDLE_LIMIT:
        sitting.active_seconds += round(gap.total_seconds())
    sitting.last_seen_at = at
    sitting.pings += 1
    return sitting


def close(sitting: Sitting, at: datetime) -> Sitting:
    """The page is saved or submitted: the sitting ends."""
    if sitting.closed:
        return sitting
    if sitting.pings:
        seen(sitting, at)
    else:
        sitting.active_seconds += round(min(at - sitting.opened_at,
                                            NO_SCRIPT_LIMIT).total_seconds())
        sitting.precise = False
    sitting.last_seen_at = max(sitting.last_seen_at, at)
    sitting.closed = True
    return sitting
