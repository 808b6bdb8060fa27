"""The score panel after an edit: the figures at once, the details (next
moves, common ground, the people's T_i) in the next pause of typing, and
then always those of the workbook as it is (py/panel_painter.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import build
import diagnosis
import review_view
import scoring
import view
from fixtures import POINTS, stored_items, worked_example_account
from workbook_page import WorkbookPage

pytestmark = pytest.mark.browser

METHOD = build.load_content()
STATUS = "[data-list='seller.product'] [data-item='{}'] [data-field='status']"
TOLD = "#seller-personal-{}-told [data-person='{}']"

# Edits made in one task, as a burst of keystrokes with no pause between
# them; returns what the panel shows right after the last one.
EDIT_IN_ONE_TASK = """({statuses, told}) => {
  for (const selector of statuses) {
    const control = document.querySelector(selector);
    control.value = control.value === "disclosed" ? "not_started" : "disclosed";
    control.dispatchEvent(new Event("input", {bubbles: true}));
  }
  for (const selector of told) {
    const box = document.querySelector(selector);
    box.checked = !box.checked;
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }
  return {T: document.querySelector("[data-score='T']").textContent,
          panel: document.body.getAttribute("data-panel"),
          moves: Array.from(document.querySelectorAll("[data-moves] [data-move-text]"), a => a.textContent)};
}"""

PANEL_DETAILS = """() => ({
  moves: Array.from(document.querySelectorAll("[data-moves] li"),
                    li => [li.querySelector("[data-move-text]").textContent,
                           li.querySelector("[data-move-gain]").textContent]),
  people: Array.from(document.querySelectorAll("[data-people-scores] [data-person-figure='T']"),
                     cell => cell.textContent),
  common_ground: Array.from(document.querySelectorAll("[data-common-ground-gains]"), p => p.textContent),
})"""


@pytest.fixture
def workbook(page, site_url, outside_requests) -> WorkbookPage:
    return WorkbookPage(page, site_url).open_with(stored_items(worked_example_account()))


def wait_for_the_pause(workbook: WorkbookPage):
    expect(workbook.page.locator("body")).to_have_attribute("data-panel", "complete")
    workbook.wait_until_saved()


def expected_details(stored: dict) -> dict:
    """What the panel's details say of `stored`, as the core and the view
    work it out under CPython."""
    texts = view.Texts(METHOD, "zh")
    need_texts = {need["id"]: need["text"] for need in stored["client"]["needs"]}
    shown = view.score_view(scoring.score(stored, METHOD), texts, need_texts, stored)
    return {"moves": [[move["text"], move["gain"]] for move in shown["moves"]],
            "people": [person["figures"]["T"] for person in shown["people"]],
            "common_ground": [hint["gains"] for hint in shown["common_ground"]]}


def test_the_figures_change_at_once_and_the_next_moves_after_the_pause(workbook):
    wait_for_the_pause(workbook)
    before = workbook.page.evaluate(PANEL_DETAILS)
    before_t = workbook.score("T")
    fourth_point = POINTS["product"][3]
    right_after = workbook.page.evaluate(EDIT_IN_ONE_TASK, {"statuses": [STATUS.format(fourth_point)], "told": []})

    assert right_after["T"] != before_t
    assert right_after["panel"] == "figures"
    assert right_after["moves"] == [text for text, _ in before["moves"]]  # not yet worked out
    wait_for_the_pause(workbook)
    stored = workbook.stored_workbook()
    assert stored["seller"]["product"][3]["status"] == "disclosed"
    assert right_after["T"] == scoring.score(stored, METHOD)["text"]["T"]
    details = workbook.page.evaluate(PANEL_DETAILS)
    assert details == expected_details(stored)
    assert details["moves"] != before["moves"]


def test_after_a_burst_of_edits_the_details_are_those_of_the_last_workbook(workbook):
    wait_for_the_pause(workbook)
    burst = {"statuses": [STATUS.format(point) for point in POINTS["product"][:6]],
             "told": [TOLD.format(POINTS["personal"][0], "p-2"), TOLD.format(POINTS["personal"][1], "p-2")]}
    workbook.page.evaluate(EDIT_IN_ONE_TASK, burst)
    wait_for_the_pause(workbook)
    stored = workbook.stored_workbook()
    assert stored["people"][1]["told"] == POINTS["personal"][:2]
    details = workbook.page.evaluate(PANEL_DETAILS)
    assert details == expected_details(stored)
    assert len(details["people"]) == 2 and details["moves"]


def test_printing_right_after_an_edit_prints_the_next_moves_of_that_edit(workbook):
    wait_for_the_pause(workbook)
    workbook.page.evaluate(EDIT_IN_ONE_TASK, {"statuses": [STATUS.format(POINTS["product"][4])], "told": []})
    workbook.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    details = workbook.page.evaluate(PANEL_DETAILS)
    wait_for_the_pause(workbook)
    assert details == expected_details(workbook.stored_workbook())


# A user's click on a checkbox: click, input and change events in one task.
CLICK_IN_ONE_TASK = """selector => {
  document.querySelector(selector).click();
  return {T: document.querySelector("[data-score='T']").textContent,
          panel: document.body.getAttribute("data-panel"),
          people: Array.from(document.querySelectorAll("[data-people-scores] [data-person-figure='T']"),
                             cell => cell.textContent)};
}"""


def test_a_click_shows_the_figures_in_its_own_task_and_the_details_and_the_review_after(workbook):
    wait_for_the_pause(workbook)
    before_t, before = workbook.score("T"), workbook.page.evaluate(PANEL_DETAILS)
    right_after = workbook.page.evaluate(CLICK_IN_ONE_TASK, TOLD.format(POINTS["personal"][0], "p-2"))
    assert right_after["T"] != before_t
    # neither the change event nor the review worked out the details in the click's task
    assert right_after["panel"] == "figures" and right_after["people"] == before["people"]
    wait_for_the_pause(workbook)
    stored = workbook.stored_workbook()
    assert POINTS["personal"][0] in stored["people"][1]["told"]
    assert workbook.page.evaluate(PANEL_DETAILS) == expected_details(stored)
    texts = view.Texts(METHOD, "zh")
    line = review_view.panel_line(diagnosis.review(stored, METHOD, scoring.score(stored, METHOD)), texts)
    expect(workbook.page.locator("[data-review-line]")).to_have_text(line)


def test_a_next_move_that_wraps_has_its_number_beside_its_first_line(workbook):
    workbook.page.set_viewport_size({"width": 390, "height": 844})
    workbook.reload()
    workbook.page.get_by_text("得分详情", exact=True).click()
    wrapped = workbook.where_wrapped_moves_are_numbered()
    assert wrapped, "no next move wraps on a phone: the test shows nothing"
    assert [move for move, baseline, line in wrapped if baseline > line] == []
