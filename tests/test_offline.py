"""After one visit the workbook opens and works with the network cut, from
the second visit on every page does, and a new release replaces the old one
cleanly."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

import build
from conftest import serve
from facilitator_page import EnglishFacilitatorPage
from test_site_budget import first_visit_files, service_worker_lists
from workbook_page import WorkbookPage

pytestmark = pytest.mark.browser

CONTROLLED = "navigator.serviceWorker.controller !== null"


def test_the_service_worker_keeps_every_file_a_page_may_load(built_site):
    first, later = service_worker_lists(built_site)
    every_file = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*") if path.is_file()}
    left = every_file - set(first) - set(later)
    assert all(name.rpartition("/")[2].startswith(build.UNUSED_RUNTIME_CHUNKS) or name == build.SERVICE_WORKER
               for name in left), left
    assert {"./", "en/", "facilitator.html", "en/index.html", "py/room.mpy"} <= set(later)


def test_a_first_visit_keeps_what_the_worksheet_page_loads_and_nothing_more(built_site):
    # The modules fetched after ready, and for a download: they work offline too.
    fetched_later = {f"py/{build.shipped_name(name)}" for name in build.AFTER_READY_PY_MODULES + build.LAZY_PY_MODULES}
    for language in build.LANGUAGES:
        first, _ = service_worker_lists(built_site, language)
        page = build.PAGE_DIRS[language] + "index.html"
        assert set(first) - fetched_later == first_visit_files(built_site, page) - {page}


def test_the_workbook_opens_and_scores_offline_after_one_visit(page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    workbook.disclose("产品信息", "性能")
    page.wait_for_function(CONTROLLED)
    page.context.set_offline(True)
    workbook.reload()
    assert page.evaluate("navigator.onLine") is False
    workbook.workbook_action("新建")
    workbook.disclose("企业信息", "名声")
    workbook.add_need("系统老化")
    workbook.expect_score("T", "1")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载本工作簿").click()
    assert "系统老化" in open(download.value.path(), encoding="utf-8").read()


# True once the worker's cache holds every file it keeps for later visits.
EVERYTHING_KEPT = """async (later) => {
  const names = await caches.keys();
  if (names.length !== 1) return false;
  const kept = new Set((await (await caches.open(names[0])).keys()).map(request => request.url));
  return later.every(path => kept.has(new URL(path, location.href).href));
}"""


def test_from_the_second_visit_on_every_page_opens_offline(page, site_url, built_site, outside_requests):
    _, later = service_worker_lists(built_site)
    workbook = WorkbookPage(page, site_url).open()
    page.wait_for_function(CONTROLLED)
    assert page.evaluate(EVERYTHING_KEPT, later) is False  # a first visit keeps only what it uses
    workbook.reload()
    # The worker says when the whole site is kept (html[data-offline=ready]).
    page.wait_for_selector("html[data-offline='ready']", state="attached")
    assert page.evaluate(EVERYTHING_KEPT, later) is True
    page.context.set_offline(True)
    workbook.open("en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trust Workbook")
    # Its page workers start offline too: their script and modules are kept.
    EnglishFacilitatorPage(page, site_url).open(readers=1)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Facilitator")


def release_version(title: str) -> str:
    return hashlib.sha256(title.encode()).hexdigest()[:12]


@pytest.fixture
def releases(tmp_path, monkeypatch):
    """A site folder that can be rebuilt as a new release while it is served."""
    site = tmp_path / "site"
    content = build.load_content()

    def release(title: str) -> None:
        content["ui"]["app_title"]["zh"] = title
        monkeypatch.setattr(build, "load_content", lambda: content)
        monkeypatch.setattr(build, "build_version", lambda paths: release_version(title))
        staging = build.build(tmp_path / "staging")
        for path in sorted(staging.rglob("*")):
            target = site / path.relative_to(staging)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.write_bytes(path.read_bytes())

    release("信任工作簿 一版")
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_address[1]}/", release
    server.shutdown()


def test_a_page_not_yet_used_moves_to_a_new_release_by_itself(page, releases, outside_requests):
    url, release = releases
    workbook = WorkbookPage(page, url).open()
    page.wait_for_function(CONTROLLED)
    expect(page.get_by_role("heading", level=1)).to_have_text("信任工作簿 一版")
    release("信任工作簿 二版")
    workbook.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("信任工作簿 二版", timeout=20_000)
    workbook.wait_until_ready()
    # The first release's files go once no page of it is left open.
    page.wait_for_function("async (name) => JSON.stringify(await caches.keys()) === JSON.stringify([name])",
                           arg="trust-workbook-" + release_version("信任工作簿 二版"))


def test_a_page_in_use_announces_a_new_release_and_one_reload_shows_it(page, releases, outside_requests):
    url, release = releases
    workbook = WorkbookPage(page, url).open()
    page.wait_for_function(CONTROLLED)
    release("信任工作簿 二版")
    workbook.disclose("产品信息", "性能")  # in use: it must not reload under the user's hands
    page.evaluate("navigator.serviceWorker.getRegistration().then(registration => registration.update())")
    notice = page.locator("[data-update]")
    expect(notice).to_be_visible(timeout=20_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("信任工作簿 一版")
    notice.get_by_role("button", name="重新载入").click()
    workbook.wait_until_ready()
    expect(page.get_by_role("heading", level=1)).to_have_text("信任工作簿 二版")
    workbook.expect_score("IS", "1")


def test_the_same_page_open_in_two_tabs_does_not_stop_a_new_release_installing(page, releases, outside_requests):
    url, release = releases
    first = WorkbookPage(page, url).open()
    second = WorkbookPage(page.context.new_page(), url).open()
    for tab in (first, second):
        tab.page.wait_for_function(CONTROLLED)
    release("信任工作簿 二版")
    page.evaluate("navigator.serviceWorker.getRegistration().then(registration => registration.update())")
    # Neither tab is in use, so both move to the new release by themselves.
    for tab in (first, second):
        expect(tab.page.get_by_role("heading", level=1)).to_have_text("信任工作簿 二版", timeout=20_000)


RESULTS_URL = "document.documentElement.dataset.moduleUrl.replace('{}', 'results')"
RESULTS_MODULE = f"fetch({RESULTS_URL} + '?release=' + document.documentElement.dataset.build)"


def test_a_page_of_the_first_release_is_served_only_the_first_releases_files(page, releases, outside_requests):
    url, release = releases
    workbook = WorkbookPage(page, url).open()
    page.wait_for_function(CONTROLLED)
    first_cache = page.evaluate("caches.keys()")[0]
    # Marks the first release's copy of the module the page fetches on first use.
    page.evaluate("""async (name) => {
      const cache = await caches.open(name);
      await cache.put(new URL(""" + RESULTS_URL + """, location.href).href,
                      new Response('the first release'));
    }""", first_cache)
    release("信任工作簿 二版")
    workbook.disclose("产品信息", "性能")  # in use: it stays on the first release
    page.evaluate("navigator.serviceWorker.getRegistration().then(registration => registration.update())")
    expect(page.locator("[data-update]")).to_be_visible(timeout=20_000)
    assert page.evaluate(RESULTS_MODULE + ".then(response => response.text())") == "the first release"
    # With the first release's files gone, the page is refused rather than served the second's.
    page.evaluate("(name) => caches.delete(name)", first_cache)
    assert page.evaluate(RESULTS_MODULE + ".then(response => response.status)") == 410
