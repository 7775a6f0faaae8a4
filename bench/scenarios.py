"""The realistic scenarios of `make bench`, through nginx in front of the app (loopback only).

- *A class at a session*: CLASS_SIZE young people walk the whole feedback form on one code at a
  human pace (a few seconds on each page), arriving CLASS_ARRIVALS a second at the start. Every
  walk must end on the thank-you page and be counted (not held); each page's p95 is reported
  against a 300 ms target.
- *Newsletter day*: READERS concurrent readers on `/` and the articles for READERS_SECONDS, wrk
  through nginx.

Used by bench/run.py; the form walker here is also what prepares the wrk feedback walk.
"""

from __future__ import annotations

import math
import os
import random
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from run import WORK, Client, _step_form, fill_answers, log, wrk

from tests.support.loopback import NGINX_HEAD

CLASS_SIZE = int(os.environ.get("BENCH_CLASS_SIZE", "60"))
CLASS_ARRIVALS = float(os.environ.get("BENCH_CLASS_ARRIVALS", "5"))  # new arrivals a second at the start
THINK = (2.0, 5.0)  # seconds a young person spends reading and answering each page
PAGE_TARGET_MS = 300
READERS = int(os.environ.get("BENCH_READERS", "200"))
READERS_SECONDS = int(os.environ.get("BENCH_READERS_SECONDS", "60"))

