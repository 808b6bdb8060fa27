"""scoring.Scorer: a workbook kept read between edits, with only the edited
part read again, scores exactly as score() reading the whole workbook.

Edits are plain data ({"path", "at", "op", "value"}) made by random_edit()
and carried out by apply_edit() in HARNESS, so the Hypothesis test and the
MicroPython parity test apply the same edits the same way."""

import copy
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jsontext
import scoring
from interpreters import CORE_MODULES, DECODE_NON_FINITE, both
from workbook_strategies import (CATEGORIES, CLIENT_POINT_LISTS, LEVELS, METHOD, METHOD_PATH,
                                 NARROWNESS, POINTS, PRESETS, SELLER_LISTS, STAGES, STATUSES,
                                 TEXTS, VISIBILITIES, largest_workbook, malformed_workbooks,
                                 random_workbook, workbooks, worked_example)

EDITING = settings(max_examples=150, deadline=None)
PREPARED = scoring.prepare(METHOD)

# Runs unchanged under CPython and MicroPython.
HARNESS = r'''
import json
import jsontext
import scoring

''' + DECODE_NON_FINITE + r'''

def apply_edit(workbook, edit):
    """Set, append to or delete the value that the keys edit["at"] lead to
    from the workbook, in place, as the page edits its workbook."""
    at = edit["at"]
    container = workbook
    for key in at[:-1]:
        container = container[key]
    op = edit["op"]
    if op == "set":
        container[at[-1]] = decode(edit["value"])
    elif op == "append":
        container[at[-1]].append(decode(edit["value"]))
    elif op == "delete":
        del container[at[-1]]
    else:
        raise ValueError("unknown edit " + op)


FIGURES = ("model_version", "T", "IS", "IC", "R", "IS_total", "IC_total", "text", "exact")


def figures_of(result):
    """What Scorer.figures() says: score()'s figures, and of each person
    what T's formula shows."""
    figures = {}
    for name in FIGURES:
        if name in result:
            figures[name] = result[name]
    people = []
    for person in result["people"]:
        entry = {"id": person["id"], "influence": person["influence"],
                 "contact_factor": person["contact_factor"], "T": person["T"],
                 "text": {"T": person["text"]["T"]}}
        if "exact" in person:
            entry["exact"] = {"T": person["exact"]["T"]}
        people.append(entry)
    figures["people"] = people
    return figures


def run(cases_text, method_text):
    method = json.loads(method_text)
    prepared = scoring.prepare(method)
    cases = json.loads(cases_text)
    for i in range(len(cases)):
        workbook = decode(cases[i]["workbook"])
        scorer = scoring.Scorer(workbook, method if i % 2 else prepared)
        yield "case-%d start %s" % (i, jsontext.dumps(scorer.score(exact=True)))
        edits = cases[i]["edits"]
        for k in range(len(edits)):
            apply_edit(workbook, edits[k])
            scorer.reread(workbook, edits[k]["path"])
            # Both orders: what one call keeps, the other must not be misled by.
            if k % 2:
                figures = scorer.figures(exact=True)
                result = scorer.score(exact=True)
            else:
                result = scorer.score(exact=True)
                figures = scorer.figures(exact=True)
            agrees = (result == scoring.score(workbook, prepared, exact=True)
                      and figures == figures_of(result))
            yield "case-%d edit-%d %s %s" % (i, k, "agrees" if agrees else "DIFFERS",
                                             jsontext.dumps(result))
'''

_harness = {"__name__": "harness"}
exec(compile(HARNESS, "harness", "exec"), _harness)
apply_edit = _harness["apply_edit"]
figures_of = _harness["figures_of"]
decode = _harness["decode"]

# ------------------------------------------------------------ random edits

FIXED_LISTS = ([("seller", lid, ids, leveled) for lid, ids, leveled in SELLER_LISTS]
               + [("client", lid, ids, leveled) for lid, ids, leveled in CLIENT_POINT_LISTS
                  if not leveled])
