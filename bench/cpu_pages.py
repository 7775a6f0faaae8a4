"""CPU time per request of the public pages, in-process: a figure that a busy shared machine disturbs less than wrk's.

Usage (after `make bench` has built bench/work/bench.sqlite3):
    .venv/bin/python bench/cpu_pages.py [--requests 300] [--code SCRUT9] [--redis redis://127.0.0.1:6550/0]

The app runs in production configuration (rate limits off, request log off) against the benchmark
database; each anonymous request comes from a fresh client with no cookies, as wrk's do. For each
page: one warm-up request, then the best of five batches of CPU seconds (`time.process_time`) per request.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "bench" / "work" / "bench.sqlite3"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--redis", default="", help="REDIS_URL for the app (the shared cache)")
    parser.add_argument("--code", default="", help="a session code with its feedback window open (bench-seed's)")
    args = parser.parse_args()
    os.environ.update(
        ROADSHOW_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        PUBLIC_BASE_URL="http://127.0.0.1",
        RATELIMIT_ENABLED="0",
        REQUEST_LOG="0",
        LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{DATABASE}",
        REDIS_URL=args.redis,
    )
    sys.path.insert(0, str(ROOT))
    from roadshow import create_app

    app = create_app()
    home = app.test_client().get("/").text
    links = re.findall(r'href="(/news/[^"/]+)"', home)
    article = next(p for p in links if p not in ("/news/subscribe", "/news/feed.xml"))
    pages = ["/", article, "/news/", "/news/feed.xml", "/roadshow/book"]
    if args.code:
        pages.append(f"/feedback/{args.code}")
    batch = max(args.requests // 5, 1)
    for path in pages:
        if app.test_client().get(path).status_code != 200:
            raise SystemExit(f"GET {path} is not 200")
        best = min(_batch(app, path, batch) for _ in range(5))
        print(f"{path:<40} {best * 1000:7.3f} ms CPU per request")
    return 0


def _batch(app, path: str, count: int) -> float:
    started = time.process_time()
    for _ in range(count):
        app.test_client().get(path)
    return (time.process_time() - started) / count


if __name__ == "__main__":
    sys.exit(main())
