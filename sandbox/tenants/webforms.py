from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import IntegerField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, NumberRange, Optional

from sandbox.web.filters import format_date

NAME_HINT = ("Lower-case letters, numbers and hyphens, for example room-2-seat-14. Names "
             "starting try-draft-, or ending like -3f2a-seat-1, are kept for the tenants the "
             "system makes itself.")


class TenantNameField(StringField):
    def __init__(self, label="Tenant name", **kw):
        super().__init__(label, widget=GovTextInput(), description=NAME_HINT,
                         validators=[InputRequired(message="Enter a name for the tenant")], **kw)


class NewTenantForm(FlaskForm):
    name = TenantNameField()
    source = RadioField("Start from", widget=GovRadioInput(), default="generate", choices=[
        ("generate", "New synthetic families"),
        ("snapshot", "A saved snapshot"),
    ], validators=[InputRequired(message="Select where the tenant starts from")])
    seed = IntegerField("Seed number", widget=GovTextInput(), default=1,
                        description="The same seed and number of families always give the "
                                    "same families.",
                        validators=[Optional(), NumberRange(
                            min=0, max=2**31 - 1,
                            message="Enter a seed from 0 to 2147483647")])
    families = IntegerField("Number of families", widget=GovTextInput(), default=20,
                            validators=[Optional()])
    form_version = RadioField("Form version", widget=GovRadioInput(), default="streamlined",
                              choices=[
                                  ("streamlined", "Streamlined: organised around Signs of "
                                                  "Safety, written for the family to read"),
                                  ("legacy", "Legacy: the long forms staff know today"),
                              ], validators=[Optional()])
    snapshot = SelectField("Snapshot", widget=GovSelect(), validators=[Optional()])
    submit = SubmitField("Create tenant", widget=GovSubmitInput())

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.source.data == "generate":
            if self.seed.data is None and not self.seed.errors:
                self.seed.errors.append("Enter a seed number, for example 1")
                ok = False
            if self.families.data is None and not self.families.errors:
                self.families.errors.append("Enter the number of families, for example 20")
                ok = False
        elif self.source.data == "snapshot" and not self.snapshot.data:
            self.snapshot.errors.append("Select a snapshot")
            ok = False
        return ok


class SnapshotForm(FlaskForm):
    label = StringField("Snapshot label", widget=GovTextInput(),
                        description="For example: learning case, after the strategy discussion",
                        validators=[InputRequired(message="Enter a label for the snapshot")])
    submit = SubmitField("Save snapshot", widget=GovSubmitInput())


class ImportForm(FlaskForm):
    file = FileField("Tenant export file (JSON)", widget=GovFileInput(),
                     validators=[FileRequired(message="Select a tenant export file")])
    name = StringField("Name for the new tenant", widget=GovTextInput(),
                       description="Leave empty to use the name in the file. " + NAME_HINT,
                       validators=[Optional()])
    submit = SubmitField("Import tenant", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change things."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


class ResetForm(FlaskForm):
    """Resetting a tenant: its dates as they stand, or moved to today (seed.anchor)."""

    dates = RadioField("Dates in the records", widget=GovRadioInput(), default="keep",
                       choices=[("keep", "Keep the dates as they are"),
                                ("today", "Move the dates to today")])
    submit = SubmitField("Reset", widget=GovSubmitInput())

    def label_dates(self, anchor, today) -> None:
        """Say which day each choice puts the records at."""
        self.dates.choices = [
            ("keep", f"Keep the dates as they are (the records stand at "
                     f"{format_date(anchor)})" if anchor else "Keep the dates as they are"),
            ("today", f"Move the dates to today, {format_date(today)}, so that due dates "
                      "and ages are right for today's training")]


class ScheduleForm(FlaskForm):
    """Shown beside the snapshot form, so prefixed; CSRFProtect checks the page's token."""

    class Meta:
        csrf = False

    reset_every = RadioField("Reset by itself", widget=GovRadioInput(), choices=[
        ("", "Never"), ("nightly", "Every night, at 2am"),
        ("weekly", "Every week, on Monday at 2am")], default="",
        description="For new starters' practice tenants: they come back fresh without "
                    "anyone resetting them.")
    submit = SubmitField("Save", widget=GovSubmitInput())
