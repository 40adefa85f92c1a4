from datetime import date

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from sandbox.casework.pathway import CHRONOLOGY_KINDS
from sandbox.web.widgets import GovDateField


class ChronologyForm(FlaskForm):
    occurred_on = GovDateField("Date", validators=[
        InputRequired(message="Enter the date it happened")])
    kind = SelectField("Type", widget=GovSelect(), choices=list(CHRONOLOGY_KINDS.items()))
    title = StringField("What happened, in a few words", widget=GovTextInput(), validators=[
        InputRequired(message="Enter what happened"),
        Length(max=200, message="Keep the title to 200 characters or fewer")])
    detail = TextAreaField("Details", widget=GovTextArea(), validators=[
        InputRequired(message="Enter the details"),
        Length(max=20000, message="Details must be 20,000 characters or fewer")])
    source = StringField("Who told us, or where it comes from", widget=GovTextInput(),
                         validators=[InputRequired(message="Enter who told us"),
                                     Length(max=120, message="Keep this to 120 characters")])
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate_occurred_on(self, field):
        if field.data and field.data > date.today():
            raise ValidationError("The date must be today or in the past")
