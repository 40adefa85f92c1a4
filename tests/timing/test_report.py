"""The time-saved arithmetic and its hours-and-minutes wording."""

import pytest

from sandbox.timing.report import hours_minutes, minutes_seconds, summarise


@pytest.mark.parametrize(("minutes", "words"), [
    (244, "4h4m"), (210, "3h30m"), (24, "24m"), (0, "0m"), (60, "1h0m"), (59.6, "1h0m"),
    (-12, "-12m"), (None, "–")])
def test_hours_and_minutes(minutes, words):
    assert hours_minutes(minutes) == words


def test_averages_saving_and_counts_per_work_type():
    lines = summarise([("S47", "before", 200), ("S47", "before", 220), ("S47", "after", 24),
                       ("S47", "after", 26), ("S47", "after", 22)])
    (line,) = lines
    assert (line.avg_before_minutes, line.avg_after_minutes) == (210, 24)
    assert line.saved_minutes == 186 and line.saved_percent == pytest.approx(88.6)
    assert (line.tracked_before, line.tracked_after) == (2, 3)


def test_a_work_type_in_one_period_only_has_no_saving():
    before_only, after_only = summarise([("Contact", "before", 40), ("Visit", "after", 30)])
    assert before_only.avg_after_minutes is None and before_only.saved_minutes is None
    assert before_only.saved_percent is None and before_only.tracked_after == 0
    assert after_only.avg_before_minutes is None and after_only.tracked_before == 0


def test_a_change_that_takes_longer_shows_a_negative_saving():
    (line,) = summarise([("Plan", "before", 30), ("Plan", "after", 45)])
    assert line.saved_minutes == -15 and line.saved_percent == -50


def test_nothing_tracked_gives_no_lines():
    assert summarise([]) == []


@pytest.mark.parametrize(("minutes", "words"), [
    (0.75, "45s"), (4.5, "4m30s"), (0, "0s"), (9.999, "10m0s"), (10, "10m"), (244, "4h4m"),
    (None, "–")])
def test_minutes_and_seconds_for_short_times(minutes, words):
    assert minutes_seconds(minutes) == words
