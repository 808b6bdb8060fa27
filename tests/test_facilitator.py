"""A facilitator gathers the room's results files, in a real browser; and a
participant's name travels from the workbook page into every file."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from playwright.sync_api import expect

import library
import results
import room
import scoring
from accessibility import TARGET_SIZE, serious_violations
from facilitator_page import (ZH, EnglishFacilitatorPage, FacilitatorPage, download_results, json_file,
                              set_participant_name)
from workbook_page import WorkbookPage
from workbook_strategies import METHOD, largest_workbook, person, version_1, worked_example, worked_example_account

pytestmark = pytest.mark.browser

CASE = "市大数据局 · 数据中台"     # the case study the whole room works on
EARLY = "2026-11-26T09:00:00.000Z"
LATER = "2026-11-26T10:30:00.000Z"


def case_workbook(disclosed_products: int = 3, known_preferences: int | None = None,
                  name: str = CASE, account: str = "市大数据局", workbook_id: str = "wb-case") -> dict:
    """The worked example (T 248) as the shared case study, with more or
    fewer product points disclosed.  Everyone imported the same case file,
    so the workbooks share their id, name and account."""
    workbook = worked_example()
    workbook["name"] = name
    workbook["account"] = account
    workbook["id"] = workbook_id
    product = METHOD["point_sets"][0]["items"]
    workbook["seller"]["product"] = [
        {"id": item["id"], "note": "", "status": "disclosed", "stage": 1}
        for item in product[:disclosed_products]]
    if known_preferences is not None:
        preferences = [sheet["points"] for sheet in METHOD["client_lists"] if sheet["id"] == "preferences"][0]
        items = [point_set["items"] for point_set in METHOD["point_sets"] if point_set["id"] == preferences][0]
        workbook["client"]["preferences"] = [
            {"id": item["id"], "known": position < known_preferences, "level": "public"}
            for position, item in enumerate(items)]
    return workbook


def results_file(*workbooks: dict, participant: str = "", exported_at: str = EARLY,
                 name: str | None = None) -> dict:
    """A results file as the workbook page downloads it (format version 3)."""
    document = results.export_document(list(workbooks), METHOD, exported_at, "test", participant)
    return json_file(name or results.file_name(list(workbooks), "2026-11-26", "zh", METHOD, participant),
                     results.document_text(document))


def version_1_file(workbook: dict, name: str) -> dict:
    """A file downloaded before participants had names (format version 1,
    a workbook of schema version 1: one anonymous client person)."""
    document = results.export_document([workbook], METHOD, EARLY, "old")
    del document["participant"]
    document["schema_version"] = 1
    document["workbooks"][0]["workbook"] = version_1(workbook)
    return json_file(name, results.document_text(document))


PEOPLE = [("王芳", 3), ("李强", 6), ("张伟", 1)]   # T 248, 294.5, 217
ROOM = [case_workbook(products) for _, products in PEOPLE]


def t_of(workbook: dict) -> str:
    return scoring.score(workbook, METHOD)["text"]["T"]


@pytest.fixture
def facilitator(page, site_url, outside_requests) -> FacilitatorPage:
    return FacilitatorPage(page, site_url).open()


@pytest.fixture
def room_of_three(facilitator) -> FacilitatorPage:
    return facilitator.load(*[results_file(w, participant=p) for w, (p, _) in zip(ROOM, PEOPLE)])


# ---------------------------------------------------------------- the page

def test_the_page_starts_empty_in_both_languages_without_errors(page, site_url, outside_requests):
    chinese = FacilitatorPage(page, site_url).open()
    assert chinese.status() == "还没有载入结果。"
    expect(page.get_by_role("button", name=ZH["download_csv"])).to_be_disabled()
    expect(chinese.load_panel()).to_have_attribute("open", "")
    page.get_by_role("link", name="English").click()
    english = FacilitatorPage(page, site_url).open("en/facilitator.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Facilitator view: the room's results")
    assert english.status() == "No results loaded yet."


def test_a_participant_who_chose_english_is_sent_to_the_english_facilitator_view(page, site_url):
    FacilitatorPage(page, site_url).open("en/facilitator.html")
    FacilitatorPage(page, site_url).open("facilitator.html")
    assert page.url == site_url + "en/facilitator.html"
    page.get_by_role("link", name="中文").click()
    FacilitatorPage(page, site_url).open("facilitator.html")
    assert page.url == site_url + "facilitator.html"


# ---------------------------------------------------------------- who is who

def test_the_participants_name_is_asked_once_kept_editable_and_carried_by_every_download(
        page, site_url, outside_requests):
    workbook = WorkbookPage(page, site_url).open()
    ask = page.locator("[data-participant-ask]")
    expect(ask).to_be_visible()
    set_participant_name(page, "  王芳 \u3000 第二组 ")
    expect(ask).to_be_hidden()
    workbook.name_workbook(CASE)
    today = date.today().isoformat()
    name, text = download_results(page)
    assert name == f"信任工作簿-王芳-第二组-市大数据局-·-数据中台-{today}.json"
    document = json.loads(text)
    assert document["participant"] == "王芳 第二组" and document["schema_version"] == 3
    # kept in this browser: asked once, and still there (and editable) after a reload
    workbook.reload()
    expect(page.get_by_label(ZH["participant_name"], exact=True)).to_have_value("王芳 第二组")
    expect(ask).to_be_hidden()
    set_participant_name(page, "王芳")
    workbook.workbook_action("新建")
    name, text = download_results(page, ZH["download_all"])
    assert name == f"信任工作簿-王芳-全部-{today}.json" and json.loads(text)["participant"] == "王芳"
    # the facilitator reads the name from the file, whatever the file is called
    facilitator = FacilitatorPage(page, site_url).open()
    facilitator.load(json_file("download.json", text))
    # the blank workbook "download all" took along is said, not counted
    assert facilitator.column("participant") == ["王芳"]
    assert facilitator.column("workbook") == [CASE]
    assert facilitator.notices() == ["王芳 的「未命名客户」:是一份还没填写的空白工作簿,没有计入。"]


def test_participants_sharing_a_case_study_are_told_apart_by_their_own_names(room_of_three):
    rows = room_of_three.rows()
    assert [row[:3] for row in rows] == [["李强", CASE, "市大数据局"], ["王芳", CASE, "市大数据局"],
                                         ["张伟", CASE, "市大数据局"]]  # T, highest first
    assert [row[3] for row in rows] == ["294.5", "248", "217"]
    assert [t_of(w) for w in (ROOM[1], ROOM[0], ROOM[2])] == ["294.5", "248", "217"]
    score = scoring.score(ROOM[0], METHOD)
    indicators = score["indicators"]
    assert rows[1] == ["王芳", CASE, "市大数据局", "248", "—", "1", score["text"]["IS"], score["text"]["IC"], "9",
                       indicators["readiness"]["overall"]["text"], indicators["disclosure"]["overall"]["text"],
                       indicators["knowledge"]["overall"]["text"], "客户的个人信息",
                       "决策者、使用者、技术把关者、采购与财务、内部支持者", "2"]
    assert room_of_three.status() == "已载入 3 位参与者的 3 份工作簿(共 3 个文件,0 个有问题)。"


def test_older_files_without_a_participant_are_told_apart_by_their_file_names(facilitator):
    facilitator.load(version_1_file(ROOM[0], "信任工作簿-市大数据局-2026-11-26.json"),
                     version_1_file(ROOM[1], "信任工作簿-市大数据局-2026-11-26 (1).json"),
                     results_file(ROOM[2], participant="张伟"))
    assert sorted(facilitator.column("participant")) == sorted([
        "信任工作簿-市大数据局-2026-11-26", "信任工作簿-市大数据局-2026-11-26 (1)", "张伟"])
    assert facilitator.problems() == {}


def test_a_participants_newer_download_replaces_their_earlier_one_and_says_so(facilitator):
    facilitator.load(results_file(case_workbook(1), participant="王芳", exported_at=EARLY),
                     results_file(case_workbook(3), participant="李强"))
    facilitator.load(results_file(case_workbook(6), participant="王芳", exported_at=LATER))
    assert [row[:4] for row in facilitator.rows()] == [["王芳", CASE, "市大数据局", "294.5"],
                                                       ["李强", CASE, "市大数据局", "248"]]
    assert facilitator.notices() == [f"王芳 的「{CASE}」:换成了较新的下载。"]
    # the earlier download found later in the folder does not undo the newer one
    facilitator.load(results_file(case_workbook(2), participant="王芳", exported_at=EARLY))
    assert facilitator.column("T") == ["294.5", "248"]
    assert facilitator.notices()[-1] == f"王芳 的「{CASE}」:已有较新的下载,这个较旧的文件没有采用。"
    assert facilitator.status() == "已载入 2 位参与者的 2 份工作簿(共 4 个文件,0 个有问题)。"


def test_anonymising_numbers_each_participant_once_and_keeps_their_number(facilitator):
    second_account = case_workbook(2, name="市医院 · 影像平台", account="市医院", workbook_id="wb-2")
    facilitator.load(results_file(ROOM[0], participant="王芳"), results_file(ROOM[1], participant="李强"),
                     results_file(ROOM[2], participant="张伟"),
                     results_file(second_account, participant="王芳", name="王芳-2.json"))
    facilitator.anonymise()
    rows = facilitator.rows()
    assert [row[:3] for row in rows] == [["参与者 2", "工作簿 1", "客户 1"], ["参与者 1", "工作簿 1", "客户 1"],
                                         ["参与者 1", "工作簿 2", "客户 2"], ["参与者 3", "工作簿 1", "客户 1"]]
    facilitator.sort_by("participant")
    assert facilitator.column("participant") == ["参与者 1", "参与者 1", "参与者 2", "参与者 3"]
    facilitator.sort_by("T")
    assert facilitator.column("participant") == ["参与者 2", "参与者 1", "参与者 1", "参与者 3"]
    assert facilitator.chart_labels() == ["参与者 2", "参与者 1", "参与者 1", "参与者 3"]
    page_text = facilitator.page.locator("main").inner_text()
    for name in ("王芳", "李强", "张伟", "市大数据局", "市医院", "王芳-2"):
        assert name not in page_text
    facilitator.anonymise(False)
    assert facilitator.column("participant") == ["李强", "王芳", "王芳", "张伟"]


# ---------------------------------------------------------------- the projector

def test_at_1024_by_768_the_results_come_first_and_loading_and_problems_fold_away(page, site_url, outside_requests):
    page.set_viewport_size({"width": 1024, "height": 768})
    facilitator = FacilitatorPage(page, site_url).open()
    seven = [results_file(case_workbook(products), participant="学员%d" % number)
             for number, products in enumerate([3, 6, 1, 4, 8, 2, 5], start=1)]
    facilitator.load(*seven, json_file("broken.json", "{"), json_file("other.json", {"foo": 1}))
    expect(facilitator.load_panel()).not_to_have_attribute("open", "")
    expect(facilitator.problems_panel()).to_be_visible()
    expect(facilitator.problems_panel()).not_to_have_attribute("open", "")
    facilitator.anonymise()
    table = facilitator.table()
    last_row = table.locator("tbody tr").last
    expect(table.get_by_role("columnheader", name=ZH["columns"]["T"])).to_be_in_viewport()
    box = last_row.bounding_box()
    assert box["y"] + box["height"] <= 768, "all seven rows show without scrolling"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    normal_size = float(table.evaluate("t => parseFloat(getComputedStyle(t).fontSize)"))
    facilitator.present()
    expect(facilitator.load_panel()).to_be_hidden()
    expect(facilitator.problems_panel()).to_be_hidden()
    assert float(table.evaluate("t => parseFloat(getComputedStyle(t).fontSize)")) >= normal_size * 1.3
    assert min(facilitator.chart_text_sizes()) >= 20
    facilitator.present(False)
    expect(facilitator.load_panel()).to_be_visible()


@pytest.mark.parametrize("width", [1200, 1280, 1440, 1920])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_column_of_the_room_fits_a_laptops_screen_and_a_wide_one_without_scrolling_sideways(
        page, site_url, outside_requests, language, width):
    page.set_viewport_size({"width": width, "height": 800})
    room_page = (FacilitatorPage if language == "zh" else EnglishFacilitatorPage)(page, site_url).open()
    english_names = [("Alexandra Montgomery-Fitzgerald", "Metropolitan Transport Authority · Smart ticketing renewal",
                      "Metropolitan Transport Authority of the Greater Region", 5),
                     ("Christopher Wainwright", "Provincial Health Insurance Bureau data platform",
                      "Provincial Health Insurance Bureau", 7)]
    room_page.load(*a_room_of_long_names(), *[
        results_file(case_workbook(products, name=name, account=account, workbook_id="wb-en-%d" % number),
                     participant=participant)
        for number, (participant, name, account, products) in enumerate(english_names)])
    # A one-word heading grows by its sort mark; a desktop browser's
    # scrollbar takes about 16 px of the width the media queries measure
    # (headless Chromium draws none: the page's right margin stands in).
    room_page.sort_by("knowledge")
    expect(room_page.header("knowledge")).to_have_attribute("aria-sort", re.compile("ascending|descending"))
    page.evaluate("document.documentElement.style.marginRight = '16px'")
    room_page.table().scroll_into_view_if_needed()
    expect(room_page.header("reasons")).to_be_in_viewport(ratio=1)
    expect(room_page.header("roles_missing")).to_be_in_viewport(ratio=1)
    assert room_page.table_overflow() == 0
    expect(room_page.scroll_hint()).to_be_hidden()


def test_escape_leaves_presenting_as_it_leaves_a_slideshow(room_of_three):
    room_of_three.present()
    room_of_three.page.keyboard.press("Escape")
    expect(room_of_three.page.get_by_role("button", name=ZH["present"])).to_have_attribute("aria-pressed", "false")
    expect(room_of_three.load_panel()).to_be_visible()


def test_the_charts_text_is_drawn_at_a_readable_size_at_every_width(page, site_url, outside_requests):
    widths = [390, 1024, 1920]
    page.set_viewport_size({"width": widths[0], "height": 900})
    facilitator = FacilitatorPage(page, site_url).open()
    facilitator.load(*[results_file(w, participant=p) for w, (p, _) in zip(ROOM, PEOPLE)])
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        sizes = facilitator.chart_text_sizes()
        assert len(sizes) == 6 and min(sizes) >= 14, width
        plot_text = facilitator.region("distribution").locator("figcaption, .plot-scale").evaluate_all(
            "texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize))")
        assert min(plot_text) >= 13, width
        assert page.evaluate("document.documentElement.scrollWidth") <= width


# ---------------------------------------------------------------- what to teach next

def test_the_coverage_heat_map_shows_the_rooms_share_per_point_grouped_by_list(room_of_three):
    rows = room_of_three.heat_map()
    assert rows[0] == ["产品信息(平均)", "33%", "33%"]   # (3 + 6 + 1) of 3 × 10 points
    product = {row[0]: row[1:] for row in rows[1:11]}
    assert product["性能"] == ["100%", "100%"]        # everyone disclosed the first point
    assert product["设计"] == ["67%", "67%"]          # the third: 王芳 and 李强
    assert product["使用者"] == ["0%", "0%"]          # the seventh: nobody
    headings = [row[0] for row in rows if row[0].endswith("(平均)")]
    assert headings == ["产品信息(平均)", "企业信息(平均)", "我的个人信息(平均)",
                        "偏好信息(平均)", "客户的个人信息(平均)"]
    client = rows[[row[0] for row in rows].index("偏好信息(平均)")]
    assert client[1] == "–"                            # a client point is known or not
    bands = room_of_three.heat_bands()
    assert bands[:4] == ["band-1", "band-1", "band-4", "band-4"]
    assert "none" in bands


def test_the_points_that_separate_the_strongest_from_the_weakest_are_listed(room_of_three):
    separating = room_of_three.separating()
    # 李强 (strongest) disclosed product points 2-6, 张伟 (weakest) only the first
    assert separating[0] == "产品信息 · 指标: 最强的 1 份中 1 份已披露,最弱的 1 份中 0 份"
    assert len(separating) == 5


def test_every_column_can_be_the_sort_key(facilitator):
    facilitator.load(results_file(case_workbook(6, known_preferences=0), participant="甲"),
                     results_file(case_workbook(1, known_preferences=7), participant="乙"),
                     results_file(case_workbook(3, known_preferences=3), participant="丙"))
    facilitator.sort_by("knowledge")
    expect(facilitator.header("knowledge")).to_have_attribute("aria-sort", "descending")
    expect(facilitator.header("T")).to_have_attribute("aria-sort", "none")
    assert facilitator.column("participant") == ["乙", "丙", "甲"]
    facilitator.sort_by("readiness")
    assert facilitator.column("participant") == ["甲", "丙", "乙"]
    facilitator.sort_by("readiness")
    expect(facilitator.header("readiness")).to_have_attribute("aria-sort", "ascending")
    assert facilitator.column("participant") == ["乙", "丙", "甲"]
    facilitator.sort_by("participant")
    expect(facilitator.header("participant")).to_have_attribute("aria-sort", "ascending")
    names = facilitator.column("participant")
    assert names == sorted(names)
    for column in ("workbook", "account", "decider_T", "people", "IS", "IC", "R", "disclosure", "weakest",
                   "roles_missing"):
        facilitator.sort_by(column)
        expect(facilitator.header(column)).to_have_attribute("aria-sort", re.compile("ascending|descending"))


def test_the_averages_row_averages_the_room(room_of_three):
    average = room_of_three.average()
    assert average[0] == "全场平均"
    assert average[3] == "253.17"  # (294.5 + 248 + 217) / 3
    assert average[4:6] == ["—", "1"]  # nobody decides in the case study; one person each
    assert average[8] == "9"
    assert average[9] == "24%"  # (7 + 10 + 5) / 3 of the 31 seller points ready = 23.66%
    assert average[12] == "客户的个人信息"
    assert average[13] == "决策者"   # the most-missed role (all five are missed by all: the first)


def committee(*roles: str, workbook_id: str = "wb-committee") -> dict:
    """The case study with a buying committee: the director of the worked
    example in the first role, a person told and known nothing in each other."""
    workbook = case_workbook(workbook_id=workbook_id)
    workbook["people"][0]["role"] = roles[0]
    workbook["people"] += [person("p-%d" % n, role=role) for n, role in enumerate(roles[1:], start=2)]
    return workbook


def test_each_row_says_how_many_people_how_much_the_decider_trusts_and_which_roles_nobody_holds(facilitator):
    account = worked_example_account()
    account["name"], account["account"] = CASE, "市大数据局"
    facilitator.load(results_file(account, participant="王芳"),
                     results_file(committee("decision_maker", "decision_maker", "user", "technical", "procurement",
                                            "coach"), participant="李强"),
                     results_file(case_workbook(), participant="张伟"))
    facilitator.sort_by("participant")
    rows = {row[0]: row for row in facilitator.rows()}
    roles = list(ZH["columns"]).index("roles_missing")
    assert rows["王芳"][3:6] == ["192.25", "248", "2"]
    assert rows["王芳"][roles] == "使用者、技术把关者、内部支持者"
    assert rows["李强"][4:6] == ["25", "6"]       # the second decision maker, told and known nothing, trusts least
    assert rows["李强"][roles] == "无"
    assert rows["张伟"][4:6] == ["—", "1"]        # nobody decides: one person, of no role
    assert facilitator.roles_missing() == [
        "使用者: 3 份工作簿中有 2 份空缺", "技术把关者: 3 份工作簿中有 2 份空缺", "内部支持者: 3 份工作簿中有 2 份空缺",
        "决策者: 3 份工作簿中有 1 份空缺", "采购与财务: 3 份工作簿中有 1 份空缺"]
    facilitator.sort_by("decider_T")
    assert facilitator.column("participant") == ["王芳", "李强", "张伟"]
    facilitator.sort_by("roles_missing")
    assert facilitator.column("participant") == ["张伟", "王芳", "李强"]   # the most roles missing first


def test_a_room_where_every_workbook_has_every_role_says_so(facilitator):
    facilitator.load(results_file(committee("decision_maker", "user", "technical", "procurement", "coach"),
                                  participant="王芳"))
    expect(facilitator.region("roles")).to_contain_text("每份工作簿里,每种角色都有人担任。")
    assert facilitator.roles_missing() == []
    facilitator.present()
    expect(facilitator.region("roles")).to_be_visible()


def test_the_distribution_of_t_and_readiness_is_plotted_with_its_median(room_of_three):
    trust = room_of_three.distribution("T")
    assert trust["summary"] == "最低 217 · 中位数 248 · 最高 294.5"
    assert sorted(trust["dots"]) == sorted([["李强 294.5", 100.0], ["王芳 248", 84.2], ["张伟 217", 73.6]])
    assert trust["median"] == 84.2
    readiness = room_of_three.distribution("readiness")
    assert readiness["summary"] == "最低 16% · 中位数 23% · 最高 32%"
    assert readiness["label"] == "准备度: 最低 16% · 中位数 23% · 最高 32%"
    assert sorted(x for _, x in readiness["dots"]) == [16.1, 22.5, 32.2]   # on a 0-100 % scale


def test_the_chart_draws_a_bar_of_t_per_participant_in_table_order(room_of_three):
    assert room_of_three.chart_labels() == ["李强", "王芳", "张伟"]
    widths = room_of_three.chart_widths()
    assert widths[0] == 100
    assert widths[0] > widths[1] > widths[2] > 0
    # the list grows with the room: its last bar inside its own panel, not over the next
    panel = room_of_three.region("chart").bounding_box()
    last = room_of_three.region("chart").locator(".bar").last.bounding_box()
    assert last["y"] + last["height"] <= panel["y"] + panel["height"]


def with_review(workbook: dict, *review: tuple[str, str]) -> dict:
    workbook["review"] = [{"id": reason, "state": state, "note": ""} for reason, state in review]
    return workbook


def test_what_to_talk_about_next_puts_the_reasons_most_participants_leave_open_first(
        page, site_url, outside_requests):
    page.set_viewport_size({"width": 1024, "height": 768})
    facilitator = FacilitatorPage(page, site_url).open()
    decided = case_workbook()
    decided["people"][0]["role"] = "decision_maker"
    account = worked_example_account()
    account["name"], account["account"] = CASE, "市大数据局"
    facilitator.load(
        results_file(with_review(case_workbook(), ("price", "open")), participant="王芳"),
        results_file(with_review(decided, ("budget", "open")), participant="李强"),
        results_file(with_review(case_workbook(), ("no_inside_support", "cleared"), ("price", "open")),
                     participant="张伟"),
        results_file(account, participant="赵敏"))
    # nobody inside: 王芳, 李强, 赵敏 (张伟 cleared it); nobody known decides: 王芳, 张伟; price: 王芳, 张伟
    assert facilitator.reasons() == ["内部没人替你说话4 份工作簿中有 3 份", "不知道谁拍板4 份工作簿中有 2 份",
                                     "价格4 份工作簿中有 2 份", "预算4 份工作簿中有 1 份"]
    assert facilitator.reason_bars() == [75, 50, 50, 25]
    # per participant, a column of its own, sortable like the others
    facilitator.sort_by("reasons")
    assert facilitator.column("participant") == ["王芳", "张伟", "李强", "赵敏"]   # ties by name
    assert facilitator.column("reasons") == ["3", "2", "2", "1"]
    assert facilitator.average()[list(ZH["columns"]).index("reasons")] == "2"
    expect(facilitator.table().locator("tbody tr").first.get_by_role("cell", name="3", exact=True)).to_have_attribute(
        "title", "不知道谁拍板、内部没人替你说话、价格")
    # on the projector: larger, and the whole list on one screen
    panel = facilitator.region("reasons")
    normal = float(panel.get_by_role("list").evaluate("l => parseFloat(getComputedStyle(l).fontSize)"))
    facilitator.present()
    panel.scroll_into_view_if_needed()
    sizes = panel.locator(".reason-name, .reason-count").evaluate_all(
        "texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize))")
    assert min(sizes) >= 20 and min(sizes) > normal
    box = panel.bounding_box()
    assert box["height"] <= 768
    expect(panel.get_by_role("listitem").last).to_be_in_viewport()
    expect(panel.get_by_role("heading")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024


@pytest.mark.parametrize("path", ["facilitator.html", "en/facilitator.html"])
def test_with_every_reason_open_the_list_still_fits_one_projected_screen(page, site_url, outside_requests, path):
    page.set_viewport_size({"width": 1024, "height": 768})
    FacilitatorPage(page, site_url).open(path)
    every_reason_open = [(reason["id"], "open") for reason in METHOD["review_reasons"]]
    page.locator("[data-control='files']").set_input_files(
        [results_file(with_review(case_workbook(), *every_reason_open), participant="王芳")])
    expect(page.locator("body")).to_have_attribute("data-loaded", "1")
    page.get_by_role("button", name=re.compile("演示模式|Present")).click()
    panel = page.locator("section", has=page.locator("[data-reasons]"))
    expect(panel.get_by_role("listitem")).to_have_count(len(METHOD["review_reasons"]))
    panel.scroll_into_view_if_needed()
    assert panel.bounding_box()["height"] <= 768
    expect(panel.get_by_role("listitem").last).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024


def test_the_english_page_names_the_reasons_in_english(page, site_url, outside_requests):
    FacilitatorPage(page, site_url).open("en/facilitator.html")
    page.get_by_label("Choose results files (several at once)").set_input_files(
        [results_file(with_review(case_workbook(), ("timing", "open")), participant="Wang Fang")])
    expect(page.locator("body")).to_have_attribute("data-loaded", "1")
    reasons = page.get_by_role("region", name="What to talk about next").get_by_role("listitem")
    expect(reasons).to_have_text(["Nobody known decides" + "open in 1 of 1 workbooks",
                                  "Nobody inside speaks for you" + "open in 1 of 1 workbooks",
                                  "Timing or a policy change" + "open in 1 of 1 workbooks"])
    expect(page.get_by_role("columnheader", name="Open reasons")).to_have_count(1)


def test_a_room_with_no_reason_left_open_says_so(facilitator):
    every_reason_cleared = [(reason["id"], "cleared") for reason in METHOD["review_reasons"]]
    facilitator.load(results_file(with_review(case_workbook(), *every_reason_cleared), participant="王芳"))
    expect(facilitator.region("reasons")).to_contain_text("没有哪份工作簿还有未解决的未签原因。")
    assert facilitator.reasons() == []
    assert facilitator.column("reasons") == ["0"]


# ---------------------------------------------------------------- the spreadsheet

def test_the_csv_holds_every_figure_and_each_lists_shares_safe_for_spreadsheets(facilitator):
    facilitator.load(*[results_file(w, participant=p) for w, (p, _) in zip(ROOM, PEOPLE)],
                     results_file(case_workbook(2, account="=HYPERLINK(\"x\")"), participant="-王五"))
    facilitator.sort_by("participant")
    name, data = facilitator.download_csv()
    assert name.startswith("信任工作簿-全场-") and name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table[0] == [
        "参与者", "工作簿", "客户单位", "信任 T", "决策者的 T", "人数", "IS", "IC", "R", "准备度 (%)", "披露度 (%)",
        "了解度 (%)", "最薄弱的客户信息", "空缺的角色", "未签原因",
        "准备度 · 产品信息 (%)", "准备度 · 企业信息 (%)", "准备度 · 我的个人信息 (%)",
        "披露度 · 产品信息 (%)", "披露度 · 企业信息 (%)", "披露度 · 我的个人信息 (%)",
        "了解度 · 需求信息 (%)", "了解度 · 偏好信息 (%)", "了解度 · 客户的个人信息 (%)", "哪些未签原因"]
    assert all(len(row) == len(table[0]) for row in table)
    by_name = {row[0]: row for row in table[1:]}
    assert set(by_name) == {"王芳", "李强", "张伟", "'-王五"}     # not a formula in Excel
    assert by_name["'-王五"][2] == "'=HYPERLINK(\"x\")"
    score = scoring.score(ROOM[0], METHOD)["indicators"]
    assert by_name["王芳"][3:13] == ["248", "", "1", "7", "6.5", "9", "22.58", "22.58", "31.58", "客户的个人信息"]
    assert by_name["王芳"][13] == "决策者、使用者、技术把关者、采购与财务、内部支持者"
    assert by_name["王芳"][14] == "2" and by_name["王芳"][-1] == "不知道谁拍板、内部没人替你说话"
    assert by_name["王芳"][15] == str(score["readiness"]["product"]["percent"]) == "30"
    assert by_name["王芳"][22] == "42.86"   # 3 of the 7 preferences known
    # the rows in the order the table shows them
    assert [row[0].lstrip("'") for row in table[1:]] == facilitator.column("participant")


def test_the_english_csv_has_english_headers(page, site_url, outside_requests):
    facilitator = FacilitatorPage(page, site_url).open("en/facilitator.html")
    facilitator.page.get_by_label("Choose results files (several at once)").set_input_files(
        [results_file(ROOM[0], participant="Wang Fang")])
    expect(page.locator("body")).to_have_attribute("data-loaded", "1")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    with open(info.value.path(), "rb") as file:
        text = file.read().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert header[:4] == ["Participant", "Workbook", "Client organisation", "Trust T"]
    assert header[-2:] == ["Knowledge · About the client's person (%)", "Which reasons are open"]
    assert info.value.suggested_filename.startswith("trust-workbook-room-")


def test_the_csv_of_an_anonymised_room_has_no_names(room_of_three):
    room_of_three.anonymise()
    _, data = room_of_three.download_csv()
    text = data.decode("utf-8-sig")
    for name, _ in PEOPLE:
        assert name not in text
    assert CASE not in text and "市大数据局" not in text
    assert "参与者 1" in text


# ---------------------------------------------------------------- keeping the room

def test_the_loaded_room_is_kept_until_cleared_and_clearing_can_be_undone(room_of_three):
    room_of_three.sort_by("participant")
    room_of_three.reload()
    assert room_of_three.column("participant") == ["李强", "王芳", "张伟"]
    assert room_of_three.status() == "已恢复上次载入的 3 份工作簿。"
    room_of_three.clear()
    assert room_of_three.status() == "已清空 3 份工作簿。"
    expect(room_of_three.table()).to_be_hidden()
    room_of_three.undo_clear()
    assert room_of_three.column("participant") == ["李强", "王芳", "张伟"]
    room_of_three.reload()
    assert len(room_of_three.rows()) == 3
    room_of_three.clear()
    room_of_three.reload()
    assert room_of_three.status() == "还没有载入结果。"
    expect(room_of_three.table()).to_be_hidden()


def test_a_double_click_on_clear_still_lets_the_room_be_brought_back(room_of_three):
    page = room_of_three.page
    # Both clicks reach the page before the first is answered.
    page.get_by_role("button", name=ZH["clear"]).evaluate("button => { button.click(); button.click(); }")
    room_of_three._answered()
    assert room_of_three.status() == "已清空 3 份工作簿。"
    room_of_three.undo_clear()
    assert len(room_of_three.rows()) == 3
    room_of_three.reload()
    assert len(room_of_three.rows()) == 3


def test_a_kept_room_that_cannot_be_read_is_set_aside_and_said(page, site_url, outside_requests):
    page.add_init_script("localStorage.setItem('%s', '{\"version\": 99}')" % room.ROOM_KEY)
    facilitator = FacilitatorPage(page, site_url).open()
    assert facilitator.status() == "上次保存的全场结果无法读取(可能来自旧版本),请重新载入文件。"
    facilitator.load(results_file(ROOM[0], participant="王芳"))
    assert facilitator.column("participant") == ["王芳"]


# ---------------------------------------------------------------- files of every kind

def test_bad_files_are_listed_with_their_errors_while_the_good_ones_load(facilitator):
    too_large = json_file("huge.json", "[" + " " * (results.MAX_BYTES + 10) + "]")
    wrong_status = results.export_document([ROOM[0]], METHOD, "", "")
    wrong_status["workbooks"][0]["workbook"]["seller"]["product"][2]["status"] = "told"
    facilitator.load(
        results_file(ROOM[0], participant="王芳"),
        json_file("broken.json", '{"schema": "trust-workbook-results", "workbooks": ['),
        json_file("list.json", [1, 2, 3]),
        json_file("other.json", {"foo": 1}),
        json_file("empty.json", ""),
        too_large,
        json_file("wrong.json", results.document_text(wrong_status)),
        results_file(ROOM[1], participant="李强"),
    )
    assert facilitator.column("participant") == ["李强", "王芳"]
    assert facilitator.problems() == {
        "broken.json": ["这不是有效的 JSON 文件。"],
        "list.json": ["这个 JSON 文件不是信任工作簿的结果文件,也不是工作簿。"],
        "other.json": ["这个 JSON 文件不是信任工作簿的结果文件,也不是工作簿。"],
        "empty.json": ["文件是空的。"],
        "huge.json": ["文件超过 5 MB,没有读取。"],
        "wrong.json": ["workbooks[0].workbook.seller.product[2].status:"
                       "未知的值「told」,可选:empty, prepared, disclosed。"],
    }
    expect(facilitator.problems_panel().get_by_role("heading")).to_have_text("未能读取的文件(6)")
    assert facilitator.status() == "已载入 2 位参与者的 2 份工作簿(共 8 个文件,6 个有问题)。"


def test_a_bare_workbook_and_a_file_of_all_workbooks_load_too(facilitator):
    bare = scoring.normalise(ROOM[2], METHOD)
    facilitator.load(json_file("张伟.json", bare), results_file(ROOM[0], ROOM[1], participant="王芳"))
    assert sorted(facilitator.column("participant")) == ["张伟", "王芳"]


def test_the_same_file_loaded_twice_counts_once(facilitator):
    facilitator.load(results_file(ROOM[0], participant="王芳"))
    facilitator.load(results_file(ROOM[0], participant="王芳"), results_file(ROOM[1], participant="李强"))
    assert facilitator.column("participant") == ["李强", "王芳"]
    assert facilitator.problems() == {}
    assert any("这份工作簿已经载入过,只算一次" in notice for notice in facilitator.notices())
    expect(facilitator.page.locator("[data-notices]")).to_be_visible()


def test_files_dropped_on_the_drop_zone_load(facilitator):
    facilitator.drop(results_file(ROOM[0], participant="王芳"), results_file(ROOM[1], participant="李强"))
    assert facilitator.column("participant") == ["李强", "王芳"]
    expect(facilitator.load_panel()).not_to_have_attribute("open", "")


@pytest.mark.parametrize("readers", [0, 2])
def test_a_folder_dropped_with_the_files_is_listed_as_unreadable_and_the_files_load(page, site_url, outside_requests,
                                                                                    readers):
    facilitator = FacilitatorPage(page, site_url).open(readers=readers)
    facilitator.drop_with_one_unreadable(results_file(ROOM[0], participant="王芳"),
                                         results_file(ROOM[1], participant="李强"), unreadable="结果文件夹")
    assert facilitator.column("participant") == ["李强", "王芳"]
    assert facilitator.problems() == {"结果文件夹": ["读取这个文件时出错。"]}
    assert facilitator.status() == "已载入 2 位参与者的 2 份工作簿(共 3 个文件,1 个有问题)。"
    assert facilitator.read_by() == ("page workers" if readers else "room worker")


def test_names_stay_hidden_when_the_facilitator_comes_back_to_the_page(room_of_three):
    # Going back to the page, the browser ticks "Hide names" again as it was
    # left: the room must not come back with the names shown under it.
    page = room_of_three.page
    room_of_three.anonymise()
    page.get_by_role("link", name="返回工作簿").click()
    page.wait_for_url(lambda url: "facilitator" not in url)
    page.add_init_script("""window.namesShown = [];
        new MutationObserver(() => { for (const cell of document.querySelectorAll('[data-rows] th'))
            window.namesShown.push(cell.textContent); }).observe(document, {subtree: true, childList: true});""")
    page.go_back()
    room_of_three.wait_until_ready()
    room_of_three._answered()
    expect(page.get_by_label(ZH["anonymise"])).to_be_checked()
    assert room_of_three.column("participant") == ["参与者 2", "参与者 1", "参与者 3"]
    # Not even for a moment, as the room comes back.
    assert set(page.evaluate("window.namesShown")) == {"参与者 1", "参与者 2", "参与者 3"}


def test_hostile_names_and_accounts_in_files_are_shown_as_text_and_run_nothing(page, site_url, outside_requests):
    from test_hostile_input import PAYLOADS, TRAP

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(TRAP)
    facilitator = FacilitatorPage(page, site_url).open()
    workbooks = []
    for number, payload in enumerate(PAYLOADS):
        workbook = case_workbook(number % 10, name=payload, account=payload, workbook_id="wb-%d" % number)
        workbooks.append(workbook)
    facilitator.load(results_file(*workbooks, participant=PAYLOADS[2], name=PAYLOADS[0] + ".json"),
                     json_file(PAYLOADS[1] + ".json", "{"))
    shown = {tuple(row[1:3]) for row in facilitator.rows()}
    assert shown == {(library.one_line(w["name"]), library.one_line(w["account"])) for w in workbooks}
    assert set(facilitator.column("participant")) == {library.clean_participant(PAYLOADS[2])}
    assert list(facilitator.problems()) == [PAYLOADS[1] + ".json"]
    assert dialogs == []
    assert page.evaluate("window.__owned") == 0
    assert page.evaluate("window.__violations") == []
    assert page.locator("main img, main iframe, main script, main svg").count() == 0


def test_a_large_room_loads_in_one_go(facilitator):
    files = []
    for number in range(40):
        workbook = largest_workbook() if number % 4 == 0 else case_workbook(number % 10)
        files.append(results_file(workbook, participant="p%02d" % number))
    facilitator.load(*files)
    assert len(facilitator.rows()) == 40
    assert facilitator.problems() == {}


def test_an_accessibility_scan_of_a_loaded_room_finds_nothing_serious_nor_a_target_too_small(room_of_three):
    page = room_of_three.page
    room_of_three.load(json_file("broken.json", "{"))
    room_of_three.problems_panel().locator("summary").click()
    serious = serious_violations(page, also=(TARGET_SIZE,))
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
    room_of_three.present()
    serious = serious_violations(page, also=(TARGET_SIZE,))
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


def test_a_long_load_shows_how_many_files_are_read_so_far(page, site_url, outside_requests):
    room_page = FacilitatorPage(page, site_url).open()
    files = [results_file(case_workbook(), participant="学员%02d" % number) for number in range(60)]
    statuses = room_page.statuses_while_loading(*files)
    progress = [text for text in statuses if text.startswith("正在读取文件")]
    assert progress == ["正在读取文件:已读 25 个,共 60 个……", "正在读取文件:已读 50 个,共 60 个……"]
    assert statuses[-1] == room_page.status() and "60" in statuses[-1]
    assert page.locator("[data-rows] tr").count() == 60


# ---------------------------------------------------------------- page workers

def a_mixed_room() -> list[dict]:
    """60 files as a room brings them: every size of workbook, several in
    a file, a participant without a name, the same file twice, a newer and
    an older download, a blank workbook, a broken file, one not UTF-8."""
    files = []
    for number in range(52):
        workbook = largest_workbook() if number % 5 == 0 else case_workbook(number % 10, workbook_id="wb-%d" % number)
        if number % 7:
            files.append(results_file(workbook, participant="学员%02d" % number))
        else:   # a file without its participant's name: named after the file
            files.append(results_file(workbook, name="file-%d.json" % number))
    files.append(results_file(case_workbook(), ROOM[1], participant="王芳"))
    files.append(files[3])
    files.append(results_file(case_workbook(7, workbook_id="wb-3"), participant="学员03", exported_at=LATER))
    files.append(results_file(case_workbook(1, workbook_id="wb-4"), participant="学员04",
                              exported_at="2026-11-25T09:00:00.000Z"))
    files.append(results_file(scoring.blank_workbook(METHOD, "wb-blank", ""), participant="赵六"))
    files.append(json_file("broken.json", '{"schema": "trust-workbook-results", "workbooks": ['))
    files.append({"name": "latin1.json", "mimeType": "application/json", "buffer": b'{"name": "caf\xe9"}'})
    files.append(results_file(ROOM[2], participant="张伟"))
    return files


def everything_shown(room_page: FacilitatorPage) -> dict:
    room_page.sort_by("participant")
    return {"rows": room_page.rows(), "average": room_page.average(), "notices": room_page.notices(),
            "problems": room_page.problems(), "status": room_page.status(), "heat": room_page.heat_map(),
            "reasons": room_page.reasons(), "kept": json.loads(room_page.kept_room())}


def test_files_read_by_page_workers_make_the_room_the_rooms_own_worker_makes_reading_them_itself(
        page, site_url, outside_requests):
    files = a_mixed_room()
    shown, statuses = {}, {}
    for readers in (0, 2):
        room_page = FacilitatorPage(page, site_url).open(readers=readers)
        statuses[readers] = [text for text in room_page.statuses_while_loading(*files) if "已读" in text]
        shown[readers] = everything_shown(room_page)
        assert room_page.read_by() == ("page workers" if readers else "room worker")
        page.evaluate("localStorage.clear()")   # the next run starts from an empty room
    assert shown[2] == shown[0]
    # The room the core makes of these files (under CPython), as the page keeps it.
    not_utf8 = results.encoding_errors(METHOD, "zh")
    expected = room.add_files(room.new_room(), [
        (f["name"], not_utf8 if f["name"] == "latin1.json" else f["buffer"].decode("utf-8")) for f in files],
        METHOD, "zh")
    assert len(shown[0]["rows"]) == len(expected["rows"]) > 50
    kinds = [notice["kind"] for notice in shown[0]["kept"]["notices"]]
    assert kinds == [notice["kind"] for notice in expected["notices"]]
    assert set(kinds) == set(room.NOTICE_KINDS)
    assert len(shown[0]["problems"]) == 2
    # The progress line says the same steps whoever reads.
    assert statuses[2] == statuses[0] == ["正在读取文件:已读 25 个,共 60 个……", "正在读取文件:已读 50 个,共 60 个……"]


def test_page_workers_start_when_the_facilitator_goes_to_load_files_not_with_the_page(page, site_url,
                                                                                    outside_requests):
    room_page = FacilitatorPage(page, site_url).open("facilitator.html?readers=2")
    body = page.locator("body")
    assert body.get_attribute("data-room-readers-wanted") is None
    page.get_by_role("region", name=ZH["drop_zone"]).dispatch_event("pointerdown")
    expect(body).to_have_attribute("data-room-readers", "2", timeout=20000)
    room_page.load(results_file(case_workbook(3), participant="王芳"))
    assert room_page.read_by() == "page workers"


# Without the service worker, which would answer the readers' fetch from
# what it keeps, once it controls the page.
@pytest.mark.browser_context_args(service_workers="block")
def test_a_large_load_whose_page_workers_cannot_start_is_read_by_the_rooms_own_worker(page, site_url,
                                                                                    outside_requests):
    # The page's own worker starts; the readers' fetch of the same script
    # fails (a connection lost on venue Wi-Fi). A load large enough to wait
    # for them goes on without them: the page's own worker reads every file.
    fetches = []

    def first_fetch_only(route):
        fetches.append(route.request.url)
        route.continue_() if len(fetches) == 1 else route.abort()

    page.route("**/py/room_worker.py", first_fetch_only)
    room_page = FacilitatorPage(page, site_url).open("facilitator.html?readers=2")
    with page.expect_event("requestfailed", lambda request: request.url.endswith("/py/room_worker.py")):
        room_page.load(*[results_file(case_workbook(n % 9), participant="学员%d" % n) for n in range(30)])
    assert room_page.read_by() == "room worker"
    assert len(room_page.rows()) == 30
    assert len(fetches) == 3   # the page's worker, then the two readers asked for
    assert page.locator("body").get_attribute("data-room-readers") is None


# ---------------------------------------------------------------- session 7: the room on every screen

LONG_NAMES = [("李娜", "市政务数据局 · 一网通办", "市政务服务数据管理局", 6),
              ("王强", "市数据局政务云", "市大数据管理局", 4),
              ("陈刚", "省人社厅社保卡", "", 3), ("刘洋", "区医保局", "", 2),
              ("Emma Clarke", "City transport bureau", "", 1), ("周敏", "市公安局", "", 0)]


def a_room_of_long_names() -> list[dict]:
    """A room as a workshop brings it: long workbook and client names, a
    participant writing in English, every role missing from most workbooks."""
    return [results_file(case_workbook(products, name=name, account=account, workbook_id="wb-%d" % number),
                         participant=participant)
            for number, (participant, name, account, products) in enumerate(LONG_NAMES)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_at_1024_px_each_row_keeps_to_one_line_and_a_line_says_the_table_scrolls_sideways(
        page, site_url, outside_requests, language):
    page.set_viewport_size({"width": 1024, "height": 768})
    room_page = (FacilitatorPage if language == "zh" else EnglishFacilitatorPage)(page, site_url).open()
    room_page.load(*a_room_of_long_names())
    assert room_page.table_overflow() > 0
    expect(room_page.scroll_hint()).to_be_visible()
    heights = room_page.row_heights()
    one_line = 2.5 * room_page.text_size(room_page.table())   # two lines would be about 3 text sizes
    assert max(heights) < one_line and max(heights) - min(heights) < 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    # The line follows the window: a wide one shows every column, and it goes.
    page.set_viewport_size({"width": 1440, "height": 768})
    expect(room_page.scroll_hint()).to_be_hidden()
    assert room_page.table_overflow() == 0


def test_the_status_lines_link_opens_the_files_that_could_not_be_read_far_down_the_page(page, site_url,
                                                                                   outside_requests):
    page.set_viewport_size({"width": 1280, "height": 800})
    room_page = FacilitatorPage(page, site_url).open()
    room_page.load(*a_room_of_long_names(), json_file("broken.json", "{"), json_file("notes.txt.json", "hello"))
    assert room_page.status().endswith("2 个有问题)。")
    panel = room_page.problems_panel()
    expect(panel).not_to_have_attribute("open", "")
    expect(panel).not_to_be_in_viewport()
    link = room_page.problems_link()
    expect(link).to_have_text("查看未能读取的 2 个文件")
    link.click()
    expect(panel).to_have_attribute("open", "")
    expect(panel.get_by_role("heading")).to_be_in_viewport()
    expect(panel.locator("summary")).to_be_focused()
    assert list(room_page.problems()) == ["broken.json", "notes.txt.json"]
    assert page.url.endswith("facilitator.html")
    # A room without such files has no link.
    room_page.clear()
    room_page.load(*a_room_of_long_names()[:2])
    expect(room_page.problems_link()).to_be_hidden()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_on_a_phone_the_table_shows_each_participants_t_and_says_the_rest_is_sideways(
        page, site_url, outside_requests, language):
    page.set_viewport_size({"width": 390, "height": 844})
    room_page = (FacilitatorPage if language == "zh" else EnglishFacilitatorPage)(page, site_url).open()
    room_page.load(*a_room_of_long_names())
    room_page.table().scroll_into_view_if_needed()
    expect(room_page.header("T")).to_be_in_viewport(ratio=1)
    expect(room_page.table().locator("tbody tr").first.get_by_role("cell", name="294.5")).to_be_in_viewport(ratio=1)
    # the room's average T shows in the average row
    average_t = room_page.table().locator("tfoot").get_by_text(room_page.average()[list(ZH["columns"]).index("T")],
                                                               exact=True)
    average_t.scroll_into_view_if_needed()
    expect(average_t).to_be_in_viewport(ratio=0.9)   # scrolled to within a fraction of a pixel
    expect(room_page.header("account")).to_be_hidden()
    expect(room_page.scroll_hint()).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_presenting_draws_section_headings_and_the_heat_maps_column_headings_no_smaller_than_the_table(
        page, site_url, outside_requests):
    page.set_viewport_size({"width": 1920, "height": 1080})
    room_page = FacilitatorPage(page, site_url).open()
    room_page.load(*a_room_of_long_names())
    room_page.present()
    table_text = room_page.text_size(room_page.table().locator("tbody td"))
    assert table_text >= 20
    headings = page.locator("main section h2").evaluate_all(
        "hs => hs.filter(h => h.offsetParent).map(h => parseFloat(getComputedStyle(h).fontSize))")
    assert len(headings) >= 6 and min(headings) >= table_text
    heat_headings = room_page.region("heat").get_by_role("columnheader").evaluate_all(
        "hs => hs.map(h => parseFloat(getComputedStyle(h).fontSize))")
    assert heat_headings and min(heat_headings) >= table_text
    # The lines that say how to read each part, and the table's caption,
    # read from the back of the room too.
    helps = page.locator("main .help, main caption").evaluate_all(
        "hs => hs.filter(h => h.offsetParent).map(h => parseFloat(getComputedStyle(h).fontSize))")
    assert len(helps) >= 5 and min(helps) >= 19
    room_page.present(False)
    assert room_page.text_size(room_page.region("heat").get_by_role("columnheader")) >= 12


# ---------------------------------------------------------------- session 9: what a room's day showed

def test_names_hidden_while_a_load_is_read_are_never_on_screen_whatever_the_timing(room_of_three):
    # The room's worker is busy reading the new files as the box is ticked:
    # the names shown must go at once, not when the worker answers.
    room_of_three.watch_for_names(*[name for name, _ in PEOPLE], "学员")
    room_of_three.choose(*[results_file(case_workbook(n % 9), participant="学员%02d" % n) for n in range(40)])
    room_of_three.anonymise(True, wait=False)
    room_of_three.wait_for_load()
    room_of_three._answered()
    assert room_of_three.names_seen() == []
    assert not any(name in row[0] for row in room_of_three.rows() for name in ("王芳", "学员"))
    expect(room_of_three.table().locator("tbody th").first).to_be_visible()


def test_when_a_load_or_clear_takes_the_focus_away_the_status_line_that_says_the_outcome_has_it(facilitator):
    facilitator.page.get_by_label(ZH["pick_files"]).focus()
    facilitator.load(*[results_file(w, participant=p) for w, (p, _) in zip(ROOM, PEOPLE)])
    expect(facilitator.load_panel()).not_to_have_attribute("open", "")
    expect(facilitator.outcome_line()).to_be_focused()
    expect(facilitator.outcome_line()).to_contain_text("3")
    facilitator.page.get_by_role("button", name=ZH["clear"]).press("Enter")
    facilitator._answered()
    expect(facilitator.outcome_line()).to_be_focused()
    expect(facilitator.outcome_line().get_by_role("button", name=ZH["undo"])).to_be_visible()


def test_csv_clicked_right_after_clear_downloads_nothing_and_says_why(room_of_three):
    page = room_of_three.page
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    # Both clicks before the worker answers the first: the button is still enabled.
    page.evaluate("""() => {
        document.querySelector("[data-action='clear']").click();
        document.querySelector("[data-action='download-csv']").click();
    }""")
    room_of_three._answered()
    reason = METHOD["ui"]["room9_csv_empty"]["zh"]
    assert room_of_three.status() == reason
    csv_button = page.get_by_role("button", name=ZH["download_csv"])
    expect(csv_button).to_be_disabled()
    expect(csv_button).to_have_attribute("title", reason)
    assert downloads == []


def test_a_page_worker_that_dies_without_a_word_leaves_its_files_to_the_rooms_own_worker(page, site_url,
                                                                                        outside_requests):
    room_page = FacilitatorPage(page, site_url)
    room_page.keep_count_of_workers()
    room_page.open(readers=2)
    room_page.end_a_reader()
    room_page.load(*[results_file(case_workbook(n % 9), participant="学员%d" % n) for n in range(30)])
    assert room_page.read_by() == "page workers and room worker"
    assert len(room_page.rows()) == 30
    assert room_page.problems() == {}
    assert page.locator("body").get_attribute("data-room-readers") == "1"


def test_page_workers_start_without_a_warning_in_the_console(page, site_url, outside_requests):
    said = []
    page.on("console", lambda message: said.append((message.type, message.text)))
    FacilitatorPage(page, site_url).open(readers=2).load(results_file(case_workbook(3), participant="王芳"))
    assert [text for kind, text in said if kind in ("warning", "error")] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_presenting_on_a_1920_px_screen_lists_the_roles_nobody_holds_in_three_lines_at_most_without_scrolling(
        page, site_url, outside_requests, language):
    page.set_viewport_size({"width": 1920, "height": 1080})
    room_page = (FacilitatorPage if language == "zh" else EnglishFacilitatorPage)(page, site_url).open()
    room_page.load(*a_room_of_long_names())   # every role but one missing from every workbook
    room_page.present()
    lines = room_page.lines_in_column("roles_missing")
    assert len(lines) == len(LONG_NAMES) and max(lines) <= 3, lines
    assert room_page.table_overflow() == 0
    expect(room_page.scroll_hint()).to_be_hidden()
