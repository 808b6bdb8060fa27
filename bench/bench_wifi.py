"""Benchmark: a participant's phone on the venue's Wi-Fi, first visit.

    .venv/bin/python bench/bench_wifi.py             # about 2-4 minutes
    .venv/bin/python bench/bench_wifi.py --loads 3   # a quick look

Every load is cold (a fresh browser context: empty cache, no service worker)
on an emulated phone: Lighthouse's mobile screen (412 x 823 CSS pixels at
1.75x, touch), Chromium's CPU throttled 4x and the network shaped by DevTools
to 10 Mbit/s each way with a 40 ms round trip. The site is served
compressed by tools/serve.py, as a real host serves it. Pages, loaded
round-robin so that machine noise spreads over all of them:

- the workbook;
- the workbook's own head (policy, stylesheets, page.js, the engine's
  preloads started after the first paint) over the bare page's body and one
  line of Python: the floor with the same head and preloads;
- the bare PyScript + MicroPython page (bench/templates/bare_micropython.html:
  core.js and the interpreter's preloads in its head, nothing else).

"Ready" is body[data-ready="1"] (bench_load.READY_PROBE). Bytes on the wire
are what crossed the network until ready, compressed, headers included
(DevTools' encodedDataLength); the service worker's own install comes after
and is not counted.

Targets of issue 12: cold ready within 1.1x of the page with the same head
and preloads; first-visit bytes on the wire within 1.1x of the bare page's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR)]

import bench_load  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from tools.serve import serve  # noqa: E402

CPU_SLOWDOWN = 4
MBITS = 10
RTT_MS = 40
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
         "has_touch": True}
READY_VS_SAME_HEAD_MAX = 1.1
WIRE_VS_BARE_MAX = 1.1
PAGES = {
    "workbook": ("workbook", "mpy/", True),
    "head": ("the workbook's head + the bare page's body and Python", "mpy/head_bare_python.html", False),
    "bare": ("bare PyScript + MicroPython", "mpy/bench/bare_micropython.html", False),
}


def cold_load(browser, url: str, glue: bool) -> dict:
    context = browser.new_context(**PHONE)
    context.add_init_script(bench_load.READY_PROBE)
    try:
        return bench_load.load(context, url, 180_000, RTT_MS, glue, mbits=MBITS, cpu_slowdown=CPU_SLOWDOWN)
    finally:
        context.close()


def long_tasks(facts: dict) -> dict:
    """The longest task of a load, the longest of those that end after
    ready (the task that sets the marker and what follows it), and the
    blocking time (as Lighthouse sums it: each task's time over 50 ms)."""
    tasks = facts["long_tasks"]
    ready = facts["ready"]
    return {"longest": max([duration for _, duration in tasks], default=0),
            "at_ready": max([duration for start, duration in tasks if start + duration >= ready], default=0),
            "blocking": sum(max(0, duration - 50) for _, duration in tasks)}


def report(results: dict, chromium: str, load_average: tuple) -> str:
    def median(key, figure):
        return statistics.median(r[figure] for r in results[key])

    out = [f"Phone on venue Wi-Fi, emulated: {CPU_SLOWDOWN}x CPU slowdown, {MBITS} Mbit/s, {RTT_MS} ms round trip; "
           f"cold loads; {chromium}; served with gzip by tools/serve.py; machine {bench_load.machine()}, "
           f"load average {load_average[0]:.1f} at start, {os.getloadavg()[0]:.1f} at end.", "",
           "| page | loads | cold ready ms: median (min-max) | requests | on the wire until ready | uncompressed |",
           "|---|---|---|---|---|---|"]
    for key, (label, _, _) in PAGES.items():
        ready = [r["ready"] for r in results[key]]
        out.append(f"| {label} | {len(ready)} | **{bench_load.ms(statistics.median(ready))}** "
                   f"({bench_load.ms(min(ready))}-{bench_load.ms(max(ready))}) | {median(key, 'requests'):g} "
                   f"| {bench_load.kb(median(key, 'wire'))} | {bench_load.kb(median(key, 'bytes'))} |")
    out += ["", "The main thread's long tasks (over 50 ms, 4x CPU slowdown), from the navigation start until every "
            "sheet is in place (the workbook) or ready (the others), and the page's elements at ready; medians, "
            "with the range:", "",
            "| page | longest task ms | longest task ending after ready ms | blocking time ms "
            "(each task's time over 50 ms) | elements at ready |", "|---|---|---|---|---|"]
    for key, (label, _, _) in PAGES.items():
        tasks = [long_tasks(r) for r in results[key]]

        def figure(values, unit=bench_load.ms):
            return f"**{unit(statistics.median(values))}** ({unit(min(values))}-{unit(max(values))})"
        elements = [r["elements_at_ready"] or 0 for r in results[key]]
        out.append(f"| {label} | {figure([t['longest'] for t in tasks])} | {figure([t['at_ready'] for t in tasks])} "
                   f"| {figure([t['blocking'] for t in tasks])} | {figure(elements, lambda n: f'{n:,.0f}')} |")
    ready_ratio = median("workbook", "ready") / median("head", "ready")
    bare_ratio = median("workbook", "ready") / median("bare", "ready")
    wire_ratio = median("workbook", "wire") / median("bare", "wire")
    out += ["", "| target | measured | |", "|---|---|---|",
            f"| cold ready within {READY_VS_SAME_HEAD_MAX}x of the page with the same head and preloads "
            f"| {ready_ratio:.2f}x | {'met' if ready_ratio <= READY_VS_SAME_HEAD_MAX else '**missed**'} |",
            f"| first visit on the wire within {WIRE_VS_BARE_MAX}x of the bare PyScript page "
            f"| {wire_ratio:.2f}x | {'met' if wire_ratio <= WIRE_VS_BARE_MAX else '**missed**'} |",
            "", f"Beside them: workbook / bare PyScript page, cold ready: {bare_ratio:.2f}x."]
    return "\n".join(out)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=7, help="cold loads of each page (default 7)")
    args = parser.parse_args(argv)
    load_average = os.getloadavg()
    results: dict[str, list[dict]] = {key: [] for key in PAGES}
    with tempfile.TemporaryDirectory(prefix="trust-workbook-wifi-") as temp:
        work = Path(temp) / "site"
        bench_load.make_sites(work, with_pyodide=False, anatomy=True)
        server = serve(work)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=bench_load.CHROMIUM,
                                                     args=bench_load.CHROMIUM_ARGS)
                chromium = f"Chromium {browser.version}"
                try:
                    for key, (_, path, glue) in PAGES.items():  # untimed: first-launch costs
                        cold_load(browser, server.url + path, glue)
                    for round_number in range(args.loads):
                        for key, (_, path, glue) in PAGES.items():
                            results[key].append(cold_load(browser, server.url + path, glue))
                        print(f"round {round_number + 1} done", file=sys.stderr)
                finally:
                    browser.close()
        finally:
            server.stop()
    print(report(results, chromium, load_average))


if __name__ == "__main__":
    main()
