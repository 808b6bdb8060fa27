"""The built page in a real browser: it starts offline-clean and scores."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from workbook_page import WorkbookPage

pytestmark = pytest.mark.browser


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url)


def test_the_page_becomes_ready_without_errors_or_outside_requests(workbook, outside_requests):
    workbook.open()
    assert workbook.page.locator(".py-error").count() == 0
    assert outside_requests == []


def test_the_english_page_becomes_ready_too(workbook):
    workbook.open("en/")
    expect(workbook.page.get_by_role("heading", name="Trust Workbook", level=1)).to_be_visible()


def test_disclosing_a_product_point_raises_the_score_as_you_type(workbook):
    workbook.open()
    assert workbook.score("IS") == "0"
    point = workbook.point("产品信息", "性能")
    point.get_by_label("要点").fill("能效比同类高 20%")
    point.get_by_label("状态").select_option("disclosed")
    expect(workbook.page.locator("[data-score='IS']")).to_have_text("1")


def test_what_was_typed_is_still_there_after_a_reload(workbook):
    workbook.open()
    workbook.point("企业信息", "名声").get_by_label("要点").fill("省内三十年口碑")
    workbook.reload()
    expect(workbook.point("企业信息", "名声").get_by_label("要点")).to_have_value("省内三十年口碑")


# Runs in the page before its scripts: what the sheets hold at the moment the
# page says it is ready, and after a beforeprint event sent right then.
SHEETS_AT_READY = """
new MutationObserver((_, observer) => {
  if (document.body.getAttribute("data-ready") !== "1") return;
  observer.disconnect();
  const waiting = () => document.querySelectorAll("template[data-deferred]").length;
  window.sheetsAtReady = {
    waiting: waiting(),
    productControls: document.querySelectorAll("[data-list='seller.product'] [data-field]").length,
  };
  window.dispatchEvent(new Event("beforeprint"));
  window.sheetsAtReady.waitingAfterBeforeprint = waiting();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"]});
"""


def test_the_first_sheet_is_in_place_at_ready_and_the_rest_arrive_before_printing(workbook):
    workbook.page.add_init_script(SHEETS_AT_READY)
    workbook.open()
    at_ready = workbook.page.evaluate("window.sheetsAtReady")
    assert at_ready["productControls"] >= 30
    assert at_ready["waiting"] > 0
    assert at_ready["waitingAfterBeforeprint"] == 0


def test_a_stored_workbook_fills_the_sheets_that_arrive_after_ready(workbook):
    workbook.open()
    workbook.point("客户的个人信息", "品质").get_by_label("已了解").check()
    workbook.add_need("审批太慢")
    workbook.page.get_by_label("接触系数 P(0–10)").fill("2")
    workbook.wait_until_saved()
    workbook.reload()
    expect(workbook.point("客户的个人信息", "品质").get_by_label("已了解")).to_be_checked()
    expect(workbook.page.get_by_label("问题描述")).to_have_value("审批太慢")
    expect(workbook.page.get_by_label("接触系数 P(0–10)")).to_have_value("2")
