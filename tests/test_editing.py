"""What an edit changes, decided without the page (py/editing.py): new rows,
settings, a note's status, a removed row brought back, an import's plan;
and where the score panel shows each figure (py/panel.py)."""

from __future__ import annotations

import copy
import json

import build
import editing
import panel
import scoring
import view
import fixtures
from fixtures import POINTS
from interpreters import CORE_MODULES, both
from workbook_strategies import worked_example

METHOD = build.load_content()
UNTITLED = ("未命名客户", "Untitled client")


def test_a_new_need_takes_the_cores_defaults_and_is_known():
    need = editing.new_row("client.needs", [{"id": "need-1"}, {"id": "need-3"}], METHOD)
    core = scoring.normalise({"client": {"needs": [{"id": "x"}]}}, METHOD)["client"]["needs"][0]
    assert need == dict(core, id="need-4", known=True)  # after the list's length, need-3 being taken


def test_a_new_shared_item_is_in_the_category_other_until_one_is_chosen_and_of_middling_narrowness():
    # Not the first category (学习经历): "都喜欢钓鱼" was printed as education.
    item = editing.new_row("common_ground", [], METHOD)
    assert item == {"id": "cg-1", "text": "", "category": "other", "narrowness": 2, "stage": None, "with": []}
    assert "other" in [category["id"] for category in METHOD["common_ground_categories"]]


def test_a_new_shared_item_is_shared_with_the_accounts_one_person_and_with_nobody_among_several():
    workbook = scoring.blank_workbook(METHOD, "wb-1", "")
    assert editing.new_row("common_ground", [], METHOD, workbook["people"])["with"] == ["p-1"]
    editing.add_person(workbook, METHOD)
    assert editing.new_row("common_ground", [], METHOD, workbook["people"])["with"] == []


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
    for name in UNTITLED + ("",):
        assert scoring.untouched(scoring.blank_workbook(METHOD, "wb-1", name), METHOD)


def test_a_named_or_edited_workbook_is_touched():
    named = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    assert not scoring.untouched(named, METHOD)
    edited = scoring.blank_workbook(METHOD, "wb-1", "未命名客户")
    edited["seller"]["product"][0]["note"] = "x"
    assert not scoring.untouched(edited, METHOD)


def test_an_import_adds_new_workbooks_and_asks_about_those_already_here():
    here = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    other = scoring.blank_workbook(METHOD, "wb-2", "市医院")
    blank = scoring.blank_workbook(METHOD, "wb-0", "未命名客户")
    plan = editing.plan_import([here, other], {"wb-1": here, "wb-0": blank}, METHOD)
    assert plan["add"] == [other]
    assert plan["already_here"] == [here]
    assert plan["replace_untouched"] == ["wb-0"]


def test_an_import_keeps_workbooks_someone_wrote_in_and_unreadable_ones():
    named = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    other = scoring.blank_workbook(METHOD, "wb-2", "市医院")
    plan = editing.plan_import([other], {"wb-1": named, "wb-9": None}, METHOD)
    assert plan == {"add": [other], "already_here": [], "replace_untouched": []}


def test_an_import_that_brings_nothing_keeps_the_blank_workbook():
    blank = scoring.blank_workbook(METHOD, "wb-0", "未命名客户")
    plan = editing.plan_import([], {"wb-0": blank}, METHOD)
    assert plan == {"add": [], "already_here": [], "replace_untouched": []}


# ---------------------------------------------------------------- the account's people

def committee():
    """A blank workbook with three people: p-2 reports to p-1, p-3 to p-2;
    a shared item with p-1 and p-2, one need owned by p-2."""
    workbook = scoring.blank_workbook(METHOD, "wb-people", "委员会")
    for _ in range(2):
        editing.add_person(workbook, METHOD)
    first, second, third = workbook["people"]
    first["name"], second["name"], third["name"] = "王主任", "李科长", "赵工"
    second["reports_to"], third["reports_to"] = "p-1", "p-2"
    workbook["common_ground"].append(dict(editing.new_row("common_ground", [], METHOD), text="同一所大学",
                                          **{"with": ["p-1", "p-2"]}))
    workbook["client"]["needs"].append(dict(editing.new_row("client.needs", [], METHOD), text="审批慢", owner="p-2"))
    return workbook


def ids(workbook):
    return [person["id"] for person in workbook["people"]]


def test_a_new_person_takes_every_default_of_the_core_and_the_next_free_id():
    workbook = scoring.blank_workbook(METHOD, "wb-1", "")
    workbook["people"].append(scoring.blank_person(METHOD, "p-3"))
    person = editing.add_person(workbook, METHOD)
    assert person == scoring.blank_person(METHOD, "p-4")  # after the list's length, p-3 being taken
    assert workbook["people"][-1] is person and ids(workbook) == ["p-1", "p-3", "p-4"]


def test_the_account_holds_no_more_people_than_method_json_allows():
    workbook = scoring.blank_workbook(METHOD, "wb-1", "")
    while editing.add_person(workbook, METHOD) is not None:
        pass
    assert len(workbook["people"]) == METHOD["limits"]["people"] == 12
    assert editing.duplicate_person(workbook, "p-1", " (copy)", METHOD) is None
    assert len(workbook["people"]) == 12


