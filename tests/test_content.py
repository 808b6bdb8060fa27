"""content.py reads method.json once for every pure module: its limits,
choices, labels and interface text come from the content file alone."""

import copy
import json
import re
from pathlib import Path

import build
import content
import results
import room
import scoring
import view
from workbook_strategies import METHOD, largest_workbook, worked_example

PY = Path(__file__).resolve().parents[1] / "py"
GLUE = ("main.py", "room_worker.py")


def with_limits(needs, common_ground):
    method = copy.deepcopy(METHOD)
    method["limits"] = dict(method["limits"], needs=needs, common_ground=common_ground)
    return method


def test_the_free_lists_limits_come_from_method_json_alone():
    method = with_limits(3, 2)
    workbook = largest_workbook(needs=5, shared=4)
    normalised = scoring.normalise(workbook, method)
    assert [need["id"] for need in normalised["client"]["needs"]] == ["need-1", "need-2", "need-3"]
    assert [item["id"] for item in normalised["common_ground"]] == ["cg-1", "cg-2"]
    # A full common ground leaves nobody to look for more with; one below the limit does.
    assert scoring.score(normalised, method)["common_ground"] == []
    roomier = with_limits(3, 3)
    assert len(scoring.score(normalised, roomier)["common_ground"]) == len(normalised["people"])


def test_the_people_limit_comes_from_method_json_alone():
    method = copy.deepcopy(METHOD)
    method["limits"] = dict(method["limits"], people=2)
    normalised = scoring.normalise(largest_workbook(people=5), method)
    assert [one["id"] for one in normalised["people"]] == ["p-1", "p-2"]
    assert len(scoring.score(normalised, method)["people"]) == 2


def test_a_file_over_method_jsons_limit_is_refused_with_that_limit():
    method = with_limits(3, 30)
    text = json.dumps(largest_workbook(needs=4, shared=1), ensure_ascii=False)
    workbooks, errors = results.read_document(text, method, "en")
    assert workbooks == []
    assert [error["path"] for error in errors] == ["client.needs"]
    assert "3" in errors[0]["message"] and "4" in errors[0]["message"]
    assert results.read_document(text, with_limits(4, 30), "en")[1] == []


def test_no_pure_module_names_a_limit_or_reads_method_json_but_content():
    for path in PY.glob("*.py"):
        if path.name in GLUE or path.name == "content.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"MAX_NEEDS|MAX_COMMON_GROUND|[\"']limits[\"']", source), path.name
        assert not re.search(r"""method\s*(\[|\.get\()""", source), path.name


def test_a_digest_is_read_as_is_and_scores_as_the_method_it_came_from():
    digest = content.read(METHOD)
    assert content.read(digest) is digest
    assert digest.method is METHOD
    assert scoring.score(worked_example(), digest) == scoring.score(worked_example(), METHOD)


def test_a_pages_content_file_says_its_one_language_and_method_json_none():
    assert content.only_language(build.in_language(METHOD, "zh")) == "zh"
    assert content.only_language(build.in_language(METHOD, "en")) == "en"
    assert content.only_language(METHOD) is None


def test_interface_text_is_filled_in_the_language_asked_and_falls_back_on_english():
    digest = content.read(METHOD)
    assert digest.ui_text("en", "room_participant_n", {"n": 3}) == METHOD["ui"]["room_participant_n"]["en"].replace("{n}", "3")
    assert digest.ui_text("fr", "untitled") == METHOD["ui"]["untitled"]["en"]
    assert view.Texts(digest, "zh").ui_text("untitled") == METHOD["ui"]["untitled"]["zh"]


def test_the_room_and_the_page_name_points_with_the_contents_labels():
    digest = content.read(METHOD)
    first = METHOD["point_sets"][0]["items"][0]
    assert digest.fixed_points[0][2] == first["id"] and digest.fixed_points[0][4] == first["label"]
    loaded = room.add_file(room.new_room(), "a.json", json.dumps(worked_example(), ensure_ascii=False), digest, "en")
    heat = room.coverage(loaded, digest, "en")
    assert heat["lists"][0]["label"] == digest.seller_lists[0].label["en"]
    assert heat["lists"][0]["points"][0]["label"] == first["label"]["en"]


# ---------------------------------------------------------------- words a seller reads on a real account

def point_item(point_set, point_id):
    items = next(s for s in METHOD["point_sets"] if s["id"] == point_set)["items"]
    return next(item for item in items if item["id"] == point_id)


def test_the_decision_participants_hint_says_to_tick_it_once_the_people_are_listed():
    # A seller who listed the whole buying committee is still told to "learn
    # the decision participants" until the preference is ticked: its hint
    # says where they are listed and what to tick.
    hint = point_item("preferences", "decision_participants")["hint"]
    for language in ("zh", "en"):
        assert METHOD["ui"]["people_sheet"][language] in hint[language]
        assert METHOD["ui"]["known"][language] in hint[language]


def test_the_client_personal_sheet_speaks_of_each_of_the_people_not_one_key_contact():
    help_text = next(s for s in METHOD["client_lists"] if s["id"] == "personal")["help"]
    assert "关键联系人" not in help_text["zh"] and "key contact" not in help_text["en"]
    assert "每个人" in help_text["zh"] and "each of the client's people" in help_text["en"]


def test_no_english_message_counts_with_a_bracketed_plural():
    counted = [key for key, text in METHOD["ui"].items() if "{count}" in text["en"] and "(s)" in text["en"]]
    assert counted == []


def all_texts(data):
    """Every {zh, en} text of the content, wherever it sits."""
    if isinstance(data, dict):
        if set(data) == {"zh", "en"}:
            yield data
        for value in data.values():
            yield from all_texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from all_texts(value)


def test_the_people_sheet_is_named_by_its_own_title_wherever_a_text_sends_the_reader_there():
    zh, en = METHOD["ui"]["people_sheet"]["zh"], METHOD["ui"]["people_sheet"]["en"]
    assert [text["zh"] for text in all_texts(METHOD) if "人员表" in text["zh"]] == []
    assert [text["en"] for text in all_texts(METHOD) if "people sheet" in text["en"].lower()] == []
    assert sum(zh in text["zh"] for text in all_texts(METHOD)) >= 3
    assert sum(en in text["en"] for text in all_texts(METHOD)) >= 3
