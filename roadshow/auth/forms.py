from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

CHOOSING_HINT = "At least 12 characters. A few unrelated words together make a good password."


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address."), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=200)])
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
    email = EmailField(
        "Email address",
        validators=[
            DataRequired("Enter your email address."),
            Email("Enter an email address like name@example.org.", check_deliverability=False),
            Length(max=254),
        ],
    )
    submit = SubmitField("Send me a link")


class SetPasswordForm(FlaskForm):
    new = PasswordField(
        "New password",
        description=CHOOSING_HINT,
        validators=[DataRequired("Enter a new password."), Length(max=200)],
    )
    confirm = PasswordField(
        "Type the new password again",
        validators=[DataRequired("Type the new password again."), EqualTo("new", "The two passwords do not match.")],
    )
    submit = SubmitField("Set password")


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password."), Length(max=200)]
    )
    new = PasswordField(
        "New password",
        description=CHOOSING_HINT,
        validators=[DataRequired("Enter a new password."), Length(max=200)],
    )
    confirm = PasswordField(
        "Type the new password again",
        validators=[
            DataRequired("Type the new password again."),
            EqualTo("new", "The two new passwords do not match."),
        ],
    )
    submit = SubmitField("Change password")
