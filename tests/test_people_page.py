"""The account's people on the page, in a real browser: the people sheet,
the personal sheet per person, what is told and shared with whom, the score
per person, and a next move that opens the right person's field."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import build
import scoring
from fixtures import stored_items, worked_example_account
from workbook_page import ZH, WorkbookPage

pytestmark = pytest.mark.browser

METHOD = build.load_content()


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url)


def expect_scores_of_the_stored_workbook(workbook: WorkbookPage, names: list[str]) -> dict:
    """The panel shows the account's T and each person's T_i as the core
    scores the workbook stored in the browser; returns that workbook."""
    workbook.wait_until_saved()
    stored = workbook.stored_workbook()
    result = scoring.score(stored, METHOD)
    workbook.expect_score("T", result["text"]["T"])
    assert [person["name"] for person in stored["people"]] == names
    for name, person in zip(names, result["people"]):
        expect(workbook.person_trust(name)).to_have_text(person["text"]["T"])
    return stored


def known_points(stored: dict) -> dict:
    """Person id -> the ids of their personal points known."""
    return {person["id"]: [point["id"] for point in person["personal"] if point["known"]]
            for person in stored["people"]}


def test_three_people_told_and_shared_with_score_as_the_core_and_are_all_kept_after_a_reload(workbook):
    workbook.open()
    workbook.set_person(workbook.person(1), "王主任", "decision_maker", "3")
    workbook.add_person("李科长", "procurement", "1")
    workbook.add_person("赵工", "technical")
    workbook.add_person("小陈", "coach")
    workbook.disclose("产品信息", "性能", "能效高 20%")
    workbook.learn("偏好信息", "决策流程")
    workbook.point(ZH["seller_personal"], "爱好").get_by_label(ZH["note"]).fill("周末骑行")
    workbook.told("爱好", "李科长").check()
    workbook.add_shared_item("同一所大学", "3")
    workbook.shared_with(workbook.rows(ZH["common_ground"]).last, "赵工").check()
    workbook.page.get_by_role("combobox", name=ZH["account_stage"]).select_option("2")

    stored = expect_scores_of_the_stored_workbook(workbook, ["王主任", "李科长", "赵工", "小陈"])
    assert [person["role"] for person in stored["people"]] == ["decision_maker", "procurement", "technical", "coach"]
    assert [person["told"] for person in stored["people"]] == [[], ["hobbies"], [], []]
    assert stored["common_ground"][-1]["with"] == [stored["people"][2]["id"]]
    assert stored["stage"] == 2
    trust = scoring.score(stored, METHOD)["people"]
    assert trust[1]["T"] > 0 and trust[2]["R"] == 16 and trust[0]["R"] == 0

    workbook.reload()
    expect(workbook.person(3).get_by_label(ZH["person_name"], exact=True)).to_have_value("赵工")
    expect(workbook.person(2).get_by_role("combobox", name=ZH["role"], exact=True)).to_have_value("procurement")
    expect(workbook.told("爱好", "李科长")).to_be_checked()
    expect(workbook.told("爱好", "王主任")).not_to_be_checked()
    expect(workbook.shared_with(workbook.rows(ZH["common_ground"]).last, "赵工")).to_be_checked()
    expect(workbook.page.get_by_role("combobox", name=ZH["account_stage"])).to_have_value("2")
    assert expect_scores_of_the_stored_workbook(workbook, ["王主任", "李科长", "赵工", "小陈"]) == stored


def test_each_persons_personal_points_are_their_own_and_their_p_is_their_own(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    workbook.pick_person("李科长 · 采购与财务")
    sheet = workbook.worksheet(ZH["client_personal"])
    expect(sheet.get_by_text("正在看:李科长 · 采购与财务")).to_be_visible()
    expect(workbook.point(ZH["client_personal"], "品质").get_by_label(ZH["known"])).not_to_be_checked()
    workbook.learn(ZH["client_personal"], "爱好")
    workbook.person(2).get_by_label("接触系数 P(0–10)").fill("2")
    workbook.pick_person("王主任 · 决策者")
    expect(workbook.point(ZH["client_personal"], "品质").get_by_label(ZH["known"])).to_be_checked()
    expect(workbook.point(ZH["client_personal"], "爱好").get_by_label(ZH["known"])).not_to_be_checked()
    stored = expect_scores_of_the_stored_workbook(workbook, ["王主任", "李科长"])
    assert known_points(stored) == {"p-1": ["moral_quality"], "p-2": ["hobbies"]}
    assert stored["people"][1]["contact_factor"] == 2


def test_removing_a_person_clears_them_from_what_named_them_and_undo_brings_it_all_back(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    workbook.shared_with(workbook.rows(ZH["common_ground"]).first, "李科长").check()
    workbook.rows(ZH["needs"]).first.get_by_role("combobox", name=ZH["owner"]).select_option(label="李科长")
    workbook.wait_until_saved()
    before = workbook.stored_workbook()
    assert before["common_ground"][0]["with"] == ["p-1", "p-2"] and before["client"]["needs"][0]["owner"] == "p-2"

    workbook.person(2).get_by_role("button", name=ZH["remove_person"]).click()
    expect(workbook.worksheet(ZH["people"]).get_by_role("listitem")).to_have_count(1)
    expect(workbook.shared_with(workbook.rows(ZH["common_ground"]).first, "李科长")).to_have_count(0)
    expect(workbook.person(1).get_by_role("button", name=ZH["remove_person"])).to_be_disabled()
    after = workbook.stored_workbook()
    assert after["common_ground"][0]["with"] == ["p-1"] and after["client"]["needs"][0]["owner"] is None

    workbook.page.get_by_role("status").get_by_role("button", name=ZH["undo"]).click()
    expect(workbook.person(2).get_by_label(ZH["person_name"], exact=True)).to_have_value("李科长")
    expect(workbook.shared_with(workbook.rows(ZH["common_ground"]).first, "李科长")).to_be_checked()
    expect(workbook.rows(ZH["needs"]).first.get_by_role("combobox", name=ZH["owner"])).to_have_value("p-2")
    assert expect_scores_of_the_stored_workbook(workbook, ["王主任", "李科长"]) == before


def test_people_move_up_and_down_and_a_copy_follows_its_original(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    workbook.person(1).get_by_role("button", name=ZH["move_down"]).click()
    expect(workbook.person(1).get_by_label(ZH["person_name"], exact=True)).to_have_value("李科长")
    expect(workbook.person(2).get_by_role("button", name=ZH["move_up"])).to_be_focused()
    workbook.person(2).get_by_role("button", name=ZH["duplicate_person"]).click()
    expect(workbook.person(3).get_by_label(ZH["person_name"], exact=True)).to_have_value("王主任(副本)")
    expect(workbook.person(3).get_by_label(ZH["person_name"], exact=True)).to_be_focused()
    stored = expect_scores_of_the_stored_workbook(workbook, ["李科长", "王主任", "王主任(副本)"])
    assert [person["id"] for person in stored["people"]] == ["p-2", "p-1", "p-3"]
    assert stored["people"][2]["told"] == stored["people"][1]["told"]
    # Nobody reports to someone below them: 李科长 reports to 王主任.
    choices = workbook.person(2).get_by_role("combobox", name=ZH["reports_to"]).locator("option")
    expect(choices).to_have_text(["(无)", "王主任(副本)"])


def test_the_account_holds_twelve_people_and_says_so_at_the_limit(workbook):
    workbook.open()
    sheet = workbook.worksheet(ZH["people"])
    for _ in range(11):
        sheet.get_by_role("button", name=ZH["add_person"], exact=True).click()
    expect(sheet.get_by_role("listitem")).to_have_count(12)
    sheet.get_by_role("button", name=ZH["add_person"], exact=True).click()
    expect(workbook.page.get_by_role("status")).to_contain_text("一个客户最多记 12 人。")
    expect(sheet.get_by_role("listitem")).to_have_count(12)
    picker = workbook.worksheet(ZH["client_personal"]).get_by_role("group", name=ZH["picker"])
    expect(picker.get_by_role("radio")).to_have_count(12)


def test_a_next_move_about_a_person_opens_their_personal_sheet_at_its_field(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    workbook.pick_person("李科长 · 采购与财务")
    workbook.page.get_by_role("link", name="了解王主任的爱好").click()
    expect(workbook.picker_choice("王主任 · 决策者")).to_be_checked()
    field = workbook.point(ZH["client_personal"], "爱好").get_by_label(ZH["known"])
    expect(field).to_be_focused()
    field.check()
    workbook.wait_until_saved()
    assert known_points(workbook.stored_workbook()) == {"p-1": ["moral_quality", "hobbies"], "p-2": []}


def test_a_node_that_names_a_person_opens_their_sheet(workbook):
    """The relationship map's contract: any element with
    data-action="open-person" and data-person="<id>" opens that person's sheet."""
    workbook.open_with(stored_items(worked_example_account()))
    workbook.page.evaluate("""() => {
        const node = document.createElement('button');
        node.setAttribute('data-action', 'open-person');
        node.setAttribute('data-person', 'p-2');
        node.textContent = 'map node';
        document.querySelector('.score-panel').prepend(node);
    }""")
    workbook.page.get_by_role("button", name="map node").click()
    expect(workbook.picker_choice("李科长 · 采购与财务")).to_be_checked()
    expect(workbook.picker_choice("李科长 · 采购与财务")).to_be_focused()
    workbook.page.get_by_role("complementary").get_by_role("link", name="王主任", exact=True).click()
    expect(workbook.picker_choice("王主任 · 决策者")).to_be_checked()


