"""`make bench`: each page's throughput against a Flask hello-world measured in the same run.

Steps (each bounded in time, loopback only):
1. a benchmark SQLite database in bench/work/: migrate, `flask seed-demo`, `flask bench-seed`;
2. the app and bench/hello.py under gunicorn with the same settings (gunicorn.conf.py, 2 sync workers,
   production config; rate limits off so one client address can load the site);
3. probe every page: a page that does not exist yet is reported as "missing", never a crash;
4. BENCH_ROUNDS rounds of wrk -t2 -c32 -d BENCH_DURATION: the baseline, then each page;
5. Lighthouse (when npm is available) on /, an article, /roadshow/book and /feedback/<code>;
6. a table on screen and bench/results.json.

Environment: BENCH_DURATION (s, default 10), BENCH_ROUNDS (3), BENCH_RESPONSES (20000),
BENCH_LIGHTHOUSE (1; 0 skips it), BENCH_REDIS_PORT (unset: no Redis; a port: a private redis-server there,
and the app's REDIS_URL pointing at it, as in production with more than one worker).
"""

from __future__ import annotations

import html.parser
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench shares its loopback HTTP client with the ops tests
from tests.support.loopback import send  # noqa: E402

BENCH = ROOT / "bench"
WORK = BENCH / "work"
VENV_BIN = ROOT / ".venv" / "bin"
RESULTS = BENCH / "results.json"

DURATION = int(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "20000"))
LIGHTHOUSE = os.environ.get("BENCH_LIGHTHOUSE", "1") != "0"
REDIS_PORT = os.environ.get("BENCH_REDIS_PORT", "")
THREADS, CONNECTIONS = 2, 32
DEMO_PANEL = ("panel@example.org", "roadshow-demo-2026")  # from roadshow/services/demo.py
LIGHTHOUSE_VERSION = "12.8.2"  # pinned in bench/package.json (13 needs Node 22; Debian has 20)
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: list[str], env: dict[str, str], timeout: int, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, env=env, cwd=ROOT, timeout=timeout, check=True, text=True, capture_output=True, **kwargs
    )


# HTTP --------------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    body: str
    headers: http.client.HTTPMessage


