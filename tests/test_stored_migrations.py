"""The pilot's data opens in this release: a version 0 workbook and a
version 0 index put into localStorage before the page first loads are
migrated on load, shown, scored, saved back at version 1, and the text as it
was is kept aside.  A workbook written by a newer release is never
overwritten."""

from __future__ import annotations

import copy
import json

import pytest
from playwright.sync_api import expect

import build
import migrations
import scoring
from workbook_page import ZH, WorkbookPage
from workbook_strategies import worked_example, worked_example_v1

pytestmark = pytest.mark.browser

METHOD = build.load_content()
WORKBOOK_KEY = "trust-workbook:workbook:"
INDEX_KEY = "trust-workbook:index"

# METHOD.md's worked example as the pilot stored it: no schema fields, fixed
# lists keyed by point id, levels as numbers (2 = semi_public, 3 = private).
PILOT_WORKBOOK = {
    "id": "wb-1700000000001",
    "name": "省税务局 2025",
    "account": "省税务局",
    "seller": {
        "product": {"performance": {"note": "响应快", "status": "disclosed", "stage": 1},
                    "specifications": {"note": "n", "status": "disclosed", "stage": 1},
                    "design": {"note": "n", "status": "disclosed", "stage": 1}},
        "company": {"reputation": {"note": "n", "status": "disclosed", "stage": 1},
                    "renown": {"note": "n", "status": "disclosed", "stage": 1}},
        "personal": {"moral_quality": {"note": "n", "status": "disclosed", "stage": 2, "level": 2},
                     "hobbies": {"note": "钓鱼", "status": "disclosed", "stage": 2, "level": 2}},
    },
    "client": {
        "needs": [{"id": "need-1", "text": "预算紧张", "severity": 3, "visibility": "hidden",
                   "known": True, "stage": 1},
                  {"id": "need-2", "text": "系统老旧", "severity": 2, "visibility": "explicit",
                   "known": True, "stage": 1}],
        "preferences": {"decision_process": {"note": "n", "known": True, "stage": 2},
                        "decision_participants": {"note": "n", "known": True, "stage": 2},
                        "decision_criteria": {"note": "n", "known": True, "stage": 2}},
        "personal": {"moral_quality": {"note": "n", "known": True, "stage": 3, "level": 3}},
    },
    "common_ground": [{"id": "cg-1", "text": "同一所大学", "category": "education",
                       "narrowness": 2, "stage": 2}],
    "settings": {"preset": "balanced", "weights": {"needs": 1, "preferences": 1, "personal": 0.5},
                 "seller_personal_weight": 0.5,
                 "level_values": {"public": 1, "semi_public": 2, "private": 3}, "contact_factor": 1},
}
PILOT_SECOND = {"id": "wb-1700000000002", "name": "市医院", "account": "市医院",
                "seller": {"product": {"quality": {"status": "prepared", "note": "三甲"}}}}
# The pilot's index: a plain list of ids, the first one opened at start.
PILOT_INDEX = [PILOT_WORKBOOK["id"], PILOT_SECOND["id"]]


def seed(page, entries: dict[str, str]):
    """Puts entries into localStorage before the page's first load only: the
    script runs on every navigation, but only while storage is empty."""
    page.context.add_init_script(
        "try { if (location.protocol.startsWith('http') && localStorage.length === 0) {"
        f" const entries = {json.dumps(entries, ensure_ascii=False)};"
        " for (const key in entries) localStorage.setItem(key, entries[key]); } } catch (e) {}")