NGINX_CONF = (
    NGINX_HEAD
    + """\
    upstream app {{ server 127.0.0.1:{app}; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""
)


# The form, page by page ---------------------------------------------------------------------------


def page_name(path: str) -> str:
    """ "page-N" or "check" for a form address; the bare code's address is page 1."""
    match = re.search(r"/feedback/[^/?]+/(page-\d+|check)", path)
    return match.group(1) if match else "page-1"


def page_answers(form: dict) -> list[tuple[str, str]]:
    """What a young person sends from a page: an answer to each question, and the "next" button."""
    questions = {**form, "fields": [f for f in form["fields"] if f[0] != "submit"]}
    answers, _hidden = fill_answers(questions)
    hidden = [(n, v) for k, n, v in form["fields"] if k == "hidden"]
    return [*hidden, *((n, v) for n, v in _pairs(answers)), ("next", "next")]


def _pairs(encoded: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(encoded, keep_blank_values=True)


@dataclass
class Walk:
    ok: bool = False
    error: str = ""
    timings: list[tuple[str, str, float]] = field(default_factory=list)  # (page, method, seconds)
    answers: list[tuple[str, str]] = field(default_factory=list)  # every question's answer, all pages
    check_state: str = ""  # the sealed state of "Check your answers"


def _timed(client: Client, walk: Walk, method: str, path: str, body: str | None = None):
    started = time.perf_counter()
    response = client.request(method, path, body)
    walk.timings.append((page_name(path), method, time.perf_counter() - started))
    return response


def walk_form(port: int, code: str, think: Callable[[], float] | None = None) -> Walk:
    """One young person's whole form: GET each page, POST it (posted pages redirect to the next page's
    address), then send from "Check your answers". `think()` is the pause before each POST."""
    client, walk, path = Client(port), Walk(), f"/feedback/{code}"
    response = _timed(client, walk, "GET", path)
    for _ in range(30):
        form = _step_form(response.body) if response.status == 200 else None
        if form is None:
            walk.error = f"{page_name(path)}: status {response.status}, no form"
            return walk
        sent = page_answers(form)
        if page_name(path) == "check":
            walk.check_state = dict(sent)["state"]
        else:
            walk.answers += [(n, v) for n, v in sent if n not in ("state", "next")]
        if think is not None:
            time.sleep(think())
        response = _timed(client, walk, "POST", path, urlencode(sent))
        if response.status != 303:
            problem = "There is a problem" in response.body
            walk.error = f"{page_name(path)}: POST gave {response.status}{' (refused)' if problem else ''}"
            return walk
        location = urlsplit(response.headers["Location"])
        if location.path.endswith("/thanks"):
            walk.ok = True
            return walk
        path = location.path + (f"?{location.query}" if location.query else "")
        response = _timed(client, walk, "GET", path)
    walk.error = "never reached the thank-you page"
    return walk


# A class at a session -----------------------------------------------------------------------------


def class_session(db_path: Path, like_code: str) -> str:
    """A new session (copied from an open one) expecting the whole class; its feedback code."""
    code = "CLASS" + os.urandom(2).hex().upper()[:3]
    conn = sqlite3.connect(db_path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(sessions)") if row[1] != "id"]
        own = {"feedback_code": code, "expected_young_people": CLASS_SIZE, "ics_uid": f"bench-{code}@roadshow.invalid"}
        picked = ", ".join("?" if c in own else c for c in columns)
        copy = f"INSERT INTO sessions ({', '.join(columns)}) SELECT {picked} FROM sessions WHERE feedback_code = ?"  # noqa: S608
        conn.execute(copy, [own[c] for c in columns if c in own] + [like_code])
        conn.commit()
    finally:
        conn.close()
    return code


def counted(db_path: Path, code: str) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT r.held, COUNT(*) FROM feedback_responses r JOIN sessions s ON s.id = r.session_id"
            " WHERE s.feedback_code = ? GROUP BY r.held",
            [code],
        ).fetchall()
    finally:
        conn.close()
    by_held = dict(rows)
    return {"counted": by_held.get(0, 0), "held": by_held.get(1, 0)}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def per_page(walks: list[Walk]) -> dict[str, dict]:
    """p50, p95 and max per page (its GET and POST together, and each alone), in ms."""
    by_page: dict[str, dict[str, list[float]]] = {}
    for walk in walks:
        for page, method, seconds in walk.timings:
            entry = by_page.setdefault(page, {"GET": [], "POST": []})
            entry[method].append(seconds * 1000)
    out = {}
    order = sorted(by_page, key=lambda p: (p == "check", int(p[5:]) if p.startswith("page-") else 0))
    for page in order:
        both = by_page[page]["GET"] + by_page[page]["POST"]
        out[page] = {
            "requests": len(both),
            "p50_ms": round(percentile(both, 0.50), 1),
            "p95_ms": round(percentile(both, 0.95), 1),
            "max_ms": round(max(both), 1),
            "get_p95_ms": round(percentile(by_page[page]["GET"], 0.95), 1) if by_page[page]["GET"] else None,
            "post_p95_ms": round(percentile(by_page[page]["POST"], 0.95), 1) if by_page[page]["POST"] else None,
        }
    return out


def a_class_at_a_session(port: int, db_path: Path, like_code: str, seed: int = 2026) -> dict:
    """CLASS_SIZE walks at a human pace, CLASS_ARRIVALS new ones a second; every one must be counted."""
    code = class_session(db_path, like_code)
    log(f"a class at a session: {CLASS_SIZE} young people on {code}, {CLASS_ARRIVALS:g} arrivals a second")
    rng, lock = random.Random(seed), threading.Lock()

    def think() -> float:
        with lock:
            return rng.uniform(*THINK)

    started = time.monotonic()

    def one(n: int) -> Walk:
        time.sleep(max(0.0, started + n / CLASS_ARRIVALS - time.monotonic()))
        try:
            return walk_form(port, code, think)
        except OSError as exc:
            return Walk(error=f"connection: {exc}")

    with ThreadPoolExecutor(max_workers=CLASS_SIZE) as pool:
        walks = list(pool.map(one, range(CLASS_SIZE)))
    elapsed = time.monotonic() - started
    time.sleep(0.5)
    pages = per_page(walks)
    stored = counted(db_path, code)
    worst = max((p["p95_ms"] for p in pages.values()), default=0)
    return {
        "young_people": CLASS_SIZE,
        "arrivals_per_second": CLASS_ARRIVALS,
        "think_seconds": list(THINK),
        "seconds": round(elapsed, 1),
        "walks_ok": sum(w.ok for w in walks),
        "walk_errors": sorted({w.error for w in walks if not w.ok}),
        "counted": stored["counted"],
        "held": stored["held"],
        "every_walk_counted": stored["counted"] == CLASS_SIZE and stored["held"] == 0,
        "pages": pages,
        "p95_target_ms": PAGE_TARGET_MS,
        "worst_page_p95_ms": worst,
        "every_page_under_target": worst < PAGE_TARGET_MS,
    }


# Newsletter day -----------------------------------------------------------------------------------


def newsletter_day(port: int, articles: list[str]) -> dict:
    """READERS connections reading `/` and the articles in turn for READERS_SECONDS (wrk, no pauses)."""
    paths = ["/", *articles]
    log(f"newsletter day: {READERS} readers on {len(paths)} pages for {READERS_SECONDS} s through nginx")
    result = wrk(
        port,
        "/",
        "bench/wrk/readers.lua",
        args=paths,
        threads=2,
        connections=READERS,
        duration=READERS_SECONDS,
    )
    return {"readers": READERS, "seconds": READERS_SECONDS, "pages": paths, **result}


# nginx ------------------------------------------------------------------------------------------


class Nginx:
    """Debian's nginx in the foreground, its config, pid and logs under bench/work/nginx."""

    def __init__(self, app_port: int, port: int) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise FileNotFoundError("nginx is not installed (apt-get install nginx)")
        folder = WORK / "nginx"
        folder.mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            NGINX_CONF.format(user=user, dir=folder, connections=2048, app=app_port, port=port)
        )
        self.port = port
        with (folder / "stderr.log").open("wb") as stderr:
            self.proc = subprocess.Popen(
                [binary, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if Client(port).request("GET", "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"nginx did not answer; see {folder / 'error.log'}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def article_paths(client: Client, most: int = 12) -> list[str]:
    """Published articles linked from `/` and `/news/` (the pages a newsletter reader lands on)."""
    from run import parse

    found: list[str] = []
    for path in ("/", "/news/"):
        response = client.request("GET", path)
        for href in parse(response.body).links if response.status == 200 else []:
            target = urlsplit(href).path
            is_article = re.fullmatch(r"/news/[^/]+", target) and target not in ("/news/feed.xml", "/news/subscribe")
            if is_article and target not in found:
                found.append(target)
    return found[:most]


def describe(scenarios: dict) -> str:
    """The two scenarios as lines of text for the terminal."""
    if scenarios.get("status") != "ok":
        return f"realistic scenarios: {scenarios.get('status')}"
    c, n = scenarios["class_at_a_session"], scenarios["newsletter_day"]
    lines = [
        f"a class at a session: {c['young_people']} young people, {c['arrivals_per_second']:g}/s arriving, "
        f"{c['walks_ok']} walks ended on the thank-you page in {c['seconds']} s; counted {c['counted']}, "
        f"held {c['held']}; worst page p95 {c['worst_page_p95_ms']} ms (target < {c['p95_target_ms']})",
        f"{'page':<10} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'GET p95':>8} {'POST p95':>9}",
    ]
    for page, p in c["pages"].items():
        lines.append(
            f"{page:<10} {p['requests']:>8} {p['p50_ms']:>8} {p['p95_ms']:>8} {p['max_ms']:>8} "
            f"{p['get_p95_ms'] or '':>8} {p['post_p95_ms'] or '':>9}"
        )
    lines.append(
        f"newsletter day: {n['readers']} readers, {n['seconds']} s on {len(n['pages'])} pages: {n['req_s']} req/s, "
        f"p50 {n['p50_ms']} ms, p99 {n['p99_ms']} ms, errors {n['errors']}"
    )
    return "\n".join(lines)
