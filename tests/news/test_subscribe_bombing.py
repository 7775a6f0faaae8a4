"""Nobody can make the site send a stranger a pile of confirmation emails."""

from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time

FORM = {"email": "target@example.org", "first_name": "", "consent": "y"}


def test_ten_subscriptions_in_a_minute_send_at_most_one_email(client, smtp):
    with freeze_time("2026-03-02 09:00:00") as clock:
        for _ in range(10):
            assert client.post("/news/subscribe", data=FORM).status_code == 303
            clock.tick(6)
    print(f"confirmations sent: {len(smtp.to('target@example.org'))}")
    assert len(smtp.to("target@example.org")) <= 1


def test_a_day_later_the_confirmation_can_be_sent_again(client, smtp):
    with freeze_time("2026-03-02 09:00:00") as clock:
        client.post("/news/subscribe", data=FORM)
        clock.tick(timedelta(days=1, minutes=1))
        client.post("/news/subscribe", data=FORM)
    assert len(smtp.to("target@example.org")) == 2
