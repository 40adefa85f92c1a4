"""The active-time rules: short gaps count, long ones do not, no JavaScript is less precise."""

from datetime import datetime, timedelta

from sandbox.timing import active
from sandbox.timing.active import IDLE_LIMIT, NO_SCRIPT_LIMIT

T0 = datetime(2026, 11, 2, 9, 0)


def at(seconds):
    return T0 + timedelta(seconds=seconds)


def test_signs_of_use_a_few_seconds_apart_all_count():
    sitting = active.Sitting(T0, T0)
    for s in range(15, 601, 15):
        active.seen(sitting, at(s))
    assert sitting.active_seconds == 600 and sitting.pings == 40 and sitting.precise


def test_an_idle_gap_beyond_the_limit_counts_for_nothing():
    sitting = active.Sitting(T0, T0)
    active.seen(sitting, at(60))
    active.seen(sitting, at(60 + IDLE_LIMIT.total_seconds() + 1))  # away: not counted
    active.seen(sitting, at(60 + IDLE_LIMIT.total_seconds() + 31))
    assert sitting.active_seconds == 90


def test_a_gap_of_exactly_the_limit_still_counts():
    sitting = active.Sitting(T0, T0)
    active.seen(sitting, at(IDLE_LIMIT.total_seconds()))
    assert sitting.active_seconds == IDLE_LIMIT.total_seconds()


def test_old_or_repeated_signs_change_nothing():
    sitting = active.Sitting(T0, at(100), active_seconds=100, pings=3)
    active.seen(sitting, at(50))
    active.seen(sitting, at(100))
    assert sitting.active_seconds == 100 and sitting.pings == 3


def test_closing_with_javascript_adds_the_last_short_gap():
    sitting = active.Sitting(T0, T0)
    active.seen(sitting, at(30))
    active.close(sitting, at(40))
    assert sitting.active_seconds == 40 and sitting.closed and sitting.precise
    active.seen(sitting, at(50))  # after closing nothing counts
    active.close(sitting, at(60))
    assert sitting.active_seconds == 40


def test_without_javascript_opening_to_saving_counts_and_is_marked_less_precise():
    sitting = active.Sitting(T0, T0)
    active.close(sitting, at(17 * 60))
    assert sitting.active_seconds == 17 * 60 and not sitting.precise


def test_without_javascript_a_page_left_open_all_day_is_capped():
    sitting = active.Sitting(T0, T0)
    active.close(sitting, at(8 * 3600))
    assert sitting.active_seconds == NO_SCRIPT_LIMIT.total_seconds()