def test_a_copied_person_follows_the_original_with_a_new_id_and_a_copy_name_and_shares_nothing_yet():
    workbook = committee()
    workbook["people"][0]["told"] = ["hobbies"]
    before = copy.deepcopy(workbook)
    person = editing.duplicate_person(workbook, "p-1", "(副本)", METHOD)
    assert ids(workbook) == ["p-1", "p-4", "p-2", "p-3"]
    assert person["name"] == "王主任(副本)" and person["told"] == ["hobbies"]
    assert dict(person, id="p-1", name="王主任") == before["people"][0]
    assert workbook["common_ground"] == before["common_ground"] and workbook["client"] == before["client"]
    person["personal"][0]["note"] = "changed"
    assert workbook["people"][0]["personal"][0]["note"] == before["people"][0]["personal"][0]["note"]


def test_a_person_moves_up_and_down_and_stops_at_either_end():
    workbook = committee()
    assert editing.move_person(workbook, "p-3", -1) == 1 and ids(workbook) == ["p-1", "p-3", "p-2"]
    assert editing.move_person(workbook, "p-1", -1) is None
    assert editing.move_person(workbook, "p-2", 1) is None
    assert editing.move_person(workbook, "p-1", 1) == 1 and ids(workbook) == ["p-3", "p-1", "p-2"]
    assert editing.move_person(workbook, "p-9", 1) is None


def test_removing_a_person_takes_them_out_of_what_named_them_and_undo_puts_it_all_back():
    workbook = committee()
    before = copy.deepcopy(workbook)
    removed = editing.remove_person(workbook, "p-2")
    assert ids(workbook) == ["p-1", "p-3"]
    assert workbook["common_ground"][0]["with"] == ["p-1"]
    assert workbook["client"]["needs"][0]["owner"] is None
    assert workbook["people"][1]["reports_to"] is None
    assert scoring.score(workbook, METHOD)["people"][1]["id"] == "p-3"
    assert editing.restore_person(workbook, removed, METHOD) is True
    assert workbook == before
    assert editing.restore_person(workbook, removed, METHOD) is False  # not twice
    assert workbook == before


def test_undo_leaves_alone_what_was_given_to_someone_else_meanwhile_and_what_is_gone():
    workbook = committee()
    removed = editing.remove_person(workbook, "p-2")
    workbook["client"]["needs"][0]["owner"] = "p-1"
    workbook["common_ground"].clear()
    assert editing.restore_person(workbook, removed, METHOD) is True
    assert ids(workbook) == ["p-1", "p-2", "p-3"]
    assert workbook["client"]["needs"][0]["owner"] == "p-1"
    assert workbook["people"][2]["reports_to"] == "p-2"


def test_the_last_person_stays_and_undo_goes_into_no_other_workbook_nor_past_the_limit():
    single = scoring.blank_workbook(METHOD, "wb-1", "")
    assert editing.remove_person(single, "p-1") is None and ids(single) == ["p-1"]
    workbook = committee()
    removed = editing.remove_person(workbook, "p-3")
    other = dict(copy.deepcopy(workbook), id="wb-other")
    assert editing.restore_person(other, removed, METHOD) is False and ids(other) == ["p-1", "p-2"]
    while editing.add_person(workbook, METHOD) is not None:
        pass
    workbook["people"] = [person for person in workbook["people"] if person["id"] != "p-3"]
    workbook["people"].append(scoring.blank_person(METHOD, "p-99"))
    assert editing.restore_person(workbook, removed, METHOD) is False and len(workbook["people"]) == 12


def test_points_told_and_people_shared_with_are_kept_in_their_content_and_account_order():
    workbook = committee()
    person = workbook["people"][0]
    order = POINTS["personal"]  # the seller's personal points, in content order
    person["told"] = editing.told_after(person, order[3], True, METHOD)
    person["told"] = editing.told_after(person, order[0], True, METHOD)
    assert person["told"] == [order[0], order[3]]
    assert editing.told_after(person, order[3], False, METHOD) == [order[0]]
    item = workbook["common_ground"][0]
    assert editing.shared_with(item, workbook, "p-3", True) == ["p-1", "p-2", "p-3"]
    assert editing.shared_with(dict(item, **{"with": ["p-3"]}), workbook, "p-1", True) == ["p-1", "p-3"]
    assert editing.shared_with(item, workbook, "p-1", False) == ["p-2"]


def test_nobody_reports_to_themselves_nor_to_someone_below_them():
    workbook = committee()  # p-3 reports to p-2, who reports to p-1
    assert [person["id"] for person in editing.managers_for(workbook, "p-1")] == []
    assert [person["id"] for person in editing.managers_for(workbook, "p-2")] == ["p-1"]
    assert [person["id"] for person in editing.managers_for(workbook, "p-3")] == ["p-1", "p-2"]


