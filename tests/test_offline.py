"""After one visit the workbook opens and works with the network cut, and a
new release replaces the old one cleanly."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

import build
from conftest import serve
from workbook_page import WorkbookPage

pytestmark = pytest.mark.browser

CONTROLLED = "navigator.serviceWorker.controller !== null"


def test_the_service_worker_keeps_every_file_a_page_may_load(built_site):
    worker = (built_site / build.SERVICE_WORKER).read_text(encoding="utf-8")
    kept = [path for path in built_site.rglob("*") if path.is_file() and f'"{path.relative_to(built_site).as_posix()}"' in worker]
    left = {path.name for path in built_site.rglob("*") if path.is_file()} - {path.name for path in kept}
    assert all(name.startswith(build.UNUSED_RUNTIME_CHUNKS) or name == build.SERVICE_WORKER for name in left)
    for needed in ("index.html", "facilitator.html", "main.mpy", "results.mpy", "method.json", "micropython.wasm"):
        assert needed in {path.name for path in kept}
    assert '"./"' in worker and '"en/"' in worker


def test_the_workbook_opens_and_scores_offline_after_one_visit(page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    workbook.disclose("产品信息", "性能")
    page.wait_for_function(CONTROLLED)
    page.context.set_offline(True)
    workbook.open("en/")
    assert page.evaluate("navigator.onLine") is False
    expect(page.get_by_role("heading", level=1)).to_have_text("Trust Workbook")
    page.evaluate("localStorage.setItem('trust-workbook:language', 'zh')")
    workbook.open()
    workbook.workbook_action("新建")
    workbook.disclose("企业信息", "名声")
    workbook.add_need("系统老化")
    workbook.expect_score("T", "1")


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
    assert page.evaluate("caches.keys()") == ["trust-workbook-" + release_version("信任工作簿 二版")]


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
