"""Every character a participant types or imports comes back whole, in the
browser: through storage, reload, download, import and the facilitator's
CSV (issue #13: NUL, surrogates, encodings, long texts)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from playwright.sync_api import expect

import results
from facilitator_page import FacilitatorPage, json_file
from workbook_page import ZH, WorkbookPage
from fixtures import METHOD, stored_items, worked_example

pytestmark = pytest.mark.browser

IMPORT = "导入 JSON 文件"
LIMIT = METHOD["limits"]["text"]


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url).open()


def note(workbook: WorkbookPage):
    return workbook.point("产品信息", "性能").get_by_label(ZH["note"])


def type_into(control, value: str):
    """Sets the control's value as typing or pasting would, with characters
    Playwright's own fill() cannot carry (a lone surrogate)."""
    control.evaluate("(element, value) => { element.value = JSON.parse(value);"
                     " element.dispatchEvent(new Event('input', {bubbles: true})); }", json.dumps(value))


def value_of(control) -> str:
    """The control's value exactly, lone surrogates included."""
    return json.loads(control.evaluate("(element) => JSON.stringify(element.value)"))


def import_bytes(workbook: WorkbookPage, name: str, data: bytes):
    payload = {"name": name, "mimeType": "application/json", "buffer": data}
    workbook.page.get_by_label(IMPORT).set_input_files(files=[payload])


def bare_workbook_text(text: str, ensure_ascii=False) -> str:
    workbook = worked_example()
    workbook["name"] = "导入的"
    workbook["seller"]["product"][0]["note"] = text
    return json.dumps(workbook, ensure_ascii=ensure_ascii)


def test_a_nul_in_a_note_survives_reload_and_the_next_keystroke(workbook):
    type_into(note(workbook), "前\x00后")
    workbook.wait_until_saved()
    workbook.reload()
    assert value_of(note(workbook)) == "前\x00后"
    note(workbook).press("End")
    note(workbook).press_sequentially("!")
    workbook.wait_until_saved()
    workbook.reload()
    assert value_of(note(workbook)) == "前\x00后!"


def test_a_nul_in_a_workbook_name_survives_reload_in_the_name_and_the_switcher(workbook):
    type_into(workbook.page.get_by_label(ZH["workbook_name"]), "甲\x00乙")
    workbook.wait_until_saved()
    workbook.reload()
    assert value_of(workbook.page.get_by_label(ZH["workbook_name"])) == "甲\x00乙"
    assert json.loads(workbook.switcher().locator("option").first.evaluate(
        "(option) => JSON.stringify(option.textContent)")) == "甲\x00乙"


def test_a_lone_surrogate_typed_is_replaced_visibly_and_costs_no_other_character(workbook):
    type_into(note(workbook), "前\ud800后文")
    workbook.wait_until_saved()
    assert value_of(note(workbook)) == "前\ufffd后文"
    workbook.reload()
    assert value_of(note(workbook)) == "前\ufffd后文"


def test_an_emoji_written_with_ascii_escapes_imports_as_the_emoji(workbook):
    text = bare_workbook_text("好 \U0001f44d " + "长" * 40 + " \ud800 end", ensure_ascii=True)
    assert "\\ud83d\\udc4d" in text
    import_bytes(workbook, "ascii.json", text.encode("ascii"))
    expect(workbook.switcher()).to_have_value(workbook.switcher().locator("option", has_text="导入的")
                                              .get_attribute("value"))
    expect(note(workbook)).to_have_value("好 \U0001f44d " + "长" * 40 + " \ufffd end")
    workbook.wait_until_saved()
    workbook.reload()
    workbook.switcher().select_option(label="导入的")
    expect(note(workbook)).to_have_value("好 \U0001f44d " + "长" * 40 + " \ufffd end")


