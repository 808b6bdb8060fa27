"""What the facilitator page says around the room, without a browser: the
status line, the notices, the heat map as drawn, the problems' lines, the
next sort and the chart's positions; the same under CPython and MicroPython."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import results
import room
import room_view
import scoring
from interpreters import CORE_MODULES, both
from workbook_strategies import METHOD, POINTS, worked_example

ROOT = Path(__file__).resolve().parents[1]


def file_text(products, participant):
    workbook = worked_example()
    workbook["seller"]["product"] = [{"id": i, "status": "disclosed"} for i in POINTS["product"][:products]]
    return results.document_text(results.export_document([workbook], METHOD, "2026-11-26T09:00:00Z", "t",
                                                         participant))


def a_room():
    loaded = room.new_room()
    loaded = room.add_file(loaded, "a.json", file_text(3, "王芳"), METHOD, "zh")
    loaded = room.add_file(loaded, "b.json", file_text(6, "李强"), METHOD, "zh")
    return room.add_file(loaded, "bad.json", "{", METHOD, "zh")


def test_a_date_in_a_file_name_has_two_digit_months_and_days():
    assert room_view.date_text(2026, 3, 7) == "2026-03-07"
    assert room_view.date_text(2026, 11, 26) == "2026-11-26"


@pytest.mark.parametrize("permille, css", [(0, "0.0%"), (7, "0.7%"), (503, "50.3%"), (1000, "100.0%")])
def test_a_position_in_thousandths_becomes_a_css_percentage(permille, css):
    assert room_view.percent_of_thousand(permille) == css


def test_the_status_line_says_a_message_once_else_the_summary_once_nothing_is_being_read():
    view = room.room_view(a_room(), METHOD, "en")
    assert room_view.status_line("Cleared 2 workbooks.", view, 3, 0, METHOD, "en") == "Cleared 2 workbooks."
    assert room_view.status_line(None, view, 0, 0, METHOD, "en") == "No results loaded yet."
    assert room_view.status_line(None, view, 3, 0, METHOD, "en") == view["summary"]
    assert room_view.status_line(None, view, 3, 1, METHOD, "en") is None


@pytest.mark.parametrize("cores, query, readers", [
    (2, "", 2), (1, "", 2), (None, "", 2), (4, "", 4), (16, "", room_view.MOST_READERS),
    (8, "?readers=0", 0), (2, "?lang=en&readers=1", 1), (2, "?readers=9", room_view.MOST_READERS),
    (2, "?readers=x", 2)])
def test_a_room_is_read_by_a_page_worker_a_core_at_least_two_or_as_many_as_the_address_asks(cores, query, readers):
    assert room_view.reader_count(cores, query) == readers


@pytest.mark.parametrize("count, readers", [(200, 2), (200, 4), (7, 2), (1, 4), (0, 2), (61, 3)])
def test_the_files_are_handed_out_in_order_in_slices_that_divide_the_progress_step(count, readers):
    chunks = room_view.reading_chunks(count, readers, 25)
    assert [position for start, end in chunks for position in range(start, end)] == list(range(count))
    # Slices of 1, 5 or 25 files: the progress line says 25, 50, ... as the page on its own says it.
    assert all(25 % (end - start) == 0 for start, end in chunks[:-1])
    # Every reader has work at once, and slices small enough that readers finish close together.
    assert len(chunks) >= min(count, readers)
    share = -(-count // (readers * room_view.CHUNKS_PER_READER))
    assert all(end - start <= max(share, 1) for start, end in chunks)


def test_a_click_on_the_sorted_column_turns_it_round_and_another_starts_big_numbers_or_a_to_z():
    assert room_view.next_sort("T", "T", True) == ("T", False)
    assert room_view.next_sort("T", "T", False) == ("T", True)
    assert room_view.next_sort("readiness", "T", False) == ("readiness", True)
    assert room_view.next_sort("participant", "T", True) == ("participant", False)
    assert room_view.next_sort("roles_missing", "T", False) == ("roles_missing", True)   # the most missing first
    assert room_view.next_sort("decider_T", "T", False) == ("decider_T", True)


def test_only_the_sorted_columns_heading_says_which_way():
    view = room.room_view(a_room(), METHOD, "en", "IS", False)
    assert room_view.aria_sort("IS", view) == "ascending"
    assert room_view.aria_sort("T", view) == "none"
    assert room_view.aria_sort("T", room.room_view(a_room(), METHOD, "en")) == "descending"


def test_the_average_row_is_blank_in_an_empty_room():
    empty = room.room_view(room.new_room(), METHOD, "en")
    assert room_view.average_cells(empty) == [""] * len(room.COLUMNS)
    assert room_view.average_cells(room.room_view(a_room(), METHOD, "en"))[0] == "Room average"


def test_the_panels_fold_away_only_when_a_load_brings_the_first_rows():
    full = room.room_view(a_room(), METHOD, "en")
    empty = room.room_view(room.new_room(), METHOD, "en")
    assert room_view.fold_after_load(None, a_room()) is True
    assert room_view.fold_after_load(empty, a_room()) is True
    assert room_view.fold_after_load(full, a_room()) is None
    assert room_view.fold_after_load(empty, room.new_room()) is None


def test_the_heat_map_draws_each_list_average_first_and_a_client_points_prepared_cell_as_not_applicable():
    view = room.room_view(a_room(), METHOD, "en")
    tables = room_view.heat_tables(view, METHOD, "en")
    assert len(tables) == len(view["coverage"]["lists"])
    seller = [table for table in tables if table["list"] == "seller.product"][0]
    assert seller["rows"][0]["class"] == "list-row" and seller["rows"][0]["label"].endswith(" (average)")
    assert len(seller["rows"]) == 1 + len(POINTS["product"])
    assert [cell["class"].startswith("number heat band-") for cell in seller["rows"][1]["cells"]] == [True, True]
    client = [table for table in tables if table["list"].startswith("client.")][0]
    assert client["rows"][1]["cells"][0] == {"class": "number heat none", "text": "–", "label": "not applicable"}
    assert client["rows"][1]["cells"][1]["label"] is None


def test_a_files_problems_say_where_in_the_file_when_known():
    view = {"problems": [{"file": "x.json", "errors": [{"path": "workbooks[0].name", "message": "too long"},
                                                       {"path": "", "message": "not JSON"}]}]}
    shown = room_view.problems(view, METHOD, "en")
    assert shown["title"] == "Files that could not be read (1)"
    assert shown["files"] == [{"file": "x.json", "lines": ["workbooks[0].name: too long", "not JSON"]}]


def test_the_status_lines_link_to_the_files_that_could_not_be_read_counts_them():
    view = room.room_view(a_room(), METHOD, "zh")
    assert room_view.problems(view, METHOD, "zh")["link"] == "查看未能读取的 1 个文件"
    assert room_view.problems(view, METHOD, "en")["link"] == "Show the files that could not be read (1)"


def test_hiding_names_numbers_everyone_a_notice_names_even_those_whose_only_workbook_was_blank():
    blank = scoring.blank_workbook(METHOD, "wb-blank", "")
    loaded = room.add_file(a_room(), "c.json", results.document_text(results.export_document(
        [blank], METHOD, "2026-11-26T09:00:00Z", "t", "赵六")), METHOD, "zh")
    loaded = room.add_file(loaded, "d.json", results.document_text(results.export_document(
        [blank], METHOD, "2026-11-26T09:00:00Z", "t", "李强")), METHOD, "zh")
    shown = room.room_view(loaded, METHOD, "zh", "participant", False, anonymise=True)
    assert [row["cells"][0] for row in shown["rows"]] == ["参与者 1", "参与者 2"]
    assert shown["notices"] == ["参与者 3 的「未命名客户」:是一份还没填写的空白工作簿,没有计入。",
                                "参与者 2 的「未命名客户」:是一份还没填写的空白工作簿,没有计入。"]
    named = room.room_view(loaded, METHOD, "zh")["notices"]
    assert [notice.split(" ")[0] for notice in named] == ["赵六", "李强"]


def test_the_notices_of_keeping_the_room_count_its_workbooks():
    assert room_view.restored_notice(a_room(), METHOD, "en") == "The 2 workbooks loaded last time are back."
    assert room_view.restored_notice(room.new_room(), METHOD, "en") is None
    assert room_view.restored_notice(None, METHOD, "zh").startswith("上次保存的全场结果无法读取")
    assert room_view.cleared_notice(a_room(), METHOD, "zh") == "已清空 2 份工作簿。"


HARNESS = r'''
import json
import jsontext
import room
import room_page
import room_view


def comparable(answer):
    """The answer with each kept text read: room_text writes the room's
    keys in the interpreter's order of a dict."""
    answer["store"] = [[entry[0], entry[1], json.loads(entry[2])] if entry[1] == room.ROOM_KEY and entry[0] == "set"
                       else entry for entry in answer["store"]]
    return answer


