"""The feedback QR code: an inline SVG made on the server (segno), no network, no script."""

from __future__ import annotations

import segno
from markupsafe import escape

from roadshow.links import absolute_url
from roadshow.models.scheduling import RoadshowSession


def feedback_url(session: RoadshowSession) -> str:
    """The absolute address young people open: PUBLIC_BASE_URL + /feedback/<code>."""
    return absolute_url("feedback.form", code=session.feedback_code)


def qr_svg(url: str) -> str:
    """The QR code for `url` as inline SVG markup, labelled for screen readers (the template marks it safe)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=6, border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr-code")
    label = f'role="img" aria-label="QR code for {escape(url)}"'
    # segno writes the SVG itself and the only text put in is escaped above.
    return svg.replace("<svg ", f"<svg {label} ", 1)
