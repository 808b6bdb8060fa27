"""Screenshots for the README: the workbook in both languages at laptop and
phone widths with the demo workbook (tools/demo_workbook.json) loaded, and
the facilitator view with a small room of results files made from it.

    .venv/bin/python tools/screenshots.py   # writes docs/screenshots/*.png

Chinese glyphs need a CJK font on the machine (Debian: fonts-noto-cjk)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from tools.serve import serve  # noqa: E402

sys.path[:0] = [str(ROOT / "py"), str(ROOT / "tests")]
import migrations  # noqa: E402
import results  # noqa: E402
import scoring  # noqa: E402
from fixtures import CHROMIUM, CHROMIUM_ARGS, demo_workbook, stored_items  # noqa: E402

SCREENSHOTS_DIR = ROOT / "docs" / "screenshots"
SHOTS = (("zh", "", 1280), ("zh", "", 390), ("en", "en/", 1280), ("en", "en/", 390))
# The printed handout as the browser lays it out on A4 (210 mm less the
# page's 12 mm margins, at 96 px per inch), one shot per page shown.
A4_WIDTH, A4_HEIGHT = 703, 1047
PRINT_SHOTS = (("zh", "", 1), ("en", "en/", 1))
EXPLAINED = {"zh": "T 是什么?", "en": "What is T?"}


def demo_committee(workbook: dict) -> dict:
    """The demo workbook (one client person, as version 1 wrote it) with
    the account's committee around that person: the director it describes,
    the head of procurement, an engineer and an inside supporter."""
    method = build.load_content()
    committee = scoring.normalise(migrations.migrate_stored_workbook(workbook, method), method)
    director = committee["people"][0]
    director.update(name="王主任", title="数据局副局长", role="decision_maker", influence=3, attitude="neutral")
    others = (("李科长", "采购科", "procurement", 2, "sceptic"), ("赵工", "信息中心", "technical", 2, "supporter"),
              ("小陈", "办公室", "coach", 1, "supporter"))
    for number, (name, title, role, influence, attitude) in enumerate(others, 2):
        person = scoring.blank_person(method, f"p-{number}")
        person.update(name=name, title=title, role=role, influence=influence, attitude=attitude,
                      reports_to="p-1")
        committee["people"].append(person)
    engineer, coach = committee["people"][2], committee["people"][3]
    engineer["personal"][1].update(known=True, note="周末带孩子学编程", level="semi_public")
    engineer["told"] = director["told"][:1]
    coach["told"] = list(director["told"])
    committee["common_ground"][1]["with"] = ["p-1", "p-3"]
    committee["client"]["needs"][0]["owner"] = "p-1"
    director["motives"] = {"organisation": "年底前上线“一网通办”,接受考核", "personal": ["safety", "achievement"],
                           "balance": -1}
    committee["review"] = [{"id": "budget", "state": "open", "note": "明年的信息化预算还没批"}]
    return committee


def storage_script(workbook: dict) -> str:
    return "".join(f"localStorage.setItem({json.dumps(key)}, {json.dumps(text)});"
                   for key, text in stored_items(workbook).items())


# The demo workbook as a few participants of one workshop might hand it in:
# (participant, points of the demo left out).
ROOM = (("王磊 · 市政务数据局", 0), ("李娜 · 省税务局", 4), ("陈静 · 市人民医院", 8), ("赵强 · 区教育局", 12))


def room_files(workbook: dict, method: dict) -> list[dict]:
    files = []
    for name, left_out in ROOM:
        participant = json.loads(json.dumps(workbook))
        participant["name"] = name
        participant["account"] = name.split(" · ")[1]
        disclosed = [point for points in participant["seller"].values() for point in points if point["status"] == "disclosed"]
        for point in disclosed[:left_out]:
            point["status"] = "prepared"
        person = name.split(" · ")[0]
        text = results.document_text(results.export_document([participant], method, "2026-11-26", "demo", person))
        files.append({"name": f"{name}.json", "mimeType": "application/json", "buffer": text.encode("utf-8")})
    return files


def facilitator_screenshot(browser, url: str, workbook: dict) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "facilitator.html")
    page.wait_for_selector("body[data-ready='1']")
    page.get_by_label("选择结果文件(可多选)").set_input_files(room_files(workbook, build.load_content()))
    page.locator("[data-rows]").get_by_role("rowheader", name=ROOM[-1][0].split(" · ")[0]).wait_for()
    target = SCREENSHOTS_DIR / "facilitator-zh-1280.png"
    page.screenshot(path=str(target), full_page=True)
    print(f"wrote {target.relative_to(ROOT)}")
    context.close()


def open_demo(browser, url: str, path: str, workbook: dict, **context_args):
    context = browser.new_context(**context_args)
    context.add_init_script(storage_script(workbook))
    page = context.new_page()
    page.goto(url + path)
    page.wait_for_selector("body[data-ready='1'][data-sheets='all']")
    return context, page


def write(page, name: str, **screenshot_args) -> None:
    target = SCREENSHOTS_DIR / name
    page.screenshot(path=str(target), **screenshot_args)
    print(f"wrote {target.relative_to(ROOT)}")


def panel_screenshot(browser, url: str, language: str, path: str, workbook: dict) -> None:
    """The phone's score details opened, with one figure's explanation open."""
    context, page = open_demo(browser, url, path, workbook, viewport={"width": 390, "height": 844},
                              device_scale_factor=2, has_touch=True)
    page.locator("[data-score-details] > summary").click()
    page.locator("details.explain").filter(has=page.get_by_text(EXPLAINED[language], exact=True)).locator("summary").tap()
    write(page, f"panel-{language}-390.png")
    context.close()


def handout_screenshots(browser, url: str, language: str, path: str, pages: int, workbook: dict) -> None:
    context, page = open_demo(browser, url, path, workbook, viewport={"width": A4_WIDTH, "height": A4_HEIGHT})
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    height = page.evaluate("document.documentElement.scrollHeight")
    for number in range(pages):
        top = number * A4_HEIGHT
        if top < height:
            write(page, f"handout-{language}-page{number + 1}.png", full_page=True,
                  clip={"x": 0, "y": top, "width": A4_WIDTH, "height": min(A4_HEIGHT, height - top)})
    context.close()


def sheet_screenshots(browser, url: str, language: str, path: str, workbook: dict, targets, ready=None) -> None:
    """Each (selector, name) of `targets` scrolled to the top, on a phone and a
    laptop; `ready` (a selector) is waited for first."""
    for width in (390, 1280):
        phone = width < 600
        context, page = open_demo(browser, url, path, workbook, viewport={"width": width, "height": 844 if phone else 900},
                                  device_scale_factor=2 if phone else 1)
        if ready is not None:
            page.locator(ready).first.wait_for(state="attached")
        for target, name in targets:
            page.locator(target).evaluate("el => el.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(200)  # sheets above lay out as they come into view
            page.locator(target).evaluate("el => el.scrollIntoView({block: 'start'})")
            if phone:  # clear of the score figures, which stay on top
                page.evaluate("scrollBy(0, -document.querySelector('.score-panel').offsetHeight)")
            write(page, f"{name}-{language}-{width}.png")
        context.close()


def people_screenshots(browser, url: str, language: str, path: str, workbook: dict) -> None:
    """The people sheet and the personal sheet's picker."""
    sheet_screenshots(browser, url, language, path, workbook, (("#people", "people"), ("#client-personal", "person")))


