"""The relationship map (py/relationship_map.py): where each person is drawn,
how they are shaded and marked, the empty seats, the single thread, the
text alternative, and what changes on the page after an edit; the same
under MicroPython."""

from __future__ import annotations

import json
import re

import pytest

import build
import relationship_map as rm
import view
from interpreters import LEAF_LINES

METHOD = build.load_content()
ZH = view.Texts(METHOD, "zh")
EN = view.Texts(METHOD, "en")


def person(person_id, name="", role="other", influence=2, attitude="neutral", reports_to=None, title=""):
    return {"id": person_id, "name": name, "title": title, "role": role, "influence": influence,
            "attitude": attitude, "contact_factor": 1, "reports_to": reports_to, "personal": [], "told": [],
            "motives": {"organisation": "", "personal": [], "balance": 0}}


def workbook_of(*people):
    return {"people": list(people), "seller": {"personal": []}}


def result_for(workbook, t_values=None, account_t=None):
    """A score result as docs/scoring.md describes it, with the people's T
    given (default 10 each) and the account's T their influence-weighted
    mean unless given."""
    t_values = t_values or {}
    people = []
    weighted = 0
    weights = 0
    for record in workbook["people"]:
        t = t_values.get(record["id"], 10)
        weighted += record["influence"] * t
        weights += record["influence"]
        people.append({"id": record["id"], "name": record["name"], "role": record["role"],
                       "influence": record["influence"], "attitude": record["attitude"],
                       "reports_to": record["reports_to"], "contact_factor": 1, "T": t,
                       "text": {"T": str(t)}})
    if account_t is None:
        account_t = weighted / weights if weights else 0
        account_t = int(account_t) if account_t == int(account_t) else round(account_t, 2)
    return {"model_version": 2, "T": account_t, "text": {"T": str(account_t)}, "people": people}


def draw(workbook, texts=ZH, **figures):
    return rm.drawing(workbook, result_for(workbook, **figures), texts)


def flat(groups):
    """A scene's elements, group after group."""
    return [element for _, elements in groups for element in elements]


def nodes_by_id(drawing):
    return {node["id"]: node for node in drawing["nodes"]}


def committee():
    """A director over a section head and the procurement officer; the
    section head over a user: three levels."""
    return workbook_of(person("p-1", "王主任", "decision_maker", 3, title="数据局副局长"),
                       person("p-2", "李科长", "procurement", 1, "sceptic", "p-1", title="采购科"),
                       person("p-3", "张处长", "technical", 2, "supporter", "p-1"),
                       person("p-4", "小赵", "user", 1, "opponent", "p-3"))


# ---------------------------------------------------------------- the hierarchy

def test_a_three_level_hierarchy_puts_managers_above_the_middle_of_their_reports():
    nodes = nodes_by_id(draw(committee()))
    assert [nodes[i]["depth"] for i in ("p-1", "p-2", "p-3", "p-4")] == [0, 1, 1, 2]
    assert nodes["p-1"]["y"] < nodes["p-2"]["y"] == nodes["p-3"]["y"] < nodes["p-4"]["y"]
    assert nodes["p-2"]["x"] < nodes["p-3"]["x"]          # reports in workbook order
    assert nodes["p-1"]["x"] == (nodes["p-2"]["x"] + nodes["p-3"]["x"]) // 2
    assert nodes["p-4"]["x"] == nodes["p-3"]["x"]         # an only report straight below


def test_each_reporting_line_runs_from_below_the_managers_labels_to_the_top_of_the_report():
    drawing = draw(committee())
    nodes = nodes_by_id(drawing)
    lines = {(edge["from"], edge["to"]): edge["d"] for edge in drawing["edges"]}
    assert set(lines) == {("p-2", "p-1"), ("p-3", "p-1"), ("p-4", "p-3")}
    boss, report = nodes["p-1"], nodes["p-2"]
    start, end = lines[("p-2", "p-1")].split("V")[0], lines[("p-2", "p-1")].split("V")[-1]
    assert start == "M{} {}".format(boss["x"], boss["y"] + boss["r"] + 3 * rm.LINE + 8)
    assert int(end) < report["y"] - report["r"]


def test_three_or_more_staff_without_reports_are_stacked_in_one_column_under_their_manager():
    workbook = workbook_of(person("p-1", "处长"), *[person("p-" + str(n), str(n), reports_to="p-1")
                                                    for n in range(2, 5)])
    drawing = draw(workbook)
    nodes = nodes_by_id(drawing)
    assert [nodes[i]["depth"] for i in ("p-1", "p-2", "p-3", "p-4")] == [0, 1, 2, 3]
    assert nodes["p-2"]["x"] == nodes["p-3"]["x"] == nodes["p-4"]["x"] == nodes["p-1"]["x"] + rm.STACK_INDENT
    assert drawing["width"] == 2 * rm.MARGIN + rm.SLOT + rm.SLOT   # one column (and the seats' second)
    for edge in drawing["edges"]:
        report = nodes[edge["from"]]
        assert edge["d"].endswith("V{}H{}".format(report["y"], report["x"] - report["r"] - 6))
    two = workbook_of(*workbook["people"][:3])
    assert [node["depth"] for node in draw(two)["nodes"]] == [0, 1, 1]   # two side by side


