"""The results file: what the page downloads validates against the published
schema and reads back as it was; every bad file is refused with its path and
a message in the user's language; older formats are migrated; a room's
results are gathered, sorted, anonymised and written as CSV the same way
under CPython and MicroPython."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import migrations
import results
import scoring
from fixtures import named
from interpreters import CORE_MODULES, both
from workbook_strategies import (
    METHOD, POINTS, junk, largest_workbook, malformed_workbooks, person, version_0, version_1, workbooks,
    worked_example, worked_example_account, worked_example_v1)

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "content" / "results.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
EXPORTED_AT = "2026-11-26T09:30:00.000Z"
PROPERTY = settings(max_examples=60, deadline=None)
SCHEMA_PROPERTY = settings(max_examples=30, deadline=None)  # a schema validation takes ~0.1 s


def export(*workbooks):
    return results.export_document(list(workbooks), METHOD, EXPORTED_AT, "abc123")


def read(text_or_data, language="en"):
    text = text_or_data if isinstance(text_or_data, str) else json.dumps(text_or_data, ensure_ascii=False)
    return results.read_document(text, METHOD, language)


def errors_of(data, language="en"):
    workbooks, errors = read(data, language)
    assert workbooks == [], "a file with problems gives no workbooks"
    return [(e["path"], e["message"]) for e in errors]


# ---------------------------------------------------------------- the schema

def test_the_published_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_names_exactly_the_content_datas_points_levels_and_choices():
    defs = SCHEMA["$defs"]
    seller = defs["workbook"]["properties"]["seller"]["properties"]
    for sheet in METHOD["seller_lists"]:
        assert seller[sheet["id"]]["items"]["properties"]["id"]["enum"] == POINTS[sheet["points"]]
    client = defs["workbook"]["properties"]["client"]["properties"]
    for sheet in METHOD["client_lists"]:
        if sheet.get("leveled"):   # each person's
            assert "personal" not in client
            assert defs["person"]["properties"][sheet["id"]]["items"]["properties"]["id"]["enum"] == POINTS[
                sheet["points"]]
        elif not sheet.get("free_list"):
            assert client[sheet["id"]]["items"]["properties"]["id"]["enum"] == POINTS[sheet["points"]]
    person_ = defs["person"]["properties"]
    assert person_["role"]["enum"] == [role["id"] for role in METHOD["roles"]]
    assert person_["influence"]["enum"] == [influence["id"] for influence in METHOD["influences"]]
    assert person_["attitude"]["enum"] == [attitude["id"] for attitude in METHOD["attitudes"]]
    assert person_["told"]["items"]["enum"] == POINTS["personal"]
    assert person_["motives"]["properties"]["personal"]["items"]["enum"] == [m["id"] for m in METHOD["motives"]]
    assert person_["motives"]["properties"]["balance"]["enum"] == [b["id"] for b in METHOD["balances"]]
    assert defs["workbook"]["properties"]["people"]["maxItems"] == METHOD["limits"]["people"]
    assert defs["workbook"]["properties"]["stage"]["enum"] == [stage["id"] for stage in METHOD["stages"]]
    assert defs["level"]["enum"] == [level["id"] for level in METHOD["levels"]]
    assert defs["stage"]["oneOf"][0]["enum"] == [stage["id"] for stage in METHOD["stages"]]
    assert defs["settings"]["properties"]["preset"]["enum"] == [p["id"] for p in METHOD["presets"]] + ["custom"]
    assert defs["need"]["properties"]["visibility"]["enum"] == [v["id"] for v in METHOD["visibilities"]]
    assert defs["common_ground_item"]["properties"]["category"]["enum"] == [
        c["id"] for c in METHOD["common_ground_categories"]]
    assert SCHEMA["properties"]["workbooks"]["maxItems"] == results.MAX_WORKBOOKS
    assert defs["reason_id"]["enum"] == [reason["id"] for reason in METHOD["review_reasons"]]
    assert defs["review"]["properties"]["by_hand"]["items"]["properties"]["state"]["enum"] == list(
        results.REVIEW_STATES)


@SCHEMA_PROPERTY
@given(st.lists(workbooks(max_needs=8, max_shared=8), min_size=1, max_size=3))
def test_every_export_validates_against_the_schema(generated):
    document = export(*generated)
    VALIDATOR.validate(json.loads(results.document_text(document)))


@SCHEMA_PROPERTY
@given(malformed_workbooks())
def test_an_export_of_a_malformed_workbook_still_validates(generated):
    VALIDATOR.validate(json.loads(results.document_text(export(generated))))


def test_the_largest_workbook_and_the_worked_example_validate():
    document = export(largest_workbook(), worked_example(), {}, worked_example_account())
    VALIDATOR.validate(json.loads(results.document_text(document)))
    assert document["workbooks"][1]["result"]["T"] == 248
    assert len(document["workbooks"][0]["workbook"]["people"]) == 12


def test_the_file_keeps_each_persons_figures_beside_the_accounts():
    (entry,) = export(worked_example_account())["workbooks"]
    result = entry["result"]
    assert result["model_version"] == 2 and result["T"] == 192.25 and result["text"]["T"] == "192.25"
    director, officer = result["people"]
    assert director == {"id": "p-1", "name": "王主任", "role": "decision_maker", "influence": 3,
                        "attitude": "neutral", "T": 248, "IS": 7, "IC": 6.5, "R": 9,
                        "text": {"T": "248", "IS": "7", "IC": "6.5", "R": "9"},
                        "reciprocity": director["reciprocity"]}
    assert director["reciprocity"]["text"] == scoring.score(worked_example_account(), METHOD)[
        "people"][0]["indicators"]["reciprocity"]["text"]
    assert (officer["id"], officer["role"], officer["influence"], officer["T"], officer["IS"], officer["IC"],
            officer["R"], officer["reciprocity"]) == ("p-2", "procurement", 1, 25, 5, 5, 0, None)
    assert [person_["id"] for person_ in entry["workbook"]["people"]] == ["p-1", "p-2"]
    assert entry["workbook"]["people"][1]["reports_to"] == "p-1"


def test_the_file_carries_the_open_reasons_in_content_order_and_the_sellers_own_word():
    account = worked_example_account()
    account["review"] = [{"id": "price", "state": "open", "note": "比对手贵 8%"},
                         {"id": "no_inside_support", "state": "cleared", "note": "李科长私下支持"},
                         {"id": "timing", "state": None, "note": "年底前再看"}]
    (entry,) = export(account)["workbooks"]
    assert entry["review"] == {"open": ["price"], "by_hand": [{"id": "no_inside_support", "state": "cleared"},
                                                              {"id": "price", "state": "open"}]}
    # the notes stay the workbook's own, once
    assert {"id": "price", "state": "open", "note": "比对手贵 8%"} in entry["workbook"]["review"]
    account["review"] = []
    (entry,) = export(account)["workbooks"]
    assert entry["review"] == {"open": ["no_inside_support"], "by_hand": []}
    reasons = [reason["id"] for reason in METHOD["review_reasons"]]
    (entry,) = export(scoring.blank_workbook(METHOD))["workbooks"]
    assert entry["review"]["open"] == sorted(entry["review"]["open"], key=reasons.index)
    assert {"no_pressing_need", "no_decider", "no_inside_support"} <= set(entry["review"]["open"])


def test_the_review_part_is_written_after_the_workbooks_figures_open_reasons_on_one_line():
    text = results.document_text(export(worked_example_account()))
    assert text.index('"result": {') < text.index('"review": {"open": ["no_inside_support"], "by_hand": []}')


def test_a_file_of_this_version_written_before_it_carried_the_review_still_reads():
    document = json.loads(results.document_text(export(worked_example())))
    del document["workbooks"][0]["review"]
    workbooks_read, errors = read(document)
    assert errors == [] and len(workbooks_read) == 1


def test_the_export_keeps_the_figures_but_not_the_cores_exact_fractions():
    document = export(worked_example())
    result = document["workbooks"][0]["result"]
    assert (result["T"], result["IS"], result["IC"], result["R"]) == (248, 7, 6.5, 9)
    assert (result["IS_total"], result["IC_total"]) == (16, 15.5)
    assert result["indicators"]["weakest"] == {"list": "personal", "percent": 10, "text": "10%"}
    assert '"exact"' not in results.document_text(document)
    assert document["schema"] == "trust-workbook-results" and document["schema_version"] == 3
    assert document["model_version"] == 2 and document["workbooks"][0]["workbook"]["schema_version"] == 2
    assert document["exported_at"] == EXPORTED_AT and document["app"] == {
        "name": "trust-workbook", "version": "abc123"}


# ---------------------------------------------------------------- the text

def test_the_text_is_indented_keeps_chinese_and_starts_with_the_format():
    text = results.document_text(export(named("王芳", "省税务局")))
    assert text.startswith('{\n  "schema": "trust-workbook-results",\n  "schema_version": 3,\n')
    assert '"name": "王芳"' in text and "\\u" not in text
    assert text.endswith("}\n")
    assert json.loads(text) == export(named("王芳", "省税务局"))


@PROPERTY
@given(workbooks(max_needs=4, max_shared=4))
def test_the_text_is_the_same_whatever_order_the_dicts_were_built_in(generated):
    def shuffled(value, rng):
        if isinstance(value, dict):
            keys = list(value)
            rng.shuffle(keys)
            return {key: shuffled(value[key], rng) for key in keys}
        if isinstance(value, list):
            return [shuffled(item, rng) for item in value]
        return value

    document = export(generated)
    assert results.document_text(shuffled(document, random.Random(7))) == results.document_text(document)


def test_control_characters_and_quotes_in_notes_survive_the_text():
    workbook = named('a "quoted"\nname\t\\ \u2028 end')
    text = results.document_text(export(workbook))
    assert json.loads(text)["workbooks"][0]["workbook"]["name"] == workbook["name"]


# ---------------------------------------------------------------- round trip

@PROPERTY
@given(st.lists(workbooks(max_needs=6, max_shared=6), min_size=1, max_size=3))
def test_export_read_export_gives_the_same_document(generated):
    document = export(*generated)
    workbooks_read, errors = read(results.document_text(document))
    assert errors == []
    assert export(*workbooks_read) == document


@PROPERTY
@given(malformed_workbooks())
def test_whatever_was_exported_reads_back_without_problems(generated):
    document = export(generated)
    workbooks_read, errors = read(results.document_text(document), "zh")
    assert errors == [] and export(*workbooks_read) == document


def test_a_bare_workbook_reads_as_one_workbook():
    bare = scoring.normalise(named("王芳"), METHOD)
    workbooks_read, errors = read(bare)
    assert errors == [] and workbooks_read == [bare]


def test_a_byte_order_mark_and_surrounding_whitespace_are_fine():
    workbooks_read, errors = read("\ufeff\n " + results.document_text(export(worked_example())) + "\n\n")
    assert errors == [] and len(workbooks_read) == 1


# ---------------------------------------------------------------- file names

@pytest.mark.parametrize("workbooks_, language, expected", [
    ([{"name": "省税务局"}], "zh", "信任工作簿-省税务局-2026-11-26.json"),
    ([{"name": "Tax Bureau 2026"}], "en", "trust-workbook-Tax-Bureau-2026-2026-11-26.json"),
    ([{"name": " ", "account": "市医院"}], "zh", "信任工作簿-市医院-2026-11-26.json"),
    ([{"name": "", "account": ""}], "en", "trust-workbook-Untitled-client-2026-11-26.json"),
    ([{"name": 'a/b\\c:d*e?f"g<h>i|j\x00k\x1f.'}], "en", "trust-workbook-abcdefghijk-2026-11-26.json"),
    ([{"name": "..\u3000省\u3000局  "}], "zh", "信任工作簿-省-局-2026-11-26.json"),
    ([{"name": "a"}, {"name": "b"}], "zh", "信任工作簿-全部-2026-11-26.json"),
    ([{"name": "a"}, {"name": "b"}], "en", "trust-workbook-all-2026-11-26.json"),
])
def test_the_file_name_tells_what_the_file_holds_in_characters_every_system_allows(workbooks_, language, expected):
    assert results.file_name(workbooks_, "2026-11-26", language, METHOD) == expected


def test_a_very_long_name_is_cut_in_the_file_name():
    name = results.file_name([{"name": "长" * 500}], "2026-11-26", "zh", METHOD)
    assert len(name) < 100 and name.endswith("-2026-11-26.json")


# ---------------------------------------------------------------- errors

def results_with(change):
    """A valid results document of the worked example, changed by `change`."""
    document = json.loads(results.document_text(export(worked_example())))
    change(document)
    return document


def setter(path, value):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


WB = ["workbooks", 0, "workbook"]
REASONS = [reason["id"] for reason in METHOD["review_reasons"]]

ERROR_CASES = [
    # (name, file text or data, path, message zh, message en)
    ("empty file", "", "", "文件是空的。", "The file is empty."),
    ("only whitespace", " \n\t ", "", "文件是空的。", "The file is empty."),
    ("not JSON", "{\"schema\": ", "", "这不是有效的 JSON 文件。", "This is not a valid JSON file."),
    ("a CSV file", "\ufeff参与者,客户单位\r\n", "", "这不是有效的 JSON 文件。", "This is not a valid JSON file."),
    ("nested too deep", "[" * 100000 + "]" * 100000, "", "这不是有效的 JSON 文件。", "This is not a valid JSON file."),
    ("a JSON list", [1, 2], "", "这个 JSON 文件不是信任工作簿的结果文件,也不是工作簿。",
     "This JSON file is neither a Trust Workbook results file nor a workbook."),
    ("a JSON string", "\"workbook\"", "", "这个 JSON 文件不是信任工作簿的结果文件,也不是工作簿。",
     "This JSON file is neither a Trust Workbook results file nor a workbook."),
    ("another object", {"foo": 1}, "", "这个 JSON 文件不是信任工作簿的结果文件,也不是工作簿。",
     "This JSON file is neither a Trust Workbook results file nor a workbook."),
    ("another schema", {"schema": "invoice", "workbooks": []}, "schema", "未知的文件格式「invoice」。",
     "Unknown file format “invoice”."),
    ("a newer format", results_with(setter(["schema_version"], 4)), "schema_version",
     "这个文件的格式版本是 4,比本程序能读的版本(3)新。请使用新版程序。",
     "This file uses format version 4, newer than this app reads (up to 3). Use a newer version of the app."),
    ("a version as text", results_with(setter(["schema_version"], "1")), "schema_version",
     "格式版本应为 0 或更大的整数。", "The format version must be a whole number, 0 or more."),
    ("no version", results_with(lambda d: d.pop("schema_version")), "schema_version",
     "缺少这一项。", "This is missing."),
    ("no workbooks", results_with(setter(["workbooks"], [])), "workbooks",
     "文件里没有工作簿。", "The file holds no workbooks."),
    ("workbooks not a list", results_with(setter(["workbooks"], {"a": 1})), "workbooks",
     "应为列表。", "Expected a list."),
    ("an entry not an object", results_with(setter(["workbooks", 0], "x")), "workbooks[0]",
     "应为对象。", "Expected an object."),
    ("an entry without its workbook", results_with(setter(["workbooks", 0], {"result": {}})),
     "workbooks[0].workbook", "缺少这一项。", "This is missing."),
    ("an unknown status", results_with(setter(WB + ["seller", "product", 2, "status"], "told")),
     "workbooks[0].workbook.seller.product[2].status", "未知的值「told」,可选:empty, prepared, disclosed。",
     "Unknown value “told”; allowed: empty, prepared, disclosed."),
    ("a status as a number", results_with(setter(WB + ["seller", "product", 0, "status"], 2)),
     "workbooks[0].workbook.seller.product[0].status", "未知的值「2」,可选:empty, prepared, disclosed。",
     "Unknown value “2”; allowed: empty, prepared, disclosed."),
    ("an unknown point", results_with(setter(WB + ["seller", "company", 1, "id"], "colour")),
     "workbooks[0].workbook.seller.company[1].id", "这份清单里没有要点「colour」。",
     "This list has no point “colour”."),
    ("a point twice", results_with(setter(WB + ["client", "preferences", 1, "id"], "decision_process")),
     "workbooks[0].workbook.client.preferences[1].id", "「decision_process」出现了不止一次。",
     "“decision_process” appears more than once."),
    ("a stage out of range", results_with(setter(WB + ["seller", "personal", 0, "stage"], 5)),
     "workbooks[0].workbook.seller.personal[0].stage", "5 超出范围(1–4)。", "5 is out of range (1–4)."),
    ("a stage as true", results_with(setter(WB + ["seller", "personal", 0, "stage"], True)),
     "workbooks[0].workbook.seller.personal[0].stage", "应为整数。", "Expected a whole number."),
    ("an unknown level", results_with(setter(WB + ["people", 0, "personal", 0, "level"], "secret")),
     "workbooks[0].workbook.people[0].personal[0].level", "未知的值「secret」,可选:public, semi_public, private。",
     "Unknown value “secret”; allowed: public, semi_public, private."),
    ("known as text", results_with(setter(WB + ["client", "needs", 0, "known"], "yes")),
     "workbooks[0].workbook.client.needs[0].known", "应为true 或 false。", "Expected true or false."),
    ("a severity as a fraction", results_with(setter(WB + ["client", "needs", 1, "severity"], 2.5)),
     "workbooks[0].workbook.client.needs[1].severity", "应为整数。", "Expected a whole number."),
    ("too many needs", results_with(setter(WB + ["client", "needs"], [{"text": "x"}] * 31)),
     "workbooks[0].workbook.client.needs", "有 31 条,最多 30 条。", "31 entries; at most 30."),
    ("a narrowness of 4", results_with(setter(WB + ["common_ground", 0, "narrowness"], 4)),
     "workbooks[0].workbook.common_ground[0].narrowness", "4 超出范围(1–3)。", "4 is out of range (1–3)."),
    ("a contact factor of 11", results_with(setter(WB + ["people", 0, "contact_factor"], 11)),
     "workbooks[0].workbook.people[0].contact_factor", "11 超出范围(0–10)。", "11 is out of range (0–10)."),
    ("a weight that is not a number", results_with(setter(WB + ["settings", "weights", "needs"], "2")),
     "workbooks[0].workbook.settings.weights.needs", "应为数字。", "Expected a number."),
    ("a weight of NaN", json.dumps(results_with(setter(WB + ["settings", "weights", "needs"], float("nan")))),
     "workbooks[0].workbook.settings.weights.needs", "应为数字。", "Expected a number."),
    ("an unknown preset", results_with(setter(WB + ["settings", "preset"], "friendly")),
     "workbooks[0].workbook.settings.preset",
     "未知的值「friendly」,可选:balanced, needs_locked, process_bound, relationship_driven, custom。",
     "Unknown value “friendly”; allowed: balanced, needs_locked, process_bound, relationship_driven, custom."),
    ("a name as a number", results_with(setter(WB + ["name"], 42)),
     "workbooks[0].workbook.name", "应为文本。", "Expected text."),
    ("seller as a list", results_with(setter(WB + ["seller"], [])),
     "workbooks[0].workbook.seller", "应为对象。", "Expected an object."),
    ("a workbook of a newer format", results_with(setter(WB + ["schema_version"], 9)),
     "workbooks[0].workbook.schema_version",
     "这个文件的格式版本是 9,比本程序能读的版本(2)新。请使用新版程序。",
     "This file uses format version 9, newer than this app reads (up to 2). Use a newer version of the app."),
    ("a bare workbook with a bad point", {"schema": "trust-workbook", "schema_version": 1,
                                          "seller": {"product": [{"id": "performance", "note": 5}]}},
     "seller.product[0].note", "应为文本。", "Expected text."),
    # the account's people (workbook schema version 2)
    ("13 people", results_with(setter(WB + ["people"], [person("p-%d" % n) for n in range(1, 14)])),
     "workbooks[0].workbook.people", "有 13 条,最多 12 条。", "13 entries; at most 12."),
    ("no people", results_with(setter(WB + ["people"], [])),
     "workbooks[0].workbook.people", "至少要有 1 位客户方人员。", "The account needs at least 1 person."),
    ("people not a list", results_with(setter(WB + ["people"], {"p-1": {}})),
     "workbooks[0].workbook.people", "应为列表。", "Expected a list."),
    ("a person not an object", results_with(setter(WB + ["people", 0], "王主任")),
     "workbooks[0].workbook.people[0]", "应为对象。", "Expected an object."),
    ("a person without an id", results_with(lambda d: d["workbooks"][0]["workbook"]["people"][0].pop("id")),
     "workbooks[0].workbook.people[0].id", "缺少这一项。", "This is missing."),
    ("a person with a blank id", results_with(setter(WB + ["people", 0, "id"], "")),
     "workbooks[0].workbook.people[0].id", "缺少这一项。", "This is missing."),
    ("a person's id as a number", results_with(setter(WB + ["people", 0, "id"], 1)),
     "workbooks[0].workbook.people[0].id", "应为文本。", "Expected text."),
    ("a person twice", results_with(lambda d: d["workbooks"][0]["workbook"]["people"].append(person("p-1"))),
     "workbooks[0].workbook.people[1].id", "「p-1」出现了不止一次。", "“p-1” appears more than once."),
    ("an unknown role", results_with(setter(WB + ["people", 0, "role"], "boss")),
     "workbooks[0].workbook.people[0].role",
     "未知的值「boss」,可选:decision_maker, user, technical, procurement, coach, other。",
     "Unknown value “boss”; allowed: decision_maker, user, technical, procurement, coach, other."),
    ("an unknown attitude", results_with(setter(WB + ["people", 0, "attitude"], "hostile")),
     "workbooks[0].workbook.people[0].attitude",
     "未知的值「hostile」,可选:supporter, neutral, sceptic, opponent。",
     "Unknown value “hostile”; allowed: supporter, neutral, sceptic, opponent."),
    ("an influence of 7", results_with(setter(WB + ["people", 0, "influence"], 7)),
     "workbooks[0].workbook.people[0].influence", "7 超出范围(1–3)。", "7 is out of range (1–3)."),
    ("an influence as text", results_with(setter(WB + ["people", 0, "influence"], "high")),
     "workbooks[0].workbook.people[0].influence", "应为整数。", "Expected a whole number."),
    ("a person's name as a list", results_with(setter(WB + ["people", 0, "name"], ["王"])),
     "workbooks[0].workbook.people[0].name", "应为文本。", "Expected text."),
    ("reporting to nobody known", results_with(setter(WB + ["people", 0, "reports_to"], "p-9")),
     "workbooks[0].workbook.people[0].reports_to", "没有 id 为「p-9」的人员。",
     "No person of the account has the id “p-9”."),
    ("told an unknown point", results_with(setter(WB + ["people", 0, "told"], ["hobbies", "colour"])),
     "workbooks[0].workbook.people[0].told[1]", "这份清单里没有要点「colour」。", "This list has no point “colour”."),
    ("told as text", results_with(setter(WB + ["people", 0, "told"], "hobbies")),
     "workbooks[0].workbook.people[0].told", "应为列表。", "Expected a list."),
    ("a person's unknown personal point", results_with(setter(WB + ["people", 0, "personal", 0, "id"], "mood")),
     "workbooks[0].workbook.people[0].personal[0].id", "这份清单里没有要点「mood」。",
     "This list has no point “mood”."),
    ("shared with nobody known", results_with(setter(WB + ["common_ground", 0, "with"], ["p-1", "p-2"])),
     "workbooks[0].workbook.common_ground[0].with[1]", "没有 id 为「p-2」的人员。",
     "No person of the account has the id “p-2”."),
    ("with as text", results_with(setter(WB + ["common_ground", 0, "with"], "p-1")),
     "workbooks[0].workbook.common_ground[0].with", "应为列表。", "Expected a list."),
    ("a need owned by nobody known", results_with(setter(WB + ["client", "needs", 1, "owner"], "p-7")),
     "workbooks[0].workbook.client.needs[1].owner", "没有 id 为「p-7」的人员。",
     "No person of the account has the id “p-7”."),
    ("an account stage of 5", results_with(setter(WB + ["stage"], 5)),
     "workbooks[0].workbook.stage", "5 超出范围(1–4)。", "5 is out of range (1–4)."),
    ("no account stage", results_with(setter(WB + ["stage"], None)),
     "workbooks[0].workbook.stage", "应为整数。", "Expected a whole number."),
    ("motives as a list", results_with(setter(WB + ["people", 0, "motives"], [])),
     "workbooks[0].workbook.people[0].motives", "应为对象。", "Expected an object."),
    ("an organisation's motive as a number", results_with(setter(WB + ["people", 0, "motives", "organisation"], 3)),
     "workbooks[0].workbook.people[0].motives.organisation", "应为文本。", "Expected text."),
    ("an unknown personal motive", results_with(setter(WB + ["people", 0, "motives", "personal"], ["safety", "greed"])),
     "workbooks[0].workbook.people[0].motives.personal[1]",
     "未知的值「greed」,可选:achievement, safety, career, ease, standing, other。",
     "Unknown value “greed”; allowed: achievement, safety, career, ease, standing, other."),
    ("a balance of 3", results_with(setter(WB + ["people", 0, "motives", "balance"], 3)),
     "workbooks[0].workbook.people[0].motives.balance", "3 超出范围(-2–2)。", "3 is out of range (-2–2)."),
    ("an unknown client type", results_with(setter(WB + ["client_type"], "bank")),
     "workbooks[0].workbook.client_type",
     "未知的值「bank」,可选:government, state_owned, private, listed_multinational, other。",
     "Unknown value “bank”; allowed: government, state_owned, private, listed_multinational, other."),
    ("a review state not known", results_with(setter(WB + ["review"], [{"id": "budget", "state": "done"}])),
     "workbooks[0].workbook.review[0].state", "未知的值「done」,可选:open, cleared。",
     "Unknown value “done”; allowed: open, cleared."),
    ("a reason reviewed twice", results_with(setter(WB + ["review"], [{"id": "price", "state": "open"},
                                                                      {"id": "price", "note": "x"}])),
     "workbooks[0].workbook.review[1].id", "「price」出现了不止一次。", "“price” appears more than once."),
    ("a review note as a number", results_with(setter(WB + ["review"], [{"id": "timing", "note": 5}])),
     "workbooks[0].workbook.review[0].note", "应为文本。", "Expected text."),
    # the review the file carries beside each workbook (derived, but checked)
    ("an open reason that does not exist", results_with(setter(["workbooks", 0, "review", "open"],
                                                               ["no_decider", "weather"])),
     "workbooks[0].review.open[1]", "未知的值「weather」,可选:" + ", ".join(REASONS) + "。",
     "Unknown value “weather”; allowed: " + ", ".join(REASONS) + "."),
    ("an open reason twice", results_with(setter(["workbooks", 0, "review", "open"], ["budget", "budget"])),
     "workbooks[0].review.open[1]", "「budget」出现了不止一次。", "“budget” appears more than once."),
    ("an open reason as a number", results_with(setter(["workbooks", 0, "review", "open"], [3])),
     "workbooks[0].review.open[0]", "应为文本。", "Expected text."),
    ("open reasons as text", results_with(setter(["workbooks", 0, "review", "open"], "budget")),
     "workbooks[0].review.open", "应为列表。", "Expected a list."),
    ("a review as a list", results_with(setter(["workbooks", 0, "review"], ["budget"])),
     "workbooks[0].review", "应为对象。", "Expected an object."),
    ("a reason set by hand that does not exist", results_with(setter(
        ["workbooks", 0, "review", "by_hand"], [{"id": "price", "state": "open"}, {"id": "mood", "state": "open"}])),
     "workbooks[0].review.by_hand[1].id", "未知的值「mood」,可选:" + ", ".join(REASONS) + "。",
     "Unknown value “mood”; allowed: " + ", ".join(REASONS) + "."),
    ("a reason set by hand to an unknown state", results_with(setter(
        ["workbooks", 0, "review", "by_hand"], [{"id": "price", "state": "maybe"}])),
     "workbooks[0].review.by_hand[0].state", "未知的值「maybe」,可选:open, cleared。",
     "Unknown value “maybe”; allowed: open, cleared."),
    ("a reason set by hand without its state", results_with(setter(
        ["workbooks", 0, "review", "by_hand"], [{"id": "price"}])),
     "workbooks[0].review.by_hand[0].state", "缺少这一项。", "This is missing."),
    ("a reason set by hand without its id", results_with(setter(
        ["workbooks", 0, "review", "by_hand"], [{"state": "cleared"}])),
     "workbooks[0].review.by_hand[0].id", "缺少这一项。", "This is missing."),
    # a version 1 workbook: found where it is in the file, not where the migration put it
    ("a version 1 client personal point", {"schema": "trust-workbook", "schema_version": 1,
                                           "client": {"personal": [{"id": "hobbies", "level": "secret"}]}},
     "client.personal[0].level", "未知的值「secret」,可选:public, semi_public, private。",
     "Unknown value “secret”; allowed: public, semi_public, private."),
    ("a version 1 contact factor of 11", {"schema": "trust-workbook", "schema_version": 1,
                                          "settings": {"contact_factor": 11}},
     "settings.contact_factor", "11 超出范围(0–10)。", "11 is out of range (0–10)."),
    ("a version 1 unknown point disclosed", {"schema": "trust-workbook", "schema_version": 1,
                                             "seller": {"personal": [{"id": "colour", "status": "disclosed"}]}},
     "seller.personal[0].id", "这份清单里没有要点「colour」。", "This list has no point “colour”."),
]


@pytest.mark.parametrize("case", ERROR_CASES, ids=[case[0] for case in ERROR_CASES])
def test_each_problem_is_reported_at_its_path_in_both_languages(case):
    name, data, path, zh, en = case
    assert errors_of(data, "zh") == [(path, zh)]
    assert errors_of(data, "en") == [(path, en)]


def test_a_file_too_large_is_refused_before_and_after_reading():
    assert results.size_errors(results.MAX_BYTES + 1, METHOD, "zh") == [
        {"path": "", "message": "文件超过 5 MB,没有读取。"}]
    assert results.size_errors(results.MAX_BYTES, METHOD, "zh") == []
    text = results.document_text(export(worked_example()))
    padded = text[:-2] + " " * results.MAX_BYTES + "}\n"
    assert errors_of(padded, "en") == [("", "The file is larger than 5 MB and was not read.")]


def test_a_file_of_too_many_workbooks_is_refused():
    document = results_with(lambda d: d.__setitem__("workbooks", d["workbooks"] * 201))
    assert errors_of(document, "en") == [("workbooks", "The file holds 201 workbooks; at most 200 can be read.")]
    document["workbooks"] = document["workbooks"][:200]
    workbooks_read, errors = read(document)
    assert errors == [] and len(workbooks_read) == 200


def test_all_problems_of_a_file_are_listed_and_a_long_list_is_cut_with_a_count():
    def spoil(document):
        for record in document["workbooks"][0]["workbook"]["seller"]["product"]:
            record["status"] = "x"
            record["stage"] = 0
        document["workbooks"][0]["workbook"]["seller"]["company"][0]["note"] = 1
    errors = errors_of(results_with(spoil), "en")
    assert len(errors) == results.MAX_ERRORS + 1
    assert errors[0] == ("workbooks[0].workbook.seller.product[0].status",
                         "Unknown value “x”; allowed: empty, prepared, disclosed.")
    assert errors[1] == ("workbooks[0].workbook.seller.product[0].stage", "0 is out of range (1–4).")
    assert errors[-1] == ("", "…and 1 more problems.")


def test_a_bad_workbook_spoils_its_whole_file():
    document = export(worked_example(), named("b"))
    document["workbooks"][1]["workbook"]["common_ground"][0]["category"] = "astrology"
    workbooks_read, errors = read(document)
    assert workbooks_read == [] and [e["path"] for e in errors] == [
        "workbooks[1].workbook.common_ground[0].category"]


def test_a_long_wrong_value_is_quoted_short_on_one_line():
    document = results_with(setter(WB + ["seller", "product", 0, "status"], "line\n" * 40))
    ((path, message),) = errors_of(document)
    assert "\n" not in message and len(message) < 120 and "…" in message


def test_unknown_keys_are_not_problems_and_are_dropped():
    document = results_with(setter(WB + ["colour"], "blue"))
    document["workbooks"][0]["workbook"]["seller"]["product"][0]["mood"] = "good"
    workbooks_read, errors = read(document)
    assert errors == [] and "colour" not in workbooks_read[0]
    assert "mood" not in workbooks_read[0]["seller"]["product"][0]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=60), junk().map(lambda value: json.dumps(value, ensure_ascii=False))))
def test_reading_never_raises_and_gives_workbooks_or_errors_never_both(text):
    for language in ("zh", "en"):
        workbooks_read, errors = results.read_document(text, METHOD, language)
        assert (workbooks_read == []) != (errors == [])
        for error in errors:
            assert isinstance(error["path"], str) and error["message"]


@PROPERTY
@given(malformed_workbooks())
def test_a_malformed_bare_workbook_is_either_read_whole_or_refused_with_reasons(generated):
    if isinstance(generated, dict):
        generated = dict(generated, schema="trust-workbook", schema_version=2)
    workbooks_read, errors = read(json.dumps(generated))
    if errors == []:
        assert workbooks_read == [scoring.normalise(generated, METHOD)]
    else:
        assert workbooks_read == []


# ---------------------------------------------------------------- migrations

def one_person_largest():
    """The largest workbook of one person: what a version 0 or 1 workbook could hold."""
    return scoring.normalise(largest_workbook(people=1), METHOD)


def as_migrated(workbook):
    """The version 2 workbook a version 0 or 1 one of `workbook` reads as:
    the person keeps no name, role or influence (older versions had none)."""
    return scoring.normalise(migrations.migrate_stored_workbook(version_1(workbook), METHOD), METHOD)


def test_migration_0_to_1_reads_points_keyed_by_id_with_numbered_levels():
    old = version_0(one_person_largest())
    assert old["seller"]["personal"]["hobbies"]["level"] == 3
    workbooks_read, errors = read(old)
    assert errors == [] and workbooks_read == [as_migrated(one_person_largest())]
    assert scoring.score(workbooks_read[0], METHOD)["T"] == scoring.score(one_person_largest(), METHOD)["T"]


def test_migration_0_to_1_keeps_the_points_in_content_order_whatever_the_key_order():
    old = version_0(worked_example())
    old["seller"]["product"] = dict(reversed(list(old["seller"]["product"].items())))
    workbooks_read, _ = read(old)
    assert [r["id"] for r in workbooks_read[0]["seller"]["product"]] == POINTS["product"]


def test_migration_0_to_1_applies_to_an_old_workbook_inside_a_results_file():
    document = export(worked_example())
    document["workbooks"][0]["workbook"] = version_0(worked_example())
    workbooks_read, errors = read(document)
    assert errors == [] and export(*workbooks_read) == export(worked_example())


def test_migration_1_to_2_reads_a_version_2_file_of_the_one_anonymous_client_person():
    document = export(worked_example())
    document["schema_version"] = 2
    document["workbooks"][0]["workbook"] = worked_example_v1()
    workbooks_read, errors = read(document)
    assert errors == [] and workbooks_read == [scoring.normalise(worked_example(), METHOD)]
    (one,) = workbooks_read[0]["people"]
    assert one["told"] == POINTS["personal"][:2] and one["contact_factor"] == 1
    assert workbooks_read[0]["common_ground"][0]["with"] == ["p-1"]
    assert scoring.score(workbooks_read[0], METHOD)["T"] == 248


def test_a_problem_in_a_version_1_workbook_inside_a_file_is_reported_where_it_is_in_the_file():
    document = export(worked_example())
    old = worked_example_v1()
    old["client"]["personal"][0]["known"] = "yes"
    old["settings"]["contact_factor"] = -1
    old["seller"]["personal"][1]["id"] = "colour"   # disclosed: person 1 is told it after the migration
    document["workbooks"][0]["workbook"] = old
    assert errors_of(document) == [
        ("workbooks[0].workbook.seller.personal[1].id", "This list has no point “colour”."),
        ("workbooks[0].workbook.settings.contact_factor", "-1 is out of range (0–10)."),   # person 1's P now
        ("workbooks[0].workbook.client.personal[0].known", "Expected true or false."),
    ]


def test_an_explicit_version_0_is_migrated_too():
    old = dict(version_0(worked_example()), schema="trust-workbook", schema_version=0)
    workbooks_read, errors = read(old)
    assert errors == [] and workbooks_read == [as_migrated(worked_example())]
    assert workbooks_read == [scoring.normalise(worked_example(), METHOD)]


def test_a_problem_in_an_old_workbook_is_reported_where_it_is_in_the_file():
    old = version_0(worked_example())
    old["seller"]["product"]["design"]["status"] = "told"
    old["client"]["personal"]["hobbies"]["level"] = 7
    old["seller"]["company"]["colour"] = {"status": "disclosed"}
    assert [path for path, _ in errors_of(old)] == [
        "seller.product.design.status", "seller.company.colour.id", "client.personal.hobbies.level"]


def test_a_version_0_level_number_out_of_range_is_reported_as_a_level():
    old = version_0(worked_example())
    old["seller"]["personal"]["hobbies"]["level"] = 4
    assert errors_of(old, "en") == [("seller.personal.hobbies.level",
                                     "Unknown value “4”; allowed: public, semi_public, private.")]


# ---------------------------------------------------------------- MicroPython

# Runs unchanged under CPython and MicroPython: every public function of
# results and room on the same inputs, written as canonical JSON lines.
HARNESS = r'''
import json
import jsontext
import scoring
import results
import room


def run(method_text, cases_text):
    method = json.loads(method_text)
    cases = json.loads(cases_text)
    for i in range(len(cases["workbooks"])):
        document = results.export_document([cases["workbooks"][i]], method, "2026-11-26T00:00:00Z", "v")
        text = results.document_text(document)
        yield "text-%d %s" % (i, jsontext.dumps(text))
        read = results.read_document(text, method, "zh")
        yield "read-%d %s" % (i, jsontext.dumps(read))
        yield "name-%d %s" % (i, jsontext.dumps(results.file_name([cases["workbooks"][i]], "2026-11-26", "zh", method)))
    for i in range(len(cases["texts"])):
        for language in ("zh", "en"):
            read = results.read_document(cases["texts"][i], method, language)
            yield "bad-%d-%s %s" % (i, language, jsontext.dumps(read))
    loaded = room.new_room()
    for i in range(len(cases["files"])):
        loaded = room.add_file(loaded, cases["files"][i][0], cases["files"][i][1], method, "zh")
    batch = room.add_files(room.new_room(), ((name, text) for name, text in cases["files"]), method, "zh")
    yield "batch-as-one-by-one %s" % (batch == loaded)
    for column in room.COLUMNS:
        for descending in (False, True):
            for anonymise in (False, True):
                view = room.room_view(loaded, method, "zh", column, descending, anonymise)
                yield "view-%s-%s-%s %s" % (column, descending, anonymise, jsontext.dumps(view))
                yield "csv-%s-%s-%s %s" % (column, descending, anonymise,
                                           jsontext.dumps(room.csv_text(view, method, "en")))
'''

def parity_cases():
    from workbook_strategies import parity_cases as scoring_cases
    from workbook_strategies import random_workbook
    rng = random.Random(99)
    workbooks_ = [w for w in scoring_cases(seed=5, n=30)[5:] if isinstance(w, dict)]
    workbooks_ = [json.loads(json.dumps(w).replace("NaN", "0").replace("Infinity", "1")) for w in workbooks_]
    texts = ["", "{", "[1]", '{"foo": 1}', json.dumps(version_0(largest_workbook()))]
    for case in ERROR_CASES:
        data = case[1]
        # CPython's json reads NaN (then refused as "not a number"), MicroPython's
        # refuses the text ("not JSON"): both refuse, in different words.
        if "NaN" not in case[0]:
            texts.append(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False))
    texts = [t for t in texts if len(t) < 100000]
    files = []
    for k in range(25):
        workbook = random_workbook(rng)
        workbook["name"] = ["王芳", "李强", "", "=cmd", "a,b"][k % 5] + ("" if k % 3 else " %d" % k)
        workbook["account"] = ["省税务局", "", "市医院"][k % 3]
        workbook["settings"] = {}
        if isinstance(workbook.get("people"), list) and workbook["people"] and isinstance(workbook["people"][0], dict):
            workbook["people"][0]["contact_factor"] = [1, 2, 0.5][k % 3]
        document = results.export_document([workbook], METHOD, "", "")
        files.append(["f%d.json" % k, results.document_text(document)])
    for k, workbook in enumerate([worked_example_account(), largest_workbook(), worked_example()]):
        document = results.export_document([workbook], METHOD, "", "", "p%d" % k)
        files.append(["people-%d.json" % k, results.document_text(document)])
    old = results.export_document([worked_example()], METHOD, "", "")
    old["schema_version"] = 2
    old["workbooks"][0]["workbook"] = worked_example_v1()
    files.append(["v1.json", results.document_text(old)])
    texts.append(results.document_text(old))
    files.append(["bad.json", "{"])
    files.append(["dup.json", files[0][1]])
    return {"workbooks": workbooks_, "texts": texts, "files": files}


def test_micropython_reads_writes_and_gathers_exactly_as_cpython(tmp_path):
    inputs = {
        "method.json": (ROOT / "content" / "method.json").read_text(encoding="utf-8"),
        "cases.json": json.dumps(parity_cases(), ensure_ascii=False),
    }
    modules = CORE_MODULES + ["diagnosis.py", "results.py", "library.py", "migrations.py", "room.py"]
    expected, got = both(HARNESS, modules, inputs, tmp_path, heap_mb=256, timeout=300)
    assert len(got) == len(expected)
    differ = [e.split(" ", 1)[0] for e, g in zip(expected, got) if e != g]
    assert differ == [], "MicroPython differs in %d lines, first: %s" % (len(differ), differ[:10])
    assert any('"参与者 1"' in line for line in expected)
