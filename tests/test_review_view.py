"""What the page says of why the client may not sign yet, of each person's
motives and of the plan at the current stage (py/review_view.py and the
panel's part in py/view.py), in both languages; and the same words under
MicroPython."""

from __future__ import annotations

import copy
import json

import build
import diagnosis
import fixtures
import review_view
import scoring
import view
from interpreters import CORE_MODULES, both
from workbook_strategies import parity_cases

METHOD = build.load_content()
ZH = view.Texts(METHOD, "zh")
EN = view.Texts(METHOD, "en")


def account():
    """METHOD.md's version-2 example as the page holds it: 王主任 (decision
    maker, influence 3) and 李科长 (procurement), one need, nothing planned."""
    return scoring.normalise(fixtures.worked_example_account(), METHOD)


def shown(workbook, texts=ZH):
    """id -> what the review section shows of each reason."""
    entries = diagnosis.review(workbook, METHOD, scoring.score(workbook, METHOD))
    return {reason["id"]: reason for reason in review_view.reasons(entries, workbook, texts)}


def open_ones(workbook, texts=ZH):
    return {reason_id: reason for reason_id, reason in shown(workbook, texts).items() if reason["group"] == "open"}


def committee():
    """An account with the usual troubles: nobody decides yet, an
    influential opponent, a need the client does not see, a decider-to-be
    (小刘, role not named) and nothing known of the process."""
    workbook = account()
    workbook["people"][0].update(role="technical", attitude="opponent", influence=3)
    workbook["people"][1].update(role="procurement")
    third = scoring.blank_person(METHOD, "p-3")
    third["name"] = "小刘"
    workbook["people"].append(third)
    workbook["client"]["needs"] = [
        {"id": "need-1", "text": "审批要跑三个月", "severity": 3, "visibility": "unrecognised", "known": True,
         "stage": None, "owner": "p-2"},
        {"id": "need-2", "text": "报表手工汇总", "severity": 2, "visibility": "explicit", "known": True,
         "stage": None, "owner": None}]
    for record in workbook["client"]["preferences"]:
        if record["id"] == "decision_process":
            record["known"] = False
    return workbook


# ---------------------------------------------------------------- the reasons

def test_each_open_reason_names_its_people_and_points_and_one_move_in_chinese():
    reasons = open_ones(committee())
    assert reasons["influential_opponent"]["why"] == "王主任对决定的影响力高,态度却是反对。"
    assert reasons["need_unseen"]["why"] == "最严重的需求(「审批要跑三个月」)客户自己还没有察觉;这是李科长的问题。"
    assert reasons["need_unseen"]["move"] == {
        "text": "帮客户看见「审批要跑三个月」,再改它的可见度", "section": "client-needs",
        "target": "#client-needs [data-row=\"need-1\"] [data-field='visibility']", "person": ""}
    assert reasons["no_decider"]["why"] == "客户方的 3 个人里,没有谁是决策者。"
    assert reasons["no_decider"]["move"]["text"] == "在客户方的人里找到决策者"
    assert reasons["process_unknown"]["why"] == "还不了解偏好信息里的「决策流程」。"
    assert reasons["process_unknown"]["move"]["target"] == "#client-preferences-decision_process-known"
    assert all(reason["move"] is not None and reason["tag"] == "" for reason in reasons.values())


def test_the_same_reasons_read_in_english():
    reasons = open_ones(committee(), EN)
    assert reasons["influential_opponent"]["why"] == "王主任: high influence on the decision, and against you."
    assert reasons["no_decider"]["why"] == "None of the account's 3 people is the decision maker."
    assert reasons["no_decider"]["move"]["text"] == "Find the decision maker among the account's people"
    assert reasons["no_inside_support"]["why"] == (
        "There is no coach (inside supporter), and nobody whose attitude to you is “supporter”.")
    assert reasons["no_decider"]["label"] == "Nobody known decides"


def test_naming_a_role_goes_to_the_first_person_without_one_else_to_the_add_button():
    workbook = committee()
    assert open_ones(workbook)["no_decider"]["move"]["target"] == "#people [data-row=\"p-3\"] [data-field='role']"
    workbook["people"][2]["role"] = "user"
    assert open_ones(workbook)["no_decider"]["move"]["target"] == "#people [data-action='add-person']"


def test_an_opponent_with_nothing_to_tell_or_learn_yet_is_first_to_be_got_to_know():
    workbook = committee()
    entries = diagnosis.review(workbook, METHOD, scoring.score(workbook, METHOD))
    for entry in entries:
        if entry["id"] == "influential_opponent":
            entry["move"] = None  # what the core gives while no step of the score helps
    reasons = {reason["id"]: reason for reason in review_view.reasons(entries, workbook, ZH)}
    assert reasons["influential_opponent"]["move"] == {
        "text": "先了解王主任:打开他的个人信息", "section": "client-personal",
        "target": "[data-control='pick-person'][value=\"p-1\"]", "person": "p-1"}


