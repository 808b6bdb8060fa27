"""The facilitator's room, pure: files gathered into rows, sorted,
averaged, anonymised, charted and written as CSV safe for spreadsheets.
(That it runs the same under MicroPython is checked with the results file,
in test_results.py.)"""

from __future__ import annotations

import csv
import io
import random

import pytest

import results
import room
from fixtures import METHOD, POINTS, named, worked_example

EXPORTED_AT = "2026-11-26T09:30:00.000Z"


def export(*workbooks):
    return results.export_document(list(workbooks), METHOD, EXPORTED_AT, "abc123")


def room_of(*workbooks, files=None):
    loaded = room.new_room()
    for position, workbook in enumerate(workbooks):
        text = results.document_text(export(workbook))
        name = files[position] if files else "file-%d.json" % position
        loaded = room.add_file(loaded, name, text, METHOD, "en")
    return loaded


def with_products(name, account, count, contact_factor=1):
    workbook = named(name, account)
    workbook["seller"]["product"] = [{"id": i, "status": "disclosed"} for i in POINTS["product"][:count]]
    workbook["settings"]["contact_factor"] = contact_factor
    return workbook


def test_a_room_row_shows_what_the_worksheet_page_showed():
    view = room.room_view(room_of(worked_example()), METHOD, "en")
    (row,) = view["rows"]
    assert row["cells"] == ["worked example", "", "248", "7", "6.5", "9", "23%", "About the client's person"]


def test_a_workbook_without_a_name_is_named_by_its_file():
    workbook = worked_example()
    workbook["name"] = "  "
    view = room.room_view(room_of(workbook, files=["王芳 第二组.json"]), METHOD, "zh")
    assert view["rows"][0]["cells"][0] == "王芳 第二组"


def test_sorting_is_total_so_ties_come_out_the_same_whatever_the_loading_order():
    people = [with_products(name, account, count) for name, account, count in [
        ("b", "y", 3), ("a", "y", 3), ("a", "x", 3), ("c", "x", 5), ("a", "x", 1)]]
    expected = None
    for seed in range(6):
        order = list(people)
        random.Random(seed).shuffle(order)
        view = room.room_view(room_of(*order), METHOD, "en", "T", True)
        shown = [row["cells"][:3] for row in view["rows"]]
        if expected is None:
            expected = shown
        assert shown == expected
    # the column descends, its ties stay in name then account order
    assert expected[:4] == [["c", "x", "279"], ["a", "x", "248"], ["a", "y", "248"], ["b", "y", "248"]]


@pytest.mark.parametrize("column", room.COLUMNS)
def test_every_column_sorts_both_ways(column):
    loaded = room_of(with_products("b", "Z", 2), with_products("a", "Y", 7, 2), with_products("c", "X", 4))
    position = room.COLUMNS.index(column)
    up = room.room_view(loaded, METHOD, "en", column, False)["rows"]
    down = room.room_view(loaded, METHOD, "en", column, True)["rows"]
    if column in room.NUMBER_COLUMNS:
        up_values = [row[column] for row in up]
        assert up_values == sorted(up_values)
        assert [row[column] for row in down] == sorted(up_values, reverse=True)
    elif column != "weakest":
        assert [row["cells"][position] for row in up] == sorted(row["cells"][position] for row in up)
        assert [row["cells"][position] for row in down] == sorted(
            (row["cells"][position] for row in up), reverse=True)


def test_the_average_is_exact_to_the_hundredth():
    loaded = room_of(with_products("a", "", 3), with_products("b", "", 6), with_products("c", "", 1))
    view = room.room_view(loaded, METHOD, "en")
    assert view["average"][:6] == ["Room average", "", "253.17", "7.33", "6.5", "9"]


def test_the_points_most_often_missing_are_counted_over_the_workbooks_most_first():
    loaded = room_of(with_products("a", "", 9), with_products("b", "", 9), with_products("c", "", 10))
    missing = room.most_missing(loaded, METHOD, "en", top=3)
    # every workbook misses the company points after the first two; ties in content order
    assert [(m["side"], m["list"], m["id"], m["count"]) for m in missing] == [
        ("seller", "company", point, 3) for point in POINTS["company"][2:5]]
    assert missing[0]["label"] == "Company · " + METHOD["point_sets"][1]["items"][2]["label"]["en"]
    assert missing[0]["text"] == "3 of 3" and missing[0]["state"] == "not disclosed"
    everything = room.most_missing(loaded, METHOD, "en", top=100)
    counts = [m["count"] for m in everything]
    assert counts == sorted(counts, reverse=True)
    assert ("seller", "product", POINTS["product"][9], 2) in [
        (m["side"], m["list"], m["id"], m["count"]) for m in everything]
    assert all(m["id"] not in POINTS["product"][:9] or m["list"] != "product" for m in everything)


