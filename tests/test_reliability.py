"""Nothing typed is lost: full storage, damaged entries and two open tabs."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from workbook_page import ZH, WorkbookPage

pytestmark = pytest.mark.browser

FAIL_EVERY_WRITE = """() => {
  Storage.prototype.setItem = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
}"""


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url).open()


def storage(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def test_a_failed_save_is_reported_and_the_last_good_state_is_kept(workbook):
    workbook.disclose("产品信息", "性能", note="响应快")
    workbook.wait_until_saved().page.evaluate(FAIL_EVERY_WRITE)
    workbook.disclose("产品信息", "设计")
    expect(workbook.page.get_by_role("status")).to_contain_text("保存失败")
    expect(workbook.page.get_by_text("未能保存")).to_be_visible()
    workbook.reload()
    workbook.expect_score("IS", "1")
    expect(workbook.point("产品信息", "性能").get_by_label(ZH["note"])).to_have_value("响应快")


def test_an_unreadable_workbook_is_set_aside_and_the_others_still_open(page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能")
    workbook.workbook_action(ZH["new"])
    workbook.name_workbook("市医院")
    workbook.wait_until_saved()
    damaged_id = page.evaluate("JSON.parse(localStorage.getItem('trust-workbook:index')).current")
    page.evaluate(f"localStorage.setItem('trust-workbook:workbook:{damaged_id}', '{{\"seller\": [broken')")
    workbook.reload()
    expect(page.get_by_role("status")).to_contain_text("无法读取")
    kept = {key: value for key, value in storage(page).items() if ":unreadable:" in key}
    assert list(kept.values()) == ['{"seller": [broken']
    workbook.switcher().select_option(label="省税务局")
    workbook.expect_score("IS", "1")


def test_workbooks_missing_from_a_lost_index_are_found_again(workbook):
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能")
    workbook.page.evaluate("localStorage.removeItem('trust-workbook:index')")
    workbook.reload()
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_have_value("省税务局")
    workbook.expect_score("IS", "1")


def test_an_edit_in_one_tab_appears_in_the_other(page, site_url, outside_requests):
    first = WorkbookPage(page, site_url).open()
    second = WorkbookPage(page.context.new_page(), site_url).open()
    first.disclose("产品信息", "性能")
    second.expect_score("IS", "1")
    expect(second.page.get_by_role("status")).to_contain_text("另一个标签页")
    second.disclose("企业信息", "名声")
    first.expect_score("IS", "2")


def test_edits_racing_in_two_tabs_are_both_kept(page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    workbook.name_workbook("省税务局")
    workbook.wait_until_saved()
    current = page.evaluate("JSON.parse(localStorage.getItem('trust-workbook:index')).current")
    # Another tab's save that this tab has not heard of yet: a write from the
    # page itself raises no storage event here, exactly like a late one.
    other = json.loads(storage(page)[f"trust-workbook:workbook:{current}"])
    other["seller"]["company"][0]["status"] = "disclosed"
    page.evaluate(
        """([id, data]) => {
             localStorage.setItem('trust-workbook:workbook:' + id, data);
             const key = 'trust-workbook:revision:' + id;
             localStorage.setItem(key, String(Number(localStorage.getItem(key)) + 1));
           }""",
        [current, json.dumps(other, ensure_ascii=False)],
    )
    workbook.disclose("产品信息", "性能")
    expect(page.get_by_role("status")).to_contain_text("两份都保留了")
    options = workbook.switcher().get_by_role("option")
    expect(options).to_have_text(["省税务局", "省税务局(冲突副本)"])
    workbook.expect_score("IS", "1")
    workbook.switcher().select_option(label="省税务局")
    workbook.expect_score("IS", "1")
    expect(workbook.point("企业信息", "名声").get_by_label(ZH["status"])).to_have_value("disclosed")
    expect(workbook.point("产品信息", "性能").get_by_label(ZH["status"])).to_have_value("empty")


def test_the_page_says_whether_storage_is_kept_for_good(workbook):
    granted = workbook.page.evaluate("navigator.storage.persisted()")
    expected = "长期保存" if granted else "请定期下载备份"
    expect(workbook.page.locator("[data-persistence] > span:visible")).to_contain_text(expected)


def test_after_many_edits_the_page_suggests_a_backup_and_a_download_resets_the_count(workbook):
    note = workbook.point("产品信息", "性能").get_by_label(ZH["note"])
    status = workbook.page.get_by_role("status")
    for count in range(1, 150):
        note.fill(f"第 {count} 稿")
    expect(status).to_be_hidden()
    note.fill("第 150 稿")
    expect(status).to_contain_text("建议现在下载一份备份")
    with workbook.page.expect_download():
        workbook.page.get_by_role("button", name="下载本工作簿").click()
    expect(status).to_contain_text("已下载")
    for count in range(149):
        note.fill(f"再改 {count}")
    expect(status).to_contain_text("已下载")
