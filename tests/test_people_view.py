"""What the page says of the account's people (py/people_view.py and the
moves of py/view.py), in both languages, from the core's result."""

from __future__ import annotations

import json

import build
import fixtures
import people_view
import scoring
import view
from interpreters import CORE_MODULES, both

METHOD = build.load_content()
ZH = view.Texts(METHOD, "zh")
EN = view.Texts(METHOD, "en")


def account():
    """METHOD.md's version-2 example: 王主任 (decision maker, T 248) and
    李科长 (procurement, T 25), as the page holds it."""
    return scoring.normalise(fixtures.worked_example_account(), METHOD)


def shown(workbook, texts=ZH):
    return view.score_view(scoring.score(workbook, METHOD), texts, {}, workbook)


def test_a_person_without_a_name_is_called_by_their_place_and_the_picker_adds_the_role():
    workbook = account()
    workbook["people"][1]["name"] = " "
    assert people_view.names(workbook, ZH) == [("p-1", "王主任", "王主任 · 决策者"),
                                               ("p-2", "第 2 人", "第 2 人 · 采购与财务")]
    assert people_view.names(workbook, EN)[1] == ("p-2", "Person 2", "Person 2 · Procurement and finance")


def test_the_panel_lists_each_persons_trust_and_marks_who_trusts_least():
    people = shown(account())["people"]
    assert [(person["name"], person["role"], person["figures"]["T"], person["lowest"]) for person in people] == [
        ("王主任", "决策者", "248", False), ("李科长", "采购与财务", "25", True)]
    assert people[1]["figures"] == {"T": "25", "IS": "5", "IC": "5", "R": "0", "P": "1", "told": "0%",
                                    "known": "0%", "reciprocity": ZH.ui_text("reciprocity_undefined")}


def test_nobody_is_lowest_alone_or_when_all_are_level():
    assert [person["lowest"] for person in shown(fixtures.worked_example())["people"]] == [False]
    workbook = account()
    workbook["people"][1] = dict(workbook["people"][0], id="p-2", name="王主任的副手")
    workbook["common_ground"][0]["with"] = ["p-1", "p-2"]
    assert [person["lowest"] for person in shown(workbook)["people"]] == [False, False]


def test_a_move_about_a_person_names_them_and_picks_them_on_the_way_to_its_field():
    workbook = account()
    personality = [point for point in workbook["seller"]["personal"] if point["id"] == "personality"][0]
    personality.update(note="爱较真", status="prepared")
    moves = shown(workbook)["moves"]
    tell = [move for move in moves if "告诉" in move["text"]][0]
    assert tell["text"] == "告诉王主任:性格"
    assert tell["person"] == "p-1"
    assert tell["target"] == '#seller-personal-personality-told [data-person="p-1"]'
    learn = [move for move in moves if move["person"] and move["text"].startswith("了解")][0]
    assert learn["text"] == "了解王主任的爱好" and learn["target"] == "#client-personal-hobbies-known"
    english = [move["text"] for move in shown(workbook, EN)["moves"]]
    assert "Tell 王主任: personality" in english and "Learn 王主任's hobbies" in english
    assert [move["person"] for move in moves if move["section"] == "client-preferences"] == [""]


def test_a_point_not_yet_written_is_prepared_before_it_is_told():
    move = {"kind": "tell", "side": "seller", "list": "personal", "id": "hobbies", "person": "p-2", "people": ["p-2"],
            "level": "public"}
    assert view.move_text(move, EN, {}, "empty", {"p-2": "Director Wang"}) == "Write and tell Director Wang: hobbies"
    assert view.move_text(move, EN, {}, "prepared", {"p-2": "Director Wang"}) == "Tell Director Wang: hobbies"
    assert view.move_target(move, "empty") == ("seller-personal", "#seller-personal-hobbies-note")


