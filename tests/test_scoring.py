"""Example-based tests of the scoring core (py/scoring.py): version 1's rules for
one person, then version 2's people and the account."""

import copy
import json
import math
from fractions import Fraction

import pytest

import content
import jsontext
import scoring
from workbook_strategies import (METHOD, POINTS, apply_move, largest_workbook,
                                 worked_example)


def score(wb):
    return scoring.score(wb, METHOD)


def exact_score(wb):
    return scoring.score(wb, METHOD, exact=True)


def exact(pair):
    return Fraction(pair[0], pair[1])


def blank():
    return scoring.blank_workbook(METHOD, "wb-1", "test")


def point(wb, side, lst, pid):
    records = wb["people"][0]["personal"] if (side, lst) == ("client", "personal") else wb[side][lst]
    for r in records:
        if r["id"] == pid:
            return r
    raise KeyError(pid)


# ------------------------------------------------------------ the model

def test_the_worked_example_gives_trust_248():
    r = exact_score(worked_example())
    assert (r["IS"], r["IC"], r["R"], r["IS_total"], r["IC_total"], r["T"]) == \
        (7, 6.5, 9, 16, 15.5, 248)
    assert r["text"] == {"IS": "7", "IC": "6.5", "R": "9", "IS_total": "16",
                         "IC_total": "15.5", "T": "248"}
    assert exact(r["exact"]["T"]) == 248
    assert exact(r["exact"]["IC"]) == Fraction(13, 2)
    assert r["model_version"] == 2


def test_the_worked_example_reports_its_parts():
    parts = score(worked_example())["parts"]
    assert parts["seller"]["product"] == {"count": 3, "bundles": 3, "weight": 1, "contribution": 3}
    assert parts["seller"]["company"] == {"count": 2, "bundles": 2, "weight": 1, "contribution": 2}
    assert parts["seller"]["personal"] == {"count": 2, "bundles": 4, "weight": 0.5,
                                           "contribution": 2}
    assert parts["client"]["needs"] == {"count": 2, "bundles": 2, "weight": 1, "contribution": 2}
    assert parts["client"]["preferences"] == {"count": 3, "bundles": 3, "weight": 1,
                                              "contribution": 3}
    assert parts["client"]["personal"] == {"count": 1, "bundles": 3, "weight": 0.5,
                                           "contribution": 1.5}
    assert parts["common_ground"] == {"count": 1, "R": 9}


def test_the_result_records_the_settings_it_used():
    assert score(worked_example())["settings"] == {
        "preset": "balanced", "weights": {"needs": 1, "preferences": 1, "personal": 0.5},
        "seller_personal_weight": 0.5,
        "level_values": {"public": 1, "semi_public": 2, "private": 3}}


def test_an_empty_workbook_has_no_trust_no_reciprocity_and_needs_as_weakest_area():
    for wb in (blank(), {}, None):
        r = score(wb)
        assert r["T"] == 0 and r["IS"] == 0 and r["IC"] == 0 and r["R"] == 0
        assert r["text"]["T"] == "0"
        ind = r["indicators"]
        assert ind["reciprocity"] is None
        assert ind["weakest"]["list"] == "needs"
        assert ind["weakest"]["risk"] == METHOD["client_lists"][0]["risk"]
        assert ind["knowledge"]["needs"] == {"count": 0, "total": 0, "percent": 0, "text": "0%"}
        assert ind["readiness"]["overall"]["total"] == 31
        assert ind["knowledge"]["overall"]["total"] == 17
        assert [s["T"] for s in ind["curve"]["stages"]] == [0, 0, 0, 0]
        # T is 0 and a single new point leaves one side at 0: only common ground helps,
        # and looking for it is not a ranked move
        assert r["next_moves"] == []
        [lead] = r["common_ground"]
        assert lead["person"] == "p-1" and lead["sources"] == []
        assert [(g["narrowness"], g["gain"]) for g in lead["gains"]] == [(1, 16), (2, 81), (3, 256)]


