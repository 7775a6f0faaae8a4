"""Coordinators work through applications; panel members and the public never see them."""

from __future__ import annotations

import csv
import io
import re

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry
from roadshow.models.volunteer import VolunteerApplication

STAFF_PAGES = ["/staff/volunteers", "/staff/volunteers/{id}", "/staff/volunteers/export.csv"]
STAFF_POSTS = [
    ("/staff/volunteers/{id}/status", {"to_status": "contacted"}),
    ("/staff/volunteers/{id}/notes", {"text": "Rang them"}),
    ("/staff/volunteers/{id}/erase", {"confirm": "y"}),
]


# Access -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, make_application, path):
    application = make_application(first_name="Private")
    response = client.get(path.format(id=application.id))
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]
    assert "Private" not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_panel_members_get_403_and_no_personal_details(client, users, login, make_application, path):
    application = make_application(first_name="Private", email="private@example.com")
    login(users["panel"])
    response = client.get(path.format(id=application.id))
    assert response.status_code == 403
    body = response.get_data(as_text=True)
    assert "Private" not in body and "private@example.com" not in body


@pytest.mark.parametrize("path,data", STAFF_POSTS)
def test_panel_members_cannot_change_an_application(client, users, login, make_application, path, data):
    application = make_application()
    login(users["panel"])
    assert client.post(path.format(id=application.id), data=data).status_code == 403
    db.session.refresh(application)
    assert application.status == "new" and application.notes == []


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_and_admins_see_the_list(client, users, login, make_application, role):
    make_application(first_name="Alex")
    login(users[role])
    page = client.get("/staff/volunteers").get_data(as_text=True)
    assert "Alex" in page
    assert "1 application" in page


def test_a_missing_application_is_404(client, users, login):
    login(users["coordinator"])
    assert client.get("/staff/volunteers/999").status_code == 404


# List and filters ---------------------------------------------------------------------------------


@pytest.fixture
def coordinator(client, users, login):
    login(users["coordinator"])
    return users["coordinator"]


def test_empty_list_says_so(client, coordinator):
    assert "No applications yet." in client.get("/staff/volunteers").get_data(as_text=True)


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("group=youth", "Youngster", "Grown"),
        ("district=peterborough", "Grown", "Youngster"),
        ("status=contacted", "Youngster", "Grown"),
    ],
)
def test_list_filters_by_group_district_and_status(client, coordinator, make_application, query, shown, hidden):
    young = make_application(first_name="Youngster", group="youth", age=17, district="fenland")
    make_application(first_name="Grown", group="panel", age=40, district="peterborough")
    from roadshow.services.volunteers import status as volunteer_status

    volunteer_status.change_status(young, "contacted", actor=coordinator)
    db.session.commit()
    page = client.get(f"/staff/volunteers?{query}").get_data(as_text=True)
    assert shown in page
    assert hidden not in page


def test_filters_that_match_nothing_say_so(client, coordinator, make_application):
    make_application(group="panel")
    page = client.get("/staff/volunteers?group=youth").get_data(as_text=True)
    assert "No applications match these filters." in page


def test_long_lists_are_paged_and_keep_their_filters(client, coordinator, make_application):
    for _ in range(27):
        make_application(district="fenland")
    first = client.get("/staff/volunteers?district=fenland").get_data(as_text=True)
    assert "Page 1 of 2" in first
    assert "district=fenland" in first.split('rel="next"')[0].rsplit("href=", 1)[1]
    second = client.get("/staff/volunteers?district=fenland&page=2").get_data(as_text=True)
    assert len(re.findall(r'href="/staff/volunteers/\d+"', first)) == 25
    assert len(re.findall(r'href="/staff/volunteers/\d+"', second)) == 2


# Detail, status, notes, history --------------------------------------------------------------------


def test_detail_shows_the_parent_or_carer_for_an_under_16(client, coordinator, make_application):
    application = make_application(
        group="youth", age=14, guardian_name="Pat Carer", guardian_phone="07700900111", guardian_agreed=True
    )
    page = client.get(f"/staff/volunteers/{application.id}").get_data(as_text=True)
    assert "Pat Carer" in page and "07700900111" in page
    assert "Yes, confirmed on the form" in page


def test_coordinator_moves_an_application_to_contacted(client, coordinator, make_application):
    application = make_application()
    response = client.post(f"/staff/volunteers/{application.id}/status", data={"to_status": "contacted"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{application.reference} is now &#39;Contacted&#39;." in page
    db.session.refresh(application)
    assert application.status == "contacted"
    assert [(h.from_status, h.to_status, h.actor_id) for h in application.history] == [
        ("", "new", None),
        ("new", "contacted", coordinator.id),
    ]
    assert "New to Contacted" in page


def test_status_change_is_audited_with_ids_only(client, coordinator, make_application):
    application = make_application(first_name="Quentin", email="quentin@example.com")
    client.post(f"/staff/volunteers/{application.id}/status", data={"to_status": "contacted"})
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "volunteer.status"))
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        coordinator.id,
        "VolunteerApplication",
        str(application.id),
    )
    assert entry.detail == "new->contacted"


