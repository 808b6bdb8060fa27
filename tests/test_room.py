"""The facilitator's room, pure: files gathered into rows, sorted,
averaged, anonymised, charted and written as CSV safe for spreadsheets.
(That it runs the same under MicroPython is checked with the results file,
in test_results.py.)"""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import results
import room
import scoring
from fixtures import METHOD, POINTS, named, person, worked_example, worked_example_account
from workbook_strategies import random_workbook

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
    workbook["people"][0]["contact_factor"] = contact_factor
    return workbook


def with_roles(name, *roles):
    """The worked example with one person per role (the first is the
    director of the worked example, the others told and known nothing)."""
    workbook = named(name)
    workbook["people"][0]["role"] = roles[0]
    workbook["people"] += [person("p-%d" % n, role=role) for n, role in enumerate(roles[1:], start=2)]
    return workbook


ROLES = room.COLUMNS.index("roles_missing")
REASONS = room.COLUMNS.index("reasons")
EVERY_SEAT = ("Decision maker, User, Technical gatekeeper, Procurement and finance, "
              "Coach (inside supporter)")


def test_a_batch_of_files_makes_the_room_that_adding_them_one_by_one_makes():
    # Good files, a bad one, one too large, the same workbook again and a
    # participant's newer and older exports: rows, notices, problems and
    # numbering as add_file / add_problem one after another give them.
    def wang_fang(exported_at, products=2):
        return results.document_text(results.export_document(
            [with_products("王芳", "省税务局", products)], METHOD, exported_at, "abc123", "王芳"))

    files = [("a.json", wang_fang(EXPORTED_AT)),
             ("b.json", results.document_text(export(with_roles("李雷", "user", "coach")))),
             ("broken.json", '{"schema": "trust-workbook-results", "workbooks": ['),
             ("huge.json", results.size_errors(results.MAX_BYTES + 1, METHOD, "en")),
             ("a-again.json", wang_fang(EXPORTED_AT)),
             ("a-newer.json", wang_fang("2026-11-27T10:00:00.000Z", 4)),
             ("a-older.json", wang_fang("2026-11-25T10:00:00.000Z", 3))]
    start = room_of(worked_example())
    one_by_one = start
    for name, text in files:
        if isinstance(text, list):
            one_by_one = room.add_problem(one_by_one, name, text)
        else:
            one_by_one = room.add_file(one_by_one, name, text, METHOD, "en")
    batch = room.add_files(start, (item for item in files), METHOD, "en")
    assert batch == one_by_one
    assert room.room_text(batch) == room.room_text(one_by_one)
    assert [problem["name"] for problem in batch["problems"]] == ["broken.json", "huge.json"]
    assert [notice["kind"] for notice in batch["notices"]] == ["duplicate", "replaced", "older"]
    assert batch["files"] == 8 and len(batch["rows"]) == 3
    assert start == room_of(worked_example())   # the room given is left as it was


# ---------------------------------------------------------------- reading apart, merging in order

