from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from roadshow.form_fields import email_field
from roadshow.forms import ActionForm as ActionForm  # one-button forms, shared with other features
from roadshow.forms import choices

# The same names as every page shows (the `role_name` filter).
ROLE_CHOICES = choices([("coordinator", "Coordinator"), ("panel", "Panel member"), ("admin", "Admin")])
ROLE_HINT = "Panel members can only read reports. Admins also manage accounts and must use two-factor sign-in."


class _NewStaffForm(FlaskForm):
    """Who a new member of staff is: the fields an admin fills in to create or to invite them."""

    name = StringField("Full name", validators=[DataRequired("Enter the person's name."), Length(max=120)])
    email = email_field(missing="Enter an email address.")
    role = SelectField("Role", choices=ROLE_CHOICES, description=ROLE_HINT)
    safeguarding_lead = BooleanField(
        "Designated safeguarding lead",
        description="Trained to act on disclosures: emailed at once when a comment is escalated, and can read it. "
        "Coordinators and admins only. Leads must use two-factor sign-in.",
    )

    def validate_safeguarding_lead(self, field: BooleanField) -> None:
        if field.data and self.role.data not in ("coordinator", "admin"):
            raise ValidationError("Only coordinators and admins can be safeguarding leads.")


class CreateUserForm(_NewStaffForm):
    """Create an account with a one-time password to pass on."""

    submit = SubmitField("Create account")


class InviteForm(_NewStaffForm):
    """Invite someone by email: they choose their own password and set up two-factor sign-in."""

    submit = SubmitField("Send invite")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES, description=ROLE_HINT)
    submit = SubmitField("Change role")


class SafeguardingLeadForm(FlaskForm):
    safeguarding_lead = BooleanField(
        "Designated safeguarding lead",
        description="Emailed at once when a comment is escalated, and can read escalated comments.",
    )
    submit = SubmitField("Save")


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = StringField("Action starts with", validators=[Optional(), Length(max=60)])
    object_type = StringField("Object type", validators=[Optional(), Length(max=40)])
