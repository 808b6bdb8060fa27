"""A whole workshop session sends nothing anywhere: every request of the
worksheet page and the facilitator view stays on the site's own origin."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from facilitator_page import FacilitatorPage
from workbook_page import WorkbookPage

pytestmark = pytest.mark.browser


def test_a_full_session_never_leaves_the_sites_origin(page, site_url, outside_requests):
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url))
    workbook = WorkbookPage(page, site_url).open()
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能", note="每秒 3000 笔")
    workbook.add_need("审批太慢")
    workbook.add_shared_item("同一所大学", "2")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载本工作簿").click()
    exported = open(info.value.path(), encoding="utf-8").read()
    page.get_by_label("导入 JSON 文件").set_input_files(
        files=[{"name": "回来.json", "mimeType": "application/json", "buffer": exported.encode("utf-8")}]
    )
    page.get_by_role("button", name="两份都保留").click()  # the workbook is already here: keep both
    expect(page.get_by_role("status")).to_contain_text("已导入 1 个工作簿")
    page.get_by_role("link", name="培训师视图").click()
    facilitator = FacilitatorPage(page, site_url).wait_until_ready()
    page.get_by_label("选择结果文件(可多选)").set_input_files(
        files=[{"name": "省税务局.json", "mimeType": "application/json", "buffer": exported.encode("utf-8")}]
    )
    expect(facilitator.table()).to_contain_text("省税务局")
    origin = urlparse(site_url).netloc
    assert seen, "the session made requests"
    assert [url for url in seen if urlparse(url).netloc != origin and not url.startswith(("blob:", "data:"))] == []
    assert outside_requests == []