def test_a_workbook_with_every_point_at_its_maximum():
    r = score(largest_workbook())
    # IS = 10 + 11 + 0.5 * 30; IC = 30 + 7 + 0.5 * 30; R = 10 * (4 + 9 + 16)
    assert (r["IS"], r["IC"], r["R"]) == (36, 52, 290)
    assert r["T"] == (36 + 290) * (52 + 290)
    ind = r["indicators"]
    for key in ("product", "company", "personal", "overall"):
        assert ind["readiness"][key]["percent"] == 100
        assert ind["disclosure"][key]["text"] == "100%"
    for key in ("needs", "preferences", "personal", "overall"):
        assert ind["knowledge"][key]["percent"] == 100
    assert ind["knowledge"]["overall"]["total"] == 47
    assert ind["reciprocity"]["value"] == 1 and ind["reciprocity"]["text"] == "1"
    assert ind["curve"]["stages"][-1]["T"] == r["T"]
    assert len(r["people"]) == 12 and {p["T"] for p in r["people"]} == {r["T"]}
    # nothing left to disclose, learn or raise, and no room for a shared item
    assert r["next_moves"] == [] and r["common_ground"] == []
    leads = score(largest_workbook(shared=29))["common_ground"]
    assert len(leads) == 12
    assert leads[0]["sources"] == ["hobbies", "past_experience", "social_circle", "life_experience"]


def test_a_zero_contact_factor_gives_zero_trust_and_no_moves():
    wb = worked_example()
    wb["people"][0]["contact_factor"] = 0
    r = score(wb)
    assert r["T"] == 0 and r["IS"] == 7 and r["IC"] == 6.5
    assert r["next_moves"] == []
    assert all(s["T"] == 0 for s in r["indicators"]["curve"]["stages"])


def test_the_contact_factor_multiplies_trust_and_is_clamped_to_ten():
    wb = worked_example()
    wb["people"][0]["contact_factor"] = 2.5
    assert score(wb)["T"] == 620
    wb["people"][0]["contact_factor"] = 50
    assert score(wb)["T"] == 2480
    wb["people"][0]["contact_factor"] = -3
    assert score(wb)["T"] == 0


@pytest.mark.parametrize("preset, ic", [("balanced", 6.5), ("needs_locked", 8.5),
                                        ("process_bound", 9.5), ("relationship_driven", 8)])
def test_presets_change_the_client_weights_as_specified(preset, ic):
    wb = worked_example()
    wb["settings"] = {"preset": preset}
    r = score(wb)
    weights = [p["weights"] for p in METHOD["presets"] if p["id"] == preset][0]
    assert r["settings"]["preset"] == preset
    assert r["settings"]["weights"] == weights
    assert r["IC"] == ic
    assert r["IS"] == 7
    assert r["T"] == (7 + 9) * (ic + 9)


def test_explicit_weights_win_over_the_preset_one_by_one():
    wb = worked_example()
    wb["settings"] = {"preset": "needs_locked", "weights": {"personal": 1}}
    r = score(wb)
    assert r["settings"]["weights"] == {"needs": 2, "preferences": 1, "personal": 1}
    assert r["IC"] == 2 * 2 + 3 + 3


def test_a_custom_or_unknown_preset_falls_back_to_balanced_weights():
    for preset in ("custom", "no-such-preset", 3, None):
        wb = worked_example()
        wb["settings"] = {"preset": preset}
        r = score(wb)
        assert r["settings"]["weights"] == {"needs": 1, "preferences": 1, "personal": 0.5}
        assert r["settings"]["preset"] == ("custom" if preset == "custom" else "balanced")
        assert r["IC"] == 6.5


def test_the_seller_personal_weight_and_level_values_come_from_settings():
    wb = worked_example()
    wb["settings"] = {"seller_personal_weight": 1,
                      "level_values": {"public": 1, "semi_public": 5, "private": 10}}
    r = score(wb)
    assert r["IS"] == 3 + 2 + 1 * (5 + 5)
    assert r["IC"] == 2 + 3 + 0.5 * 10


