"""Why the client may not sign yet (py/diagnosis.py, re-exported as
scoring.review): each reason of the contract found from the workbook and
cleared by the change that answers it, overrides by hand, bad input, and
MicroPython computing the same review."""

import copy
import json

import pytest

import diagnosis
import scoring
from interpreters import CORE_MODULES, both
from workbook_strategies import (METHOD, METHOD_PATH, largest_workbook, parity_cases, person,
                                 worked_example_account)

REASONS = [reason["id"] for reason in METHOD["review_reasons"]]


def review(wb):
    return {entry["id"]: entry for entry in scoring.review(wb, METHOD)}


def healthy():
    """An account where no reason is found: a pressing need the client
    sees, a decider who is not the least trusted, a coach, the process and
    criteria known, proof disclosed, ahead of plan, personal exchange both
    ways with the influential."""
    wb = worked_example_account()
    wb["client"]["needs"][0].update(severity=3, visibility="explicit")
    wb["people"][1].update(role="coach", attitude="supporter")
    wb["people"][1]["told"] = ["moral_quality"]
    wb["people"][1]["personal"] = [{"id": "hobbies", "known": True, "level": "semi_public"}]
    wb["people"][1]["influence"] = 3
    return wb


def test_the_healthy_account_has_no_open_reason_and_every_reason_has_an_entry():
    found = review(healthy())
    assert list(found) == REASONS
    assert [reason for reason, entry in found.items() if entry["open"]] == []


def found_and_cleared(reason, break_it, fix_it):
    wb = healthy()
    break_it(wb)
    entry = review(wb)[reason]
    assert entry["found"] is True and entry["open"] is True, entry
    others = [r for r, e in review(wb).items() if e["open"] and r != reason]
    fix_it(wb)
    assert review(wb)[reason]["found"] is False
    return entry, others


def test_no_pressing_need_is_found_without_a_known_severe_need_and_names_a_suspected_one():
    def break_it(wb):
        for need in wb["client"]["needs"]:
            need["severity"] = 2
        wb["client"]["needs"].append({"id": "need-9", "text": "数据孤岛", "severity": 3, "known": False})

    def fix_it(wb):
        wb["client"]["needs"][-1]["known"] = True
    entry, _ = found_and_cleared("no_pressing_need", break_it, fix_it)
    assert entry["move"]["kind"] == "learn" and entry["move"]["id"] == "need-9"


def test_an_unseen_need_is_found_when_the_most_severe_known_need_is_not_recognised():
    def break_it(wb):
        wb["client"]["needs"][0].update(visibility="unrecognised", owner="p-1")

    def fix_it(wb):
        wb["client"]["needs"][0]["visibility"] = "hidden"
    entry, _ = found_and_cleared("need_unseen", break_it, fix_it)
    assert entry["move"] == {"kind": "make_seen", "list": "needs", "side": "client", "id": "need-1",
                             "person": None}
    assert entry["people"] == ["p-1"]


def test_no_decider_is_found_when_nobody_has_the_role():
    def break_it(wb):
        wb["people"][0]["role"] = "user"

    def fix_it(wb):
        wb["people"][1]["role"] = "decision_maker"
    entry, _ = found_and_cleared("no_decider", break_it, fix_it)
    assert entry["move"]["kind"] == "name_role" and entry["move"]["role"] == "decision_maker"


def test_the_decider_trusting_least_is_found_and_named_with_their_best_move():
    def break_it(wb):
        wb["people"][0], wb["people"][1] = wb["people"][1], wb["people"][0]
        wb["people"][0]["role"] = "decision_maker"
        wb["people"][1]["role"] = "coach"

    def fix_it(wb):
        wb["people"][0]["contact_factor"] = 10
    entry, _ = found_and_cleared("decider_trusts_least", break_it, fix_it)
    assert entry["people"] == ["p-2"]
    assert entry["move"]["person"] == "p-2"
    assert entry["facts"]["T"] != entry["facts"]["highest"]


def test_no_inside_support_is_found_without_a_coach_or_a_supporter():
    def break_it(wb):
        wb["people"][1].update(role="user", attitude="neutral")

    def fix_it(wb):
        wb["people"][0]["attitude"] = "supporter"
    found_and_cleared("no_inside_support", break_it, fix_it)


