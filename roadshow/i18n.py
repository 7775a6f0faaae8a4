"""The languages of the young people's feedback journey, chosen by the address and never remembered.

The language is the page address's `lang` query parameter: no cookie, nothing on the server, and
nothing stored with a response. Every link, redirect and form action of the journey built by
`url_for` carries it on (`carry_language`), so a young person picks once and it stays picked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import Flask, request
from flask_babel import Babel, get_locale, gettext
from markupsafe import Markup, escape

from config import ROOT


@dataclass(frozen=True)
class Language:
    """One language the journey is offered in: its code, its own name, its English name, its direction."""

    code: str
    name: str  # in the language itself, as a speaker looks for it
    english: str  # for staff pages
    html_lang: str
    direction: str = "ltr"


DEFAULT = "en"
LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English", "en-GB"),
        Language("pl", "Polski", "Polish", "pl"),
        Language("lt", "Lietuvių", "Lithuanian", "lt"),
        Language("ro", "Română", "Romanian", "ro"),
        Language("pt", "Português", "Portuguese", "pt"),
        Language("ur", "اردو", "Urdu", "ur", "rtl"),
    )
}
TRANSLATED = tuple(code for code in LANGUAGES if code != DEFAULT)

# The pages whose links carry the chosen language on: the young people's journey and the privacy summary.
JOURNEY_ENDPOINTS = frozenset(
    {
        "feedback.start",
        "feedback.form",
        "feedback.step",
        "feedback.check",
        "feedback.thanks",
        "feedback.age_outside",
        "main.privacy",
    }
)

babel = Babel()


def requested() -> str:
    """The language the address asks for, if it is one we offer; English otherwise."""
    code = request.args.get("lang", "") if request else ""
    return code if code in LANGUAGES else DEFAULT


def current() -> Language:
    """The language of the page being built."""
    return LANGUAGES.get(str(get_locale() or DEFAULT), LANGUAGES[DEFAULT])


_SCALE_END = re.compile(r"^([1-5]) – (.+)$")  # a scale's end point, "1 – Not at all" (see questionnaire.scale)


def translate(text: str) -> str:
    """A questionnaire message (marked with `N_` where it is written) in the page's language."""
    if not text:
        return text  # gettext("") is the catalogue's header, never wanted
    end = _SCALE_END.match(text)
    if end:
        return f"{end.group(1)} – {gettext(end.group(2))}"
    return gettext(text)


class Translatable:
    """A message translated each time it is printed, so forms built once serve every language.

    Unlike Flask-Babel's lazy strings it is escaped when printed in a page, like any other text.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return translate(self.text)

    def __html__(self) -> Markup:
        return escape(str(self))

    def __bool__(self) -> bool:
        return bool(self.text)

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.text)

    def __mod__(self, values: object) -> str:
        return str(self) % values


def lazy_gettext(text: str) -> Translatable:
    """Mark a message of a form built once (a label, a validator's message): translated when printed."""
    return Translatable(text)


def carry_language(endpoint: str, values: dict[str, Any]) -> None:
    """`url_for` default: a link from a page in another language to a journey page keeps that language."""
    if endpoint in JOURNEY_ENDPOINTS and "lang" not in values:
        code = requested()
        if code != DEFAULT:
            values["lang"] = code


def register(app: Flask) -> None:
    """Flask-Babel with the address as the only source of the language; `_` and `gettext` in templates."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    babel.init_app(app, locale_selector=requested)
    app.url_default_functions.setdefault(None, []).append(carry_language)
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES
    app.jinja_env.globals["current_language"] = current
    app.jinja_env.globals["translate"] = translate