def test_anonymising_numbers_people_and_accounts_in_loading_order_consistently():
    loaded = room_of(with_products("王芳", "省税务局", 3), with_products("李强", "市医院", 6),
                     with_products("王芳", "市医院", 1))
    view = room.room_view(loaded, METHOD, "zh", "T", True, anonymise=True)
    assert [row["cells"][:2] for row in view["rows"]] == [
        ["参与者 2", "客户 2"], ["参与者 1", "客户 1"], ["参与者 1", "客户 2"]]
    assert [bar["label"] for bar in view["chart"]["bars"]] == ["参与者 2", "参与者 1", "参与者 1"]
    text = room.csv_text(view, METHOD, "zh")
    assert "王芳" not in text and "省税务局" not in text


def test_anonymising_hides_the_names_of_bad_files_too():
    loaded = room.add_file(room.new_room(), "王芳.json", "{", METHOD, "zh")
    view = room.room_view(loaded, METHOD, "zh", anonymise=True)
    assert view["problems"] == [{"file": "文件 1", "errors": [{"path": "", "message": "这不是有效的 JSON 文件。"}]}]


def test_the_csv_is_excel_friendly_rfc_4180_and_safe_from_formulas():
    people = [with_products('=1+1', '-2', 3), with_products('@SUM(A1)', '+x', 2),
              with_products('a, "b"\nc', "plain", 1)]
    view = room.room_view(room_of(*people), METHOD, "en", "participant", False)
    text = room.csv_text(view, METHOD, "en")
    assert text.startswith("\ufeffParticipant,Client organisation,Trust T,IS,IC,R,Readiness (%),")
    assert text.endswith("\r\n") and "\r\n" in text[:-2]
    table = list(csv.reader(io.StringIO(text[1:], newline="")))
    # names are shown on one line; a comma or quote is quoted as RFC 4180 says
    assert [row[:2] for row in table[1:]] == [["'=1+1", "'-2"], ["'@SUM(A1)", "'+x"], ['a, "b" c', "plain"]]
    assert '\r\n"a, ""b"" c",plain,' in text
    assert table[1][2] == "248" and table[1][6] == "22.58"


def test_the_chart_scales_the_longest_bar_to_the_chart_in_whole_pixels():
    view = room.room_view(room_of(with_products("a", "", 3), with_products("b", "", 6)), METHOD, "en")
    bars = view["chart"]["bars"]
    span = room.CHART_WIDTH - room.CHART_LABEL_WIDTH - room.CHART_VALUE_WIDTH
    assert [bar["width"] for bar in bars] == [span, 248 * span * 100 // 29450]
    assert all(type(bar["width"]) is int and type(bar["y"]) is int for bar in bars)
    assert view["chart"]["height"] == 8 + 2 * room.CHART_ROW_HEIGHT


def test_an_empty_room_has_no_rows_and_no_average():
    view = room.room_view(room.new_room(), METHOD, "en")
    assert view["rows"] == [] and view["average"] is None and view["missing"] == []
    assert room.csv_text(view, METHOD, "en").count("\r\n") == 1


def test_the_same_workbook_loaded_twice_counts_once_and_says_so():
    loaded = room_of(named("a"), named("a"), named("b"))
    assert [row["participant"] for row in loaded["rows"]] == ["a", "b"]
    assert loaded["problems"] == [{"file": 2, "name": "file-1.json", "errors": [
        {"path": "", "message": "This workbook is already loaded; skipped."}]}]


def test_a_csv_file_name_is_dated():
    assert room.csv_file_name("2026-11-26", "zh", METHOD) == "信任工作簿-全场-2026-11-26.csv"
    assert room.csv_file_name("2026-11-26", "en", METHOD) == "trust-workbook-room-2026-11-26.csv"



def csv_table_of(participant, account):
    """The CSV rows of a table of one row with these names, as room_view shows them."""
    view = {"rows": [{"cells": [participant, account, "248", "7", "6.5", "9", "23%", "x"], "readiness": 2258}]}
    return list(csv.reader(io.StringIO(room.csv_text(view, METHOD, "en")[1:], newline="")))


@pytest.mark.parametrize("start", ["\u00a0", "\u3000", "\u200b", "\ufeff", " ", "\t", "\u00a0\u200b "])
def test_a_formula_behind_invisible_or_wide_spaces_is_guarded_in_the_csv(start):
    table = csv_table_of(start + "=1+1", start + "@SUM(A1)")
    assert table[1][:2] == ["'" + start + "=1+1", "'" + start + "@SUM(A1)"]


@pytest.mark.parametrize("formula", ["\uff1d1+1", "\uff0bx", "\uff0d2", "\uff20SUM(A1)", "\u3000\uff1d1+1"])
def test_a_formula_started_by_a_full_width_sign_is_guarded_in_the_csv(formula):
    assert csv_table_of(formula, "")[1][0] == "'" + formula


def test_text_after_a_leading_space_that_is_no_formula_is_left_as_it_is_in_the_csv():
    assert csv_table_of("\u3000王芳", "\u00a0-")[1][:2] == ["\u3000王芳", "'\u00a0-"]
