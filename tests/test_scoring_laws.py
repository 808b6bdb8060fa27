"""Laws of the scoring model, checked with Hypothesis on generated workbooks.

Trust is compared exactly (result["exact"] holds integer fractions), so the
laws hold without tolerances."""

import copy
import json
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import jsontext
import scoring
from workbook_strategies import (CLIENT_POINT_LISTS, LEVELS, METHOD, NARROWNESS,
                                 SELLER_LISTS, apply_move, junk, malformed_workbooks,
                                 workbooks)

LAW = settings(max_examples=200, deadline=None)
PREPARED = scoring.prepare(METHOD)


def score(wb):
    return scoring.score(wb, PREPARED, exact=True)


def T(result):
    return Fraction(*result["exact"]["T"])


def normalised(wb):
    return scoring.normalise(wb, PREPARED)


@LAW
@given(workbooks(), st.data())
def test_disclosing_a_seller_point_never_lowers_trust(wb, data):
    wb = normalised(wb)
    lid = data.draw(st.sampled_from([s[0] for s in SELLER_LISTS]))
    k = data.draw(st.integers(0, len(wb["seller"][lid]) - 1))
    before = score(wb)
    if lid == "personal":       # telling is per person
        one = data.draw(st.sampled_from(wb["people"]))
        one["told"].append(wb["seller"][lid][k]["id"])
    else:
        wb["seller"][lid][k]["status"] = "disclosed"
    assert T(score(wb)) >= T(before)


@LAW
@given(workbooks(), st.data())
def test_learning_a_client_point_or_need_never_lowers_trust(wb, data):
    wb = normalised(wb)
    lists = [c[0] for c in CLIENT_POINT_LISTS]
    if wb["client"]["needs"]:
        lists.append("needs")
    lid = data.draw(st.sampled_from(lists))
    records = (data.draw(st.sampled_from(wb["people"]))["personal"] if lid == "personal"
               else wb["client"][lid])
    k = data.draw(st.integers(0, len(records) - 1))
    before = score(wb)
    records[k]["known"] = True
    assert T(score(wb)) >= T(before)


@LAW
@given(workbooks(), st.sampled_from(NARROWNESS[:-1]), st.data())
def test_a_narrower_shared_item_adds_more_than_a_broader_one(wb, n, data):
    shared_with = data.draw(st.lists(st.sampled_from([p["id"] for p in wb["people"]]), min_size=1))
    assume(any(p["contact_factor"] > 0 for p in wb["people"] if p["id"] in shared_with))
    wider = copy.deepcopy(wb)
    narrower = copy.deepcopy(wb)
    stage = data.draw(st.sampled_from([None, 1, 2, 3, 4]))
    wider["common_ground"].append({"id": "new", "text": "x", "narrowness": n, "stage": stage,
                                   "with": shared_with})
    narrower["common_ground"].append({"id": "new", "text": "x", "narrowness": n + 1,
                                      "stage": stage, "with": shared_with})
    assume(len(wb["common_ground"]) < METHOD["limits"]["common_ground"])
    before = T(score(wb))
    assert T(score(narrower)) - before > T(score(wider)) - before > 0


@LAW
@given(workbooks(max_needs=3, max_shared=3))
def test_reciprocity_is_symmetric(wb):
    wb = normalised(wb)
    wb["people"] = wb["people"][:1]
    swapped = copy.deepcopy(wb)
    seller = wb["seller"]["personal"]
    told = wb["people"][0]["told"]
    client = wb["people"][0]["personal"]
    for s_rec, c_rec in zip(swapped["seller"]["personal"], swapped["people"][0]["personal"]):
        assert s_rec["id"] == c_rec["id"]
    swapped["people"][0]["told"] = [c["id"] for c in client if c["known"]]
    for k in range(len(seller)):
        swapped["seller"]["personal"][k].update(level=client[k]["level"])
        swapped["people"][0]["personal"][k].update(known=seller[k]["id"] in told,
                                                   level=seller[k]["level"])
    a = score(wb)["indicators"]["reciprocity"]
    b = score(swapped)["indicators"]["reciprocity"]
    if a is None:
        assert b is None
    else:
        assert (a["seller"], a["client"]) == (b["client"], b["seller"])
        assert Fraction(*a["exact"]) == Fraction(*b["exact"])
        assert (a["value"], a["text"], a["percent"]) == (b["value"], b["text"], b["percent"])
        assert 0 <= a["value"] <= 1


