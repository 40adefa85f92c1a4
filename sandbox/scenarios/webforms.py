from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from sandbox.web.widgets import GovDateField


class NewSessionForm(FlaskForm):
    name = StringField("Session name", widget=GovTextInput(),
                       description="For example: New starters, Tuesday morning",
                       validators=[InputRequired(message="Enter a name for the session"),
                                   Length(max=120, message="Keep the name to 120 characters")])
    scenario = RadioField("Scenario", widget=GovRadioInput(),
                          validators=[InputRequired(message="Select a scenario")])
    form_version = RadioField("Form version", widget=GovRadioInput(), default="streamlined",
                              choices=[("streamlined", "Streamlined"), ("legacy", "Legacy")],
                              validators=[InputRequired(message="Select a form version")])
    seats = IntegerField("Number of trainee seats", widget=GovTextInput(), default=12,
                         validators=[InputRequired(message="Enter the number of seats"),
                                     NumberRange(min=1, max=40,
                                                 message="A session has 1 to 40 seats")])
    seed = IntegerField("Family set number", widget=GovTextInput(), default=1,
                        description="The same number gives the same families every time. "
                                    "Change it only to give a room different families.",
                        validators=[InputRequired(message="Enter a seed number"),
                                    NumberRange(min=0, max=2**31 - 1,
                                                message="Enter a seed from 0 to 2147483647")])
    families = IntegerField("Families in each training copy", widget=GovTextInput(), default=12,
                            description="The family the scenario is about is always among "
                                        "them.",
                            validators=[InputRequired(message="Enter the number of families"),
                                        NumberRange(min=1, max=100,
                                                    message="Each seat has 1 to 100 families")])
    proficiency = BooleanField("Run as a proficiency check (no hints or guidance; each step "
                               "scored)", widget=GovCheckboxInput())
    later = BooleanField("Set it up for later: prepare the seats now, and let trainees join "
                         "only when I start the session", widget=GovCheckboxInput())
    # A saved snapshot marked as the room's start (its id): the room is then set up for
    # later, its seats prepared from the snapshot.
    snapshot = HiddenField()
    submit = SubmitField("Create session", widget=GovSubmitInput())


class JoinForm(FlaskForm):
    code = StringField("Join code", widget=GovTextInput(),
                       description="The six letters and numbers your trainer shows.",
                       validators=[InputRequired(message="Enter the join code"),
                                   Length(max=12, message="The code is six characters")])
    submit = SubmitField("Join", widget=GovSubmitInput())


class ReflectionForm(FlaskForm):
    easier = TextAreaField("What was easier than you expected?", widget=GovTextArea(),
                         validators=[Optional(), Length(max=5000)])
    harder = TextAreaField("What was harder than you expected?", widget=GovTextArea(),
                         validators=[Optional(), Length(max=5000)])
    repeated = TextAreaField("Where did the forms ask you the same thing twice?",
                           widget=GovTextArea(), validators=[Optional(), Length(max=5000)])
    serves_purpose = RadioField("Did the forms help you record what matters for the child?",
                                widget=GovRadioInput(), choices=[
                                    ("yes", "Yes"), ("partly", "Partly"), ("no", "No")],
                                validators=[InputRequired(message="Select an answer")])
    change = TextAreaField("What one thing would you change?", widget=GovTextArea(),
                         validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Send", widget=GovSubmitInput())


class RoomPeopleForm(FlaskForm):
    people = TextAreaField(
        "The room's people", widget=GovTextArea(),
        description="One person a line: their full name, then a comma and their email if you "
                    "have it. For example: Priya Shah, priya.shah@council.gov.uk",
        validators=[Optional(), Length(max=20000, message="Add at most 40 people at a time")])
    file = FileField("Or a CSV file from a spreadsheet", widget=GovFileInput(),
                     description="A name in the first column and, if you have it, an email in "
                                 "the second. The first line may be the headings.")
    submit = SubmitField("Add them and print their sign-in cards", widget=GovSubmitInput())


class SeatLoginsForm(FlaskForm):
    day = GovDateField("The day of the session", validators=[
        InputRequired(message="Enter the day of the session")],
        description="For example, 27 3 2026. The logins work only on this day, and stop "
                    "when you end the session.")
    submit = SubmitField("Print seat logins", widget=GovSubmitInput())
