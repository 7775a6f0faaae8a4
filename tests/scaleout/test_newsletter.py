"""A newsletter sent through one app server is delivered by two mail workers, one copy per address.

The send is started through nginx; the app only queues the batches in Redis and answers at once.
Two `flask mail-worker` processes take batches off the queue side by side. Every subscriber must
get exactly one copy: none missed, none sent twice by both workers.
"""

from __future__ import annotations

import secrets
from collections import Counter

import pytest

from roadshow.extensions import db
from roadshow.models import Subscriber
from roadshow.services.news import articles as news
from roadshow.services.news.subscribers import email_hash
from tests.scaleout.cluster import wait_until
from tests.scaleout.test_two_servers import _coordinator, _sign_in

pytestmark = pytest.mark.slow
READERS = 300


def test_a_newsletter_sent_with_two_workers_reaches_every_address_exactly_once(cluster, site):
    if len(cluster.workers) < 2:
        pytest.skip("this branch has no mail queue (`flask mail-worker`)")
    tag = secrets.token_hex(3)
    emails = [f"reader{n:04d}.{tag}@example.org" for n in range(READERS)]
    db.session.add_all(
        Subscriber(email=e, email_hash=email_hash(e), first_name=f"Reader{n}", status="confirmed")
        for n, e in enumerate(emails)
    )
    edition = news.create_edition(news.EditionInput(f"Edition {tag}", "Welcome."), actor=None)
    news.set_edition_published(edition, True, actor=None)
    article = news.create_article(news.ArticleInput(edition.id, "communities", "Patrols", "More.", "Body."), actor=None)
    news.set_article_published(article, True, actor=None)
    db.session.commit()

    assert wait_until(lambda: _registered_workers(cluster) >= 2, timeout=60), "the two mail workers never started"
    staff = _sign_in(cluster, _coordinator(), through=0)
    page = f"/staff/news/editions/{edition.id}/send"
    status, _, _ = staff.post_form(page, page, {"confirm": "y"})
    assert status == 303

    def ours() -> Counter:
        return Counter(to for m in list(cluster.mailbox.messages) for to in m["X-Envelope-To"].split(", ") if tag in to)

    assert wait_until(lambda: len(ours()) == READERS, timeout=90), f"{len(ours())} of {READERS} got a copy"
    assert wait_until(lambda: cluster_idle(cluster), timeout=30)
    copies = ours()
    assert set(copies) == set(emails)
    assert [e for e, n in copies.items() if n != 1] == [], "some addresses got more than one copy"
    done = "Successfully completed roadshow.mailqueue.send_newsletter_batch"
    batches = [_log(cluster, n).count(done) for n in (0, 1)]
    assert all(batches), f"both workers should have sent batches: {batches}"


def _log(cluster, n: int) -> str:
    return (cluster.folder / f"worker{n}.log").read_text(errors="replace")


def _registered_workers(cluster) -> int:
    import redis

    connection = redis.Redis.from_url(cluster.redis_url)
    try:
        return connection.scard("rq:workers")
    finally:
        connection.close()


def cluster_idle(cluster) -> bool:
    """No mail job waiting or running in Redis (so no late duplicate is still on its way)."""
    import redis

    connection = redis.Redis.from_url(cluster.redis_url)
    try:
        queued = sum(connection.llen(key) for key in connection.scan_iter("rq:queue:*"))
        running = sum(connection.zcard(key) for key in connection.scan_iter("rq:wip:*"))
        return queued == 0 and running == 0
    finally:
        connection.close()