ODD_STAGES = [None, 0, 5, 2.5, "2", "__nan__"]
NUMBERS = [0, 1, 2, 3, 10, 11, -1, 0.5, 1 / 3, 2.675, 1e-7, 1e300, "__nan__", "__inf__", True,
           "1", None]
PERSONAL_IDS = POINTS["personal"]
PERSON_VALUES = {
    "influence": [1, 2, 3, 0, 7, 2.5, None, True],
    "contact_factor": NUMBERS,
    "role": ["decision_maker", "coach", "other", "boss", None],
    "attitude": ["supporter", "opponent", "grumpy"],
    "reports_to": ["p-1", "p-2", "nobody", None],
    "name": TEXTS,
    "id": ["p-1", "p-2", "p-9", "", None],
}
POINT_VALUES = {
    "status": STATUSES + ["", None, "shown"],
    "known": [True, False, None, 1, "true"],
    "stage": STAGES + ODD_STAGES,
    "level": LEVELS + [None, "secret", 2],
    "note": TEXTS,
}
NEED_VALUES = {
    "id": ["need-1", "need-2", "need-31", "", " ", None, 7],
    "text": TEXTS,
    "severity": [1, 2, 3, 0, 4, 2.5, None, "3"],
    "visibility": VISIBILITIES + ["shown"],
    "known": [True, False, None, 1],
    "stage": STAGES + ODD_STAGES,
    "owner": ["p-1", "p-3", "nobody", None],
}
SHARED_VALUES = {
    "id": ["cg-1", "cg-2", "", None],
    "text": TEXTS,
    "narrowness": NARROWNESS + [0, 4, 1.5, None, "__inf__"],
    "category": CATEGORIES + ["secret"],
    "stage": STAGES + ODD_STAGES,
    "with": [["p-1"], ["p-1", "p-2"], ["p-2", "nobody"], [], None, "p-1"],
}


def _set(path, at, value):
    return {"path": path, "at": at, "op": "set", "value": value}


def _free_list_edit(rng, records, path, at, values):
    """Add, remove or change a need or a shared item."""
    if not isinstance(records, list):
        return _set(path, at, [])
    r = rng.random()
    if not records or r < 0.3:
        record = {key: rng.choice(choices) for key, choices in values.items()
                  if rng.random() < 0.9}
        return {"path": path, "at": at, "op": "append", "value": record}
    k = rng.randrange(len(records))
    if r < 0.45:
        return {"path": path, "at": at + [k], "op": "delete"}
    if not isinstance(records[k], dict):
        return _set(path, at + [k], {"text": rng.choice(TEXTS)})
    key = rng.choice(sorted(values))
    return _set(path, at + [k, key], rng.choice(values[key]))


