"""Double opt-in with signed, expiring links, and one-click unsubscribe (RFC 8058), over real SMTP."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import Subscriber
from roadshow.services import retention
from roadshow.services.news import subscribers
from roadshow.timeutil import utcnow

FORM = {"email": "Resident@Example.org", "first_name": "Sam", "consent": "y"}


def _link(smtp, kind: str) -> str:
    text = smtp.text(smtp.last())
    return re.search(rf"http://\S+/news/{kind}/\S+", text).group(0)


def _path(url: str) -> str:
    return url.split("127.0.0.1:5000", 1)[-1]


def _subscriber(email: str = "resident@example.org") -> Subscriber | None:
    return db.session.scalar(sa.select(Subscriber).where(Subscriber.email_hash == subscribers.email_hash(email)))


@pytest.mark.parametrize("path", ["/", "/news/", "/news/subscribe"])
def test_the_subscribe_form_is_offered(client, path):
    page = client.get(path).get_data(as_text=True)
    assert 'action="/news/subscribe"' in page and 'name="email"' in page and "privacy notice" in page


def test_subscribing_sends_a_confirmation_and_nothing_else(client, smtp):
    response = client.post("/news/subscribe", data=FORM)
    assert response.status_code == 303 and response.headers["Location"].endswith("/news/subscribe/check-your-email")
    assert len(smtp.messages) == 1
    assert smtp.last()["To"] == "resident@example.org"
    assert "Confirm your subscription" in smtp.last()["Subject"]
    assert _subscriber().status == "pending"
    assert subscribers.counts() == {"confirmed": 0, "pending": 1, "unsubscribed": 0}


def test_a_valid_link_confirms_after_pressing_the_button(client, smtp):
    client.post("/news/subscribe", data=FORM)
    path = _path(_link(smtp, "subscribe/confirm"))
    page = client.get(path)
    assert page.status_code == 200 and "Confirm my subscription" in page.get_data(as_text=True)
    assert _subscriber().status == "pending"  # opening the link (or a mail scanner doing so) is not enough
    done = client.post(path)
    assert "You are subscribed" in done.get_data(as_text=True)
    assert _subscriber().status == "confirmed"


def test_an_expired_link_is_refused_kindly(client, smtp):
    client.post("/news/subscribe", data=FORM)
    path = _path(_link(smtp, "subscribe/confirm"))
    with freeze_time(utcnow() + timedelta(days=8)):
        response = client.post(path)
    assert response.status_code == 410
    assert "This link has expired" in response.get_data(as_text=True)
    assert _subscriber().status == "pending"


def test_a_tampered_link_is_refused(client, smtp):
    client.post("/news/subscribe", data=FORM)
    path = _path(_link(smtp, "subscribe/confirm"))
    other = subscribers.make_token(_subscriber().id + 1, "0" * 64, "confirm")
    for bad in (path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"), f"/news/subscribe/confirm/{other}"):
        response = client.post(bad)
        assert response.status_code == 404 and "This link does not work" in response.get_data(as_text=True)
    assert _subscriber().status == "pending"


def test_subscribing_again_reveals_nothing(client, smtp):
    fresh = client.post("/news/subscribe", data={**FORM, "email": "new@example.org"})
    client.post("/news/subscribe", data=FORM)
    client.post(_path(_link(smtp, "subscribe/confirm")))
    smtp.messages.clear()

    again = client.post("/news/subscribe", data=FORM)

    assert again.status_code == fresh.status_code == 303
    assert again.headers["Location"] == fresh.headers["Location"]
    assert smtp.messages == []  # an existing subscriber is not emailed again
    assert _subscriber().status == "confirmed"


def test_mistakes_are_explained_and_input_kept(client, smtp):
    response = client.post("/news/subscribe", data={"email": "not-an-address", "first_name": "Sam"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter an email address like name@example.org." in page
    assert "Tick the box" in page and 'value="not-an-address"' in page and 'value="Sam"' in page
    assert smtp.messages == []


def test_the_honeypot_quietly_drops_bots(client, smtp):
    response = client.post("/news/subscribe", data={**FORM, "website": "http://spam.example"})
    assert response.status_code == 303
    assert smtp.messages == [] and _subscriber() is None


def _confirmed(client, smtp) -> str:
    client.post("/news/subscribe", data=FORM)
    client.post(_path(_link(smtp, "subscribe/confirm")))
    subscriber = _subscriber()
    return "/news/unsubscribe/" + subscribers.make_token(subscriber.id, subscriber.email_hash, "unsubscribe")


def test_one_click_unsubscribe_needs_no_sign_in_or_form_token(app, client, smtp):
    path = _confirmed(client, smtp)
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: the mail program's POST has no CSRF token
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "You have unsubscribed" in response.get_data(as_text=True)
    subscriber = _subscriber()
    assert subscriber.status == "unsubscribed" and subscriber.email is None  # the address is erased
    assert subscribers.counts()["unsubscribed"] == 1


def test_opening_the_unsubscribe_link_asks_first(client, smtp):
    path = _confirmed(client, smtp)
    page = client.get(path).get_data(as_text=True)
    assert "Unsubscribe from the newsletter" in page and 'method="post"' in page
    assert _subscriber().status == "confirmed"


def test_an_unsubscribed_person_can_subscribe_again(client, smtp):
    client.post(_confirmed(client, smtp))
    client.post("/news/subscribe", data=FORM)
    assert _subscriber().status == "pending" and _subscriber().email == "resident@example.org"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscriber)) == 1


def test_unconfirmed_sign_ups_are_purged_after_seven_days(client, smtp):
    client.post("/news/subscribe", data=FORM)
    client.post("/news/subscribe", data={**FORM, "email": "keeper@example.org"})
    client.post(_path(_link(smtp, "subscribe/confirm")))
    with freeze_time(utcnow() + timedelta(days=6)):
        assert retention.purge_all()["unconfirmed newsletter sign-ups removed"] == 0
    with freeze_time(utcnow() + timedelta(days=8)):
        assert retention.purge_all()["unconfirmed newsletter sign-ups removed"] == 1
    db.session.commit()
    assert _subscriber() is None
    assert _subscriber("keeper@example.org").status == "confirmed"


def test_the_form_on_the_home_page_carries_each_visitors_own_token(app, smtp):
    app.config["WTF_CSRF_ENABLED"] = True
    first, second = app.test_client(), app.test_client()
    tokens = []
    for visitor in (first, second):
        page = visitor.get("/").get_data(as_text=True)
        tokens.append(re.search(r'name="csrf_token" value="([^"]+)"', page).group(1))
    assert tokens[0] != tokens[1]  # the box is cached, the token is not

    assert second.post("/news/subscribe", data={**FORM, "csrf_token": tokens[0]}).status_code == 400
    assert first.post("/news/subscribe", data={**FORM, "csrf_token": tokens[0]}).status_code == 303
    assert len(smtp.messages) == 1
