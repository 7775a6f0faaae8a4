"""The sign-in rate limit (20 POSTs a minute) holds across app processes when Redis keeps the counts.

Two gunicorn servers of the real app (one sync worker each, as two instances behind a proxy would be)
share one Redis; POSTs go to each in turn, so both processes count some whatever the machine's load.
The app's JSON request log records which process (pid) answered each request. With Redis, exactly 20
POSTs get through in total and the rest are refused with 429. With the in-memory default each worker would
count on its own (more than 20 got through), so production now refuses to start that way.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from urllib.parse import urlencode

import pytest
from flask_migrate import upgrade

from tests.ops.servers import Browserish, Gunicorn, gunicorn, redis_server
from tests.support.app import dispose_created, make_app

pytestmark = pytest.mark.slow

LIMIT = 20
ATTEMPTS = 36


@pytest.fixture(scope="module")
def sqlite_file(redis_installed, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file of its own for the gunicorn workers."""
    url = f"sqlite:///{tmp_path_factory.mktemp('limits') / 'app.sqlite3'}"
    app = make_app(url)
    with app.app_context():
        upgrade()
    dispose_created()
    return url


def _hammer_sign_in(ports: list[int]) -> list[int]:
    """ATTEMPTS sign-in POSTs with a valid CSRF token, two at a time, to each server in turn.

    The password is left empty, so the form is refused before any (deliberately slow) password
    hashing: the limit counts every POST all the same, and the test stays quick.
    """
    clients = [Browserish(port) for port in ports]
    tokens = [c.csrf_token("/staff/login") for c in clients]  # GETs are not limited

    def attempt(n: int) -> int:
        client, token = clients[n % 2], tokens[n % 2]
        body = urlencode({"csrf_token": token, "email": f"nobody{n}@example.org", "password": ""})
        status, _ = client.request("POST", "/staff/login", body)
        return status

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(attempt, range(ATTEMPTS)))


def _sign_in_pids(server: Gunicorn) -> set[int]:
    """Workers that answered sign-in POSTs, from the app's own JSON request lines."""
    return {
        e["pid"]
        for e in server.log_entries()
        if e.get("logger") == "roadshow.request" and e.get("endpoint") == "auth.login" and e.get("method") == "POST"
    }


@pytest.fixture(scope="module")
def servers(redis_installed, sqlite_file, tmp_path_factory) -> Iterator[list[Gunicorn]]:
    """Redis, then two gunicorn servers of one worker each counting in it."""
    tmp = tmp_path_factory.mktemp("servers")
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_server(tmp))
        env = {"DATABASE_URL": sqlite_file, "RATELIMIT_STORAGE_URI": redis_url, "APP_INSTANCES": "2"}
        yield [stack.enter_context(gunicorn(env, tmp / f"app{n}.log", workers=1)) for n in (1, 2)]


def test_sign_in_limit_is_shared_by_two_app_processes_through_redis(servers):
    statuses = _hammer_sign_in([server.port for server in servers])
    pids = [_sign_in_pids(server) for server in servers]
    assert all(len(p) == 1 for p in pids) and pids[0] != pids[1], f"each process should have answered: {pids}"
    assert set(statuses) <= {200, 429}, statuses
    assert statuses.count(200) == LIMIT, f"{statuses.count(200)} sign-in attempts got through: {statuses}"
    assert statuses.count(429) == ATTEMPTS - LIMIT


def test_production_refuses_in_memory_limits_with_two_workers(sqlite_file, tmp_path):
    with gunicorn(
        {"DATABASE_URL": sqlite_file, "RATELIMIT_STORAGE_URI": "memory://"}, tmp_path / "memory.log", wait=False
    ) as server:
        assert server.proc.wait(timeout=60) != 0
        assert "RATELIMIT_STORAGE_URI is memory://" in server.log()


def test_production_logs_are_json_lines_with_no_client_details(servers):
    """What gunicorn and the app write in production: JSON lines, no address, agent, path or query."""
    server = servers[0]
    client = Browserish(server.port)
    client.request(
        "GET",
        "/staff/login?email=leaky.person%40example.org",
        headers={"User-Agent": "LeakyAgent/9", "Referer": "https://ref.example/"},
    )
    entries = server.log_entries()
    lines = [line for line in server.log().splitlines() if line.strip()]
    not_json = [line for line in lines if not line.startswith("{")]
    assert len(entries) == len(lines), f"every log line should be JSON, these are not: {not_json}"
    request_lines = [e for e in entries if e["logger"] == "roadshow.request"]
    access_lines = [e for e in entries if e["logger"] == "gunicorn.access"]
    assert request_lines and access_lines
    assert set(request_lines[-1]) == {
        "ts",
        "level",
        "logger",
        "msg",
        "pid",
        "method",
        "endpoint",
        "status",
        "duration_ms",
    }
    assert request_lines[-1]["endpoint"] == "auth.login" and request_lines[-1]["status"] == 200
    assert set(access_lines[-1]) == {"ts", "logger", "method", "status", "bytes", "duration_ms", "pid"}
    for line in lines:
        if '"Listening at: http://127.0.0.1' in line:
            continue  # gunicorn's own bind address, not a client's
        for secret in ("127.0.0.1", "leaky.person", "LeakyAgent", "ref.example", "/staff/login", "nobody"):
            assert secret not in line, f"{secret!r} leaked into the log: {line}"
