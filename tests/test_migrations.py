"""Stored data is migrated on load (py/migrations.py): one test per
migration, data at the current version is left alone, data of a newer
release is never changed, junk never raises, and MicroPython migrates
exactly as CPython does."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import library
import migrations
import results
import scoring
from interpreters import CORE_MODULES, both
from workbook_strategies import (
    METHOD, POINTS, junk, largest_workbook, malformed_workbooks, version_0, version_1, workbooks, worked_example,
    worked_example_v1)

ROOT = Path(__file__).resolve().parents[1]
PROPERTY = settings(max_examples=100, deadline=None)


def index_0(*ids):
    """The pilot's index: a plain list of workbook ids."""
    return list(ids)


# ---------------------------------------------------------------- one test per migration

def single_person(workbook):
    """A one-person workbook whose person holds only what version 1 could
    hold (the person's defaults besides their points, told and P)."""
    one = workbook["people"][0]
    workbook["people"] = [dict(scoring.blank_person(METHOD, "p-1"), personal=one["personal"],
                               told=one["told"], contact_factor=one["contact_factor"])]
    for need in workbook["client"]["needs"]:
        need["owner"] = None
    return workbook


def test_workbook_migration_0_to_1():
    largest = single_person(largest_workbook(people=1))
    old = version_0(largest)
    kept = copy.deepcopy(old)
    assert old["seller"]["personal"]["hobbies"]["level"] == 3
    migrated, renamed = migrations.WORKBOOK_MIGRATIONS[0](old, scoring.prepare(METHOD))
    assert old == kept, "the stored data is not changed in place"
    assert migrated == version_1(largest)
    assert renamed["seller.product[0]"] == "seller.product.performance"
    assert migrations.workbook_version(migrations.migrate_stored_workbook(old, METHOD)) == scoring.SCHEMA_VERSION
    assert scoring.normalise(migrations.migrate_stored_workbook(old, METHOD), METHOD) == \
        scoring.normalise(largest, METHOD)


def test_workbook_migration_1_to_2():
    old = worked_example_v1()
    old["settings"]["contact_factor"] = 2.5
    kept = copy.deepcopy(old)
    migrated = migrations.migrate_stored_workbook(old, METHOD)
    assert old == kept, "the stored data is not changed in place"
    assert migrated["schema_version"] == 2 and migrated["stage"] == 1
    assert "personal" not in migrated["client"] and "contact_factor" not in migrated["settings"]
    [one] = migrated["people"]
    assert one["id"] == "p-1" and one["contact_factor"] == 2.5
    assert one["personal"] == old["client"]["personal"]
    assert one["told"] == POINTS["personal"][:2]
    assert {r["status"] for r in migrated["seller"]["personal"]} == {"prepared"}
    assert [item["with"] for item in migrated["common_ground"]] == [["p-1"]]
    expected = worked_example()
    expected["people"][0]["contact_factor"] = 2.5
    assert scoring.normalise(migrated, METHOD) == scoring.normalise(expected, METHOD)
    assert scoring.score(migrated, METHOD)["T"] == 2.5 * 248


def test_a_version_1_workbook_scores_the_same_trust_after_migration():
    for workbook in (largest_workbook(people=1), worked_example()):
        workbook = single_person(workbook)
        migrated = migrations.migrate_stored_workbook(version_1(workbook), METHOD)
        assert scoring.score(migrated, METHOD, exact=True)["exact"]["T"] == \
            scoring.score(workbook, METHOD, exact=True)["exact"]["T"]
        assert scoring.normalise(migrated, METHOD) == scoring.normalise(workbook, METHOD)