def test_people_without_a_manager_share_the_top_row_in_workbook_order():
    workbook = workbook_of(person("p-1", "A"), person("p-2", "B", reports_to="p-9"), person("p-3", "C"),
                           person("p-4", "D", reports_to="p-3"))
    nodes = nodes_by_id(draw(workbook))
    assert [nodes[i]["depth"] for i in ("p-1", "p-2", "p-3", "p-4")] == [0, 0, 0, 1]
    assert nodes["p-1"]["x"] < nodes["p-2"]["x"] < nodes["p-3"]["x"]   # an unknown manager: on top


def test_a_reporting_loop_is_cut_above_the_first_person_of_the_loop_and_said_so():
    workbook = workbook_of(person("p-1", "A", reports_to="p-3"), person("p-2", "B", reports_to="p-1"),
                           person("p-3", "C", reports_to="p-2"), person("p-4", "D", reports_to="p-4"))
    drawing = draw(workbook, EN)
    nodes = nodes_by_id(drawing)
    assert nodes["p-1"]["depth"] == 0 and nodes["p-1"]["manager"] is None
    assert [nodes[i]["depth"] for i in ("p-2", "p-3")] == [1, 2]
    assert nodes["p-4"]["depth"] == 0           # reporting to oneself is no line at all
    assert drawing["notes"] == [EN.ui_text("map_loop_cut", {"name": "A"})]


def test_the_loop_is_cut_at_the_same_person_wherever_the_walk_starts():
    loop = [person("p-1", "A", reports_to="p-2"), person("p-2", "B", reports_to="p-3"),
            person("p-3", "C", reports_to="p-1"), person("p-4", "D", reports_to="p-2")]
    drawing = draw(workbook_of(*loop))
    assert nodes_by_id(drawing)["p-1"]["manager"] is None
    reordered = workbook_of(loop[3], loop[2], loop[1], loop[0])
    assert nodes_by_id(draw(reordered))["p-3"]["manager"] is None   # the first listed of the loop


def test_the_drawing_is_wide_enough_for_every_column_and_tall_enough_for_every_row():
    drawing = draw(committee())
    for node in drawing["nodes"]:
        assert node["r"] <= node["x"] <= drawing["width"] - node["r"]
        assert node["y"] + node["r"] + 3 * rm.LINE <= drawing["height"]
    for seat in drawing["seats"]:
        assert seat["x"] + seat["r"] <= drawing["width"] and seat["y"] + seat["r"] + rm.LINE <= drawing["height"]
    assert drawing["view_box"] == "0 0 {} {}".format(drawing["width"], drawing["height"])


# ---------------------------------------------------------------- size, shade and attitude

def test_a_node_grows_with_influence():
    nodes = nodes_by_id(draw(committee()))
    assert nodes["p-2"]["r"] < nodes["p-3"]["r"] < nodes["p-1"]["r"]


@pytest.mark.parametrize("person_t, account_t, step", [
    (0, 100, 0), (49.99, 100, 0), (50, 100, 1), (89.99, 100, 1), (90, 100, 2), (110, 100, 2),
    (110.01, 100, 3), (200, 100, 3), (200.01, 100, 4), (0, 0, 2)])
def test_the_shade_is_the_persons_t_against_the_accounts_in_five_steps(person_t, account_t, step):
    assert rm.step_of(rm.hundredths(person_t), rm.hundredths(account_t)) == step


def test_every_node_is_shaded_on_one_scale_the_accounts_t():
    workbook = workbook_of(*[person("p-" + str(n), str(n), influence=1) for n in range(1, 6)])
    t_values = {"p-1": 10, "p-2": 120, "p-3": 200, "p-4": 300, "p-5": 650}
    assert [node["step"] for node in draw(workbook, t_values=t_values, account_t=200)["nodes"]] == [0, 1, 2, 3, 4]
    assert [node["step"] for node in draw(workbook, t_values=t_values, account_t=100)["nodes"]] == [0, 3, 3, 4, 4]


def test_people_who_trust_alike_are_shaded_alike():
    workbook = workbook_of(person("p-1", "A"), person("p-2", "B"))
    steps = {node["step"] for node in draw(workbook, t_values={"p-1": 247, "p-2": 248})["nodes"]}
    assert steps == {2}