def random_edit(workbook, rng):
    """One edit of a workbook (a dict) from random.Random `rng`, as the page
    makes them: its "path" is the part to read again.  A side that is not a
    dict is replaced whole, with the side's name as the path."""
    kind = rng.choice(["point"] * 5 + ["need"] * 2 + ["shared"] * 2 + ["settings"] * 2
                      + ["text"] + ["person"] * 4 + ["people"])
    if kind == "person":
        return _person_edit(workbook, rng)
    if kind == "people":
        people = workbook.get("people")
        if not isinstance(people, list) or not people or rng.random() < 0.4:
            return {"path": "people", "at": ["people"], "op": "set",
                    "value": [{"id": "p-1"}, {"id": "p-2", "influence": 3}][:rng.randint(0, 2)]}
        if rng.random() < 0.5:
            return {"path": "people", "at": ["people", rng.randrange(len(people))], "op": "delete"}
        return {"path": "people", "at": ["people"], "op": "append",
                "value": {"id": rng.choice(["p-2", "p-3", "p-1"]), "told": PERSONAL_IDS[:2]}}
    if kind in ("point", "need"):
        side = "client" if kind == "need" else rng.choice(["seller", "client"])
        if not isinstance(workbook.get(side), dict):
            return _set(side, [side], {})
    if kind == "point":
        side, lid, ids, leveled = rng.choice([f for f in FIXED_LISTS if f[0] == side])
        path = side + "." + lid
        records = workbook[side].get(lid)
        if not isinstance(records, list):
            return _set(path, [side, lid], [])
        r = rng.random()
        if not records or r < 0.15:
            # The id may repeat one already there (its first record counts)
            # or be no point of the list.
            record = {"id": rng.choice(ids + ["no-such-point"])}
            record["status" if side == "seller" else "known"] = rng.choice(
                POINT_VALUES["status" if side == "seller" else "known"])
            return {"path": path, "at": [side, lid], "op": "append", "value": record}
        k = rng.randrange(len(records))
        if r < 0.25:
            return {"path": path, "at": [side, lid, k], "op": "delete"}
        if not isinstance(records[k], dict):
            return _set(path, [side, lid, k], {"id": rng.choice(ids)})
        progress = "status" if side == "seller" else "known"
        field = rng.choice([progress, progress, "stage", "note"] + (["level"] if leveled else []))
        return _set(path, [side, lid, k, field], rng.choice(POINT_VALUES[field]))
    if kind == "need":
        return _free_list_edit(rng, workbook["client"].get("needs"), "client.needs",
                               ["client", "needs"], NEED_VALUES)
    if kind == "shared":
        return _free_list_edit(rng, workbook.get("common_ground"), "common_ground",
                               ["common_ground"], SHARED_VALUES)
    if kind == "settings":
        current = workbook.get("settings")
        if not isinstance(current, dict) or rng.random() < 0.1:
            return _set("settings", ["settings"], rng.choice([{}, {"preset": rng.choice(PRESETS)}]))
        key = rng.choice(["preset", "contact_factor", "seller_personal_weight", "weights",
                          "level_values"])
        if key == "preset":
            return _set("settings", ["settings", key], rng.choice(PRESETS + ["custom", "bogus"]))
        if key in ("weights", "level_values"):
            names = ["needs", "preferences", "personal"] if key == "weights" else LEVELS
            if isinstance(current.get(key), dict) and rng.random() < 0.8:
                return _set("settings", ["settings", key, rng.choice(names)], rng.choice(NUMBERS))
            return _set("settings", ["settings", key],
                        {name: rng.choice(NUMBERS) for name in names})
        return _set("settings", ["settings", key], rng.choice(NUMBERS))
    key = rng.choice(["name", "account", "id", "stage"])
    if key == "stage":
        return _set(key, [key], rng.choice(STAGES + ODD_STAGES))
    return _set(key, [key], rng.choice(TEXTS))


def _person_edit(workbook, rng):
    """A change to one person, read again alone ("people.<id>") as the page
    does; a person that cannot be named so is read with all the people."""
    people = workbook.get("people")
    if not isinstance(people, list) or not people:
        return _set("people", ["people"], [{"id": "p-1"}])
    k = rng.randrange(len(people))
    one = people[k]
    if not isinstance(one, dict):
        return _set("people", ["people", k], {"id": "p-%d" % (k + 1)})
    path = "people." + one["id"] if isinstance(one.get("id"), str) else "people"
    r = rng.random()
    if r < 0.35:
        records = one.get("personal")
        if not isinstance(records, list) or not records:
            return _set(path, ["people", k, "personal"],
                        [{"id": rng.choice(PERSONAL_IDS), "known": True, "level": "private"}])
        j = rng.randrange(len(records))
        if not isinstance(records[j], dict):
            return _set(path, ["people", k, "personal", j], {"id": rng.choice(PERSONAL_IDS)})
        field = rng.choice(["known", "known", "stage", "level", "note"])
        return _set(path, ["people", k, "personal", j, field], rng.choice(POINT_VALUES[field]))
    if r < 0.6:
        return _set(path, ["people", k, "told"],
                    [rng.choice(PERSONAL_IDS + ["nope"]) for _ in range(rng.randint(0, 5))])
    field = rng.choice(sorted(PERSON_VALUES))
    if field == "id":
        path = "people"
    return _set(path, ["people", k, field], rng.choice(PERSON_VALUES[field]))


