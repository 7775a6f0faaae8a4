"""The group's private link: it works, a wrong or altered one is a plain 404, and it can be re-sent."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest
from roadshow.services import bookings
from tests.bookings.conftest import new_request


def test_valid_link_shows_status_details_and_history(client, make_request):
    booking, token = make_request()
    response = client.get(f"/roadshow/booking/{token}")
    assert response.status_code == 200
    page = response.text
    assert 'Status: <span class="booking-status-label">Requested</span>' in page
    assert booking.reference in page and "Ely Scouts" in page
    assert "You sent the request." in page
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert 'name="robots" content="noindex, nofollow"' in page


def test_only_the_hash_of_the_token_is_stored(make_request):
    booking, token = make_request()
    assert len(token) >= 43
    assert booking.token_hash == bookings.hash_token(token) and token not in booking.token_hash
    row = db.session.execute(sa.text("SELECT * FROM booking_requests")).mappings().one()
    assert token not in " ".join(str(v) for v in row.values())


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character changed
        lambda t: t[:-4],  # cut short
        lambda t: t + "x",  # extended
        lambda t: t.upper(),
        lambda _t: "1",  # an id, not a token
        lambda _t: "x" * 500,
    ],
)
def test_tampered_or_wrong_link_is_a_plain_404(client, make_request, mangle):
    _booking, token = make_request()
    response = client.get(f"/roadshow/booking/{mangle(token)}")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Ely Scouts" not in response.text


def test_tokens_are_unrelated_between_requests(make_request):
    tokens = {make_request()[1] for _ in range(5)}
    assert len(tokens) == 5


def test_group_cancels_with_a_reason_and_sees_it(client, make_request, smtp, users):
    booking, token = make_request()
    response = client.post(f"/roadshow/booking/{token}", data={"reason": "Our hall is being repaired"})
    assert response.status_code == 303
    page = client.get(f"/roadshow/booking/{token}").text
    assert "Withdrawn" in page and "Our hall is being repaired" in page
    assert "Cancel this request" not in page  # nothing left to cancel
    db.session.refresh(booking)
    assert booking.status == "withdrawn"
    assert booking.events[-1].actor_label == bookings.GROUP
    office = smtp.to(users["coordinator"].email)
    assert office and "Our hall is being repaired" in smtp.text(office[-1])


def test_cancelling_needs_a_reason(client, make_request):
    booking, token = make_request()
    response = client.post(f"/roadshow/booking/{token}", data={"reason": ""})
    assert "Tell us why you are cancelling" in response.text
    db.session.refresh(booking)
    assert booking.status == "requested"


def test_group_does_not_see_internal_notes_or_staff_names(client, make_request, users):
    booking, token = make_request()
    bookings.add_event(booking, note="Leader sounded unsure", actor=users["coordinator"], notify_group=False)
    bookings.add_event(booking, note="We will ring you on Monday", visible_to_group=True, notify_group=False)
    db.session.commit()
    page = client.get(f"/roadshow/booking/{token}").text
    assert "We will ring you on Monday" in page
    assert "Leader sounded unsure" not in page
    assert users["coordinator"].name not in page


def _link_in(text: str) -> str:
    match = re.search(r"https?://\S+/roadshow/booking/(\S+)", text)
    assert match, text
    return match.group(1)


def test_link_is_resent_only_to_the_stored_address(client, make_request, smtp):
    booking, old_token = make_request()
    response = client.post(
        "/roadshow/manage-link", data={"reference": booking.reference.lower(), "email": "JO.SCOUT@example.org"}
    )
    assert response.status_code == 303
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["jo.scout@example.org"]
    new_token = _link_in(smtp.text(smtp.last()))
    assert client.get(f"/roadshow/booking/{new_token}").status_code == 200
    old = client.get(f"/roadshow/booking/{old_token}")
    assert old.status_code == 200 and "This link has been replaced" in old.text
    assert booking.reference not in old.text and "Ely Scouts" not in old.text


@pytest.mark.parametrize(
    "data",
    [
        {"reference": "RS-2026-9999", "email": "jo.scout@example.org"},
        {"reference": "{ref}", "email": "someone.else@example.org"},
    ],
)
def test_resend_says_the_same_whether_or_not_it_matched(client, make_request, smtp, data):
    booking, _token = make_request()
    matched = client.post(
        "/roadshow/manage-link",
        data={"reference": booking.reference, "email": "jo.scout@example.org"},
        follow_redirects=True,
    ).text
    smtp.messages.clear()
    data = {k: v.format(ref=booking.reference) for k, v in data.items()}
    unmatched = client.post("/roadshow/manage-link", data=data, follow_redirects=True).text
    assert smtp.messages == []
    message = "If the reference and email address match a request, we have emailed a new link"
    assert message in matched and message in unmatched


def test_resend_form_checks_its_fields(client):
    response = client.post("/roadshow/manage-link", data={"reference": "", "email": "nope"})
    assert "Enter your request reference" in response.text
    assert "Enter an email address like" in response.text


def test_purged_request_cannot_have_its_link_resent(client, make_request, smtp):
    booking, _ = make_request()
    booking.email = ""
    db.session.commit()
    client.post("/roadshow/manage-link", data={"reference": booking.reference, "email": ""})
    assert smtp.messages == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BookingRequest)) == 1


@pytest.mark.parametrize(
    ("moment", "shown"), [("2027-01-15 12:00", "15 January 2027, 12pm"), ("2027-07-15 12:00", "15 July 2027, 1pm")]
)
def test_history_times_are_shown_in_london_time_either_side_of_bst(client, moment, shown):
    with freeze_time(moment):
        submitted = bookings.submit(new_request())
        db.session.commit()
        page = client.get(f"/roadshow/booking/{submitted.token}").text
    assert shown in page