def test_deepening_a_point_told_to_people_names_them_all():
    move = {"kind": "raise_level", "side": "seller", "list": "personal", "id": "hobbies", "person": None,
            "people": ["p-1", "p-2"], "level": "private"}
    text = view.move_text(move, ZH, {}, "prepared", {"p-1": "王主任", "p-2": "李科长"})
    assert text == "把「爱好」加深到隐私(已告诉王主任、李科长)"
    own = dict(move, side="client", person="p-2", people=["p-2"])
    assert view.move_text(own, EN, {}, None, {"p-2": "Li"}) == "Go deeper with Li on hobbies: private"
    assert view.move_target(own) == ("client-personal", "#client-personal-hobbies-level")


def test_looking_for_common_ground_shows_what_is_known_of_the_person_as_typed_and_the_gain_per_narrowness():
    workbook = account()
    hobbies = [point for point in workbook["people"][0]["personal"] if point["id"] == "hobbies"][0]
    hobbies.update(known=True, note="<b>钓鱼</b>")
    hints = shown(workbook)["common_ground"]
    assert [hint["person"] for hint in hints] == ["p-1", "p-2"]
    assert hints[0]["title"] == "与王主任找共同点"
    assert hints[0]["sources"] == ["爱好: <b>钓鱼</b>"]
    assert hints[1]["sources"] == [ZH.ui_text("people_sources_none")]
    result = scoring.score(workbook, METHOD)
    narrowest = max(result["common_ground"][0]["gains"], key=lambda gain: gain["narrowness"])
    assert hints[0]["gains"].startswith("一个共同点能加:狭窄 +" + narrowest["text"])


def test_no_common_ground_is_suggested_once_the_list_is_full():
    workbook = account()
    workbook["common_ground"] = [{"id": "cg-" + str(n), "text": "x", "with": ["p-1"]}
                                 for n in range(1, METHOD["limits"]["common_ground"] + 1)]
    assert shown(scoring.normalise(workbook, METHOD))["common_ground"] == []


def test_an_id_typed_or_imported_is_quoted_in_a_selector():
    assert view.css_string('p-"1"\\') == '"p-\\"1\\"\\\\"'
    move = {"kind": "tell", "side": "seller", "list": "personal", "id": "hobbies", "person": 'x"]', "people": []}
    assert view.move_target(move, "prepared")[1] == '#seller-personal-hobbies-told [data-person="x\\"]"]'


def test_the_handout_lists_the_people_with_their_trust_and_a_persons_points_under_their_name():
    workbook = account()
    workbook["people"][1]["personal"][0].update(known=True, note="爱钓鱼", stage=2)
    result = scoring.score(workbook, METHOD)
    handout = view.handout_view(workbook, ZH, METHOD, result)
    second = result["people"][1]["text"]["T"]
    assert [row[:5] for row in handout["tables"]["people"]] == [
        ["王主任(主任)", "决策者", "高", "中立", "248"], ["李科长(采购科)", "采购与财务", "低", "中立", second]]
    first_point = ZH.point_label("client", "personal", workbook["people"][1]["personal"][0]["id"])
    assert ["李科长:" + first_point, "✓"] == handout["tables"]["client.personal"][-1][:2]
    assert "李科长:" + first_point + "(客户的个人信息)" in handout["plan"][2]["learn"][-1]
    told = handout["tables"]["seller.personal"][0][1]
    assert told.endswith("已告诉王主任")


