"""What the score panel says, in both languages, from the core's result."""

from __future__ import annotations

import build
import fixtures
import scoring
import view

METHOD = build.load_content()


def worked_example():
    """The worked example with every point listed, as the page holds it."""
    return scoring.normalise(fixtures.worked_example(), METHOD)


def shown(workbook, language="zh", need_texts=None):
    result = scoring.score(workbook, METHOD)
    return view.score_view(result, view.Texts(METHOD, language), need_texts or {}, workbook)


def test_the_figures_and_formula_of_the_worked_example():
    figures = shown(worked_example())["figures"]
    assert figures == {"T": "248", "IS": "7", "IC": "6.5", "R": "9", "formula": "1 × (7 + 9) × (6.5 + 9)",
                       "formula_name": "T = P × (IS + R) × (IC + R)", "means_note": "",
                       "IS_help": METHOD["ui"]["explain_IS"]["zh"], "IC_help": METHOD["ui"]["explain_IC"]["zh"],
                       "R_help": METHOD["ui"]["explain_R"]["zh"]}


def test_with_more_than_one_person_is_ic_and_r_are_said_to_be_influence_weighted_means():
    for language, mean in (("zh", "加权平均"), ("en", "averaged by")):
        figures = shown(scoring.normalise(fixtures.worked_example_account(), METHOD), language)["figures"]
        assert mean in figures["means_note"] and "(IS + R) × (IC + R)" in figures["means_note"]
        for name in ("IS", "IC", "R"):
            assert figures[name + "_help"] == METHOD["ui"]["ux_explain_" + name + "_mean"][language]
            assert mean in figures[name + "_help"] and name + "ᵢ" in figures[name + "_help"]


def test_the_accounts_formula_weighs_each_persons_trust_by_influence():
    figures = shown(scoring.normalise(fixtures.worked_example_account(), METHOD), "en")["figures"]
    assert figures["T"] == "192.25"
    assert figures["formula"] == "(3 × 248 + 1 × 25) ÷ 4"
    assert figures["formula_name"] == METHOD["ui"]["people_formula_account"]["en"]


def test_the_figures_a_keystroke_shows_are_the_full_scores_in_both_languages():
    for workbook in (worked_example(), fixtures.worked_example_account(), fixtures.largest_workbook()):
        for language in ("zh", "en"):
            texts = view.Texts(METHOD, language)
            figures = view.figures_view(scoring.Scorer(workbook, METHOD).figures(), texts)
            assert figures == view.score_view(scoring.score(workbook, METHOD), texts, {})["figures"]


def test_a_fractional_contact_factor_is_shown_as_typed():
    workbook = worked_example()
    workbook["people"][0]["contact_factor"] = 0.25
    assert shown(workbook)["figures"]["formula"].startswith("0.25 × ")


def test_every_move_reads_as_a_sentence_in_both_languages():
    workbook = worked_example()
    workbook["client"]["needs"].append({"id": "need-3", "text": "考核压力", "known": False})
    for language in ("zh", "en"):
        moves = shown(workbook, language, {"need-3": "考核压力"})["moves"]
        assert len(moves) == 6
        for move in moves:
            assert "{" not in move["text"] and move["gain"].startswith("+")
    chinese = [move["text"] for move in shown(workbook, "zh", {"need-3": "考核压力"})["moves"]]
    assert chinese[0] == "确认需求「考核压力」"


def test_a_level_named_inside_a_move_reads_in_lower_case_in_english():
    texts = view.Texts(METHOD, "en")
    move = {"kind": "raise_level", "side": "seller", "list": "personal", "id": "hobbies", "level": "semi_public"}
    assert view.move_text(move, texts, {}).endswith(" to semi-public")


def test_the_weakest_area_names_what_it_puts_at_risk():
    assert shown(scoring.blank_workbook(METHOD))["weakest"] == "最薄弱的是需求信息(0%),会影响竞争优势。"
    assert "competitive advantage" in shown(scoring.blank_workbook(METHOD), "en")["weakest"]


