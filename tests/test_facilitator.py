"""A facilitator gathers the room's results files, in a real browser."""

from __future__ import annotations

import csv
import io
import json

import pytest
from playwright.sync_api import expect

import results
import room
import scoring
from accessibility import serious_violations
from facilitator_page import ZH, FacilitatorPage, json_file
from workbook_strategies import METHOD, largest_workbook, worked_example

pytestmark = pytest.mark.browser



def participant(name: str, account: str, disclosed_products: int = 3, contact_factor=1) -> dict:
    """The worked example (T 248) with more or fewer product points disclosed."""
    workbook = worked_example()
    workbook["name"] = name
    workbook["account"] = account
    workbook["id"] = "wb-" + name
    product = METHOD["point_sets"][0]["items"]
    workbook["seller"]["product"] = [
        {"id": item["id"], "note": "", "status": "disclosed", "stage": 1}
        for item in product[:disclosed_products]]
    workbook["settings"]["contact_factor"] = contact_factor
    return workbook


def results_file(*workbooks: dict, name: str | None = None) -> dict:
    document = results.export_document(list(workbooks), METHOD, "2026-11-26T09:00:00.000Z", "test")
    return json_file(name or results.file_name(list(workbooks), "2026-11-26", "zh", METHOD),
                     results.document_text(document))


ROOM = [
    participant("王芳", "省税务局", disclosed_products=3),    # T 248
    participant("李强", "市医院", disclosed_products=6),      # T 294.5
    participant("张伟", "=HYPERLINK(\"x\")", disclosed_products=1),  # T 217
]


def t_of(workbook: dict) -> str:
    return scoring.score(workbook, METHOD)["text"]["T"]


@pytest.fixture
def facilitator(page, site_url, outside_requests) -> FacilitatorPage:
    return FacilitatorPage(page, site_url).open()


@pytest.fixture
def room_of_three(facilitator) -> FacilitatorPage:
    return facilitator.load(*[results_file(w) for w in ROOM])


def test_the_page_starts_empty_in_both_languages_without_errors(page, site_url, outside_requests):
    chinese = FacilitatorPage(page, site_url).open()
    assert chinese.status() == "还没有载入结果。"
    expect(page.get_by_role("button", name=ZH["download_csv"])).to_be_disabled()
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


def test_loaded_files_show_one_row_per_participant_with_the_scores_the_core_computes(room_of_three):
    rows = room_of_three.rows()
    assert [row[0] for row in rows] == ["李强", "王芳", "张伟"]  # T, highest first
    assert [row[2] for row in rows] == ["294.5", "248", "217"]
    assert [t_of(w) for w in (ROOM[1], ROOM[0], ROOM[2])] == ["294.5", "248", "217"]
    score = scoring.score(ROOM[0], METHOD)
    assert rows[1] == ["王芳", "省税务局", "248", score["text"]["IS"], score["text"]["IC"],
                       "9", score["indicators"]["readiness"]["overall"]["text"], "客户的个人信息"]
    assert score["indicators"]["weakest"]["label"]["zh"] == "客户的个人信息"
    assert room_of_three.status() == "已载入 3 份工作簿(共 3 个文件,0 个有问题)。"


def test_clicking_a_column_heading_sorts_by_it_and_again_reverses(room_of_three):
    room_of_three.sort_by("participant")
    expect(room_of_three.header("participant")).to_have_attribute("aria-sort", "ascending")
    expect(room_of_three.header("T")).to_have_attribute("aria-sort", "none")
    names = room_of_three.column("participant")
    assert names == sorted(names)
    room_of_three.sort_by("participant")
    expect(room_of_three.header("participant")).to_have_attribute("aria-sort", "descending")
    assert room_of_three.column("participant") == sorted(names, reverse=True)
    room_of_three.sort_by("IS")
    expect(room_of_three.header("IS")).to_have_attribute("aria-sort", "descending")
    assert room_of_three.column("participant") == ["李强", "王芳", "张伟"]


def test_the_averages_row_averages_the_room(room_of_three):
    average = room_of_three.average()
    assert average[0] == "全场平均"
    assert average[2] == "253.17"  # (294.5 + 248 + 217) / 3
    assert average[5] == "9"
    assert average[6] == "24%"  # (7 + 10 + 5) / 3 of the 31 seller points ready = 23.66%
    assert average[7] == "客户的个人信息"


def test_the_points_most_often_missing_are_counted_over_the_room(room_of_three):
    missing = room_of_three.most_missing()
    assert len(missing) == 5
    # nobody disclosed the seventh product point onwards; all three miss it
    assert missing[0] == "产品信息 · 使用者 未披露 3/3"


def test_the_chart_draws_a_bar_of_t_per_participant_in_table_order(room_of_three):
    assert room_of_three.chart_labels() == ["李强", "王芳", "张伟"]
    widths = room_of_three.chart_widths()
    assert widths[0] == room.CHART_WIDTH - room.CHART_LABEL_WIDTH - room.CHART_VALUE_WIDTH
    assert widths[0] > widths[1] > widths[2] > 0


