"""Placing a tenant's world at its anchor date: the day its data stands at.

The generator writes every family relative to `REFERENCE_DATE`, so a seed always means the
same families. A tenant is placed at its anchor (by default the day it is made, so due
dates and ages make sense on the training day) by moving every date in its document, the
way hospital training systems re-date their patients.

The move keeps working days: a date that was n working days from the reference is n
working days from the anchor (England and Wales bank holidays, sandbox.casework.pathway).
A move by whole weeks would keep weekdays but not bank holidays: a conference would land on
Christmas Day and a decision "within one working day" would take two after Easter. With
working days kept, every timescale counted in working days holds exactly after any move,
meetings stay on working days, and moving back gives the same dates again, so two tenants
from one seed read the same relative to their anchors (`relative`). Dates of birth move by
calendar days instead (the same number as the reference moved), so ages stay true; the
generator keeps calendar limits (core groups six weeks apart, reviews within three and six
months) a few days inside, since a move can stretch a calendar gap by a bank holiday or two.

Works on the document form of the tables (sandbox.tenants.transfer: ISO dates and
date-times as text), so a baseline, a saved snapshot and an import move alike. Dates inside
text are moved too: form answers (ISO dates) and what people wrote ("Monday 3 November
2026", "3 November").
"""

import contextlib
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from . import days

# Columns that hold a date of birth, and form answers that do ("dob", "child_dob", ...).
BIRTH_COLUMNS = {("people", "date_of_birth")}
_BIRTH_KEY = re.compile(r"dob|birth", re.I)
# How far from the anchor a date is moved by working days; beyond it (a parent's childhood,
# a date typed in years ahead) by calendar days.
WINDOW_DAYS = 6 * 366

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Patterns that start with what they look for (no look-behind), which re scans for fast;
# the edges are checked on each match. A long date: "3 November" or "3 November 2026" (a
# weekday just before it is moved with it); an ISO date, with the answer's key just before
# it: "dob": "2019-03-04", "dob": [null, "2019-03-04"].
_LONG = re.compile(r"([1-9]|[12]\d|3[01]) (" + "|".join(_MONTHS) + r")(?: ([12]\d{3}))?")
_ISO = re.compile(r"([12]\d{3})-([01]\d)-([0-3]\d)")
_KEY_BEFORE = re.compile(r'"(\w+)": \[?(?:(?:null|"[^"]*"), )?"$')
_WORD = re.compile(r"\w")
_ANY_MONTH = re.compile("|".join(_MONTHS))
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(_MONTHS)}


def _on_or_before(day: date) -> date:
    """The working day the world stands at on `day`: itself, or the last one before."""
    while not days.is_working_day(day):
        day -= timedelta(days=1)
    return day