def test_each_attitude_has_its_own_symbol_named_in_the_legend_and_none_is_the_pages_help_mark():
    symbols = {node["attitude"]: node["symbol"] for node in draw(committee())["nodes"]}
    assert symbols == {"neutral": "=", "sceptic": "~", "supporter": "+", "opponent": "\u2212"}
    badges = rm.legend(EN)[1]["items"]
    assert [(item["attitude"], item["symbol"], item["label"]) for item in badges] == [
        ("supporter", "+", "Supporter"), ("neutral", "=", "Neutral"), ("sceptic", "~", "Sceptic"),
        ("opponent", "\u2212", "Opponent")]
    # A "?" in a circle is each figure's explanation (templates/_score_panel.html).
    assert '<span aria-hidden="true">?</span>' in (build.TEMPLATES_DIR / "_score_panel.html").read_text("utf-8")
    assert "?" not in symbols.values()


def test_the_maps_table_says_each_attitude_in_words():
    rows = draw(committee())["rows"]
    assert [row for row in rows if "怀疑" in row] and [row for row in rows if "反对" in row]
    assert not [cell for row in rows for cell in row if cell in rm.SYMBOLS.values()]


def test_the_legend_names_five_shades_three_sizes_and_the_empty_seat():
    shades, _, sizes = rm.legend(ZH)
    assert [item["step"] for item in shades["items"]] == list(range(rm.STEPS))
    assert len({item["label"] for item in shades["items"]}) == 5
    assert [item["kind"] for item in sizes["items"]] == ["influence"] * 3 + ["seat"]
    assert [item["label"] for item in sizes["items"][:3]] == ["低", "中", "高"]


# ---------------------------------------------------------------- seats and threads

def test_every_contract_role_nobody_holds_is_an_empty_seat_with_its_label():
    drawing = draw(committee(), EN)
    assert [seat["role"] for seat in drawing["seats"]] == ["coach"]
    assert drawing["seats"][0]["label"] == "Coach (inside supporter)"
    assert drawing["seat_row"]["label"] == EN.ui_text("map_empty_seats")
    assert drawing["seats"][0]["y"] > max(node["y"] for node in drawing["nodes"])


def test_other_is_no_seat_and_a_full_committee_has_no_empty_row():
    roles = ["decision_maker", "user", "technical", "procurement", "coach"]
    workbook = workbook_of(*[person("p-" + str(n), role=roles[n - 1]) for n in range(1, 6)])
    drawing = draw(workbook)
    assert drawing["seats"] == [] and drawing["seat_row"] is None
    lone = draw(workbook_of(person("p-1", role="other")))
    assert [seat["role"] for seat in lone["seats"]] == roles


def test_a_lone_persons_map_stays_narrow_its_empty_seats_wrapping_under_it():
    drawing = draw(workbook_of(person("p-1", "A", role="other")))
    assert drawing["width"] == 2 * rm.MARGIN + 2 * rm.SLOT
    rows = {}
    for seat in drawing["seats"]:
        rows.setdefault(seat["y"], []).append(seat["x"])
    assert [len(rows[y]) for y in sorted(rows)] == [2, 2, 1]
    assert drawing["nodes"][0]["x"] == drawing["width"] // 2 == rows[max(rows)][0]   # centred


def test_an_account_of_one_person_reads_as_a_single_thread():
    drawing = draw(workbook_of(person("p-1", "王主任", "decision_maker", 3)))
    assert drawing["single_thread"] is True
    assert drawing["notes"] == [ZH.ui_text("map_single_thread", {"name": "王主任"})]
    assert draw(committee())["single_thread"] is False and draw(committee())["notes"] == []


def test_the_caption_gives_the_accounts_t():
    drawing = draw(committee(), EN, t_values={"p-1": 248, "p-2": 25, "p-3": 0, "p-4": 0}, account_t=192.25)
    assert drawing["caption"] == EN.ui_text("map_caption", {"T": "192.25", "count": 4})
    assert "192.25" in drawing["caption"]


# ---------------------------------------------------------------- labels and the text alternative

def test_the_text_alternative_has_a_row_per_person_with_every_fact_in_words():
    rows = draw(committee(), EN, t_values={"p-1": 248, "p-2": 25, "p-3": 60, "p-4": 7.5})["rows"]
    assert rows == [
        ["王主任", "数据局副局长", "Decision maker", "High", "Neutral", "", "248"],
        ["李科长", "采购科", "Procurement and finance", "Low", "Sceptic", "王主任", "25"],
        ["张处长", "", "Technical gatekeeper", "Medium", "Supporter", "王主任", "60"],
        ["小赵", "", "User", "Low", "Opponent", "张处长", "7.5"]]


