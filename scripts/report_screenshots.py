"""Regenerate docs/screenshots/reports-*.png: the report page and its print version (PDF via Chromium).

Run from the repository root:  .venv/bin/python scripts/report_screenshots.py
Needs Debian's chromium and poppler-utils (pdftoppm). Uses a throwaway SQLite database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ROADSHOW_ENV"] = "testing"

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from roadshow.extensions import db  # noqa: E402
from roadshow.services.accounts import users  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.reports.demo_data import populate  # noqa: E402
from tests.support.app import make_app, upgrade_database  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSWORD = "screenshot-password-2026"  # noqa: S105 (throwaway database)
REPORT = "/reports/?period=fy-2026"
TOP = {"x": 0, "y": 0, "width": 1200, "height": 2600}
SECTIONS = {"breakdowns": "breakdowns-title", "disproportionality": "disproportionality-title"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/shots.sqlite3"
        upgrade_database(url)
        app = make_app(url, WTF_CSRF_ENABLED=True)
        with app.app_context():
            populate()
            users.create("panel@example.org", "Pat Panel", "panel", PASSWORD)
            db.session.commit()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            shoot(base, Path(tmp))
        finally:
            server.shutdown()


def shoot(base: str, tmp: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(base + "/staff/login")
        page.get_by_label("Email address").fill("panel@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(base + REPORT)
        page.screenshot(path=str(OUT / "reports-page.png"), full_page=True, clip=TOP)
        for name, section in SECTIONS.items():
            page.locator(f"section[aria-labelledby={section}]").screenshot(path=str(OUT / f"reports-{name}.png"))
        pdf = tmp / "report.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
        browser.close()
    for old in OUT.glob("reports-print-*.png"):
        old.unlink()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    ratio_page = next(i for i, p in enumerate(text.split("\f"), start=1) if "Read this first" in p)
    for number in sorted({1, 3, ratio_page}):
        page_png = str(OUT / f"reports-print-page{number}")
        pages = ["-f", str(number), "-l", str(number), "-singlefile"]
        subprocess.run(["pdftoppm", "-png", "-r", "70", *pages, str(pdf), page_png], check=True)  # noqa: S603,S607
    print("\n".join(sorted(str(f.relative_to(ROOT)) for f in OUT.glob("reports-*.png"))))


if __name__ == "__main__":
    main()