# ------------------------------------------------------------ Hypothesis

@EDITING
@given(st.one_of(workbooks(), malformed_workbooks().filter(lambda w: isinstance(w, dict))),
       st.sampled_from(["method", "prepared"]), st.randoms(use_true_random=False),
       st.integers(1, 25))
def test_a_scorer_rereading_the_changed_list_agrees_with_a_full_score(wb, given_as, rng,
                                                                        n_edits):
    method = METHOD if given_as == "method" else PREPARED
    scorer = scoring.Scorer(wb, method)
    assert scorer.score(exact=True) == scoring.score(wb, PREPARED, exact=True)
    for _ in range(n_edits):
        edit = random_edit(wb, rng)
        apply_edit(wb, edit)
        scorer.reread(wb, edit["path"])
        figures = scorer.figures(exact=True)
        full = scoring.score(wb, PREPARED, exact=True)
        assert figures == figures_of(full), edit
        assert scorer.score(exact=True) == full, edit


@pytest.mark.parametrize("path", ["seller.product", "seller.personal", "client.needs", "people.p-1",
                                  "people", "common_ground", "settings"])
def test_the_figures_after_an_edit_are_the_full_scores_figures_and_follow_the_edit(path):
    wb = worked_example()
    scorer = scoring.Scorer(wb, PREPARED)
    before = scorer.figures()
    _change(wb, path)
    scorer.reread(wb, path)
    figures = scorer.figures(exact=True)
    assert figures == figures_of(scoring.score(wb, PREPARED, exact=True))
    assert figures["T"] != before["T"]


# ------------------------------------------------------------ fixed cases

def _change(wb, path):
    """Change the part at `path` of the worked example so that T changes."""
    if path == "seller.product":
        wb["seller"]["product"].append({"id": POINTS["product"][5], "status": "disclosed"})
    elif path == "seller.company":
        wb["seller"]["company"][0]["status"] = "empty"
    elif path == "seller.personal":
        wb["seller"]["personal"][0]["level"] = "private"
    elif path == "client.needs":
        wb["client"]["needs"][0]["known"] = False
    elif path == "client.preferences":
        wb["client"]["preferences"][0]["known"] = False
    elif path == "people.p-1":
        wb["people"][0]["personal"][0]["level"] = "public"
    elif path == "people":
        wb["people"].append({"id": "p-2", "influence": 3})
    elif path == "common_ground":
        wb["common_ground"][0]["narrowness"] = 3
    elif path == "settings":
        wb["settings"]["seller_personal_weight"] = 2
    else:
        raise AssertionError(path)


PARTS = ["seller.product", "seller.company", "seller.personal", "client.needs", "people.p-1",
         "client.preferences", "people", "common_ground", "settings"]


@pytest.mark.parametrize("path", PARTS)
def test_rereading_one_part_reads_that_part_and_no_other(path):
    """What saves the time: an edit the scorer is not told of stays unseen."""
    told = worked_example()
    scorer = scoring.Scorer(told, PREPARED)
    untold = PARTS[(PARTS.index(path) + 1) % len(PARTS)]
    _change(told, path)
    expected = scoring.score(told, PREPARED)
    _change(told, untold)
    scorer.reread(told, path)
    assert expected["T"] != scoring.score(worked_example(), PREPARED)["T"]
    assert scoring.score(told, PREPARED)["T"] != expected["T"]
    assert scorer.score() == expected