def test_index_migration_0_to_1():
    found = [("wb-2", "市医院"), ("wb-1", "省税务局"), ("wb-9", "not listed")]
    migrated = migrations.migrate_stored_index(index_0("wb-1", "wb-2", 7, "wb-3"), found)
    assert migrated == {"version": 1, "current": "wb-1", "workbooks": [
        {"id": "wb-1", "name": "省税务局", "updated": ""},
        {"id": "wb-2", "name": "市医院", "updated": ""},
        {"id": "wb-3", "name": "", "updated": ""}]}
    assert library.read_index(migrated) == migrated
    assert migrations.migrate_stored_index(index_0(), found) == library.empty_index()


def test_every_older_version_has_a_migration_and_a_test():
    names = set(globals())
    for chain, current, kind in ((migrations.WORKBOOK_MIGRATIONS, scoring.SCHEMA_VERSION, "workbook"),
                                 (migrations.INDEX_MIGRATIONS, library.INDEX_VERSION, "index")):
        assert sorted(chain) == list(range(current))
        for version in chain:
            assert f"test_{kind}_migration_{version}_to_{version + 1}" in names


# ---------------------------------------------------------------- details of workbook 0

def test_a_version_0_workbook_keeps_its_points_in_content_order_whatever_the_key_order():
    old = version_0(worked_example())
    old["seller"]["product"] = dict(reversed(list(old["seller"]["product"].items())))
    migrated = migrations.migrate_stored_workbook(old, METHOD)
    assert [r["id"] for r in migrated["seller"]["product"]] == POINTS["product"]


def test_an_explicit_version_0_and_odd_parts_of_it_are_migrated_where_the_old_form_is_found():
    old = dict(version_0(worked_example()), schema="trust-workbook", schema_version=0, extra="kept")
    old["client"]["personal"] = [{"id": "hobbies", "level": 2}]   # a list already, levels still numbers
    old["seller"]["company"] = "junk"
    migrated = migrations.migrate_stored_workbook(old, METHOD)
    assert migrated["extra"] == "kept" and migrated["seller"]["company"] == "junk"
    assert migrated["people"][0]["personal"] == [{"id": "hobbies", "level": "semi_public"}]
    assert migrated["client"]["needs"] == old["client"]["needs"]


def test_results_files_use_the_same_chain():
    assert results.WORKBOOK_MIGRATIONS is migrations.WORKBOOK_MIGRATIONS
    workbooks_read, errors = results.read_document(json.dumps(version_0(worked_example())), METHOD, "en")
    assert errors == [] and workbooks_read == [scoring.normalise(worked_example(), METHOD)]


# ---------------------------------------------------------------- current, newer, junk

@PROPERTY
@given(workbooks())
def test_a_current_workbook_is_left_as_it_is(workbook):
    assert migrations.migrate_stored_workbook(workbook, METHOD) is workbook
    assert not migrations.is_newer_workbook(workbook)


def test_a_current_index_is_left_as_it_is():
    index = library.add(library.empty_index(), "wb-1", "省税务局", "2026-11-26T00:00:00.000Z")
    assert migrations.migrate_stored_index(index, [("wb-1", "x")]) is index


def test_a_workbook_from_a_newer_release_is_returned_unchanged_and_marked_newer():
    newer = dict(scoring.normalise(worked_example(), METHOD), schema_version=3, new_field={"a": 1})
    kept = copy.deepcopy(newer)
    assert migrations.migrate_stored_workbook(newer, METHOD) is newer and newer == kept
    assert migrations.is_newer_workbook(newer)
    # what the page shows of it: what this release understands
    assert scoring.score(scoring.normalise(newer, METHOD), METHOD)["T"] == 248


def test_an_index_from_a_newer_release_is_returned_unchanged():
    newer = {"version": 2, "current": "wb-1", "workbooks": [{"id": "wb-1", "name": "a", "folder": "x"}]}
    assert migrations.migrate_stored_index(newer) is newer
    assert library.ids(library.read_index(newer)) == ["wb-1"]


