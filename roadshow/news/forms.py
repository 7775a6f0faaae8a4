"""Forms for writing the newsletter."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from roadshow.form_fields import email_field, required_text
from roadshow.forms import HoneypotField, choices
from roadshow.models import SECTIONS


class ArticleForm(FlaskForm):
    edition_id = SelectField("Edition", coerce=int, validators=[DataRequired("Choose an edition.")])
    section = SelectField("Section", choices=choices(SECTIONS), validators=[DataRequired("Choose a section.")])
    title = required_text(StringField, "Title", "Enter a title.", 160)
    summary = required_text(
        TextAreaField,
        "Summary",
        "Enter a short summary.",
        600,
        "One or two sentences shown on the article's card on the home page.",
    )
    body = required_text(
        TextAreaField,
        "Article",
        "Enter the article's text.",
        50_000,
        "Markdown: a blank line between paragraphs, ## for a subheading, [words](/link) for a link.",
    )
    read_more_url = URLField(
        "Further reading link",
        description="A web address for more detail elsewhere, starting https://",
        validators=[Optional(), URL(message="Enter a full web address starting https://"), Length(max=300)],
    )
    position = IntegerField(
        "Order within its section",
        default=0,
        description="Lower numbers come first.",
        validators=[Optional(), NumberRange(min=0, max=999, message="Enter a number from 0 to 999.")],
    )
    submit = SubmitField("Save draft")

    def set_editions(self, editions: list) -> None:
        self.edition_id.choices = choices([(str(e.id), e.title) for e in editions])


class EditionForm(FlaskForm):
    title = required_text(StringField, "Title", "Enter a title.", 80, 'For example "Spring 2026".')
    welcome = required_text(
        TextAreaField,
        "Welcome from the Commissioner",
        "Enter the welcome.",
        10_000,
        "Markdown, shown at the top of the home page.",
    )
    submit = SubmitField("Save edition")


class SubscribeForm(FlaskForm):
    email = email_field()
    first_name = StringField("First name", description="So we can say hello.", validators=[Optional(), Length(max=60)])
    consent = BooleanField(
        "Yes, email me the Commissioner's newsletter",
        validators=[DataRequired("Tick the box to say you want the newsletter by email.")],
    )
    website = HoneypotField("Leave this empty")
    submit = SubmitField("Subscribe")


class SendEditionForm(FlaskForm):
    """Starting a send asks for a deliberate tick: an edition cannot be called back once emailed."""

    confirm = BooleanField(
        "I have checked the preview and want to email this edition to every confirmed subscriber now",
        validators=[DataRequired("Tick the box to confirm you want to email every subscriber now.")],
    )
