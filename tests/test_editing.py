"""What an edit changes, decided without the page (py/editing.py), and where
the score panel shows each figure (py/panel.py)."""

from __future__ import annotations

import copy

import build
import editing
import panel
import scoring
import view
from workbook_strategies import worked_example

METHOD = build.load_content()


def test_a_new_need_takes_the_cores_defaults_and_is_known():
    need = editing.new_row("client.needs", [{"id": "need-1"}, {"id": "need-3"}], METHOD)
    core = scoring.normalise({"client": {"needs": [{"id": "x"}]}}, METHOD)["client"]["needs"][0]
    assert need == dict(core, id="need-4", known=True)  # after the list's length, need-3 being taken


def test_a_new_shared_item_starts_in_the_first_category_of_middling_narrowness():
    item = editing.new_row("common_ground", [], METHOD)
    assert item == {"id": "cg-1", "text": "", "category": METHOD["common_ground_categories"][0]["id"],
                    "narrowness": 2, "stage": None}


def test_choosing_a_preset_brings_its_weights_and_leaves_the_settings_given_alone():
    settings = scoring.default_settings(METHOD)
    kept = copy.deepcopy(settings)
    preset = METHOD["presets"][-1]
    changed = editing.with_setting(settings, "preset", preset["id"], METHOD)
    assert changed["preset"] == preset["id"] and changed["weights"] == preset["weights"]
    assert settings == kept


def test_a_weight_typed_by_hand_makes_the_preset_custom_and_a_half_typed_number_changes_nothing():
    settings = scoring.default_settings(METHOD)
    changed = editing.with_setting(settings, "weights.needs", "0.25", METHOD)
    assert changed["weights"]["needs"] == 0.25 and changed["preset"] == "custom"
    assert editing.with_setting(settings, "contact_factor", "3", METHOD)["preset"] == settings["preset"]
    assert editing.with_setting(settings, "contact_factor", "1e", METHOD) is None
    assert editing.setting_value(changed, "weights.needs") == 0.25


def test_the_panel_writes_only_into_elements_the_page_has():
    shown = view.score_view(scoring.score(worked_example(), METHOD), view.Texts(METHOD, "zh"), {})
    slots = panel.slots(shown, {"data-score:T": None})
    assert [slot for slot in slots if slot[0] != "bars"] == [("figures", "T", "data-score:T", None)]
    assert {slot[1] for slot in slots if slot[0] == "bars"} == set(shown["bars"])
    assert panel.curve_keys(2)[1][0] == "data-curve-dot:1@cx"