def test_the_built_table_heads_as_many_columns_as_a_row_has_cells():
    import re

    markup = (build.TEMPLATES_DIR / "_relationship_map.html").read_text(encoding="utf-8")
    head = re.search(r"<thead>.*?</thead>", markup, re.S).group(0)
    cells = re.search(r"<template data-map-row-template>(.*?)</template>", markup, re.S).group(1)
    columns = re.search(r"\{% for key in \((.*?)\) %\}", head).group(1).count("'") // 2
    assert columns == len(draw(committee())["rows"][0]) == cells.count("<t") - 1


def test_a_blank_name_is_shown_by_its_place_and_a_long_one_is_cut_with_an_ellipsis():
    workbook = workbook_of(person("p-1", "  "), person("p-2", "国家税务总局某省税务局信息中心主任"),
                           person("p-3", "Alexandra Konstantinopoulou-Smith"))
    nodes = draw(workbook, EN)["nodes"]
    assert nodes[0]["name"] == "Person 1" and nodes[0]["name_label"] == "Person 1"
    for node in nodes[1:]:
        assert node["name_label"].endswith("\u2026") and rm.text_width(node["name_label"]) <= rm.NAME_WIDTH
        assert node["name"] in node["label"]     # the screen reader hears it whole


def test_a_names_line_breaks_stay_off_the_map_and_its_markup_stays_text():
    workbook = workbook_of(person("p-1", "<b>王</b>\n主任"))
    node = draw(workbook)["nodes"][0]
    assert node["name_label"] == "<b>王</b> 主任"
    assert draw(workbook)["rows"][0][0] == "<b>王</b>\n主任"


def test_a_node_is_a_link_that_opens_the_persons_sheet_and_says_everything_it_shows():
    elements = flat(rm.scene(draw(committee(), EN, t_values={"p-1": 248})))
    links = [element for element in elements if element[2] == "a"]
    assert [dict(element[3])["data-person"] for element in links] == ["p-1", "p-2", "p-3", "p-4"]
    first = dict(links[0][3])
    assert first["data-action"] == "open-person" and first["href"] == "#people"
    # named by its <title>: the full words, where the drawing shortens them
    titles = [element for element in elements if element[0] == "node:p-1:title"]
    assert titles[0][4] == "王主任 (数据局副局长): Decision maker, influence High, attitude Neutral, T = 248"
    assert "aria-label" not in first


def test_a_nul_in_a_name_is_kept_in_text_and_replaced_only_in_attributes():
    elements = flat(rm.scene(draw(workbook_of(person("p-1", "王\x00主任")))))
    for key, _, _, attributes, text in elements:
        assert all("\x00" not in value for _, value in attributes)
        if key == "node:p-1:name":
            assert text == "王\x00主任"


# ---------------------------------------------------------------- what changes on the page

def test_the_first_show_creates_every_element_and_the_same_drawing_changes_nothing():
    groups = rm.scene(draw(committee()))
    operations = rm.changes({}, groups)
    assert [operation[1] for operation in operations if operation[0] == "create"] == [e[0] for e in flat(groups)]
    assert rm.changes(rm.index(groups), groups) == []
    assert rm.changes(rm.index(groups), rm.scene(draw(committee()))) == []


def test_a_changed_t_rewrites_only_that_persons_label_and_shade():
    before = rm.scene(draw(committee(), t_values={"p-4": 10}, account_t=10))
    after = rm.scene(draw(committee(), t_values={"p-4": 1}, account_t=10))
    operations = rm.changes(rm.index(before), after)
    # the link itself is untouched: its name is its <title>
    assert {operation[1] for operation in operations} == {"node:p-4:title", "node:p-4:circle", "node:p-4:t"}
    assert ("set", "node:p-4:circle", "class", "map-node map-step-0") in operations


def test_a_removed_person_goes_with_their_line_and_their_role_becomes_an_empty_seat():
    everyone = committee()
    fewer = workbook_of(*everyone["people"][:3])
    operations = rm.changes(rm.index(rm.scene(draw(everyone))), rm.scene(draw(fewer)))
    removed = [operation[:2] for operation in operations if operation[0] == "remove"]
    assert removed == [("remove", "edge:p-4"), ("remove", "node:p-4")]
    assert "node:p-4:name" in operations[1][2]          # its elements go with it
    created = [operation[1] for operation in operations if operation[0] == "create"]
    assert "seat:user" in created


def test_a_drawing_is_the_same_whatever_was_drawn_before():
    first = draw(committee(), EN)
    first_scene = rm.scene(first)
    renamed = committee()
    renamed["people"][1]["name"] = "Li"
    for workbook, texts in ((renamed, EN), (committee(), ZH), (workbook_of(person("p-1")), EN)):
        rm.scene(draw(workbook, texts))
    assert draw(committee(), EN) == first and rm.scene(draw(committee(), EN)) == first_scene


