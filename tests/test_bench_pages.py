"""The pages bench/bench_load.py --anatomy builds from the real site measure
what their names say: if the templates change under them, these fail rather
than let the bench time a page that is no longer lighter."""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bench_load  # noqa: E402


def outside_templates(page: str) -> str:
    """The body's markup as first shown: no templates (and no head, whose
    inline script names the controls it watches)."""
    body = page[page.index("<body"):]
    return re.sub(r"<template\b.*?</template>", "", body, flags=re.S)


def test_the_lightest_first_screen_shows_only_header_bar_and_score_figures(built_site):
    page = bench_load.lightest_first_screen((built_site / "index.html").read_text(encoding="utf-8"))
    shown = outside_templates(page)
    assert "data-workbook-field" not in shown
    assert '<fieldset class="point"' not in shown
    details = re.search(r'<details class="score-details".*?</details>', shown, re.S).group(0)
    assert re.search(r"</summary>\s*<div hidden>", details)
    # What the glue needs is still there: the score's figures and its script.
    assert 'data-score="T"' in shown
    assert bench_load.PYSCRIPT_TAG.search(page)


def test_the_lightest_first_screen_defers_the_first_seller_sheet_like_the_sheets_below(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    page = bench_load.lightest_first_screen(index)
    assert page.count("<template data-deferred>") == index.count("<template data-deferred>") + 1
    first_sheet = re.search(r'<section class="worksheet" id="seller-product".*?</section>', page, re.S).group(0)
    assert "<template data-deferred>" in first_sheet


def test_the_head_page_keeps_the_workbook_head_and_only_the_bare_body(built_site, tmp_path):
    config = '{"interpreter": "../runtime/micropython/micropython.mjs"}'
    (tmp_path / "index.html").write_text((built_site / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "markup_bare_python.html").write_text(
        bench_load.workbook_markup_with_bare_python(tmp_path, config), encoding="utf-8")
    page = bench_load.workbook_head_with_bare_python(tmp_path)
    body = re.search(r"<body[^>]*>(.*)</body>", page, re.S).group(1)
    assert body.strip() == bench_load.PYSCRIPT_TAG.search(page).group(0)
    assert 'src="bench/bare_ready.py"' in body
    assert "./static/app.css" in page and "./static/page.js" in page


def test_the_benchs_pyodide_page_runs_the_same_python_with_no_packages(tmp_path):
    import json

    import pyodide_site
    from test_build import parse

    out = pyodide_site.build_pyodide_site(tmp_path / "site")
    lock = json.loads((out / "runtime" / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["packages"] == {}
    (tag,) = parse(out / "index.html").pyscript_tags
    assert tag["type"] == "py"
    assert (out / "py" / "main.py").is_file() and not list((out / "py").glob("*.mpy"))
    assert json.loads(tag["config"])["interpreter"].endswith("pyodide/pyodide.mjs")


def test_the_worker_floor_pages_differ_from_the_bare_page_only_where_their_names_say(tmp_path):
    import json

    import bench_worker_floor

    bench = tmp_path / "bench"
    bench.mkdir()
    config = json.dumps({"interpreter": "../runtime/micropython/micropython.mjs"})
    interpreter = {"module": "runtime/micropython/micropython.mjs", "files": ("micropython.mjs", "micropython.wasm")}
    bare = bench_load.bench_environment().get_template("bare_micropython.html").render(
        root="../", config=config, interpreter=interpreter)
    (bench / "bare_micropython.html").write_text(bare, encoding="utf-8")
    bench_worker_floor.write_pages(bench)

    def tag(page):
        return re.search(r'<script type="mpy"[^>]*>', page).group(0)

    idle = (bench / "worker_idle.html").read_text(encoding="utf-8")
    touching = (bench / "worker_dom.html").read_text(encoding="utf-8")
    assert " worker " in tag(idle) and 'src="worker_idle.py"' in tag(idle)
    assert " worker " in tag(touching) and 'src="worker_ready.py"' in tag(touching)
    assert "sync_main_only" in idle and "sync_main_only" not in touching
    assert "worker-src 'self' blob:" in idle and "worker-src 'self' blob:" in touching
    # Outside the script tag, the policy and the readiness helper: the bare page's very head and body.
    for page in (idle, touching):
        same = page.replace(tag(page), tag(bare)).replace("worker-src 'self' blob:", "worker-src 'self'")
        same = same.replace('  <script type="module" src="worker_done.js"></script>\n', "")
        assert same.replace(", &#34;sync_main_only&#34;: true", "") == bare
    main_calls = (bench / "dom_calls_main.html").read_text(encoding="utf-8")
    worker_calls = (bench / "dom_calls_worker.html").read_text(encoding="utf-8")
    assert " worker " not in tag(main_calls) and " worker " in tag(worker_calls)
    assert main_calls.replace(tag(main_calls), tag(worker_calls)).replace(
        "worker-src 'self'", "worker-src 'self' blob:") == worker_calls


def test_the_worker_keystroke_page_has_every_control_the_recompute_edits_and_every_figure_a_keystroke_writes(
        built_site, tmp_path):
    import json
    from html.parser import HTMLParser

    import bench_worker_keystroke
    from fixtures import largest_stored_workbook

    workbook = largest_stored_workbook()
    index = (built_site / "index.html").read_text(encoding="utf-8")
    (tmp_path / "index.html").write_text(index, encoding="utf-8")  # the shared site stays as built
    page = bench_worker_keystroke.write_page(tmp_path, workbook).read_text(encoding="utf-8")
    assert re.findall(r'data-score="([^"]+)"', page) == bench_worker_keystroke.score_names(index)
    assert {"T", "IS", "IC", "R", "formula"} <= set(bench_worker_keystroke.score_names(index))
    # The controls bench_load's recompute edits, found by its own selectors' parts, set as stored.
    product = re.search(r'<section data-list="seller.product">(.*?)</section>', page, re.S).group(1)
    for point in workbook["seller"]["product"]:
        item = re.search(rf'<div data-item="{point["id"]}">(.*?)</div>', product, re.S).group(1)
        assert 'data-field="status"' in item
        assert f'<option value="{point["status"]}" selected>' in item
    told = re.search(r'<fieldset id="seller-personal-hobbies-told".*?</fieldset>', page, re.S).group(0)
    assert told.count('data-person-check="told"') == len(workbook["people"]) == 12
    assert told.count(" checked>") == sum("hobbies" in person["told"] for person in workbook["people"])

    class Tags(HTMLParser):
        config = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "script" and attrs.get("type") == "mpy":
                assert "worker" in attrs and attrs["src"] == "worker_keystroke.py"
                self.config = json.loads(attrs["config"])

    tags = Tags()
    tags.feed(page)
    assert tags.config["sync_main_only"] is True
    bench = tmp_path / "bench"
    for source in tags.config["files"]:  # each file the worker is given is on the site, or beside the page
        assert ((built_site if source.startswith("../") else tmp_path) / "bench" / source).resolve().is_file(), source
    assert tags.config["files"]["../content/method.zh.json"] == "./method.json"
    assert json.loads((bench / "workbook.json").read_text(encoding="utf-8")) == workbook
    assert (bench / "worker_keystroke.py").is_file() and (bench / "worker_keystroke.js").is_file()


def worker_keystroke_module(folder, workbook):
    """bench/worker_keystroke.py run under CPython in `folder`, which holds
    its files as the worker's config names them."""
    import json
    import os
    import runpy

    import build

    (folder / "method.json").write_text(json.dumps(build.in_language(build.load_content(), "zh")), encoding="utf-8")
    (folder / "workbook.json").write_text(json.dumps(workbook), encoding="utf-8")
    here = os.getcwd()
    os.chdir(folder)
    try:
        return runpy.run_path(str(Path(__file__).resolve().parents[1] / "bench" / "worker_keystroke.py"))
    finally:
        os.chdir(here)


def test_the_keystroke_worker_answers_the_figures_a_fresh_score_shows_and_only_what_changed(tmp_path):
    import copy
    import json

    import build
    import scoring
    import view
    from fixtures import largest_stored_workbook

    workbook = largest_stored_workbook()
    worker = worker_keystroke_module(tmp_path, workbook)
    keys = ["data-score:" + name for name in ("T", "IS", "IC", "R", "formula", "formula_name")]
    first = dict(json.loads(worker["start"](json.dumps(keys), "zh")))
    assert sorted(first) == sorted(keys)

    method = build.in_language(build.load_content(), "zh")
    expected = copy.deepcopy(workbook)
    point = expected["seller"]["product"][3]
    point["status"] = "prepared" if point["status"] == "disclosed" else "disclosed"
    person = expected["people"][4]
    person["told"] = [told for told in person["told"] if told != "hobbies"]
    edits = [{"list": "seller.product", "id": point["id"], "field": "status", "value": point["status"]},
             {"told": "hobbies", "person": person["id"], "checked": False}]
    writes = dict(json.loads(worker["keystroke"](json.dumps(edits))))
    fresh = view.figures_view(scoring.score(expected, method), view.Texts(method, "zh"))
    assert writes["data-score:T"] == fresh["T"] != first["data-score:T"]
    assert "data-score:formula_name" not in writes  # unchanged: not written again
    assert json.loads(worker["saved_text"]()) == expected
    assert json.loads(worker["check"](json.dumps(edits))) == {"holds": True, "T": fresh["T"]}
    # A note's field cannot change the figures: nothing to write.
    note = {"list": "seller.product", "id": point["id"], "field": "note", "value": "新的备注"}
    assert json.loads(worker["keystroke"](json.dumps([note]))) == []