@LAW
@given(workbooks(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_items_in_lists(wb, rnd):
    shuffled = copy.deepcopy(wb)
    for side in ("seller", "client"):
        for lid in shuffled[side]:
            rnd.shuffle(shuffled[side][lid])
    for one in shuffled["people"]:
        rnd.shuffle(one["personal"])
        rnd.shuffle(one["told"])
        rnd.shuffle(one["motives"]["personal"])
    rnd.shuffle(shuffled["common_ground"])
    for item in shuffled["common_ground"]:
        rnd.shuffle(item["with"])
    assert score(shuffled) == score(wb)


@LAW
@given(workbooks())
def test_next_move_gains_equal_the_real_change_in_trust(wb):
    wb = normalised(wb)
    result = score(wb)
    moves = result["next_moves"]
    assert len(moves) <= 6
    assert len({(m["kind"], m["side"], m["list"], m["person"]) for m in moves}) == len(moves)
    gains = [Fraction(*m["exact"]) for m in moves]
    assert all(g > 0 for g in gains)
    assert gains == sorted(gains, reverse=True)
    for entry in result["people"]:
        moves = moves + entry["next_moves"]
    gains = [Fraction(*m["exact"]) for m in moves]
    for m, g in zip(moves, gains):
        after = score(apply_move(wb, m))
        assert T(after) - T(result) == g
        assert m["T_after"] == after["T"]


@LAW
@given(workbooks())
def test_no_move_is_offered_without_contact(wb):
    wb = copy.deepcopy(wb)
    for one in wb["people"]:
        one["contact_factor"] = 0
    r = score(wb)
    assert r["T"] == 0 and r["next_moves"] == []
    assert all(g["gain"] == 0 for lead in r["common_ground"] for g in lead["gains"])


@LAW
@given(workbooks())
def test_the_planned_curve_never_falls_and_ends_at_or_above_trust_now(wb):
    r = score(wb)
    curve = r["indicators"]["curve"]
    values = [Fraction(*s["exact"]) for s in curve["stages"]]
    assert values == sorted(values)
    assert values[-1] >= T(r)
    assert Fraction(*curve["now"]["exact"]) == T(r)


@LAW
@given(workbooks())
def test_trust_is_contact_times_both_totals_for_each_person_and_their_mean_for_the_account(wb):
    r = score(wb)
    weight = 0
    weighted = 0
    for entry in r["people"]:
        e = {k: Fraction(*v) for k, v in entry["exact"].items()}
        p = Fraction(str(entry["contact_factor"]))
        assert e["IS_total"] == e["IS"] + e["R"]
        assert e["IC_total"] == e["IC"] + e["R"]
        assert e["T"] == p * e["IS_total"] * e["IC_total"]
        weight += entry["influence"]
        weighted += entry["influence"] * e["T"]
    e = {k: Fraction(*v) for k, v in r["exact"].items()}
    assert e["T"] == weighted / weight
    assert e["IS_total"] == e["IS"] + e["R"] and e["IC_total"] == e["IC"] + e["R"]
    parts = r["parts"]
    for side, total in (("seller", e["IS"]), ("client", e["IC"])):
        shown = sum(Fraction(str(part["contribution"])) for part in parts[side].values())
        assert abs(shown - total) <= Fraction(len(parts[side]), 200)
    assert r["settings"]["weights"] == {k: parts["client"][k]["weight"] for k in parts["client"]}


@LAW
@given(workbooks())
def test_indicators_are_shares_between_zero_and_one_hundred_percent(wb):
    ind = score(wb)["indicators"]
    for group in ("readiness", "disclosure", "knowledge"):
        for share in ind[group].values():
            assert 0 <= share["count"] <= share["total"] or share["total"] == 0
            assert 0 <= share["percent"] <= 100
            assert share["text"].endswith("%")
    for key in ("product", "company", "personal", "overall"):
        assert ind["disclosure"][key]["count"] <= ind["readiness"][key]["count"]
    assert ind["weakest"]["list"] in ("needs", "preferences", "personal")


@LAW
@given(malformed_workbooks())
def test_malformed_workbooks_never_raise_and_normalise_is_stable(wb):
    r = score(wb)
    json.dumps(r)
    n = normalised(wb)
    assert normalised(n) == n
    assert score(n) == r
    assert json.loads(jsontext.dumps(n)) == n


@settings(max_examples=100, deadline=None)
@given(junk())
def test_any_json_value_can_be_scored(value):
    r = score(value)
    assert r["model_version"] == 2
    assert normalised(normalised(value)) == normalised(value)
    jsontext.dumps(value)


@LAW
@given(st.one_of(st.integers(-10 ** 6, 10 ** 6), st.floats(-1e9, 1e9)), st.integers(0, 6))
def test_format_number_matches_exact_half_away_from_zero_rounding(x, decimals):
    text = jsontext.format_number(x, decimals)
    if isinstance(x, int):
        assert text == str(x)
        return
    # the text is the value x * 10**d (as a float) rounded half away from zero
    scaled = Fraction(x * 10 ** decimals)
    whole = int(abs(scaled) + Fraction(1, 2))
    expected = Fraction(whole * (1 if x >= 0 else -1), 10 ** decimals)
    assert Fraction(text) == expected


def test_levels_are_listed_from_least_to_most_private():
    values = [lv["value"] for lv in METHOD["levels"]]
    assert values == sorted(values) and LEVELS[0] == "public"


@LAW
@given(st.one_of(workbooks(), malformed_workbooks(), junk()), st.booleans())
def test_one_reading_gives_the_normalised_workbook_and_the_score_each_alone_gives(wb, moves):
    """What a room reads once (scoring.score_and_normalise) is what normalise()
    and score() give apart."""
    assert scoring.score_and_normalise(wb, PREPARED, moves=moves) == (
        scoring.normalise(wb, PREPARED), scoring.score(wb, PREPARED, moves=moves))
