"""A participant's hour with the workbook, in a real browser."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

import build
import results
import scoring
from accessibility import TARGET_SIZE, serious_violations
from workbook_page import ZH, WorkbookPage

pytestmark = pytest.mark.browser

METHOD = build.load_content()


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url).open()


def stored_workbooks(page) -> list[dict]:
    return page.evaluate(
        """() => Object.keys(localStorage)
            .filter(key => key.startsWith('trust-workbook:workbook:'))
            .map(key => JSON.parse(localStorage.getItem(key)))"""
    )


def fill_worked_example(workbook: WorkbookPage):
    """METHOD.md's worked example, typed in as a participant would."""
    for point in ("性能", "指标", "设计"):
        workbook.disclose("产品信息", point)
    for point in ("名声", "知名度"):
        workbook.disclose("企业信息", point)
    for point in ("爱好", "过去经历"):
        workbook.tell(point, level="semi_public")
    workbook.add_need("审批流程太慢,群众投诉多")
    workbook.add_need("数据分散在六个系统里")
    for point in ("决策流程", "决策参与的人", "决策依据的条件"):
        workbook.learn("偏好信息", point)
    workbook.learn("客户的个人信息", "爱好", level="private")
    workbook.add_shared_item("同一所大学", "2")


def test_the_worked_example_typed_in_scores_248(workbook):
    fill_worked_example(workbook)
    workbook.expect_score("T", "248")
    workbook.expect_score("IS", "7")
    workbook.expect_score("IC", "6.5")
    workbook.expect_score("R", "9")


def test_the_score_shown_is_the_one_the_core_computes_for_what_was_saved(workbook):
    fill_worked_example(workbook)
    workbook.learn("偏好信息", "内部管理模式")
    workbook.disclose("企业信息", "文化", level=None)
    workbook.page.get_by_label(ZH["preset"]).select_option("needs_locked")
    (saved,) = stored_workbooks(workbook.wait_until_saved().page)
    expected = scoring.score(saved, METHOD)
    assert expected["text"]["T"] == "314.5"  # (3 + 3 + 2 + 9) × (2×2 + 4 + 1.5 + 9)
    workbook.expect_score("T", expected["text"]["T"])


def test_a_browser_without_idle_callbacks_scores_every_keystroke_as_well(page, site_url, outside_requests):
    """Safari has no requestIdleCallback: the garbage is then collected after a timeout."""
    page.add_init_script("delete window.requestIdleCallback;")
    workbook = WorkbookPage(page, site_url).open()
    assert page.evaluate("typeof window.requestIdleCallback") == "undefined"
    fill_worked_example(workbook)
    workbook.expect_score("T", "248")
    assert page.locator(".py-error").count() == 0


def test_each_worksheet_moves_the_score(workbook):
    steps = [
        lambda: workbook.add_shared_item("孩子同班", "3"),
        lambda: workbook.disclose("产品信息", "质量"),
        lambda: workbook.disclose("企业信息", "规模"),
        lambda: workbook.tell("性格", level="private"),
        lambda: workbook.add_need("预算年底前必须用完"),
        lambda: workbook.learn("偏好信息", "个人动机"),
        lambda: workbook.learn("客户的个人信息", "性格"),
    ]
    seen = [workbook.score("T")]
    for step in steps:
        step()
        expect(workbook.page.locator("[data-score='T']")).not_to_have_text(seen[-1])
        seen.append(workbook.score("T"))
    assert len(set(seen)) == len(seen)


def test_next_moves_and_weakest_area_follow_the_workbook(workbook):
    # A blank workbook: no single step raises T; looking for common ground is shown apart.
    expect(workbook.moves()).to_have_count(0)
    expect(workbook.page.locator("[data-no-moves]")).to_contain_text("双方")
    expect(workbook.page.get_by_role("link", name="与第 1 人找共同点")).to_be_visible()
    expect(workbook.page.locator("[data-weakest]")).to_contain_text("需求信息")
    workbook.add_need("系统老化")
    expect(workbook.page.locator("[data-weakest]")).not_to_contain_text("需求信息")
    workbook.disclose("产品信息", "性能")
    expect(workbook.moves().first).to_be_visible()
    expect(workbook.page.locator("[data-no-moves]")).to_be_hidden()


