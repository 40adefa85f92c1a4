"""Jinja filters of the web layer: how dates and times read on the page. The areas add
their own (sandbox.cases.filters: ages, stages, NHS numbers; sandbox.forms: jargon)."""

from datetime import date, datetime


def format_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def format_datetime(value: datetime | None) -> str:
    if not value:
        return ""
    hour = value.hour % 12 or 12
    return f"{format_date(value)} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


FILTERS = {
    "date": format_date,
    "datetime": format_datetime,
}


def init_app(app):
    app.jinja_env.filters.update(FILTERS)