def test_the_fingerprint_changes_only_with_what_the_map_shows():
    workbook = committee()
    result = result_for(workbook)
    same = rm.fingerprint(workbook, result, "zh")
    workbook["people"][0]["personal"] = [{"id": "hobbies", "known": True}]
    assert rm.fingerprint(workbook, result, "zh") == same
    workbook["people"][0]["title"] = "局长"
    assert rm.fingerprint(workbook, result, "zh") != same
    assert rm.fingerprint(committee(), result_for(committee(), t_values={"p-2": 11}), "zh") != same


# ---------------------------------------------------------------- the handout

def test_the_handout_row_names_what_each_person_was_told_and_what_is_known_of_them():
    workbook = committee()
    workbook["seller"]["personal"] = [{"id": "hobbies", "note": "周末钓鱼", "status": "prepared", "level": "private"},
                                      {"id": "past_experience", "note": "", "status": "prepared", "level": "public"}]
    workbook["people"][0]["told"] = ["hobbies", "past_experience"]
    workbook["people"][0]["personal"] = [{"id": "hobbies", "note": "喜欢下围棋", "known": True, "level": "semi_public"},
                                         {"id": "past_experience", "note": "x", "known": False}]
    rows = rm.handout_rows(workbook, result_for(workbook, t_values={"p-1": 248}), EN)
    hobbies = EN.point_label("seller", "personal", "hobbies")
    experience = EN.point_label("seller", "personal", "past_experience")
    assert rows[0][:5] == ["王主任 (数据局副局长)", "Decision maker", "High", "Neutral", "248"]
    assert rows[0][5] == hobbies + " (Private), " + experience + " (Public)"     # content order, no notes
    assert rows[0][6] == hobbies + " (Semi-public)"
    assert rows[1][5] == rows[1][6] == "—"


# ---------------------------------------------------------------- against the scoring core

def test_the_worked_example_of_version_2_is_drawn_from_its_score():
    import scoring
    from fixtures import worked_example_account

    workbook = worked_example_account()
    drawing = rm.drawing(workbook, scoring.score(workbook, METHOD), EN)
    assert drawing["caption"] == EN.ui_text("map_caption", {"T": "192.25", "count": 2})
    director, officer = drawing["nodes"]
    assert (director["T_text"], director["step"], director["depth"]) == ("248", 3, 0)   # 248 / 192.25 = 1.29
    assert (officer["T_text"], officer["step"], officer["depth"]) == ("25", 0, 1)       # under half of it
    assert [edge["to"] for edge in drawing["edges"]] == ["p-1"]
    assert [seat["role"] for seat in drawing["seats"]] == ["user", "technical", "coach"]
    assert drawing["rows"][1] == ["李科长", "采购科", "Procurement and finance", "Low", "Neutral", "王主任", "25"]


def test_a_new_workbook_is_one_unnamed_person_a_single_thread_with_every_seat_empty():
    import scoring

    workbook = scoring.blank_workbook(METHOD, "wb-1", "")
    drawing = rm.drawing(workbook, scoring.score(workbook, METHOD), ZH)
    assert drawing["single_thread"] and drawing["nodes"][0]["name"] == ZH.ui_text("map_unnamed", {"number": 1})
    assert [seat["role"] for seat in drawing["seats"]] == ZH.content.seat_roles


def test_the_largest_workbook_draws_twelve_people_in_their_hierarchy():
    import scoring
    from fixtures import largest_workbook

    workbook = largest_workbook()
    drawing = rm.drawing(workbook, scoring.score(workbook, METHOD), ZH)
    assert len(drawing["nodes"]) == 12 and len(drawing["edges"]) == 11 and drawing["notes"] == []
    assert [node["depth"] for node in drawing["nodes"]] == [0, 1, 1, 1, 2, 3, 4, 2, 3, 4, 2, 2]
    assert drawing["width"] == 2 * rm.MARGIN + 4 * rm.SLOT          # two stacks and two side by side
    xs = [(node["y"], node["x"]) for node in drawing["nodes"]]
    assert len(set(xs)) == 12                                  # nobody drawn over anybody
    assert len({element[0] for element in flat(rm.scene(drawing))}) == len(flat(rm.scene(drawing)))


# ---------------------------------------------------------------- the same under MicroPython

