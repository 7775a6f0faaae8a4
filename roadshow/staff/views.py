"""Staff dashboard, user accounts and the audit log."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, render_template, request, url_for
from flask_login import current_user

from roadshow.extensions import db
from roadshow.models import AuditEntry, User
from roadshow.security import admin_required, staff_required
from roadshow.services import DomainError
from roadshow.services.accounts import account_links, two_factor, users
from roadshow.services.dashboard import summary
from roadshow.staff import bp
from roadshow.staff.audit_text import ROLE_NAMES, sentences
from roadshow.staff.forms import (
    ActionForm,
    AuditFilterForm,
    CreateUserForm,
    InviteForm,
    RoleForm,
    SafeguardingLeadForm,
)
from roadshow.transaction import refuse, saved, settle

PER_PAGE = 50


@bp.route("/")
@staff_required
def dashboard() -> str:
    """What needs attention: new requests, upcoming sessions, comments to moderate."""
    return render_template("staff/dashboard.html", summary=summary())


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users_list() -> str | Response:
    """Every account with its role and last sign-in; create a new one."""
    form = CreateUserForm()
    if form.validate_on_submit():
        try:
            password = users.generate_password()
            user = users.create(
                form.email.data or "",
                form.name.data or "",
                form.role.data,
                password,
                actor=current_user,
                must_change=True,
                safeguarding_lead=form.safeguarding_lead.data,
            )
        except DomainError as exc:
            db.session.rollback()
            form.email.errors = [*form.email.errors, str(exc)]
        else:
            db.session.commit()
            return render_template("staff/user_created.html", user=user, password=password)
    return _users_page(form=form)


def _users_page(**forms: object) -> str:
    accounts = db.session.scalars(sa.select(User).order_by(User.active.desc(), User.name)).all()
    forms.setdefault("form", CreateUserForm(formdata=None))
    forms.setdefault("invite_form", InviteForm(formdata=None, prefix="invite"))
    return render_template("staff/users.html", accounts=accounts, **forms)


@bp.route("/users/invite", methods=["POST"])
@admin_required
def invite_user() -> str | Response:
    """Invite someone by email: an expiring, single-use link to choose a password."""
    form = InviteForm(prefix="invite")
    if form.validate_on_submit() and (
        done := saved(
            lambda: account_links.invite(
                form.email.data or "",
                form.name.data or "",
                form.role.data,
                actor=current_user,
                safeguarding_lead=bool(form.safeguarding_lead.data),
            ),
            form.email.errors,
            lambda user: settle(
                f"We have emailed {user.name} an invite. The link works once, within 72 hours.",
                url_for("staff.users_list"),
            ),
        )
    ):
        return done
    return _users_page(invite_form=form)


@bp.app_template_filter("role_name")
def role_name(role: str) -> str:
    """One name for each role on every page."""
    return ROLE_NAMES.get(role, role)


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def user_detail(user_id: int) -> str | Response:
    """Change a role, deactivate or reactivate, or set a one-time password."""
    user = _user_or_404(user_id)
    role_form = RoleForm(role=user.role)
    lead_form = SafeguardingLeadForm(prefix="lead", safeguarding_lead=user.is_safeguarding_lead)
    action_form = ActionForm()
    if request.method == "POST":
        try:
            if lead_form.submit.data and lead_form.validate_on_submit():
                users.set_safeguarding_lead(user, lead_form.safeguarding_lead.data, actor=current_user)
                message = f"{user.name} is {'now' if user.is_safeguarding_lead else 'no longer'} a safeguarding lead."
            elif "role" in request.form and role_form.validate_on_submit():
                users.change_role(user, role_form.role.data, actor=current_user)
                message = f"{user.name} is now {role_name(user.role)}."
            elif action_form.validate_on_submit() and action_form.action.data in ("deactivate", "activate"):
                users.set_active(user, action_form.action.data == "activate", actor=current_user)
                message = f"{user.name}'s account is now {'active' if user.active else 'deactivated'}."
            elif action_form.validate_on_submit() and action_form.action.data == "reset":
                password = users.set_one_time_password(user, actor=current_user)
                db.session.commit()
                return render_template("staff/user_created.html", user=user, password=password, reset=True)
            elif action_form.validate_on_submit() and action_form.action.data == "reset_two_factor":
                two_factor.reset(user, actor=current_user)
                message = f"{user.name}'s two-factor sign-in is off. They set it up again at their next sign-in."
            else:
                abort(400)
        except DomainError as exc:
            refuse(exc)
        else:
            return settle(message, url_for("staff.user_detail", user_id=user.id))
    return render_template(
        "staff/user_detail.html",
        user=user,
        role_form=role_form,
        lead_form=lead_form,
        action_form=action_form,
        two_factor_required=two_factor.requires_two_factor(user),
    )


@bp.route("/users/<int:user_id>/deactivate")
@admin_required
def confirm_deactivate(user_id: int) -> str:
    """Ask before deactivating: the person is signed out everywhere at once."""
    return render_template("staff/confirm_deactivate.html", user=_user_or_404(user_id))


@bp.route("/audit")
@admin_required
def audit() -> str:
    """The audit log, newest first, filtered by action or object type."""
    form = AuditFilterForm(request.args)
    query = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if form.validate():
        if form.action.data:
            query = query.where(AuditEntry.action.startswith(form.action.data.strip(), autoescape=True))
        if form.object_type.data:
            query = query.where(AuditEntry.object_type == form.object_type.data.strip())
    number = request.args.get("page", 1, type=int)
    if not 1 <= number <= 100_000:
        abort(404)
    page = db.paginate(query, page=number, per_page=PER_PAGE, error_out=False)
    return render_template("staff/audit.html", page=page, form=form, rows=sentences(list(page.items)))