def test_anonymise_hides_every_name_and_account_before_projecting(room_of_three):
    room_of_three.anonymise()
    rows = room_of_three.rows()
    # numbered in the order the files were loaded, whatever the sort order
    assert [row[:2] for row in rows] == [["参与者 2", "客户 2"], ["参与者 1", "客户 1"], ["参与者 3", "客户 3"]]
    assert room_of_three.chart_labels() == ["参与者 2", "参与者 1", "参与者 3"]
    page_text = room_of_three.page.locator("main").inner_text()
    for workbook in ROOM:
        assert workbook["name"] not in page_text and workbook["account"] not in page_text
    room_of_three.anonymise(False)
    assert room_of_three.column("participant") == ["李强", "王芳", "张伟"]


def test_the_csv_download_holds_the_table_as_shown_safe_for_spreadsheets(room_of_three):
    room_of_three.sort_by("participant")
    name, data = room_of_three.download_csv()
    assert name.startswith("信任工作簿-全场-") and name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table[0] == ["参与者", "客户单位", "信任 T", "IS", "IC", "R", "准备度 (%)", "最薄弱的客户信息"]
    assert [row[0] for row in table[1:]] == sorted(w["name"] for w in ROOM)
    by_name = {row[0]: row for row in table[1:]}
    assert by_name["张伟"][1] == "'=HYPERLINK(\"x\")"   # not a formula in Excel
    assert by_name["王芳"][2] == "248"


def test_the_csv_of_an_anonymised_room_has_no_names(room_of_three):
    room_of_three.anonymise()
    _, data = room_of_three.download_csv()
    text = data.decode("utf-8-sig")
    for workbook in ROOM:
        assert workbook["name"] not in text
    assert "参与者 1" in text


def test_bad_files_are_listed_with_their_errors_while_the_good_ones_load(facilitator):
    too_large = json_file("huge.json", "[" + " " * (results.MAX_BYTES + 10) + "]")
    wrong_status = results.export_document([ROOM[0]], METHOD, "", "")
    wrong_status["workbooks"][0]["workbook"]["seller"]["product"][2]["status"] = "told"
    facilitator.load(
        results_file(ROOM[0]),
        json_file("broken.json", '{"schema": "trust-workbook-results", "workbooks": ['),
        json_file("list.json", [1, 2, 3]),
        json_file("other.json", {"foo": 1}),
        json_file("empty.json", ""),
        too_large,
        json_file("wrong.json", results.document_text(wrong_status)),
        results_file(ROOM[1]),
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
    assert facilitator.status() == "已载入 2 份工作簿(共 8 个文件,6 个有问题)。"


def test_a_bare_workbook_and_a_file_of_all_workbooks_load_too(facilitator):
    bare = scoring.normalise(ROOM[2], METHOD)
    facilitator.load(json_file("张伟.json", bare), results_file(ROOM[0], ROOM[1]))
    assert sorted(facilitator.column("participant")) == sorted(w["name"] for w in ROOM)


def test_the_same_file_loaded_twice_counts_once(facilitator):
    facilitator.load(results_file(ROOM[0]))
    facilitator.load(results_file(ROOM[0]), results_file(ROOM[1]))
    assert facilitator.column("participant") == ["李强", "王芳"]
    (errors,) = facilitator.problems().values()
    assert errors == ["这份工作簿已经载入过,已跳过。"]


def test_files_dropped_on_the_drop_zone_load(facilitator):
    facilitator.drop(results_file(ROOM[0]), results_file(ROOM[1]))
    assert facilitator.column("participant") == ["李强", "王芳"]


def test_clear_empties_the_room(room_of_three):
    room_of_three.clear()
    assert room_of_three.status() == "还没有载入结果。"
    expect(room_of_three.table()).to_be_hidden()


def test_hostile_names_and_accounts_in_files_are_shown_as_text_and_run_nothing(page, site_url, outside_requests):
    from test_hostile_input import PAYLOADS, TRAP

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(TRAP)
    facilitator = FacilitatorPage(page, site_url).open()
    workbooks = []
    for number, payload in enumerate(PAYLOADS):
        workbook = participant("p%02d" % number, payload)
        workbook["name"] = payload
        workbooks.append(workbook)
    facilitator.load(results_file(*workbooks, name=PAYLOADS[0] + ".json"),
                     json_file(PAYLOADS[1] + ".json", "{"))
    shown = {tuple(row[:2]) for row in facilitator.rows()}
    assert shown == {(" ".join(w["name"].split()), " ".join(w["account"].split())) for w in workbooks}
    assert list(facilitator.problems()) == [PAYLOADS[1] + ".json"]
    assert dialogs == []
    assert page.evaluate("window.__owned") == 0
    assert page.evaluate("window.__violations") == []
    assert page.locator("main img, main iframe, main script, main svg:not(.chart)").count() == 0


def test_a_large_room_loads_in_one_go(facilitator):
    workbooks = []
    for number in range(40):
        workbook = largest_workbook() if number % 4 == 0 else participant("p%02d" % number, "a", number % 10)
        workbook["name"] = "p%02d" % number
        workbook["id"] = "wb-%d" % number
        workbooks.append(workbook)
    facilitator.load(*[results_file(w) for w in workbooks])
    assert len(facilitator.rows()) == 40
    assert facilitator.problems() == {}


def test_an_accessibility_scan_of_a_loaded_room_finds_nothing_serious(room_of_three):
    page = room_of_three.page
    room_of_three.load(json_file("broken.json", "{"))
    serious = serious_violations(page)
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
