from datetime import date

from werkzeug.datastructures import MultiDict

from sandbox.forms import answers
from sandbox.forms.definitions import load

TODAY = date(2026, 11, 2)
REG = load()
STRATEGY = REG.form("streamlined", "strategy_discussion")


def read(data):
    return answers.read(STRATEGY, MultiDict(data))


def test_reads_each_kind():
    got = read([("f-held_on-day", "2"), ("f-held_on-month", "11"), ("f-held_on-year", "2026"),
                ("f-worries", "  Bruise on arm\r\nseen by school  "), ("f-decision", "section47"),
                ("f-attendees-rows", "2"), ("f-attendees-0-name", "PC Jones"),
                ("f-attendees-1-name", ""), ("f-chair", "")])
    assert got["held_on"] == "2026-11-02"
    assert got["worries"] == "Bruise on arm\nseen by school"
    assert got["attendees"] == [{"name": "PC Jones", "agency": None, "role": None}]
    assert got["chair"] is None


def test_invalid_answers_are_kept_as_typed_and_reported():
    got = read([("f-held_on-day", "31"), ("f-held_on-month", "2"), ("f-held_on-year", "2026")])
    assert got["held_on"] == {"day": "31", "month": "2", "year": "2026"}
    errors = answers.check(STRATEGY, got, set(), TODAY, submitting=False)
    assert "real date" in errors["f-held_on"]


def test_future_dates_scales_and_options():
    cfa = REG.form("streamlined", "child_family_assessment")
    got = {"child_seen_on": "2027-01-01", "safety_scale": 11, "outcome": "banana",
           "household": ["999"]}
    errors = answers.check(cfa, got, {"1", "2"}, TODAY, submitting=False)
    assert "today or in the past" in errors["f-child_seen_on"]
    assert "0 to 10" in errors["f-safety_scale"]
    assert "from the list" in errors["f-outcome"]
    assert "from the family" in errors["f-household"]
    assert answers.check(cfa, {"safety_scale": "eleven"}, set(), TODAY, False)


def test_required_only_on_submit():
    assert answers.check(STRATEGY, {}, set(), TODAY, submitting=False) == {}
    errors = answers.check(STRATEGY, {}, set(), TODAY, submitting=True)
    assert set(errors) == {"f-held_on", "f-worries", "f-threshold", "f-decision"}
    assert errors["f-held_on"] == "Enter a date for: Date of the strategy discussion"


def test_changes_list_only_what_differs():
    assert answers.changed({"a": "x", "b": None}, {"a": "y", "b": ""}) == {"a": ["x", "y"]}


def test_too_many_rows_are_capped():
    data = [("f-attendees-rows", "100000")] + [(f"f-attendees-{i}-name", "x") for i in range(60)]
    assert len(read(data)["attendees"]) == answers.MAX_ROWS