@pytest.mark.parametrize("reason, preference", [("process_unknown", "decision_process"),
                                                ("criteria_unknown", "decision_criteria")])
def test_an_unknown_decision_process_or_criteria_is_found_and_learning_it_clears_it(reason, preference):
    def break_it(wb):
        for record in wb["client"]["preferences"]:
            if record["id"] == preference:
                record["known"] = False

    def fix_it(wb):
        for record in wb["client"]["preferences"]:
            if record["id"] == preference:
                record["known"] = True
    entry, _ = found_and_cleared(reason, break_it, fix_it)
    assert (entry["move"]["kind"], entry["move"]["id"]) == ("learn", preference)
    assert entry["points"] == [{"list": "client.preferences", "id": preference}]


def test_an_influential_opponent_is_found_and_a_low_influence_one_is_not():
    def break_it(wb):
        wb["people"].append(person("p-3", name="赵处长", influence=3, attitude="opponent"))

    def fix_it(wb):
        wb["people"][2]["influence"] = 2
    entry, _ = found_and_cleared("influential_opponent", break_it, fix_it)
    assert entry["people"] == ["p-3"] and entry["move"]["person"] == "p-3"


@pytest.mark.parametrize("fear", [{"balance": -1}, {"personal": ["safety"]}])
def test_a_decider_who_fears_blame_without_proof_is_found_until_users_or_results_are_disclosed(fear):
    def break_it(wb):
        wb["people"][0]["motives"].update(fear)
        wb["seller"]["product"].append({"id": "test_results", "status": "prepared"})

    def fix_it(wb):
        wb["seller"]["product"][-1]["status"] = "disclosed"
    entry, _ = found_and_cleared("fear_without_proof", break_it, fix_it)
    assert entry["move"]["kind"] == "disclose" and entry["move"]["id"] == "test_results"
    assert entry["people"] == ["p-1"]


def test_being_behind_the_plan_at_the_current_stage_is_found_with_the_figures():
    def break_it(wb):
        wb["stage"] = 4
        wb["seller"]["product"].append({"id": "quality", "status": "prepared", "stage": 1})

    def fix_it(wb):
        wb["seller"]["product"][-1]["status"] = "disclosed"
        # the plan tells every person the seller's points planned by then
        wb["people"][1]["told"] = ["moral_quality", "hobbies"]
    entry, _ = found_and_cleared("behind_plan", break_it, fix_it)
    assert entry["facts"]["stage"] == "4" and entry["facts"]["gap"].startswith("-")
    assert entry["move"] is not None


def test_behind_the_plan_the_move_is_what_was_planned_by_now_not_the_biggest_gain_planned_later():
    wb = healthy()
    wb["stage"] = 2
    wb["seller"]["product"].append({"id": "quality", "status": "prepared", "stage": 4})
    wb["seller"]["company"].append({"id": "culture", "status": "prepared", "stage": 1})
    result = scoring.score(wb, METHOD)
    ranked = [(move["list"], move["id"]) for move in result["next_moves"]]
    # disclosing quality gains more, but is planned for stage 4
    assert ranked.index(("product", "quality")) < ranked.index(("company", "culture")) and ranked[0] != (
        "company", "culture")
    entry = {e["id"]: e for e in scoring.review(wb, METHOD, result)}["behind_plan"]
    assert entry["open"] is True
    assert (entry["move"]["list"], entry["move"]["id"]) == ("company", "culture")


def test_a_one_sided_relationship_with_an_influential_person_is_found_and_telling_clears_it():
    def break_it(wb):
        wb["people"][1]["told"] = []

    def fix_it(wb):
        wb["people"][1]["told"] = ["moral_quality"]
    entry, _ = found_and_cleared("one_sided", break_it, fix_it)
    assert entry["people"] == ["p-2"] and entry["facts"]["reciprocity"] == "0"
    assert entry["move"]["kind"] == "tell" and entry["move"]["person"] == "p-2"


def test_a_one_sided_relationship_is_not_found_while_neither_side_has_told_anything():
    wb = healthy()
    wb["people"][1]["told"] = []
    wb["people"][1]["personal"] = []
    assert review(wb)["one_sided"]["found"] is False