def test_disclosing_a_private_point_raises_trust():
    wb = worked_example()
    before = score(wb)
    rec = point(wb, "seller", "personal", POINTS["personal"][0])
    rec["level"] = "private"
    after_level = score(wb)
    assert after_level["IS"] == 7 + 0.5
    extra = {"id": POINTS["personal"][5], "note": "", "status": "prepared", "stage": 3,
             "level": "private"}
    wb["seller"]["personal"].append(extra)
    assert score(wb)["T"] == after_level["T"], "prepared is not told"
    wb["people"][0]["told"].append(extra["id"])
    after = score(wb)
    assert after["IS"] == before["IS"] + 0.5 + 1.5
    assert after["T"] > after_level["T"] > before["T"]


def test_a_personal_point_without_a_level_counts_as_public():
    wb = blank()
    rec = point(wb, "seller", "personal", "hobbies")
    del rec["level"]
    point(wb, "seller", "personal", "integrity").update(level="deep")
    wb["people"][0]["told"] = ["hobbies", "integrity"]
    assert score(wb)["parts"]["seller"]["personal"]["bundles"] == 2


def test_prepared_points_count_for_readiness_but_not_for_trust():
    wb = blank()
    for rec in wb["seller"]["product"][:4]:
        rec["status"] = "prepared"
    wb["seller"]["product"][0]["status"] = "disclosed"
    r = score(wb)
    assert r["IS"] == 1
    ind = r["indicators"]
    assert ind["readiness"]["product"]["count"] == 4
    assert ind["readiness"]["product"]["percent"] == 40
    assert ind["disclosure"]["product"]["count"] == 1
    assert ind["readiness"]["overall"] == {"count": 4, "total": 31, "percent": 12.9,
                                           "text": "13%"}


def test_needs_with_blank_text_do_not_count():
    wb = blank()
    wb["client"]["needs"] = [
        {"id": "need-1", "text": "budget", "known": True},
        {"id": "need-2", "text": "   ", "known": True},
        {"id": "need-3", "text": "\u3000\u200b", "known": True},
        {"id": "need-4", "text": "system", "known": False},
        {"id": "need-5", "known": True},
    ]
    r = score(wb)
    assert r["IC"] == 1
    assert r["indicators"]["knowledge"]["needs"] == {"count": 1, "total": 2, "percent": 50,
                                                      "text": "50%"}
    assert r["indicators"]["knowledge"]["overall"]["total"] == 19


def test_shared_items_resonate_by_narrowness():
    wb = blank()
    wb["common_ground"] = [{"id": "a", "text": "省", "narrowness": 1, "with": ["p-1"]},
                           {"id": "b", "text": "大学", "narrowness": 2, "with": ["p-1"]},
                           {"id": "c", "text": "同班", "narrowness": 3, "with": ["p-1"]},
                           {"id": "d", "text": " ", "narrowness": 3, "with": ["p-1"]},
                           {"id": "e", "text": "同乡", "narrowness": 3, "with": []}]
    r = score(wb)
    assert r["R"] == 4 + 9 + 16
    assert r["T"] == 29 * 29
    assert r["parts"]["common_ground"] == {"count": 3, "R": 29}


def test_reciprocity_compares_unweighted_personal_bundles():
    r = score(worked_example())
    rec = r["indicators"]["reciprocity"]
    assert (rec["seller"], rec["client"], rec["value"], rec["percent"]) == (4, 3, 0.75, 75)
    wb = worked_example()
    wb["people"][0]["personal"] = []
    rec = score(wb)["indicators"]["reciprocity"]
    assert rec["value"] == 0 and rec["client"] == 0
    wb["settings"]["seller_personal_weight"] = 0
    wb["settings"]["weights"]["personal"] = 7
    rec = score(wb)["indicators"]["reciprocity"]
    assert rec["seller"] == 4