def test_each_person_gets_their_own_next_moves_and_whoever_trusts_least_their_first_beside_the_badge():
    workbook = account()
    # With the common ground list full, no shared item can be added: the
    # first thing to do is the best move.
    workbook["common_ground"] += [{"id": "cg-" + str(k), "text": "x", "narrowness": 0, "with": []}
                                  for k in range(len(workbook["common_ground"]), METHOD["limits"]["common_ground"])]
    people = shown(workbook)["people"]
    assert [move["text"] for move in people[0]["moves"]] == ["了解王主任的爱好", "准备并告诉王主任:性格"]
    lowest = people[1]
    # 品质 is planned for stage 2, the account is at stage 1: the move says so.
    assert [move["text"] for move in lowest["moves"]] == ["告诉李科长:品质(计划在第 2 阶段)", "了解李科长的品质"]
    assert lowest["first_move"] == lowest["moves"][0] and people[0]["first_move"] is None
    assert lowest["first_move"]["gain"] == "+1.25" and lowest["first_move"]["person"] == "p-2"
    assert lowest["first_move"]["target"] == '#seller-personal-moral_quality-told [data-person="p-2"]'
    english = shown(workbook, EN)["people"][1]
    assert english["first_move"]["text"] == "Tell 李科长: moral quality (planned for stage 2)"
    # Worded and linked exactly as the same move among the account's moves.
    account_moves = shown(workbook)["moves"]
    assert people[0]["moves"][0] in account_moves


def test_whoever_trusts_least_is_first_told_to_find_common_ground_when_even_a_broad_shared_item_gains_more():
    workbook = account()
    lowest = shown(workbook)["people"][1]
    # 李科长's best move gains 1.25; one broad shared item with him, 14.
    assert lowest["moves"][0]["gain"] == "+1.25"
    assert lowest["first_move"] == {"text": "了解李科长的经历和爱好,找一个共同点", "gain": "+14 起",
                                    "section": "common-ground", "target": "#common-ground [data-action='add-row']",
                                    "person": "p-2"}
    # Once something of their past is known, that is where to start.
    hobbies = [point for point in workbook["people"][1]["personal"] if point["id"] == "hobbies"][0]
    hobbies.update(known=True, note="钓鱼")
    english = shown(workbook, EN)["people"][1]["first_move"]
    assert english["text"] == "Find common ground with 李科长 (start from: hobbies)"
    assert english["gain"].endswith(" or more")


def test_common_ground_comes_first_only_when_it_gains_more_than_the_best_move():
    lead = {"person": "p-2", "sources": [], "gains": [{"narrowness": 1, "gain": 40, "text": "40"},
                                                      {"narrowness": 0, "gain": 14, "text": "14"}]}
    assert view.common_ground_first(lead, {"gain": 14}, ZH, "李科长") is None
    assert view.common_ground_first(lead, {"gain": 13.5}, ZH, "李科长")["gain"] == "+14 起"
    assert view.common_ground_first(lead, None, ZH, "李科长")["gain"] == "+14 起"
    assert view.common_ground_first(None, {"gain": 1}, ZH, "李科长") is None


# ---------------------------------------------------------------- MicroPython

PANEL_HARNESS = r'''
import json
import jsontext
import scoring
import view


def run(method_text, cases_text):
    prepared = scoring.prepare(json.loads(method_text))
    texts = {"zh": view.Texts(prepared, "zh"), "en": view.Texts(prepared, "en")}
    cases = json.loads(cases_text)
    for i in range(len(cases)):
        workbook = scoring.normalise(cases[i], prepared)
        shown = view.score_view(scoring.score(workbook, prepared), texts["zh" if i % 2 else "en"], {}, workbook)
        yield "case-%d %s" % (i, jsontext.dumps({"people": shown["people"], "moves": shown["moves"]}))
'''


def test_micropython_words_each_persons_moves_exactly_as_cpython(tmp_path):
    cases = [account(), account(), fixtures.largest_workbook(), fixtures.largest_workbook()]
    inputs = {"method.json": fixtures.METHOD_PATH.read_text(encoding="utf-8"),
              "cases.json": json.dumps(cases, ensure_ascii=False)}
    modules = CORE_MODULES + ["people_view.py", "view.py"]
    expected, got = both(PANEL_HARNESS, modules, inputs, tmp_path)
    assert len(expected) == len(cases) and '"first_move":{' in expected[0]
    assert got == expected
