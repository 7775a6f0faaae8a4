"""Real servers for the operations tests: redis-server and gunicorn, on loopback ports."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from config import ROOT
from tests.support.fixtures import free_port
from tests.support.loopback import send

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
STRONG_SECRET = "ops-test-secret-key-0123456789-abcdefghijklmnop"


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before listening")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listened on port {port} within {timeout} s")


def wait_for_health(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Until a worker answers /healthz (the master listens long before workers are ready)."""
    wait_for_port(port, proc, timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
        finally:
            conn.close()
    raise RuntimeError(f"gunicorn on port {port} did not become healthy within {timeout} s")


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, patience: float = 10) -> None:
    """Stop a process this test started (by its own handle, never by name)."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@contextmanager
def redis_server(tmp_path: Path) -> Iterator[str]:
    """A private redis-server on a loopback port, nothing saved to disk; yields its URL."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is not installed"
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)


@dataclass
class Gunicorn:
    url: str
    port: int
    log_path: Path
    proc: subprocess.Popen = field(repr=False)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_entries(self) -> list[dict]:
        """The JSON log lines (all of them, with gunicorn.conf.py)."""
        return [json.loads(line) for line in self.log().splitlines() if line.startswith("{")]

    def wait(self) -> None:
        wait_for_health(self.port, self.proc)


@contextmanager
def gunicorn(
    env: dict[str, str], log_path: Path, *extra: str, workers: int = 2, wait: bool = True
) -> Iterator[Gunicorn]:
    """The real app under gunicorn with `workers` sync workers; stdout and stderr go to `log_path`.

    It reads the project's gunicorn.conf.py (JSON logs, access log without addresses); `--preload`
    imports the app once in the master, so workers start at once.
    """
    if os.environ.get("ROADSHOW_TEST_NOW"):
        # A separate server process keeps the real clock; the suite-wide frozen clock cannot reach it.
        pytest.skip("gunicorn runs on the real clock, not ROADSHOW_TEST_NOW")
    port = free_port()
    full_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "RATELIMIT_STORAGE_URI")}
    full_env.update(
        ROADSHOW_ENV="production",
        SECRET_KEY=STRONG_SECRET,
        PUBLIC_BASE_URL="https://roadshow.example.org",
        PYTHONUNBUFFERED="1",
        WEB_CONCURRENCY=str(workers),  # what the app checks its rate-limit storage against
        # Production refuses per-process limits with two workers; a server started without naming a
        # storage is not testing limits, so they are off for it.
        RATELIMIT_ENABLED="1" if "RATELIMIT_STORAGE_URI" in env else "0",
        **env,
    )
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                GUNICORN,
                "--no-control-socket",
                "-w",
                str(workers),
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{port}",
                *extra,
                "wsgi:app",
            ],
            cwd=ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        server = Gunicorn(f"http://127.0.0.1:{port}", port, log_path, proc)
        if wait:
            server.wait()
        yield server
    finally:
        # gunicorn's quick shutdown: the workers leave at once, but the master then idles for
        # seconds in its graceful loop; once the workers are gone there is nothing left to wait for.
        stop(proc, signal.SIGQUIT, patience=1.5)


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browserish:
    """Just enough of a browser over plain HTTP: keeps cookies (Secure ones too) and reads CSRF tokens."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        status, text, _ = send(self.port, self.cookies, method, path, body, headers)
        return status, text

    def csrf_token(self, path: str) -> str:
        status, text = self.request("GET", path)
        assert status == 200, f"GET {path} gave {status}"
        match = CSRF_RE.search(text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)