def test_the_coverage_bars_say_they_show_what_is_prepared_and_the_table_what_is_disclosed(workbook):
    # One product point told the client, one only written down: the bar (20 %)
    # and the table's disclosure (10 %) differ, and the bars say why.
    workbook.disclose("产品信息", "性能")
    workbook.point("产品信息", "指标").get_by_label(ZH["note"]).fill("并发 3000 笔每秒")
    expect(workbook.point("产品信息", "指标").get_by_label(ZH["status"])).to_have_value("prepared")
    expect(workbook.coverage_bar("seller.product")).to_have_text("20%")
    expect(workbook.indicator("disclosure.product")).to_have_text("10%")
    expect(workbook.coverage_help()).to_have_text(METHOD["ui"]["walk9_coverage_help"]["zh"])


def test_everything_typed_is_restored_after_a_reload(workbook):
    fill_worked_example(workbook)
    workbook.point("产品信息", "性能").get_by_label(ZH["note"]).fill("能耗比同类低 20%")
    workbook.point("产品信息", "性能").get_by_label(ZH["stage"]).select_option("2")
    workbook.page.get_by_label(ZH["contact_factor"]).fill("2")
    workbook.expect_score("T", "496")
    workbook.reload()
    workbook.expect_score("T", "496")
    point = workbook.point("产品信息", "性能")
    expect(point.get_by_label(ZH["note"])).to_have_value("能耗比同类低 20%")
    expect(point.get_by_label(ZH["stage"])).to_have_value("2")
    expect(workbook.rows(ZH["needs"])).to_have_count(2)
    expect(workbook.rows(ZH["needs"]).first.get_by_label(ZH["need_text"])).to_have_value("审批流程太慢,群众投诉多")
    expect(workbook.page.get_by_label(ZH["contact_factor"])).to_have_value("2")


def test_two_workbooks_are_kept_apart_and_the_last_one_reopens(workbook):
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能")
    workbook.workbook_action(ZH["new"])
    workbook.name_workbook("市医院")
    workbook.expect_score("IS", "0")
    workbook.disclose("企业信息", "名声")
    workbook.disclose("企业信息", "文化")
    workbook.expect_score("IS", "2")
    workbook.switcher().select_option(label="省税务局")
    workbook.expect_score("IS", "1")
    expect(workbook.point("企业信息", "名声").get_by_label(ZH["status"])).to_have_value("empty")
    workbook.reload()
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_have_value("省税务局")
    workbook.switcher().select_option(label="市医院")
    workbook.expect_score("IS", "2")


def test_new_on_a_workbook_still_blank_starts_there_instead_of_adding_a_second_blank_one(workbook):
    workbook.workbook_action(ZH["new"])
    expect(workbook.switcher().locator("option")).to_have_count(1)
    expect(workbook.page.locator("[data-status-text]")).to_contain_text("这份工作簿还是空白的")
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_be_focused()
    workbook.disclose("产品信息", "性能")
    workbook.workbook_action(ZH["new"])
    expect(workbook.switcher().locator("option")).to_have_count(2)


@pytest.mark.parametrize("first_edit", ["name", "person", "point"])
def test_start_here_goes_with_the_first_edit_of_the_blank_workbook(page, site_url, outside_requests, first_edit):
    page.set_viewport_size({"width": 390, "height": 844})
    workbook = WorkbookPage(page, site_url).open()
    workbook.workbook_action(ZH["new"])
    expect(workbook.status_line()).to_be_visible()
    expect(workbook.status_line()).to_contain_text("这份工作簿还是空白的")
    if first_edit == "name":
        workbook.page.get_by_label(ZH["workbook_name"]).press_sequentially("市")
    elif first_edit == "person":
        workbook.add_person()
    else:
        workbook.point("产品信息", "性能").get_by_label(ZH["status"]).select_option("prepared")
    expect(workbook.status_line()).to_be_hidden()
    workbook.add_person("张科长")
    expect(workbook.status_line()).to_be_hidden()


