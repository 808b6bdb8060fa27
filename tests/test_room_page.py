"""The facilitator page's state and answers, pure (py/room_page.py and the
writes of py/room_painter.py): what each action shows, keeps and hands to
download, without a browser. That MicroPython answers alike is checked in
test_room_view.py."""

from __future__ import annotations

import json

import results
import room
import room_page
import room_painter
from fixtures import METHOD, named, worked_example

EXPORTED_AT = "2026-11-26T09:30:00.000Z"


def file_of(participant, account="市大数据局", name=None):
    workbook = named(name or participant + " · 项目", account)
    document = results.export_document([workbook], METHOD, EXPORTED_AT, "abc123", participant)
    return participant + ".json", results.document_text(document)


def loaded_page(*files, language="zh"):
    page = room_page.RoomPage(METHOD, language)
    page.open(None)
    page.chosen(len(files))
    started = page.load_start([[name, len(text.encode("utf-8"))] for name, text in files])
    names = [files[position][0] for position in started["readable"]]
    texts = [files[position][1] for position in started["readable"]]
    page.merge(None, names, texts, len(names), len(names))
    return page, page.load_end()


def writes_of(answer, kind, selector):
    return [write[2:] for write in answer["writes"] if write[0] == kind and write[1] == selector]


def texts_in(nodes):
    """Every text a list of nodes puts in the page."""
    for node in nodes:
        if isinstance(node, str):
            yield node
            continue
        if "text" in node:
            yield node["text"]
        yield from texts_in(node.get("children", []))
        yield from texts_in([inner for _, inner in node.get("find", [])])
        yield from texts_in(node.get("cells", []))


def test_an_empty_page_opens_loading_and_lets_files_be_chosen():
    opened = room_page.RoomPage(METHOD, "zh").open(None)
    assert writes_of(opened, "prop", "[data-load-panel]") == [["open", True]]
    assert writes_of(opened, "prop", "[data-control='files']") == [["disabled", False]]
    assert writes_of(opened, "text", "[data-room-status]") == [[METHOD["ui"]["room_empty"]["zh"]]]
    assert writes_of(opened, "prop", "[data-results]") == [["hidden", True]]
    assert opened["store"] == []


def test_a_load_shows_every_participant_as_text_and_keeps_the_room():
    page, shown = loaded_page(file_of("王芳"), file_of("<b>李强</b>"))
    (rows,) = writes_of(shown, "fill", "[data-rows]")
    assert {row["cells"][0]["text"] for row in rows[0]} == {"王芳", "<b>李强</b>"}
    assert "<b>李强</b>" in set(texts_in(rows[0]))
    assert ["data-loaded", "2"] in writes_of(shown, "attr", "body")
    assert writes_of(shown, "prop", "[data-load-panel]") == [["open", False]]   # the results come first
    ((action, key, text),) = shown["store"]
    assert (action, key) == ("set", room.ROOM_KEY)
    assert len(room.room_from_text(text, METHOD)["rows"]) == 2


def test_a_kept_room_that_cannot_be_read_is_set_aside_and_the_page_says_so():
    opened = room_page.RoomPage(METHOD, "en").open("{not json")
    assert opened["store"] == [["set", room.ROOM_KEY + ":unreadable", "{not json"], ["remove", room.ROOM_KEY]]
    assert writes_of(opened, "text", "[data-room-status]") == [[METHOD["ui"]["room_stored_unreadable"]["en"]]]


def test_a_kept_room_opens_with_its_rows_and_loading_folded():
    page, shown = loaded_page(file_of("王芳"), file_of("李强"))
    reopened = room_page.RoomPage(METHOD, "zh").open(shown["store"][0][2])
    (rows,) = writes_of(reopened, "fill", "[data-rows]")
    assert len(rows[0]) == 2
    assert writes_of(reopened, "prop", "[data-load-panel]") == [["open", False]]


def test_a_second_load_chosen_while_one_is_read_is_said_at_once_and_the_first_ones_end_keeps_saying_it():
    page = room_page.RoomPage(METHOD, "zh")
    page.open(None)
    first, second = [file_of("王芳"), file_of("李强")], [file_of("张伟")]
    page.chosen(len(first))
    page.load_start([[name, len(text)] for name, text in first])
    waiting = page.chosen(len(second))
    assert writes_of(waiting, "text", "[data-room-status]") == [["正在读取 1 个文件……"]]
    page.merge(None, [name for name, _ in first], [text for _, text in first], 2, 2)
    assert writes_of(page.load_end(), "text", "[data-room-status]") == []   # still reading the second
    page.load_start([[name, len(text)] for name, text in second])
    page.merge(None, [name for name, _ in second], [text for _, text in second], 1, 1)
    (summary,) = writes_of(page.load_end(), "text", "[data-room-status]")
    assert "3" in summary[0]


