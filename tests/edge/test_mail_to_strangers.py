"""Public forms cannot be used to send a stranger a pile of email, or words of the sender's choosing."""

from __future__ import annotations

from tests.bookings.conftest import form_data as booking_form
from tests.volunteers.conftest import form_data as volunteer_form

TARGET = "victim@example.org"
INSULT = "Pay 500 pounds to evil.example now"


def test_booking_confirmations_carry_no_typed_text_and_stop_after_three_a_day(client, smtp):
    for _ in range(6):
        client.post("/roadshow/book", data=booking_form(email=TARGET, contact_name=INSULT, organisation=INSULT))
    received = smtp.to(TARGET)
    print(f"booking confirmations to one address: {len(received)} of 6 requests")
    assert len(received) == 3
    for message in received:
        assert "evil.example" not in smtp.text(message) and "Pay 500" not in message["Subject"]


def test_volunteer_confirmations_carry_no_typed_text_and_stop_after_three_a_day(client, smtp):
    for _ in range(6):
        client.post("/get-involved/apply", data=volunteer_form(email=TARGET, first_name=INSULT))
    received = smtp.to(TARGET)
    print(f"volunteer confirmations to one address: {len(received)} of 6 applications")
    assert len(received) == 3
    for message in received:
        assert "evil.example" not in smtp.text(message)