@pytest.mark.parametrize("path", ["seller", "client", "seller.product.0.status", "Seller.Product",
                                  "seller.nonsense", "", None, ("common_ground",),
                                  ["seller", "product"]])
def test_an_unknown_path_rereads_the_whole_workbook(path):
    wb = worked_example()
    scorer = scoring.Scorer(wb, PREPARED)
    before = scorer.score()
    _change(wb, "seller.product")
    _change(wb, "common_ground")
    scorer.reread(wb, path)
    assert scorer.score() == scoring.score(wb, PREPARED)
    assert scorer.score()["T"] != before["T"]


def test_a_scorer_given_another_workbook_reads_it_whole_and_follows_it():
    scorer = scoring.Scorer(worked_example(), PREPARED)
    other = largest_workbook()
    scorer.reread(other, "settings")
    assert scorer.score() == scoring.score(other, PREPARED)
    other["seller"]["product"][0]["status"] = "empty"
    scorer.reread(other, "seller.product")
    assert scorer.score() == scoring.score(other, PREPARED)


def test_a_scorer_reads_any_input_as_score_does():
    for junk in ({}, None, [], "workbook", 7):
        scorer = scoring.Scorer(junk, METHOD)
        assert scorer.score() == scoring.score(junk, METHOD)
        scorer.reread(junk, "seller.product")
        assert scorer.score() == scoring.score(junk, METHOD)


# ------------------------------------------------------------ MicroPython

def edit_cases(seed=4321, n=36, n_edits=14):
    """The worked example, the largest workbook and n random ones (a third
    malformed), each with n_edits edits made one after the other."""
    rng = random.Random(seed)
    starts = [worked_example(), largest_workbook()]
    starts += [random_workbook(rng, malformed=0.0 if k % 3 else 0.08) for k in range(n)]
    cases = []
    for wb in starts:
        original = copy.deepcopy(wb)
        edits = []
        for _ in range(n_edits):
            edit = random_edit(wb, rng)
            apply_edit(wb, edit)
            edits.append(edit)
        cases.append({"workbook": original, "edits": edits})
    return cases


@pytest.fixture(scope="module")
def edits_run(tmp_path_factory):
    cases = edit_cases()
    inputs = {"cases.json": json.dumps(cases, ensure_ascii=False),
              "method.json": METHOD_PATH.read_text(encoding="utf-8")}
    expected, got = both(HARNESS, CORE_MODULES, inputs, tmp_path_factory.mktemp("edits"))
    return cases, expected, got


def test_micropython_scores_every_edit_of_a_scorer_exactly_as_cpython(edits_run):
    cases, expected, got = edits_run
    n_edits = sum(len(case["edits"]) for case in cases)
    assert len(expected) == len(cases) + n_edits
    assert [line.split(" ")[2] for line in expected if " edit-" in line] == ["agrees"] * n_edits
    assert len(got) == len(expected), "MicroPython wrote %d lines, CPython %d" % (
        len(got), len(expected))
    diffs = [" ".join(e.split(" ", 2)[:2]) for e, g in zip(expected, got) if e != g]
    assert diffs == [], "results differ for %d edits, first: %s" % (len(diffs), diffs[:10])


def test_the_edit_cases_change_the_score_often_and_touch_every_part():
    cases = edit_cases()
    paths = [edit["path"] for case in cases for edit in case["edits"]]
    assert set(PARTS) | {"name", "account", "id", "stage"} <= set(paths)
    assert len({path for path in paths if path.startswith("people.")}) >= 3
    changed = 0
    for case in cases:
        wb = decode(case["workbook"])
        before = jsontext.dumps(scoring.score(wb, PREPARED))
        for edit in case["edits"]:
            apply_edit(wb, edit)
            after = jsontext.dumps(scoring.score(wb, PREPARED))
            changed += after != before
            before = after
    assert changed > len(paths) // 3