@dataclass
class Client:
    """Plain HTTP on loopback with a cookie jar that ignores the Secure flag (production cookies)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: str | None = None) -> Response:
        status, text, headers = send(self.port, self.cookies, method, path, body)
        return Response(status, text, headers)

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


class FormParser(html.parser.HTMLParser):
    """The POST forms of a page: their action and every field, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "link" and "stylesheet" in a.get("rel", "") and a.get("href"):
            self.assets.append(a["href"])
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {"action": a.get("action", ""), "fields": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            self._form["fields"].append((a.get("type", "text").lower(), a["name"], a.get("value", "")))
        elif tag == "button" and a.get("name"):
            self._form["fields"].append(("submit", a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select:
            self._form["fields"].append(("option", self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._form["fields"].append(("textarea", a["name"], ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse(body: str) -> FormParser:
    parser = FormParser()
    parser.feed(body)
    return parser


def fill_answers(form: dict) -> tuple[str, list[str]]:
    """A believable complete submission: a middle option for each choice, one box ticked per group,
    a short comment in each text area; hidden fields (tokens) left out, text inputs (the honeypot)
    left as they are. Returns the url-encoded answers and the hidden field names."""
    radios: dict[str, list[str]] = {}
    boxes: dict[str, list[str]] = {}
    options: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    hidden: list[str] = []
    submit_done = False
    for kind, name, value in form["fields"]:
        if kind == "hidden":
            hidden.append(name)
        elif kind == "radio":
            radios.setdefault(name, []).append(value)
        elif kind == "checkbox":
            boxes.setdefault(name, []).append(value)
        elif kind == "option":
            if value:
                options.setdefault(name, []).append(value)
        elif kind == "textarea":
            pairs.append((name, "Explain why before searching anyone."))
        elif kind == "submit":
            if not submit_done:
                pairs.append((name, value))
                submit_done = True
        elif kind not in ("file", "image", "reset", "button"):
            pairs.append((name, value))
    for name, values in radios.items():
        pick = values[len(values) // 2]
        if pick in ("prefer_not", ""):
            pick = values[0]
        pairs.append((name, pick))
    for name, values in boxes.items():
        pairs.append((name, values[0]))
    for name, values in options.items():
        pairs.append((name, values[len(values) // 2]))
    return urlencode(pairs), hidden


# Servers -----------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    proc: subprocess.Popen

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def start_gunicorn(name: str, app: str, env: dict[str, str], extra: list[str] | None = None) -> Server:
    port = free_port()
    log_file = (WORK / f"{name}.log").open("wb")
    proc = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "-w", "2", "-b", f"127.0.0.1:{port}"]
        + (extra or [])
        + [app],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{name} gunicorn exited; see {WORK / (name + '.log')}")
        try:
            status = Client(port).request("GET", "/").status
            if status < 500:
                return Server(name, port, proc)
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{name} gunicorn did not answer within 90 s")


def start_redis(env: dict[str, str]) -> subprocess.Popen:
    """A private redis-server on BENCH_REDIS_PORT (loopback, nothing saved); sets REDIS_URL in `env`."""
    proc = subprocess.Popen(
        ["redis-server", "--port", REDIS_PORT, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=WORK,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", int(REDIS_PORT))) == 0:
                env["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
                return proc
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"redis-server did not listen on port {REDIS_PORT}")


# wrk ---------------------------------------------------------------------------------------------


def wrk(
    port: int,
    path: str,
    script: str = "bench/wrk/get.lua",
    headers=(),
    args=(),
    threads: int = THREADS,
    connections: int = CONNECTIONS,
    duration: int = DURATION,
) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script]
    for header in headers:
        cmd += ["-H", header]
    cmd.append(f"http://127.0.0.1:{port}{path}")
    if args:
        cmd += ["--", *args]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=duration + 60, check=False)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr.strip()[:500]}")
    data = json.loads(line[len("WRK_JSON ") :])
    seconds = data["duration_us"] / 1e6
    errors = data["err_connect"] + data["err_read"] + data["err_write"] + data["err_status"] + data["err_timeout"]
    out = {
        "requests": data["requests"],
        "req_s": round(data["requests"] / seconds, 1),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "errors": errors,
        "error_kinds": {k[4:]: data[k] for k in ("err_connect", "err_read", "err_write", "err_status", "err_timeout")},
    }
    if "posts_ok" in data:
        out.update(
            req_s=round(data["posts_ok"] / seconds, 1),  # complete submissions a second
            http_req_s=round(data["requests"] / seconds, 1),  # every request a second (walk: GET and step POSTs)
            requests=data["posts_ok"],
            posts_ok=data["posts_ok"],
            form_gets=data.get("gets", 0),
            step_pages=data.get("steps", 0),
            reused=data.get("reused", 0),
            errors=errors + data["posts_failed"] + data["other"],
            posts_failed=data["posts_failed"],
            other_status=data["other"],
        )
    return out


# Pages -------------------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    path: str = ""
    headers: list[str] = field(default_factory=list)
    script: str = "bench/wrk/get.lua"
    args: list[str] = field(default_factory=list)
    status: str = "ok"
    note: str = ""
    bytes: int | None = None
    rounds: list[dict] = field(default_factory=list)
    stores: bool = False  # its requests store feedback responses: count the rows it adds
    saved: int = 0
    before_round: Callable[[], None] | None = None
    final_step: tuple[str, str, str] | None = None  # the walk's last POST: path, state, answers


def page_weight(client: Client, body: str) -> int:
    """HTML plus its same-site stylesheets and scripts (no images), uncompressed bytes."""
    total = len(body.encode())
    for asset in set(parse(body).assets):
        parts = urlsplit(asset)
        if parts.netloc:
            continue
        response = client.request("GET", parts.path)
        if response.status == 200:
            total += len(response.body.encode())
    return total


def probe_get(client: Client, page: Page) -> Page:
    response = client.request("GET", page.path)
    if response.status == 404:
        page.status, page.note = "missing", "404 on this branch"
    elif response.status != 200:
        page.status, page.note = "error", f"GET gave {response.status}"
    else:
        page.bytes = page_weight(client, response.body)
    return page


WEIGHT_LIMIT = 60 * 1024  # issue #11: every public page, HTML + CSS + JS, no images
CRAWL_LIMIT = 120


def public_page_weights(client: Client, extra: list[str]) -> dict:
    """Every public page a visitor can reach by links from `/` (plus `extra`), with its weight.

    Breadth first over same-site links, GET only, each distinct path once (query strings such as
    `?page=2` count as pages); staff pages and files that are not HTML are left out.
    """
    queue, seen, weights = ["/", *extra], set(), {}
    while queue and len(weights) < CRAWL_LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.request("GET", path)
        if response.status != 200 or "text/html" not in (response.headers.get("Content-Type") or ""):
            continue
        weights[path] = page_weight(client, response.body)
        for href in parse(response.body).links:
            parts = urlsplit(urljoin(f"http://x{path}", href))
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc == "x" and not target.startswith(("/staff", "/static")) and target not in seen:
                queue.append(target)
    heaviest = sorted(weights.items(), key=lambda item: -item[1])
    return {
        "pages": len(weights),
        "limit_bytes": WEIGHT_LIMIT,
        "heaviest": [{"path": p, "bytes": b} for p, b in heaviest[:5]],
        "over_limit": [{"path": p, "bytes": b} for p, b in heaviest if b > WEIGHT_LIMIT],
    }


def find_article(client: Client) -> str | None:
    for path in ("/", "/news/"):
        response = client.request("GET", path)
        if response.status != 200:
            continue
        for href in parse(response.body).links:
            target = urlsplit(urljoin("http://x/", href)).path
            if re.fullmatch(r"/news/[^/]+", target) and target not in ("/news/feed.xml", "/news/subscribe"):
                return target
    return None


def responses_count(db_path: Path) -> int | None:
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT COUNT(*) FROM feedback_responses").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _step_form(body: str) -> dict | None:
    """The feedback form on a step page: the POST form that carries the signed `state`."""
    forms = [f for f in parse(body).forms if any(k == "hidden" and n == "state" for k, n, _ in f["fields"])]
    return max(forms, key=lambda f: len(f["fields"])) if forms else None


def prepare_feedback_post(port: int, code: str, db_path: Path) -> Page:
    """Walk the real form once (every page, then "Check your answers"), keeping every page's answers,
    and check that it saves.

    The form sets no cookie and has no CSRF token: each page carries its signed `state` (the answers
    so far and a one-time submission id). A posted page redirects to the next page's address, which
    is then fetched. wrk replays the walk (bench/wrk/feedback_post.lua): GET the form, POST each page
    with every page's answers (a page reads only its own questions), GET the page it redirects to,
    until the redirect to the thank-you page.
    """
    from scenarios import walk_form

    page = Page("feedback POST (complete)", script="bench/wrk/feedback_post.lua", stores=True)
    form_path = f"/feedback/{code}"
    before = responses_count(db_path)
    walk = walk_form(port, code)
    after = responses_count(db_path)
    if not walk.ok:
        page.status, page.note = "error", f"the walk failed: {walk.error}"
        return page
    if before is None or after != before + 1:
        page.status, page.note = "error", f"a complete walk did not save one response (rows {before}->{after})"
        return page
    pages = sum(1 for _, method, _ in walk.timings if method == "POST")
    answers = urlencode(walk.answers)
    page.final_step = (form_path, walk.check_state, answers)
    page.path = form_path
    page.args = [form_path, form_path, answers]
    page.note = f"{pages} pages: GET each, POST each"
    return page


FINAL_POOL_PER_SECOND = 3000  # minted submissions per second of wrk: more than the app can take


def mint_states(state: str, secret_key: str, count: int) -> list[str]:
    """Copies of a real "Check your answers" state, each with a new one-time submission id, sealed as the app does."""
    sys.path.insert(0, str(ROOT))
    from flask import Flask

    from roadshow.feedback import state as form_state
    from roadshow.services.feedback.intake import new_token

    signer = Flask("bench-states")
    signer.config["SECRET_KEY"] = secret_key
    with signer.app_context():
        loaded = form_state.load(state)
        if loaded is None:
            raise RuntimeError("the walk's last state did not verify with the benchmark's SECRET_KEY")
        minted = []
        for _ in range(count):
            loaded.token = new_token()
            minted.append(form_state.dump(loaded))
    return minted


def prepare_feedback_final(walk: Page, secret_key: str) -> Page:
    """The last POST alone ("Send my answers"): the one request of the walk that stores a response
    (issue #11's "one-row insert per POST"). Before each run, a pool of real "Check your answers"
    states with fresh one-time submission ids is written to a file that wrk's threads share out,
    so every POST stores a new response."""
    page = Page("feedback POST (final step)", script="bench/wrk/feedback_final.lua", stores=True)
    if walk.status != "ok" or walk.final_step is None:
        page.status, page.note = walk.status if walk.status != "ok" else "error", "needs a working walk"
        return page
    post_path, state, _answers = walk.final_step
    bodies = WORK / "feedback-final-bodies.txt"

    def mint() -> None:
        minted = mint_states(state, secret_key, DURATION * FINAL_POOL_PER_SECOND)
        bodies.write_text("".join(f"{urlencode({'state': s})}&next=next\n" for s in minted))

    page.path, page.before_round = post_path, mint
    page.args = [post_path, str(bodies), str(THREADS)]
    page.note = "the POST from Check your answers, a new submission id each time"
    return page


def sign_in_cookie(port: int) -> str | None:
    client = Client(port)
    form = client.request("GET", "/staff/login")
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form.body)
    if not match:
        return None
    body = urlencode({"csrf_token": match.group(1), "email": DEMO_PANEL[0], "password": DEMO_PANEL[1]})
    result = client.request("POST", "/staff/login", body)
    return client.cookie_header() if result.status in (302, 303) else None


# Lighthouse --------------------------------------------------------------------------------------


def lighthouse(port: int, targets: list[tuple[str, str]]) -> dict:
    if not LIGHTHOUSE:
        return {"status": "skipped (BENCH_LIGHTHOUSE=0)"}
    npm = shutil.which("npm")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not npm or not Path(chromium).exists():
        return {"status": "skipped (npm or chromium not installed)"}
    binary = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        log(f"installing lighthouse {LIGHTHOUSE_VERSION} under bench/ (npm)")
        try:
            subprocess.run(
                [npm, "install", "--prefix", str(BENCH), "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=BENCH,
                timeout=600,
                check=True,
                capture_output=True,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            return {"status": f"skipped (npm install failed: {exc})"}
    env = {**os.environ, "CHROME_PATH": chromium}
    scores = {}
    for name, path in targets:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "home"
        out = WORK / f"lighthouse-{slug}.json"
        cmd = [
            str(binary),
            f"http://127.0.0.1:{port}{path}",
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        try:
            subprocess.run(cmd, env=env, cwd=BENCH, timeout=240, check=True, capture_output=True)
            report = json.loads(out.read_text())
            scores[name] = {
                "path": path,
                "performance": round(report["categories"]["performance"]["score"] * 100),
                "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
            }
        except (subprocess.SubprocessError, OSError, KeyError, TypeError, ValueError) as exc:
            scores[name] = {"path": path, "error": str(exc)[:300]}
        log(f"lighthouse {name}: {scores[name]}")
    return {"status": "ok", "pages": scores}


# Main --------------------------------------------------------------------------------------------


def summarise(page: Page, baselines: list[float]) -> dict:
    out = {"status": page.status, "path": page.path, "note": page.note, "bytes": page.bytes}
    if page.status == "ok" and page.rounds:
        ratios = [r["req_s"] / b for r, b in zip(page.rounds, baselines, strict=True) if b]
        out.update(
            req_s=round(statistics.median(r["req_s"] for r in page.rounds), 1),
            p50_ms=round(statistics.median(r["p50_ms"] for r in page.rounds), 2),
            p99_ms=round(statistics.median(r["p99_ms"] for r in page.rounds), 2),
            errors=sum(r["errors"] for r in page.rounds),
            ratio=round(statistics.median(ratios), 3) if ratios else None,
            rounds=page.rounds,
        )
        if page.script.endswith("feedback_post.lua"):  # the walk: every request it makes, too
            out["http_req_s"] = round(statistics.median(r["http_req_s"] for r in page.rounds), 1)
            out["http_ratio"] = round(
                statistics.median(r["http_req_s"] / b for r, b in zip(page.rounds, baselines, strict=True) if b), 3
            )
    return out


def table(baseline: dict, pages: dict[str, dict]) -> str:
    rows = [f"{'page':<28} {'req/s':>9} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'KB':>6}"]
    rows.append(
        f"{'hello-world baseline':<28} {baseline['req_s']:>9.1f} {'1.00':>6} {baseline['p50_ms']:>8.2f} "
        f"{baseline['p99_ms']:>8.2f} {baseline['errors']:>7} {'':>6}"
    )
    for name, p in pages.items():
        if p["status"] != "ok":
            rows.append(f"{name:<28} {p['status'].upper():>9}  {p['note']}")
            continue
        kb = f"{p['bytes'] / 1024:.1f}" if p.get("bytes") else ""
        rows.append(
            f"{name:<28} {p['req_s']:>9.1f} {p['ratio']:>6.2f} {p['p50_ms']:>8.2f} {p['p99_ms']:>8.2f} "
            f"{p['errors']:>7} {kb:>6}"
        )
        if "http_ratio" in p:  # the feedback walk counted per request (GET + 3 POSTs) as well
            rows.append(f"{'  ...every request of it':<28} {p['http_req_s']:>9.1f} {p['http_ratio']:>6.2f}")
    return "\n".join(rows)


def realistic(app_port: int, db_path: Path, code: str, client: Client) -> dict:
    """The class at a session and newsletter day, through nginx in front of the app (BENCH_SCENARIOS=0 skips)."""
    if os.environ.get("BENCH_SCENARIOS", "1") == "0":
        return {"status": "skipped (BENCH_SCENARIOS=0)"}
    from scenarios import Nginx, a_class_at_a_session, article_paths, newsletter_day

    try:
        nginx = Nginx(app_port, free_port())
    except (OSError, RuntimeError) as exc:
        return {"status": f"skipped ({exc})"}
    try:
        return {
            "status": "ok",
            "through": "nginx (1 worker process) -> the app's gunicorn (2 sync workers), SQLite",
            "class_at_a_session": a_class_at_a_session(nginx.port, db_path, code),
            "newsletter_day": newsletter_day(nginx.port, article_paths(client)),
        }
    finally:
        nginx.stop()


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk).", file=sys.stderr)
        return 1
    WORK.mkdir(parents=True, exist_ok=True)
    db_path = WORK / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MAIL_SERVER", "ROADSHOW_ENV")}
    base_env.update(DATABASE_URL=f"sqlite:///{db_path}", FLASK_APP="wsgi.py", MAIL_OUTBOX_DIR=str(WORK / "outbox"))
    flask = str(VENV_BIN / "flask")
    log("building the benchmark database (migrate, seed-demo, bench-seed, report-rollup)")
    run([flask, "db", "upgrade"], base_env, 300)
    run([flask, "seed-demo"], base_env, 300)
    seeded = run([flask, "bench-seed", "--responses", str(RESPONSES)], base_env, 900)
    code = re.search(r"session code (\S+)", seeded.stdout).group(1)  # type: ignore[union-attr]
    run([flask, "report-rollup"], base_env, 900)  # reports read the rollup, as after a bulk import in production

    prod_env = {
        **base_env,
        "ROADSHOW_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "RATELIMIT_ENABLED": "0",
        "PUBLIC_BASE_URL": "http://127.0.0.1",  # production refuses to start without it
        "PYTHONPATH": str(ROOT),
        "GUNICORN_ACCESS_LOG": "",  # off for the app and the baseline alike (the app keeps its own request line)
    }
    servers: list[Server] = []
    started = time.time()
    redis = start_redis(prod_env) if REDIS_PORT else None
    try:
        log("starting gunicorn for the app and for the hello-world baseline")
        app = start_gunicorn("app", "wsgi:app", prod_env)
        servers.append(app)
        hello = start_gunicorn("hello", "hello:app", prod_env, ["--chdir", str(BENCH)])
        servers.append(hello)

        client = Client(app.port)
        pages: list[Page] = [probe_get(client, Page("/", "/"))]
        article = find_article(client)
        pages.append(
            probe_get(client, Page("article", article))
            if article
            else Page("article", status="missing", note="no /news/<slug> link on / or /news/")
        )
        pages.append(probe_get(client, Page("/news/", "/news/")))
        pages.append(probe_get(client, Page("/news/feed.xml", "/news/feed.xml")))
        pages.append(probe_get(client, Page("/roadshow/book", "/roadshow/book")))
        pages.append(probe_get(client, Page("/feedback/<code> GET", f"/feedback/{code}")))
        walk = prepare_feedback_post(app.port, code, db_path)
        pages.append(walk)
        pages.append(prepare_feedback_final(walk, prod_env["SECRET_KEY"]))
        cookie = sign_in_cookie(app.port)
        reports = Page("/reports/ (panel)", "/reports/", headers=[f"Cookie: {cookie}"] if cookie else [])
        if cookie is None:
            reports.status, reports.note = "error", "panel sign-in failed"
        else:
            reports_client = Client(app.port)
            reports_client.cookies = dict(c.split("=", 1) for c in cookie.split("; "))
            probe_get(reports_client, reports)
        for page in [*pages, reports]:
            if page.status != "ok":
                log(f"{page.name}: {page.status} ({page.note})")
        pages.append(reports)

        runnable = [p for p in pages if p.status == "ok"]
        baselines: list[dict] = []
        for n in range(ROUNDS):
            log(f"round {n + 1}/{ROUNDS}: baseline then {len(runnable)} pages, {DURATION} s each")
            baselines.append(wrk(hello.port, "/"))
            for page in runnable:
                if page.before_round:
                    page.before_round()
                rows_before = responses_count(db_path) if page.stores else None
                page.rounds.append(wrk(app.port, page.path, page.script, page.headers, page.args))
                if rows_before is not None:
                    time.sleep(0.5)  # let submissions still in flight when wrk stopped land
                    page.saved += (responses_count(db_path) or 0) - rows_before

        scenarios = realistic(app.port, db_path, code, Client(app.port))

        lh_targets = [
            (p.name, p.path)
            for p in pages
            if p.status == "ok" and p.name in ("/", "article", "/roadshow/book", "/feedback/<code> GET")
        ]
        lh = lighthouse(app.port, lh_targets)
        log("weighing every public page reachable from /")
        weights = public_page_weights(Client(app.port), [f"/feedback/{code}"])
    finally:
        for server in servers:
            server.stop()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)

    baseline_rates = [b["req_s"] for b in baselines]
    baseline = {
        "req_s": round(statistics.median(baseline_rates), 1) if baselines else 0,
        "p50_ms": round(statistics.median(b["p50_ms"] for b in baselines), 2) if baselines else 0,
        "p99_ms": round(statistics.median(b["p99_ms"] for b in baselines), 2) if baselines else 0,
        "errors": sum(b["errors"] for b in baselines),
        "rounds": baselines,
    }
    summary = {p.name: summarise(p, baseline_rates) for p in pages}
    for page in pages:
        if page.stores and page.status == "ok":
            accepted = sum(r["posts_ok"] for r in page.rounds)
            repeats = sum(r.get("reused", 0) for r in page.rounds)  # a repeated id is answered, not stored
            summary[page.name].update(saved=page.saved, accepted=accepted, lost=accepted - repeats - page.saved)

    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update(
        {
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
            "settings": {
                "wrk": f"-t{THREADS} -c{CONNECTIONS} -d{DURATION}s --latency",
                "rounds": ROUNDS,
                "gunicorn": "gunicorn.conf.py, 2 sync workers, preload, ROADSHOW_ENV=production, RATELIMIT_ENABLED=0, "
                "access log off (GUNICORN_ACCESS_LOG=''), the same for the app and the hello-world baseline",
                "database": f"SQLite, demo seed + {RESPONSES} synthetic responses",
                "redis": f"REDIS_URL on port {REDIS_PORT}" if REDIS_PORT else "none",
            },
            "baseline": baseline,
            "pages": summary,
            "lighthouse": lh,
            "public_page_weights": weights,
            "scenarios": scenarios,
        }
    )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(table(baseline, summary))
    if lh.get("pages"):
        print()
        for name, s in lh["pages"].items():
            perf, a11y = s.get("performance", "-"), s.get("accessibility", "-")
            print(f"lighthouse {name:<24} performance {perf}  accessibility {a11y}")
    heaviest = weights["heaviest"][0] if weights["heaviest"] else {"path": "-", "bytes": 0}
    print(
        f"\npublic pages weighed: {weights['pages']}; heaviest {heaviest['path']} {heaviest['bytes'] / 1024:.1f} KB; "
        f"over 60 KB: {len(weights['over_limit'])}"
    )
    from scenarios import describe

    print()
    print(describe(scenarios))
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
