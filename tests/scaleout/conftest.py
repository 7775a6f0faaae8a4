"""One small deployment for the scale-out tests: nginx, two app servers, PostgreSQL, Redis, mail workers.

It runs on PostgreSQL only (two app servers on one SQLite file is not a deployment anyone would
make), so a SQLite run skips these tests; `.ci/run` runs them in its PostgreSQL pass. In CI a
missing nginx or redis-server fails them instead of skipping. The cluster has a database of its
own on the suite's PostgreSQL server, and every test makes its own rows, so none needs another's.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.ops.servers import redis_server
from tests.scaleout.cluster import (
    SECRET,
    AppServer,
    Visitor,
    has_mail_worker,
    start_app,
    start_nginx,
    start_workers,
    stop,
)
from tests.support.app import create_database, drop_databases, make_app, postgres_server, upgrade_database
from tests.support.fixtures import Mailbox, _EphemeralController, free_port

pytestmark = pytest.mark.slow
MAIL_WORKERS = 2
_addresses = itertools.count(10)


@dataclass
class Cluster:
    folder: Path
    env: dict[str, str]
    apps: list[AppServer]
    ports: dict[str, int]
    database_url: str
    redis_url: str
    mailbox: Mailbox
    workers: list = field(default_factory=list)

    @property
    def front(self) -> int:
        """nginx's port that shares requests between the app servers."""
        return self.ports["front"]

    def pinned(self, n: int) -> int:
        """nginx's port that reaches app server `n` only."""
        return self.ports[f"pin{n}"]

    def visitor(self, port: int | None = None) -> Visitor:
        """A new person: a loopback address of their own, no cookies."""
        n = next(_addresses)
        return Visitor(f"127.0.{n // 250}.{n % 250 + 2}", port or self.front)

    def restart(self, n: int) -> None:
        """Start app server `n` again on its port (after a test killed it)."""
        old = self.apps[n]
        if old.proc.poll() is None:
            return
        self.apps[n] = start_app(self.env, old.log_path, old.port)


def _need(binary: str) -> None:
    if shutil.which(binary) or Path(f"/usr/sbin/{binary}").exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{binary} is missing: CI must install Debian's {binary} package.")
    pytest.skip(f"{binary} is not installed (apt-get install {binary})")


@pytest.fixture(scope="session")
def cluster_database() -> Iterator[str]:
    """A migrated database of the cluster's own on the suite's PostgreSQL server."""
    server = postgres_server(os.environ.get("DATABASE_URL"))
    if server is None and os.environ.get("ROADSHOW_EXPECT_DB") == "postgresql":
        pytest.fail("this run promised PostgreSQL (ROADSHOW_EXPECT_DB) but DATABASE_URL is not PostgreSQL")
    if server is None:
        pytest.skip("the scale-out tests run on PostgreSQL (scripts/with-postgres.sh); this run is SQLite")
    if os.environ.get("ROADSHOW_TEST_NOW"):
        pytest.skip("app servers run on the real clock, not ROADSHOW_TEST_NOW")
    name = f"{server.database}_scaleout_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    url = create_database(server, name)
    try:
        upgrade_database(url)
        yield url
    finally:
        drop_databases(server, [name])


@pytest.fixture(scope="session")
def cluster(cluster_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Redis, an SMTP server, two gunicorn servers of the app, nginx in front and the mail workers."""
    for binary in ("nginx", "redis-server"):
        _need(binary)
    folder = tmp_path_factory.mktemp("cluster")
    mailbox = Mailbox()
    smtp = _EphemeralController(mailbox, hostname="127.0.0.1", port=0)
    smtp.start()
    with ExitStack() as stack:
        stack.callback(smtp.stop)
        redis_url = stack.enter_context(redis_server(folder))
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "RATELIMIT_STORAGE_URI")}
        env.update(
            ROADSHOW_ENV="production",
            SECRET_KEY=SECRET,
            DATABASE_URL=cluster_database,
            REDIS_URL=redis_url,  # the one setting for the page cache, the rate limits and the mail queue
            PROXY_FIX="1",  # nginx, and only nginx, is in front
            WEB_CONCURRENCY="2",
            APP_INSTANCES="2",
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=str(smtp.port),
            MAIL_OUTBOX_DIR="",
            PYTHONUNBUFFERED="1",
        )
        app_ports = [free_port(), free_port()]
        nginx, ports = start_nginx(folder, app_ports)
        stack.callback(stop, nginx)
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{ports['front']}"  # links in emails point through nginx
        apps: list[AppServer] = []
        stack.callback(lambda: [app.stop() for app in apps])
        apps.extend(start_app(env, folder / f"app{n}.log", port) for n, port in enumerate(app_ports))
        workers = start_workers(env, folder, MAIL_WORKERS) if has_mail_worker() else []
        for worker in workers:
            stack.callback(stop, worker)
        yield Cluster(folder, env, apps, ports, cluster_database, redis_url, mailbox, workers)


@pytest.fixture
def site(cluster: Cluster):
    """An app context on the cluster's database (same SECRET_KEY), to set up rows and read them back."""
    application = make_app(cluster.database_url, SECRET_KEY=SECRET)
    with application.app_context():
        yield application