def test_the_curve_rises_with_the_plan_and_marks_today():
    workbook = worked_example()
    for stage, record in enumerate(workbook["seller"]["company"][2:6], 1):
        record.update(status="prepared", stage=stage)
    curve = shown(workbook)["curve"]
    heights = [dot["y"] for dot in curve["dots"]]
    assert heights == sorted(heights, reverse=True)  # higher T, smaller y
    assert curve["dots"][-1]["y"] == view.CURVE_TOP
    assert view.CURVE_TOP < curve["now_y"] < view.CURVE_BOTTOM
    assert len(curve["points"].split()) == len(METHOD["stages"])


def test_an_empty_curve_lies_flat_on_the_axis():
    curve = shown(scoring.blank_workbook(METHOD))["curve"]
    assert {dot["y"] for dot in curve["dots"]} == {view.CURVE_BOTTOM}
    assert curve["now_y"] == view.CURVE_BOTTOM


def test_coverage_bars_are_as_long_as_the_share_they_show():
    bars = shown(worked_example())["bars"]
    assert bars["seller.product"] == {"width": view.BAR_WIDTH * 3 / 10, "text": "30%"}
    assert bars["client.needs"] == {"width": view.BAR_WIDTH, "text": "100%"}


def test_reciprocity_is_explained_while_it_is_undefined():
    indicators = shown(scoring.blank_workbook(METHOD), "en")["indicators"]
    assert indicators["reciprocity"].startswith("—")
    assert shown(worked_example())["indicators"]["reciprocity"] == "0.75"


def test_a_point_counts_as_filled_once_it_holds_anything():
    assert not view.is_filled({"id": "performance", "note": " \u3000", "status": "empty"})
    assert view.is_filled({"id": "performance", "note": "", "status": "prepared"})
    assert view.is_filled({"id": "hobbies", "note": "骑行", "known": False})
    assert view.is_filled({"id": "decision_process", "note": "", "known": True})
    assert not view.is_filled({"id": "need-1", "text": "", "known": False})
    assert view.is_filled({"id": "cg-1", "text": "同一所大学"})


def test_the_weakest_area_reads_as_a_sentence_in_english():
    weakest = shown(scoring.normalise(fixtures.worked_example_account(), METHOD), "en")["weakest"]
    assert weakest.startswith("Weakest: ") and " is weakest" not in weakest


def moves_starting(workbook, language, words):
    return [move["text"] for move in shown(workbook, language)["moves"] if move["text"].startswith(words)]


def test_a_move_the_plan_keeps_for_a_later_stage_says_so_and_one_due_now_does_not():
    workbook = worked_example()
    workbook["stage"] = 2
    best = scoring.score(workbook, METHOD)["next_moves"][0]
    record = view.move_record(best, workbook)
    for language, later in (("zh", "(计划在第 3 阶段)"), ("en", " (planned for stage 3)")):
        words = view.move_text(best, view.Texts(METHOD, language), {}, record.get("status"))

        record["stage"] = 3
        assert moves_starting(workbook, language, words) == [words + later]
        for stage in (None, 1, 2):
            record["stage"] = stage
            assert moves_starting(workbook, language, words) == [words]


def test_a_move_about_a_persons_own_point_reads_that_persons_plan():
    workbook = scoring.normalise(fixtures.worked_example_account(), METHOD)
    workbook["stage"] = 1
    texts = view.Texts(METHOD, "en")
    person = workbook["people"][1]
    point = person["personal"][0]
    point["stage"] = 4
    move = {"kind": "learn", "side": "client", "list": "personal", "id": point["id"], "person": person["id"]}
    assert view.move_record(move, workbook) is point
    assert view.later_in_plan(move, workbook, texts) == " (planned for stage 4)"
    workbook["people"][0]["personal"][0]["stage"] = 4
    point["stage"] = None
    assert view.later_in_plan(move, workbook, texts) == ""


