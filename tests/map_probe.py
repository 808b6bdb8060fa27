"""A page for trying the relationship map's painter in a browser before the
page's glue calls it: the built workbook page (its markup, stylesheet and
shipped modules) with its own Python swapped for a few lines that expose
map_painter.show() to the test (window.mapProbe) and time each call with
the page's clock. Used by tests/test_relationship_map.py and
bench/bench_map.py."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import build


PYSCRIPT_TAG = re.compile(r'(<script type="(?:mpy|py)"[^>]*>)(.*?)(</script>)', re.S)

# Runs in the page, under MicroPython; window.mapProbe(language, workbook
# JSON, result JSON) draws and returns the JSON of [whether it redrew,
# milliseconds] (JSON both ways: a list made for JavaScript did not always
# survive the return).
PROBE = """
import gc
import json
from pyscript import document, window
from pyscript.ffi import create_proxy
import handout_painter
import map_painter
import view

with open("method.json") as content_file:
    METHOD = json.load(content_file)
TEXTS = {}
map_painter.need_now()            # drawn at once, wherever the page is scrolled
handout_painter.put_in_place()    # the handout's copy of the map has its place


def probe(language, workbook_text, result_text):
    texts = TEXTS.get(language)
    if texts is None:
        texts = TEXTS[language] = view.Texts(METHOD, language)
    workbook = json.loads(workbook_text)
    result = json.loads(result_text)
    gc.collect()  # the probe's own garbage (these texts) is not the map's cost
    start = window.performance.now()
    drawn = map_painter.show(result, workbook, texts, texts.content)
    return json.dumps([drawn, window.performance.now() - start])


def repeat(language, workbook_text, results_text):
    # Many calls in one crossing: the bench's keystrokes.
    texts = TEXTS.get(language) or view.Texts(METHOD, language)
    TEXTS[language] = texts
    workbook = json.loads(workbook_text)
    results = json.loads(results_text)
    times = []
    for result in results:
        start = window.performance.now()
        map_painter.show(result, workbook, texts, texts.content)
        times.append(window.performance.now() - start)
    return json.dumps(times)


window.mapProbe = create_proxy(probe)
window.mapProbeRepeat = create_proxy(repeat)
document.body.setAttribute("data-map-probe", "ready")
"""

PROBE_NAME = "map_probe.html"
READY = "body[data-map-probe='ready']"


def probe_html(site: Path, page_dir: str = "") -> str:
    """The built index.html of `page_dir` ("" for Chinese, "en/") with the
    probe in place of its glue."""
    page = (site / page_dir / "index.html").read_text(encoding="utf-8")
    assert "<" not in PROBE  # a script's text is raw: nothing in it may close the tag
    # The page ships its first screen's modules in one bundle and the map's after ready: the probe names
    # each module's own file, and the content in both languages.
    prefix = "../" * page_dir.count("/") or "./"
    config = html.escape(json.dumps(build.pyscript_config(prefix, build.PY_MODULES + build.AFTER_READY_PY_MODULES)))
    probe = PYSCRIPT_TAG.sub(lambda m: re.sub(r'config="[^"]*"', lambda _: f'config="{config}"', m.group(1))
                             + PROBE + m.group(3), page)
    assert probe != page
    return probe


def open_probe(page, site_url: str, site: Path, page_dir: str = ""):
    """Opens the probe as if it were served beside index.html (the site on
    disk stays as built), and waits until it is ready."""
    text = probe_html(site, page_dir)
    page.route("**/" + page_dir + PROBE_NAME,
               lambda route: route.fulfill(status=200, body=text, content_type="text/html; charset=utf-8"))
    page.goto(site_url + page_dir + PROBE_NAME)
    page.wait_for_selector(READY)
    return page


def draw(page, language, workbook, result):
    """(whether the map was redrawn, milliseconds) of one show() in the page."""
    return json.loads(page.evaluate("([l, w, r]) => window.mapProbe(l, w, r)",
                                    [language, json.dumps(workbook, ensure_ascii=False),
                                     json.dumps(result, ensure_ascii=False)]))


def draw_many(page, language, workbook, results):
    """The milliseconds of show() for each result in turn, in one call."""
    return json.loads(page.evaluate("([l, w, r]) => window.mapProbeRepeat(l, w, r)",
                                    [language, json.dumps(workbook, ensure_ascii=False),
                                     json.dumps(results, ensure_ascii=False)]))

