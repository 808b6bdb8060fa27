"""The set of workbooks in one browser: ids, names, order and undo."""

from __future__ import annotations

import library


def index_with(*names):
    index = library.empty_index()
    for number, name in enumerate(names, 1):
        index = library.add(index, f"wb-{number}", name, "2026-11-26T10:00:00Z")
    return index


def test_a_new_workbook_is_added_and_opened():
    index = index_with("省税务局", "市医院")
    assert [entry["name"] for entry in index["workbooks"]] == ["省税务局", "市医院"]
    assert index["current"] == "wb-2"


def test_a_workbook_added_after_another_stands_right_behind_it():
    index = library.add(index_with("A", "C"), "wb-9", "B", "", after_id="wb-1")
    assert [entry["name"] for entry in index["workbooks"]] == ["A", "B", "C"]


def test_names_are_kept_apart_by_a_number():
    index = index_with("省税务局", "省税务局", "省税务局")
    assert [entry["name"] for entry in index["workbooks"]] == ["省税务局", "省税务局 (2)", "省税务局 (3)"]


def test_renaming_to_its_own_name_changes_nothing():
    index = library.rename(index_with("省税务局"), "wb-1", "省税务局")
    assert index["workbooks"][0]["name"] == "省税务局"


def test_names_lose_runs_of_white_space_and_excess_length():
    index = index_with("  市  医院\n")
    assert index["workbooks"][0]["name"] == "市 医院"
    long_name = library.rename(index, "wb-1", "名" * 500)["workbooks"][0]["name"]
    assert len(long_name) == library.NAME_LIMIT


def test_new_ids_never_repeat_one_in_use():
    index = library.add(library.empty_index(), "wb-1000", "A", "")
    assert library.new_id(index, 1000) == "wb-1000-1"
    assert library.new_id(index, 1001) == "wb-1001"


def test_removing_the_open_workbook_opens_its_neighbour():
    index, removed = library.remove(index_with("A", "B", "C"), "wb-2")
    assert index["current"] == "wb-3"
    assert removed["position"] == 1
    index, _ = library.remove(index, "wb-3")
    assert index["current"] == "wb-1"


def test_undo_puts_a_removed_workbook_back_where_it_was():
    original = index_with("A", "B", "C")
    index, removed = library.remove(original, "wb-2")
    restored = library.restore(index, removed)
    assert restored["workbooks"] == original["workbooks"]
    assert restored["current"] == "wb-2"


def test_removing_the_last_workbook_leaves_nothing_open():
    index, _ = library.remove(index_with("A"), "wb-1")
    assert index == library.empty_index()


def test_the_functions_never_change_the_index_they_are_given():
    original = index_with("A", "B")
    snapshot = repr(original)
    library.rename(original, "wb-1", "Z")
    library.remove(original, "wb-1")
    library.touch(original, "wb-2", "later")
    library.open_workbook(original, "wb-1")
    assert repr(original) == snapshot


def test_a_damaged_stored_index_keeps_only_usable_entries():
    stored = {
        "current": "gone",
        "workbooks": [
            {"id": "wb-1", "name": "A", "updated": 5},
            "not an entry",
            {"id": "", "name": "no id"},
            {"id": "wb-1", "name": "repeated"},
            {"id": "wb-2", "name": None},
        ],
    }
    index = library.read_index(stored)
    assert index["workbooks"] == [
        {"id": "wb-1", "name": "A", "updated": ""},
        {"id": "wb-2", "name": "", "updated": ""},
    ]
    assert index["current"] == "wb-1"
    assert library.read_index("nonsense") == library.empty_index()


def test_stored_workbooks_missing_from_the_index_are_adopted():
    index = library.adopt(index_with("A"), [("wb-1", "A"), ("wb-7", "A"), ("wb-8", "B")])
    assert [(entry["id"], entry["name"]) for entry in index["workbooks"]] == [
        ("wb-1", "A"), ("wb-7", "A (2)"), ("wb-8", "B"),
    ]
    assert library.adopt(library.empty_index(), [("wb-8", "B")])["current"] == "wb-8"


def test_only_workbook_keys_name_a_workbook():
    assert library.workbook_id_of(library.workbook_key("wb-5")) == "wb-5"
    assert library.workbook_id_of(library.workbook_key("wb-5") + ":unreadable:1") is None
    assert library.workbook_id_of(library.INDEX_KEY) is None
    assert library.workbook_id_of(library.revision_key("wb-5")) is None
