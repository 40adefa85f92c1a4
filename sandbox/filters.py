"""Jinja filters: how dates, ages and codes read on the page."""

from datetime import date, datetime

from sandbox import pathway
from sandbox.forms.plain_language import marked
from sandbox.people import age_on, school_year
from seed import REFERENCE_DATE
from seed.nhs import formatted as nhs_formatted


def format_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def format_datetime(value: datetime | None) -> str:
    if not value:
        return ""
    hour = value.hour % 12 or 12
    return f"{format_date(value)} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


def age_text(dob: date, today: date) -> str:
    years = age_on(dob, today)
    if years >= 2:
        return f"{years} years old"
    months = (today.year - dob.year) * 12 + today.month - dob.month - (today.day < dob.day)
    return f"{months} month{'s' if months != 1 else ''} old"


FILTERS = {
    "jargon": marked,
    "date": format_date,
    "datetime": format_datetime,
    "age": age_text,
    "school_year": school_year,
    "nhs": nhs_formatted,
    "stage": lambda key: pathway.STAGE_BY_KEY[key].label,
    "concern": lambda key: pathway.CONCERNS.get(key, key),
    "plan_category": lambda keys: " and ".join(pathway.PLAN_CATEGORIES.get(k, k)
                                               for k in keys.split(",")),
}


def init_app(app):
    app.jinja_env.filters.update(FILTERS)
    # Synthetic records are dated around a fixed day, so ages are worked out from it.
    app.jinja_env.globals["training_date"] = REFERENCE_DATE
