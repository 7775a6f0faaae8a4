from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from roadshow.form_fields import (
    EMAIL_MAX,
    PASSWORD_MAX,
    confirm_password_field,
    email_field,
    new_password_field,
    required_text,
)


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address."), Length(max=EMAIL_MAX)])
    password = required_text(PasswordField, "Password", "Enter your password.", PASSWORD_MAX)
    submit = SubmitField("Sign in")


def _code_field(hint: str) -> StringField:
    """The one-time code box, the same at sign-in and when setting two-factor up."""
    return StringField(
        "Code from your authenticator app",
        description=hint,
        validators=[DataRequired("Enter the code from your authenticator app."), Length(max=20)],
    )


class CodeForm(FlaskForm):
    code = _code_field("The 6 digits your app shows now, or one of your recovery codes.")
    submit = SubmitField("Continue")


class EnrolForm(FlaskForm):
    code = _code_field("After adding the account, type the 6 digits the app shows.")
    submit = SubmitField("Turn on two-factor sign-in")


class ForgotForm(FlaskForm):
    email = email_field()
    submit = SubmitField("Send me a link")


class SetPasswordForm(FlaskForm):
    new = new_password_field()
    confirm = confirm_password_field("The two passwords do not match.")
    submit = SubmitField("Set password")


class ChangePasswordForm(FlaskForm):
    current = required_text(PasswordField, "Current password", "Enter your current password.", PASSWORD_MAX)
    new = new_password_field()
    confirm = confirm_password_field("The two new passwords do not match.")
    submit = SubmitField("Change password")
