from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length


class StudyImportForm(FlaskForm):
    study = StringField("Name of the study", widget=GovTextInput(), validators=[
        InputRequired(message="Give the study a name"),
        Length(max=80, message="Keep the name to 80 characters")],
        description="For example: Northbrook Section 47 recording, spring 2026")
    file = FileField("CSV file", widget=GovFileInput(),
                     validators=[FileRequired(message="Choose a CSV file to import")],
                     description="Columns work_type,period,minutes,case; period is before or "
                                 "after; one row per piece of work.")
    submit = SubmitField("Import the study", widget=GovSubmitInput())