def test_the_weakest_area_is_the_least_known_with_ties_in_content_order():
    wb = blank()
    wb["client"]["needs"] = [{"id": "n", "text": "x", "known": True}]
    r = score(wb)
    assert r["indicators"]["weakest"]["list"] == "preferences"
    assert r["indicators"]["weakest"]["risk"]["en"] == "negotiation strategy"
    wb["client"]["preferences"][0]["known"] = True
    assert score(wb)["indicators"]["weakest"]["list"] == "personal"
    wb["people"][0]["personal"][0]["known"] = True          # 1/10 < 1/7
    assert score(wb)["indicators"]["weakest"]["list"] == "personal"
    wb["client"]["needs"].append({"id": "m", "text": "y", "known": False})
    wb["client"]["needs"].append({"id": "o", "text": "z", "known": False})
    wb["client"]["needs"].append({"id": "p", "text": "w", "known": False})
    wb["client"]["needs"].append({"id": "q", "text": "w", "known": False})
    wb["client"]["needs"].append({"id": "r", "text": "w", "known": False})
    wb["client"]["needs"].append({"id": "s", "text": "w", "known": False})
    wb["client"]["needs"].append({"id": "t", "text": "w", "known": False})
    wb["client"]["needs"].append({"id": "u", "text": "w", "known": False})
    wb["client"]["needs"].append({"id": "v", "text": "w", "known": False})   # 1/10: tie
    assert score(wb)["indicators"]["weakest"]["list"] == "needs"


def test_the_planned_curve_counts_points_by_their_planned_stage():
    wb = blank()
    s = wb["seller"]
    s["product"][0].update(status="disclosed", stage=None)   # counts from stage 1
    s["product"][1].update(status="prepared", stage=2)       # counts from stage 2
    s["product"][2].update(status="prepared", stage=None)    # never counts
    s["product"][3].update(status="empty", stage=1)          # never counts
    s["company"][0].update(status="disclosed", stage=4)      # counts from 4 only
    c = wb["client"]
    c["preferences"][0].update(known=True, stage=None)       # from 1
    c["preferences"][1].update(known=False, stage=3)         # from 3
    c["preferences"][2].update(known=True, stage=2)          # from 2
    c["needs"] = [{"id": "n1", "text": "x", "known": False, "stage": 1},
                  {"id": "n2", "text": "y", "known": False, "stage": None}]   # never
    wb["common_ground"] = [{"id": "g1", "text": "x", "narrowness": 1, "stage": 3, "with": ["p-1"]},
                           {"id": "g2", "text": "y", "narrowness": 1, "stage": None, "with": ["p-1"]}]
    r = score(wb)
    stages = r["indicators"]["curve"]["stages"]
    assert [x["stage"] for x in stages] == [1, 2, 3, 4]
    # (IS + R) * (IC + R) at each stage
    assert [x["T"] for x in stages] == [(1 + 4) * (2 + 4), (2 + 4) * (3 + 4),
                                        (2 + 8) * (4 + 8), (3 + 8) * (4 + 8)]
    assert r["indicators"]["curve"]["now"]["T"] == r["T"] == (2 + 8) * (2 + 8)


# ------------------------------------------------------------ next moves

def test_next_moves_give_one_move_per_kind_list_and_person_best_first():
    r = exact_score(worked_example())
    moves = r["next_moves"]
    assert len(moves) == 6
    keys = [(m["kind"], m["side"], m["list"], m["person"]) for m in moves]
    assert len(set(keys)) == 6
    gains = [exact(m["exact"]) for m in moves]
    assert gains == sorted(gains, reverse=True)
    # telling the person a personal point: 0.5 x a public 1 x P x IC' (15.5)
    tell = [m for m in moves if m["kind"] == "tell"][0]
    assert (tell["person"], tell["people"], tell["list"], tell["gain"]) == ("p-1", ["p-1"], "personal", 7.75)
    assert "add_common_ground" not in {m["kind"] for m in moves}
    for m in moves:
        after = exact_score(apply_move(worked_example(), m))
        assert exact(after["exact"]["T"]) - exact(r["exact"]["T"]) == exact(m["exact"])
        assert m["T_after"] == after["T"]


