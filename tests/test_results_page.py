"""Downloading and importing results files on the worksheet page."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest
from playwright.sync_api import expect

import build
from workbook_page import ZH, WorkbookPage

pytestmark = pytest.mark.browser

SCHEMA = json.loads((build.ROOT / "content" / "results.schema.json").read_text(encoding="utf-8"))
IMPORT = "导入 JSON 文件"


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url).open()


def download(workbook: WorkbookPage, button: str) -> tuple[str, str]:
    with workbook.page.expect_download() as info:
        workbook.page.get_by_role("button", name=button).click()
    downloaded = info.value
    with open(downloaded.path(), encoding="utf-8") as file:
        return downloaded.suggested_filename, file.read()


def import_file(workbook: WorkbookPage, name: str, text: str):
    payload = {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}
    workbook.page.get_by_label(IMPORT).set_input_files(files=[payload])


def saved_state(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def inputs(entry: dict) -> dict:
    """A workbook's inputs without what an import gives anew."""
    return {key: value for key, value in entry["workbook"].items() if key not in ("id", "name")}


def fill_small_workbook(workbook: WorkbookPage):
    workbook.name_workbook("省税务局")
    workbook.disclose("产品信息", "性能", note="高峰每秒 3000 笔")
    workbook.add_need("审批太慢")
    workbook.add_shared_item("同一所大学", "2")


def test_the_download_holds_inputs_and_scores_and_follows_the_schema(workbook):
    fill_small_workbook(workbook)
    name, text = download(workbook, "下载本工作簿")
    assert name == f"信任工作簿-省税务局-{date.today().isoformat()}.json"
    assert "高峰每秒 3000 笔" in text  # Chinese kept as is, not escaped
    assert text.startswith("{\n  ")
    document = json.loads(text)
    jsonschema.validate(document, SCHEMA)
    (entry,) = document["workbooks"]
    assert entry["workbook"]["name"] == "省税务局"
    assert entry["result"]["T"] == 100  # (1 + 9) × (1 + 9)
    assert entry["result"]["T"] == float(workbook.score("T"))


def test_a_name_typed_just_before_the_first_download_is_in_the_file(workbook):
    workbook.name_workbook("省大数据局")
    workbook.type_participant("李伟")
    name, text = download(workbook, "下载本工作簿")  # the click is the field's change: nothing waited for
    assert json.loads(text)["participant"] == "李伟"
    assert name == f"信任工作簿-李伟-省大数据局-{date.today().isoformat()}.json"
    workbook.reload()
    expect(workbook.page.get_by_label(ZH["participant"], exact=True)).to_have_value("李伟")


def test_a_name_typed_and_the_page_closed_at_once_is_still_there(workbook):
    workbook.type_participant("  李伟\t ")
    workbook.reload()  # the field never left: no change event
    expect(workbook.page.get_by_label(ZH["participant"], exact=True)).to_have_value("李伟")


def test_a_name_typed_just_before_printing_is_on_the_handout(workbook):
    workbook.type_participant("李伟")
    workbook.as_printed()
    expect(workbook.page.locator("[data-handout-field='participant']")).to_have_text("李伟")


def test_download_all_holds_every_workbook(workbook):
    workbook.name_workbook("省税务局")
    workbook.workbook_action(ZH["new"])
    workbook.name_workbook("市医院")
    workbook.disclose("企业信息", "名声")
    name, text = download(workbook, "下载全部")
    assert name.startswith("信任工作簿-") and name.endswith(f"{date.today().isoformat()}.json")
    document = json.loads(text)
    jsonschema.validate(document, SCHEMA)
    assert [entry["workbook"]["name"] for entry in document["workbooks"]] == ["省税务局", "市医院"]
    assert [entry["result"]["IS"] for entry in document["workbooks"]] == [0, 1]


def test_an_import_opens_as_a_new_workbook_and_round_trips(workbook):
    fill_small_workbook(workbook)
    _, first = download(workbook, "下载本工作簿")
    import_file(workbook, "省税务局.json", first)
    workbook.page.get_by_role("button", name=ZH["keep_both"]).click()  # it is already here: keep both
    expect(workbook.page.get_by_role("status")).to_contain_text("已导入 1 个工作簿")
    expect(workbook.switcher().get_by_role("option")).to_have_text(["省税务局", "省税务局 (2)"])
    expect(workbook.rows(ZH["needs"]).first.get_by_label(ZH["need_text"])).to_have_value("审批太慢")
    workbook.expect_score("T", "100")
    _, second = download(workbook, "下载本工作簿")
    before, after = json.loads(first)["workbooks"][0], json.loads(second)["workbooks"][0]
    assert inputs(after) == inputs(before)
    assert after["result"] == before["result"]


@pytest.mark.parametrize(
    "file_text, message",
    [
        ("", "文件是空的"),
        ("{broken", "不是有效的 JSON"),
        ('["a list"]', "不是信任工作簿"),
        ('{"schema": "trust-workbook", "schema_version": 1, "seller": {"product": [{"id": "performance", "status": "shouted"}]}}',
         "seller.product[0].status"),
    ],
)
def test_a_bad_file_is_explained_and_changes_nothing(workbook, file_text, message):
    fill_small_workbook(workbook)
    before = saved_state(workbook.wait_until_saved().page)
    import_file(workbook, "坏文件.json", file_text)
    status = workbook.page.get_by_role("status")
    expect(status).to_contain_text("无法导入「坏文件.json」")
    expect(status).to_contain_text(message)
    assert saved_state(workbook.page) == before
    expect(workbook.switcher().get_by_role("option")).to_have_count(1)