PARITY_HARNESS = r'''
import json
import re
import relationship_map
import scoring
import view
''' + LEAF_LINES + r'''

def run(method_text, cases_text):
    method = json.loads(method_text)
    cases = json.loads(cases_text)
    before = {}
    for language in ("zh", "en"):
        texts = view.Texts(method, language)
        for line in lines_of(relationship_map.legend(texts)):
            yield line
        for case in cases:
            if case["result"] is None:      # scored here, by the core of this interpreter
                case["result"] = scoring.score(case["workbook"], method)
            drawing = relationship_map.drawing(case["workbook"], case["result"], texts)
            elements = relationship_map.scene(drawing)
            for line in lines_of([drawing, elements, relationship_map.changes(before, elements),
                                  relationship_map.handout_rows(case["workbook"], case["result"], texts),
                                  relationship_map.fingerprint(case["workbook"], case["result"], language)]):
                yield line
            before = relationship_map.index(elements)
'''


def parity_cases():
    """Hierarchies, loops, a full twelve, odd figures and odd records."""
    cases = [committee(), workbook_of(person("p-1", "王主任", "decision_maker", 3))]
    loop = workbook_of(person("p-1", "A", reports_to="p-3"), person("p-2", "B", reports_to="p-1"),
                       person("p-3", "C", reports_to="p-2"), person("p-4", "", reports_to="p-4"))
    cases.append(loop)
    roles = ["decision_maker", "user", "technical", "procurement", "coach", "other"]
    attitudes = ["supporter", "neutral", "sceptic", "opponent"]
    twelve = workbook_of(*[person("p-" + str(n), "人员\x00" + str(n) * n, roles[n % 6], 1 + n % 3, attitudes[n % 4],
                                  None if n < 3 else "p-" + str(n // 2), title="科员 " * (n % 3))
                           for n in range(1, 13)])
    cases.append(twelve)
    figures = [(None, None), ({"p-1": 248, "p-2": 25, "p-3": 0.1, "p-4": 7.5}, 192.25),
               ({"p-1": 0}, 0), ({}, None)]
    out = []
    for k in range(len(cases)):
        t_values, account_t = figures[k % len(figures)]
        workbook = cases[k]
        workbook["seller"]["personal"] = [{"id": "hobbies", "note": "钓鱼\n周末", "status": "prepared",
                                           "level": "private"}]
        workbook["people"][0]["told"] = ["hobbies", "unknown"]
        workbook["people"][0]["personal"] = [{"id": "hobbies", "note": "围棋", "known": True, "level": "semi_public"}]
        out.append({"workbook": workbook, "result": result_for(workbook, t_values, account_t)})
    odd = result_for(committee(), {"p-1": 1e300, "p-2": 2.675, "p-3": 0.1 + 0.2})
    odd["people"].append({"id": None})
    odd["people"].append(dict(odd["people"][0]))          # a repeated id is drawn once
    out.append({"workbook": {"people": [7, {"id": "p-1", "title": None}]}, "result": odd})
    from fixtures import largest_workbook, worked_example_account

    out += [{"workbook": worked_example_account(), "result": None}, {"workbook": largest_workbook(), "result": None}]
    return out


def test_the_map_is_drawn_the_same_under_micropython(tmp_path):
    from interpreters import CORE_MODULES, both

    inputs = {"method.json": build.CONTENT_FILE.read_text(encoding="utf-8"),
              "cases.json": json.dumps(parity_cases(), ensure_ascii=False)}
    modules = CORE_MODULES + ["people_view.py", "relationship_map.py", "view.py"]
    expected, got = both(PARITY_HARNESS, modules, inputs, tmp_path)
    assert len(expected) > 2000
    assert got == expected


# ---------------------------------------------------------------- the painter, in a browser

from playwright.sync_api import expect  # noqa: E402

import map_probe  # noqa: E402


@pytest.fixture
def probe(page, site_url, built_site, outside_requests):
    """The built page with map_painter.show() callable from the test."""
    return map_probe.open_probe(page, site_url, built_site)


def committee_figures():
    workbook = committee()
    return workbook, result_for(workbook, {"p-1": 248, "p-2": 25, "p-3": 100, "p-4": 40})


@pytest.mark.browser
def test_the_painter_draws_each_person_as_a_link_to_their_sheet_with_the_seats_and_the_table(probe):
    workbook, result = committee_figures()
    drawn, _ = map_probe.draw(probe, "zh", workbook, result)
    assert drawn is True
    figure = probe.locator("[data-map-figure]")
    links = figure.locator("a[data-action='open-person']")
    expect(links).to_have_count(4)
    assert [links.nth(k).get_attribute("data-person") for k in range(4)] == ["p-1", "p-2", "p-3", "p-4"]
    expect(figure.get_by_role("link", name="王主任(数据局副局长):决策者,影响力高,态度中立,T = 248")).to_be_visible()
    expect(figure.locator(".map-seat")).to_have_count(1)
    expect(figure.locator(".map-seat")).to_contain_text("内部支持者")
    assert figure.locator(".map-seat .map-seat-circle").evaluate("c => getComputedStyle(c).strokeDasharray") != "none"
    caption = ZH.ui_text("map_caption", {"T": result["text"]["T"], "count": 4})
    expect(probe.locator("#relationship-map [data-map-caption]")).to_have_text(caption)
    rows = probe.locator("[data-map-rows] tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(3)).to_have_text("小赵使用者低反对张处长40")
    links.nth(1).focus()
    assert probe.evaluate("document.activeElement.getAttribute('data-person')") == "p-2"


@pytest.mark.browser
def test_the_painter_writes_only_what_an_edit_changed(probe):
    workbook, result = committee_figures()
    map_probe.draw(probe, "zh", workbook, result)
    probe.evaluate("document.querySelector(\"[data-person='p-1']\").kept = true")
    assert map_probe.draw(probe, "zh", workbook, result)[0] is False       # the same map: nothing written
    result["people"][3].update(T=300, text={"T": "300"})
    assert map_probe.draw(probe, "zh", workbook, result)[0] is True
    assert probe.evaluate("document.querySelector(\"[data-person='p-1']\").kept") is True
    expect(probe.locator("#relationship-map [data-person='p-4'] .map-t")).to_have_text("T = 300")
    fewer = workbook_of(*workbook["people"][:3])
    map_probe.draw(probe, "zh", fewer, result_for(fewer))
    expect(probe.locator("[data-person='p-4']")).to_have_count(0)
    expect(probe.locator("#relationship-map .map-edge")).to_have_count(2)
    expect(probe.locator("#relationship-map .map-seat")).to_have_count(2)  # the user's seat is empty now
    expect(probe.locator("[data-map-rows] tr")).to_have_count(3)


@pytest.mark.browser
def test_a_lone_person_is_drawn_as_a_single_thread(probe):
    workbook = workbook_of(person("p-1", "王主任", "decision_maker", 3))
    map_probe.draw(probe, "zh", workbook, result_for(workbook))
    expect(probe.locator("[data-map-notes]")).to_have_text(ZH.ui_text("map_single_thread", {"name": "王主任"}))
    expect(probe.locator("#relationship-map .map-seat")).to_have_count(4)


@pytest.mark.browser
def test_names_reach_the_map_and_its_table_as_text_nul_and_markup_included(probe):
    name = "<img src=x onerror=alert(1)>王\x00主任"
    workbook = workbook_of(person("p-1", name, "decision_maker", 3), person("p-2", "李", reports_to="p-1"))
    map_probe.draw(probe, "zh", workbook, result_for(workbook))
    expect(probe.locator("[data-map-figure] img")).to_have_count(0)
    assert probe.locator("[data-map-rows] th").first.evaluate("cell => cell.textContent") == name
    label = probe.locator("[data-person='p-1'] > title").evaluate("title => title.textContent")
    assert label.startswith("<img src=x onerror=alert(1)>王\x00主任")
    expect(probe.get_by_role("link", name=re.compile("^<img src=x"))).to_have_count(1)


@pytest.mark.browser
def test_the_handout_gets_a_copy_of_the_figure_after_a_pause(probe):
    workbook, result = committee_figures()
    map_probe.draw(probe, "zh", workbook, result)
    copy = probe.locator("[data-handout-map] .map-drawing")
    expect(copy).to_have_count(1)
    expect(copy.locator(".map-person")).to_have_count(4)
    assert probe.locator("#map-caption").count() == 1            # ids stay unique
    for hook in ("data-action", "data-person", "data-map-caption", "data-map-svg", "data-map-layer", "href"):
        assert probe.locator("[" + hook + "]").evaluate_all(
            "found => found.filter(e => e.closest('[data-handout-map]')).length") == 0, hook


# ---------------------------------------------------------------- the map on the workbook page

@pytest.fixture
def workbook(page, site_url, outside_requests):
    from workbook_page import WorkbookPage

    return WorkbookPage(page, site_url).open()


@pytest.mark.browser
def test_the_page_draws_the_account_and_a_node_opens_that_persons_sheet(workbook):
    from fixtures import stored_items, worked_example_account

    workbook.open_with(stored_items(worked_example_account()))
    workbook.page.locator("#relationship-map").scroll_into_view_if_needed()
    figure = workbook.page.locator("#relationship-map [data-map-figure]")
    officer = figure.get_by_role("link", name=re.compile("^李科长"))
    expect(officer).to_have_attribute("data-person", "p-2")
    expect(workbook.page.locator("#relationship-map [data-map-caption]")).to_contain_text("192.25")
    officer.click()
    expect(workbook.picker_choice("李科长 · 采购与财务")).to_be_checked()
    figure.get_by_role("link", name=re.compile("^王主任")).focus()
    workbook.page.keyboard.press("Enter")
    expect(workbook.picker_choice("王主任 · 决策者")).to_be_checked()


@pytest.mark.browser
def test_a_name_typed_on_the_people_sheet_is_on_the_map_at_once(workbook):
    from fixtures import stored_items, worked_example_account

    workbook.open_with(stored_items(worked_example_account()))
    workbook.set_person(workbook.person(2), name="李科长助理")
    workbook.page.locator("#relationship-map").scroll_into_view_if_needed()
    expect(workbook.page.locator("#relationship-map [data-person='p-2'] .map-name")).to_have_text("李科长助理")
    expect(workbook.page.locator("#relationship-map [data-map-rows] tr").nth(1)).to_contain_text("李科长助理")


# ---------------------------------------------------------------- drawn when needed, not in the pause after ready

PHONE = {"width": 390, "height": 844}
MAP_ROWS = "#relationship-map [data-map-rows] tr"
MAP_NODES = "#relationship-map [data-map-layer='nodes'] a"


@pytest.fixture
def phone(page, site_url, outside_requests):
    """The worked example's account on a phone, the page settled after
    ready (the panel's details and the review written) and not scrolled."""
    from fixtures import stored_items, worked_example_account
    from workbook_page import WorkbookPage

    page.set_viewport_size(PHONE)
    workbook = WorkbookPage(page, site_url).open_with(stored_items(worked_example_account()))
    expect(page.locator("body")).to_have_attribute("data-panel", "complete")
    workbook.wait_until_reviewed()
    return workbook


def people_of_the_worked_example():
    from fixtures import worked_example_account

    return worked_example_account()["people"]


@pytest.mark.browser
def test_on_a_phone_the_map_below_the_first_screen_is_drawn_only_once_scrolled_near(phone):
    page = phone.page
    expect(page.locator(MAP_ROWS)).to_have_count(0)
    expect(page.locator("#relationship-map [data-map-legend] li")).to_have_count(0)
    expect(page.locator("#relationship-map")).to_have_attribute("aria-busy", "true")  # not an empty account
    # Scrolled to 100 px above the map: near, not yet in sight.
    map_top = "document.querySelector('#relationship-map').getBoundingClientRect().top"
    assert page.evaluate(map_top) > PHONE["height"] + 100
    page.evaluate("""() => window.scrollBy(0, document.querySelector('#relationship-map').getBoundingClientRect().top
                                              - innerHeight - 100)""")
    expect(page.locator(MAP_ROWS)).to_have_count(len(people_of_the_worked_example()))
    expect(page.locator(MAP_NODES)).to_have_count(len(people_of_the_worked_example()))
    assert page.locator("#relationship-map [data-map-legend] li").count() > 0
    assert page.locator("#relationship-map [data-map-caption]").inner_text() != ""
    expect(page.locator("#relationship-map")).not_to_have_attribute("aria-busy", "true")


@pytest.mark.browser
def test_the_map_once_drawn_follows_every_edit_wherever_the_page_is_scrolled(phone):
    phone.page.locator("#relationship-map").scroll_into_view_if_needed()
    expect(phone.page.locator(MAP_ROWS)).to_have_count(len(people_of_the_worked_example()))
    phone.page.evaluate("window.scrollTo(0, 0)")
    phone.set_person(phone.person(2), name="李科长助理")
    expect(phone.page.locator(MAP_ROWS).nth(1)).to_contain_text("李科长助理")


@pytest.mark.browser
def test_following_the_sheet_link_to_the_map_finds_it_drawn_before_the_jump(phone):
    link = phone.page.get_by_role("navigation").get_by_role("link", name=ZH.ui_text("map_title"), exact=True)
    rows = link.evaluate("(link, rows) => { link.click(); return document.querySelectorAll(rows).length; }", MAP_ROWS)
    assert rows == len(people_of_the_worked_example())


@pytest.mark.browser
def test_a_keyboard_user_in_the_people_sheet_finds_the_maps_links_drawn_ahead(phone):
    phone.page.locator("#people input, #people select").first.focus()
    expect(phone.page.locator(MAP_NODES)).to_have_count(len(people_of_the_worked_example()))
    expect(phone.page.locator(MAP_ROWS)).to_have_count(len(people_of_the_worked_example()))


@pytest.mark.browser
def test_printing_right_after_ready_prints_the_map_and_its_table_without_a_scroll(phone):
    page = phone.page
    assert page.locator(MAP_ROWS).count() == 0  # not drawn yet: printing draws it
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(MAP_ROWS).count() == len(people_of_the_worked_example())
    names = page.locator("[data-handout-map] .map-name").all_text_contents()
    assert sorted(names) == sorted(person["name"] for person in people_of_the_worked_example())
