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
