"""The editing rules the page follows, without a browser."""

from __future__ import annotations

import build
import edits
import scoring

METHOD = build.load_content()
UNTITLED = ("未命名客户", "Untitled client")


def test_typing_a_note_into_an_empty_point_marks_it_prepared():
    assert edits.status_after_note("empty", "能耗比同类低 20%") == "prepared"


def test_clearing_the_note_of_a_prepared_point_makes_it_empty():
    assert edits.status_after_note("prepared", "") == "empty"
    assert edits.status_after_note("prepared", "  \n") == "empty"


def test_a_disclosed_point_stays_disclosed_whatever_its_note():
    assert edits.status_after_note("disclosed", "") == "disclosed"
    assert edits.status_after_note("disclosed", "说过了") == "disclosed"


def test_whitespace_alone_does_not_prepare_a_point():
    assert edits.status_after_note("empty", "   ") == "empty"


def test_a_removed_row_comes_back_in_its_place():
    records = [{"id": "need-1"}, {"id": "need-2", "text": "人手不够"}, {"id": "need-3"}]
    removed = edits.remove_record(records, "need-2")
    assert [record["id"] for record in records] == ["need-1", "need-3"]
    assert edits.restore_record(records, removed) is True
    assert records == [{"id": "need-1"}, {"id": "need-2", "text": "人手不够"}, {"id": "need-3"}]


def test_removing_an_unknown_row_removes_nothing():
    records = [{"id": "cg-1"}]
    assert edits.remove_record(records, "cg-9") is None
    assert records == [{"id": "cg-1"}]


def test_a_row_restored_twice_is_there_once():
    records = [{"id": "cg-1"}, {"id": "cg-2"}]
    removed = edits.remove_record(records, "cg-1")
    edits.restore_record(records, removed)
    assert edits.restore_record(records, removed) is False
    assert [record["id"] for record in records] == ["cg-1", "cg-2"]


def test_a_blank_workbook_the_page_made_is_untouched_in_either_language():
    blank = scoring.blank_workbook(METHOD)
    for name in UNTITLED + ("",):
        assert edits.is_untouched(scoring.blank_workbook(METHOD, "wb-1", name), blank, UNTITLED)


def test_a_named_or_edited_workbook_is_touched():
    blank = scoring.blank_workbook(METHOD)
    named = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    assert not edits.is_untouched(named, blank, UNTITLED)
    edited = scoring.blank_workbook(METHOD, "wb-1", "未命名客户")
    edited["seller"]["product"][0]["note"] = "x"
    assert not edits.is_untouched(edited, blank, UNTITLED)


def test_an_import_adds_new_workbooks_and_asks_about_those_already_here():
    here = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    other = scoring.blank_workbook(METHOD, "wb-2", "市医院")
    blank = scoring.blank_workbook(METHOD, "wb-0", "未命名客户")
    plan = edits.plan_import([here, other], {"wb-1": here, "wb-0": blank}, METHOD, UNTITLED)
    assert plan["add"] == [other]
    assert plan["already_here"] == [here]
    assert plan["replace_untouched"] == ["wb-0"]


def test_an_import_keeps_workbooks_someone_wrote_in_and_unreadable_ones():
    named = scoring.blank_workbook(METHOD, "wb-1", "省税务局")
    other = scoring.blank_workbook(METHOD, "wb-2", "市医院")
    plan = edits.plan_import([other], {"wb-1": named, "wb-9": None}, METHOD, UNTITLED)
    assert plan == {"add": [other], "already_here": [], "replace_untouched": []}


def test_an_import_that_brings_nothing_keeps_the_blank_workbook():
    blank = scoring.blank_workbook(METHOD, "wb-0", "未命名客户")
    plan = edits.plan_import([], {"wb-0": blank}, METHOD, UNTITLED)
    assert plan == {"add": [], "already_here": [], "replace_untouched": []}
