"""Browsers differ in what they offer the page: a missing feature is
explained in words, never shown as a traceback. What the page promises
about keeping the data, and when it asks the browser for more (page.js):
never on a page load, at most once per browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import build
from workbook_page import WorkbookPage

METHOD = build.load_content()
UI = METHOD["ui"]

# Stands in for navigator.storage with a user who answers `answer` to the
# browser's question; the calls are counted in sessionStorage, which lives
# as long as the tab, across reloads.
STORAGE_MANAGER_ANSWERING = """answer => {
  const count = () => Number(sessionStorage.getItem("persist-calls") || 0);
  const manager = {
    persisted: () => Promise.resolve(sessionStorage.getItem("persist-granted") === "1"),
    persist: () => {
      sessionStorage.setItem("persist-calls", String(count() + 1));
      if (answer) sessionStorage.setItem("persist-granted", "1");
      return Promise.resolve(answer);
    },
  };
  Object.defineProperty(Navigator.prototype, "storage", { get: () => manager, configurable: true });
}"""
NO_STORAGE_MANAGER = """() => {
  Object.defineProperty(Navigator.prototype, "storage", { get: () => undefined, configurable: true });
}"""
NO_SERVICE_WORKER = """() => { delete Navigator.prototype.serviceWorker; }"""
NO_LOCAL_STORAGE = """() => {
  Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    configurable: true,
  });
}"""


# What page.js may set body[data-storage] to.
STORAGE_STATES = ("persisted", "best-effort", "unsupported", "not-kept")


def test_every_state_has_its_words_on_the_page_in_both_languages(built_site):
    for page_dir, language in (("", "zh"), ("en/", "en")):
        html = (built_site / page_dir / "index.html").read_text(encoding="utf-8")
        for state in STORAGE_STATES:
            assert f'data-when-storage="{state}"' in html
        for key in ("persist_granted", "persist_denied", "persist_unavailable", "persist_none", "persist_ask"):
            assert UI[key][language] in html


# ---------------------------------------------------------------- in the page

def persistence_line(page):
    """The browser's answer, as the user sees it: the one text shown."""
    return page.locator("[data-persistence] > span:visible")


def persist_calls(page) -> int:
    return int(page.evaluate("() => Number(sessionStorage.getItem('persist-calls') || 0)"))


def download(workbook: WorkbookPage):
    with workbook.page.expect_download():
        workbook.page.get_by_role("button", name="下载本工作簿").click()
    expect(workbook.page.get_by_role("status")).to_contain_text("已下载")


@pytest.mark.browser
def test_the_browser_is_asked_once_after_the_first_download_and_never_again(page, site_url, outside_requests):
    page.add_init_script(script=f"({STORAGE_MANAGER_ANSWERING})(false)")
    workbook = WorkbookPage(page, site_url).open()
    line = persistence_line(page)
    expect(line).to_contain_text(UI["persist_denied"]["zh"])
    keep = page.get_by_role("button", name=UI["persist_ask"]["zh"])
    expect(keep).to_be_visible()
    workbook.reload()
    assert persist_calls(page) == 0
    download(workbook)
    expect(keep).to_be_hidden()
    assert persist_calls(page) == 1
    download(workbook)
    workbook.reload()
    expect(line).to_contain_text(UI["persist_denied"]["zh"])
    expect(keep).to_be_hidden()
    download(workbook)
    assert persist_calls(page) == 1


@pytest.mark.browser
def test_keep_my_data_asks_the_browser_and_shows_its_promise(page, site_url, outside_requests):
    page.add_init_script(script=f"({STORAGE_MANAGER_ANSWERING})(true)")
    workbook = WorkbookPage(page, site_url).open("en/")
    line = persistence_line(page)
    page.get_by_role("button", name=UI["persist_ask"]["en"]).click()
    expect(line).to_contain_text(UI["persist_granted"]["en"])
    workbook.reload()
    expect(line).to_contain_text(UI["persist_granted"]["en"])
    assert persist_calls(page) == 1


@pytest.mark.browser
def test_a_browser_without_the_storage_manager_is_told_plainly_what_may_happen(page, site_url, outside_requests):
    page.add_init_script(script=f"({NO_STORAGE_MANAGER})()")
    WorkbookPage(page, site_url).open()  # fails on any Python error
    expect(persistence_line(page)).to_contain_text(UI["persist_unavailable"]["zh"])
    expect(page.get_by_role("button", name=UI["persist_ask"]["zh"])).to_be_hidden()


@pytest.mark.browser
def test_a_browser_that_refuses_local_storage_still_works_and_says_nothing_is_kept(page, site_url,
                                                                                   outside_requests):
    page.add_init_script(script=f"({NO_LOCAL_STORAGE})()")
    workbook = WorkbookPage(page, site_url).open("en/")
    expect(persistence_line(page)).to_contain_text(UI["persist_none"]["en"])
    workbook.page.get_by_label("Workbook name").fill("Harbour authority")
    expect(page.get_by_label("Current workbook")).to_contain_text("Harbour authority")


@pytest.mark.browser
def test_a_browser_without_service_workers_still_runs_the_page(page, site_url, outside_requests):
    page.add_init_script(script=f"({NO_SERVICE_WORKER})()")
    workbook = WorkbookPage(page, site_url).open()  # fails on any Python error
    assert page.evaluate("() => 'serviceWorker' in navigator") is False
    workbook.disclose("产品信息", "性能", note="离线不可用也能填写")
    workbook.wait_until_saved().reload()
    workbook.expect_score("IS", "1")
