"""Benchmark: a page's main-thread tasks after its first paint, by the CPU
time each took (not in `make bench`; see docs/PERFORMANCE.md, session 9).

    .venv/bin/python bench/bench_main_thread.py                      # the facilitator page, 5 cold loads
    .venv/bin/python bench/bench_main_thread.py --page en/facilitator.html --loads 9
    .venv/bin/python bench/bench_main_thread.py --against /path/to/other/site   # A/B, alternately

Lighthouse's total blocking time comes from the tasks' wall-clock durations,
which a machine shared with other work stretches (a task waits for a core):
at a load of 10-20 on two cores its figures swing by 2-10x from run to run.
The thread's own CPU time of each task (the trace's `tdur`) hardly does. So
each cold load (a fresh browser, no CPU throttling) is traced with the
DevTools Protocol until the page's readiness marker and 2 s after, and the
tasks of the page's main thread after its first contentful paint are counted
as Lighthouse's simulated mobile run would count them: each task's CPU time
times 4 (its CPU slowdown), less 50 ms, summed ("blocking at 4x"). Printed:
its median over the loads, the largest task's CPU time and what ran in it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from playwright.sync_api import sync_playwright  # noqa: E402

import build  # noqa: E402
from tools.serve import serve  # noqa: E402

CHROMIUM = os.environ.get("TRUST_WORKBOOK_CHROMIUM", "/usr/bin/chromium")
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel,loading,blink.user_timing"
SLOWDOWN = 4          # Lighthouse's mobile preset
LONG_TASK_MS = 50


def traced_load(playwright, url: str) -> list[dict]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--no-first-run"])
    try:
        context = browser.new_context(viewport={"width": 412, "height": 823})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        events, done = [], []
        cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
        cdp.on("Tracing.tracingComplete", lambda message: done.append(True))
        cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
        page.wait_for_timeout(2000)
        cdp.send("Tracing.end")
        while not done:
            page.wait_for_timeout(50)
        return events
    finally:
        browser.close()


def what_ran(events: list[dict], task: dict) -> str:
    """The main steps inside a task, with their CPU ms."""
    inside = [event for event in events
              if (event["pid"], event["tid"]) == (task["pid"], task["tid"]) and event.get("ph") == "X"
              and task["ts"] <= event["ts"] < task["ts"] + task["dur"] and event is not task
              and event.get("tdur", 0) > 1500
              and event["name"] not in ("RunTask", "ThreadControllerImpl::RunTask", "Receive mojo message")]
    steps = []
    for event in sorted(inside, key=lambda event: event["ts"])[:3]:
        data = event.get("args", {}).get("data") or {}
        where = (data.get("url") or data.get("functionName") or "").split("/")[-1]
        steps.append(f"{event['name']} {event['tdur'] / 1000:.1f}" + (f" {where}" if where else ""))
    return "; ".join(steps)


def main_thread_tasks(events: list[dict]) -> dict:
    mains = {(event["pid"], event["tid"]) for event in events
             if event.get("name") == "thread_name" and event["args"]["name"] == "CrRendererMain"}
    start = min((event["ts"] for event in events if event.get("name") == "firstContentfulPaint"),
                default=min(event["ts"] for event in events if event.get("name") == "navigationStart"))
    tasks = [event for event in events if (event["pid"], event["tid"]) in mains and event.get("ph") == "X"
             and event["name"] == "RunTask" and event["ts"] >= start]
    cpu = [(task.get("tdur", task["dur"]) / 1000, task) for task in tasks]
    largest_ms, largest = max(cpu, key=lambda pair: pair[0])
    return {"blocking": sum(max(0.0, SLOWDOWN * ms - LONG_TASK_MS) for ms, _ in cpu),
            "largest": largest_ms, "largest_is": what_ran(events, largest)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="facilitator.html", help="the page's path in the site")
    parser.add_argument("--loads", type=int, default=5, help="cold loads of each site (default 5)")
    parser.add_argument("--against", type=Path, help="another built site, loaded alternately with this one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trust-workbook-main-thread-") as temp:
        sites = {"this branch": build.build(Path(temp) / "site")}
        if args.against:
            sites["--against"] = args.against
        servers = {name: serve(site) for name, site in sites.items()}
        runs = {name: [] for name in sites}
        try:
            with sync_playwright() as playwright:
                for number in range(args.loads):
                    order = list(sites) if number % 2 == 0 else list(reversed(sites))
                    for name in order:
                        figures = main_thread_tasks(traced_load(playwright, servers[name].url + args.page))
                        runs[name].append(figures)
                        print(f"load {number + 1}, {name}: blocking at 4x {figures['blocking']:.0f} ms, largest "
                              f"task {figures['largest']:.1f} ms CPU ({figures['largest_is']}); load average "
                              f"{os.getloadavg()[0]:.1f}", file=sys.stderr)
        finally:
            for server in servers.values():
                server.stop()
    print(f"{args.page}, {args.loads} cold loads each, tasks after the first paint by CPU time; "
          f"load average {os.getloadavg()[0]:.1f} at end")
    print("| site | blocking at 4x, median (each) | largest task, median ms CPU |")
    print("|---|---|---|")
    for name, figures in runs.items():
        each = ", ".join(f"{run['blocking']:.0f}" for run in figures)
        print(f"| {name} | {statistics.median(run['blocking'] for run in figures):.0f} ms ({each}) "
              f"| {statistics.median(run['largest'] for run in figures):.1f} |")


if __name__ == "__main__":
    main()