def unplanned(workbook):
    """`workbook` with no planned stage anywhere, as on a first pass."""
    records = workbook["client"]["needs"] + workbook["client"]["preferences"] + workbook["common_ground"]
    records += [record for points in workbook["seller"].values() for record in points]
    records += [record for person in workbook["people"] for record in person["personal"]]
    for record in records:
        record["stage"] = None
    return workbook


def test_with_nothing_planned_the_panel_says_there_is_no_plan_yet_and_how_to_make_one():
    workbook = unplanned(worked_example())
    assert not view.planned_anything(workbook)
    for language in ("zh", "en"):
        panel = shown(workbook, language)
        assert panel["plan_reading"] == METHOD["ui"]["plan_reading_empty"][language]
        assert panel["plan_stage"] == ""
    assert "计划阶段" in shown(workbook)["plan_reading"] and "No plan yet" in shown(workbook, "en")["plan_reading"]
    workbook["seller"]["product"][0]["stage"] = 2
    panel = shown(workbook)
    assert view.planned_anything(workbook)
    assert panel["plan_stage"].startswith("当前第 1 阶段") and panel["plan_reading"].startswith("现在的 T")


def test_a_need_or_shared_item_with_no_text_plans_nothing():
    workbook = unplanned(worked_example())
    workbook["client"]["needs"].append({"id": "need-9", "text": " ", "known": False, "stage": 1})
    assert not view.planned_anything(workbook)
    workbook["common_ground"].append({"id": "cg-9", "text": "钓鱼", "narrowness": 2, "stage": 3})
    assert view.planned_anything(workbook)


def test_todays_label_keeps_off_the_last_stages_dot_and_value_and_inside_the_chart():
    # The painter draws a stage's value 8 above its dot (r 4); a baseline b
    # of 11 px text covers b-10 to b+3; the stage numbers start at 148.
    for last_y in range(view.CURVE_TOP, view.CURVE_BOTTOM + 1, 2):
        for now_y in range(view.CURVE_TOP, view.CURVE_BOTTOM + 1, 2):
            label = view.now_label_y(now_y, last_y)
            top, bottom = label - 10, label + 3
            assert 0 <= top and bottom <= 147, (now_y, last_y)
            assert bottom <= last_y - 18 or top >= last_y + 4, (now_y, last_y, label)
    flat = shown(unplanned(worked_example()))["curve"]
    assert flat["now_y"] == flat["dots"][-1]["y"] and flat["now_label_y"] != flat["now_y"] - 4


def test_learning_the_decision_participants_says_they_are_listed_once_the_people_sheet_holds_the_committee():
    workbook = scoring.normalise(fixtures.worked_example_account(), METHOD)
    participants = next(p for p in workbook["client"]["preferences"] if p["id"] == "decision_participants")
    participants["known"], participants["stage"] = False, None
    move = {"kind": "learn", "side": "client", "list": "preferences", "id": "decision_participants", "person": None}
    assert move in [{key: m[key] for key in move} for m in scoring.score(workbook, METHOD)["next_moves"]]
    for language, said in (("zh", "(「客户方的人」里已列出 2 人:勾选「已了解」即可)"),
                           ("en", " (you have listed 2 in “The account's people”: tick “Known”)")):
        texts = view.Texts(METHOD, language)
        assert view.already_listed(move, workbook, texts) == said
        panel = [m["text"] for m in shown(workbook, language)["moves"]]
        assert view.move_text(move, texts, {}) + said in panel
    # one person listed, or another preference: the move says nothing more
    texts = view.Texts(METHOD, "en")
    assert view.already_listed(dict(move, id="decision_criteria"), workbook, texts) == ""
    workbook["people"] = workbook["people"][:1]
    assert view.already_listed(move, workbook, texts) == ""