def test_next_moves_prefer_prepared_points_then_earlier_stages_then_content_order():
    wb = blank()
    wb["client"]["preferences"][0]["known"] = True        # IC > 0 so disclosing gains
    s = wb["seller"]
    s["product"][5].update(status="prepared", stage=3)
    s["product"][7].update(status="prepared", stage=2)
    s["product"][8].update(status="prepared", stage=2)
    s["company"][4].update(status="empty", stage=1)
    moves = {(m["kind"], m["list"]): m for m in score(wb)["next_moves"]}
    assert moves[("disclose", "product")]["id"] == POINTS["product"][7]
    assert moves[("disclose", "company")]["id"] == POINTS["company"][4]
    s["company"][9].update(status="prepared", stage=None)
    moves = {(m["kind"], m["list"]): m for m in score(wb)["next_moves"]}
    assert moves[("disclose", "company")]["id"] == POINTS["company"][9]


def test_next_moves_choose_the_larger_gain_within_a_personal_list():
    wb = worked_example()
    wb["seller"]["personal"].append({"id": "integrity", "status": "prepared",
                                     "level": "private", "stage": 4})
    wb["seller"]["personal"].append({"id": "loyalty", "status": "prepared",
                                     "level": "public", "stage": 1})
    moves = {(m["kind"], m["side"], m["list"]): m for m in score(wb)["next_moves"]}
    m = moves[("tell", "seller", "personal")]
    assert m["id"] == "integrity" and m["level"] == "private" and m["person"] == "p-1"


def test_suspected_needs_are_learnt_by_stage_then_severity():
    wb = worked_example()
    wb["settings"]["preset"] = "needs_locked"
    wb["settings"].pop("weights")
    wb["client"]["needs"] += [
        {"id": "need-9", "text": "a", "severity": 1, "known": False, "stage": 2},
        {"id": "need-10", "text": "b", "severity": 3, "known": False, "stage": 2},
        {"id": "need-11", "text": "c", "severity": 3, "known": False, "stage": None},
        {"id": "need-12", "text": " ", "severity": 3, "known": False, "stage": 1},
    ]
    moves = {(m["kind"], m["list"]): m for m in score(wb)["next_moves"]}
    assert moves[("learn", "needs")]["id"] == "need-10"


def test_raising_a_level_is_offered_for_counted_personal_points():
    wb = largest_workbook(needs=0, shared=0, people=1)
    wb["seller"]["personal"][3]["level"] = "public"
    moves = score(wb)["next_moves"]
    assert [m["kind"] for m in moves] == ["raise_level"]
    m = moves[0]
    assert (m["side"], m["list"], m["id"], m["from_level"], m["level"], m["person"], m["people"]) == \
        ("seller", "personal", POINTS["personal"][3], "public", "semi_public", None, ["p-1"])
    wb["people"][0]["personal"][0]["level"] = "semi_public"
    moves = score(wb)["next_moves"]
    # IS' = 35 and IC' = 21.5: raising the client's point (0.5 x IS') gains more
    assert [(m["kind"], m["side"], m["person"], m["gain"]) for m in moves] == [
        ("raise_level", "client", "p-1", 17.5), ("raise_level", "seller", None, 10.75)]


# ------------------------------------------------------------ rounding and display

def test_rounding_is_half_away_from_zero_and_exact():
    wb = blank()
    wb["seller"]["product"][0]["status"] = "disclosed"
    wb["client"]["preferences"][0]["known"] = True
    for p, value, text in [(2.675, 2.68, "2.68"), (0.125, 0.13, "0.13"),
                           (1.005, 1.01, "1.01"), (0.005, 0.01, "0.01"),
                           (0.004999, 0, "0"), (1 / 3, 0.33, "0.33"), (10, 10, "10")]:
        wb["people"][0]["contact_factor"] = p
        r = score(wb)
        assert r["T"] == value and r["text"]["T"] == text


