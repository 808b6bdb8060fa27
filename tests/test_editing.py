"""What an edit changes, decided without the page (py/editing.py): new rows,
settings, a note's status, a removed row brought back, an import's plan;
and where the score panel shows each figure (py/panel.py)."""

from __future__ import annotations

import copy

import build
import editing
import panel
import scoring
import view
from workbook_strategies import worked_example

METHOD = build.load_content()
UNTITLED = ("未命名客户", "Untitled client")


def test_a_new_need_takes_the_cores_defaults_and_is_known():
    need = editing.new_row("client.needs", [{"id": "need-1"}, {"id": "need-3"}], METHOD)
    core = scoring.normalise({"client": {"needs": [{"id": "x"}]}}, METHOD)["client"]["needs"][0]
    assert need == dict(core, id="need-4", known=True)  # after the list's length, need-3 being taken


def test_a_new_shared_item_starts_in_the_first_category_of_middling_narrowness():
    item = editing.new_row("common_ground", [], METHOD)
    assert item == {"id": "cg-1", "text": "", "category": METHOD["common_ground_categories"][0]["id"],
                    "narrowness": 2, "stage": None}


def test_choosing_a_preset_brings_its_weights_and_leaves_the_settings_given_alone():
    settings = scoring.default_settings(METHOD)
    kept = copy.deepcopy(settings)
    preset = METHOD["presets"][-1]
    changed = editing.with_setting(settings, "preset", preset["id"], METHOD)
    assert changed["preset"] == preset["id"] and changed["weights"] == preset["weights"]
    assert settings == kept


def test_a_weight_typed_by_hand_makes_the_preset_custom_and_a_half_typed_number_changes_nothing():
    settings = scoring.default_settings(METHOD)
    changed = editing.with_setting(settings, "weights.needs", "0.25", METHOD)
    assert changed["weights"]["needs"] == 0.25 and changed["preset"] == "custom"
    assert editing.with_setting(settings, "contact_factor", "3", METHOD)["preset"] == settings["preset"]
    assert editing.with_setting(settings, "contact_factor", "1e", METHOD) is None
    assert editing.setting_value(changed, "weights.needs") == 0.25


def test_the_panel_writes_only_into_elements_the_page_has():
    shown = view.score_view(scoring.score(worked_example(), METHOD), view.Texts(METHOD, "zh"), {})
    slots = panel.slots(shown, {"data-score:T": None})
    assert [slot for slot in slots if slot[0] != "bars"] == [("figures", "T", "data-score:T", None)]
    assert {slot[1] for slot in slots if slot[0] == "bars"} == set(shown["bars"])
    assert panel.curve_keys(2)[1][0] == "data-curve-dot:1@cx"


def test_typing_a_note_into_an_empty_point_marks_it_prepared():
    assert editing.status_after_note("empty", "能耗比同类低 20%") == "prepared"


def test_clearing_the_note_of_a_prepared_point_makes_it_empty():
    assert editing.status_after_note("prepared", "") == "empty"
    assert editing.status_after_note("prepared", "  \n") == "empty"


def test_a_disclosed_point_stays_disclosed_whatever_its_note():
    assert editing.status_after_note("disclosed", "") == "disclosed"
    assert editing.status_after_note("disclosed", "说过了") == "disclosed"


def test_whitespace_alone_does_not_prepare_a_point():
    assert editing.status_after_note("empty", "   ") == "empty"


def workbook_with_needs(*needs):
    workbook = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    workbook["client"]["needs"] = [dict(need) for need in needs]
    return workbook


def test_a_removed_row_comes_back_in_its_place():
    workbook = workbook_with_needs({"id": "need-1"}, {"id": "need-2", "text": "人手不够"}, {"id": "need-3"})
    removed = editing.remove_record(workbook, "client.needs", "need-2")
    assert [record["id"] for record in workbook["client"]["needs"]] == ["need-1", "need-3"]
    assert editing.restore_record(workbook, removed) is True
    assert workbook["client"]["needs"] == [{"id": "need-1"}, {"id": "need-2", "text": "人手不够"}, {"id": "need-3"}]


def test_removing_an_unknown_row_removes_nothing():
    workbook = scoring.blank_workbook(METHOD, "wb-1")
    workbook["common_ground"] = [{"id": "cg-1"}]
    assert editing.remove_record(workbook, "common_ground", "cg-9") is None
    assert workbook["common_ground"] == [{"id": "cg-1"}]


def test_a_row_restored_twice_is_there_once():
    workbook = scoring.blank_workbook(METHOD, "wb-1")
    workbook["common_ground"] = [{"id": "cg-1"}, {"id": "cg-2"}]
    removed = editing.remove_record(workbook, "common_ground", "cg-1")
    editing.restore_record(workbook, removed)
    assert editing.restore_record(workbook, removed) is False
    assert [record["id"] for record in workbook["common_ground"]] == ["cg-1", "cg-2"]


def test_a_removed_row_does_not_come_back_into_another_workbook():
    workbook = workbook_with_needs({"id": "need-1", "text": "系统老化"})
    removed = editing.remove_record(workbook, "client.needs", "need-1")
    other = workbook_with_needs()
    other["id"] = "wb-2"
    assert editing.restore_record(other, removed) is False
    assert other["client"]["needs"] == []


def test_typing_a_note_moves_the_points_status_and_says_so():
    record = {"id": "specifications", "status": "empty", "note": "能耗比同类低 20%"}
    assert editing.note_written(record, "note") is True and record["status"] == "prepared"
    assert editing.note_written(record, "note") is False and record["status"] == "prepared"
    assert editing.note_written({"id": "need-1", "note": "x"}, "note") is False
    record["note"] = ""
    assert editing.note_written(record, "stage") is False and record["status"] == "prepared"


def test_a_blank_workbook_the_page_made_is_untouched_in_either_language():
    blank = scoring.blank_workbook(METHOD)
    for name in UNTITLED + ("",):
        assert editing.is_untouched(scoring.blank_workbook(METHOD, "wb-1", name), blank, UNTITLED)


def test_a_named_or_edited_workbook_is_touched():
    blank = scoring.blank_workbook(METHOD)
    named = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    assert not editing.is_untouched(named, blank, UNTITLED)
    edited = scoring.blank_workbook(METHOD, "wb-1", "未命名客户")
    edited["seller"]["product"][0]["note"] = "x"
    assert not editing.is_untouched(edited, blank, UNTITLED)


def test_an_import_adds_new_workbooks_and_asks_about_those_already_here():
    here = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    other = scoring.blank_workbook(METHOD, "wb-2", "市医院")
    blank = scoring.blank_workbook(METHOD, "wb-0", "未命名客户")
    plan = editing.plan_import([here, other], {"wb-1": here, "wb-0": blank}, METHOD, UNTITLED)
    assert plan["add"] == [other]
    assert plan["already_here"] == [here]
    assert plan["replace_untouched"] == ["wb-0"]


def test_an_import_keeps_workbooks_someone_wrote_in_and_unreadable_ones():
    named = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    other = scoring.blank_workbook(METHOD, "wb-2", "市医院")
    plan = editing.plan_import([other], {"wb-1": named, "wb-9": None}, METHOD, UNTITLED)
    assert plan == {"add": [other], "already_here": [], "replace_untouched": []}


def test_an_import_that_brings_nothing_keeps_the_blank_workbook():
    blank = scoring.blank_workbook(METHOD, "wb-0", "未命名客户")
    plan = editing.plan_import([], {"wb-0": blank}, METHOD, UNTITLED)
    assert plan == {"add": [], "already_here": [], "replace_untouched": []}