class Move:
    """Dates moved from a document anchored at `source` to one anchored at `target`."""

    def __init__(self, source: date, target: date):
        self.source, self.target = _on_or_before(source), _on_or_before(target)
        self.calendar = self.target - self.source
        self._index = self._build(self.source)  # date -> working-day number (source side)
        self._working = self._days(self.target)  # working-day number -> date (target side)
        self._moved: dict[date, date] = {}

    @staticmethod
    @lru_cache(maxsize=32)  # a day's tenants all move from or to the same few days
    def _build(base: date) -> dict[date, int]:
        index, n = {}, 0
        day = base
        while (day - base).days <= WINDOW_DAYS:  # forwards: a non-working day counts as
            n += days.is_working_day(day) and day != base  # the working day before it
            index[day] = n
            day += timedelta(days=1)
        n, day = 0, base
        while (base - day).days < WINDOW_DAYS:
            index[day] = n
            n -= days.is_working_day(day)
            day -= timedelta(days=1)
        return index

    @staticmethod
    @lru_cache(maxsize=32)
    def _days(base: date) -> dict[int, date]:
        found = {0: base}
        for step in (1, -1):
            n, day = 0, base
            while abs((day - base).days) <= WINDOW_DAYS + 30:
                day += timedelta(days=step)
                if days.is_working_day(day):
                    n += step
                    found[n] = day
        return found

    @property
    def still(self) -> bool:
        return self.source == self.target

    def day(self, value: date) -> date:
        """An event's date, by working days."""
        moved = self._moved.get(value)
        if moved is None:
            n = self._index.get(value)
            moved = self._working.get(n) if n is not None else None
            moved = self._moved[value] = moved or value + self.calendar
        return moved

    def birth(self, value: date) -> date:
        return value + self.calendar

    def iso(self, text: str, birth: bool = False) -> str:
        """An ISO date or date-time (the time of day kept)."""
        day = date.fromisoformat(text[:10])
        return (self.birth(day) if birth else self.day(day)).isoformat() + text[10:]

    def text(self, value: str) -> str:
        """Dates written in `value`: ISO dates (form answers, by their field's key) and
        long dates ("Monday 3 November 2026"; "3 November", in the year of the last full
        date before it, else the one nearest the anchor)."""
        if "-" in value:
            value = _ISO.sub(lambda m: self._iso_match(m, value), value)
        if _ANY_MONTH.search(value):
            value = self._long_dates(value)
        return value

    def _iso_match(self, m, value: str) -> str:
        start, end = m.span()
        if (start and value[start - 1] in "0123456789-") or (
                end < len(value) and value[end] in "0123456789-"):
            return m.group(0)
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return m.group(0)
        # Only a birth date's key needs reading: most dates have none near them.
        near = max(0, start - 80)
        key = _KEY_BEFORE.search(value, near, start) if (
            value.find("dob", near, start) >= 0 or value.find("birth", near, start) >= 0
            or value.find("DOB", near, start) >= 0) else None
        birth = key is not None and _BIRTH_KEY.search(key.group(1)) is not None
        return (self.birth(day) if birth else self.day(day)).isoformat()

    def _long_dates(self, value: str) -> str:
        out, done, year = [], 0, None
        for m in _LONG.finditer(value):
            start, end = m.span()
            if (start and value[start - 1].isdigit()) or (
                    end < len(value) and _WORD.match(value, end)):
                continue
            d, month, y = m.groups()
            if y:
                year = int(y)
            try:
                day = date(year or self.source.year, _MONTH_NUMBER[month], int(d))
            except ValueError:
                continue
            if year is None:  # no year anywhere before: the one nearest the anchor
                options = []
                for shift in (-1, 0, 1):
                    with contextlib.suppress(ValueError):
                        options.append(date(day.year + shift, day.month, day.day))
                day = min(options, key=lambda o: abs((o - self.source).days))
            moved = self.day(day)
            text = f"{moved.day} {_MONTHS[moved.month - 1]}" + (f" {moved.year}" if y else "")
            # A weekday written just before ("Monday 3 November") is the moved day's.
            for name in _WEEKDAYS:
                if value.endswith(name + " ", done, start):
                    start -= len(name) + 1
                    text = f"{_WEEKDAYS[moved.weekday()]} {text}"
                    break
            out.append(value[done:start])
            out.append(text)
            done = end
        if not out:
            return value
        out.append(value[done:])
        return "".join(out)


def move_tables(tables: dict[str, list[dict]], source: date | None, target: date | None,
                columns: dict[str, dict[str, str]] | None = None) -> dict[str, list[dict]]:
    """`tables` anchored at `source`, moved to `target`: the generator's rows (date
    objects; every text read) or a document's, whose `columns` say for each table which
    columns are "date", "datetime" (ISO text) or "text" (transfer.date_columns). Unknown
    anchors or the same day: the tables as they are."""
    if source is None or target is None:
        return tables
    move = Move(source, target)
    if move.still:
        return tables
    out = {}
    for name, rows in tables.items():
        births = {key for table, key in BIRTH_COLUMNS if table == name}
        if columns is not None:
            read = columns.get(name, {})
            out[name] = [_moved_document_row(row, read, births, move) for row in rows] \
                if read else rows
            continue
        moved_rows = []
        for row in rows:
            row = dict(row)
            for key, value in row.items():
                kind = value.__class__
                if kind is str:
                    if len(value) >= 8:
                        row[key] = move.text(value)
                elif kind is datetime:
                    row[key] = datetime.combine(move.day(value.date()), value.time())
                elif kind is date:
                    row[key] = move.birth(value) if key in births else move.day(value)
            moved_rows.append(row)
        out[name] = moved_rows
    return out


def _moved_document_row(row: dict, columns: dict[str, str], births: set, move: Move) -> dict:
    changed = {}
    for key, kind in columns.items():
        value = row.get(key)
        if value.__class__ is not str:
            continue
        moved = move.text(value) if kind == "text" else move.iso(value, birth=key in births)
        if moved != value:
            changed[key] = moved
    return {**row, **changed} if changed else row


def relative(tables: dict[str, list[dict]], anchor: date | None,
             columns: dict[str, dict[str, str]] | None = None) -> dict[str, list[dict]]:
    """`tables` read relative to their anchor: moved back to the reference date, where
    every tenant from one seed stands alike."""
    from .generator import REFERENCE_DATE

    return move_tables(tables, anchor, REFERENCE_DATE, columns)