def test_format_number_writes_numbers_without_float_formatting():
    f = jsontext.format_number
    assert f(248.0) == "248"
    assert f(6.5) == "6.5"
    assert f(0.1 + 0.2) == "0.3"
    assert f(-2.675) == "-2.68"
    assert f(1 / 3, 4) == "0.3333"
    assert f(12) == "12"
    assert f(float("nan")) == "" and f(True) == "" and f("1") == ""


def test_values_are_ints_when_whole_and_floats_otherwise():
    r = score(worked_example())
    assert type(r["T"]) is int and type(r["IC"]) is float


# ------------------------------------------------------------ robustness

MALFORMED = [
    None, [], "text", 12, 3.5, True, {"seller": []}, {"seller": {"product": "x"}},
    {"seller": {"product": [None, 1, "a", [], {"id": 5}, {"id": ["performance"]}]}},
    {"client": {"needs": [{"text": 5, "known": "yes", "severity": "high"}, {}, None]}},
    {"client": {"needs": {"id": "need-1"}}},
    {"common_ground": [{"text": "x", "narrowness": float("nan"), "stage": float("inf")}]},
    {"settings": {"weights": [1, 2], "level_values": "x", "contact_factor": "1"}},
    {"settings": {"weights": {"needs": float("inf"), "preferences": -3,
                              "personal": float("nan")},
                  "seller_personal_weight": 10 ** 30, "contact_factor": True}},
    {"settings": {"preset": {"id": "balanced"}}},
    {"seller": {"personal": [{"id": "hobbies", "status": "disclosed", "level": ["private"],
                              "stage": {"x": 1}}]}},
]


@pytest.mark.parametrize("wb", MALFORMED)
def test_malformed_input_never_raises(wb):
    r = score(wb)
    json.dumps(r)
    n = scoring.normalise(wb, METHOD)
    assert scoring.normalise(n, METHOD) == n
    assert score(n) == r
    scoring.settings_for(wb, METHOD)
    jsontext.dumps(n)


def test_normalise_gives_every_fixed_point_in_content_order():
    n = scoring.normalise({}, METHOD)
    assert n == blank() | {"id": "", "name": ""}
    assert n["people"] == [scoring.blank_person(METHOD, "p-1")]
    assert n["stage"] == 1 and "personal" not in n["client"]
    for sl in METHOD["seller_lists"]:
        ids = [it["id"] for ps in METHOD["point_sets"] if ps["id"] == sl["points"]
               for it in ps["items"]]
        assert [r["id"] for r in n["seller"][sl["id"]]] == ids
    assert n["seller"]["personal"][0] == {"id": "moral_quality", "note": "", "status": "empty",
                                          "stage": None, "level": "public"}
    assert n["seller"]["product"][0] == {"id": "performance", "note": "", "status": "empty",
                                         "stage": None}
    assert n["client"]["preferences"][0] == {"id": "decision_process", "note": "",
                                             "known": False, "stage": None}
    assert n["client"]["needs"] == [] and n["common_ground"] == []
    assert n["settings"] == scoring.default_settings(METHOD)
    assert n["schema"] == "trust-workbook" and n["schema_version"] == 2