def test_a_nul_round_trips_through_download_and_import(workbook):
    type_into(note(workbook), "下载\x00之后")
    workbook.name_workbook("带空字符")
    with workbook.page.expect_download() as info:
        workbook.page.get_by_role("button", name="下载本工作簿").click()
    data = open(info.value.path(), "rb").read()
    assert "下载\\u0000之后" in data.decode("utf-8")
    import_bytes(workbook, "back.json", data)
    workbook.page.get_by_role("button", name=ZH["keep_both"]).click()  # already here: keep both
    expect(workbook.page.locator("[data-status-text]")).to_contain_text("1")
    assert value_of(note(workbook)) == "下载\x00之后"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_a_file_in_utf_16_with_or_without_a_byte_order_mark_imports_correctly(workbook, encoding):
    import_bytes(workbook, "wide.json", bare_workbook_text("高峰每秒 3000 笔").encode(encoding))
    expect(note(workbook)).to_have_value("高峰每秒 3000 笔")
    # The import replaced the blank workbook nobody wrote in (issue #14, item 10).
    expect(workbook.switcher().locator("option")).to_have_count(1)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_file_in_a_chinese_legacy_encoding_is_refused_with_a_message_and_nothing_saved(workbook, encoding):
    import_bytes(workbook, "legacy.json", bare_workbook_text("高峰每秒 3000 笔").encode(encoding))
    status = workbook.page.locator("[data-status]")
    expect(status).to_contain_text("legacy.json")
    expect(status).to_contain_text("UTF-8")
    expect(workbook.switcher().locator("option")).to_have_count(1)
    assert "高峰" not in json.dumps(workbook.page.evaluate("() => Object.values(localStorage)"), ensure_ascii=False)


def test_a_note_is_held_at_the_limit_and_the_participant_told_under_it_and_it_scrolls_inside(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    type_into(note(workbook), "长" * (LIMIT + 5))
    said = workbook.point("产品信息", "性能").get_by_role("status")
    expect(said).to_contain_text(str(LIMIT))
    expect(said).to_be_in_viewport()
    assert note(workbook).get_attribute("maxlength") == str(LIMIT)
    assert note(workbook).bounding_box()["height"] <= 844 * 0.4 + 1
    type_into(note(workbook), "短")
    expect(said).to_be_hidden()


def test_a_longer_note_kept_from_before_the_limit_is_never_cut(page, site_url, outside_requests):
    workbook = worked_example()
    assert workbook["seller"]["product"][0]["id"] == "performance"  # 性能
    workbook["seller"]["product"][0]["note"] = "旧" * (LIMIT + 100)
    page.context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        " const items = %s; for (const key in items) localStorage.setItem(key, items[key]); }"
        % json.dumps(stored_items(workbook)))
    opened = WorkbookPage(page, site_url).open()
    control = note(opened)
    assert len(value_of(control)) == LIMIT + 100
    control.press("Home")
    control.press("Delete")
    expect(opened.point("产品信息", "性能").get_by_role("status")).to_contain_text(str(LIMIT))
    opened.wait_until_saved()
    opened.reload()
    assert len(value_of(control)) == LIMIT + 99


def participant_file(name: str, account: str) -> dict:
    workbook = worked_example()
    workbook["id"] = "wb-" + name
    workbook["name"] = name
    workbook["account"] = account
    document = results.export_document([workbook], METHOD, "2026-11-26T00:00:00Z", "t")
    return json_file(name + ".json", results.document_text(document))


@pytest.mark.parametrize("readers", [2, 0], ids=["page workers", "the room's own worker"])
def test_a_nul_in_a_name_neither_cuts_the_table_nor_the_csv(page, site_url, outside_requests, readers):
    facilitator = FacilitatorPage(page, site_url).open(readers=readers)
    facilitator.load(participant_file("甲\x00乙", "税务局"), participant_file("丙", "医院"),
                     participant_file("丁", "学校"))
    cell = page.get_by_role("cell", name="税务局").locator("xpath=preceding-sibling::*[1]")
    assert json.loads(cell.evaluate("(element) => JSON.stringify(element.textContent)")) == "甲\x00乙"
    name, data = facilitator.download_csv()
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert len(table) == 4
    assert sorted(row[0] for row in table[1:]) == sorted(["甲\x00乙", "丙", "丁"])
    assert facilitator.read_by() == ("page workers" if readers else "room worker")


def test_the_room_lists_a_file_in_a_legacy_encoding_as_unread_and_reads_the_rest(page, site_url, outside_requests):
    facilitator = FacilitatorPage(page, site_url).open()
    legacy = participant_file("王芳", "税务局")
    legacy = dict(legacy, name="gbk.json", buffer=legacy["buffer"].decode("utf-8").encode("gbk"))
    wide = participant_file("李强", "医院")
    wide = dict(wide, name="wide.json", buffer=wide["buffer"].decode("utf-8").encode("utf-16-le"))
    facilitator.load(legacy, wide)
    problems = facilitator.problems_panel()
    expect(problems).to_contain_text("gbk.json")
    expect(problems).to_contain_text("UTF-8")
    # Files without a participant's name are told apart by their file names.
    expect(page.get_by_role("rowheader", name="wide", exact=True)).to_be_visible()
    expect(page.get_by_role("rowheader", name="gbk", exact=True)).to_have_count(0)
