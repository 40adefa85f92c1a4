"""Turning what a person typed into answers, and checking them.

Answers are plain JSON. A value that cannot be understood yet (a date of 31/02/2026, a
scale of "eleven") is kept as typed, so nothing the person wrote is lost; it is reported
as an error, and a form with errors cannot be submitted.
"""

from datetime import date

from sandbox.core.received import DATE_RANGE, date_from_parts, read_date
from sandbox.forms.definitions import Field, FormDef
from sandbox.web.params import whole_number

MAX_TEXT = 200
MAX_LONGTEXT = 20_000
MAX_ROWS = 50


def _date_parts(form, name: str) -> dict:
    # At most 10 characters a part, as `clean` keeps them: what is stored always `fits`.
    return {part: (form.get(f"{name}-{part}") or "").strip()[:10]
            for part in ("day", "month", "year")}


def read_value(field: Field, form, name: str):
    """The answer to one field from submitted form data (a MultiDict)."""
    if field.kind == "date":
        parts = _date_parts(form, name)
        if not any(parts.values()):
            return None
        day = date_from_parts(parts["day"], parts["month"], parts["year"])
        return day.isoformat() if day else parts
    if field.kind in ("choices", "people"):
        return [v for v in form.getlist(name) if v]
    value = (form.get(name) or "").replace("\r\n", "\n")
    value = value.strip() if field.kind != "longtext" else value.strip("\n ")
    if value == "":
        return None
    if field.kind == "scale" and whole_number(value) is not None:
        return whole_number(value)
    return value


def _row_count(form, name: str) -> int:
    raw = form.get(f"{name}-rows") or "0"
    return min(whole_number(raw) or 0, MAX_ROWS)


def read(definition: FormDef, form) -> dict:
    """All answers from submitted form data. Repeating groups keep rows with any answer."""
    answers = {}
    for field in definition.fields:
        name = f"f-{field.key}"
        if field.kind == "repeat":
            rows = []
            for i in range(_row_count(form, name)):
                row = {sub.key: read_value(sub, form, f"{name}-{i}-{sub.key}")
                       for sub in field.fields}
                if any(v not in (None, [], "") for v in row.values()):
                    rows.append(row)
            answers[field.key] = rows
        else:
            answers[field.key] = read_value(field, form, name)
    return answers


def _clean_value(field: Field, value):
    if value is None:
        return None
    if field.kind == "date":
        if isinstance(value, str):
            day = read_date(value)
            return day.isoformat() if day else None
        if isinstance(value, dict):
            return {p: str(value.get(p, ""))[:10] for p in ("day", "month", "year")}
        return None
    if field.kind in ("choices", "people"):
        return [str(v) for v in value if isinstance(v, str | int)] if isinstance(
            value, list) else None
    if field.kind == "scale":
        return value if isinstance(value, int | str) and not isinstance(value, bool) else None
    if field.kind == "repeat":
        if not isinstance(value, list):
            return None
        return [{sub.key: _clean_value(sub, row.get(sub.key)) for sub in field.fields}
                for row in value[:MAX_ROWS] if isinstance(row, dict)]
    return value if isinstance(value, str) else None


def clean(definition: FormDef, raw) -> dict:
    """Answers from an untrusted JSON object: known fields only, each of its kind's shape."""
    if not isinstance(raw, dict):
        return {}
    return {f.key: _clean_value(f, raw.get(f.key)) for f in definition.fields if f.key in raw}


def fits(field: Field, value) -> bool:
    """Whether a stored answer has its question's shape, so the form, its history and its
    document can show it: what `clean` keeps as it is (a row of a repeating group may
    leave questions out)."""
    if field.kind != "repeat":
        return _clean_value(field, value) == value
    subs = {sub.key: sub for sub in field.fields}
    return value is None or isinstance(value, list) and len(value) <= MAX_ROWS and all(
        isinstance(row, dict) and set(row) <= set(subs)
        and all(fits(subs[key], v) for key, v in row.items()) for row in value)


def unfit(definition: FormDef, answers: dict) -> list[str]:
    """Keys of the answers that do not fit their questions."""
    return [f.key for f in definition.fields if f.key in answers
            and not fits(f, answers[f.key])]


def is_empty(value) -> bool:
    return value in (None, "", [], {})


def check_value(field: Field, value, people: set[str], today: date) -> str | None:
    """What is wrong with one answer, ignoring whether it is required."""
    label = field.label.rstrip("?:")
    if is_empty(value):
        return None
    if field.kind == "date":
        if isinstance(value, dict):
            return f"{label} must be a real date {DATE_RANGE}, for example 27 3 2026"
        if field.not_future and date.fromisoformat(value) > today:
            return f"{label} must be today or in the past"
    elif field.kind == "scale":
        if not isinstance(value, int) or not 0 <= value <= 10:
            return f"{label} must be a whole number from 0 to 10"
    elif field.kind == "text" and len(value) > MAX_TEXT:
        return f"{label} must be {MAX_TEXT} characters or fewer"
    elif field.kind == "longtext" and len(value) > MAX_LONGTEXT:
        return f"{label} must be {MAX_LONGTEXT:,} characters or fewer"
    elif field.kind == "choice" and value not in {o.value for o in field.options}:
        return f"Select an option from the list for {label.lower()}"
    elif field.kind == "choices" and not set(value) <= {o.value for o in field.options}:
        return f"Select options from the list for {label.lower()}"
    elif field.kind == "person" and value not in people:
        return f"Select a person from the family for {label.lower()}"
    elif field.kind == "people" and not set(value) <= people:
        return f"Select people from the family for {label.lower()}"
    return None


def missing_message(field: Field) -> str:
    label = field.label.rstrip("?:")
    if field.kind in ("choice", "choices", "person", "people"):
        return f"Select an answer for: {label}"
    if field.kind == "date":
        return f"Enter a date for: {label}"
    return f"Enter an answer for: {label}"


def check(definition: FormDef, answers: dict, people: set[str], today: date,
          submitting: bool) -> dict[str, str]:
    """Errors keyed by the id of the input they belong to. Required only on submit."""
    errors = {}
    for field in definition.fields:
        value = answers.get(field.key)
        name = f"f-{field.key}"
        if field.kind == "repeat":
            for i, row in enumerate(value or []):
                for sub in field.fields:
                    problem = check_value(sub, row.get(sub.key), people, today)
                    if problem:
                        errors[f"{name}-{i}-{sub.key}"] = problem
            if submitting and field.required and not value:
                errors[f"{name}-0-{field.fields[0].key}"] = missing_message(field)
            continue
        problem = check_value(field, value, people, today)
        if problem:
            errors[name] = problem
        elif submitting and field.required and is_empty(value):
            errors[name] = missing_message(field)
    if submitting:  # answers that contradict each other, as the definition declares
        for refusal in definition.refusals:
            if refusal.applies(answers):
                errors.setdefault(f"f-{refusal.field}", refusal.reason)
    return errors


def changed(before: dict, after: dict) -> dict:
    """Each answer that differs: {field: [before, after]}."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys)
            if not (is_empty(before.get(k)) and is_empty(after.get(k)))
            and before.get(k) != after.get(k)}