def storage(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def pilot_entries() -> dict[str, str]:
    return {
        INDEX_KEY: json.dumps(PILOT_INDEX),
        WORKBOOK_KEY + PILOT_WORKBOOK["id"]: json.dumps(PILOT_WORKBOOK, ensure_ascii=False),
        WORKBOOK_KEY + PILOT_SECOND["id"]: json.dumps(PILOT_SECOND, ensure_ascii=False),
    }


def test_the_pilot_workbook_is_the_worked_example():
    migrated = migrations.migrate_stored_workbook(copy.deepcopy(PILOT_WORKBOOK), METHOD)
    assert scoring.score(migrated, METHOD)["T"] == scoring.score(worked_example(), METHOD)["T"] == 248


def test_pilot_data_is_migrated_on_load_shown_scored_and_saved_at_the_current_version(page, site_url, outside_requests):
    entries = pilot_entries()
    seed(page, entries)
    workbook = WorkbookPage(page, site_url).open()

    # the index: its order and first workbook, with the names from the workbooks
    expect(workbook.switcher().get_by_role("option")).to_have_text(["省税务局 2025", "市医院"])
    expect(workbook.switcher()).to_have_value(PILOT_WORKBOOK["id"])
    # the worksheets show the migrated points, levels as names
    expect(page.get_by_label(ZH["workbook_name"])).to_have_value("省税务局 2025")
    performance = workbook.point("产品信息", "性能")
    expect(performance.get_by_label(ZH["note"])).to_have_value("响应快")
    expect(performance.get_by_label(ZH["status"])).to_have_value("disclosed")
    hobbies = workbook.point("我的个人信息", "爱好")
    expect(hobbies.get_by_label(ZH["note"])).to_have_value("钓鱼")
    expect(hobbies.get_by_label(ZH["level"])).to_have_value("semi_public")
    client_person = workbook.point("客户的个人信息", "品质")
    expect(client_person.get_by_label(ZH["known"])).to_be_checked()
    expect(client_person.get_by_label(ZH["level"])).to_have_value("private")
    expect(workbook.point("偏好信息", "决策流程").get_by_label(ZH["known"])).to_be_checked()
    # the score: METHOD.md's worked example
    workbook.expect_score("T", "248")
    workbook.expect_score("IS", "7")
    workbook.expect_score("IC", "6.5")
    workbook.expect_score("R", "9")

    stored = storage(page)
    index = json.loads(stored[INDEX_KEY])
    assert index == {"version": 1, "current": PILOT_WORKBOOK["id"], "workbooks": [
        {"id": PILOT_WORKBOOK["id"], "name": "省税务局 2025", "updated": ""},
        {"id": PILOT_SECOND["id"], "name": "市医院", "updated": ""}]}
    for pilot in (PILOT_WORKBOOK, PILOT_SECOND):  # the one not opened too: a later "download all" reads it
        saved = json.loads(stored[WORKBOOK_KEY + pilot["id"]])
        assert saved["schema"] == "trust-workbook" and saved["schema_version"] == scoring.SCHEMA_VERSION
        assert isinstance(saved["seller"]["product"], list)
        assert migrations.migrate_stored_workbook(saved, METHOD) is saved
        assert scoring.normalise(saved, METHOD) == scoring.normalise(
            migrations.migrate_stored_workbook(copy.deepcopy(pilot), METHOD), METHOD)
    # nothing is lost: the text as it was, kept aside once
    aside = {key: value for key, value in stored.items() if ":before-migration:" in key}
    assert aside == {INDEX_KEY + ":before-migration:0": entries[INDEX_KEY],
                     **{key + ":before-migration:0": value for key, value in entries.items() if key != INDEX_KEY}}

    # the next load finds the current version and changes nothing
    workbook.reload()
    workbook.expect_score("T", "248")
    assert storage(page) == stored

    # and the migrated workbook is edited and saved as any other
    workbook.disclose("产品信息", "质量")
    workbook.expect_score("IS", "8")
    workbook.switcher().select_option(label="市医院")
    expect(workbook.point("产品信息", "质量").get_by_label(ZH["note"])).to_have_value("三甲")
    expect(workbook.point("产品信息", "质量").get_by_label(ZH["status"])).to_have_value("prepared")


def test_a_workbook_from_a_newer_release_is_shown_but_never_overwritten(page, site_url, outside_requests):
    newer = dict(scoring.normalise(worked_example(), METHOD), schema_version=scoring.SCHEMA_VERSION + 1, name="省税务局",
                 id="wb-1700000000003", written_by="a newer release")
    newer_text = json.dumps(newer, ensure_ascii=False)
    index = {"version": 1, "current": newer["id"], "workbooks": [{"id": newer["id"], "name": "省税务局", "updated": ""}]}
    seed(page, {INDEX_KEY: json.dumps(index, ensure_ascii=False), WORKBOOK_KEY + newer["id"]: newer_text})
    workbook = WorkbookPage(page, site_url).open()
    workbook.expect_score("T", "248")
    assert storage(page)[WORKBOOK_KEY + newer["id"]] == newer_text

    workbook.disclose("产品信息", "质量")
    expect(page.get_by_role("status")).to_contain_text("两份都保留了")
    expect(workbook.switcher().get_by_role("option")).to_have_text(["省税务局", "省税务局(冲突副本)"])
    workbook.expect_score("IS", "8")
    stored = storage(page)
    assert stored[WORKBOOK_KEY + newer["id"]] == newer_text
    assert not [key for key in stored if ":before-migration:" in key]


def test_a_version_1_workbook_opens_as_one_person_scores_the_same_and_keeps_its_text(page, site_url, outside_requests):
    old = dict(worked_example_v1(), id="wb-1700000000009", name="省税务局 2026")
    old_text = json.dumps(old, ensure_ascii=False)
    index = {"version": 1, "current": old["id"], "workbooks": [{"id": old["id"], "name": old["name"], "updated": ""}]}
    seed(page, {INDEX_KEY: json.dumps(index, ensure_ascii=False), WORKBOOK_KEY + old["id"]: old_text})
    workbook = WorkbookPage(page, site_url).open()
    workbook.expect_score("T", "248")
    stored = storage(page)
    assert stored[WORKBOOK_KEY + old["id"] + ":before-migration:1"] == old_text
    saved = json.loads(stored[WORKBOOK_KEY + old["id"]])
    assert saved["schema_version"] == scoring.SCHEMA_VERSION and len(saved["people"]) == 1
    assert saved["people"][0]["told"] == [record["id"] for record in old["seller"]["personal"]]
    assert scoring.score(saved, METHOD)["T"] == 248
    workbook.reload()
    workbook.expect_score("T", "248")
