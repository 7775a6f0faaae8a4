"""Reference numbers: RS-<year>-NNNN, one after another per year, no repeats or gaps under load."""

from __future__ import annotations

import threading

from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.services import bookings
from tests.bookings.conftest import new_request


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
