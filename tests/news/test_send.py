"""Sending an edition: batches over real SMTP, resumable, one copy each, RFC 8058 headers, both parts."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, Subscriber
from roadshow.services.news import newsletter
from roadshow.services.news import subscribers as subscriber_service
from tests.support.fixtures import free_port


@pytest.fixture
def subscribers(app):
    def _make(n: int, status: str = "confirmed") -> list[str]:
        emails = [f"reader{i:03d}@example.org" for i in range(n)]
        db.session.add_all(
            Subscriber(email=e, email_hash=subscriber_service.email_hash(e), first_name=f"Reader{i}", status=status)
            for i, e in enumerate(emails)
        )
        db.session.commit()
        return emails

    return _make


@pytest.fixture
def edition(make_edition, make_article):
    edition = make_edition("Spring 2026")
    make_article(edition, "Hotspot patrols", section="communities", summary="£1m for patrols.")
    make_article(edition, "Youth Fund", section="prevention", summary="33 projects.")
    make_article(edition, "Draft only", published=False)
    return edition


def _copies(smtp) -> Counter:
    return Counter(m["X-Envelope-To"] for m in smtp.messages)


@pytest.mark.slow
def test_500_subscribers_interrupted_and_resumed_get_exactly_one_copy_each(
    app, smtp, subscribers, edition, monkeypatch
):
    emails = subscribers(500)
    app.config["NEWSLETTER_BATCH_SIZE"] = 50
    send = newsletter.start_send(edition, actor=None)
    real_deliver = newsletter.deliver
    delivered = 0

    class WorkerKilled(Exception):
        pass

    def crashing_deliver(connection, msg):
        nonlocal delivered
        real_deliver(connection, msg)
        delivered += 1
        if delivered == 230:  # the message went, but the process dies before recording it
            raise WorkerKilled

    monkeypatch.setattr(newsletter, "deliver", crashing_deliver)
    with pytest.raises(WorkerKilled):
        newsletter.send_batches(send)
    db.session.rollback()
    assert len(smtp.messages) == 230
    assert {m["X-Envelope-To"] for m in smtp.messages} < set(emails)

    monkeypatch.setattr(newsletter, "deliver", real_deliver)
    result = newsletter.send_batches(send)  # resume

    assert result.finished and result.total == 500
    assert result.sent == 499 and result.uncertain == 1  # the one in flight is never sent again
    copies = _copies(smtp)
    assert set(copies) == set(emails)
    assert set(copies.values()) == {1}


def test_a_send_stopped_by_the_mail_server_going_away_carries_on_later(app, smtp, subscribers, edition):
    emails = subscribers(120)
    app.config["NEWSLETTER_BATCH_SIZE"] = 50
    send = newsletter.start_send(edition, actor=None)
    newsletter.send_batches(send, batches=1)
    assert len(smtp.messages) == 50

    good_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nothing listens there now
    stopped = newsletter.send_batches(send)
    assert stopped.error and stopped.queued == 70 and not stopped.finished

    app.config["MAIL_PORT"] = good_port
    done = newsletter.send_batches(send)
    assert done.finished and done.sent == 120
    assert _copies(smtp) == Counter(emails)


def test_starting_twice_does_not_queue_anyone_twice(smtp, subscribers, edition):
    subscribers(3)
    first = newsletter.start_send(edition, actor=None)
    newsletter.send_batches(first)
    again = newsletter.start_send(edition, actor=None)
    newsletter.send_batches(again)
    assert again.id == first.id and len(smtp.messages) == 3


def test_only_confirmed_subscribers_get_it_and_late_unsubscribers_are_skipped(smtp, subscribers, edition):
    confirmed = subscribers(3)
    pending = db.session.scalars(sa.select(Subscriber)).all()
    db.session.add(Subscriber(email="wait@example.org", email_hash=subscriber_service.email_hash("wait@example.org")))
    db.session.commit()
    send = newsletter.start_send(edition, actor=None)
    subscriber_service.unsubscribe(pending[0])
    db.session.commit()
    result = newsletter.send_batches(send)
    assert result.sent == 2 and result.skipped == 1
    assert set(_copies(smtp)) == set(confirmed[1:])


def test_the_email_has_text_and_html_parts_and_unsubscribe_headers(client, smtp, subscribers, edition):
    subscribers(1)
    newsletter.send_batches(newsletter.start_send(edition, actor=None))
    msg = smtp.last()

    assert msg["Subject"] == "News from your Commissioner: Spring 2026"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_url = re.fullmatch(r"<(https?://\S+)>", msg["List-Unsubscribe"]).group(1)

    text = smtp.text(msg)
    assert "Hello Reader0," in text and "Hotspot patrols" in text and "Draft only" not in text
    assert "http://127.0.0.1:5000/news/hotspot-patrols" in text and header_url in text

    html = smtp.html(msg)
    assert "Hello Reader0," in html and "Youth Fund" in html and "Draft only" not in html
    assert 'style="' in html and "<style" not in html and "<link" not in html  # inline styles only
    assert "<img" not in html and "<script" not in html  # no images, so no tracking pixels
    assert f'href="{header_url}"' in html

    # The header's URL works as RFC 8058 expects: a POST with no session and no token.
    response = client.post(header_url.split("127.0.0.1:5000", 1)[1], data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert subscriber_service.counts()["unsubscribed"] == 1


def test_an_unpublished_edition_cannot_be_sent(make_edition, subscribers):
    subscribers(1)
    with pytest.raises(newsletter.DomainError):
        newsletter.start_send(make_edition("Draft edition", published=False), actor=None)


def test_flask_send_edition_sends_it(app, smtp, subscribers, edition):
    subscribers(7)
    result = app.test_cli_runner().invoke(args=["send-edition", edition.slug])
    assert result.exit_code == 0, result.output
    assert "sent to 7 subscribers" in result.output and len(smtp.messages) == 7
    again = app.test_cli_runner().invoke(args=["send-edition", edition.slug])
    assert again.exit_code == 0 and len(smtp.messages) == 7


# Staff pages ------------------------------------------------------------------------------------


def test_coordinator_sends_from_the_page_with_a_test_copy_first(client, smtp, users, login, subscribers, edition):
    subscribers(4)
    login(users["coordinator"])
    page = client.get(f"/staff/news/editions/{edition.id}/send").get_data(as_text=True)
    assert "Send to 4 subscribers" in page

    client.post(f"/staff/news/editions/{edition.id}/send/test")
    assert [m["To"] for m in smtp.messages] == ["coordinator@example.org"]
    assert smtp.last()["Subject"].startswith("[Test]")

    response = client.post(f"/staff/news/editions/{edition.id}/send", data={"confirm": "y"}, follow_redirects=True)
    assert "Sent to 4 subscribers." in response.get_data(as_text=True)
    assert "sent to 4 of 4 subscribers" in response.get_data(as_text=True)
    assert len(smtp.messages) == 5


def test_a_send_without_the_confirming_tick_emails_nobody(client, smtp, users, login, subscribers, edition):
    subscribers(4)
    login(users["coordinator"])
    response = client.post(f"/staff/news/editions/{edition.id}/send")
    assert response.status_code == 400
    assert "Tick the box to confirm you want to email every subscriber now." in response.get_data(as_text=True)
    assert smtp.messages == []


def test_email_preview_shows_the_html_with_its_inline_styles_allowed(client, users, login, edition):
    login(users["coordinator"])
    response = client.get(f"/staff/news/editions/{edition.id}/email")
    assert "Hotspot patrols" in response.get_data(as_text=True)
    assert "style-src 'unsafe-inline'" in response.headers["Content-Security-Policy"]
    assert "script-src" not in response.headers["Content-Security-Policy"]


def test_coordinators_see_counts_but_not_addresses(client, users, login, subscribers):
    subscribers(2)
    subscribers_pending = Subscriber(email="p@example.org", email_hash=subscriber_service.email_hash("p@example.org"))
    db.session.add(subscribers_pending)
    db.session.commit()
    login(users["coordinator"])
    page = client.get("/staff/news/subscribers").get_data(as_text=True)
    assert '<p class="big-number">2</p><p>Confirmed' in page and '<p class="big-number">1</p><p>Waiting' in page
    assert "reader000@example.org" not in page
    assert client.get("/staff/news/subscribers/export.csv").status_code == 403


def test_admins_export_addresses_and_the_export_is_audited(client, users, login, subscribers):
    subscribers(2)
    login(users["admin"])
    assert "reader001@example.org" in client.get("/staff/news/subscribers").get_data(as_text=True)
    response = client.get("/staff/news/subscribers/export.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).removeprefix("\ufeff").splitlines()  # the BOM is for Excel
    assert lines[0] == "email,first_name,status,signed_up,confirmed" and len(lines) == 3
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "news.subscribers.export"))
    assert entry.actor_id == users["admin"].id and entry.detail == "rows=2"
    assert "reader" not in entry.detail  # the audit log never holds the addresses


def test_exported_cells_cannot_become_spreadsheet_formulas(client, users, login):
    db.session.add(
        Subscriber(email="a@example.org", email_hash="x" * 64, first_name="=HYPERLINK(1)", status="confirmed")
    )
    db.session.commit()
    login(users["admin"])
    assert "'=HYPERLINK(1)" in client.get("/staff/news/subscribers/export.csv").get_data(as_text=True)
