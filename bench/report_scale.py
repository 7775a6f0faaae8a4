"""Report scale: the all-time `/reports/` page and `/reports/export.csv` at growing numbers of responses.

For each size N (default 10k, 100k, 1M) the database is topped up to N synthetic responses with
`flask bench-seed`, then each page is fetched by a fresh Python process (the app in-process, signed in
as the demo panel member, the CSV read as a stream and thrown away) that reports the time and its own
peak resident memory. A fresh process per measurement keeps each peak honest.

The database is DATABASE_URL when it is PostgreSQL (run under scripts/with-postgres.sh), otherwise a
SQLite file in bench/work/. Results go into bench/results.json under "report_scale".

    .venv/bin/python bench/report_scale.py --sizes 10000,100000
    bash scripts/with-postgres.sh .venv/bin/python bench/report_scale.py
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.json"
FLASK = str(ROOT / ".venv" / "bin" / "flask")
PAGES = ("/reports/", "/reports/export.csv")
DEMO_PANEL = ("panel@example.org", "roadshow-demo-2026")
SEED_TIMEOUT = int(os.environ.get("BENCH_SEED_TIMEOUT", "3600"))
MEASURE_TIMEOUT = int(os.environ.get("BENCH_MEASURE_TIMEOUT", "300"))


def log(message: str) -> None:
    print(f"[report-scale] {message}", flush=True)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) since the last reset_peak()."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def reset_peak() -> bool:
    """Forget the peak so far (Linux: writing 5 to clear_refs resets VmHWM), e.g. argon2's 64 MB at sign-in."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def measure(path: str) -> dict:
    """Run in a child process: build the app, sign in, fetch `path` (first fetch: time and peak
    memory from its start; then a second, warm fetch: time only), report. The templates are compiled
    first, as in a gunicorn worker, so the first fetch is a new worker's first request for the page."""
    sys.path.insert(0, str(ROOT))
    from roadshow import create_app
    from roadshow.templating import compile_all

    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "REQUEST_LOG": False})
    client = app.test_client()
    signed_in = client.post("/staff/login", data={"email": DEMO_PANEL[0], "password": DEMO_PANEL[1]})
    if signed_in.status_code not in (302, 303):
        return {"status": "error", "note": f"sign-in gave {signed_in.status_code}"}
    client.get("/healthz")  # warm the connection pool and templates' shared parts
    compile_all(app)  # as gunicorn's master does before forking (gunicorn.conf.py, when_ready)
    gc.collect()
    peak_was_reset = reset_peak()  # the sign-in's password hashing is not the page's cost
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    response = client.get(path, buffered=False)
    size = 0
    for chunk in response.response:
        size += len(chunk)
    response.close()
    elapsed = time.perf_counter() - started
    if response.status_code == 404:
        return {"status": "missing", "note": "404 on this branch"}
    peak = peak_rss_mb()
    # The same fetch again, as a running worker serves it: templates compiled, rollup already fresh.
    started = time.perf_counter()
    again = client.get(path, buffered=False)
    for _chunk in again.response:
        pass
    again.close()
    warm = time.perf_counter() - started
    return {
        "status": "ok" if response.status_code == 200 else "error",
        "http_status": response.status_code,
        "seconds": round(elapsed, 3),
        "warm_seconds": round(warm, 3),
        "bytes": size,
        "peak_rss_mb": peak,
        "rss_before_mb": rss_before,
        "peak_since": "request start" if peak_was_reset else "process start",
    }


def child_measure(path: str, env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--measure", path],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=MEASURE_TIMEOUT,
        check=False,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("{")), None)
    if result.returncode != 0 or line is None:
        return {"status": "error", "note": result.stderr.strip()[-400:]}
    return json.loads(line)


def count_responses(env: dict[str, str]) -> int:
    code = (
        "import sqlalchemy as sa, sys; sys.path.insert(0, '.');"
        "from roadshow import create_app; from roadshow.extensions import db;"
        "app = create_app({'REQUEST_LOG': False});"
        "ctx = app.app_context(); ctx.push();"
        "print(db.session.scalar(sa.text('SELECT COUNT(*) FROM feedback_responses')))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def save(kind: str, rows: list[dict]) -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.setdefault("report_scale", {})[kind] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "method": "fresh process per fetch, app in-process (Flask test client), CSV streamed and discarded",
        "rows": rows,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0

    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    url = os.environ.get("DATABASE_URL", "")
    kind = "postgresql" if url.startswith("postgres") else "sqlite"
    env = {k: v for k, v in os.environ.items() if k not in ("ROADSHOW_ENV", "MAIL_SERVER")}
    env.update(FLASK_APP="wsgi.py", MAIL_OUTBOX_DIR=str(WORK / "outbox"), REQUEST_LOG="0", LOG_LEVEL="WARNING")
    WORK.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        db_path = WORK / "report-scale.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db_path}"
    log(f"{kind}: migrate and seed-demo")
    subprocess.run([FLASK, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)
    subprocess.run([FLASK, "seed-demo", "--if-empty"], env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)

    rows = []
    for size in sizes:
        have = count_responses(env)
        if size > have:
            log(f"{kind}: seeding {size - have:,} responses (to {size:,})")
            started = time.perf_counter()
            subprocess.run(
                [FLASK, "bench-seed", "--responses", str(size - have), "--seed", str(size), "--no-open-session"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                timeout=SEED_TIMEOUT,
            )
            log(f"{kind}: seeded in {time.perf_counter() - started:.0f} s")
            started = time.perf_counter()
            subprocess.run(
                [FLASK, "report-rollup"], env=env, cwd=ROOT, check=True, capture_output=True, timeout=SEED_TIMEOUT
            )
            log(f"{kind}: report rollup brought up to date in {time.perf_counter() - started:.1f} s")
        row = {"responses": size}
        for page in PAGES:
            row[page] = child_measure(page, env)
            log(f"{kind} {size:>9,} {page:<22} {row[page]}")
        rows.append(row)
        save(kind, rows)  # after every size, so a long run that is stopped still leaves its figures

    print()
    print(f"{kind:<10} {'responses':>10} {'page':<22} {'seconds':>8} {'peak MB':>8} {'KB':>9}")
    for row in rows:
        for page in PAGES:
            m = row[page]
            if m.get("status") == "ok":
                print(
                    f"{'':<10} {row['responses']:>10,} {page:<22} {m['seconds']:>8.3f} {m['peak_rss_mb']:>8.1f} "
                    f"{m['bytes'] / 1024:>9.1f}"
                )
            else:
                print(f"{'':<10} {row['responses']:>10,} {page:<22} {m.get('status', '?').upper()} {m.get('note', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