@pytest.mark.parametrize("reason", ["budget", "timing", "competitor", "price"])
def test_a_reason_only_the_seller_knows_is_open_only_when_ticked(reason):
    wb = healthy()
    assert review(wb)[reason] | {} == review(wb)[reason]
    assert review(wb)[reason]["open"] is False and review(wb)[reason]["by_hand"] is True
    wb["review"] = [{"id": reason, "state": "open", "note": "年底前没有预算"}]
    entry = review(wb)[reason]
    assert entry["open"] is True and entry["note"] == "年底前没有预算" and entry["found"] is None


def test_a_found_reason_cleared_by_hand_stays_closed_and_keeps_its_note():
    wb = healthy()
    wb["people"][1].update(role="user", attitude="neutral")
    wb["review"] = [{"id": "no_inside_support", "state": "cleared", "note": "秘书长私下支持我们"}]
    entry = review(wb)["no_inside_support"]
    assert entry["found"] is True and entry["open"] is False and entry["state"] == "cleared"
    assert scoring.normalise(wb, METHOD)["review"] == wb["review"]


def test_bad_review_input_is_read_as_the_contract_says_and_never_raises():
    wb = healthy()
    wb["review"] = [{"id": "no_such_reason", "state": "open"}, {"id": "price", "state": "maybe"},
                    {"id": "price", "state": "open"}, "junk", {"id": "budget", "note": " "},
                    {"id": "timing", "note": "换届"}]
    wb["people"][0]["motives"] = {"balance": 9, "personal": ["safety", "bogus"]}
    n = scoring.normalise(wb, METHOD)
    assert n["review"] == [{"id": "timing", "state": None, "note": "换届"}]
    assert n["people"][0]["motives"]["balance"] == 2
    entries = review(wb)
    assert entries["price"]["open"] is False and entries["timing"]["open"] is False
    for junk in (None, {}, [], "x", {"people": "x", "client": 5, "review": {"a": 1}}):
        assert [e["id"] for e in scoring.review(junk, METHOD)] == REASONS


def test_the_review_reads_a_result_given_as_computing_one_would():
    wb = largest_workbook(people=5)
    assert diagnosis.review(wb, METHOD, scoring.score(wb, METHOD)) == diagnosis.review(wb, METHOD)
    assert diagnosis.open_reasons(diagnosis.review(wb, METHOD)) == [
        e["id"] for e in diagnosis.review(wb, METHOD) if e["open"]]


def test_a_workbook_given_as_normalised_is_reviewed_as_the_workbook_itself_would_be():
    # The room reads a file's workbook once (scoring.score_and_normalise)
    # and hands the review that normalised copy and its score.
    for wb in [healthy(), worked_example_account(), largest_workbook(people=12)] + parity_cases(seed=7, n=40):
        book, result = scoring.score_and_normalise(wb, METHOD, moves=False)
        assert book == scoring.normalise(wb, METHOD)
        assert result == scoring.score(wb, METHOD, moves=False)
        assert diagnosis.review(book, METHOD, result, normalised=True) == diagnosis.review(wb, METHOD, result)
    book, result = scoring.score_and_normalise(healthy(), METHOD)
    assert result == scoring.score(healthy(), METHOD)
    assert diagnosis.open_reasons(diagnosis.review(book, METHOD, result, normalised=True)) == []


HARNESS = r'''
import json
import jsontext
import scoring


def run(method_text, cases_text):
    method = json.loads(method_text)
    prepared = scoring.prepare(method)
    cases = json.loads(cases_text)
    for i in range(len(cases)):
        yield "case-%d %s" % (i, jsontext.dumps(scoring.review(cases[i], prepared)))
'''


def test_micropython_reviews_every_case_exactly_as_cpython(tmp_path):
    cases = [healthy(), worked_example_account()] + [
        c for c in parity_cases(seed=99, n=60) if "__" not in json.dumps(c)]
    broken = copy.deepcopy(healthy())
    broken["people"][0]["motives"] = {"balance": -2}
    broken["review"] = [{"id": "price", "state": "open", "note": "贵"}]
    cases.append(broken)
    inputs = {"method.json": METHOD_PATH.read_text(encoding="utf-8"),
              "cases.json": json.dumps(cases, ensure_ascii=False)}
    expected, got = both(HARNESS, CORE_MODULES + ["diagnosis.py"], inputs, tmp_path)
    assert got == expected
    assert sum('"open":true' in line for line in expected) > 20
