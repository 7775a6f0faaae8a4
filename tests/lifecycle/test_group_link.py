"""The group's private link: the same for the life of the request, replaced only on request, and the
group corrects its details from it until a session is booked (our team is told)."""

from __future__ import annotations

import re

from roadshow.models.booking import BookingStatus
from tests.lifecycle.conftest import GROUP_EMAIL

NEW_DETAILS = {
    "contact_name": "Jo Scout",
    "contact_role": "Group leader",
    "email": "jo.new@example.org",
    "phone": "07700 900456",
    "venue_address": "St Mary's Hall\nChurch Lane, Ely",
    "postcode": "cb7 4bs",
}


def test_an_old_link_says_it_was_replaced_and_sends_a_new_one(client, booking, smtp):
    request, first = booking
    client.post("/roadshow/manage-link", data={"reference": request.reference, "email": GROUP_EMAIL})
    second = re.search(r"/roadshow/booking/([\w-]+)", smtp.text(smtp.last())).group(1)
    page = client.get(f"/roadshow/booking/{first}")
    assert page.status_code == 200 and "This link has been replaced" in page.text
    assert request.reference not in page.text and GROUP_EMAIL not in page.text
    client.post(f"/roadshow/booking/{first}/new-link")
    assert smtp.last()["X-Envelope-To"] == GROUP_EMAIL  # only ever to the address on the request
    third = re.search(r"/roadshow/booking/([\w-]+)", smtp.text(smtp.last())).group(1)
    assert client.get(f"/roadshow/booking/{third}").status_code == 200
    assert "This link has been replaced" in client.get(f"/roadshow/booking/{second}").text


def test_a_link_that_never_existed_is_still_a_plain_404(client, booking):
    assert client.get("/roadshow/booking/not-a-real-token").status_code == 404
    assert client.post("/roadshow/booking/not-a-real-token/new-link").status_code == 404


def test_the_group_corrects_its_details_and_the_coordinators_are_told(client, booking, smtp, users):
    request, token = booking
    form = client.get(f"/roadshow/booking/{token}/details").text
    assert 'value="07700 900123"' in form  # the stored number, spaced as people write it
    client.post(f"/roadshow/booking/{token}/details", data=NEW_DETAILS)
    assert (request.email, request.phone, request.postcode) == ("jo.new@example.org", "07700900456", "CB7 4BS")
    notice = smtp.to(users["coordinator"].email)[-1]
    assert "Details corrected" in notice["Subject"]
    assert "email address, phone number, venue address" in smtp.text(notice)
    page = client.get(f"/roadshow/booking/{token}").text
    assert "07700 900456" in page and "St Mary&#39;s Hall<br>Church Lane<br>Ely<br>CB7 4BS" in page


def test_details_cannot_be_changed_once_the_session_is_booked(client, booking, offered):
    request, token = booking
    offered(agreed_by_phone=True)
    assert request.status == BookingStatus.SCHEDULED
    assert "Correct your contact" not in client.get(f"/roadshow/booking/{token}").text
    assert client.post(f"/roadshow/booking/{token}/details", data=NEW_DETAILS).status_code == 404
    assert request.email == GROUP_EMAIL
