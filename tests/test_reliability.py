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
    workbook.fill_in_turn(note, [f"第 {count} 稿" for count in range(1, 150)])
    expect(status).to_be_hidden()
    note.fill("第 150 稿")
    expect(status).to_contain_text("建议现在下载一份备份")
    with workbook.page.expect_download():
        workbook.page.get_by_role("button", name="下载本工作簿").click()
    expect(status).to_contain_text("已下载")
    workbook.fill_in_turn(note, [f"再改 {count}" for count in range(149)])
    expect(note).to_have_value("再改 148")
    expect(status).to_contain_text("已下载")


# ---------------------------------------------------------------- issue 13: nothing silently destroyed

def current_id(page) -> str:
    return page.evaluate("JSON.parse(localStorage.getItem('trust-workbook:index')).current")


def fill_notes(workbook: WorkbookPage, count: int):
    points = [("产品信息", "性能"), ("产品信息", "设计"), ("企业信息", "名声")][:count]
    for sheet, point in points:
        workbook.disclose(sheet, point, note=point + "的要点")
    workbook.wait_until_saved()


def test_a_damaged_workbook_that_cannot_be_set_aside_is_not_claimed_kept_and_is_never_written_over(
        page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    workbook.name_workbook("省税务局")
    fill_notes(workbook, 3)
    key = "trust-workbook:workbook:" + current_id(page)
    damaged = storage(page)[key][:-40]  # cut short: no longer JSON
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, damaged])
    page.context.add_init_script(FAIL_EVERY_WRITE.join(["(", ")()"]))
    workbook.reload()
    status = page.get_by_role("status")
    expect(status).to_contain_text("只读")
    expect(status).not_to_contain_text("原样保留")
    workbook.disclose("产品信息", "质量", note="一个新的要点")
    expect(page.locator("body")).to_have_attribute("data-save-state", "failed")
    assert storage(page)[key] == damaged
    assert not [name for name in storage(page) if ":unreadable:" in name]


def test_a_workbook_damaged_into_the_wrong_shape_is_set_aside_and_the_user_told(page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    workbook.name_workbook("省税务局")
    fill_notes(workbook, 2)
    key = "trust-workbook:workbook:" + current_id(page)
    stored = json.loads(storage(page)[key])
    stored["seller"]["product"] = {record["id"]: record for record in stored["seller"]["product"]}
    damaged = json.dumps(stored, ensure_ascii=False)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, damaged])
    workbook.reload()
    expect(page.get_by_role("status")).to_contain_text("无法读取")
    workbook.disclose("产品信息", "质量", note="一个新的要点")
    workbook.wait_until_saved()
    kept = {name: value for name, value in storage(page).items() if ":unreadable:" in name}
    assert list(kept.values()) == [damaged]


def test_an_import_that_does_not_fit_in_storage_stores_nothing_and_says_so(page, site_url, outside_requests):
    import build
    import results
    import scoring
    from workbook_strategies import largest_workbook

    method = build.load_content()
    workbook = WorkbookPage(page, site_url).open()
    workbook.name_workbook("省税务局")
    workbook.wait_until_saved()
    before = storage(page)
    # Room for about three of the twenty workbooks.
    page.evaluate("""(room) => {
      const used = () => Object.entries(localStorage).reduce((n, [k, v]) => n + k.length + v.length, 0);
      const limit = used() + room;
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        const old = this.getItem(key);
        if (used() - (old === null ? 0 : key.length + old.length) + key.length + value.length > limit) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        setItem.call(this, key, value);
      };
    }""", 3 * len(json.dumps(scoring.normalise(largest_workbook(), method), ensure_ascii=False)))
    many = [dict(largest_workbook(), name=f"客户 {number}") for number in range(20)]
    text = results.document_text(results.export_document(many, method, "2026-12-01T09:00:00Z", "test"))
    payload = {"name": "二十个.json", "mimeType": "application/json", "buffer": text.encode("utf-8")}
    page.get_by_label("导入 JSON 文件").set_input_files(files=[payload])
    status = page.get_by_role("status")
    expect(status).to_contain_text("存储空间不足")
    expect(status).not_to_contain_text("已导入")
    expect(workbook.switcher().get_by_role("option")).to_have_text(["省税务局"])
    assert storage(page) == before


def test_a_save_from_another_tab_that_crossed_this_tabs_save_keeps_both(page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    workbook.name_workbook("省税务局")
    workbook.wait_until_saved()
    workbook_id = current_id(page)
    theirs = json.loads(storage(page)["trust-workbook:workbook:" + workbook_id])
    workbook.disclose("产品信息", "性能")
    workbook.wait_until_saved()
    # The other tab started from the same revision and its write landed just
    # after this tab's: same revision number, another writer, and the storage
    # event arriving afterwards as it does between two tabs.
    theirs["seller"]["company"][0]["status"] = "disclosed"
    page.evaluate(
        """([id, data]) => {
             const key = 'trust-workbook:revision:' + id;
             const number = String(localStorage.getItem(key)).split(':')[0];
             localStorage.setItem('trust-workbook:workbook:' + id, data);
             localStorage.setItem(key, number + ':the-other-tab');
             window.dispatchEvent(new StorageEvent('storage', {key}));
           }""",
        [workbook_id, json.dumps(theirs, ensure_ascii=False)],
    )
    expect(page.get_by_role("status")).to_contain_text("两份都保留了")
    expect(workbook.switcher().get_by_role("option")).to_have_text(["省税务局", "省税务局(冲突副本)"])
    workbook.expect_score("IS", "1")
    workbook.switcher().select_option(label="省税务局")
    expect(workbook.point("企业信息", "名声").get_by_label(ZH["status"])).to_have_value("disclosed")
    expect(workbook.point("产品信息", "性能").get_by_label(ZH["status"])).to_have_value("empty")


def test_a_first_visit_with_storage_full_never_says_saved(page, site_url, outside_requests):
    page.context.add_init_script(FAIL_EVERY_WRITE.join(["(", ")()"]))
    WorkbookPage(page, site_url).open()
    expect(page.get_by_text("未能保存")).to_be_visible()
    expect(page.get_by_text("已保存在本浏览器")).to_be_hidden()
