"""Whatever a participant types is shown as text and never runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from workbook_page import ZH, WorkbookPage

pytestmark = pytest.mark.browser

PAYLOADS = [
    line for line in (Path(__file__).parent / "hostile_payloads.txt").read_text(encoding="utf-8").splitlines() if line
]

TRAP = """
window.__owned = 0;
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50


@pytest.fixture
def trapped(page, site_url, outside_requests):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(TRAP)
    workbook = WorkbookPage(page, site_url).open()
    yield workbook, dialogs
    assert dialogs == []
    assert page.evaluate("window.__owned") == 0
    assert page.evaluate("window.__violations") == []


def test_hostile_text_in_every_kind_of_field_executes_nothing(trapped):
    workbook, dialogs = trapped
    notes = [
        workbook.point("产品信息", "性能").get_by_label(ZH["note"]),
        workbook.point("企业信息", "名声").get_by_label(ZH["note"]),
        workbook.point("我的个人信息", "爱好").get_by_label(ZH["note"]),
        workbook.point("偏好信息", "决策流程").get_by_label(ZH["note"]),
        workbook.point("客户的个人信息", "性格").get_by_label(ZH["note"]),
    ]
    for number, payload in enumerate(PAYLOADS):
        notes[number % len(notes)].fill(payload)
        if number % 3 == 0:
            workbook.add_need(payload)
        elif number % 3 == 1:
            workbook.add_shared_item(payload, "3")
        else:
            workbook.name_workbook(payload)
    workbook.page.get_by_label(ZH["workbook_name"]).blur()
    workbook.reload()
    needs = workbook.rows(ZH["needs"])
    expect(needs).to_have_count(len(PAYLOADS[0::3]))
    for row, payload in zip(needs.all(), PAYLOADS[0::3]):
        expect(row.get_by_label(ZH["need_text"])).to_have_value(payload)
    shared = workbook.rows(ZH["common_ground"])
    for row, payload in zip(shared.all(), PAYLOADS[1::3]):
        expect(row.get_by_label(ZH["shared_text"])).to_have_value(payload)
    expect(workbook.switcher().get_by_role("option")).to_have_text([PAYLOADS[2::3][-1].strip()])
    last_typed = {number % len(notes): payload for number, payload in enumerate(PAYLOADS)}
    for position, note in enumerate(notes):
        expect(note).to_have_value(last_typed[position])
    # The page's own drawings (the curve, the relationship map and its handout copy) aside, no element came in.
    drawn_by_the_page = ":not(.chart):not([data-map] svg):not([data-handout-map] svg)"
    smuggled = "main img, main iframe, main script:not([type]), main svg" + drawn_by_the_page
    assert workbook.page.locator(smuggled).count() == 0
    assert workbook.page.locator("[data-map] svg").count() > 0


def test_hostile_need_text_in_the_next_moves_is_shown_as_text(trapped):
    workbook, dialogs = trapped
    payload = '<img src=x onerror="window.__owned=1">'
    workbook.disclose("产品信息", "性能")
    workbook.add_need(payload)
    workbook.rows(ZH["needs"]).first.get_by_label("已确认").uncheck()
    expect(workbook.page.locator("[data-moves]")).to_contain_text(payload)
