"""A staff newsletter send returns at once, and two `flask mail-worker` processes send it: one copy each.

Attack first: on the old code two `flask send-edition` processes sending at once reached 200 of 200
addresses with 0 duplicates (each recipient is claimed before the hand-over); with that claim removed
the same run sent 136 duplicate copies. The SMTP server here holds every message until two
connections are sending, so both senders are known to have worked at the same time.
"""

from __future__ import annotations

import pytest

from roadshow.extensions import db
from roadshow.models import Subscriber
from roadshow.services.news import subscribers
from tests.mailqueue.conftest import flask_env, run_together, work_here

pytestmark = pytest.mark.slow

READERS = 200


@pytest.fixture
def readers(app) -> list[str]:
    emails = [f"reader{i:03d}@example.org" for i in range(READERS)]
    db.session.add_all(Subscriber(email=e, email_hash=subscribers.email_hash(e), status="confirmed") for e in emails)
    db.session.commit()
    return emails


@pytest.fixture
def edition(make_edition, make_article):
    edition = make_edition("Spring 2026")
    make_article(edition, "Hotspot patrols")
    return edition


def test_a_send_from_the_page_returns_at_once_and_two_workers_reach_everyone_once(
    app, client, users, login, database_url, redis_url, gated_smtp, readers, edition
):
    mailbox, port = gated_smtp
    app.config.update(REDIS_URL=redis_url, MAIL_SERVER="127.0.0.1", MAIL_PORT=port, NEWSLETTER_BATCH_SIZE=10)
    login(users["coordinator"])

    response = client.post(f"/staff/news/editions/{edition.id}/send", data={"confirm": "y"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Sending has started: 200 to go." in page
    assert "sent to 0 of 200 subscribers" in page and "Refresh to see how far it has got" in page
    assert mailbox.envelopes == []  # nothing was sent while the coordinator waited

    env = flask_env(database_url, port, REDIS_URL=redis_url)
    run_together([["mail-worker", "--burst"], ["mail-worker", "--burst"]], env)

    assert not mailbox.gate_timed_out, "the two workers never sent at the same time"
    copies = mailbox.copies()
    assert set(copies) == set(readers)
    assert sum(copies.values()) == READERS  # every address exactly once
    page = client.get(f"/staff/news/editions/{edition.id}/send").get_data(as_text=True)
    assert "Finished:</strong> sent to 200 of 200 subscribers" in page


def test_flask_send_edition_with_redis_queues_batches_for_the_workers(app, redis_url, gated_smtp, readers, edition):
    mailbox, port = gated_smtp
    mailbox.senders = 1
    app.config.update(REDIS_URL=redis_url, MAIL_SERVER="127.0.0.1", MAIL_PORT=port, NEWSLETTER_BATCH_SIZE=50)
    result = app.test_cli_runner().invoke(args=["send-edition", edition.slug])
    assert result.exit_code == 0 and "Queued 4 batch(es)" in result.output
    assert mailbox.envelopes == []
    work_here()
    assert sum(mailbox.copies().values()) == READERS and set(mailbox.copies()) == set(readers)


def test_a_send_the_queue_gives_up_on_is_shown_to_admins_and_carries_on_from_its_page(
    app, client, users, login, redis_url, smtp, readers, edition
):
    from tests.support.fixtures import free_port

    good_port = app.config["MAIL_PORT"]
    app.config.update(REDIS_URL=redis_url, MAIL_QUEUE_RETRY_DELAYS="0,0", NEWSLETTER_BATCH_SIZE=100)
    app.config["MAIL_PORT"] = free_port()  # the mail server is away for every try
    login(users["admin"])
    client.post(f"/staff/news/editions/{edition.id}/send", data={"confirm": "y"})
    work_here()

    assert smtp.messages == []
    failed_page = client.get("/staff/mail/failed").get_data(as_text=True)
    assert "Spring 2026" in failed_page and "could not be reached after every try" in failed_page
    send_page = client.get(f"/staff/news/editions/{edition.id}/send").get_data(as_text=True)
    assert "Stopped:</strong> sent to 0 of 200" in send_page and "Carry on sending (200 to go)" in send_page

    app.config["MAIL_PORT"] = good_port
    client.post(f"/staff/news/editions/{edition.id}/send")
    work_here()
    assert sorted(m["X-Envelope-To"] for m in smtp.messages) == readers
    assert "Spring 2026" not in client.get("/staff/mail/failed").get_data(as_text=True)
