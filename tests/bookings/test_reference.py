"""Reference numbers: RS-<year>-NNNN, one after another per year, no repeats or gaps under load."""

from __future__ import annotations

import http.client
import threading
from urllib.parse import urlencode

import sqlalchemy as sa
from freezegun import freeze_time
from werkzeug.serving import make_server

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest
from roadshow.services import bookings
from tests.bookings.conftest import form_data, new_request
from tests.support.app import make_app, reset_database


def test_references_follow_on_within_a_year_and_restart_in_the_next(app):
    with freeze_time("2026-12-31 23:30:00"):
        first = bookings.submit(new_request()).request.reference
        second = bookings.submit(new_request()).request.reference
    with freeze_time("2027-01-01 00:30:00"):
        third = bookings.submit(new_request()).request.reference
    db.session.commit()
    assert (first, second, third) == ("RS-2026-0001", "RS-2026-0002", "RS-2027-0001")


def test_a_failed_submission_leaves_no_gap(app):
    bookings.submit(new_request())
    db.session.rollback()
    assert bookings.submit(new_request()).request.reference.endswith("-0001")


def test_twenty_concurrent_submissions_get_twenty_consecutive_references(app):
    workers = 20
    barrier = threading.Barrier(workers)
    references: list[str] = []
    errors: list[BaseException] = []

    def submit_one() -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=10)
                submitted = bookings.submit(new_request())
                db.session.commit()
                references.append(submitted.request.reference)
                db.session.remove()
        except BaseException as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=submit_one) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in references)
    assert numbers == list(range(1, workers + 1))
    assert len(set(references)) == workers


def test_twenty_concurrent_posts_to_a_live_server_all_succeed_without_gaps(database_url):
    app = make_app(database_url)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    body = urlencode(form_data()).encode()
    barrier = threading.Barrier(20)
    statuses: list[int] = []

    def post() -> None:
        barrier.wait(timeout=10)
        conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
        conn.request("POST", "/roadshow/book", body, {"Content-Type": "application/x-www-form-urlencoded"})
        statuses.append(conn.getresponse().status)
        conn.close()

    try:
        threads = [threading.Thread(target=post) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.shutdown()
        serving.join(timeout=5)
    with app.app_context():
        try:
            references = db.session.scalars(sa.select(BookingRequest.reference)).all()
        finally:
            reset_database(app)
    assert statuses == [303] * 20
    assert sorted(int(ref.rsplit("-", 1)[1]) for ref in references) == list(range(1, 21))