def test_a_new_shared_item_says_other_until_the_seller_picks_its_category(workbook):
    workbook.add_shared_item("都喜欢钓鱼", "2")
    category = workbook.worksheet(ZH["common_ground"]).get_by_role("combobox", name="类别", exact=True).last
    expect(category.locator("option:checked")).to_have_text("其他")
    workbook.wait_until_saved()
    assert workbook.stored_workbook()["common_ground"][-1]["category"] == "other"
    category.select_option(label="共同爱好")
    workbook.wait_until_saved()
    assert workbook.stored_workbook()["common_ground"][-1]["category"] == "hobby"


def test_a_duplicate_is_a_separate_copy(workbook):
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能")
    workbook.workbook_action(ZH["duplicate"])
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_have_value("省税务局(副本)")
    workbook.disclose("产品信息", "设计")
    workbook.expect_score("IS", "2")
    workbook.switcher().select_option(label="省税务局")
    workbook.expect_score("IS", "1")


def test_a_deleted_workbook_comes_back_with_undo(workbook):
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能")
    workbook.workbook_action(ZH["new"])
    workbook.name_workbook("市医院")
    workbook.workbook_action(ZH["delete"])
    expect(workbook.page.get_by_role("status")).to_contain_text("市医院")
    expect(workbook.switcher().get_by_role("option")).to_have_count(1)
    workbook.page.get_by_role("button", name=ZH["undo"]).click()
    expect(workbook.switcher().get_by_role("option")).to_have_count(2)
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_have_value("市医院")
    assert sorted(saved["name"] for saved in stored_workbooks(workbook.page)) == ["市医院", "省税务局"]


def test_a_need_can_be_removed_again(workbook):
    workbook.add_need("系统老化")
    workbook.add_need("人手不够")
    workbook.rows(ZH["needs"]).first.get_by_role("button", name=ZH["remove"]).click()
    expect(workbook.rows(ZH["needs"])).to_have_count(1)
    expect(workbook.rows(ZH["needs"]).first.get_by_label(ZH["need_text"])).to_have_value("人手不够")


def test_settings_reset_to_the_defaults(workbook):
    fill_worked_example(workbook)
    workbook.page.get_by_label(ZH["preset"]).select_option("relationship_driven")
    workbook.expect_score("IC", "8")
    workbook.page.get_by_role("button", name=ZH["reset_settings"]).click()
    workbook.expect_score("IC", "6.5")
    expect(workbook.page.get_by_label(ZH["preset"])).to_have_value("balanced")


def test_the_chosen_language_is_remembered(workbook):
    workbook.page.get_by_role("link", name="English").click()
    workbook.wait_until_ready()
    expect(workbook.page.get_by_role("heading", level=1)).to_have_text("Trust Workbook")
    workbook.open()
    expect(workbook.page).to_have_url(workbook.site_url + "en/")
    expect(workbook.page.get_by_role("heading", level=1)).to_have_text("Trust Workbook")
    workbook.page.get_by_role("link", name="中文").click()
    workbook.wait_until_ready()
    expect(workbook.page.get_by_role("heading", level=1)).to_have_text("信任工作簿")


def test_both_languages_share_the_same_workbooks(workbook):
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能")
    workbook.open("en/")
    expect(workbook.page.get_by_label("Workbook name")).to_have_value("省税务局")
    workbook.expect_score("IS", "1")


def test_typed_markup_is_shown_as_text(workbook):
    hostile = '<img src=x onerror="document.body.dataset.owned=1">'
    workbook.name_workbook(hostile)
    workbook.add_need(hostile)
    workbook.reload()
    expect(workbook.rows(ZH["needs"]).first.get_by_label(ZH["need_text"])).to_have_value(hostile)
    expect(workbook.switcher().get_by_role("option")).to_have_text([hostile])
    assert workbook.page.evaluate("document.body.dataset.owned") is None
    assert workbook.page.locator("img").count() == 0


def test_a_phone_sized_screen_needs_no_sideways_scrolling(page, site_url, outside_requests):
    page.set_viewport_size({"width": 390, "height": 844})
    workbook = WorkbookPage(page, site_url).open()
    workbook.add_need("系统老化")
    workbook.disclose("产品信息", "性能")
    workbook.expect_score("T", "1")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    expect(page.locator("[data-score='T']")).to_be_in_viewport()


