"""The booking form: every rule a leader could trip over, the honeypot, the rate limit, and success."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from roadshow.extensions import db, limiter
from roadshow.models.booking import BookingRequest
from tests.bookings.conftest import form_data, in_days
from tests.support.app import make_app


@dataclass(frozen=True)
class InDays:
    """A date `n` days from the day the test runs."""

    n: int


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(BookingRequest))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"organisation": ""}, "Enter the name of your organisation"),
        ({"group_type": None}, "Choose the kind of group"),
        ({"group_type": "gang"}, "Not a valid choice"),
        ({"contact_name": ""}, "Enter your full name"),
        ({"contact_role": ""}, "Enter your role"),
        ({"email": ""}, "Enter your email address"),
        ({"email": "sam.leader@"}, "Enter an email address like"),
        ({"email": "sam leader@example.org"}, "Enter an email address like"),
        ({"phone": ""}, "Enter a UK phone number"),
        ({"phone": "12345"}, "Enter a UK phone number, like"),
        ({"phone": "+1 212 555 0100"}, "Enter a UK phone number, like"),
        ({"district": ""}, "Choose the district"),
        ({"district": "norfolk"}, "Not a valid choice"),
        ({"venue_address": ""}, "Enter the address of the venue"),
        ({"postcode": ""}, "Enter the venue&#39;s postcode"),
        ({"postcode": "CB1"}, "Enter a real UK postcode"),
        ({"postcode": "12345"}, "Enter a real UK postcode"),
        ({"group_size": ""}, "Enter how many young people"),
        ({"group_size": "lots"}, "Enter a whole number"),
        ({"group_size": "4"}, "Enter a number between 5 and 60"),
        ({"group_size": "61"}, "Enter a number between 5 and 60"),
        ({"age_min": "12"}, "Sessions are for ages 13 to 18"),
        ({"age_max": "19"}, "Sessions are for ages 13 to 18"),
        ({"age_min": "", "age_max": "15"}, "Enter the age of the youngest"),
        ({"age_min": "16", "age_max": "14"}, "The oldest age must be the same as or more"),
        ({"date_1": ""}, "Enter the date you would most like"),
        ({"date_1": "31/02/2027"}, "Enter a real date"),
        ({"date_1": InDays(-3)}, "The date must be in the future"),
        ({"date_1": InDays(0)}, "The date must be in the future"),
        ({"date_1": InDays(13)}, "at least 14 days from today"),
        ({"date_2": InDays(5)}, "at least 14 days from today"),
        ({"part_1": None}, "Choose morning, afternoon or evening"),
        ({"part_2": None}, "Choose morning, afternoon or evening"),
        ({"date_3": "", "part_3": "morning"}, "Enter a date for this time of day"),
        ({"date_2": InDays(30), "part_2": "evening"}, "given this date and time of day already"),
        ({"topics": None}, "Choose what the session should cover"),
        ({"access_needs": "x" * 2001}, "under 2,000 characters"),
        ({"responsible_adult": None}, "Confirm that a responsible adult"),
        ({"consent_to_contact": None}, "Agree that we may contact you"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, changes, message):
    # Dates are worked out when the test runs, not when it is collected: the suite may cross midnight.
    changes = {k: in_days(v.n).isoformat() if isinstance(v, InDays) else v for k, v in changes.items()}
    response = client.post("/roadshow/book", data=form_data(**changes))
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert _count() == 0


def test_error_summary_links_to_the_field_and_every_value_is_kept(client):
    response = client.post("/roadshow/book", data=form_data(postcode="NOPE", group_size="99"))
    page = response.text
    assert 'href="#postcode"' in page and 'href="#group_size"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="NOPE"' in page and 'value="99"' in page
    assert 'value="March Youth Club"' in page and 'value="sam.leader@example.org"' in page
    assert "The Hall, 1 High Street" in page
    assert '<input checked id="topics-2" name="topics" required type="radio" value="both">' in page
    assert "<title>Error: Request a roadshow session" in page


@pytest.mark.parametrize("age", ["13", "18"])
def test_the_age_limits_themselves_are_accepted(client, age):
    response = client.post("/roadshow/book", data=form_data(age_min=age, age_max=age))
    assert response.status_code == 303


def test_typed_uk_date_is_accepted(client):
    day = in_days(20)
    response = client.post("/roadshow/book", data=form_data(date_1=day.strftime("%d/%m/%Y"), date_2="", part_2=None))
    assert response.status_code == 303
    assert db.session.scalar(sa.select(BookingRequest)).preferred_dates[0].day == day


def test_a_fourth_preferred_date_cannot_be_sent(client):
    client.post("/roadshow/book", data=form_data(date_3=in_days(44).isoformat(), part_3="morning", date_4="2027-09-01"))
    assert len(db.session.scalar(sa.select(BookingRequest)).preferred_dates) == 3


def test_valid_request_is_stored_tidied_and_redirected_to_confirmation(client):
    response = client.post("/roadshow/book", data=form_data())
    assert response.status_code == 303
    assert response.headers["Location"] == "/roadshow/book/confirmation"
    booking = db.session.scalar(sa.select(BookingRequest))
    assert booking.status == "requested"
    assert booking.postcode == "PE15 8AA"
    assert booking.phone == "01354123456"
    assert [(p.position, p.part_of_day) for p in booking.preferred_dates] == [(1, "evening"), (2, "evening")]
    page = client.get("/roadshow/book/confirmation").text
    assert booking.reference in page
    assert "/roadshow/booking/" in page  # the link is shown once…
    again = client.get("/roadshow/book/confirmation").text
    assert booking.reference in again and "/roadshow/booking/" not in again  # …and not on a reload


def test_confirmation_without_a_request_goes_to_the_form(client):
    assert client.get("/roadshow/book/confirmation").headers["Location"] == "/roadshow/book"


def test_honeypot_filled_stores_nothing_and_sends_nothing(client, smtp):
    response = client.post("/roadshow/book", data=form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you" in response.text
    assert _count() == 0
    assert smtp.messages == []


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = client.get("/roadshow/book").text
    assert '<div class="honeypot" aria-hidden="true">' in page
    hidden = page.split('<div class="honeypot" aria-hidden="true">')[1]
    assert 'name="website"' in hidden.split("</div>")[0] + hidden.split("</div>")[1]
    assert 'name="website" tabindex="-1"' in page


def test_booking_posts_are_rate_limited(database_url):
    app = make_app(database_url, RATELIMIT_ENABLED=True, BOOKING_RATE_LIMIT="3 per hour")
    try:
        with app.app_context():
            client = app.test_client()
            codes = [client.post("/roadshow/book", data=form_data(organisation="")).status_code for _ in range(4)]
            assert codes == [200, 200, 200, 429]
            assert "Too many attempts" in client.post("/roadshow/book", data=form_data()).text
            assert client.get("/roadshow/book").status_code == 200  # reading the form is never limited
            assert _count() == 0
    finally:
        limiter.reset()
        limiter.enabled = False


def test_the_form_needs_a_csrf_token(database_url):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        response = app.test_client().post("/roadshow/book", data=form_data())
        assert response.status_code == 400
        assert _count() == 0