def test_a_need_is_added_where_no_known_need_is_pressing():
    workbook = account()
    workbook["client"]["needs"] = []
    reason = open_ones(workbook)["no_pressing_need"]
    assert reason["why"] == "还没有记下任何已知的需求。"
    assert reason["move"]["target"] == "#client-needs [data-action='add-row']"
    workbook["client"]["needs"] = [{"id": "need-1", "text": "报表慢", "severity": 2, "visibility": "explicit",
                                   "known": True, "stage": None, "owner": None}]
    assert open_ones(workbook)["no_pressing_need"]["why"] == "已知的需求(「报表慢」)里没有严重度为「高」的。"


def test_a_decider_who_fears_blame_without_proof_is_told_which_proof_to_disclose_first():
    workbook = account()
    workbook["people"][0]["motives"]["personal"] = ["safety"]
    reason = open_ones(workbook)["fear_without_proof"]
    assert reason["why"] == "王主任(决策者)怕出错担责,可是这些证据都还没有披露:使用者、评测结果。"
    assert reason["move"]["text"] == "准备并披露「使用者」(产品信息)"
    assert reason["move"]["target"] == "#seller-product-users-note"
    workbook["seller"]["product"][6].update(note="三个省厅在用", status="prepared")
    assert open_ones(workbook)["fear_without_proof"]["move"]["target"] == "#seller-product-users-status"


def test_behind_the_plan_says_by_how_much_and_the_least_trusting_decider_by_name():
    workbook = planned(4)
    workbook["people"][1].update(role="decision_maker")
    reasons = open_ones(workbook)
    plan = scoring.score(workbook, METHOD)["plan"]
    assert reasons["behind_plan"]["why"] == "按你的计划,第 4 阶段 T 应达到 {};现在是 {},还差 {}。".format(
        plan["planned_text"], plan["now_text"], plan["gap_text"].lstrip("-"))
    assert reasons["decider_trusts_least"]["why"] == "李科长(决策者)对你的信任 Tᵢ = 25,是所有人里最低的;最高的是 248。"
    assert reasons["decider_trusts_least"]["move"]["person"] == "p-2"


def test_overrides_sort_the_reasons_into_their_lists_with_the_right_checkbox():
    workbook = committee()
    workbook["review"] = [{"id": "influential_opponent", "state": "cleared", "note": "他下个月调走"},
                          {"id": "one_sided", "state": "open", "note": ""},
                          {"id": "budget", "state": "open", "note": "明年预算未批"}]
    reasons = shown(workbook)
    cleared = reasons["influential_opponent"]
    assert (cleared["group"], cleared["check"], cleared["check_label"], cleared["checked"], cleared["note"],
            cleared["show_note"], cleared["move"]) == (
        "cleared", "clear", "不成立,排除", True, "他下个月调走", True, None)
    assert (reasons["one_sided"]["group"], reasons["one_sided"]["tag"], reasons["one_sided"]["check"],
            reasons["one_sided"]["checked"]) == ("open", "你保留的", "count", True)
    assert (reasons["budget"]["group"], reasons["budget"]["tag"], reasons["budget"]["checked"],
            reasons["budget"]["why"]) == ("open", "你勾选的", True, "预算没有落实或不够。")
    assert (reasons["price"]["group"], reasons["price"]["check_label"], reasons["price"]["checked"],
            reasons["price"]["show_note"]) == ("by_hand", "这是原因之一", False, False)
    assert (reasons["process_unknown"]["group"], reasons["decider_trusts_least"]["group"]) == ("open", "quiet")
    assert list(reasons) == [reason["id"] for reason in METHOD["review_reasons"]]


def test_the_panel_line_counts_the_open_reasons():
    def line(workbook, texts=ZH):
        return review_view.panel_line(diagnosis.review(workbook, METHOD), texts)

    workbook = committee()
    count = len(open_ones(workbook))
    assert count >= 4 and line(workbook) == "可能还不签的原因:{} 条".format(count)
    assert line(workbook, EN) == "Reasons they may not sign: {}".format(count)
    workbook["review"] = [{"id": reason_id, "state": "cleared", "note": ""} for reason_id in open_ones(workbook)]
    assert line(workbook) == "没有发现还不签的原因"
    workbook["review"].append({"id": "price", "state": "open", "note": ""})
    assert line(workbook, EN) == "Reasons they may not sign: 1"


def test_a_need_quoted_in_a_sentence_is_cut_short_and_kept_as_typed():
    workbook = committee()
    workbook["client"]["needs"][0]["text"] = "<b>" + "很长" * 40
    why = open_ones(workbook)["need_unseen"]["why"]
    assert "「<b>" + "很长" * 18 + "很…」" in why


# ---------------------------------------------------------------- motives

def advice(motives, workbook=None, texts=ZH):
    workbook = workbook or account()
    workbook["people"][0]["motives"].update(motives)
    return review_view.motive_advice(workbook["people"][0], workbook, texts)


