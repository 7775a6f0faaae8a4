"""Printing the questionnaire's fields quickly.

The same markup as the shared `render_field` macro (label or legend, hint, error, then
the inputs, with `aria-describedby`), written straight from Python: a step has up to two
dozen radio buttons and check boxes, and going through WTForms' widgets for each one made
the form page several times slower to render than any other page.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms import Field


def _described(field: Field) -> tuple[str, str, str]:
    hint = f'<p class="hint" id="{field.id}-hint">{escape(field.description)}</p>' if field.description else ""
    error = ""
    if field.errors:
        messages = "<br>".join(f'<span class="visually-hidden">Error:</span> {escape(e)}' for e in field.errors)
        error = f'<p class="field-error" id="{field.id}-error">{messages}</p>'
    ids = " ".join(i for i, on in ((f"{field.id}-hint", hint), (f"{field.id}-error", error)) if on)
    return hint, error, f' aria-describedby="{ids}"' if ids else ""


def _optional(field: Field) -> str:
    return "" if field.flags.required else ' <span class="optional">(optional)</span>'


def question(field: Field) -> Markup:
    """One question: a fieldset of radio buttons or check boxes, or a labelled text box."""
    hint, error, described = _described(field)
    css = "field field-has-error" if field.errors else "field"
    if field.type == "TextAreaField":
        invalid = ' aria-invalid="true"' if field.errors else ""
        maxlength = (field.render_kw or {}).get("maxlength")
        limit = f' maxlength="{int(maxlength)}"' if maxlength else ""
        # Every interpolated value is escaped or is one of the questionnaire's own keys.
        return Markup(  # noqa: S704  # nosec B704
            f'<div class="{css} free-text"><label for="{field.id}">{escape(field.label.text)}{_optional(field)}</label>'
            f'{hint}{error}<textarea id="{field.id}" name="{field.name}" rows="5"{limit}{described}{invalid}>'
            f"\n{escape(field._value())}</textarea></div>"
        )
    kind = "checkbox" if field.type == "MultiCheckboxField" else "radio"
    chosen = set(field.data or ()) if kind == "checkbox" else {field.data}
    options = "".join(
        f'<div class="choice"><input{" checked" if choice.value in chosen else ""} id="{field.id}-{i}" '
        f'name="{field.name}" type="{kind}" value="{escape(choice.value)}"> '
        f'<label for="{field.id}-{i}">{escape(choice.label)}</label></div>'
        for i, choice in enumerate(field.choices)
    )
    # Every interpolated value is escaped or is one of the questionnaire's own keys.
    return Markup(  # noqa: S704  # nosec B704
        f'<div class="{css}"><fieldset class="choices"{described}><legend>{escape(field.label.text)}'
        f"{_optional(field)}</legend>{hint}{error}{options}</fieldset></div>"
    )
