"""One way to render a page holding a form: 400 when what was sent has errors."""

from flask import render_template, request
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField

from sandbox.core.received import DATE_RANGE, date_from_parts


def render_form(template: str, form, **context):
    status = 400 if request.method == "POST" and form.errors else 200
    return render_template(template, form=form, **context), status


class GovDateField(DateField):
    """A day, month and year in three boxes that share one name (GOV.UK date input).

    A request with the wrong number of parts is treated as an invalid date rather than
    breaking the page.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("widget", GovDateInput())
        kwargs.setdefault("format", "%d %m %Y")
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        # Three parts, even when none were sent (the widget draws three boxes from them).
        self.raw_data = (list(valuelist) + ["", "", ""])[:3]
        if any(self.raw_data):
            self.data = date_from_parts(*self.raw_data)
            if self.data is None:
                raise ValueError(f"Enter a real date {DATE_RANGE}, for example 27 3 2026")


def confirm_first(question: str, detail: str, button: str, back: str,
                  choice: dict | None = None):
    """The page that asks "are you sure?" before something that cannot be undone, or None
    once the person has said yes on it. It sends again what the first form sent, so it
    works without JavaScript; `back` is where "No" leads. `choice` ({"name", "legend",
    "options": GOV.UK radio items}) asks one more thing on the page, as GOV.UK radios."""
    if request.form.get("confirmed") == "yes":
        return None
    skip = ("csrf_token", "confirmed") + ((choice["name"],) if choice else ())
    carried = [(key, value) for key, value in request.form.items(multi=True)
               if key not in skip]
    return render_template("confirm.html", question=question, detail=detail, button=button,
                           back=back, carried=carried, action=request.path, choice=choice)