def test_a_move_that_is_not_allowed_is_refused(client, coordinator, make_application):
    application = make_application()
    page = client.post(f"/staff/volunteers/{application.id}/status", data={"to_status": "joined"}).get_data(
        as_text=True
    )
    assert "Not a valid choice." in page
    db.session.refresh(application)
    assert application.status == "new"


def test_only_allowed_moves_are_offered(client, coordinator, make_application):
    page = client.get(f"/staff/volunteers/{make_application().id}").get_data(as_text=True)
    assert 'value="contacted"' in page and 'value="invited"' in page and 'value="not_proceeding"' in page
    assert 'type="radio" value="joined"' not in page


def test_not_proceeding_needs_a_reason(client, coordinator, make_application):
    application = make_application()
    url = f"/staff/volunteers/{application.id}/status"
    page = client.post(url, data={"to_status": "not_proceeding"}).get_data(as_text=True)
    assert "Choose why the application is not going ahead." in page
    db.session.refresh(application)
    assert application.status == "new"

    client.post(url, data={"to_status": "not_proceeding", "reason": "withdrew"})
    db.session.refresh(application)
    assert (application.status, application.not_proceeding_reason) == ("not_proceeding", "withdrew")
    assert "Changed their mind" in client.get(f"/staff/volunteers/{application.id}").get_data(as_text=True)


def test_the_service_refuses_illegal_moves_too(app, coordinator, make_application):
    from roadshow.services import DomainError
    from roadshow.services.volunteers import status as volunteer_status

    application = make_application()
    with pytest.raises(DomainError, match="cannot move to 'Joined'"):
        volunteer_status.change_status(application, "joined", actor=coordinator)


def test_full_path_to_joined(client, coordinator, make_application):
    application = make_application()
    for status in ("contacted", "invited", "joined"):
        assert client.post(f"/staff/volunteers/{application.id}/status", data={"to_status": status}).status_code == 303
    db.session.refresh(application)
    assert application.status == "joined"
    assert len(application.history) == 4


def test_notes_are_kept_shown_and_audited_without_their_text(client, coordinator, make_application):
    application = make_application()
    response = client.post(f"/staff/volunteers/{application.id}/notes", data={"text": "Left a voicemail for Dana"})
    assert response.status_code == 303
    page = client.get(f"/staff/volunteers/{application.id}").get_data(as_text=True)
    assert "Left a voicemail for Dana" in page
    assert coordinator.name in page
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "volunteer.note"))
    assert "Dana" not in entry.detail and "voicemail" not in entry.detail


def test_an_empty_note_is_refused(client, coordinator, make_application):
    application = make_application()
    page = client.post(f"/staff/volunteers/{application.id}/notes", data={"text": ""}).get_data(as_text=True)
    assert "Write a note before saving it." in page
    db.session.refresh(application)
    assert application.notes == []


# Deleting on request ------------------------------------------------------------------------------


def test_an_application_is_deleted_at_once_when_the_person_asks(client, coordinator, make_application):
    from roadshow.models.volunteer import VolunteerCount

    application = make_application(first_name="Erin", group="youth", age=17, district="fenland")
    application_id, reference = application.id, application.reference
    response = client.post(f"/staff/volunteers/{application_id}/erase", data={"confirm": "y"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Application {reference} has been deleted." in page
    assert "Erin" not in page
    db.session.expire_all()
    assert db.session.get(VolunteerApplication, application_id) is None
    count = db.session.scalar(sa.select(VolunteerCount))
    assert (count.group, count.district, count.outcome, count.count) == ("youth", "fenland", "erased", 1)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "volunteer.erased"))
    assert (entry.object_id, entry.actor_id, entry.detail) == (str(application_id), coordinator.id, "from=new")


def test_deleting_needs_the_box_ticked(client, coordinator, make_application):
    application = make_application()
    page = client.post(f"/staff/volunteers/{application.id}/erase", data={}).get_data(as_text=True)
    assert "Tick the box to confirm the person asked for their details to be deleted." in page
    assert db.session.get(VolunteerApplication, application.id) is not None


# Export -------------------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))  # the BOM is for Excel


def test_export_is_a_csv_download_of_the_filtered_list(client, coordinator, make_application):
    make_application(first_name="Kept", district="fenland", phone="07700900123")
    make_application(first_name="Other", district="cambridge")
    response = client.get("/staff/volunteers/export.csv?district=fenland")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    rows = _csv(response)
    assert rows[0][:3] == ["Reference", "Received", "Group"]
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert (record["First name"], record["District"], record["Phone"]) == ("Kept", "Fenland", "07700900123")


def test_export_cannot_smuggle_a_spreadsheet_formula(client, coordinator, make_application):
    make_application(first_name="=HYPERLINK(1)", why_join="@SUM(A1)")
    record = dict(zip(*_csv(client.get("/staff/volunteers/export.csv")), strict=True))
    assert record["First name"] == "'=HYPERLINK(1)"
    assert record["Why they would like to join"] == "'@SUM(A1)"


def test_export_is_audited(client, coordinator, make_application):
    make_application()
    client.get("/staff/volunteers/export.csv")
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "volunteer.export"))
    assert entry.actor_id == coordinator.id and entry.detail == "rows=1"


def test_applications_are_numbered_uniquely(make_application):
    references = {make_application().reference for _ in range(3)}
    assert len(references) == 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VolunteerApplication)) == 3