def test_a_file_too_large_joins_the_room_unread_and_the_rest_are_read():
    page = room_page.RoomPage(METHOD, "zh")
    page.open(None)
    started = page.load_start([["big.json", 50 * 1024 * 1024], ["small.json", 100]])
    assert started["readable"] == [1]
    assert page.loaded["problems"][0]["name"] == "big.json"


def test_the_progress_line_counts_every_25_files_and_the_last_slice_says_nothing():
    page = room_page.RoomPage(METHOD, "zh")
    page.open(None)
    files = [file_of("学员%d" % number) for number in range(30)]
    page.load_start([[name, len(text)] for name, text in files])
    first = page.merge(None, [name for name, _ in files[:25]], [text for _, text in files[:25]], 25, 30)
    assert writes_of(first, "text", "[data-room-status]") == [["正在读取文件:已读 25 个,共 30 个……"]]
    last = page.merge(None, [name for name, _ in files[25:]], [text for _, text in files[25:]], 30, 30)
    assert last["writes"] == []


def test_records_read_by_a_page_worker_make_the_room_the_pages_own_worker_makes():
    files = [file_of("王芳"), file_of("李强"), ("bad.json", "{"), ("latin1.json", None)]
    here, _ = loaded_page(*[(name, text or "") for name, text in files[:3]])
    shared = room_page.RoomPage(METHOD, "zh")
    shared.open(None)
    shared.load_start([[name, 10] for name, _ in files[:3]])
    records = room_page.read_records([name for name, _ in files[:3]], [text for _, text in files[:3]], METHOD, "zh")
    shared.merge(json.loads(json.dumps(records)), None, None, 3, 3)
    shared.load_end()
    assert room.room_text(shared.loaded) == room.room_text(here.loaded)
    # A file the page could not decode is listed with the encoding's message.
    (record,) = room_page.read_records(["latin1.json"], [None], METHOD, "en")
    assert record == room.read_file("latin1.json", results.encoding_errors(METHOD, "en"), METHOD, "en")


def test_a_file_the_browser_could_not_read_is_listed_as_unreadable_not_as_badly_encoded():
    page = room_page.RoomPage(METHOD, "zh")
    page.open(None)
    name, text = file_of("王芳")
    page.load_start([[name, len(text)], ["结果文件夹", 0]])
    page.merge(None, [name, "结果文件夹"], [text, False], 2, 2)
    assert [problem["name"] for problem in page.loaded["problems"]] == ["结果文件夹"]
    assert page.loaded["problems"][0]["errors"] == [{"path": "", "message": "读取这个文件时出错。"}]
    assert len(page.loaded["rows"]) == 1


def test_clearing_empties_the_room_and_undo_brings_it_back():
    page, _ = loaded_page(file_of("王芳"), file_of("李强"))
    cleared = page.clear()
    assert cleared["store"] == [["remove", room.ROOM_KEY]]
    assert writes_of(cleared, "class", "body") == [["presenting", False]]   # nothing left to present
    assert writes_of(cleared, "prop", "[data-action='undo-clear']") == [["hidden", False]]
    assert ["data-loaded", "0"] in writes_of(cleared, "attr", "body")
    undone = page.undo_clear()
    assert ["data-loaded", "2"] in writes_of(undone, "attr", "body")
    assert writes_of(undone, "prop", "[data-action='undo-clear']") == [["hidden", True]]
    assert page.undo_clear() == {"writes": [], "store": []}   # nothing more to undo


def test_a_second_clear_before_the_first_is_shown_keeps_the_room_undoable():
    # The button is disabled only once the page has the first answer: a
    # double click asks to clear twice.
    page, _ = loaded_page(file_of("王芳"), file_of("李强"))
    page.clear()
    again = page.clear()
    assert again["writes"] == [] and again["store"] == []
    undone = page.undo_clear()
    assert len(page.loaded["rows"]) == 2
    assert ["data-loaded", "2"] in writes_of(undone, "attr", "body")


def test_hiding_names_shows_numbers_and_sorting_turns_a_column_round():
    page, _ = loaded_page(file_of("王芳"), file_of("李强"))
    hidden = page.hide_names(True)
    (rows,) = writes_of(hidden, "fill", "[data-rows]")
    assert not {"王芳", "李强"} & set(texts_in(rows[0]))
    by_participant = page.sort_by("participant")
    assert writes_of(by_participant, "attr", "th[data-column='participant']") == [["aria-sort", "ascending"]]
    again = page.sort_by("participant")
    assert writes_of(again, "attr", "th[data-column='participant']") == [["aria-sort", "descending"]]


