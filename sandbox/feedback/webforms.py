from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from sandbox.feedback.models import KINDS, PRIORITIES, STATUSES
from sandbox.web.widgets import GovDateField

KIND_CHOICES = list(KINDS.items())


class FeedbackForm(FlaskForm):
    kind = RadioField("What kind of feedback is it?", widget=GovRadioInput(),
                      choices=KIND_CHOICES,
                      validators=[InputRequired(message="Select what kind of feedback this is")])
    text = TextAreaField("Tell us in a sentence or two", widget=GovTextArea(), validators=[
        InputRequired(message="Write a sentence about what happened"),
        Length(max=1000, message="Keep it to 1000 characters")])
    # Where it was given, filled in from the page the person came from.
    page = HiddenField()
    place = HiddenField()
    tenant_name = HiddenField()
    form_key = HiddenField()
    form_version = HiddenField()
    field_key = HiddenField()
    case_id = HiddenField()
    scenario_key = HiddenField()
    step = HiddenField()
    submit = SubmitField("Send feedback", widget=GovSubmitInput())


class FloorNoteForm(FlaskForm):
    # The choices (the room's people, the places of the forms in use) are the page's to set;
    # the view checks them, with messages that say what to do.
    about = SelectField("Who were you helping?", widget=GovSelect(), validate_choice=False,
                        validators=[Optional()])
    where = SelectField("Where in the system?", validate_choice=False,
                        validators=[Optional()])
    place = StringField("Or say where, if it is not in the list", widget=GovTextInput(),
                        description="For example: the button to add a family member",
                        validators=[Optional(),
                                    Length(max=200, message="Keep it to 200 characters")])
    kind = RadioField("What kind of note is it?", widget=GovRadioInput(), choices=KIND_CHOICES,
                      validators=[InputRequired(message="Select what kind of note this is")])
    text = TextAreaField("What happened?", widget=GovTextArea(), validators=[
        InputRequired(message="Write a sentence about what happened"),
        Length(max=1000, message="Keep it to 1000 characters")])
    resolved_on_spot = BooleanField("Sorted out there and then", widget=GovCheckboxInput())
    submit = SubmitField("Save note", widget=GovSubmitInput())


class SubjectFields:
    """What a request is about: one of the places its notes are about, or the group's own
    words (choices set by the view, from the notes)."""

    subject = RadioField("What is the request about?", widget=GovRadioInput(),
                         validators=[Optional()], validate_choice=False)
    subject_other = StringField("If something else, what is it about?",
                                widget=GovTextInput(),
                                validators=[Optional(), Length(max=200, message=(
                                    "Keep what it is about to 200 characters"))])


class RequestForm(SubjectFields, FlaskForm):
    problem = TextAreaField("What is the problem?", widget=GovTextArea(), validators=[
        InputRequired(message="Say what the problem is"), Length(max=5000)])
    proposal = TextAreaField("What change is proposed?", widget=GovTextArea(),
                             validators=[Optional(), Length(max=5000)])
    priority = RadioField("Priority", widget=GovRadioInput(), default="medium",
                          choices=list(PRIORITIES.items()),
                          validators=[InputRequired(message="Select a priority")])
    submit = SubmitField("Make a change request", widget=GovSubmitInput())


class EditRequestForm(SubjectFields, FlaskForm):
    """One part of a request, reworded; `was` is what the person started from."""

    problem = TextAreaField("What is the problem?", widget=GovTextArea(),
                            validators=[Optional(), Length(max=5000)])
    proposal = TextAreaField("What change is agreed (or proposed)?", widget=GovTextArea(),
                             description="What will change on the form or page, in words "
                                         "everyone in the group would recognise",
                             validators=[Optional(), Length(max=5000)])
    priority = RadioField("Priority", widget=GovRadioInput(), choices=list(PRIORITIES.items()),
                          validators=[Optional()])
    was = HiddenField()
    submit = SubmitField("Save the change", widget=GovSubmitInput())


class StatusForm(FlaskForm):
    status = SelectField("Status", widget=GovSelect(), choices=list(STATUSES.items()),
                         validators=[InputRequired(message="Select a status")])
    reason = TextAreaField("Reason (required when declining)", widget=GovTextArea(),
                           validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Save", widget=GovSubmitInput())


class ChangeLogForm(FlaskForm):
    title = StringField("Title", widget=GovTextInput(), validators=[
        InputRequired(message="Enter a title"), Length(max=200)])
    what_changed = TextAreaField("What changed", widget=GovTextArea(), validators=[
        InputRequired(message="Say what changed"), Length(max=5000)])
    rationale = TextAreaField("Why", widget=GovTextArea(), validators=[
        InputRequired(message="Say why it changed"), Length(max=5000)])
    # The form and question come from the versions' own lists (choices set by the view);
    # words of one's own only when the place is not in the list.
    form = SelectField("Form", widget=GovSelect(), validators=[Optional()],
                       validate_choice=False)
    form_other = StringField("If another form, which?", widget=GovTextInput(),
                             validators=[Optional(), Length(max=60)])
    pick = SubmitField("Show this form's questions", widget=GovSubmitInput())
    field = SelectField("Question", widget=GovSelect(), validators=[Optional()],
                        validate_choice=False)
    field_other = StringField("If another question, which?", widget=GovTextInput(),
                              validators=[Optional(), Length(max=60)])
    changed_on = GovDateField("Date of the change", validators=[
        InputRequired(message="Enter the date of the change")])
    submit = SubmitField("Add to the change log", widget=GovSubmitInput())


class ChangeLogImportForm(FlaskForm):
    file = FileField("Change log file (JSON)", widget=GovFileInput(),
                     validators=[FileRequired(message="Select a change log file")])
    submit = SubmitField("Import as proposals", widget=GovSubmitInput())
