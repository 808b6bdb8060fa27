"""Benchmark: load and recompute, measured against the floor of the stack.

    .venv/bin/python bench/bench_load.py            # about 1-2 minutes
    .venv/bin/python bench/bench_load.py --help     # fewer loads, JSON output, --anatomy

One run, one headless Chromium (Debian's /usr/bin/chromium, or
$TRUST_WORKBOOK_CHROMIUM), the project's static server (tools/serve.py:
gzip and cache headers like a real host; --no-compress for files as on
disk) on 127.0.0.1 in a thread. Five
pages are loaded side by side, round-robin so that machine noise spreads over
all of them:

- the workbook, built on MicroPython with build.build() into a temp dir;
- a bare PyScript + MicroPython page that only sets data-ready (the floor of
  this stack), rendered from bench/templates/ into the same site so it uses
  the same runtime/ files;
- the workbook's own built page with its Python swapped for the bare page's
  one line: what the page's markup costs on this stack, apart from its Python;
- a plain HTML + JavaScript page carrying the workbook's own rendered markup
  and stylesheet (the floor of the web for a page of this size);
- the same workbook built on Pyodide (fewer loads: it is slow).

With --anatomy it also loads three pages that split the gap to the bare page
into its parts: the workbook's head over the bare page's body and Python; the
lightest first screen the workbook could have (header, bar, score figures:
everything else after ready), once with the bare page's Python and once with
its own; and prints what each adds to the bare page.

"Ready" is the moment <body data-ready="1"> appears, taken in the page by a
MutationObserver installed before any page script runs, relative to the
navigation start (performance.now()). Cold = a fresh browser context (empty
HTTP cache) for each load; warm = a second visit in that same context, served
from the HTTP cache (and 304 revalidations: the server asks browsers to
revalidate everything but the runtime's hashed chunks). Requests and bytes are
counted from the Chrome DevTools Protocol's Network events: a request counts
when it reaches the network (not when served from cache or by a service
worker), its bytes are the body bytes received (uncompressed) and, beside
them, what crossed the network (compressed, headers included). What the page's service worker fetches for itself
(its script and precache) is counted apart, from the context's request
events; after ready (outside the time) the bench waits until that worker is
active, so the warm visit is the one a returning user makes.

Recompute: the largest workbook a user can make (every seller point disclosed,
every client point known, personal points at private level, 30 needs, 30
shared items) is put into localStorage in the workbook's storage format, the
page reloaded, and then 200 edits each toggle a product point's status between
disclosed and prepared, which always changes T. Per edit, in the page: the
time from dispatching the input event to the mutation of [data-score='T'] (the
glue runs synchronously inside the dispatch, so that is the dispatch plus one
microtask), the dispatch alone, and the time until a forced layout afterwards.

It prints a markdown table, the targets of issue 7 marked met or missed, and
the median network waterfall of a cold workbook load.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path[:0] = [str(ROOT), str(ROOT / "py"), str(ROOT / "tests")]

import build  # noqa: E402
import library  # noqa: E402
import pyodide_site  # noqa: E402
from fixtures import CHROMIUM, CHROMIUM_ARGS, largest_stored_workbook, stored_items  # noqa: E402
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape  # noqa: E402
from playwright.sync_api import Error as PlaywrightError, sync_playwright  # noqa: E402
from tools.serve import serve  # noqa: E402


# Targets of issue 7.
COLD_VS_BARE_MAX = 1.25
COLD_VS_PYODIDE_MAX = 0.2
FIRST_VISIT_BYTES_MAX = 900_000  # "900 KB", KB = 1000 bytes, uncompressed
RECOMPUTE_P95_MAX_MS = 4.0
EMULATED_MBITS = 50  # with --rtt: a link of this bandwidth each way
GLUED = ("workbook", "pyodide", "lightest")  # pages that run the workbook's glue

# Installed before any page script: records when body[data-ready] becomes
# "1", and when body[data-sheets] becomes "all" (the workbook's sheets below
# the first screen are all in place, just after ready).
# It also keeps the main thread's long tasks (over 50 ms, as Chromium reports
# them) and counts the page's elements at ready.
READY_PROBE = """
(() => {
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver(list => {
      for (const task of list.getEntries()) window.__benchLongTasks.push([task.startTime, task.duration]);
    }).observe({type: "longtask", buffered: true});
  } catch (error) {}
  const mark = () => {
    if (!document.body) return;
    if (window.__benchReady === undefined && document.body.getAttribute("data-ready") === "1") {
      window.__benchReady = performance.now();
      window.__benchElements = document.getElementsByTagName("*").length;
    }
    if (window.__benchSheets === undefined && document.body.getAttribute("data-sheets") === "all") {
      window.__benchSheets = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-ready", "data-sheets"],
  });
})();
"""
SHEETS_IN_PLACE = "() => window.__benchSheets !== undefined"

READY_OR_ERROR = "() => window.__benchReady !== undefined || document.querySelector('.py-error') !== null"

PAGE_FACTS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    ready: window.__benchReady,
    sheets: window.__benchSheets === undefined ? null : window.__benchSheets,
    elements_at_ready: window.__benchElements === undefined ? null : window.__benchElements,
    long_tasks: window.__benchLongTasks || [],
    dcl: nav.domContentLoadedEventEnd,
    resources: performance.getEntriesByType("resource").map(entry => ({
      path: new URL(entry.name).pathname,
      start: entry.startTime,
      end: entry.responseEnd,
    })),
  };
}"""

