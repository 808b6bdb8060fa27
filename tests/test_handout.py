"""The score panel explains itself and the printout is a handout: what the
view says (no browser), then the page and its PDF (browser)."""

from __future__ import annotations

import pytest

import build
import scoring
import view

METHOD = build.load_content()


def texts(language="zh"):
    return view.Texts(METHOD, language)


def shown(workbook, language="zh"):
    result = scoring.score(workbook, METHOD)
    return view.score_view(result, METHOD, texts(language), {}, workbook)


# ---------------------------------------------------------------- the view, without a browser

@pytest.mark.parametrize("language, expected", [("zh", "准备并披露「性能」"), ("en", "Prepare and disclose “Performance”")])
def test_a_move_for_an_empty_point_says_prepare_and_disclose(language, expected):
    workbook = scoring.blank_workbook(METHOD)
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": True}]
    moves = [move["text"] for move in shown(workbook, language)["moves"]]
    assert any(text.startswith(expected) for text in moves), moves


def test_a_move_for_a_prepared_point_says_disclose():
    workbook = scoring.blank_workbook(METHOD)
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": True}]
    for record in workbook["seller"]["product"]:
        record["status"] = "prepared"
    moves = [move["text"] for move in shown(workbook, "en")["moves"]]
    assert any(text.startswith("Disclose “Performance”") for text in moves), moves
    assert not any(text.startswith("Prepare") and "(Product)" in text for text in moves)


def test_each_move_links_to_the_field_it_is_about():
    workbook = scoring.blank_workbook(METHOD)
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": False}]
    workbook["seller"]["product"][0]["status"] = "disclosed"
    targets = {(move["section"], move["target"]) for move in shown(workbook)["moves"]}
    assert ("client-needs", "#client-needs [data-row='need-1'] [data-field='known']") in targets
    assert ("client-preferences", "#client-preferences-decision_process-known") in targets
    assert ("common-ground", "#common-ground [data-action='add-row']") in targets
    workbook["client"]["needs"][0]["known"] = True
    targets = {(move["section"], move["target"]) for move in shown(workbook)["moves"]}
    assert ("seller-product", "#seller-product-specifications-note") in targets


def planned_workbook():
    workbook = scoring.blank_workbook(METHOD)
    for record in workbook["seller"]["product"][:4]:
        record["stage"] = 1
    workbook["seller"]["product"][0]["status"] = "disclosed"
    workbook["client"]["needs"] = [{"id": "need-1", "text": "系统老化", "known": True, "stage": 2}]
    for record in workbook["client"]["preferences"][:3]:
        record["stage"] = 3
    return workbook


@pytest.mark.parametrize("language, expected", [
    ("zh", "现在的 T 是你的计划在第 4 阶段达到的 25%。"),
    ("en", "T is 25% of what your plan reaches at stage 4."),
])
def test_t_is_read_against_what_the_plan_reaches_at_its_last_stage(language, expected):
    workbook = planned_workbook()
    result = scoring.score(workbook, METHOD)
    assert (result["text"]["T"], result["indicators"]["curve"]["stages"][-1]["text"]) == ("1", "4")
    assert view.score_view(result, METHOD, texts(language), {}, workbook)["plan_reading"] == expected


def test_without_a_plan_the_reading_says_how_to_make_one():
    assert "计划阶段" in shown(scoring.blank_workbook(METHOD))["plan_reading"]


def test_the_stage_plan_lists_what_to_disclose_learn_and_share_at_each_stage():
    workbook = planned_workbook()
    workbook["common_ground"] = [{"id": "cg-1", "text": "同一所大学", "narrowness": 2, "stage": 2}]
    plan = view.handout_view(workbook, texts("en"), METHOD)["plan"]
    assert plan[1]["disclose"][0] == "Performance (Product) ✓"
    assert len(plan[1]["disclose"]) == 4 and plan[1]["learn"] == []
    assert plan[2]["learn"] == ["系统老化 (Needs) ✓"]
    assert plan[2]["shared"] == ["同一所大学"]
    assert len(plan[3]["learn"]) == 3 and plan[4] == {"disclose": [], "learn": [], "shared": []}


def test_the_handout_tables_hold_only_points_that_hold_something_with_their_full_note():
    workbook = scoring.blank_workbook(METHOD)
    note = "第一行\n第二行\n第三行\n第四行很长" * 3
    workbook["seller"]["product"][2]["note"] = note
    workbook["seller"]["product"][2]["status"] = "prepared"
    workbook["seller"]["personal"][0].update(status="disclosed", level="private", stage=3)
    workbook["client"]["preferences"][1]["known"] = True
    tables = view.handout_view(workbook, texts("zh"), METHOD)["tables"]
    assert len(tables["seller.product"]) == 1 and tables["seller.product"][0][-1] == note
    assert tables["seller.personal"][0][1:4] == ["已披露", "隐私", "3 信任"]
    assert tables["client.preferences"][0][1] == "✓"
    assert tables["seller.company"] == [] and tables["client.needs"] == [] and tables["common_ground"] == []