@pytest.mark.parametrize("data", [
    None, 0, 1.5, True, "text", [], {}, {"schema": "other"}, {"schema": "trust-workbook"},
    {"schema_version": "1"}, {"schema_version": -1}, {"schema_version": True},
    {"seller": [1, 2]}, {"seller": {"product": {"performance": 5, "x": None}}},
    {"client": {"personal": {"hobbies": {"level": 99}}, "needs": {"a": 1}}},
])
def test_odd_stored_workbooks_never_raise(data):
    migrated = migrations.migrate_stored_workbook(copy.deepcopy(data), METHOD)
    assert migrated == data or migrations.workbook_version(migrated) == scoring.SCHEMA_VERSION
    scoring.normalise(migrated, METHOD)


@PROPERTY
@given(malformed_workbooks())
def test_junk_workbooks_never_raise(data):
    migrated = migrations.migrate_stored_workbook(data, METHOD)
    assert migrated is data or migrations.workbook_version(migrated) == scoring.SCHEMA_VERSION
    migrations.is_newer_workbook(data)


@PROPERTY
@given(junk(), junk())
def test_junk_indexes_never_raise(data, found):
    migrated = migrations.migrate_stored_index(data, found)
    assert migrated is data or migrations.index_version(migrated) == library.INDEX_VERSION
    library.read_index(migrated)


def test_a_migration_that_fails_gives_the_data_back(monkeypatch):
    def broken(workbook, rules):
        raise KeyError("bug")

    monkeypatch.setitem(migrations.WORKBOOK_MIGRATIONS, 0, broken)
    old = version_0(worked_example())
    assert migrations.migrate_stored_workbook(old, METHOD) is old


# ---------------------------------------------------------------- MicroPython

HARNESS = r'''
import json
import jsontext
import migrations
import scoring


def run(method_text, cases_text):
    method = json.loads(method_text)
    cases = json.loads(cases_text)
    for i in range(len(cases["workbooks"])):
        data = cases["workbooks"][i]
        migrated = migrations.migrate_stored_workbook(data, method)
        yield "workbook-%d %s %s %s %s" % (i, migrated is data, migrations.workbook_version(data),
                                            migrations.is_newer_workbook(data), jsontext.dumps(migrated))
    for i in range(len(cases["indexes"])):
        data = cases["indexes"][i]
        migrated = migrations.migrate_stored_index(data, cases["found"])
        yield "index-%d %s %s %s" % (i, migrated is data, migrations.index_version(data), jsontext.dumps(migrated))
'''


def test_micropython_migrates_exactly_as_cpython(tmp_path):
    reversed_keys = version_0(largest_workbook())
    for side in ("seller", "client"):
        for list_id, keyed in reversed_keys[side].items():
            if isinstance(keyed, dict):
                reversed_keys[side][list_id] = dict(reversed(list(keyed.items())))
    cases = {
        "workbooks": [version_0(largest_workbook()), reversed_keys, version_0(worked_example()),
                      dict(version_0(worked_example()), schema="trust-workbook", schema_version=0),
                      scoring.normalise(worked_example(), METHOD),
                      dict(scoring.normalise(worked_example(), METHOD), schema_version=3),
                      worked_example_v1(), version_1(largest_workbook(people=1)),
                      None, [], {}, {"schema_version": "0"}, {"seller": {"product": {"zz": 1, "performance": {}}}}],
        "indexes": [["wb-1", "wb-2", 3], [], {"version": 1, "workbooks": []}, {"version": 5}, "x", None],
        "found": [["wb-2", "市医院"], ["wb-1", "省税务局"]],
    }
    inputs = {
        "method.json": (ROOT / "content" / "method.json").read_text(encoding="utf-8"),
        "cases.json": json.dumps(cases, ensure_ascii=False),
    }
    expected, got = both(HARNESS, CORE_MODULES + ["library.py", "migrations.py"], inputs, tmp_path)
    assert got == expected
    assert sum(" False 0 " in line for line in expected) >= 5, "the cases do migrate"