def test_a_persons_fields_take_numbers_nobody_and_a_contact_factor_in_range():
    assert editing.person_value("influence", "3", METHOD) == 3
    assert editing.person_value("reports_to", "", METHOD) is None
    assert editing.person_value("reports_to", "p-1", METHOD) == "p-1"
    assert editing.person_value("contact_factor", "2.5", METHOD) == 2.5
    assert editing.person_value("contact_factor", "40", METHOD) == 10
    assert editing.person_value("contact_factor", "1e", METHOD) is None
    assert editing.person_value("contact_factor", "", METHOD) is None
    assert editing.person_value("name", "王主任", METHOD) == "王主任"


def test_a_persons_personal_points_are_a_list_of_the_workbook_and_reread_as_that_person_alone():
    workbook = committee()
    path = editing.personal_path("p-2")
    records = editing.list_records(workbook, path)
    assert records is workbook["people"][1]["personal"]
    assert editing.list_records(workbook, editing.personal_path("p-9")) == []
    assert editing.list_records(workbook, "people") is workbook["people"]
    assert editing.score_path(path) == "people.p-2" == editing.person_path("p-2")
    assert editing.score_path("client.needs") == "client.needs"
    scorer = scoring.Scorer(workbook, METHOD)
    records[0]["known"] = True
    workbook["people"][1]["told"] = ["hobbies"]
    scorer.reread(workbook, editing.score_path(path))
    assert scorer.score() == scoring.score(workbook, METHOD)


def test_a_p_out_of_range_is_kept_in_range_and_the_page_says_what_it_counts_as():
    assert editing.person_value_message("contact_factor", "99", 10, METHOD) == (
        "ux_contact_factor_clamped", {"typed": "99", "value": "10", "low": "0", "high": "10"})
    assert editing.person_value_message("contact_factor", "-3", 0, METHOD)[1]["value"] == "0"
    zh = view.Texts(METHOD, "zh").ui_text(*editing.person_value_message("contact_factor", "99", 10, METHOD))
    en = view.Texts(METHOD, "en").ui_text(*editing.person_value_message("contact_factor", "-3", 0, METHOD))
    assert zh == "P 只能在 0 到 10 之间:你输入的 99 按 10 计。"
    assert en == "P goes from 0 to 10: the -3 you typed counts as 0."


def test_a_p_in_range_or_half_typed_says_nothing():
    for text in ("2.5", "10", "0", "1e", ""):
        assert editing.person_value_message("contact_factor", text, editing.person_value(
            "contact_factor", text, METHOD), METHOD) is None
    assert editing.person_value_message("influence", "9", 9, METHOD) is None


def test_telling_somebody_an_empty_point_prepares_it_as_writing_its_note_does():
    point = {"id": "hobbies", "status": "empty", "note": ""}
    assert editing.told_prepares(point, True) is True and point["status"] == "prepared"
    assert editing.told_prepares(point, False) is False and point["status"] == "prepared"
    disclosed = {"id": "hobbies", "status": "disclosed"}
    assert editing.told_prepares(disclosed, True) is False and disclosed["status"] == "disclosed"
    empty = {"id": "hobbies", "status": "empty"}
    assert editing.told_prepares(empty, False) is False and empty["status"] == "empty"


def test_a_whole_workbook_path_makes_the_scorer_read_everything_again():
    workbook = scoring.normalise(fixtures.worked_example_account(), METHOD)
    scorer = scoring.Scorer(workbook, METHOD)
    before = scorer.score()["T"]
    point = [point for point in workbook["seller"]["personal"] if point["id"] == "personality"][0]
    editing.told_prepares(point, True)
    workbook["people"][0]["told"] = editing.told_after(workbook["people"][0], point["id"], True, METHOD)
    scorer.reread(workbook, editing.WHOLE_WORKBOOK)
    assert scorer.score()["T"] == scoring.score(workbook, METHOD)["T"] > before


# ---------------------------------------------------------------- MicroPython

EDITING_HARNESS = r'''
import json
import editing
import jsontext
import scoring


def run(method_text, cases_text):
    prepared = scoring.prepare(json.loads(method_text))
    for field, text, status, told in json.loads(cases_text):
        value = editing.person_value(field, text, prepared)
        point = {"id": "hobbies", "status": status}
        changed = editing.told_prepares(point, told)
        yield jsontext.dumps([value, editing.person_value_message(field, text, value, prepared), changed, point])
'''


def test_micropython_reads_a_typed_p_and_a_told_point_exactly_as_cpython(tmp_path):
    cases = [["contact_factor", text, status, told] for text in ("99", "-3", "2.5", "10", "1e", "", " 7 ")
             for status, told in (("empty", True), ("prepared", True), ("empty", False), ("disclosed", True))]
    inputs = {"method.json": fixtures.METHOD_PATH.read_text(encoding="utf-8"), "cases.json": json.dumps(cases)}
    expected, got = both(EDITING_HARNESS, CORE_MODULES + ["editing.py"], inputs, tmp_path)
    assert len(expected) == len(cases) and "ux_contact_factor_clamped" in expected[0]
    assert got == expected