def test_the_csv_download_is_the_rooms_table_named_by_the_date():
    page, _ = loaded_page(file_of("王芳"), file_of("李强"))
    download = page.csv(2026, 3, 7)["download"]
    assert download["name"] == room.csv_file_name("2026-03-07", "zh", METHOD)
    assert download["text"] == room.csv_text(page.view, METHOD, "zh")
    assert download["type"].startswith("text/csv")


def test_a_browser_that_refuses_to_keep_the_room_is_told_on_the_status_line():
    refused = room_page.RoomPage(METHOD, "en").keeping_failed()
    assert writes_of(refused, "text", "[data-room-status]") == [[METHOD["ui"]["room_store_failed"]["en"]]]


def test_many_files_are_read_in_slices_that_keep_the_progress_steps():
    page = room_page.RoomPage(METHOD, "zh")
    assert [(start, end) for start, end, _ in page.reading_plan(60, 0)] == [(0, 25), (25, 50), (50, 60)]
    shared = page.reading_plan(200, 2)
    assert shared[0][:2] == (0, 25) and shared[-1][1] == 200
    assert all(25 % (end - start) == 0 for start, end, _ in shared[:-1])


def test_a_slice_a_page_worker_never_answers_is_given_up_on_in_a_time_that_grows_with_its_files():
    page = room_page.RoomPage(METHOD, "zh")
    patience = {end - start: wait for count in (8, 200) for start, end, wait in page.reading_plan(count, 2)}
    small, large = min(patience), max(patience)
    assert small < large and patience[small] < patience[large]
    # Far longer than a slow phone reads a slice (about 0.1 s a largest file
    # at 4x), never for ever.
    assert 100 * large < patience[large] < 60_000


# ---------------------------------------------------------------- hiding names, focus, CSV


def names_shown(answer):
    """What the room's writes say of the names they show: "shown", "hidden",
    or None when the answer leaves the room as it is."""
    said = [value for name, value in writes_of(answer, "attr", "body") if name == "data-names"]
    return said[-1] if said else None


def test_every_painting_of_the_room_says_whether_it_shows_names_so_the_page_can_keep_them_out_of_sight():
    page, shown = loaded_page(file_of("王芳"), file_of("李强"))
    assert names_shown(shown) == "shown"
    hidden = page.hide_names(True)
    assert names_shown(hidden) == "hidden"
    assert "王芳" not in set(texts_in(writes_of(hidden, "fill", "[data-rows]")[0][0]))
    assert names_shown(page.sort_by("participant")) == "hidden"
    page.chosen(1)
    page.load_start([["张伟.json", 10]])
    assert names_shown(page.load_end()) == "hidden"
    assert names_shown(page.hide_names(False)) == "shown"
    # The status lines of a load in progress leave the room as it is.
    assert names_shown(page.chosen(3)) is None


def test_a_load_that_folds_the_load_panel_hands_the_focus_to_the_status_line_that_says_the_outcome():
    page, shown = loaded_page(file_of("王芳"))
    assert writes_of(shown, "prop", "[data-load-panel]") == [["open", False]]
    assert shown["focus"] == room_painter.OUTCOME == "[data-room-outcome]"
    assert writes_of(shown, "text", "[data-room-status]") == [[page.view["summary"]]]
    cleared = page.clear()
    assert cleared["focus"] == room_painter.OUTCOME
    assert page.undo_clear()["focus"] == room_painter.OUTCOME
    # Sorting and hiding names keep the focus where the facilitator put it.
    assert "focus" not in page.sort_by("T") and "focus" not in page.hide_names(True)


def test_an_empty_room_offers_no_csv_and_says_why_even_when_asked_right_after_clear():
    page, shown = loaded_page(file_of("王芳"), language="en")
    assert writes_of(shown, "prop", "[data-action='download-csv']") == [["disabled", False], ["title", ""]]
    cleared = page.clear()
    reason = METHOD["ui"]["room9_csv_empty"]["en"]
    assert writes_of(cleared, "prop", "[data-action='download-csv']") == [["disabled", True], ["title", reason]]
    # A click that reached the worker before the page disabled the button.
    asked = page.csv(2026, 3, 7)
    assert "download" not in asked
    assert writes_of(asked, "text", "[data-room-status]") == [[reason]]
    assert "download" in page.undo_clear() or "download" in page.csv(2026, 3, 7)


def test_the_worked_example_in_a_results_file_is_read_into_one_row():
    name, text = "worked.json", results.document_text(
        results.export_document([worked_example()], METHOD, EXPORTED_AT, "abc123", "王芳"))
    page, shown = loaded_page((name, text))
    (rows,) = writes_of(shown, "fill", "[data-rows]")
    assert len(rows[0]) == 1
