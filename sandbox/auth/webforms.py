from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo, InputRequired, Length

from sandbox.auth.passwords import MAX_LENGTH, MIN_LENGTH


class SignInForm(FlaskForm):
    username = StringField("Username", widget=GovTextInput(),
                           validators=[InputRequired(message="Enter your username")])
    password = PasswordField("Password", widget=GovPasswordInput(),
                             validators=[InputRequired(message="Enter your password")])
    submit = SubmitField("Sign in", widget=GovSubmitInput())


NEW_PASSWORD_HINT = (f"At least {MIN_LENGTH} characters, and not easy to guess: not your name "
                     "or username, and not a word with a year (like Summer2026!). Three or "
                     "four random words together work well.")


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Your current password", widget=GovPasswordInput(),
                            validators=[InputRequired(message="Enter your current password")])
    new = PasswordField("New password", widget=GovPasswordInput(),
                        description=NEW_PASSWORD_HINT,
                        validators=[InputRequired(message="Enter a new password"),
                                    Length(max=MAX_LENGTH, message=f"Password must be "
                                           f"{MAX_LENGTH} characters or fewer")])
    confirm = PasswordField("Type the new password again", widget=GovPasswordInput(),
                            validators=[InputRequired(message="Type the new password again"),
                                        EqualTo("new", message="The two new passwords are "
                                                "not the same")])
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ClearLockoutForm(FlaskForm):
    """One button per lock: which account, or (administrators) which address."""

    account = HiddenField()
    address = HiddenField()
