from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField


class DraftForm(FlaskForm):
    # Length is checked by sandbox.drafts.service.check, which names the limit.
    source = TextAreaField("The form's definition", widget=GovTextArea())
    submit = SubmitField("Save and check the draft", widget=GovSubmitInput())
