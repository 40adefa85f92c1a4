"""Jinja filters for case pages: how ages, stages and codes read."""

from datetime import date

from sandbox.casework import pathway
from sandbox.casework.ages import age_on, school_year
from sandbox.casework.nhs import formatted as nhs_formatted
from seed import REFERENCE_DATE


def age_text(dob: date, today: date) -> str:
    years = age_on(dob, today)
    if years >= 2:
        return f"{years} years old"
    months = (today.year - dob.year) * 12 + today.month - dob.month - (today.day < dob.day)
    return f"{months} month{'s' if months != 1 else ''} old"


FILTERS = {
    "age": age_text,
    "school_year": school_year,
    "nhs": nhs_formatted,
    "stage": lambda key: pathway.STAGE_BY_KEY[key].label,
    "concern": lambda key: pathway.CONCERNS.get(key, key),
    "plan_category": pathway.plan_categories_label,
    "closure_reason": lambda key: pathway.CLOSURE_REASONS.get(key, key),
}


def init_app(app):
    app.jinja_env.filters.update(FILTERS)
    # Synthetic records are dated around a fixed day, so ages are worked out from it.
    app.jinja_env.globals["training_date"] = REFERENCE_DATE