# Waits until the page's service worker (if it registers one, on load) is
# active, so that its install has finished before the bytes are counted and
# the warm visit is the visit a returning user makes.
SERVICE_WORKER_SETTLED = """async () => {
  if (!("serviceWorker" in navigator)) return "none";
  if (document.readyState !== "complete") {
    await new Promise(done => addEventListener("load", done, {once: true}));
  }
  await new Promise(done => setTimeout(done, 0));  // the page registers in its own load listener
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return "none";
  const active = navigator.serviceWorker.ready.then(() => "active");
  const timeout = new Promise(done => setTimeout(() => done("not active after 60 s"), 60000));
  return Promise.race([active, timeout]);
}"""

EDIT_LOOP = """async ({selectors, edits}) => {
  const selects = selectors.map(selector => document.querySelector(selector));
  const target = document.querySelector("[data-score='T']");
  let changedAt = null;
  const observer = new MutationObserver(() => {
    if (changedAt === null) changedAt = performance.now();
  });
  observer.observe(target, {subtree: true, childList: true, characterData: true});
  // Each edit starts in a fresh task after a frame, as a keystroke would.
  const nextFrame = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  const samples = [];
  for (let i = 0; i < edits; i++) {
    await nextFrame();
    const select = selects[i % selects.length];
    const before = target.textContent;
    if (select.type === "checkbox") {
      select.checked = !select.checked;
    } else {
      select.value = select.value === "disclosed" ? "prepared" : "disclosed";
    }
    changedAt = null;
    const start = performance.now();
    select.dispatchEvent(new Event("input", {bubbles: true}));
    const dispatched = performance.now();
    await null;  // the observer's microtask was queued first, so it has run
    target.getBoundingClientRect();  // force style and layout of the change
    const laidOut = performance.now();
    samples.push({
      update: changedAt === null ? null : changedAt - start,
      dispatch: dispatched - start,
      layout: laidOut - start,
      changed: target.textContent !== before,
    });
  }
  observer.disconnect();
  return samples;
}"""


# ---------------------------------------------------------------- the site