def test_the_people_and_their_sheets_fit_a_phone(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    workbook.open_with(stored_items(worked_example_account()))
    for name in ("研究院的刘工程师", "信息中心主任助理", "财务处副处长"):
        workbook.add_person(name, "technical")
    workbook.page.get_by_text(ZH["score_details"], exact=True).click()
    for selector in ("#people", "#client-personal", "#seller-personal", "#common-ground"):
        workbook.page.locator(selector).scroll_into_view_if_needed()
    assert workbook.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert workbook.panel_overflows() == []
    box = workbook.picker_choice("财务处副处长 · 技术把关者").locator("xpath=ancestor::label").bounding_box()
    assert box["height"] >= 36 and box["x"] + box["width"] <= 390


def test_a_name_typed_as_markup_is_shown_as_text_wherever_the_person_is_named(workbook):
    hostile = '<img src=x onerror="document.body.dataset.owned=1">'
    workbook.open()
    workbook.set_person(workbook.person(1), hostile, "coach")
    workbook.add_person("李科长")
    expect(workbook.told("爱好", hostile)).to_have_count(1)
    expect(workbook.picker_choice(hostile + " · 内部支持者")).to_have_count(1)
    expect(workbook.person(2).get_by_role("combobox", name=ZH["reports_to"]).locator("option")).to_have_text(
        ["(无)", hostile])
    expect(workbook.person_trust(hostile)).to_have_count(1)
    workbook.wait_until_saved().reload()
    expect(workbook.picker_choice(hostile + " · 内部支持者")).to_have_count(1)
    assert workbook.page.evaluate("document.body.dataset.owned") is None
    assert workbook.page.locator("img").count() == 0


# ---- the newcomer's walkthrough (round 2)

def test_on_a_phone_the_score_details_open_under_the_figures_where_the_reader_is_and_the_figures_stay_put(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    workbook.open_with(stored_items(worked_example_account()))
    workbook.worksheet(ZH["common_ground"]).scroll_into_view_if_needed()
    figure = workbook.page.locator("[data-score='T']")
    before = figure.bounding_box()
    workbook.page.get_by_text(ZH["score_details"], exact=True).click()
    people = workbook.page.get_by_role("heading", name=ZH["people_scores"], exact=True)
    expect(people).to_be_in_viewport()
    expect(workbook.page.get_by_role("link", name="李科长", exact=True)).to_be_in_viewport()
    assert figure.bounding_box() == before
    workbook.page.get_by_text(ZH["score_details"], exact=True).click()
    expect(people).to_be_hidden()
    assert figure.bounding_box() == before
    # Scrolling the page, not them, closes them: the form is never left covered.
    workbook.page.get_by_text(ZH["score_details"], exact=True).click()
    expect(people).to_be_in_viewport()
    workbook.page.evaluate("window.scrollBy(0, 400)")
    expect(people).to_be_hidden()
    # A link followed from them closes them: its field is not left under them.
    workbook.page.get_by_text(ZH["score_details"], exact=True).click()
    workbook.page.get_by_role("complementary").get_by_role("link", name="李科长", exact=True).click()
    expect(people).to_be_hidden()
    expect(workbook.picker_choice("李科长 · 采购与财务")).to_be_focused()
    expect(workbook.picker_choice("李科长 · 采购与财务")).to_be_in_viewport()


def test_on_a_laptop_the_score_details_stay_open_in_the_panel_beside_the_sheets(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    panel = workbook.page.get_by_role("complementary").bounding_box()
    people = workbook.page.get_by_role("heading", name=ZH["people_scores"], exact=True)
    expect(people).to_be_visible()
    box = people.bounding_box()
    assert panel["x"] <= box["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"]
    assert box["y"] < panel["y"] + panel["height"]


def test_whoever_trusts_least_shows_their_first_move_beside_the_badge_and_each_person_their_own_moves(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    lowest = workbook.person_in_panel("李科长")
    expect(lowest.get_by_text(ZH["first_move"])).to_be_visible()
    expect(workbook.person_in_panel("王主任").get_by_text(ZH["first_move"])).to_be_hidden()
    director = workbook.person_in_panel("王主任")
    director.get_by_text(ZH["figures"], exact=True).click()
    expect(director.get_by_role("link", name="了解王主任的爱好", exact=True)).to_be_visible()
    # One broad shared item with 李科长 gains more than his best move: that comes first.
    lowest.get_by_role("link", name="了解李科长的经历和爱好,找一个共同点", exact=True).click()
    expect(workbook.page.locator("#common-ground [data-action='add-row']")).to_be_focused()
    lowest = workbook.person_in_panel("李科长")
    lowest.get_by_text(ZH["figures"], exact=True).click()
    lowest.get_by_role("link", name="告诉李科长:品质(计划在第 2 阶段)", exact=True).click()
    told = workbook.told("品质", "李科长")
    expect(told).to_be_focused()
    told.check()
    workbook.wait_until_saved()
    assert [person["told"] for person in workbook.stored_workbook()["people"]][1] == ["moral_quality"]


def test_with_several_people_is_ic_and_r_are_labelled_as_influence_weighted_means_and_alone_as_before(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    note = workbook.page.get_by_text("IS、IC、R 是每个人数值按影响力的加权平均", exact=False)
    expect(note).to_be_visible()
    for name in ("IS", "IC", "R"):
        explanation = workbook.explanation(f"{name} 是什么?")
        explanation.locator("summary").click()
        expect(explanation.get_by_role("paragraph")).to_contain_text(f"每个人的 {name}ᵢ 按对决定的影响力加权平均")
        explanation.locator("summary").click()
    workbook.person(2).get_by_role("button", name=ZH["remove_person"]).click()
    expect(note).to_be_hidden()
    explanation = workbook.explanation("IS 是什么?")
    explanation.locator("summary").click()
    expect(explanation.get_by_role("paragraph")).to_have_text(METHOD["ui"]["explain_IS"]["zh"])


def test_a_p_out_of_range_is_kept_in_range_and_the_field_says_so_until_it_is_typed_right(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    workbook.open()
    field = workbook.person(1).get_by_label(ZH["contact_factor"], exact=True)
    said = workbook.person(1).get_by_role("status")
    field.fill("99")
    expect(said).to_have_text("P 只能在 0 到 10 之间:你输入的 99 按 10 计。")
    expect(said).to_be_in_viewport()
    field.press("Tab")
    expect(field).to_have_value("10")
    workbook.wait_until_saved()
    assert workbook.stored_workbook()["people"][0]["contact_factor"] == 10
    field.fill("-3")
    expect(said).to_contain_text("按 0 计")
    field.fill("2")
    expect(said).to_be_hidden()
    workbook.wait_until_saved()
    assert workbook.stored_workbook()["people"][0]["contact_factor"] == 2


def test_telling_somebody_a_point_not_yet_written_prepares_it_and_scores_it(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    status = workbook.point(ZH["seller_personal"], "性格").get_by_label(ZH["status"])
    expect(status).to_have_value("empty")
    workbook.told("性格", "李科长").check()
    expect(status).to_have_value("prepared")
    stored = expect_scores_of_the_stored_workbook(workbook, ["王主任", "李科长"])
    assert [point["status"] for point in stored["seller"]["personal"] if point["id"] == "personality"] == ["prepared"]
    assert stored["people"][1]["told"] == ["personality"]


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_undo_after_a_removal_is_in_view_focused_and_announced_wherever_the_reader_is(workbook, width, height):
    workbook.page.set_viewport_size({"width": width, "height": height})
    workbook.open_with(stored_items(worked_example_account()))
    workbook.person(2).get_by_role("button", name=ZH["remove_person"]).click()
    status = workbook.page.get_by_role("status").filter(has_text="李科长")
    undo = status.get_by_role("button", name=ZH["undo"])
    expect(undo).to_be_in_viewport()
    expect(undo).to_be_focused()
    workbook.page.keyboard.press("Enter")
    expect(workbook.person(2).get_by_label(ZH["person_name"], exact=True)).to_have_value("李科长")
    expect(status).to_be_hidden()
    # A need removed far down the page offers its undo where the reader is too.
    workbook.add_need("系统老化")
    workbook.rows(ZH["needs"]).last.get_by_role("button", name=ZH["remove"]).click()
    undo = workbook.page.get_by_role("status").filter(has_text="系统老化").get_by_role("button", name=ZH["undo"])
    expect(undo).to_be_in_viewport()
    workbook.page.get_by_role("status").get_by_role("button", name=ZH["close_status"]).click()
    expect(undo).to_be_hidden()


def test_the_relationship_map_is_in_the_sheet_navigation_next_to_the_people_and_follows_them(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    links = workbook.page.get_by_role("navigation", name="工作表").get_by_role("link")
    names = links.all_text_contents()
    assert names[names.index(ZH["people"]) + 1] == "关系图"
    links.filter(has_text="关系图").click()
    expect(workbook.worksheet("关系图")).to_be_in_viewport()
    order = workbook.page.evaluate("[...document.querySelectorAll('.worksheet')].map(sheet => sheet.id)")
    assert order[order.index("people") + 1] == "relationship-map"


SMALL_TARGETS = """(selectors) => selectors.flatMap(selector => [...document.querySelectorAll(selector)]
    .filter(el => el.getClientRects().length)
    .map(el => [selector + ' "' + el.textContent.trim().slice(0, 20) + '"', el.getBoundingClientRect()])
    .filter(([, box]) => box.width < 24 || box.height < 24)
    .map(([name, box]) => name + ' ' + box.width + 'x' + box.height))"""

LINES_OF = """(cells) => cells.map(cell => { const range = document.createRange(); range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; })"""


def test_on_a_phone_every_panel_link_check_label_and_the_keep_data_button_is_at_least_24_px_square(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    workbook.open_with(stored_items(worked_example_account()))
    workbook.page.get_by_text(ZH["score_details"], exact=True).click()
    workbook.person_in_panel("李科长").get_by_text(ZH["figures"], exact=True).click()
    selectors = [".review-line a", ".person-score-line a", ".person-first-move a", ".person-figures summary",
                 "[data-moves] a", ".person-moves a", ".common-ground-hints a", ".persistence > button",
                 "label.field-check", "label.person-check", ".review-check"]
    assert workbook.page.evaluate(SMALL_TARGETS, selectors) == []


def test_on_a_phone_a_sheet_scrolled_to_lands_under_the_sticky_figures_and_the_maps_names_keep_one_line(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    workbook.open_with(stored_items(worked_example_account()))
    workbook.page.get_by_role("navigation", name="工作表").get_by_role("link", name=ZH["people"]).click()
    heading = workbook.worksheet(ZH["people"]).get_by_role("heading", name=ZH["people"], exact=True)
    bar = workbook.page.get_by_role("complementary").bounding_box()
    expect(heading).to_be_in_viewport()
    assert heading.bounding_box()["y"] >= bar["y"] + bar["height"]
    names = workbook.worksheet("关系图").get_by_role("table").get_by_role("rowheader")
    expect(names).to_have_text(["王主任", "李科长"])
    assert names.evaluate_all(LINES_OF) == [1, 1]


def test_on_a_phone_every_sheet_link_lands_its_heading_just_under_the_sticky_figures_and_it_stays_there(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    workbook.open_with(stored_items(worked_example_account()))
    names = workbook.sheet_links().all_text_contents()
    landed = {}
    # From the last up, so that the sheets above each have not been laid out yet.
    for name in reversed(names):
        heading = workbook.follow_sheet_link(name)
        landed[name] = round(heading.bounding_box()["y"] - workbook.sticky_bar_bottom())
    # The last sheet cannot reach the top: the page ends before.
    assert {name: gap for name, gap in landed.items() if not 0 <= gap <= 48 and name != names[-1]} == {}
    workbook.reload()
    workbook.page.evaluate("scrollTo(0, 0)")
    workbook.review_line().click()
    review = workbook.worksheet(ZH["review"]).get_by_role("heading", name=ZH["review"], exact=True)
    workbook.wait_until_still(review)
    assert 0 <= review.bounding_box()["y"] - workbook.sticky_bar_bottom() <= 48


def test_one_name_for_each_thing_the_kind_of_client_the_scoring_preset_the_stages_and_the_accounts_trust(workbook):
    workbook.open_with(stored_items(worked_example_account()))
    page = workbook.page
    expect(workbook.worksheet("客户与工作簿").get_by_role("combobox", name="客户类型", exact=True)).to_have_count(1)
    expect(workbook.worksheet("评分设置").get_by_role("combobox", name="评分预设", exact=True)).to_have_count(1)
    expect(page.get_by_role("combobox", name="单位性质")).to_have_count(0)
    stages = workbook.point("产品信息", "性能").get_by_label(ZH["stage"]).locator("option")
    expect(stages).to_have_text(["未定", "1 初次接触", "2 了解", "3 信任", "4 承诺"])
    expect(page.get_by_role("combobox", name=ZH["account_stage"]).locator("option").first).to_have_text("1 初次接触")
    expect(workbook.worksheet("关系图")).to_contain_text("客户整体信任 T = 192.25")
    expect(workbook.worksheet("关系图")).not_to_contain_text("整体信任度")
    workbook.pick_person("王主任 · 决策者")
    expect(page.get_by_role("combobox", name=ZH["balance"], exact=True)).to_have_count(1)


TEXT_CUT = """(select) => { const style = getComputedStyle(select); const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d'); context.font = style.font;
    return context.measureText(select.selectedOptions[0].text).width > select.clientWidth - 28; }"""


def every_role_shown_whole(workbook):
    """Person 2's row of the English page, once each role has been chosen
    in turn and shown uncut."""
    workbook.open_with(stored_items(worked_example_account()), "en/")
    row = workbook.worksheet("The account's people").get_by_role("group", name="Person 2", exact=True)
    role = row.get_by_role("combobox", name="Role", exact=True)
    for value in role.locator("option").evaluate_all("options => options.map(option => option.value)"):
        role.select_option(value)
        assert role.evaluate(TEXT_CUT) is False, value
    return row, role


def test_in_english_a_persons_role_is_not_cut_and_the_row_of_controls_stays_level(workbook):
    row, role = every_role_shown_whole(workbook)
    influence = row.get_by_role("combobox", name="Influence on the decision", exact=True)
    assert abs(role.bounding_box()["y"] - influence.bounding_box()["y"]) <= 1


def test_on_a_phone_in_english_a_persons_role_is_not_cut_and_controls_side_by_side_stay_level(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    row, _ = every_role_shown_whole(workbook)
    # "Influence on the decision" takes two lines at this width: whatever
    # sits beside it starts level with it all the same.
    fields = row.locator("label.field").evaluate_all("""fields => fields.map(field => {
        const box = field.getBoundingClientRect();
        return [box.left, box.top, box.bottom, field.querySelector('select, input').getBoundingClientRect().top]; })""")
    side_by_side = [(one, other) for one in fields for other in fields
                    if one[0] < other[0] and one[1] < other[2] and other[1] < one[2]]
    assert len(side_by_side) == 3 and len({field[0] for field in fields}) == 2
    assert all(abs(one[3] - other[3]) <= 1 for one, other in side_by_side), side_by_side
