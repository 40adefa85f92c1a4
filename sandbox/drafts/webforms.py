from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
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
from wtforms.validators import Optional

from sandbox.drafts.editor import ADDABLE


class DraftForm(FlaskForm):
    # Length is checked by sandbox.drafts.service.check, which names the limit.
    source = TextAreaField("The form's definition", widget=GovTextArea())
    # What the text was when the page was drawn: a save over someone else's change is
    # refused, keeping this person's text (sandbox.drafts.service.save).
    seen = HiddenField()
    submit = SubmitField("Save and check the draft", widget=GovSubmitInput())


# The question-by-question forms: each posts one change. Their lengths and what must be
# filled in are checked by sandbox.drafts.editor, which says so next to the box.
class QuestionForm(FlaskForm):
    label = StringField("The question", widget=GovTextInput())
    hint = TextAreaField("Hint (optional)", widget=GovTextArea(),
                         description="A line under the question that helps people answer it")
    required = BooleanField("People must answer this question before submitting",
                            widget=GovCheckboxInput())
    save_wording = SubmitField("Save the wording", widget=GovSubmitInput())


class PlaceForm(FlaskForm):
    """Moving or removing a question: buttons only, with somewhere for the problem."""

    move = HiddenField()
    remove = HiddenField()


def options_form(options: list[tuple[str, str]]):
    """The form for a question's answers: one box per answer, a "remove" tick for each,
    and a box to add one."""

    class OptionsForm(FlaskForm):
        add_option = StringField("Add an answer (optional)", widget=GovTextInput())
        save_answers = SubmitField("Save the answers", widget=GovSubmitInput())

    for n, (_value, label) in enumerate(options):
        setattr(OptionsForm, f"opt_{n}", StringField(f"Answer {n + 1}", widget=GovTextInput(),
                                                     default=label))
        setattr(OptionsForm, f"rm_{n}", BooleanField(f"Remove answer {n + 1}",
                                                     widget=GovCheckboxInput()))
    return OptionsForm


class AddQuestionForm(FlaskForm):
    label = StringField("The question", widget=GovTextInput())
    hint = TextAreaField("Hint (optional)", widget=GovTextArea())
    kind = RadioField("What kind of answer does it take?", widget=GovRadioInput(),
                      choices=list(ADDABLE.items()), validators=[Optional()],
                      validate_choice=False)
    options = TextAreaField("The answers to choose from, one on each line",
                            widget=GovTextArea(),
                            description="Only for a question answered from a list")
    required = BooleanField("People must answer this question before submitting",
                            widget=GovCheckboxInput())
    after = SelectField("Where does it go?", widget=GovSelect(), validators=[Optional()],
                        validate_choice=False)
    submit = SubmitField("Add the question", widget=GovSubmitInput())
