"""Benchmark (not a test): what the relationship map adds to a keystroke in
the page, under MicroPython in Chromium.

    .venv/bin/python bench/bench_map.py [--keystrokes 60]

The built workbook page runs map_painter.show() through the probe of
tests/map_probe.py (the page's markup, stylesheet and shipped modules, the
probe in place of the glue), timed around each call with the page's clock
(performance.now(), 0.1 ms steps in Chromium): for an account of 4 and of
12 people,

- a keystroke that changes nothing on the map (most of them: a note, a
  need, a setting): the fingerprint compared, nothing drawn;
- a keystroke that changes one person's T (a point told or learnt);
- a keystroke in a person's name (the name on the map, its label, its row).

Target: about 1 ms per keystroke. The probe collects its own garbage (the
JSON it is handed) before each timed call; the map's garbage is collected
as the page's is, in pauses of typing (py/dom.py), so a collection never
falls inside a call here.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py"), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

import build  # noqa: E402
import map_probe  # noqa: E402
import scoring  # noqa: E402
from fixtures import CHROMIUM, CHROMIUM_ARGS, largest_workbook, worked_example_account  # noqa: E402
from tools.serve import serve  # noqa: E402

TARGET_MS = 1.0


def accounts():
    """(label, workbook): the worked example grown to 4 people, and the
    largest workbook (12 people, three levels)."""
    four = worked_example_account()
    four["people"].append(scoring.blank_person(build.load_content(), "p-3"))
    four["people"][2].update(name="张处长", role="technical", reports_to="p-1")
    four["people"].append(scoring.blank_person(build.load_content(), "p-4"))
    four["people"][3].update(name="小赵", role="user", reports_to="p-3")
    return [("4 people", four), ("12 people", largest_workbook())]


def keystrokes(workbook, count):
    """(case, [(workbook, result) per keystroke]) for the three cases."""
    method = build.load_content()
    base = scoring.score(workbook, method)
    unchanged = [(workbook, base)] * count
    told = []
    for k in range(count):
        edited = copy.deepcopy(workbook)
        person = edited["people"][-1]
        person["told"] = [] if k % 2 else ["hobbies"]
        told.append((edited, scoring.score(edited, method)))
    named = []
    for k in range(count):
        edited = copy.deepcopy(workbook)
        edited["people"][-1]["name"] = "王" + "主任"[: k % 3] + "x" * (k % 7)
        named.append((edited, scoring.score(edited, method)))
    return [("nothing on the map changes", unchanged), ("one person's T changes", told),
            ("a name is typed", named)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keystrokes", type=int, default=60, help="keystrokes timed per case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site = build.build(Path(work) / "site")
        server = serve(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                print(f"map_painter.show() per keystroke, MicroPython in Chromium (target ~{TARGET_MS} ms)")
                for label, workbook in accounts():
                    page = browser.new_page()
                    map_probe.open_probe(page, server.url, site)
                    first = map_probe.draw(page, "zh", workbook, scoring.score(workbook, build.load_content()))
                    print(f"\n{label}: first drawing {first[1]:.1f} ms")
                    for case, strokes in keystrokes(workbook, args.keystrokes):
                        times = []
                        for edited, result in strokes:
                            times.append(map_probe.draw(page, "zh", edited, result)[1])
                        ordered = sorted(times)
                        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
                        print(f"  {case:28} mean {statistics.mean(times):5.2f} ms  median "
                              f"{statistics.median(times):5.2f} ms  p95 {p95:5.2f} ms  (n={len(times)})")
                    page.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