def test_normalise_drops_unknown_ids_and_replaces_bad_values_with_defaults():
    wb = {
        "id": 5, "name": "n", "account": None, "extra": 1,
        "seller": {"product": [{"id": "performance", "status": "told", "stage": 9, "note": 3},
                               {"id": "warp-drive", "status": "disclosed"},
                               {"id": "performance", "status": "disclosed"}],
                   "personal": [{"id": "hobbies", "status": "disclosed", "level": "secret",
                                 "stage": 0}],
                   "bogus": [{"id": "x"}]},
        "people": [{"personal": [{"id": "hobbies", "known": True, "level": "private",
                                  "stage": True}]}],
        "client": {"preferences": [{"id": "decision_process", "known": 1, "stage": 2.6}],
                   "needs": [{"id": "need-1", "text": "a", "severity": 7, "visibility": "x",
                              "known": True, "stage": -4},
                             {"id": "need-1", "text": "b", "severity": 0.4},
                             {"text": "c", "severity": True},
                             {"id": "need-2", "text": "d", "severity": 2.5}]},
        "common_ground": [{"id": "", "text": "x", "category": "pets", "narrowness": 9},
                          {"id": "cg-1", "text": "y", "narrowness": -1, "stage": 4}],
    }
    n = scoring.normalise(wb, METHOD)
    assert (n["id"], n["name"], n["account"]) == ("", "n", "")
    assert "extra" not in n and "bogus" not in n["seller"]
    assert n["seller"]["product"][0] == {"id": "performance", "note": "", "status": "empty",
                                         "stage": 4}
    assert len(n["seller"]["product"]) == 10
    # telling is per person: a seller personal point is prepared at most
    assert n["seller"]["personal"][1] == {"id": "hobbies", "note": "", "status": "prepared",
                                          "stage": 1, "level": "public"}
    assert n["client"]["preferences"][0]["known"] is False
    assert n["client"]["preferences"][0]["stage"] == 3
    assert n["people"][0]["personal"][1]["stage"] is None
    assert n["people"][0]["id"] == "p-1"
    needs = n["client"]["needs"]
    assert [x["id"] for x in needs] == ["need-1", "need-3", "need-4", "need-2"]
    assert [x["severity"] for x in needs] == [3, 1, 2, 3]
    assert needs[0]["visibility"] == "explicit" and needs[0]["stage"] == 1
    cg = n["common_ground"]
    assert [x["id"] for x in cg] == ["cg-2", "cg-1"]
    assert cg[0]["category"] == "other" and cg[0]["narrowness"] == 3
    assert cg[1]["narrowness"] == 1 and cg[1]["stage"] == 4


def test_normalise_clamps_settings_and_keeps_six_decimals():
    s = scoring.settings_for({"settings": {
        "preset": "process_bound",
        "weights": {"needs": -1, "preferences": 1e9, "personal": 0.1 + 0.2},
        "seller_personal_weight": float("nan"),
        "level_values": {"public": 1 / 3, "semi_public": True, "private": float("inf")},
        "contact_factor": 10.5}}, METHOD)
    assert s == {"preset": "process_bound",
                 "weights": {"needs": 0, "preferences": content.SETTING_MAX, "personal": 0.3},
                 "seller_personal_weight": 0.5,
                 "level_values": {"public": 0.333333, "semi_public": 2,
                                  "private": content.SETTING_MAX}}


def test_booleans_are_never_read_as_numbers():
    wb = worked_example()
    wb["settings"] = {"seller_personal_weight": False, "weights": {"needs": True}}
    wb["people"][0]["contact_factor"] = True
    wb["people"][0]["influence"] = True
    r = score(wb)
    assert r["people"][0]["contact_factor"] == 1 and r["people"][0]["influence"] == 2
    assert r["settings"]["seller_personal_weight"] == 0.5
    assert r["settings"]["weights"]["needs"] == 1
    wb["common_ground"][0]["narrowness"] = True
    wb["client"]["needs"][0]["stage"] = False
    n = scoring.normalise(wb, METHOD)
    assert n["common_ground"][0]["narrowness"] == 1
    assert n["client"]["needs"][0]["stage"] is None


def test_free_lists_keep_their_first_thirty_records():
    wb = largest_workbook(needs=35, shared=40)
    n = scoring.normalise(wb, METHOD)
    assert len(n["client"]["needs"]) == METHOD["limits"]["needs"] == 30
    assert len(n["common_ground"]) == METHOD["limits"]["common_ground"] == 30
    assert n["client"]["needs"][-1]["id"] == "need-30"
    assert score(wb) == score(largest_workbook())


