"""The page while its engine is still on the way: a participant on slow venue
Wi-Fi sees and uses the form from its first paint, nothing typed in that time
is lost, and the page does not jump when the engine arrives.

The test's server holds the interpreter's files back (tools/serve.py
`hold`), so "before ready" lasts exactly as long as the test needs."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import expect

from workbook_page import WorkbookPage

pytestmark = pytest.mark.browser

ENGINE = "runtime/micropython/"
PHONE = {"width": 390, "height": 844}

# Installed before any page script: the sum of every layout shift the page
# makes without user input (the Cumulative Layout Shift of the load).
LAYOUT_SHIFTS = """
window.layoutShift = 0;
window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.layoutShift += entry.value;
    window.layoutShifts.push({
      value: entry.value,
      at: Math.round(entry.startTime),
      moved: entry.sources.map((source) => source.node ? source.node.outerHTML.slice(0, 80) : "?"),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture
def browser_context_args(browser_context_args):
    # A second visit in these tests must fetch the engine again (and wait for
    # the held files), not take it from the service worker's cache.
    return {**browser_context_args, "service_workers": "block"}


def test_what_is_typed_before_the_page_is_ready_is_kept_and_survives_a_reload(page, site_server, outside_requests):
    workbook = WorkbookPage(page, site_server.url)
    with site_server.hold(ENGINE):
        page.goto(site_server.url, wait_until="commit")
        workbook.name_workbook("早到的客户")
        workbook.disclose("产品信息", "性能", note="能效比同类高 20%")
        expect(page.locator("body")).to_have_attribute("data-ready", "0")
    workbook.wait_until_ready()
    expect(page.get_by_label("工作簿名称")).to_have_value("早到的客户")
    expect(workbook.switcher().locator("option:checked")).to_have_text("早到的客户")
    expect(page.locator("[data-score='IS']")).to_have_text("1")
    workbook.wait_until_saved()
    workbook.reload()
    point = workbook.point("产品信息", "性能")
    expect(point.get_by_label("要点")).to_have_value("能效比同类高 20%")
    expect(point.get_by_label("状态")).to_have_value("disclosed")
    expect(workbook.switcher().locator("option:checked")).to_have_text("早到的客户")
    expect(page.locator("[data-score='IS']")).to_have_text("1")


def test_a_workbook_added_before_ready_opens_with_what_was_typed_into_it(page, site_server, outside_requests):
    workbook = WorkbookPage(page, site_server.url)
    workbook.open()
    workbook.name_workbook("第一本")
    workbook.wait_until_saved()
    with site_server.hold(ENGINE):
        page.goto(site_server.url, wait_until="commit")
        workbook.workbook_action("新建")
        workbook.name_workbook("第二本")
        expect(page.locator("body")).to_have_attribute("data-ready", "0")
    workbook.wait_until_ready()
    expect(workbook.switcher().locator("option")).to_have_text(["第一本", "第二本"])
    expect(page.get_by_label("工作簿名称")).to_have_value("第二本")


def test_a_cold_load_on_a_phone_keeps_its_first_layout(page, site_server, outside_requests):
    page.set_viewport_size(PHONE)
    page.add_init_script(LAYOUT_SHIFTS)
    workbook = WorkbookPage(page, site_server.url)
    with site_server.hold(ENGINE):
        page.goto(site_server.url, wait_until="commit")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.evaluate(TWO_FRAMES)  # the first paint is on screen, without the engine
    workbook.wait_until_ready()
    # and what follows ready: the score's details, the browser's answer on keeping the data
    expect(page.locator("body")).to_have_attribute("data-panel", "complete")
    expect(page.locator("body")).to_have_attribute("data-storage", re.compile("."))
    page.evaluate(TWO_FRAMES)
    shift = page.evaluate("window.layoutShift")
    assert shift < 0.05, page.evaluate("window.layoutShifts")


def test_the_score_details_start_closed_on_a_phone_and_open_on_a_laptop(page, site_server, outside_requests):
    details = page.locator("[data-score-details]")
    page.set_viewport_size(PHONE)
    with site_server.hold(ENGINE):
        page.goto(site_server.url, wait_until="commit")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(details).not_to_have_attribute("open", "")
    page.set_viewport_size({"width": 1280, "height": 900})
    WorkbookPage(page, site_server.url).reload()
    expect(details).to_have_attribute("open", "")


def test_every_page_describes_itself_in_its_language(built_site):
    descriptions = {}
    for path in ("index.html", "en/index.html", "facilitator.html", "en/facilitator.html"):
        found = DESCRIPTION.search((built_site / path).read_text(encoding="utf-8"))
        descriptions[path] = html.unescape(found.group(1)) if found else ""
    assert descriptions["index.html"].startswith("有计划地交换信息")
    assert descriptions["en/index.html"].startswith("Build a client's trust")
    assert all(descriptions.values()) and len(set(descriptions.values())) == 4


def test_a_note_typed_before_ready_over_a_saved_one_keeps_both(page, site_server, outside_requests):
    workbook = WorkbookPage(page, site_server.url).open()
    workbook.disclose("产品信息", "性能", note="已保存的要点")
    workbook.wait_until_saved()
    with site_server.hold(ENGINE):
        page.goto(site_server.url, wait_until="commit")
        workbook.point("产品信息", "性能").get_by_label("要点").fill("新写的")
        expect(page.locator("body")).to_have_attribute("data-ready", "0")
    workbook.wait_until_ready()
    expect(workbook.point("产品信息", "性能").get_by_label("要点")).to_have_value("已保存的要点\n新写的")
