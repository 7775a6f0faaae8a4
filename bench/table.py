"""Print bench/results.json as the Markdown tables of docs/PERFORMANCE.md: `.venv/bin/python bench/table.py`."""

import json
from pathlib import Path

d = json.loads((Path(__file__).resolve().parent / "results.json").read_text())
b = d["baseline"]
out = []
m, st = d["machine"], d["settings"]
out.append(
    f"Run of {d['when']} ({m['cpus']} CPUs, Python {m['python']}); `{st['wrk']}`, {st['rounds']} rounds; "
    f"{st['database']}.\n"
)
out.append("| page | req/s | ratio to baseline | p50 ms | p99 ms | errors | KB (HTML+CSS+JS) |")
out.append("|---|---:|---:|---:|---:|---:|---:|")
out.append(f"| hello-world baseline | {b['req_s']} | 1.00 | {b['p50_ms']} | {b['p99_ms']} | {b['errors']} | |")
for name, p in d["pages"].items():
    if p["status"] != "ok":
        out.append(f"| {name} | {p['status']} | | | | | {p['note']} |")
    else:
        kb = f"{p['bytes'] / 1024:.1f}" if p.get("bytes") else ""
        out.append(
            f"| {name} | {p['req_s']} | {p['ratio']:.2f} | {p['p50_ms']} | {p['p99_ms']} | {p['errors']} | {kb} |"
        )
        if "http_ratio" in p:  # the feedback walk counted per request (22 of them) as well
            out.append(f"| … every request of the walk | {p['http_req_s']} | {p['http_ratio']:.2f} | | | | |")
out.append("")
out.append("Baseline per round (req/s): " + ", ".join(str(r["req_s"]) for r in b["rounds"]) + ".")
lh = d.get("lighthouse", {})
if lh.get("pages"):
    out.append("")
    out.append("| Lighthouse | performance | accessibility |")
    out.append("|---|---:|---:|")
    for name, s in lh["pages"].items():
        out.append(f"| {name} | {s.get('performance', '-')} | {s.get('accessibility', '-')} |")
weights = d.get("public_page_weights")
if weights:
    top = ", ".join(f"`{h['path']}` {h['bytes'] / 1024:.1f} KB" for h in weights["heaviest"][:3])
    out.append("")
    out.append(
        f"Public pages weighed (HTML + CSS + JS, no images): {weights['pages']}; heaviest {top}; "
        f"over 60 KB: {len(weights['over_limit'])}."
    )
rs = d.get("report_scale", {})
if rs:
    out.append("")
    out.append(
        "| database | responses | page | seconds (first fetch) | seconds (warm) | peak MB (from request start) |"
    )
    out.append("|---|---:|---|---:|---:|---:|")
    for kind, data in rs.items():
        for row in data["rows"]:
            for page in ("/reports/", "/reports/export.csv"):
                m = row[page]
                if m.get("status") == "ok":
                    peak = f"{m['peak_rss_mb']}" + (
                        "" if m.get("peak_since") == "request start" else " (since process start)"
                    )
                    warm = m.get("warm_seconds", "")
                    out.append(f"| {kind} | {row['responses']:,} | `{page}` | {m['seconds']} | {warm} | {peak} |")
                else:
                    out.append(f"| {kind} | {row['responses']:,} | `{page}` | {m.get('status')} | | |")
sc = d.get("scenarios", {})
if sc.get("status") == "ok":
    c, n = sc["class_at_a_session"], sc["newsletter_day"]
    out.append("")
    out.append(
        f"A class at a session ({sc['through']}): {c['young_people']} young people arriving "
        f"{c['arrivals_per_second']:g} a second, {c['think_seconds'][0]:g}–{c['think_seconds'][1]:g} s on each page; "
        f"{c['walks_ok']} of {c['young_people']} walks reached the thank-you page in {c['seconds']} s; "
        f"{c['counted']} responses counted, {c['held']} held; worst page p95 {c['worst_page_p95_ms']} ms "
        f"(target < {c['p95_target_ms']} ms)."
    )
    out.append("")
    out.append("| page | requests | p50 ms | p95 ms | max ms | GET p95 ms | POST p95 ms |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for page, p in c["pages"].items():
        out.append(
            f"| {page} | {p['requests']} | {p['p50_ms']} | {p['p95_ms']} | {p['max_ms']} | "
            f"{p['get_p95_ms'] or ''} | {p['post_p95_ms'] or ''} |"
        )
    out.append("")
    out.append(
        f"Newsletter day: {n['readers']} readers for {n['seconds']} s on {len(n['pages'])} pages through nginx: "
        f"{n['req_s']} req/s ({n['requests']} requests), p50 {n['p50_ms']} ms, p99 {n['p99_ms']} ms, "
        f"errors {n['errors']}."
    )
print("\n".join(out))