def _a_participants_files(rng):
    """Files of a room as participants bring them: several workbooks a file,
    a participant named or not, the same file twice, a newer or older
    download of a workbook, a blank workbook, a broken file, one too large."""
    files, kept = [], []
    for number in range(rng.randint(1, 12)):
        kind = rng.random()
        if kind < 0.08:
            files.append(("broken-%d.json" % number, '{"schema": "trust-workbook-results", "workbooks": ['))
        elif kind < 0.12:
            files.append(("huge-%d.json" % number, results.size_errors(results.MAX_BYTES + 1, METHOD, "zh")))
        elif kept and kind < 0.3:
            files.append(rng.choice(kept))
        else:
            if kept and kind < 0.45:
                books = [dict(rng.choice(kept)[2][0], name=rng.choice(["x", "y"]))]
            else:
                books = [random_workbook(rng) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.15:
                books.append(scoring.blank_workbook(METHOD, "wb-blank", ""))
            participant = rng.choice(["", "王芳", "=cmd"])
            stamp = "2026-11-%02dT09:00:00.000Z" % rng.randint(20, 28)
            text = results.document_text(results.export_document(books, METHOD, stamp, "x", participant))
            name = rng.choice(["a.json", "王芳.json", ".json", "file-%d.json" % number])
            files.append((name, text, books))
            kept.append((name, text, books))
    return [item[:2] for item in files]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(seed=st.integers(0, 10 ** 6), chunk=st.integers(1, 5), language=st.sampled_from(["zh", "en"]))
def test_files_read_apart_in_chunks_and_merged_in_order_make_the_room_read_in_turn(seed, chunk, language):
    # What the page's workers do: each reads a chunk of files on its own,
    # hands the records over as JSON, and the page merges them in file order.
    files = _a_participants_files(random.Random(seed))
    start = room_of(worked_example())
    in_turn = room.add_files(start, files, METHOD, language)
    records = []
    for first in range(0, len(files), chunk):
        read = [room.read_file(name, text, METHOD, language) for name, text in files[first:first + chunk]]
        records += json.loads(json.dumps(read))
    merged = room.merge_records(start, records, METHOD, language)
    assert merged == in_turn
    assert room.room_text(merged) == room.room_text(in_turn)
    for anonymise in (False, True):
        views = [room.room_view(loaded, METHOD, language, "T", True, anonymise) for loaded in (merged, in_turn)]
        assert views[0] == views[1]
        assert room.csv_text(views[0], METHOD, language) == room.csv_text(views[1], METHOD, language)


def test_a_record_holds_no_room_so_the_room_numbers_an_unnamed_file_when_it_merges():
    text = results.document_text(export(worked_example()))
    record = room.read_file(".json", text, METHOD, "en")
    assert record["participant"] == ""
    loaded = room.merge_records(room_of(worked_example()), [record, record], METHOD, "en")
    # Each unnamed file is its own participant, numbered by its place in the room.
    assert [row["participant"] for row in loaded["rows"]] == ["file-0", "File 2", "File 3"]
    assert loaded["notices"] == []
    assert room.read_file("a.json", "{", METHOD, "en")["errors"]


def test_a_room_row_shows_what_the_worksheet_page_showed():
    view = room.room_view(room_of(worked_example()), METHOD, "en")
    (row,) = view["rows"]
    assert row["cells"] == ["file-0", "worked example", "", "248", "—", "1", "7", "6.5", "9", "23%", "23%", "32%",
                            "About the client's person", EVERY_SEAT, "2"]
    assert row["reasons_text"] == "Nobody known decides, Nobody inside speaks for you"


def test_each_row_shows_its_people_the_deciders_trust_and_the_roles_nobody_holds():
    (row,) = room.room_view(room_of(worked_example_account()), METHOD, "en")["rows"]
    assert row["cells"][3:6] == ["192.25", "248", "2"]
    assert row["cells"][ROLES] == "User, Technical gatekeeper, Coach (inside supporter)"
    assert (row["T"], row["decider_T"], row["people"]) == (19225, 24800, 200)
    (row,) = room.room_view(room_of(worked_example_account()), METHOD, "zh")["rows"]
    assert row["cells"][ROLES] == "使用者、技术把关者、内部支持者"


def test_with_several_decision_makers_the_row_shows_the_one_who_trusts_least():
    workbook = with_roles("a", "decision_maker", "decision_maker", "user", "technical", "procurement", "coach")
    (row,) = room.room_view(room_of(workbook), METHOD, "en")["rows"]
    # the second decision maker is told nothing and known nothing: IS 5, IC 5, T 25
    assert (row["cells"][4], row["cells"][5], row["cells"][ROLES]) == ("25", "6", "none")


def test_the_room_lists_the_roles_missed_most_first_ties_in_the_contents_order():
    loaded = room_of(with_roles("a", "decision_maker", "procurement"), with_roles("b", "user"),
                     with_roles("c", "decision_maker", "user", "technical", "procurement", "coach"))
    view = room.room_view(loaded, METHOD, "en")
    assert [(missed["role"], missed["count"]) for missed in view["roles_missing"]] == [
        ("technical", 2), ("coach", 2), ("decision_maker", 1), ("user", 1), ("procurement", 1)]
    assert view["roles_missing"][0]["label"] == "Technical gatekeeper"
    assert view["roles_missing"][0]["text"] == "empty in 2 of 3 workbooks"
    assert view["average"][ROLES] == "Technical gatekeeper"
    full = room_of(with_roles("c", "decision_maker", "user", "technical", "procurement", "coach"))
    assert room.room_view(full, METHOD, "en")["roles_missing"] == []
    assert room.room_view(full, METHOD, "en")["average"][ROLES] == "none"


def test_the_deciders_trust_sorts_with_nobody_deciding_lowest_and_averages_over_those_who_have_one():
    loaded = room_of(with_roles("a", "user"), with_roles("b", "decision_maker"),
                     with_products("c", "", 6) | {"people": [person("p-1", role="decision_maker")]})
    view = room.room_view(loaded, METHOD, "en", "decider_T", True)
    # c's decision maker is told nothing and known nothing: (8 + 9) × (5 + 9)
    assert [row["cells"][4] for row in view["rows"]] == ["248", "238", "—"]
    assert [row["cells"][4] for row in room.room_view(loaded, METHOD, "en", "decider_T", False)["rows"]] == [
        "—", "238", "248"]
    assert view["average"][4] == "243"
    assert room.room_view(room_of(with_roles("a", "user")), METHOD, "en")["average"][4] == "—"


def test_the_row_with_the_most_roles_missing_sorts_first_descending():
    loaded = room_of(with_roles("a", "decision_maker", "user"), with_roles("b", "coach"),
                     with_roles("c", "decision_maker", "user", "technical", "procurement", "coach"))
    view = room.room_view(loaded, METHOD, "en", "roles_missing", True)
    assert [row["cells"][1] for row in view["rows"]] == ["b", "a", "c"]


def test_a_file_without_a_participant_is_named_by_its_file():
    view = room.room_view(room_of(worked_example(), files=["王芳 第二组.json"]), METHOD, "zh")
    assert view["rows"][0]["cells"][:2] == ["王芳 第二组", "worked example"]


def test_sorting_is_total_so_ties_come_out_the_same_whatever_the_loading_order():
    people = [with_products(name, account, count) for name, account, count in [
        ("b", "y", 3), ("a", "y", 3), ("a", "x", 3), ("c", "x", 5), ("a", "x", 1)]]
    for number, workbook in enumerate(people):
        workbook["id"] = "wb-%d" % number   # one participant's five workbooks
    expected = None
    for seed in range(6):
        order = list(people)
        random.Random(seed).shuffle(order)
        view = room.room_view(room_of(*order, files=["f.json"] * len(order)), METHOD, "en", "T", True)
        shown = [[row["cells"][1], row["cells"][2], row["cells"][3]] for row in view["rows"]]
        if expected is None:
            expected = shown
        assert shown == expected
    # the column descends, its ties stay in participant, workbook, then account order
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
    assert view["average"][:9] == ["Room average", "", "", "253.17", "—", "1", "7.33", "6.5", "9"]


def test_anonymising_numbers_people_and_accounts_in_loading_order_consistently():
    loaded = room_of(with_products("省税务局", "省税务局", 3), with_products("市医院", "市医院", 6),
                     with_products("市医院 2", "市医院", 1), files=["王芳.json", "李强.json", "王芳.json"])
    view = room.room_view(loaded, METHOD, "zh", "T", True, anonymise=True)
    assert [row["cells"][:3] for row in view["rows"]] == [
        ["参与者 2", "工作簿 2", "客户 2"], ["参与者 1", "工作簿 1", "客户 1"], ["参与者 1", "工作簿 3", "客户 2"]]
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
    view = room.room_view(room_of(*people, files=["1.json", "2.json", "3.json"]), METHOD, "en", "participant", False)
    text = room.csv_text(view, METHOD, "en")
    assert text.startswith("\ufeffParticipant,Workbook,Client organisation,Trust T,Decider's T,People,IS,IC,R,"
                           "Readiness (%),")
    assert text.endswith("\r\n") and "\r\n" in text[:-2]
    table = list(csv.reader(io.StringIO(text[1:], newline="")))
    # names are shown on one line; a comma or quote is quoted as RFC 4180 says
    assert [row[1:3] for row in table[1:]] == [["'=1+1", "'-2"], ["'@SUM(A1)", "'+x"], ['a, "b" c', "plain"]]
    assert '\r\n3,"a, ""b"" c",plain,' in text
    assert table[1][3:6] == ["248", "", "1"] and table[1][9] == "22.58"   # nobody decides: an empty cell
    assert table[1][13] == EVERY_SEAT
    assert table[1][14] == "2" and table[1][-1] == "Nobody known decides, Nobody inside speaks for you"


def test_the_chart_scales_the_longest_bar_to_the_chart_in_whole_thousandths():
    view = room.room_view(room_of(with_products("a", "", 3), with_products("b", "", 6)), METHOD, "en")
    bars = view["chart"]["bars"]
    assert [bar["permille"] for bar in bars] == [1000, 248 * 1000 * 100 // 29450]
    assert all(type(bar["permille"]) is int for bar in bars)


def test_an_empty_room_has_no_rows_and_no_average():
    view = room.room_view(room.new_room(), METHOD, "en")
    assert view["rows"] == [] and view["average"] is None and view["separating"] == []
    assert room.csv_text(view, METHOD, "en").count("\r\n") == 1


def test_the_same_workbook_loaded_twice_counts_once_and_says_so_without_calling_the_file_a_problem():
    loaded = room_of(named("a"), named("a"), named("b"), files=["p.json"] * 3)
    assert [row["workbook"] for row in loaded["rows"]] == ["a", "b"]
    assert loaded["problems"] == []
    view = room.room_view(loaded, METHOD, "en")
    assert view["notices"] == ["p’s “a”: already loaded; counted once."]
    assert room.room_from_text(room.room_text(loaded), METHOD) == loaded


def test_a_blank_workbook_taken_along_by_download_all_is_not_counted_and_is_said_so():
    untouched = scoring.blank_workbook(METHOD, "wb-blank", "未命名客户")
    named_only = scoring.blank_workbook(METHOD, "wb-named", "未命名客户")
    named_only["account"] = "某省大数据局"
    one_point = scoring.blank_workbook(METHOD, "wb-one", "未命名客户")
    one_point["seller"]["product"][0]["status"] = "prepared"
    text = results.document_text(results.export_document(
        [worked_example(), untouched, named_only, one_point], METHOD, EXPORTED_AT, "abc123", "王芳"))
    loaded = room.add_file(room.new_room(), "all.json", text, METHOD, "zh")
    assert [row["id"] for row in loaded["rows"]] == [worked_example()["id"], "wb-named", "wb-one"]
    assert loaded["problems"] == []
    view = room.room_view(loaded, METHOD, "zh")
    assert view["notices"] == ["王芳 的「未命名客户」:是一份还没填写的空白工作簿,没有计入。"]
    assert room.room_from_text(room.room_text(loaded), METHOD) == loaded


def test_a_csv_file_name_is_dated():
    assert room.csv_file_name("2026-11-26", "zh", METHOD) == "信任工作簿-全场-2026-11-26.csv"
    assert room.csv_file_name("2026-11-26", "en", METHOD) == "trust-workbook-room-2026-11-26.csv"


def csv_table_of(participant, account, reasons="none"):
    """The CSV rows of a table of one row with these names, as room_view shows them."""
    view = {"rows": [{"cells": [participant, "", account, "248", "248", "1", "7", "6.5", "9", "23%", "23%", "32%",
                                "x", "none", "0"],
                      "T": 24800, "decider_T": 24800, "people": 100, "IS": 700, "IC": 650, "R": 900,
                      "readiness": 2258, "disclosure": 2258, "knowledge": 3158, "reasons": 0, "lists": [],
                      "reasons_text": reasons}]}
    rows = list(csv.reader(io.StringIO(room.csv_text(view, METHOD, "en")[1:], newline="")))
    return [[row[0], row[2]] + row[3:] for row in rows]   # participant, account, …


@pytest.mark.parametrize("start", ["\u00a0", "\u3000", "\u200b", "\ufeff", " ", "\t", "\u00a0\u200b "])
def test_a_formula_behind_invisible_or_wide_spaces_is_guarded_in_the_csv(start):
    table = csv_table_of(start + "=1+1", start + "@SUM(A1)")
    assert table[1][:2] == ["'" + start + "=1+1", "'" + start + "@SUM(A1)"]


@pytest.mark.parametrize("formula", ["\uff1d1+1", "\uff0bx", "\uff0d2", "\uff20SUM(A1)", "\u3000\uff1d1+1"])
def test_a_formula_started_by_a_full_width_sign_is_guarded_in_the_csv(formula):
    assert csv_table_of(formula, "")[1][0] == "'" + formula


def test_text_after_a_leading_space_that_is_no_formula_is_left_as_it_is_in_the_csv():
    assert csv_table_of("\u3000王芳", "\u00a0-")[1][:2] == ["\u3000王芳", "'\u00a0-"]


def test_the_open_reasons_text_is_guarded_in_the_csv_like_every_text():
    assert csv_table_of("a", "b", "=cmd|' /C calc'!A0")[1][-1] == "'=cmd|' /C calc'!A0"


# ---------------------------------------------------------------- why they may not sign yet

def reviewed(name, *review, **changes):
    """The worked example account (open: nobody inside speaks for you) with
    the seller's own word on some reasons."""
    workbook = worked_example_account()
    workbook["name"] = name
    workbook["id"] = "wb-" + name
    workbook["review"] = [{"id": reason, "state": state, "note": ""} for reason, state in review]
    workbook.update(changes)
    return workbook


def test_each_row_counts_the_reasons_its_client_may_not_sign_yet():
    loaded = room_of(reviewed("a"), reviewed("b", ("budget", "open"), ("price", "open")),
                     reviewed("c", ("no_inside_support", "cleared")), files=["a.json", "b.json", "c.json"])
    view = room.room_view(loaded, METHOD, "en", "participant", False)
    assert [(row["cells"][0], row["cells"][REASONS], row["reasons"]) for row in view["rows"]] == [
        ("a", "1", 100), ("b", "3", 300), ("c", "0", 0)]
    assert [row["reasons_text"] for row in view["rows"]] == [
        "Nobody inside speaks for you", "Nobody inside speaks for you, Budget, Price", "none"]
    assert view["average"][REASONS] == "1.33"
    # the most open first, descending; the fewest first, ascending
    assert [row["cells"][0] for row in room.room_view(loaded, METHOD, "en", "reasons", True)["rows"]] == [
        "b", "a", "c"]
    assert [row["cells"][0] for row in room.room_view(loaded, METHOD, "en", "reasons", False)["rows"]] == [
        "c", "a", "b"]


def test_the_room_lists_the_reasons_open_most_often_first_with_their_counts_and_labels():
    loaded = room_of(reviewed("a", ("price", "open")), reviewed("b", ("budget", "open"), ("price", "open")),
                     reviewed("c", ("no_inside_support", "cleared"), ("budget", "open")),
                     reviewed("d", ("price", "open"), people=[person("p-1", role="coach")]))
    english = room.room_view(loaded, METHOD, "en")["reasons"]
    # no_inside_support: a, b (c cleared it, d has a coach); price: a, b, d; budget: b, c
    # ties (2 each) in content order: the found reasons come before the ones ticked by hand
    assert [(reason["reason"], reason["count"]) for reason in english] == [
        ("price", 3), ("no_inside_support", 2), ("budget", 2), ("no_decider", 1)]
    assert english[0] == {"reason": "price", "count": 3, "label": "Price", "text": "open in 3 of 4 workbooks",
                          "permille": 750}
    chinese = room.room_view(loaded, METHOD, "zh")["reasons"]
    assert [(reason["label"], reason["text"]) for reason in chinese[:2]] == [
        ("价格", "4 份工作簿中有 3 份"), ("内部没人替你说话", "4 份工作簿中有 2 份")]


def test_a_room_where_no_reason_is_open_lists_none():
    every_reason_cleared = [(reason["id"], "cleared") for reason in METHOD["review_reasons"]]
    view = room.room_view(room_of(reviewed("a", *every_reason_cleared)), METHOD, "en")
    assert view["reasons"] == [] and view["rows"][0]["cells"][REASONS] == "0"
    assert room.room_view(room.new_room(), METHOD, "en")["reasons"] == []


def test_the_room_finds_the_same_reasons_as_the_file_says_and_as_the_page_would():
    import scoring

    workbooks = [reviewed("a", ("budget", "open")), worked_example(), named("c")]
    loaded = room_of(*workbooks)
    for row, workbook, entry in zip(loaded["rows"], workbooks, export(*workbooks)["workbooks"]):
        full = scoring.review(workbook, METHOD)   # scored with the next moves
        ids = [reason["id"] for reason in METHOD["review_reasons"]]
        assert [ids[position] for position in row["reasons_open"]] == [r["id"] for r in full if r["open"]] \
            == entry["review"]["open"]