def test_blank_workbook_has_every_point_empty_and_default_settings():
    wb = scoring.blank_workbook(METHOD, "wb-9", "名字")
    assert wb["id"] == "wb-9" and wb["name"] == "名字" and wb["account"] == ""
    total = sum(len(wb["seller"][k]) for k in wb["seller"])
    assert total == 31
    assert all(r["status"] == "empty" for k in wb["seller"] for r in wb["seller"][k])
    assert all(r["known"] is False for r in wb["client"]["preferences"] + wb["people"][0]["personal"])
    assert [p["id"] for p in wb["people"]] == ["p-1"] and wb["people"][0]["told"] == []
    assert wb["settings"]["preset"] == METHOD["defaults"]["preset"]
    assert scoring.normalise(wb, METHOD) == wb


def test_a_prepared_method_scores_the_same():
    prepared = scoring.prepare(METHOD)
    wb = worked_example()
    assert scoring.score(wb, prepared) == score(wb)
    assert scoring.normalise(wb, prepared) == scoring.normalise(wb, METHOD)


def test_scoring_does_not_change_its_input():
    wb = worked_example()
    keep = copy.deepcopy(wb)
    method = copy.deepcopy(METHOD)
    score(wb)
    scoring.normalise(wb, METHOD)
    assert wb == keep and METHOD == method


# ------------------------------------------------------------ JSON out

def test_dumps_writes_canonical_json():
    obj = {"b": [1, 2.5, None, True, False], "a": {"z": "同\"\\\n\u2028", "y": 0.1 + 0.2},
           "c": float("nan"), "d": -0.0, "e": 1e20, "f": 10 ** 30}
    text = jsontext.dumps(obj)
    assert text.startswith('{"a":{"y":0.3,"z":')
    back = json.loads(text)
    assert back["a"]["z"] == obj["a"]["z"]
    assert back["b"] == [1, 2.5, None, True, False]
    assert back["c"] is None and back["d"] == 0 and back["e"] == 1e20 and back["f"] == 10 ** 30
    assert json.loads(jsontext.dumps(obj, indent=2)) == back
    n = scoring.normalise(worked_example(), METHOD)
    assert json.loads(jsontext.dumps(n)) == n
    r = score(worked_example())
    assert json.loads(jsontext.dumps(r)) == json.loads(json.dumps(r))


def imported_modules(module):
    found = set()
    for line in open(module.__file__, encoding="utf-8"):
        words = line.split()
        if words[:1] == ["import"] or (words[:1] == ["from"] and "import" in words):
            found.add(words[1])
    return found


def test_the_core_imports_only_the_foundation_and_the_foundation_nothing_else():
    # diagnosis (the review) is imported only when scoring.review() is first called.
    assert imported_modules(scoring) == {"builtins", "content", "jsontext", "diagnosis"}
    assert imported_modules(content) == {"jsontext"}
    assert imported_modules(jsontext) == set()
    assert not math.isnan(score(worked_example())["T"])


def test_a_blank_workbook_is_untouched_whatever_its_id_until_a_name_or_anything_is_set():
    blank = scoring.normalise(scoring.blank_workbook(METHOD, "wb-7", "未命名客户"), METHOD)
    assert scoring.untouched(blank, METHOD)
    assert scoring.untouched(scoring.blank_workbook(METHOD), METHOD)
    assert scoring.untouched(scoring.blank_workbook(METHOD, "wb-8", "Untitled client"), METHOD)
    assert not scoring.untouched(scoring.blank_workbook(METHOD, "wb-9", "省税务局"), METHOD)   # a name typed
    edits = [lambda w: w.update(account="某省大数据局"),
             lambda w: w["seller"]["product"][0].update(status="prepared"),
             lambda w: w["people"][0].update(name="王主任"),
             lambda w: w["client"]["needs"].append({"id": "need-1", "text": "审批太慢"}),
             lambda w: w["settings"].update(preset="needs_locked"),
             lambda w: w.update(stage=2)]
    for edit in edits:
        touched = copy.deepcopy(blank)
        edit(touched)
        assert not scoring.untouched(scoring.normalise(touched, METHOD), METHOD)
    assert not scoring.untouched(None, METHOD) and not scoring.untouched([], METHOD)
