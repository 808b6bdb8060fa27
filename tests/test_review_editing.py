"""What the seller's own word does to the review, a person's motives and
the kind of client, decided without the page (py/editing.py); what it
writes is what the core reads back."""

from __future__ import annotations

import build
import diagnosis
import editing
import fixtures
import scoring

METHOD = build.load_content()
PRESETS = {preset["id"]: preset["weights"] for preset in METHOD["presets"]}


def entries(workbook):
    return {entry["id"]: entry for entry in diagnosis.review(workbook, METHOD)}


def test_ticking_budget_with_a_note_opens_it_and_the_core_reads_it_back_after_a_save():
    workbook = scoring.normalise(fixtures.worked_example_account(), METHOD)
    assert entries(workbook)["budget"]["open"] is False
    state = editing.review_state(editing.review_check(entries(workbook)["budget"]), True)
    workbook["review"] = editing.with_review(workbook["review"], "budget", METHOD, state=state)
    workbook["review"] = editing.with_review(workbook["review"], "budget", METHOD, note="明年预算未批")
    assert workbook["review"] == [{"id": "budget", "state": "open", "note": "明年预算未批"}]
    budget = entries(scoring.normalise(workbook, METHOD))["budget"]
    assert (budget["open"], budget["state"], budget["note"]) == (True, "open", "明年预算未批")


def test_clearing_a_found_reason_closes_it_and_unticking_gives_it_back_to_the_data():
    workbook = scoring.normalise(fixtures.worked_example_account(), METHOD)
    found = entries(workbook)["no_inside_support"]
    assert found["found"] is True and editing.review_check(found) == editing.CHECK_CLEAR
    workbook["review"] = editing.with_review(workbook["review"], "no_inside_support", METHOD,
                                             state=editing.review_state(editing.CHECK_CLEAR, True))
    assert entries(workbook)["no_inside_support"]["open"] is False
    workbook["review"] = editing.with_review(workbook["review"], "no_inside_support", METHOD,
                                             state=editing.review_state(editing.CHECK_CLEAR, False))
    assert workbook["review"] == [] and entries(workbook)["no_inside_support"]["open"] is True


def test_a_reason_the_data_does_not_find_can_be_counted_by_hand():
    workbook = scoring.normalise(fixtures.worked_example_account(), METHOD)
    quiet = entries(workbook)["no_decider"]
    assert quiet["found"] is False and editing.review_check(quiet) == editing.CHECK_COUNT
    assert editing.review_state(editing.CHECK_COUNT, True) == "open"
    workbook["review"] = editing.with_review(workbook["review"], "no_decider", METHOD, state="open")
    assert entries(workbook)["no_decider"]["open"] is True


def test_a_note_alone_is_kept_and_the_records_follow_the_methods_order():
    review = editing.with_review([], "price", METHOD, state="open")
    review = editing.with_review(review, "no_pressing_need", METHOD, note="其实有,只是没写")
    review = editing.with_review(review, "budget", METHOD, state="open")
    assert [record["id"] for record in review] == ["no_pressing_need", "budget", "price"]
    assert review[0] == {"id": "no_pressing_need", "state": None, "note": "其实有,只是没写"}
    assert editing.with_review(review, "no_pressing_need", METHOD, note=" ")[0]["id"] == "budget"


def test_an_unknown_reason_or_state_changes_nothing_and_drops_what_the_core_would_not_read():
    review = [{"id": "price", "state": "open", "note": ""}, {"id": "nonsense", "state": "open"}, "junk"]
    assert editing.with_review(review, "nonsense", METHOD, state="open") == [review[0]]
    assert editing.with_review(review, "price", METHOD, state="maybe") == [review[0]]
    assert review[0] == {"id": "price", "state": "open", "note": ""}  # the list given is not changed


def test_motives_take_the_organisations_text_ticks_in_content_order_and_only_a_balance_of_the_method():
    motives = {"organisation": "", "personal": [], "balance": 0}
    motives = editing.with_motive(motives, "personal", "standing", METHOD)
    motives = editing.with_motive(motives, "personal", "safety", METHOD)
    motives = editing.with_motive(motives, "personal", "unknown", METHOD)
    motives = editing.with_motive(motives, "organisation", "一网通办考核", METHOD)
    assert motives == {"organisation": "一网通办考核", "personal": ["safety", "standing"], "balance": 0}
    assert editing.with_motive(motives, "personal", "safety", METHOD, checked=False)["personal"] == ["standing"]
    assert editing.with_motive(motives, "balance", "-2", METHOD)["balance"] == -2
    for bad in ("9", "x", "", None):
        assert editing.with_motive(motives, "balance", bad, METHOD)["balance"] == 0
    assert editing.with_motive({"balance": 9, "personal": "safety"}, "organisation", "", METHOD) == {
        "organisation": "", "personal": [], "balance": 0}


def test_choosing_government_sets_the_process_bound_preset_and_its_weights_stay_editable():
    settings = scoring.default_settings(METHOD)
    client_type, chosen = editing.with_client_type(settings, "government", METHOD)
    assert (client_type, chosen["preset"], chosen["weights"]) == ("government", "process_bound",
                                                                   PRESETS["process_bound"])
    edited = editing.with_setting(chosen, "weights.personal", "2", METHOD)
    assert edited["preset"] == "custom" and edited["weights"]["personal"] == 2
    assert editing.with_client_type(settings, "", METHOD) == (None, settings)
    assert editing.with_client_type(settings, "martian", METHOD) == (None, settings)
    assert [editing.with_client_type(settings, kind, METHOD)[1]["preset"]
            for kind in ("state_owned", "private", "listed_multinational", "other")] == [
        "balanced", "relationship_driven", "needs_locked", "balanced"]