def bench_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(BENCH_DIR / "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


PYSCRIPT_TAG = re.compile(r'<script type="(?:mpy|py)"[^>]*>.*?</script>', re.S)


def workbook_markup(index_html: str) -> tuple[str, str, str]:
    """The language, title and <body> content of a built page, minus PyScript."""
    lang = re.search(r'<html lang="([^"]+)"', index_html).group(1)
    title = re.search(r"<title>(.*?)</title>", index_html, re.S).group(1)
    body = re.search(r"<body[^>]*>(.*)</body>", index_html, re.S).group(1)
    body = PYSCRIPT_TAG.sub("", body)
    return lang, title, body


def workbook_markup_with_bare_python(site: Path, bare_config: str) -> str:
    """The built workbook page, its own Python swapped for the bare page's
    one line: what the page's markup costs on this stack, apart from its
    Python. Beside index.html, so every link stays the same."""
    page = (site / "index.html").read_text(encoding="utf-8")
    config = html.escape(bare_config.replace('"../', '"./'))
    tag = f'<script type="mpy" src="bench/bare_ready.py" config="{config}"></script>'
    return PYSCRIPT_TAG.sub(lambda _: tag, page)


def workbook_head_with_bare_python(site: Path) -> str:
    """The workbook's head (policy, stylesheets, page.js, preloads) over the
    bare page's body: what the head alone costs."""
    page = (site / "markup_bare_python.html").read_text(encoding="utf-8")
    tag = PYSCRIPT_TAG.search(page).group(0)
    return re.sub(r"(<body[^>]*>).*(</body>)", lambda m: m.group(1) + "\n" + tag + "\n" + m.group(2), page, flags=re.S)


def lightest_first_screen(index_html: str) -> str:
    """The workbook with the least first screen it could have: header, bar
    and score figures. The account sheet's fields are cut, the first seller
    sheet's points wait in a <template> like the sheets below, and the score
    details are hidden (still there for the glue to write). Its own Python
    runs unchanged: a lower bound for any first screen of this page."""
    def cut(page, start, end_tag, replace):
        begin = page.index(start)
        close = page.index(end_tag, begin)
        return page[:begin] + replace(page[begin:close]) + page[close:]

    page = cut(index_html, '<div class="point point-plain">', "</section>", lambda _: "")
    first_sheet = page.index('<section class="worksheet" id="seller-product"')
    page = page[:first_sheet] + cut(page[first_sheet:], "<fieldset", "</section>",
                                     lambda points: "<template data-deferred>" + points + "</template>")
    return re.sub(r'(<details class="score-details"[^>]*>\s*<summary>.*?</summary>)(.*?)(</details>)',
                  lambda m: m.group(1) + "<div hidden>" + m.group(2) + "</div>" + m.group(3), page, flags=re.S)


def make_sites(work: Path, with_pyodide: bool, anatomy: bool = False) -> dict[str, Path]:
    """Build both workbooks and render the two floor pages beside the MicroPython one."""
    mpy = build.build(work / "mpy")
    bench = mpy / "bench"
    bench.mkdir()
    env = bench_environment()
    config = json.dumps({"interpreter": "../" + build.INTERPRETER["module"]})
    (bench / "bare_micropython.html").write_text(
        env.get_template("bare_micropython.html").render(
            root="../", config=config, interpreter=build.INTERPRETER), encoding="utf-8")
    (bench / "bare_ready.py").write_bytes((BENCH_DIR / "bare_ready.py").read_bytes())
    lang, title, markup = workbook_markup((mpy / "index.html").read_text(encoding="utf-8"))
    (bench / "plain_js.html").write_text(
        env.get_template("plain_js.html").render(root="../", lang=lang, title=title, markup=markup),
        encoding="utf-8")
    (mpy / "markup_bare_python.html").write_text(workbook_markup_with_bare_python(mpy, config), encoding="utf-8")
    if anatomy:
        (mpy / "head_bare_python.html").write_text(workbook_head_with_bare_python(mpy), encoding="utf-8")
        for source, target in (("index.html", "lightest_first_screen.html"),
                               ("markup_bare_python.html", "lightest_markup_bare_python.html")):
            (mpy / target).write_text(lightest_first_screen((mpy / source).read_text(encoding="utf-8")),
                                      encoding="utf-8")
    sites = {"mpy": mpy}
    if with_pyodide:
        sites["pyodide"] = pyodide_site.build_pyodide_site(work / "pyodide")
    return sites


NOTES: list[str] = []


# ---------------------------------------------------------------- the largest workbook

def storage_items(method: dict) -> dict[str, str]:
    return stored_items(largest_stored_workbook("wb-1764000000000"))


# ---------------------------------------------------------------- measuring

class NetworkLog:
    """Requests of one page as the DevTools Protocol sees them."""

    def __init__(self, context, page, rtt_ms: float = 0, mbits: float = EMULATED_MBITS, cpu_slowdown: float = 1):
        self.requests: dict[str, dict] = {}
        cdp = context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", self._from_cache)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")
        if rtt_ms:
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": rtt_ms,
                "downloadThroughput": mbits * 1e6 / 8, "uploadThroughput": mbits * 1e6 / 8})
        if cpu_slowdown != 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        self.cdp = cdp

    def _entry(self, request_id):
        return self.requests.setdefault(request_id, {"url": "", "status": None, "cached": False, "bytes": 0,
                                                      "wire": 0})

    def _sent(self, event):
        self._entry(event["requestId"])["url"] = event["request"]["url"]

    def _response(self, event):
        entry = self._entry(event["requestId"])
        response = event["response"]
        entry["status"] = response["status"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
            entry["cached"] = True

    def _from_cache(self, event):
        self._entry(event["requestId"])["cached"] = True

    def _data(self, event):
        self._entry(event["requestId"])["bytes"] += event["dataLength"]

    def _finished(self, event):
        # What crossed the network, compressed as served, headers included.
        self._entry(event["requestId"])["wire"] = event["encodedDataLength"]

    def summary(self) -> dict:
        """Requests that reached the network and the body bytes they brought."""
        fetched = [r for r in self.requests.values()
                   if r["status"] is not None and not r["cached"] and not r["url"].startswith("data:")]
        return {
            "requests": len(fetched),
            "revalidated": sum(1 for r in fetched if r["status"] == 304),
            "bytes": sum(r["bytes"] for r in fetched if r["status"] != 304),
            "wire": sum(r["wire"] for r in fetched),
            "urls": sorted(r["url"] for r in fetched),
        }


def wait_until_ready(page, timeout_ms: float) -> None:
    page.wait_for_function(READY_OR_ERROR, timeout=timeout_ms)
    if page.evaluate("() => document.querySelector('.py-error') !== null"):
        error = page.locator(".py-error").first.text_content()
        raise SystemExit(f"{page.url}: the page shows a Python error:\n{error}")


def load(context, url: str, timeout_ms: float, rtt_ms: float = 0, glue: bool = False,
         mbits: float = EMULATED_MBITS, cpu_slowdown: float = 1) -> dict:
    page = context.new_page()
    network = NetworkLog(context, page, rtt_ms, mbits, cpu_slowdown)
    # What a service worker fetches for itself (its script, its precache)
    # never shows in the page's own Network events: the context reports it.
    worker_requests = []

    def from_worker(request):
        if request.service_worker is not None:
            try:  # now, while the worker that made it is still there
                worker_requests.append(request.sizes()["responseBodySize"])
            except PlaywrightError:
                worker_requests.append(0)

    context.on("requestfinished", from_worker)
    response = page.goto(url, wait_until="commit")
    if not response.ok:
        raise SystemExit(f"{url}: HTTP {response.status}")
    wait_until_ready(page, timeout_ms)
    if glue:  # the workbook's own glue puts the deferred sheets in place
        page.wait_for_function(SHEETS_IN_PLACE, timeout=timeout_ms)
    facts = page.evaluate(PAGE_FACTS)
    facts.update(network.summary())
    facts["worker"] = page.evaluate(SERVICE_WORKER_SETTLED)  # after ready: not in the time
    context.remove_listener("requestfinished", from_worker)
    facts["worker_requests"] = len(worker_requests)
    facts["worker_bytes"] = sum(worker_requests)
    network.cdp.detach()
    page.close()
    return facts


def cold_and_warm(browser, url: str, timeout_ms: float, rtt_ms: float = 0,
                  glue: bool = False) -> tuple[dict, dict]:
    context = browser.new_context()
    context.add_init_script(READY_PROBE)
    try:
        return load(context, url, timeout_ms, rtt_ms, glue), load(context, url, timeout_ms, rtt_ms, glue)
    finally:
        context.close()


# What the recompute edits, by the part of the workbook the core reads again:
# an account-wide list (the product points' status: "seller.product"), and one
# person's field (whether your "hobbies" point was told to them, person by
# person: "people.p-N"), with the largest workbook's 12 people.
EDITED = {
    "workbook": lambda content: [f"[data-list='seller.product'] [data-item='{item['id']}'] [data-field='status']"
                                 for item in content["point_sets"][0]["items"]],
    "workbook_person": lambda content: [f'#seller-personal-hobbies-told [data-person="p-{n}"]'
                                        for n in range(1, content["limits"]["people"] + 1)],
}


def recompute(browser, url: str, items: dict[str, str], edits: int, timeout_ms: float,
              edited: str = "workbook") -> list[dict]:
    context = browser.new_context()
    context.add_init_script(READY_PROBE)
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        wait_until_ready(page, timeout_ms)
        page.evaluate("items => { localStorage.clear(); "
                      "for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items)
        page.reload(wait_until="commit")
        wait_until_ready(page, timeout_ms)
        page.wait_for_function(SHEETS_IN_PLACE, timeout=timeout_ms)
        rows = page.locator("[data-list='client.needs'] [data-row]").count()
        shared = page.locator("[data-list='common_ground'] [data-row]").count()
        people = page.locator("[data-list='people'] [data-row]").count()
        if (rows, shared, people) != (30, 30, 12):
            raise SystemExit(f"{url}: the largest workbook did not load ({rows} needs, {shared} shared items, "
                             f"{people} people)")
        selectors = EDITED[edited](build.load_content())
        samples = page.evaluate(EDIT_LOOP, {"selectors": selectors, "edits": edits})
        index = json.loads(page.evaluate("key => localStorage.getItem(key)", library.INDEX_KEY))
        if len(index["workbooks"]) != 1:
            raise SystemExit(f"{url}: the edits made {len(index['workbooks'])} workbooks, not one (a save conflict?)")
    finally:
        context.close()
    missing = [s for s in samples if s["update"] is None or not s["changed"]]
    if missing:
        raise SystemExit(f"{url}: {len(missing)} of {edits} edits did not change T")
    return samples


# ---------------------------------------------------------------- figures

def percentile(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def spread(values) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "p10": percentile(values, 10), "p90": percentile(values, 90), "n": len(values)}


def ms(value) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def kb(value) -> str:
    return f"{value / 1000:,.0f} KB" if value >= 10_000 else f"{value / 1000:.1f} KB"


def traffic(loads: list[dict], revalidations: bool) -> str:
    """Median requests and bytes of some loads, with their range when loads differ."""
    def figure(values, show):
        low, mid, high = min(values), statistics.median(values), max(values)
        return show(mid) if low == high else f"{show(mid)} ({show(low)}-{show(high)})"
    text = figure([r["requests"] for r in loads], lambda v: f"{v:g}")
    if revalidations:
        text += " [" + figure([r["revalidated"] for r in loads], lambda v: f"{v:g}") + " x 304]"
    return text + ", " + figure([r["bytes"] for r in loads], kb) + " (" + figure([r["wire"] for r in loads], kb) + " on the wire)"


def worker_traffic(loads: list[dict]) -> str:
    if all(r["worker"] == "none" for r in loads):
        return "no service worker"
    states = sorted({r["worker"] for r in loads} - {"active"})
    text = f"{statistics.median(r['worker_requests'] for r in loads):g}, " + kb(statistics.median(r["worker_bytes"] for r in loads))
    return text + (f" ({', '.join(states)})" if states else "")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs, {cpu}, {platform.system()} {platform.release()}"


RECOMPUTE_LABELS = {"workbook": "workbook (MicroPython), an account-wide list (product status)",
                    "workbook_person": "workbook (MicroPython), a person's field (told to p-N)",
                    "pyodide": "workbook (Pyodide), an account-wide list (product status)"}


def recompute_table(recomputes: dict, pages: dict) -> list[str]:
    if not recomputes:
        return []
    out = ["| recompute, largest workbook (12 people) | edits | input to T updated ms: p50 / p95 / max "
           "| dispatch ms: p50 / p95 | input to layout done ms: p50 / p95 |",
           "|---|---|---|---|---|"]
    for key, samples in recomputes.items():
        update = [s["update"] for s in samples]
        dispatch = [s["dispatch"] for s in samples]
        layout = [s["layout"] for s in samples]
        out.append(
            f"| {RECOMPUTE_LABELS.get(key, pages.get(key, key))} | {len(samples)} | **{ms(percentile(update, 50))}** / "
            f"**{ms(percentile(update, 95))}** / {ms(max(update))} "
            f"| {ms(percentile(dispatch, 50))} / {ms(percentile(dispatch, 95))} "
            f"| {ms(percentile(layout, 50))} / {ms(percentile(layout, 95))} |")
    out.append("")
    return out


def recompute_targets(recomputes: dict) -> list[tuple]:
    targets = []
    for key, edited in (("workbook", "an account-wide list"), ("workbook_person", "a person's field")):
        if key in recomputes:
            p95 = percentile([s["update"] for s in recomputes[key]], 95)
            targets.append((f"recompute p95 under {RECOMPUTE_P95_MAX_MS:g} ms, 12 people, {edited}", f"{p95:.2f} ms",
                            p95 < RECOMPUTE_P95_MAX_MS))
    return targets


def report(results: dict, pages: dict, recomputes: dict, chromium: str, seconds: float,
           rtt_ms: float, load_average: tuple, compressed: bool = True) -> str:
    network = (f"network emulated by DevTools: {rtt_ms:g} ms round trip, {EMULATED_MBITS} Mbit/s"
               if rtt_ms else "network: localhost, not throttled")
    out = [f"Machine: {machine()}; {chromium}; server: tools/serve.py on 127.0.0.1, "
           f"{'gzip' if compressed else 'no compression'}; {network}; load average {load_average[0]:.1f} at start, "
           f"{os.getloadavg()[0]:.1f} at end."]
    out.append("")
    out.append("| page | loads | cold ready ms: median (p10-p90, min-max) | warm ready ms: median (min-max) "
               "| first visit until ready: requests, bytes | its service worker's install: requests, bytes "
               "| warm visit: requests [revalidated], bytes |")
    out.append("|---|---|---|---|---|---|---|")
    for key, label in pages.items():
        cold, warm = results[key]["cold"], results[key]["warm"]
        c, w = spread([r["ready"] for r in cold]), spread([r["ready"] for r in warm])
        out.append(
            f"| {label} | {c['n']} | **{ms(c['median'])}** ({ms(c['p10'])}-{ms(c['p90'])}, {ms(c['min'])}-{ms(c['max'])}) "
            f"| **{ms(w['median'])}** ({ms(w['min'])}-{ms(w['max'])}) "
            f"| {traffic(cold, False)} | {worker_traffic(cold)} | {traffic(warm, True)} |")
    out.append("")
    deferred = [r["sheets"] for r in results["workbook"]["cold"] if r["sheets"] is not None]
    if deferred:
        out.append(f"Workbook, cold: every sheet in place (the sheets below the first screen arrive "
                   f"after ready, one per task) at {ms(statistics.median(deferred))} ms, median.")
        out.append("")
    out += recompute_table(recomputes, pages)

    def cold_median(key):
        return statistics.median(r["ready"] for r in results[key]["cold"])

    def warm_median(key):
        return statistics.median(r["ready"] for r in results[key]["warm"])

    def cold_fastest(key):
        return min(r["ready"] for r in results[key]["cold"])

    targets = []
    wb = cold_median("workbook")
    out.append("| ratio | cold, medians | warm, medians | cold, fastest loads (least disturbed by other processes) |")
    out.append("|---|---|---|---|")
    for key in ("bare", "markup", "plain", "pyodide"):
        if key in results:
            out.append(f"| workbook / {pages[key]} | {wb / cold_median(key):.2f}x "
                       f"| {warm_median('workbook') / warm_median(key):.2f}x "
                       f"| {cold_fastest('workbook') / cold_fastest(key):.2f}x |")
    out.append("")
    if "head" in results:
        out.append("What each part of the workbook adds to the bare page (cold, medians):")
        out.append("")
        out.append("| page | cold ready ms | / bare page |")
        out.append("|---|---|---|")
        for key in ("bare", "head", "lightest_markup", "lightest", "markup", "workbook"):
            out.append(f"| {pages[key]} | {ms(cold_median(key))} | {cold_median(key) / cold_median('bare'):.2f}x |")
        out.append("")
    ratio = wb / cold_median("bare")
    targets.append((f"cold ready within {COLD_VS_BARE_MAX}x of bare MicroPython", f"{ratio:.2f}x", ratio <= COLD_VS_BARE_MAX))
    if "pyodide" in results:
        ratio = wb / cold_median("pyodide")
        targets.append((f"cold ready under {COLD_VS_PYODIDE_MAX}x of Pyodide", f"{ratio:.2f}x", ratio < COLD_VS_PYODIDE_MAX))
    first = max(r["bytes"] for r in results["workbook"]["cold"])
    targets.append((f"first-visit transfer under {FIRST_VISIT_BYTES_MAX // 1000} KB uncompressed: what the page fetches until ready",
                    f"{first:,} bytes", first < FIRST_VISIT_BYTES_MAX))
    if any(r["worker"] != "none" for r in results["workbook"]["cold"]):
        whole = max(r["bytes"] + r["worker_bytes"] for r in results["workbook"]["cold"])
        targets.append((f"first-visit transfer under {FIRST_VISIT_BYTES_MAX // 1000} KB uncompressed: with the service worker's install",
                        f"{whole:,} bytes", whole < FIRST_VISIT_BYTES_MAX))
    targets += recompute_targets(recomputes)
    out.append("| target | measured | |")
    out.append("|---|---|---|")
    for name, measured, met in targets:
        out.append(f"| {name} | {measured} | {'met' if met else '**missed**'} |")
    out.append("")
    out.append(waterfall(results["workbook"]["cold"]))
    out.append("")
    out.extend(f"Note: {note}" for note in NOTES)
    out.append(f"Total bench time {seconds:.0f} s.")
    return "\n".join(out)


def waterfall(loads: list[dict]) -> str:
    """Median start and end of each resource of a cold workbook load."""
    rows: dict[str, list] = {}
    for facts in loads:
        seen = set()
        for entry in facts["resources"]:
            name = entry["path"].split("/", 2)[-1]  # /mpy/runtime/... -> runtime/...
            while name in seen:  # the same file fetched twice (main.py is)
                name += " (again)"
            seen.add(name)
            rows.setdefault(name, []).append((entry["start"], entry["end"]))
    lines = ["Cold workbook load, median waterfall (ms from navigation start):", "",
             "| resource | start | end |", "|---|---|---|"]
    for name, times in sorted(rows.items(), key=lambda item: statistics.median(t[0] for t in item[1])):
        lines.append(f"| {name} | {ms(statistics.median(t[0] for t in times))} | {ms(statistics.median(t[1] for t in times))} |")
    lines.append(f"| DOMContentLoaded | | {ms(statistics.median(f['dcl'] for f in loads))} |")
    lines.append(f"| body[data-ready=1] | | {ms(statistics.median(f['ready'] for f in loads))} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def recompute_only(edits: int) -> str:
    """The recompute table and targets alone (--recompute-only)."""
    with tempfile.TemporaryDirectory(prefix="trust-workbook-bench-") as temp:
        site = build.build(Path(temp) / "mpy")
        server = serve(site)
        items = storage_items(build.load_content())
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                recomputes = {key: recompute(browser, server.url, items, edits, 120_000, key) for key in EDITED}
                chromium = f"Chromium {browser.version}"
                browser.close()
        finally:
            server.stop()
    out = [f"Machine: {machine()}; {chromium}; load average {os.getloadavg()[0]:.1f}.", ""]
    out += recompute_table(recomputes, {})
    out += ["| target | measured | |", "|---|---|---|"]
    out += [f"| {name} | {measured} | {'met' if met else '**missed**'} |" for name, measured, met in
            recompute_targets(recomputes)]
    return "\n".join(out)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10, help="cold+warm loads of each MicroPython/plain page (default 10)")
    parser.add_argument("--pyodide-loads", type=int, default=5, help="cold+warm loads of the Pyodide workbook (default 5; 0 skips it)")
    parser.add_argument("--edits", type=int, default=200, help="edits of the recompute measurement (default 200)")
    parser.add_argument("--rtt", type=float, default=0,
                        help=f"emulate a network with this round trip in ms ({EMULATED_MBITS} Mbit/s) for the loads")
    parser.add_argument("--json", type=Path, help="also write every raw sample here")
    parser.add_argument("--recompute-only", action="store_true",
                        help="measure only the recompute after an edit (account-wide and one person's), no loads")
    parser.add_argument("--no-compress", dest="compress", action="store_false",
                        help="serve every file as it is on disk (the default compresses, like a real host)")
    parser.add_argument("--anatomy", action="store_true",
                        help="also load the workbook's head alone and its lightest possible first screen, "
                             "and print what each part adds to the bare page")
    args = parser.parse_args(argv)
    started = time.monotonic()
    load_average = os.getloadavg()
    with_pyodide = args.pyodide_loads > 0
    if args.recompute_only:
        return print(recompute_only(args.edits))
    with tempfile.TemporaryDirectory(prefix="trust-workbook-bench-") as temp:
        work = Path(temp) / "site"
        make_sites(work, with_pyodide, args.anatomy)
        server = serve(work, compress=args.compress)
        base = server.url
        pages = {"workbook": "workbook (MicroPython)", "bare": "bare PyScript + MicroPython",
                 "markup": "workbook markup + the bare page's Python",
                 "plain": "plain HTML + JS, same markup"}
        urls = {"workbook": base + "mpy/", "bare": base + "mpy/bench/bare_micropython.html",
                "markup": base + "mpy/markup_bare_python.html",
                "plain": base + "mpy/bench/plain_js.html"}
        if args.anatomy:
            pages["head"] = "the workbook's head + the bare page's body and Python"
            urls["head"] = base + "mpy/head_bare_python.html"
            pages["lightest_markup"] = "lightest first screen (header, bar, score figures) + the bare page's Python"
            urls["lightest_markup"] = base + "mpy/lightest_markup_bare_python.html"
            pages["lightest"] = "workbook, lightest first screen (header, bar, score figures)"
            urls["lightest"] = base + "mpy/lightest_first_screen.html"
        loads = {key: args.loads for key in pages}
        if with_pyodide:
            pages["pyodide"] = "workbook (Pyodide)"
            urls["pyodide"] = base + "pyodide/"
            loads["pyodide"] = args.pyodide_loads
        results = {key: {"cold": [], "warm": []} for key in pages}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            chromium = f"Chromium {browser.version}"
            try:
                for key in pages:  # one untimed load each: first-launch costs are not the page's
                    cold_and_warm(browser, urls[key], 120_000, args.rtt, key in GLUED)
                for round_number in range(max(loads.values())):
                    for key in pages:
                        if round_number < loads[key]:
                            try:
                                cold, warm = cold_and_warm(browser, urls[key], 120_000, args.rtt, key in GLUED)
                            except PlaywrightError as error:  # a crashed renderer: once more, and say so
                                NOTES.append(f"{pages[key]}, round {round_number + 1}: {str(error).splitlines()[0]}; "
                                             "the load was repeated.")
                                cold, warm = cold_and_warm(browser, urls[key], 120_000, args.rtt, key in GLUED)
                            results[key]["cold"].append(cold)
                            results[key]["warm"].append(warm)
                    print(f"round {round_number + 1} done", file=sys.stderr)
                items = storage_items(build.load_content())
                recomputes = {"workbook": recompute(browser, urls["workbook"], items, args.edits, 120_000),
                              "workbook_person": recompute(browser, urls["workbook"], items, args.edits, 120_000,
                                                           "workbook_person")}
                if with_pyodide:
                    recomputes["pyodide"] = recompute(browser, urls["pyodide"], items, args.edits, 120_000)
            finally:
                browser.close()
        server.stop()
    if args.json:
        args.json.write_text(json.dumps({"results": results, "recompute": recomputes}, indent=1))
    print(report(results, pages, recomputes, chromium, time.monotonic() - started, args.rtt, load_average,
                 args.compress))


if __name__ == "__main__":
    main()