@pytest.mark.parametrize("path, navigation", [("", "工作表"), ("en/", "Worksheets")])
def test_on_a_phone_every_sheet_link_shows_its_whole_label_and_none_covers_another(page, site_url, outside_requests,
                                                                                  path, navigation):
    page.set_viewport_size({"width": 390, "height": 844})
    workbook = WorkbookPage(page, site_url).open(path)
    assert workbook.sheet_links(navigation).count() >= 10
    assert workbook.crowded_sheet_links(navigation) == []


# Lighthouse's phone (its mobile preset's screen): the fractional pixel ratio
# lays the page out on other sub-pixel edges than a ratio of 1 does.
LIGHTHOUSE_PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
                    "has_touch": True}


@pytest.mark.parametrize("screen", [
    pytest.param("wide", id="wide"),
    pytest.param("phone", id="phone", marks=pytest.mark.browser_context_args(viewport={"width": 390, "height": 844})),
    pytest.param("lighthouse", id="lighthouse-phone", marks=pytest.mark.browser_context_args(**LIGHTHOUSE_PHONE)),
])
@pytest.mark.parametrize("path", ["", "en/"])
def test_an_accessibility_scan_finds_nothing_serious_and_no_target_too_small_or_crowded(
        page, site_url, outside_requests, path, screen):
    # Sheets off screen are laid out only for a script that asks (axe does):
    # the phone's long sheets, never yet shown, are where such a layout can
    # crowd targets. Scanned as Lighthouse sees the page, then filled in.
    workbook = WorkbookPage(page, site_url).open(path)
    serious = serious_violations(page, also=(TARGET_SIZE,))
    if not path:
        fill_worked_example(workbook)
        serious += serious_violations(page, also=(TARGET_SIZE,))
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


def test_the_keyboard_alone_reaches_the_sheets_and_adds_a_need(workbook):
    page = workbook.page
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="工作表")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    workbook.disclose("产品信息", "性能")
    workbook.worksheet(ZH["needs"]).get_by_role("button", name=ZH["add_need"]).focus()
    page.keyboard.press("Enter")
    need_text = workbook.rows(ZH["needs"]).first.get_by_label(ZH["need_text"])
    expect(need_text).to_be_focused()
    page.keyboard.type("预算年底前要用完")
    workbook.expect_score("T", "1")
    page.keyboard.press("Tab")
    expect(workbook.rows(ZH["needs"]).first.get_by_label("严重程度")).to_be_focused()


def test_a_long_note_shows_all_its_lines_on_screen(workbook):
    note = workbook.point("产品信息", "性能").get_by_label(ZH["note"])
    one_line = note.bounding_box()["height"]
    note.fill("第一行\n第二行\n第三行\n第四行:能耗比同类低 20%")
    expect(note).to_have_js_property("scrollHeight", note.evaluate("el => el.clientHeight"))
    assert note.bounding_box()["height"] > 2.4 * one_line


def test_writing_a_note_prepares_an_empty_point_and_clearing_it_empties_it_again(workbook):
    point = workbook.point("产品信息", "性能")
    readiness = workbook.page.locator("[data-indicator='readiness.product']")
    expect(readiness).to_have_text("0%")
    point.get_by_label(ZH["note"]).fill("能耗比同类低 20%")
    expect(point.get_by_label(ZH["status"])).to_have_value("prepared")
    expect(readiness).to_have_text("10%")
    point.get_by_label(ZH["note"]).fill("")
    expect(point.get_by_label(ZH["status"])).to_have_value("empty")
    expect(readiness).to_have_text("0%")
    point.get_by_label(ZH["status"]).select_option("disclosed")
    point.get_by_label(ZH["note"]).fill("说过了")
    point.get_by_label(ZH["note"]).fill("")
    expect(point.get_by_label(ZH["status"])).to_have_value("disclosed")
    workbook.wait_until_saved().reload()
    expect(workbook.point("产品信息", "性能").get_by_label(ZH["status"])).to_have_value("disclosed")


def test_a_move_for_an_empty_point_asks_to_prepare_it_first(workbook):
    workbook.add_need("系统老化")
    expect(workbook.moves().filter(has_text="准备并披露「性能」")).to_have_count(1)
    workbook.point("产品信息", "性能").get_by_label(ZH["note"]).fill("能耗比同类低 20%")
    expect(workbook.moves().filter(has_text="披露「性能」")).to_have_count(1)
    expect(workbook.moves().filter(has_text="准备并披露「性能」")).to_have_count(0)


