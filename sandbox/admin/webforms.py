from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from sandbox.auth.webforms import NEW_PASSWORD_HINT
from sandbox.core.permissions import ROLE_LABELS

ROLE_CHOICES = [(role.value, label) for role, label in ROLE_LABELS.items()]


class UserDetailsForm(FlaskForm):
    full_name = StringField("Full name", widget=GovTextInput(), validators=[
        InputRequired(message="Enter the person's full name"),
        Length(max=120, message="Full name must be 120 characters or fewer")])
    role = RadioField("Role", choices=ROLE_CHOICES, widget=GovRadioInput(),
                      validators=[InputRequired(message="Select a role")])
    tenant = SelectField("Training tenant (for trainees)", widget=GovSelect(),
                         validators=[Optional()],
                         description="A trainee sees only this tenant. Other roles can open "
                                     "any tenant.")
    submit = SubmitField("Save", widget=GovSubmitInput())


class NewUserForm(UserDetailsForm):
    username = StringField("Username", widget=GovTextInput(), validators=[
        InputRequired(message="Enter a username"),
        Regexp(r"^[a-z0-9][a-z0-9._-]{1,63}$",
               message="Username must be 2 to 64 lower-case letters, numbers, dots, hyphens "
                       "or underscores")])
    password = PasswordField("Password", widget=GovPasswordInput(),
                             description=NEW_PASSWORD_HINT,
                             validators=[InputRequired(message="Enter a password")])


class EditUserForm(UserDetailsForm):
    active = BooleanField("Account is active", widget=GovCheckboxInput(),
                          description="Deactivating an account signs the person out at once, "
                                      "wherever they are.")
    is_chair = BooleanField("Chairs the working group (closes review rounds)",
                            widget=GovCheckboxInput())
    password = PasswordField("New password (leave empty to keep the current one)",
                             widget=GovPasswordInput(), validators=[Optional()],
                             description=f"{NEW_PASSWORD_HINT} Setting one signs the person "
                                         "out everywhere.")
