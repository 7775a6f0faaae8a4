"""One person's private link or role never opens someone else's records."""

from __future__ import annotations

import pytest

from roadshow.extensions import db
from roadshow.services import bookings
from tests.bookings.conftest import new_request


def test_a_manage_link_shows_only_its_own_booking(client):
    first = bookings.submit(new_request(organisation="Ely Scouts"))
    second = bookings.submit(new_request(organisation="March Youth Club"))
    db.session.commit()
    for mine, other in ((first, second), (second, first)):
        page = client.get(f"/roadshow/booking/{mine.token}").text
        assert mine.request.reference in page and mine.request.organisation in page
        assert other.request.reference not in page and other.request.organisation not in page


def test_a_manage_link_cannot_act_on_another_booking(client):
    first = bookings.submit(new_request(organisation="Ely Scouts"))
    second = bookings.submit(new_request(organisation="March Youth Club"))
    db.session.commit()
    # A cancellation posted with one token (and the other's id slipped in) changes only the token's own booking.
    client.post(f"/roadshow/booking/{first.token}", data={"reason": "Not needed", "request_id": second.request.id})
    db.session.refresh(first.request)
    db.session.refresh(second.request)
    assert first.request.status == "withdrawn"
    assert second.request.status == "requested"


@pytest.mark.parametrize("path", ["/staff/users", "/staff/audit", "/staff/volunteers/export.csv"])
def test_panel_members_cannot_reach_staff_or_admin_records(client, users, login, path):
    login(users["panel"])
    assert client.get(path).status_code == 403
