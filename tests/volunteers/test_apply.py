"""The public journey: read about volunteering, apply, see a confirmation; every rule on the form."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry
from roadshow.models.volunteer import VolunteerApplication
from tests.volunteers.conftest import ADULT, UNDER_16, form_data


def _applications() -> list[VolunteerApplication]:
    return list(db.session.scalars(sa.select(VolunteerApplication)))


def test_get_involved_page_describes_both_groups_and_links_to_each_route(client):
    page = client.get("/get-involved/").get_data(as_text=True)
    assert "The youth scrutiny team: ages 13 to 18" in page
    assert "The Community Scrutiny Panel: adults" in page
    assert "body-worn video" in page
    assert "/get-involved/apply?group=youth" in page
    assert "/get-involved/apply?group=panel" in page


def test_panel_minimum_age_comes_from_config(app, client):
    app.config["PANEL_MIN_AGE"] = 18
    assert "You need to be 18 or over to join." in client.get("/get-involved/").get_data(as_text=True)


def test_youth_link_opens_the_form_for_the_youth_team_with_nothing_else_ticked(client):
    page = client.get("/get-involved/apply?group=youth").get_data(as_text=True)
    assert "<h1>Join the youth scrutiny team</h1>" in page
    assert '<input checked id="group-0" name="group" required type="radio" value="youth">' in page
    assert page.count("checked") == 1  # the chosen group only: consent and agreement are never pre-ticked


def test_a_complete_application_is_stored_and_confirmed_without_details_in_the_address(client):
    response = client.post("/get-involved/apply", data=form_data())
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.endswith("/get-involved/thank-you")
    assert "morgan" not in location.lower()

    confirmation = client.get(location).get_data(as_text=True)
    [application] = _applications()
    assert application.reference in confirmation
    assert "Application sent" in confirmation
    assert "We have sent you an email" in confirmation
    assert (application.first_name, application.email, application.group, application.age) == (
        "Morgan",
        "morgan@example.com",
        "panel",
        34,
    )
    assert application.status == "new"
    assert application.reference.startswith("GI-")


def test_thank_you_page_without_an_application_goes_back_to_the_start(client):
    response = client.get("/get-involved/thank-you")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/get-involved/")


def test_applying_is_audited_without_personal_details(client):
    client.post("/get-involved/apply", data=form_data(UNDER_16))
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "volunteer.applied"))
    [application] = _applications()
    assert entry.object_id == str(application.id)
    text = f"{entry.actor_label} {entry.detail} {entry.object_type}".lower()
    for personal in ("sam", "jo carer", "example.com", "15"):
        assert personal not in text


# Validation: each rule shows its message, keeps what was typed and stores nothing --------------

RULES = [
    ({"group": None}, "Choose which group you would like to join."),
    ({"group": "club"}, "Not a valid choice."),
    ({"first_name": ""}, "Enter your first name."),
    ({"first_name": "x" * 61}, "Your first name is too long."),
    ({"age": ""}, "Enter your age."),
    ({"age": "fifteen"}, "Enter your age as a number, like 15."),
    ({"age": "0"}, "Enter your age as a number, like 15."),
    ({"age": "121"}, "Enter your age as a number, like 15."),
    ({"group": "youth", "age": "12"}, "The youth team is for ages 13 to 18. You can apply when you are 13."),
    ({"group": "youth", "age": "19"}, "You can apply to join the Community Scrutiny Panel instead."),
    ({"group": "panel", "age": "15"}, "You need to be 16 or over to join the panel."),
    ({"district": None}, "Choose where you live."),
    ({"district": "london"}, "Not a valid choice."),
    ({"email": "", "phone": ""}, "Enter an email address or a phone number so we can get in touch."),
    ({"email": "morgan-at-example"}, "Enter an email address like name@example.com."),
    ({"phone": "12345"}, "Enter a UK phone number, like 01234 567890 or 07700 900123."),
    ({"contact_by": None}, "Choose how you would like us to contact you."),
    (
        {"contact_by": "email", "email": "", "phone": "07700900123"},
        "Enter your email address, or choose another way for us to contact you.",
    ),
    ({"contact_by": "text", "phone": ""}, "Enter your phone number, or choose another way for us to contact you."),
    ({"contact_by": "phone", "phone": ""}, "Enter your phone number, or choose another way for us to contact you."),
    ({"access_needs": "x" * 1001}, "Please keep this to 1000 characters or fewer."),
    ({"why_join": "x" * 1001}, "Please keep this to 1000 characters or fewer."),
    ({"consent": None}, "Tick the box to say we can contact you."),
]


@pytest.mark.parametrize("changes,message", RULES)
def test_each_validation_rule_is_explained_and_nothing_is_stored(client, changes, message):
    response = client.post("/get-involved/apply", data=form_data(**changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert page.count(message) >= 2  # in the summary and beside the field
    assert "<title>Error:" in page
    assert _applications() == []


def test_what_was_typed_is_kept_after_an_error(client):
    page = client.post("/get-involved/apply", data=form_data(consent=None, why_join="To be heard")).get_data(
        as_text=True
    )
    assert 'value="Morgan"' in page
    assert 'value="morgan@example.com"' in page
    assert "To be heard</textarea>" in page
    assert '<input checked id="district-2" name="district" required type="radio" value="fenland">' in page


def test_every_problem_is_listed_at_once(client):
    page = client.post("/get-involved/apply", data=form_data(email="", contact_by=None)).get_data(as_text=True)
    assert "Choose how you would like us to contact you." in page
    assert "Enter an email address or a phone number so we can get in touch." in page


def test_error_summary_links_to_each_field(client):
    page = client.post("/get-involved/apply", data=form_data(first_name="", group=None)).get_data(as_text=True)
    assert 'href="#first_name"' in page
    assert 'href="#group-0"' in page


# The under-16 rule, at its boundary -------------------------------------------------------------


def test_a_15_year_old_needs_a_parent_or_carer(client):
    data = form_data(UNDER_16, guardian_name="", guardian_email="", guardian_agreed=None)
    page = client.post("/get-involved/apply", data=data).get_data(as_text=True)
    assert "Enter your parent or carer&#39;s name." in page
    assert "Enter an email address or phone number for your parent or carer." in page
    assert "Tick the box to show your parent or carer agrees." in page
    assert _applications() == []


@pytest.mark.parametrize(
    "missing,message",
    [
        ({"guardian_name": ""}, "We need it because you are under 16."),
        ({"guardian_email": "", "guardian_phone": ""}, "Enter an email address or phone number for your parent"),
        ({"guardian_agreed": None}, "Tick the box to show your parent or carer agrees."),
        ({"guardian_email": "not-an-email"}, "Enter their email address like name@example.com."),
        ({"guardian_email": "", "guardian_phone": "999"}, "Enter a UK phone number"),
    ],
)
def test_each_parent_or_carer_detail_is_required_at_15(client, missing, message):
    page = client.post("/get-involved/apply", data=form_data(UNDER_16, **missing)).get_data(as_text=True)
    assert message in page
    assert _applications() == []


def test_a_15_year_old_with_a_parent_or_carer_is_accepted(client):
    response = client.post(
        "/get-involved/apply", data=form_data(UNDER_16, guardian_email="", guardian_phone="07700 900456")
    )
    assert response.status_code == 303
    [application] = _applications()
    assert (application.age, application.guardian_name, application.guardian_phone) == (15, "Jo Carer", "07700900456")
    assert application.guardian_agreed is True


def test_a_16_year_old_needs_no_parent_or_carer_and_none_is_kept(client):
    data = form_data(UNDER_16, age="16", guardian_agreed=None)
    assert client.post("/get-involved/apply", data=data).status_code == 303
    [application] = _applications()
    assert application.age == 16
    assert (application.guardian_name, application.guardian_email, application.guardian_agreed) == ("", "", False)


@pytest.mark.parametrize("age", ["13", "18"])
def test_youth_team_accepts_its_youngest_and_oldest_ages(client, age):
    data = form_data(UNDER_16, age=age)
    assert client.post("/get-involved/apply", data=data).status_code == 303


def test_panel_accepts_its_minimum_age(client):
    assert client.post("/get-involved/apply", data=form_data(age="16")).status_code == 303


def test_a_lower_panel_minimum_age_still_needs_a_parent_or_carer_under_16(app, client):
    app.config["PANEL_MIN_AGE"] = 14
    page = client.post("/get-involved/apply", data=form_data(age="15")).get_data(as_text=True)
    assert "Tick the box to show your parent or carer agrees." in page
    assert client.post("/get-involved/apply", data=form_data(UNDER_16, group="panel")).status_code == 303


def test_panel_form_leaves_out_the_parent_section_when_everyone_is_16_or_over(client):
    assert "If you are 13, 14 or 15" not in client.get("/get-involved/apply?group=panel").get_data(as_text=True)
    assert "If you are 13, 14 or 15" in client.get("/get-involved/apply?group=youth").get_data(as_text=True)


# Spam protection ----------------------------------------------------------------------------------


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(client, smtp):
    response = client.post("/get-involved/apply", data=form_data(website="http://spam.example"))
    assert response.status_code == 303
    assert "Application sent" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert _applications() == []
    assert smtp.messages == []


def test_posting_too_often_is_refused(database_url):
    from roadshow.extensions import limiter
    from tests.support.app import make_app

    app = make_app(database_url, RATELIMIT_ENABLED=True, VOLUNTEER_RATE_LIMIT="2 per hour")
    try:
        with app.app_context():
            client = app.test_client()
            codes = [client.post("/get-involved/apply", data=form_data(first_name="")).status_code for _ in range(3)]
            assert codes == [200, 200, 429]
            assert "Too many attempts" in client.post("/get-involved/apply", data=form_data()).get_data(as_text=True)
            assert client.get("/get-involved/apply").status_code == 200  # reading the form is never limited
    finally:
        limiter.enabled = False


# Email ----------------------------------------------------------------------------------------------


def test_confirmation_email_reaches_the_applicant(client, smtp):
    client.post("/get-involved/apply", data=form_data())
    [application] = _applications()
    [message] = smtp.to("morgan@example.com")
    assert application.reference in message["Subject"]
    body = smtp.text(message)
    assert "Morgan" not in body  # nothing the sender typed goes to the address typed
    assert application.reference in body
    assert "Community Scrutiny Panel" in body


def test_parent_or_carer_is_told_and_the_office_is_notified_without_personal_details(client, smtp, users):
    client.post("/get-involved/apply", data=form_data(UNDER_16))
    [application] = _applications()
    [to_young_person] = smtp.to("sam@example.com")
    assert "Jo Carer" not in smtp.text(to_young_person)
    assert "talk to your parent or carer" in smtp.text(to_young_person)
    [to_guardian] = smtp.to("jo.carer@example.com")
    assert "Because Sam is under 16" in smtp.text(to_guardian)

    [notice] = smtp.to(users["coordinator"].email)
    body = smtp.text(notice)
    assert application.reference in body
    assert f"/staff/volunteers/{application.id}" in body
    for personal in ("Sam", "sam@example.com", "Jo Carer", "jo.carer@example.com"):
        assert personal not in body


def test_phone_only_applicant_gets_no_email_and_is_not_told_one_was_sent(client, smtp):
    data = form_data(email="", phone="07700 900123", contact_by="text")
    response = client.post("/get-involved/apply", data=data)
    assert "We have sent you an email" not in client.get(response.headers["Location"]).get_data(as_text=True)
    assert smtp.to("morgan@example.com") == []
    [application] = _applications()
    assert application.phone == "07700900123"


def test_form_keeps_working_when_the_mail_server_is_down(app, client):
    from tests.support.fixtures import free_port

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    assert client.post("/get-involved/apply", data=form_data(ADULT)).status_code == 303
    assert len(_applications()) == 1