def test_each_next_move_is_a_link_to_the_field_it_is_about(workbook):
    page = workbook.page
    workbook.add_need("系统老化")
    workbook.disclose("产品信息", "设计")
    page.evaluate("window.scrollTo(0, 0)")
    link = page.get_by_role("link", name="准备并披露「性能」(产品信息)")
    link.click()
    note = workbook.point("产品信息", "性能").get_by_label(ZH["note"])
    expect(note).to_be_focused()
    expect(note).to_be_in_viewport()
    links = workbook.page.locator("[data-moves] a, [data-common-ground-hints] a")
    expect(links.filter(has_text="了解第 1 人的")).to_have_count(1)
    expect(links.filter(has_text="找共同点")).to_have_count(1)
    for number in range(links.count()):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(number).click()
        focused = page.locator(":focus")
        expect(focused).to_be_in_viewport()
        section = focused.evaluate("el => el.closest('section').id")
        assert links.nth(number).get_attribute("href") == "#" + section


@pytest.mark.parametrize("sheet, add", [(ZH["needs"], "need"), (ZH["common_ground"], "shared")])
def test_a_removed_row_comes_back_with_undo(workbook, sheet, add):
    if add == "need":
        workbook.add_need("系统老化")
        workbook.add_need("人手不够")
    else:
        workbook.add_shared_item("同一所大学", "2")
        workbook.add_shared_item("孩子同班", "3")
    score = workbook.score("T")
    workbook.rows(sheet).first.get_by_role("button", name=ZH["remove"]).click()
    expect(workbook.rows(sheet)).to_have_count(1)
    expect(workbook.page.get_by_role("status")).to_contain_text("系统老化" if add == "need" else "同一所大学")
    workbook.page.get_by_role("button", name=ZH["undo"]).click()
    expect(workbook.rows(sheet)).to_have_count(2)
    field = ZH["need_text"] if add == "need" else ZH["shared_text"]
    expect(workbook.rows(sheet).first.get_by_label(field)).to_have_value("系统老化" if add == "need" else "同一所大学")
    workbook.expect_score("T", score)
    workbook.wait_until_saved().reload()
    expect(workbook.rows(sheet)).to_have_count(2)


def results_file(*workbooks) -> str:
    return results.document_text(results.export_document(list(workbooks), METHOD, "2026-12-01T09:00:00Z", "test"))


def test_importing_into_a_fresh_browser_replaces_the_blank_workbook(workbook):
    imported = scoring.blank_workbook(METHOD, "wb-elsewhere", "省税务局")
    imported["seller"]["product"][0]["status"] = "disclosed"
    workbook.import_file("省税务局.json", results_file(imported))
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_have_value("省税务局")
    expect(workbook.switcher().get_by_role("option")).to_have_text(["省税务局"])
    assert [saved["name"] for saved in stored_workbooks(workbook.page)] == ["省税务局"]


def test_importing_a_workbook_already_here_offers_to_replace_it_or_keep_both(workbook):
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能")
    (saved,) = stored_workbooks(workbook.wait_until_saved().page)
    file_text = results_file(saved)
    workbook.import_file("省税务局.json", file_text)
    status = workbook.page.get_by_role("status")
    expect(status).to_contain_text("省税务局")
    workbook.page.get_by_role("button", name=ZH["keep_both"]).click()
    expect(workbook.switcher().get_by_role("option")).to_have_text(["省税务局", "省税务局 (2)"])
    changed = dict(saved, name="省税务局")
    changed["seller"] = json.loads(json.dumps(saved["seller"]))
    changed["seller"]["company"][0]["status"] = "disclosed"
    workbook.import_file("省税务局.json", results_file(changed))
    workbook.page.get_by_role("button", name=ZH["replace"]).click()
    expect(workbook.switcher().get_by_role("option")).to_have_count(2)
    expect(workbook.page.get_by_label(ZH["workbook_name"])).to_have_value("省税务局")
    workbook.expect_score("IS", "2")