def test_a_person_who_fears_blame_is_advised_to_be_shown_proof_with_each_points_status():
    workbook = account()
    workbook["seller"]["product"][6].update(note="三个省厅在用", status="prepared")
    shown_advice = advice({"personal": ["safety"]}, workbook)
    assert [entry["title"] for entry in shown_advice] == ["免责"]
    assert shown_advice[0]["advice"].startswith("最怕出错担责")
    assert [(point["text"], point["status"]) for point in shown_advice[0]["points"]] == [
        ("使用者(产品信息)", "已准备"), ("评测结果(产品信息)", "空白"), ("服务表现(产品信息)", "空白"),
        ("名声(企业信息)", "已披露")]
    assert [point["target"] for point in shown_advice[0]["points"]] == [
        "#seller-product-users-status", "#seller-product-test_results-note", "#seller-product-service_record-note",
        "#seller-company-reputation-status"]


def test_the_balance_brings_the_advice_it_leans_to_when_that_motive_is_not_ticked():
    assert [entry["title"] for entry in advice({"balance": -2})] == ["免责 · 最怕担责"]
    assert [entry["title"] for entry in advice({"balance": 1}, texts=EN)] == ["Achievement · Leans to results"]
    assert [entry["title"] for entry in advice({"balance": -1, "personal": ["safety", "ease"]})] == ["免责", "省事"]
    assert advice({"balance": 0}) == []


def test_the_other_motive_advises_without_points_to_disclose():
    other = advice({"personal": ["other"]}, texts=EN)
    assert other[0]["points"] == [] and other[0]["advice"].startswith("Write the motive down")


# ---------------------------------------------------------------- the plan at the current stage

def planned(stage):
    workbook = account()
    for record in workbook["seller"]["product"][:4]:
        record["stage"] = 1
    for record in workbook["client"]["preferences"]:
        record["stage"] = 3
    workbook["stage"] = stage
    return workbook


def test_the_panel_says_by_how_much_t_is_ahead_of_or_behind_the_plan_at_the_current_stage():
    result = scoring.score(planned(1), METHOD)
    assert result["plan"]["ahead"] is True
    assert view.plan_stage_reading(result, ZH) == "当前第 1 阶段:计划 T 为 {},现在 192.25,领先 {}。".format(
        result["plan"]["planned_text"], result["plan"]["gap_text"])
    result = scoring.score(planned(4), METHOD)
    assert result["plan"]["ahead"] is False
    assert view.plan_stage_reading(result, EN) == (
        "At the current stage 4: T planned {}, now 192.25, behind by {}.".format(
            result["plan"]["planned_text"], result["plan"]["gap_text"].lstrip("-")))
    shown_panel = view.score_view(result, ZH, {}, planned(4))
    assert shown_panel["current_stage"] == 3 and shown_panel["plan_stage"].startswith("当前第 4 阶段")


def test_without_a_plan_the_current_stage_says_nothing_and_the_plan_reading_explains():
    result = scoring.score(scoring.blank_workbook(METHOD), METHOD)
    assert view.plan_stage_reading(result, ZH) == ""
    assert view.current_stage(result, ZH) == 0


# ---------------------------------------------------------------- MicroPython

HARNESS = r'''
import json
import diagnosis
import jsontext
import review_view
import scoring
import view


def run(method_text, cases_text):
    prepared = scoring.prepare(json.loads(method_text))
    texts = {"zh": view.Texts(prepared, "zh"), "en": view.Texts(prepared, "en")}
    cases = json.loads(cases_text)
    for i in range(len(cases)):
        workbook = scoring.normalise(cases[i], prepared)
        result = scoring.score(workbook, prepared)
        entries = diagnosis.review(workbook, prepared, result)
        language = "zh" if i % 2 else "en"
        shown = {"reasons": review_view.reasons(entries, workbook, texts[language]),
                 "line": review_view.panel_line(entries, texts[language]),
                 "advice": [review_view.motive_advice(person, workbook, texts[language])
                            for person in workbook["people"]],
                 "plan": view.plan_stage_reading(result, texts[language])}
        yield "case-%d %s" % (i, jsontext.dumps(shown))
'''


def test_micropython_words_the_review_exactly_as_cpython(tmp_path):
    cases = [committee(), account(), fixtures.largest_workbook(), planned(4)] + [
        case for case in parity_cases(seed=7, n=40) if "__" not in json.dumps(case)]
    feared = copy.deepcopy(committee())
    feared["people"][1]["motives"] = {"organisation": "省钱", "personal": ["safety", "standing"], "balance": -2}
    feared["review"] = [{"id": "price", "state": "open", "note": "贵"}, {"id": "no_decider", "state": "cleared"}]
    cases.append(feared)
    inputs = {"method.json": fixtures.METHOD_PATH.read_text(encoding="utf-8"),
              "cases.json": json.dumps(cases, ensure_ascii=False)}
    modules = CORE_MODULES + ["people_view.py", "relationship_map.py", "view.py", "diagnosis.py", "editing.py",
                              "review_view.py"]
    expected, got = both(HARNESS, modules, inputs, tmp_path)
    assert len(expected) == len(cases)
    assert got == expected
    assert sum('"group":"open"' in line for line in expected) > 20
