"""A small deployment on loopback: Debian nginx in front of two gunicorn servers of the app.

nginx listens on three ports: `front` shares requests between the two app servers (round robin, as
production would), `pinned[0]` and `pinned[1]` each reach one server only, so a test can sign in
through one and carry on through the other. Every answer says which server gave it (X-Upstream).
All of it runs as the current user from a temp folder: config, pid file, logs and temp files.
"""

from __future__ import annotations

import getpass
import http.client
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from config import ROOT
from tests.ops.servers import stop, wait_for_health, wait_for_port
from tests.support.fixtures import free_port
from tests.support.loopback import NGINX_HEAD

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
FLASK = str(ROOT / ".venv" / "bin" / "flask")
SECRET = "scaleout-test-secret-key-0123456789-abcdefghijklmnop"

NGINX_CONF = (
    NGINX_HEAD
    + """\
    upstream app {{
        server 127.0.0.1:{app0} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{app1} max_fails=1 fail_timeout=30s;
        keepalive 16;
    }}
    upstream app0 {{ server 127.0.0.1:{app0}; }}
    upstream app1 {{ server 127.0.0.1:{app1}; }}
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $remote_addr;  # replaced, never appended: a client cannot add its own
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header X-Forwarded-Port $server_port;
    add_header X-Upstream $upstream_addr always;
    server {{ listen 127.0.0.1:{front}; location / {{ proxy_pass http://app; }} }}
    server {{ listen 127.0.0.1:{pin0}; location / {{ proxy_pass http://app0; }} }}
    server {{ listen 127.0.0.1:{pin1}; location / {{ proxy_pass http://app1; }} }}
}}
"""
)


def require(binary: str) -> str:
    """The path of a Debian binary the cluster needs; its absence fails in CI (the caller skips elsewhere)."""
    path = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists() else None)
    if path is None:
        raise FileNotFoundError(f"{binary} is not installed (apt-get install {binary})")
    return path


@dataclass
class AppServer:
    """One gunicorn master and its workers, in a process group of their own (so kill -9 takes all)."""

    port: int
    log_path: Path
    proc: subprocess.Popen = field(repr=False)

    def kill(self) -> None:
        """What a crashed machine does to it: SIGKILL to the master and every worker at once."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGQUIT)
            try:
                self.proc.wait(timeout=1.5)  # the workers leave at once; the master then idles
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)


def start_app(env: dict[str, str], log_path: Path, port: int | None = None) -> AppServer:
    """gunicorn with the project's gunicorn.conf.py (read from the working folder) on a loopback port."""
    port = port or free_port()
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "-b", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = AppServer(port, log_path, proc)
    try:
        wait_for_health(port, proc)
    except RuntimeError as exc:
        server.stop()
        raise RuntimeError(f"{exc}\n{log_path.read_text(errors='replace')[-3000:]}") from exc
    return server


def start_nginx(folder: Path, app_ports: list[int]) -> tuple[subprocess.Popen, dict[str, int]]:
    """nginx in the foreground (`daemon off`) with its config, pid and logs in `folder`."""
    ports = {"front": free_port(), "pin0": free_port(), "pin1": free_port()}
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""  # as root, workers stay root too
    conf = folder / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(user=user, dir=folder, connections=512, app0=app_ports[0], app1=app_ports[1], **ports)
    )
    with (folder / "stderr.log").open("wb") as stderr:
        proc = subprocess.Popen(
            [require("nginx"), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    for port in ports.values():
        try:
            wait_for_port(port, proc, timeout=20)
        except RuntimeError as exc:
            logs = (folder / "stderr.log").read_text() + (folder / "error.log").read_text()
            raise RuntimeError(f"{exc}\n{logs}") from exc
    return proc, ports


def start_workers(env: dict[str, str], folder: Path, count: int) -> list[subprocess.Popen]:
    """`flask mail-worker` processes taking mail jobs from Redis."""
    procs = []
    for n in range(count):
        with (folder / f"worker{n}.log").open("ab") as log:
            procs.append(
                subprocess.Popen(
                    [FLASK, "mail-worker"],
                    cwd=ROOT,
                    env={**env, "FLASK_APP": "wsgi.py"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
    return procs


def has_mail_worker() -> bool:
    """Whether this branch has the `flask mail-worker` command (the mail queue)."""
    from roadshow import create_app

    return "mail-worker" in create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).cli.list_commands(None)


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Visitor:
    """A browser over plain HTTP from its own loopback address (127.0.0.N): keeps cookies, reads CSRF tokens.

    Its own address gives it its own rate-limit counts and sign-in delays, as a different person would
    have, so tests do not use up each other's limits; nginx passes the address on in X-Forwarded-For.
    """

    def __init__(self, address: str, port: int, agent: str = "ScaleoutTest/1") -> None:
        self.address, self.port, self.agent = address, port, agent
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}  # sent with every request, e.g. a forged X-Forwarded-For
        self.upstream = ""  # the app server that gave the last answer

    def through(self, port: int) -> Visitor:
        """The same browser (same cookies) sending its next requests to another nginx port."""
        self.port = port
        return self

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one request; cookies kept, redirects not followed."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.address, 0))
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": self.agent, **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            try:
                raw = response.read()
            except http.client.IncompleteRead as cut:  # the server died mid-body: its status line still counts
                raw = cut.partial
            text = raw.decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if "expires=thu, 01 jan 1970" in header.lower() or not value:
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
            self.upstream = response.headers.get("X-Upstream", "")
            return response.status, text, response.headers.get("Location", "")
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, str]:
        status, text, _ = self.request("GET", path)
        return status, text

    def csrf(self, path: str) -> str:
        status, text = self.get(path)
        assert status == 200, f"GET {path} gave {status}"
        match = CSRF_RE.search(text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def post_form(self, page: str, action: str, fields: dict) -> tuple[int, str, str]:
        """Fetch `page` for its CSRF token, then POST `fields` to `action` as its form would."""
        return self.request("POST", action, {"csrf_token": self.csrf(page), **fields})


def wait_until(condition, timeout: float = 30.0, every: float = 0.1) -> bool:
    """Poll `condition()` until it is true or `timeout` seconds pass; its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


__all__ = ["SECRET", "AppServer", "Visitor", "start_app", "start_nginx", "start_workers", "stop", "wait_until"]
