"""Facts about people that the record shows: age and school year."""

from datetime import date


def age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def birthday(born: date, age: int) -> date:
    """The day a child born on `born` turns `age` (1 March for 29 February)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


def school_year(dob: date, day: date) -> str | None:
    """The English school year a child born on `dob` is in on `day`.

    A child starts Reception in the September after their fourth birthday; the school
    year runs from 1 September to 31 August.
    """
    start_year = day.year if day.month >= 9 else day.year - 1
    age_at_cutoff = age_on(dob, date(start_year, 8, 31))
    if age_at_cutoff < 3:
        return None
    if age_at_cutoff == 3:
        return "Nursery"
    if age_at_cutoff == 4:
        return "Reception"
    year = age_at_cutoff - 4
    return f"Year {year}" if year <= 13 else None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")
