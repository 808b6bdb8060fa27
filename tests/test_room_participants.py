"""The trainer's room without a browser: results files name their
participant (format version 2; older files still read), the room groups
by participant, a newer download replaces an older one, anonymising numbers
each person once, the heat map and the separating points teach what to
cover next, the CSV carries every figure, and a room kept as text comes
back as it was; all of it the same under CPython and MicroPython."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import jsonschema
import pytest

import library
import results
import room
from interpreters import CORE_MODULES, both
from workbook_strategies import METHOD, POINTS, random_workbook, version_1, worked_example, worked_example_account

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "content" / "results.schema.json").read_text(encoding="utf-8"))
EARLY = "2026-11-26T09:00:00.000Z"
LATER = "2026-11-26T11:00:00.000Z"
CASE = "市大数据局 · 数据中台"


def case(products=3, workbook_id="wb-case", name=CASE, account="市大数据局", known_personal=None):
    workbook = worked_example()
    workbook.update({"id": workbook_id, "name": name, "account": account})
    workbook["seller"]["product"] = [{"id": i, "status": "disclosed"} for i in POINTS["product"][:products]]
    if known_personal is not None:
        workbook["people"][0]["personal"] = [{"id": i, "known": True, "level": "public"}
                                             for i in POINTS["personal"][:known_personal]]
    return workbook


def file_text(*workbooks, participant="", exported_at=EARLY):
    return results.document_text(results.export_document(list(workbooks), METHOD, exported_at, "t", participant))


def version_1_text(workbook):
    """A results file of version 1 (no participant; workbooks of schema version 1)."""
    document = results.export_document([workbook], METHOD, EARLY, "old")
    del document["participant"]
    document["schema_version"] = 1
    document["workbooks"][0]["workbook"] = version_1(workbook)
    return results.document_text(document)


def gather(*files):
    """A room of (file name, text) pairs, loaded in order."""
    loaded = room.new_room()
    for name, text in files:
        loaded = room.add_file(loaded, name, text, METHOD, "zh")
    return loaded


# ---------------------------------------------------------------- the file

def test_a_results_file_names_its_participant_and_validates_against_the_schema():
    document = results.export_document([case()], METHOD, EARLY, "t", "  王芳\n\u3000第二组 ")
    assert document["schema_version"] == 3 and document["participant"] == "王芳 第二组"
    jsonschema.validate(json.loads(results.document_text(document)), SCHEMA)
    assert results.document_text(document).index('"participant"') < results.document_text(document).index(
        '"workbooks"')


def test_a_participants_name_is_kept_short_and_on_one_line():
    assert library.clean_participant("a" * 100) == "a" * library.PARTICIPANT_LIMIT
    assert library.clean_participant(" \t王芳\x00\r\n李 ") == "王芳 李"
    assert library.clean_participant(None) == "" and library.clean_participant(7) == ""


@pytest.mark.parametrize("workbooks, participant, expected", [
    ([{"name": CASE}], "王芳", "信任工作簿-王芳-市大数据局-·-数据中台-2026-11-26.json"),
    ([{"name": "a"}, {"name": "b"}], "王 芳", "信任工作簿-王-芳-全部-2026-11-26.json"),
    ([{"name": CASE}], "a/b:c", "信任工作簿-abc-市大数据局-·-数据中台-2026-11-26.json"),
    ([{"name": CASE}], "", "信任工作簿-市大数据局-·-数据中台-2026-11-26.json"),
])
def test_the_download_carries_the_participants_name_so_collected_files_do_not_collide(
        workbooks, participant, expected):
    assert results.file_name(workbooks, "2026-11-26", "zh", METHOD, participant) == expected


def test_a_version_1_file_still_reads_and_names_nobody():
    read = results.read_results(version_1_text(case()), METHOD, "en")
    assert read["errors"] == [] and len(read["workbooks"]) == 1
    assert read["participant"] == "" and read["exported_at"] == EARLY


def test_a_participant_that_is_not_text_is_refused_with_its_path():
    document = json.loads(file_text(case(), participant="王芳"))
    document["participant"] = ["王芳"]
    read = results.read_results(json.dumps(document), METHOD, "en")
    assert read["workbooks"] == [] and [e["path"] for e in read["errors"]] == ["participant"]


# ---------------------------------------------------------------- who is who

def test_rows_belong_to_the_participant_the_file_names_else_to_the_file():
    loaded = gather(("x.json", file_text(case(3), participant="王芳")),
                    ("y.json", file_text(case(6), participant="李强")),
                    ("信任工作簿-市大数据局-2026-11-26 (1).json", version_1_text(case(1))))
    assert [row["participant"] for row in loaded["rows"]] == ["王芳", "李强", "信任工作簿-市大数据局-2026-11-26 (1)"]
    assert [row["named"] for row in loaded["rows"]] == [True, True, False]
    view = room.room_view(loaded, METHOD, "zh")
    assert view["summary"] == "已载入 3 位参与者的 3 份工作簿(共 3 个文件,0 个有问题)。"


def test_a_newer_download_replaces_the_older_whichever_is_loaded_first():
    early = ("a.json", file_text(case(1), participant="王芳", exported_at=EARLY))
    later = ("b.json", file_text(case(6), participant="王芳", exported_at=LATER))
    for order in ([early, later], [later, early]):
        loaded = gather(("l.json", file_text(case(3), participant="李强")), *order)
        assert [(row["participant"], row["T"]) for row in loaded["rows"]] == [("李强", 24800), ("王芳", 29450)]
        assert [notice["kind"] for notice in loaded["notices"]] == (
            ["replaced"] if order[0] is early else ["older"])
    view = room.room_view(gather(early, later), METHOD, "en")
    assert view["notices"] == ["王芳’s “" + CASE + "”: replaced by a newer download."]
    renamed = ("c.json", file_text(case(2, name="旧名"), participant="王芳", exported_at=EARLY))
    view = room.room_view(gather(later, renamed), METHOD, "en", anonymise=True)
    assert view["notices"] == ["Participant 1’s “Workbook 1”: a newer download is already loaded; "
                               "this older file was not used."]


def test_two_workbooks_of_one_participant_are_two_rows_of_one_group():
    loaded = gather(("a.json", file_text(case(3), participant="王芳")),
                    ("b.json", file_text(case(1), participant="李强")),
                    ("c.json", file_text(case(6, workbook_id="wb-2", name="市医院", account="市医院"),
                                         participant="王芳")))
    view = room.room_view(loaded, METHOD, "en", "participant", False)
    assert [(row["cells"][0], row["continues"]) for row in view["rows"]] == [
        ("李强", False), ("王芳", False), ("王芳", True)]
    assert view["summary"] == "3 workbooks of 2 participants loaded from 3 files; 0 with problems."


def test_an_account_renamed_in_a_newer_download_leaves_no_gap_in_the_numbers():
    loaded = gather(("a.json", file_text(case(3, account="市局"), participant="王芳")),
                    ("b.json", file_text(case(6, account="市大数据局", workbook_id="wb-2"), participant="李强")),
                    ("c.json", file_text(case(3, account="市大数据局"), participant="王芳", exported_at=LATER)))
    view = room.room_view(loaded, METHOD, "zh", "participant", False, anonymise=True)
    assert [row["cells"][2] for row in view["rows"]] == ["客户 1", "客户 1"]


def test_anonymising_uses_each_number_once_and_a_replaced_file_keeps_its_number():
    loaded = gather(("a.json", file_text(case(3), participant="王芳")),
                    ("b.json", file_text(case(6), participant="李强")),
                    ("c.json", file_text(case(1), participant="张伟")),
                    ("d.json", file_text(case(8), participant="王芳", exported_at=LATER)))
    view = room.room_view(loaded, METHOD, "zh", "T", True, anonymise=True)
    assert [row["cells"][0] for row in view["rows"]] == ["参与者 1", "参与者 2", "参与者 3"]
    assert view["notices"] == ["参与者 1 的「工作簿 1」:换成了较新的下载。"]
    shown = json.dumps(view, ensure_ascii=False)
    for secret in ("王芳", "李强", "张伟", CASE, "市大数据局"):
        assert secret not in shown


# ---------------------------------------------------------------- what to teach next

def test_the_heat_map_counts_each_participant_once_whatever_their_number_of_workbooks():
    # 王芳 disclosed the first product point in one of her two workbooks, 李强 in his only one
    loaded = gather(("a.json", file_text(case(1), participant="王芳")),
                    ("b.json", file_text(case(0, workbook_id="wb-2"), participant="王芳")),
                    ("c.json", file_text(case(1), participant="李强")))
    heat = room.coverage(loaded, METHOD, "en")
    assert heat["participants"] == 2
    product = heat["lists"][0]
    assert (product["side"], product["list"], product["label"]) == ("seller", "product", "Product")
    first = product["points"][0]
    assert first["cells"][1] == {"share": 7500, "text": "75%", "band": 3}   # (1/2 + 1) / 2
    assert product["points"][9]["cells"][1] == {"share": 0, "text": "0%", "band": 0}
    client = [listed for listed in heat["lists"] if listed["side"] == "client"]
    assert [listed["list"] for listed in client] == ["preferences", "personal"]   # needs are free text
    assert all(point["cells"][0] is None for listed in client for point in listed["points"])


def test_the_heat_map_counts_a_point_told_to_anybody_as_disclosed_and_one_known_of_anybody_as_known():
    workbook = worked_example_account()   # the director was told two seller points and is known by one
    workbook["people"][1]["personal"] = [{"id": POINTS["personal"][3], "known": True, "level": "public"}]
    workbook["seller"]["personal"].append({"id": POINTS["personal"][2], "note": "n", "status": "prepared"})
    heat = room.coverage(gather(("a.json", file_text(workbook, participant="王芳"))), METHOD, "en")
    lists = {(listed["side"], listed["list"]): listed["points"] for listed in heat["lists"]}
    told = [point["cells"] for point in lists[("seller", "personal")][:4]]
    assert [[cell["share"] for cell in cells] for cells in told] == [[10000, 10000], [10000, 10000],
                                                                    [10000, 0], [0, 0]]
    known = [point["cells"][1]["share"] for point in lists[("client", "personal")][:5]]
    assert known == [10000, 0, 0, 10000, 0]


def test_prepared_points_count_as_prepared_but_not_as_disclosed():
    workbook = case(0)
    workbook["seller"]["product"] = [{"id": POINTS["product"][0], "status": "prepared"}]
    heat = room.coverage(gather(("a.json", file_text(workbook, participant="王芳"))), METHOD, "en")
    cells = heat["lists"][0]["points"][0]["cells"]
    assert (cells[0]["share"], cells[1]["share"]) == (10000, 0)


def test_the_separating_points_are_those_the_strongest_cover_and_the_weakest_do_not():
    files = [("%d.json" % n, file_text(case(products, known_personal=known), participant="p%d" % n))
             for n, (products, known) in enumerate([(9, 6), (8, 6), (1, 0), (2, 0), (5, 3), (4, 3)])]
    found = room.separating(gather(*files), METHOD, "en")
    # the strongest two (9 and 8 products) against the weakest two (1 and 2)
    assert found[0]["group"] == 2 and (found[0]["strong"], found[0]["weak"]) == (2, 0)
    assert [(point["list"], point["id"]) for point in found] == [("product", point) for point in POINTS["product"][2:7]]
    assert found[0]["text"] == "disclosed in 2 of the 2 strongest, 0 of the 2 weakest"
    assert room.separating(gather(files[0]), METHOD, "en") == []


def test_the_distribution_puts_close_dots_on_further_lanes_and_marks_the_median():
    files = [("%d.json" % n, file_text(case(products), participant="p%d" % n))
             for n, products in enumerate([3, 3, 3, 6, 1])]
    view = room.room_view(gather(*files), METHOD, "en")
    trust = view["distributions"][0]
    assert trust["column"] == "T" and trust["summary"] == "lowest 217 · median 248 · highest 294.5"
    assert sorted(dot["lane"] for dot in trust["dots"]) == [0, 0, 0, 1, 2]
    assert trust["median_x"] == 24800 * 1000 // 29450
    readiness = view["distributions"][1]
    assert readiness["scale_max"] == "100%" and max(dot["x"] for dot in readiness["dots"]) < 1000


# ---------------------------------------------------------------- the spreadsheet

def test_the_csv_has_every_column_and_each_lists_shares_in_the_pages_language():
    loaded = gather(("a.json", file_text(case(3), participant="王芳")))
    for language, first in (("zh", "参与者"), ("en", "Participant")):
        text = room.csv_text(room.room_view(loaded, METHOD, language), METHOD, language)
        table = list(csv.reader(io.StringIO(text[1:], newline="")))
        assert table[0][0] == first and len(table[0]) == len(room.COLUMNS) + 10 == len(table[1])
        if language == "zh":
            assert table[0][14] == "未签原因" and table[0][-1] == "哪些未签原因"
            assert table[1][-1] == "不知道谁拍板、内部没人替你说话"
    assert table[0][15:18] == ["Readiness · Product (%)", "Readiness · Company (%)", "Readiness · About me (%)"]
    assert table[0][:15] == ["Participant", "Workbook", "Client organisation", "Trust T", "Decider's T", "People",
                             "IS", "IC", "R", "Readiness (%)", "Disclosure (%)", "Knowledge (%)",
                             "Weakest client area", "Roles not covered", "Open reasons"]
    assert table[0][-1] == "Which reasons are open"
    assert table[1][:13] == ["王芳", CASE, "市大数据局", "248", "", "1", "7", "6.5", "9", "22.58", "22.58", "31.58",
                             "About the client's person"]
    assert table[1][14:] == ["2", "30", "18.18", "20", "30", "18.18", "20", "100", "42.86", "10",
                             "Nobody known decides, Nobody inside speaks for you"]


# ---------------------------------------------------------------- keeping a room

def test_a_room_kept_as_text_comes_back_as_it_was():
    loaded = gather(("a.json", file_text(case(3), participant="王芳")), ("bad.json", "{"),
                    ("b.json", file_text(case(6), participant="王芳", exported_at=LATER)))
    kept = room.room_from_text(room.room_text(loaded), METHOD)
    assert kept == loaded
    assert room.room_view(kept, METHOD, "zh") == room.room_view(loaded, METHOD, "zh")
    more = room.add_file(kept, "c.json", file_text(case(1), participant="张伟"), METHOD, "zh")
    assert [row["key"] for row in more["rows"]] == [1, 2]


@pytest.mark.parametrize("change", [
    lambda data: data.update(version=99),
    lambda data: data.update(version=1),                        # kept before the account's people
    lambda data: data.update(version=2),                        # kept before the open reasons
    lambda data: data["rows"][0].pop("reasons_open"),
    lambda data: data["rows"][0].update(reasons_open=[15]),     # fifteen reasons: places 0-14
    lambda data: data["rows"][0].update(reasons_open=["budget"]),
    lambda data: data["rows"][0].update(reasons=900),           # a count that is not the reasons'

    lambda data: data["rows"][0].pop("decider_T"),
    lambda data: data["rows"][0].update(roles_missing=[5]),    # five seat roles: places 0-4
    lambda data: data["rows"][0].update(people="2"),
    lambda data: data["rows"][0].update(coverage="0"),          # another content file
    lambda data: data["rows"][0].update(T="248"),
    lambda data: data["rows"][0].update(weakest=9),
    lambda data: data["rows"][0].update(participant="nobody"),
    lambda data: data.update(people="王芳"),
    lambda data: data["notices"].append({"kind": "deleted"}),
    lambda data: data["notices"].append({"kind": "older", "participant": 1, "workbook": "", "account": ""}),
    lambda data: data["problems"].append({"file": 2, "name": "x.json", "errors": [{"path": ""}]}),
])
def test_a_kept_room_that_does_not_fit_is_not_used(change):
    data = json.loads(room.room_text(gather(("a.json", file_text(case(3), participant="王芳")))))
    change(data)
    assert room.room_from_text(json.dumps(data), METHOD) is None


@pytest.mark.parametrize("text", [None, "", "{", "[]", "null", "[" * 10000])
def test_a_kept_room_that_is_not_json_is_not_used(text):
    assert room.room_from_text(text, METHOD) is None


# ---------------------------------------------------------------- MicroPython

HARNESS = r'''
import json
import jsontext
import library
import results
import room


def run(method_text, files_text):
    method = json.loads(method_text)
    files = json.loads(files_text)
    loaded = room.new_room()
    for name, text in files:
        loaded = room.add_file(loaded, name, text, method, "zh")
    yield "room " + jsontext.dumps(loaded)
    # What a page worker reads (MicroPython) and the page merges.
    records = [room.read_file(name, text, method, "zh") for name, text in files]
    yield "records " + jsontext.dumps(records)
    merged = room.merge_records(room.new_room(), json.loads(json.dumps(records)), method, "zh")
    yield "merged " + jsontext.dumps(merged == loaded)
    kept = room.room_from_text(room.room_text(loaded), method)
    yield "kept " + jsontext.dumps(kept == loaded)
    for column in room.COLUMNS:
        for anonymise in (False, True):
            view = room.room_view(kept, method, "zh", column, column in room.TEXT_COLUMNS, anonymise)
            yield "view-%s-%s %s" % (column, anonymise, jsontext.dumps(view))
            yield "csv-%s-%s %s" % (column, anonymise, jsontext.dumps(room.csv_text(view, method, "en")))
    for name in ["  王芳\u3000第二组\t", "a" * 80, "x\x00y"]:
        yield "name " + jsontext.dumps([library.clean_participant(name),
                                       results.file_name([{"name": "n"}], "2026-11-26", "en", method, name)])
'''


def test_micropython_gathers_participants_exactly_as_cpython(tmp_path):
    rng = random.Random(15)
    files = []
    people = ["王芳", "李强", "", "=cmd", "张\u3000伟"]
    for k in range(24):
        workbook = random_workbook(rng)
        workbook["id"] = "wb-%d" % (k % 3)
        workbook["name"] = [CASE, "市医院", ""][k % 3]
        workbook["account"] = ["市大数据局", "", "市医院"][k % 3]
        stamp = "2026-11-26T%02d:00:00Z" % (8 + k % 4)
        files.append(["f%d.json" % k, file_text(workbook, participant=people[k % 5], exported_at=stamp)])
    files.append(["old.json", version_1_text(case(2))])
    files.append(["bad.json", "{"])
    files.append(["dup.json", files[0][1]])
    inputs = {"method.json": (ROOT / "content" / "method.json").read_text(encoding="utf-8"),
              "files.json": json.dumps(files, ensure_ascii=False)}
    modules = CORE_MODULES + ["diagnosis.py", "results.py", "library.py", "migrations.py", "room.py"]
    expected, got = both(HARNESS, modules, inputs, tmp_path, heap_mb=256, timeout=300)
    assert len(got) == len(expected)
    differ = [e.split(" ", 1)[0] for e, g in zip(expected, got) if e != g]
    assert differ == [], "MicroPython differs in %d lines, first: %s" % (len(differ), differ[:10])
    assert expected[2] == "merged true"
    assert expected[3] == "kept true"
    assert '"replaced"' in expected[0] and '"older"' in expected[0]
