"""Benchmark: the floor of the stack with PyScript's Python in a web worker.

    .venv/bin/python bench/bench_worker_floor.py                 # about 10 minutes
    .venv/bin/python bench/bench_worker_floor.py --runs 1 --loads 2   # a quick look
    .venv/bin/python bench/bench_worker_floor.py --skip-lighthouse    # the DOM calls only

It settles whether moving the interpreter off the main thread
(`<script type="mpy" worker>`, PyScript 0.7.31) lifts the ceiling the bare
page sets on Lighthouse's score and total blocking time (issue 12), and what
the workbook would pay for each DOM call from a worker.

1. Lighthouse 12.2.3, exactly as bench_lighthouse.py runs it (mobile preset,
   simulated throttling, fresh profile, median of --runs), on four variants
   of bench/templates/bare_micropython.html, rendered the way bench_load
   renders it and changed only where named:
   - the bare page as the benches have it (Python on the main thread);
   - the same, served with COOP/COEP (crossOriginIsolated): what the headers
     alone change;
   - Python in a worker that never touches the page (`worker` attribute,
     `sync_main_only`, no SharedArrayBuffer needed; bench/worker_idle.py),
     its readiness marker set by bench/worker_done.js when PyScript reports
     the worker done; plain server;
   - Python in a worker that sets the readiness marker itself through
     `pyscript.document` (bench/worker_ready.py), which needs SharedArrayBuffer
     and so COOP/COEP headers (served by a bench-only handler here, never by
     tools/serve.py's defaults).
   The worker pages' Content-Security-Policy adds `blob:` to worker-src:
   PyScript starts its worker from a blob: URL.
   The pages are measured round-robin, so machine noise spreads over all.

2. The cost of a DOM call from Python (bench/dom_calls.py): in headless
   Chromium, served with COOP/COEP, the same loops on the main thread and in
   a worker: 1,000 `textContent` writes, 1,000 `.value` reads, 1,000
   `getElementById` calls (microseconds per call), 10,000 `str(i)` with no
   DOM call (does the CPU throttle reach the worker?), and a keystroke's 40
   writes, one call each or all in one call carrying JSON (ms per keystroke).
   At 1x and at 4x CPU slowdown (CDP Emulation.setCPUThrottlingRate on the
   page), each --loads times in a fresh context, main and worker
   alternately; medians. The throttle slows the page's main thread only:
   the worker's own `str(i)` loop runs as fast at 4x as at 1x, so at 4x the
   worker's side of each call is a phone's at full speed and its figures
   are a lower bound.

Every table gives the machine's load average (the machine is shared: CPU
figures, TBT above all, grow with it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path[:0] = [str(ROOT), str(BENCH_DIR), str(ROOT / "tests")]

import bench_lighthouse  # noqa: E402
import bench_load  # noqa: E402
from fixtures import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from tools.serve import StaticHandler, StaticServer, serve  # noqa: E402

BARE_PAGE = "bare_micropython.html"
BENCH_FILES = ("worker_idle.py", "worker_ready.py", "worker_done.js", "dom_calls.py", "dom_calls.js")
# What a worker page changes in the bare page, each replacement checked.
WORKER_SRC_CSP = ("worker-src 'self'", "worker-src 'self' blob:")
SYNC_MAIN_ONLY = ("micropython.mjs&#34;}", "micropython.mjs&#34;, &#34;sync_main_only&#34;: true}")
DONE_SCRIPT = ("</head>", '  <script type="module" src="worker_done.js"></script>\n</head>')
DOM_CALLS_HEAD = ("</head>", '  <script type="module" src="dom_calls.js"></script>\n</head>')
DOM_CALLS_BODY = ("<p>PyScript + MicroPython, one line of Python.</p>",
                  '<p id="shown">0</p>\n<input id="typed" value="a note typed by hand" aria-label="typed">\n'
                  + "\n".join(f'<span id="cell-{n}">-</span>' for n in range(40)))
KEYSTROKE_TARGET_MS = 4
CROSS_ORIGIN_ISOLATION = {"Cross-Origin-Opener-Policy": "same-origin",
                          "Cross-Origin-Embedder-Policy": "require-corp"}


class CrossOriginIsolatedHandler(StaticHandler):
    """tools/serve.py's handler plus COOP/COEP, so that the page is
    crossOriginIsolated and has SharedArrayBuffer (a host that can set
    headers; GitHub Pages cannot)."""

    def end_headers(self):
        for name, value in CROSS_ORIGIN_ISOLATION.items():
            self.send_header(name, value)
        super().end_headers()


def serve_isolated(site: Path) -> StaticServer:
    server = StaticServer(site)
    server.RequestHandlerClass = CrossOriginIsolatedHandler
    return server.start()


def changed(page: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        if old not in page:
            raise SystemExit(f"bench/templates/{BARE_PAGE} changed: {old!r} not found; update this bench")
        page = page.replace(old, new, 1)
    return page


def in_script(src: str, worker: bool) -> tuple[str, str]:
    return ('<script type="mpy" src="bare_ready.py"',
            f'<script type="mpy"{" worker" if worker else ""} src="{src}"')


def write_pages(bench: Path) -> None:
    """The variants beside the bare page bench_load rendered into site/bench/."""
    bare = (bench / BARE_PAGE).read_text(encoding="utf-8")
    for name in BENCH_FILES:
        (bench / name).write_bytes((BENCH_DIR / name).read_bytes())
    pages = {
        "worker_idle.html": changed(bare, WORKER_SRC_CSP, SYNC_MAIN_ONLY, DONE_SCRIPT,
                                    in_script("worker_idle.py", worker=True)),
        "worker_dom.html": changed(bare, WORKER_SRC_CSP, in_script("worker_ready.py", worker=True)),
        "dom_calls_main.html": changed(bare, DOM_CALLS_HEAD, DOM_CALLS_BODY, in_script("dom_calls.py", worker=False)),
        "dom_calls_worker.html": changed(bare, WORKER_SRC_CSP, DOM_CALLS_HEAD, DOM_CALLS_BODY,
                                         in_script("dom_calls.py", worker=True)),
    }
    for name, text in pages.items():
        (bench / name).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- Lighthouse

LIGHTHOUSE_PAGES = {  # name: (isolated server?, page under site/bench/)
    "(a) bare page, Python on the main thread": (False, BARE_PAGE),
    "(a') the same, served with COOP/COEP": (True, BARE_PAGE),
    "(b) Python in a worker, no DOM access": (False, "worker_idle.html"),
    "(c) Python in a worker, sets the marker through pyscript.document (COOP/COEP)": (True, "worker_dom.html"),
}


def lighthouse_runs(servers: dict[bool, StaticServer], runs: int) -> tuple[dict, str, str]:
    results: dict[str, list[dict]] = {name: [] for name in LIGHTHOUSE_PAGES}
    version = chromium = ""
    for run_number in range(runs):
        for name, (isolated, page) in LIGHTHOUSE_PAGES.items():
            report = bench_lighthouse.lighthouse(servers[isolated].url + "bench/" + page)
            version = report["lighthouseVersion"]
            chromium = report["environment"]["hostUserAgent"].split("Chrome/")[-1].split()[0]
            figures = bench_lighthouse.figures(report)
            figures["load"] = os.getloadavg()[0]
            results[name].append(figures)
        print(f"lighthouse run {run_number + 1} done, load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return results, version, chromium


def per_run(runs: list[dict], key: str, form: str) -> str:
    return " / ".join(form.format(run[key]) for run in runs)


def lighthouse_table(results: dict, version: str, chromium: str, load_at_start: float) -> list[str]:
    median = bench_lighthouse.median
    runs = len(next(iter(results.values())))
    out = [f"Lighthouse {version}, mobile preset, simulated throttling, Chromium {chromium}; median of {runs} "
           f"runs, round-robin; load average {load_at_start:.1f} at start, {os.getloadavg()[0]:.1f} at end.", "",
           "| page | performance | TBT ms | LCP ms | FCP ms | CLS | performance per run | TBT per run | "
           "load per run |",
           "|---|---|---|---|---|---|---|---|---|"]
    for name, page_runs in results.items():
        out.append(
            f"| {name} | **{median(page_runs, 'performance'):g}** | **{median(page_runs, 'tbt'):,.0f}** "
            f"| {median(page_runs, 'lcp'):,.0f} | {median(page_runs, 'fcp'):,.0f} | {median(page_runs, 'cls'):.3f} "
            f"| {per_run(page_runs, 'performance', '{:g}')} | {per_run(page_runs, 'tbt', '{:,.0f}')} "
            f"| {per_run(page_runs, 'load', '{:.1f}')} |")
    return out


# ---------------------------------------------------------------- DOM calls

def throttled_page(context, rate: float):
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return page, cdp


def dom_calls_once(browser, url: str, rate: float) -> dict:
    context = browser.new_context()
    try:
        page, cdp = throttled_page(context, rate)
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
        result = json.loads(page.get_attribute("body", "data-result"))
        result["isolated"] = page.evaluate("crossOriginIsolated")
        cdp.detach()
        return result
    finally:
        context.close()


DOM_FIGURES = (
    ("python_only_us", "`str(i)`, no DOM call: µs each"),
    ("write_text_us", "`el.textContent = str(i)`: µs a call"),
    ("read_value_us", "`field.value` read: µs a call"),
    ("find_element_us", "`document.getElementById(...)`: µs a call"),
    ("keystroke_one_by_one_ms", "40 writes, one call each: ms a keystroke"),
    ("keystroke_in_one_call_ms", "40 writes in one call (JSON): ms a keystroke"),
)


def dom_calls(server: StaticServer, loads: int) -> dict:
    results: dict[tuple[float, str], list[dict]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for rate in (1, 4):
                for _ in range(loads):
                    for where in ("main", "worker"):
                        url = f"{server.url}bench/dom_calls_{where}.html"
                        results.setdefault((rate, where), []).append(
                            dom_calls_once(browser, url, rate))
                print(f"DOM calls at {rate}x done, load {os.getloadavg()[0]:.1f}", file=sys.stderr)
        finally:
            browser.close()
    return results


def dom_table(results: dict, load_at_start: float) -> list[str]:
    loads = len(next(iter(results.values())))
    columns = sorted(results)
    out = [f"DOM calls from Python (MicroPython, PyScript 0.7.31), headless Chromium, page crossOriginIsolated; "
           f"median (min-max) of {loads} loads, main and worker alternately; "
           f"load average {load_at_start:.1f} at start, {os.getloadavg()[0]:.1f} at end.", "",
           "| figure | " + " | ".join(f"{where}, {rate:g}x" for rate, where in columns) + " |",
           "|---|" + "---|" * len(columns)]
    for key, label in DOM_FIGURES:
        cells = []
        for column in columns:
            values = [run[key] for run in results[column]]
            cells.append(f"**{statistics.median(values):,.2f}** ({min(values):,.2f}-{max(values):,.2f})")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    if not all(run["isolated"] for runs in results.values() for run in runs):
        out.append("\nA page was not crossOriginIsolated: the worker figures are not valid.")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs of each page (default 3)")
    parser.add_argument("--loads", type=int, default=5, help="loads of each DOM-call page at each rate (default 5)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-dom", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args(argv)
    out: list[str] = []
    every_run: dict = {}
    with tempfile.TemporaryDirectory(prefix="trust-workbook-worker-floor-") as temp:
        site = bench_load.make_sites(Path(temp) / "site", with_pyodide=False)["mpy"]
        write_pages(site / "bench")
        servers = {False: serve(site), True: serve_isolated(site)}
        try:
            if not args.skip_lighthouse:
                load = os.getloadavg()[0]
                results, version, chromium = lighthouse_runs(servers, args.runs)
                every_run["lighthouse"] = results
                out += lighthouse_table(results, version, chromium, load) + [""]
            if not args.skip_dom:
                load = os.getloadavg()[0]
                results = dom_calls(servers[True], args.loads)
                every_run["dom_calls"] = {f"{where} {rate:g}x": runs for (rate, where), runs in results.items()}
                out += dom_table(results, load)
        finally:
            for server in servers.values():
                server.stop()
    if args.json:
        args.json.write_text(json.dumps(every_run, indent=1, ensure_ascii=False))
    print("\n".join(out))


if __name__ == "__main__":
    main()
