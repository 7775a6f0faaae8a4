"""Sessions with feedback codes of our own, and helpers to walk the form."""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import count

from roadshow.extensions import db
from roadshow.models import RoadshowSession
from roadshow.models.scheduling import SessionStatus
from roadshow.timeutil import utcnow

_numbers = count(1)
STATE = re.compile(r'name="state" type="hidden" value="([^"]+)"|name="state" value="([^"]+)"')


def make_session(code: str | None = None, *, opens_in: timedelta = timedelta(hours=-1), **changes) -> RoadshowSession:
    """A session whose feedback opened an hour ago and closes in a week (commit included)."""
    n = next(_numbers)
    opens = utcnow() + opens_in
    session = RoadshowSession(
        title=f"Youth club visit {n}",
        status=SessionStatus.SCHEDULED,
        starts_at=opens,
        ends_at=opens + timedelta(hours=2),
        venue="Community Centre, High Street",
        postcode="CB1 1AA",
        district="cambridge",
        feedback_code=code or f"TST{n:04d}",
        feedback_opens_at=opens,
        feedback_closes_at=opens + timedelta(days=7),
        ics_uid=f"test-{n}@roadshow.example",
    )
    for key, value in changes.items():
        setattr(session, key, value)
    db.session.add(session)
    db.session.commit()
    return session


def state_of(html: str) -> str:
    """The signed state carried in a feedback page."""
    match = STATE.search(html)
    assert match, "no state field in the page"
    return match.group(1) or match.group(2)


STEP1 = {"age": "15", "stopped": "once", "force": ["handcuffs"]}
STEP2 = {
    "told_grounds": "yes",
    "told_object": "no",
    "gave_identity": "not_sure",
    "told_record": "no",
    "respect": "2",
    "camera": "yes",
    "force_who": "saw",
    "confidence_before": "2",
    "confidence_after": "4",
    "useful": "5",
    "differently": "Explain why they stop you.",
}
STEP3 = {"gender": "girl", "ethnicity": "mixed", "district": "fenland"}


def post_page(client, url: str, data: dict, **kwargs):
    """Post a page as the browser does: a redirect to the form's next page (or "Check your answers") is
    followed, as that page is what the young person sees; any other response is returned as it is."""
    response = client.post(url, data=data, **kwargs)
    location = response.headers.get("Location", "")
    if response.status_code == 303 and "/feedback/" in location and not location.endswith("/thanks"):
        return client.get(location, **kwargs)
    return response


def page_url(response, code: str) -> str:
    """The address a page was shown at (its form posts back there)."""
    return response.request.url if getattr(response, "request", None) is not None else f"/feedback/{code}"


ANSWERS = {**STEP1, **STEP2, **STEP3}
CHECK_HEADING = "Check your answers before sending them"


def to_check(client, url: str, page, answers: dict | None = None, before_each=None, **kwargs):
    """Answer page after page with `answers` (each page takes only its own questions) until "Check your
    answers"; returns that page, or the first response that is not a next page (an age page, a refusal)."""
    answers = ANSWERS if answers is None else answers
    for _ in range(20):
        html = page.get_data(as_text=True)
        if page.status_code != 200 or CHECK_HEADING in html:
            return page
        if before_each is not None:
            before_each()
        page = post_page(client, url, {**answers, "state": state_of(html)}, **kwargs)
    raise AssertionError("never reached Check your answers")


def complete(client, code: str, step1=STEP1, step2=STEP2, step3=STEP3, before_each=None, **kwargs):
    """Walk every page and send from "Check your answers" through the test client; returns the last response."""
    url = f"/feedback/{code}"
    page = to_check(client, url, client.get(url, **kwargs), {**step1, **step2, **step3}, before_each, **kwargs)
    if page.status_code != 200:
        return page
    if before_each is not None:
        before_each()
    return client.post(url, data={"state": state_of(page.get_data(as_text=True))}, **kwargs)


_INPUT = re.compile(r"<input\b[^>]*>")


def checked(html: str, name: str, value: str) -> bool:
    """Whether the page shows this option of this question as chosen."""
    return any(
        f'name="{name}"' in tag and f'value="{value}"' in tag and re.search(r"\schecked[\s>=]", tag)
        for tag in _INPUT.findall(html)
    )


def any_checked(html: str) -> bool:
    return any(re.search(r"\schecked[\s>=]", tag) for tag in _INPUT.findall(html))