def review_screenshots(browser, url: str, language: str, path: str, workbook: dict) -> None:
    """Why they may not sign yet, and the director's motives with the
    advice beside them. The demo account with troubles of its own:
    procurement against the seller and influential, the decision process
    not known yet."""
    workbook = json.loads(json.dumps(workbook))
    workbook["people"][1].update(attitude="opponent", influence=3)
    for record in workbook["client"]["preferences"]:
        if record["id"] == "decision_process":
            record["known"] = False
    sheet_screenshots(browser, url, language, path, workbook, (("#review", "review"), ("[data-motives]", "motives")),
                      ready="[data-review-group='open'] > li")


def main() -> None:
    workbook = demo_committee(demo_workbook())
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        site = build.build(Path(temp) / "site")
        server = serve(site)
        url = server.url
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for language, path, width in SHOTS:
                phone = width < 600
                context = browser.new_context(
                    viewport={"width": width, "height": 844 if phone else 900},
                    device_scale_factor=2 if phone else 1,
                )
                context.add_init_script(storage_script(workbook))
                page = context.new_page()
                page.goto(url + path)
                page.wait_for_selector("body[data-ready='1'][data-sheets='all']")
                target = SCREENSHOTS_DIR / f"workbook-{language}-{width}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target.relative_to(ROOT)}")
                context.close()
            for language, path, _ in SHOTS[::2]:
                panel_screenshot(browser, url, language, path, workbook)
                people_screenshots(browser, url, language, path, workbook)
                review_screenshots(browser, url, language, path, workbook)
            for language, path, pages in PRINT_SHOTS:
                handout_screenshots(browser, url, language, path, pages, workbook)
            facilitator_screenshot(browser, url, workbook)
            browser.close()
        server.stop()


if __name__ == "__main__":
    main()
