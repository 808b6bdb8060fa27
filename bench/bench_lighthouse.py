"""Benchmark: Lighthouse on the built site, as a participant's phone sees it.

    .venv/bin/python bench/bench_lighthouse.py            # about 5 minutes
    .venv/bin/python bench/bench_lighthouse.py --runs 1   # a quick look

Lighthouse 12.2.3 (pinned in package.json's devDependencies; it runs on
Node.js 20) with its default mobile preset and simulated throttling (a
mid-range phone: 4x CPU slowdown, 1.6 Mbit/s, 150 ms), on Debian's Chromium
($CHROME_PATH, else $TRUST_WORKBOOK_CHROMIUM, else /usr/bin/chromium). The
site is built into a temp folder and served compressed by tools/serve.py, as
a real host serves it. Each page is measured --runs times (default 3) in a
fresh browser profile, and the table shows the median of each figure.
Beside the pages, the bare PyScript + MicroPython page of bench_load.py (the
same runtime, one line of Python): the floor of the stack, which has no
target of its own but says what part of a page's TBT the runtime's own
start takes.

Targets of issue 12: performance >= 90 on the workbook pages and >= 95 on the
facilitator pages, CLS < 0.05, total blocking time < 200 ms, SEO 100,
accessibility and best practices 100.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import bench_load  # noqa: E402
from tools.serve import serve  # noqa: E402

LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", ROOT / "node_modules" / ".bin" / "lighthouse"))
CHROME = os.environ.get("CHROME_PATH") or os.environ.get("TRUST_WORKBOOK_CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {  # name: (path in the site, performance target or None)
    "workbook, 中文": ("", 90),
    "workbook, English": ("en/", 90),
    "facilitator, 中文": ("facilitator.html", 95),
    "facilitator, English": ("en/facilitator.html", 95),
    "bare PyScript + MicroPython (the stack's floor)": ("bench/bare_micropython.html", None),
}
CLS_MAX = 0.05
TBT_MAX_MS = 200


def lighthouse(url: str) -> dict:
    """One Lighthouse run: its report as JSON."""
    command = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               "--only-categories=" + ",".join(CATEGORIES),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"]
    run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME},
                         timeout=300)
    if run.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout)


def figures(report: dict) -> dict:
    audits = report["audits"]
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    return {
        **scores,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "failed": sorted(audit_id for category in ("accessibility", "best-practices", "seo")
                         for audit_id in failed_audits(report, category)),
    }


def failed_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    return [ref["id"] for ref in refs
            if ref.get("weight") and (report["audits"][ref["id"]].get("score") is not None)
            and report["audits"][ref["id"]]["score"] < 1]


def median(runs: list[dict], key: str):
    return statistics.median(run[key] for run in runs)


def table(results: dict[str, list[dict]], version: str, chromium: str, load_average: tuple) -> str:
    out = [f"Lighthouse {version}, mobile preset, simulated throttling; {chromium}; site served compressed "
           f"by tools/serve.py on 127.0.0.1; median of {len(next(iter(results.values())))} runs; "
           f"load average {load_average[0]:.1f} at start, {os.getloadavg()[0]:.1f} at end (simulated "
           "throttling scales the main thread's observed tasks: a busy machine inflates TBT).", "",
           "| page | performance | CLS | TBT ms | LCP ms | FCP ms | SEO | accessibility | best practices |",
           "|---|---|---|---|---|---|---|---|---|"]
    for name, runs in results.items():
        out.append(f"| {name} | **{median(runs, 'performance'):g}** | {median(runs, 'cls'):.3f} "
                   f"| {median(runs, 'tbt'):,.0f} | {median(runs, 'lcp'):,.0f} | {median(runs, 'fcp'):,.0f} "
                   f"| {median(runs, 'seo'):g} | {median(runs, 'accessibility'):g} "
                   f"| {median(runs, 'best-practices'):g} |")
    out += ["", "| target | measured | |", "|---|---|---|"]
    for name, runs in results.items():
        floor = PAGES[name][1]
        if floor is None:
            continue
        checks = [
            (f"{name}: performance >= {floor}", f"{median(runs, 'performance'):g}",
             median(runs, "performance") >= floor),
            (f"{name}: CLS < {CLS_MAX}", f"{median(runs, 'cls'):.3f}", median(runs, "cls") < CLS_MAX),
            (f"{name}: TBT < {TBT_MAX_MS} ms", f"{median(runs, 'tbt'):,.0f} ms", median(runs, "tbt") < TBT_MAX_MS),
            (f"{name}: SEO, accessibility, best practices 100",
             " / ".join(f"{median(runs, c):g}" for c in ("seo", "accessibility", "best-practices")),
             all(median(runs, c) == 100 for c in ("seo", "accessibility", "best-practices"))),
        ]
        out += [f"| {label} | {value} | {'met' if met else '**missed**'} |" for label, value, met in checks]
    failed = sorted({audit for runs in results.values() for run in runs for audit in run["failed"]})
    if failed:
        out += ["", "Audits that lost points in some run: " + ", ".join(failed)]
    return "\n".join(out)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each page (default 3)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--only", default="", help="only the pages whose name holds this (e.g. facilitator)")
    args = parser.parse_args(argv)
    pages = {name: page for name, page in PAGES.items() if args.only in name}
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (make bench does), or set LIGHTHOUSE")
    results: dict[str, list[dict]] = {name: [] for name in pages}
    version = chromium = ""
    load_average = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="trust-workbook-lighthouse-") as temp:
        site = Path(temp) / "site"
        bench_load.make_sites(site, with_pyodide=False)
        site /= "mpy"
        server = serve(site)
        try:
            for run_number in range(args.runs):
                for name, (path, _) in pages.items():
                    report = lighthouse(server.url + path)
                    version = report["lighthouseVersion"]
                    chromium = report["environment"]["hostUserAgent"].split("Chrome/")[-1].split()[0]
                    results[name].append(figures(report))
                print(f"run {run_number + 1} done", file=sys.stderr)
        finally:
            server.stop()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(table(results, version, f"Chromium {chromium}", load_average))


if __name__ == "__main__":
    main()
