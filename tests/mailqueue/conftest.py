"""Mail-queue fixtures: a real redis-server, SMTP servers that gate or refuse, and worker processes."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from config import ROOT
from roadshow import mailqueue
from roadshow.extensions import db
from tests.news.conftest import make_article, make_edition  # noqa: F401 (fixtures used here too)
from tests.ops.servers import redis_server
from tests.support.fixtures import serve_smtp

FLASK = str(Path(sys.executable).parent / "flask")


@pytest.fixture
def redis_url(redis_installed, tmp_path: Path) -> Iterator[str]:
    """A private, empty redis-server for this test."""
    with redis_server(tmp_path) as url:
        yield url


@dataclass
class GatedMailbox:
    """An SMTP server's mailbox that holds every message until `senders` connections have each sent one.

    So a test of several senders knows they were all sending at once, however fast the machine is.
    """

    senders: int = 2
    patience: float = 60.0
    envelopes: list[tuple[int, str]] = field(default_factory=list)
    sessions: set[int] = field(default_factory=set)
    gate_timed_out: bool = False
    _open: asyncio.Event | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        if self._open is None:
            self._open = asyncio.Event()
        self.sessions.add(id(session))
        if len(self.sessions) >= self.senders:
            self._open.set()
        try:
            await asyncio.wait_for(self._open.wait(), self.patience)
        except TimeoutError:
            self.gate_timed_out = True
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        for address in envelope.rcpt_tos:
            self.envelopes.append((id(session), address.lower()))
        assert msg["Subject"]
        return "250 Message accepted"

    def copies(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _session, address in self.envelopes:
            counts[address] = counts.get(address, 0) + 1
        return counts


@pytest.fixture
def gated_smtp() -> Iterator[tuple[GatedMailbox, int]]:
    """A loopback SMTP server whose messages wait until two connections are sending at once."""
    mailbox = GatedMailbox()
    with serve_smtp(mailbox) as port:
        yield mailbox, port


def flask_env(database_url: str, smtp_port: int, **extra: str) -> dict[str, str]:
    """The environment for a `flask` command of the app on the test database, mailing the test server."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "MAIL_SERVER")}
    env.update(
        ROADSHOW_ENV="testing", FLASK_APP="wsgi.py", DATABASE_URL=database_url,
        MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp_port), PYTHONUNBUFFERED="1", **extra,
    )  # fmt: skip
    return env


def run_together(commands: list[list[str]], env: dict[str, str], timeout: float = 180) -> list[str]:
    """Start every `flask` command at once and wait for all; returns their output, failing on a non-zero exit."""
    procs = [
        subprocess.Popen([FLASK, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for args in commands
    ]
    outputs = []
    for proc in procs:
        out, _ = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, out
        outputs.append(out)
    return outputs


def work_here() -> None:
    """One worker in this process until the queue is empty, as `flask mail-worker --burst` does.

    RQ's worker installs its own SIGINT/SIGTERM handlers; the test process gets its own back afterwards.
    """
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        mailqueue.work(burst=True)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    db.session.expire_all()