def page_answers(files, method, language):
    """The facilitator page's answers to a load read partly here, partly by
    a page worker, then to each of its actions."""
    page = room_page.RoomPage(method, language)
    yield page.open(None)
    yield page.chosen(len(files))
    yield page.load_start([[name, len(text)] for name, text in files])
    names = [name for name, _ in files]
    texts = [text for _, text in files]
    yield page.merge(None, names[:2], texts[:2], 2, len(files))
    records = json.loads(json.dumps(room_page.read_records(names[2:], texts[2:], method, language)))
    yield page.merge(records, None, None, len(files), len(files))
    yield page.load_end()
    yield page.sort_by("IS")
    yield page.hide_names(True)
    yield page.csv(2026, 3, 7)
    yield page.clear()
    yield page.undo_clear()
    kept = page.keep()[0][2]
    yield room_page.RoomPage(method, language).open(kept)
    yield room_page.RoomPage(method, language).open("{")


def run(method_text, files_text):
    method = json.loads(method_text)
    loaded = room.new_room()
    for name, text in json.loads(files_text):
        loaded = room.add_file(loaded, name, text, method, "zh")
    for language in ("zh", "en"):
        view = room.room_view(loaded, method, language, "IS", False)
        yield jsontext.dumps(room_view.heat_tables(view, method, language))
        yield jsontext.dumps(room_view.problems(view, method, language))
        yield jsontext.dumps([room_view.status_line(None, view, loaded["files"], 0, method, language),
                              room_view.restored_notice(loaded, method, language),
                              room_view.cleared_notice(loaded, method, language),
                              room_view.average_cells(view),
                              [room_view.aria_sort(column, view) for column in room.COLUMNS],
                              room_view.fold_after_load(None, loaded)])
    yield jsontext.dumps([room_view.date_text(2026, 3, 7), room_view.percent_of_thousand(503),
                          list(room_view.next_sort("T", "T", True)), list(room_view.next_sort("weakest", "T", True))])
    for language in ("zh", "en"):
        for answer in page_answers(json.loads(files_text), method, language):
            yield jsontext.dumps(comparable(answer))
'''


def test_micropython_words_the_facilitator_page_exactly_as_cpython(tmp_path):
    files = [["a.json", file_text(3, "王芳")], ["b.json", file_text(6, "李强")], ["bad.json", "{"]]
    inputs = {"method.json": (ROOT / "content" / "method.json").read_text(encoding="utf-8"),
              "files.json": json.dumps(files, ensure_ascii=False)}
    modules = CORE_MODULES + ["diagnosis.py", "results.py", "library.py", "migrations.py", "room.py", "room_view.py",
                              "room_painter.py", "room_page.py"]
    expected, got = both(HARNESS, modules, inputs, tmp_path, heap_mb=256, timeout=300)
    assert got == expected
    assert len(expected) == 7 + 2 * 13
