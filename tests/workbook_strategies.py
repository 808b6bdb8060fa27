"""Workbook generators shared by the scoring tests and the benchmark.

- Hypothesis strategies: `workbooks()` (well formed: unique ids, values in
  range, any subset of points present) and `junk()` / `malformed_workbooks()`
  (anything JSON can hold, in and around the workbook shape);
- deterministic generators for the MicroPython parity test:
  `random_workbook(rng)` and `parity_cases(seed)`;
- the fixed workbooks `worked_example()`, `largest_workbook()` and the
  content constants, from fixtures.py (imported here too);
- `apply_move(workbook, move)` applies one of score()'s next moves.

Non-finite floats cannot travel through JSON, so generators that feed the
parity test write them as the strings in NON_FINITE; `decode_non_finite()`
turns them back into floats on both sides.
"""

import copy
import random

try:
    from hypothesis import strategies as st
except ImportError:  # the benchmark only needs the fixed workbooks
    st = None

from fixtures import (  # noqa: F401 - re-exported: the tests import them from here too
    ROOT, METHOD_PATH, load_method, METHOD, POINTS, SELLER_LISTS, CLIENT_POINT_LISTS, LEVELS, STATUSES,
    STAGES, VISIBILITIES, CATEGORIES, PRESETS, NARROWNESS, DEFAULT_SETTINGS, MAX_PEOPLE, ROLES, ATTITUDES, _empty,
    as_version_1,
    person, worked_example, worked_example_account, worked_example_v1, largest_workbook)

NON_FINITE = {"__nan__": float("nan"), "__inf__": float("inf"), "__-inf__": float("-inf")}

TEXTS = ["", " ", "\u3000", "\t\n", "同一所大学", "same car brand", "孩子同班 ", "a\"b\\c\n",
         "\u200b", "x", "预算紧张,领导换届", "emoji \U0001F600"]


def decode_non_finite(x):
    """Replace the NON_FINITE marker strings by float nan / inf, recursively."""
    if isinstance(x, str) and x in NON_FINITE:
        return NON_FINITE[x]
    if isinstance(x, list):
        return [decode_non_finite(v) for v in x]
    if isinstance(x, dict):
        return {k: decode_non_finite(v) for k, v in x.items()}
    return x


# ------------------------------------------------------------ applying moves

def version_1(workbook):
    """Schema version 1 of a one-person workbook (version 2), normalised first."""
    import scoring
    return as_version_1(scoring.normalise(workbook, METHOD))


def version_0(workbook):
    """The pilot's workbook (format version 0) of a one-person workbook: no
    schema fields, fixed lists keyed by point id, levels as numbers 1-3."""
    old = version_1(workbook)
    del old["schema"], old["schema_version"]
    level_number = {level["id"]: n + 1 for n, level in enumerate(METHOD["levels"])}
    for side, lists in (("seller", ("product", "company", "personal")), ("client", ("preferences", "personal"))):
        for list_id in lists:
            keyed = {}
            for record in old[side][list_id]:
                record = dict(record)
                point_id = record.pop("id")
                if "level" in record:
                    record["level"] = level_number[record["level"]]
                keyed[point_id] = record
            old[side][list_id] = keyed
    return old


def _record(records, point_id, level):
    for r in records:
        if isinstance(r, dict) and r.get("id") == point_id:
            return r
    r = {"id": point_id}
    if level is not None:
        r["level"] = level
    records.append(r)
    return r


def apply_move(workbook, move):
    """A copy of a (well-formed, version 2) workbook with one next move
    carried out."""
    wb = copy.deepcopy(workbook)
    kind = move["kind"]
    people = {p["id"]: p for p in wb["people"]}
    person_of_move = people.get(move["person"])
    if person_of_move is not None and move["side"] == "client":
        records = person_of_move["personal"]
    else:
        records = wb[move["side"]][move["list"]]
    if kind == "disclose":
        _record(records, move["id"], None)["status"] = "disclosed"
    elif kind == "tell":
        _record(records, move["id"], move["level"])
        person_of_move["told"].append(move["id"])
    elif kind == "learn":
        _record(records, move["id"], move["level"])["known"] = True
    elif kind == "raise_level":
        _record(records, move["id"], move["from_level"])["level"] = move["level"]
    else:
        raise AssertionError("unknown move kind " + kind)
    return wb


# ------------------------------------------------------------ Hypothesis

if st is not None:
    stage_st = st.one_of(st.none(), st.sampled_from(STAGES))
    weight_st = st.one_of(
        st.integers(0, 4),
        st.floats(0, 5, allow_nan=False, allow_infinity=False),
        st.sampled_from([0.1 + 0.2, 1 / 3, 2.675, 0.125, 1e-7, 0.0000005]))

    @st.composite
    def settings_st(draw):
        s = {}
        if draw(st.booleans()):
            s["preset"] = draw(st.sampled_from(PRESETS + ["custom"]))
        if draw(st.booleans()):
            s["weights"] = {k: draw(weight_st) for k in ("needs", "preferences", "personal")
                            if draw(st.integers(0, 5))}
        if draw(st.booleans()):
            s["seller_personal_weight"] = draw(weight_st)
        if draw(st.booleans()):
            s["level_values"] = {k: draw(weight_st) for k in LEVELS if draw(st.integers(0, 5))}
        return s

    @st.composite
    def workbooks(draw, max_needs=30, max_shared=30, settings=None, max_people=4):
        """A well-formed workbook: ids unique, values in range, any subset
        of the fixed points present, in content order.  Records are decoded
        from a few byte strings (fast to draw; they shrink towards absent
        points and zero values)."""
        wb = _empty()
        n_people = draw(st.integers(1, max_people))
        wb["people"] = [person("p-%d" % (k + 1)) for k in range(n_people)]
        lists_to_fill = [("seller", lid, ids, leveled, None) for lid, ids, leveled in SELLER_LISTS]
        for lid, ids, leveled in CLIENT_POINT_LISTS:
            if leveled:
                lists_to_fill += [("client", lid, ids, leveled, one) for one in wb["people"]]
            else:
                lists_to_fill.append(("client", lid, ids, leveled, None))
        for side, lid, ids, leveled, owner in lists_to_fill:
            if True:
                blob = draw(st.binary(min_size=2 * len(ids), max_size=2 * len(ids)))
                recs = []
                for k, i in enumerate(ids):
                    b0, b1 = blob[2 * k], blob[2 * k + 1]
                    if b0 % 5 == 0:
                        continue
                    r = {"id": i, "note": TEXTS[(b0 // 15) % len(TEXTS)]}
                    if side == "seller":
                        r["status"] = STATUSES[(b0 // 5) % 3]
                    else:
                        r["known"] = (b0 // 5) % 2 == 1
                    r["stage"] = ([None] + STAGES)[b1 % 5]
                    if leveled and (b1 // 5) % 6:
                        r["level"] = LEVELS[(b1 // 30) % 3]
                    recs.append(r)
                if owner is None:
                    wb[side][lid] = recs
                else:
                    owner["personal"] = recs
        everybody = [one["id"] for one in wb["people"]]
        for one in wb["people"]:
            blob = draw(st.binary(min_size=4, max_size=4))
            one["influence"] = 1 + blob[0] % 3
            one["role"] = ROLES[blob[1] % len(ROLES)]
            one["contact_factor"] = (1, 1, 2, 0.5, 0)[blob[2] % 5]
            one["told"] = [i for k, i in enumerate(POINTS["personal"]) if (blob[3] >> (k % 8)) & 1]
        n = draw(st.integers(0, max_needs))
        blob = draw(st.binary(min_size=2 * n, max_size=2 * n))
        wb["client"]["needs"] = [
            {"id": "need-%d" % (k + 1), "text": TEXTS[(blob[2 * k] // 2) % len(TEXTS)],
             "severity": 1 + blob[2 * k + 1] % 3,
             "visibility": VISIBILITIES[(blob[2 * k + 1] // 3) % 3],
             "known": blob[2 * k] % 2 == 1,
             "stage": ([None] + STAGES)[(blob[2 * k + 1] // 9) % 5]}
            for k in range(n)]
        n = draw(st.integers(0, max_shared))
        blob = draw(st.binary(min_size=2 * n, max_size=2 * n))
        wb["common_ground"] = [
            {"id": "cg-%d" % (k + 1), "text": TEXTS[blob[2 * k] % len(TEXTS)],
             "category": CATEGORIES[blob[2 * k] // 16 % len(CATEGORIES)],
             "narrowness": NARROWNESS[blob[2 * k + 1] % 3],
             "stage": ([None] + STAGES)[(blob[2 * k + 1] // 3) % 5],
             "with": [i for j, i in enumerate(everybody) if (blob[2 * k] >> (j % 4)) & 1]}
            for k in range(n)]
        wb["settings"] = draw(settings_st()) if settings is None else copy.deepcopy(settings)
        return wb

    scalar_junk = st.one_of(
        st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20),
        st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=6),
        st.sampled_from(["disclosed", "prepared", "private", "balanced", "custom",
                         "performance", "hobbies", "need-1", "", "\u3000"]))

    KEYS = ["id", "note", "status", "stage", "level", "known", "text", "severity",
            "visibility", "narrowness", "category", "seller", "client", "common_ground",
            "settings", "preset", "weights", "seller_personal_weight", "level_values",
            "contact_factor", "product", "company", "personal", "needs", "preferences",
            "public", "private", "semi_public", "performance", "hobbies", "people", "told",
            "with", "owner", "role", "influence", "attitude", "reports_to", "p-1", "stage"]

    # One strategy object for every draw: a recursive strategy made afresh at
    # each draw is validated afresh, which was most of the fuzz tests' time.
    JUNK = st.recursive(
        scalar_junk,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=3)),
                            inner, max_size=5)),
        max_leaves=20)

    def junk():
        """Any JSON-like value, with keys that the workbook format uses."""
        return JUNK

    @st.composite
    def malformed_workbooks(draw):
        """A well-formed workbook with some values, records or lists replaced
        by junk, or plain junk."""
        if draw(st.integers(0, 9)) == 0:
            return draw(junk())
        wb = draw(workbooks(max_needs=6, max_shared=6))
        for _ in range(draw(st.integers(1, 6))):
            where = draw(st.sampled_from(["top", "seller", "client", "record", "settings",
                                          "person"]))
            if where == "top":
                wb[draw(st.sampled_from(sorted(wb)))] = draw(junk())
            elif where in ("seller", "client"):
                side = wb.get(where)
                if isinstance(side, dict) and side:
                    side[draw(st.sampled_from(sorted(side)))] = draw(junk())
                else:
                    wb[where] = draw(junk())
            elif where == "person":
                people = wb.get("people")
                if isinstance(people, list) and people and isinstance(people[0], dict):
                    people[0][draw(st.sampled_from(KEYS))] = draw(junk())
            elif where == "settings":
                s = wb.get("settings")
                if isinstance(s, dict):
                    s[draw(st.sampled_from(["preset", "weights", "seller_personal_weight",
                                            "level_values", "contact_factor"]))] = draw(junk())
            else:
                lists = [wb.get("common_ground")]
                for side in ("seller", "client"):
                    if isinstance(wb.get(side), dict):
                        lists += [wb[side][k] for k in sorted(wb[side])]
                lists = [x for x in lists if isinstance(x, list)]
                if not lists:
                    continue
                lst = draw(st.sampled_from(lists))
                if not lst:
                    lst.append(draw(junk()))
                    continue
                k = draw(st.integers(0, len(lst) - 1))
                if draw(st.booleans()) or not isinstance(lst[k], dict):
                    lst[k] = draw(junk())
                else:
                    lst[k][draw(st.sampled_from(KEYS))] = draw(junk())
        return wb


# ------------------------------------------------------------ parity cases

ODD_FLOATS = [0.1 + 0.2, 1 / 3, 2 / 3, 2.675, 1.005, 0.125, 0.0000005, 0.0000015,
              1e-7, 5e-324, 1e-300, 7.000000000000001, 99.9999995, 100.0000001, 1e300,
              -0.0, -1.5, 0.49999999999999994, 12345.678901, 3.14159265358979]


def _rng_number(rng, lo, hi):
    k = rng.random()
    if k < 0.3:
        return rng.randint(int(lo), int(hi))
    if k < 0.6:
        return rng.uniform(lo, hi)
    if k < 0.8:
        return round(rng.uniform(lo, hi), rng.randint(1, 3))
    return rng.choice(ODD_FLOATS)


def _rng_junk(rng, depth=0):
    k = rng.randint(0, 11 if depth < 2 else 8)
    if k == 0:
        return None
    if k == 1:
        return rng.choice([True, False])
    if k == 2:
        return rng.choice([-7, 0, 1, 5, 2 ** 40, -(2 ** 70)])
    if k == 3:
        return rng.choice(ODD_FLOATS)
    if k == 4:
        return rng.choice(list(NON_FINITE))
    if k == 5:
        return rng.choice(TEXTS + ["disclosed", "private", "custom", "hobbies"])
    if k == 6:
        return rng.uniform(-20, 20)
    if k in (7, 8):
        return rng.choice(["", "need-1", "cg-1", "performance", "semi_public"])
    if k in (9, 10):
        return [_rng_junk(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["id", "note", "status", "stage", "level", "known", "text", "x"]):
            _rng_junk(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def random_workbook(rng, malformed=0.0):
    """A random workbook from random.Random `rng`; with probability
    `malformed` per field a value is replaced by junk."""
    def maybe(value):
        return _rng_junk(rng) if rng.random() < malformed else value

    def stage():
        return maybe(rng.choice([None] + STAGES))

    wb = _empty("wb-%d" % rng.randint(0, 10 ** 9), rng.choice(TEXTS))
    for lid, ids, leveled in SELLER_LISTS:
        recs = []
        for i in ids:
            if rng.random() < 0.25:
                continue
            r = {"id": maybe(i), "note": maybe(rng.choice(TEXTS)),
                 "status": maybe(rng.choice(STATUSES)), "stage": stage()}
            if leveled and rng.random() < 0.85:
                r["level"] = maybe(rng.choice(LEVELS))
            recs.append(r)
        if rng.random() < 0.1:
            recs.append({"id": "unknown-%d" % rng.randint(0, 9), "status": "disclosed"})
        if recs and rng.random() < 0.1:
            recs.append(dict(recs[0], status="disclosed"))      # repeated id
        rng.shuffle(recs)
        wb["seller"][lid] = maybe(recs)
    def client_points(ids, leveled):
        recs = []
        for i in ids:
            if rng.random() < 0.25:
                continue
            r = {"id": maybe(i), "note": maybe(rng.choice(TEXTS)),
                 "known": maybe(rng.random() < 0.5), "stage": stage()}
            if leveled and rng.random() < 0.85:
                r["level"] = maybe(rng.choice(LEVELS))
            recs.append(r)
        rng.shuffle(recs)
        return maybe(recs)

    people = []
    for k in range(rng.choice([1, 1, 2, 3, 5, 12, 13])):
        people.append({
            "id": maybe(rng.choice(["p-%d" % (k + 1)] * 5 + ["p-1", "", "x"])),
            "name": maybe(rng.choice(TEXTS)), "title": maybe(rng.choice(TEXTS)),
            "role": maybe(rng.choice(ROLES)), "influence": maybe(rng.choice([1, 2, 3, 3, 7, 2.5])),
            "attitude": maybe(rng.choice(ATTITUDES)),
            "contact_factor": maybe(_rng_number(rng, 0, 10)),
            "reports_to": maybe(rng.choice([None, "p-1", "p-2", "p-%d" % (k + 1), "nobody"])),
            "told": maybe([maybe(rng.choice(POINTS["personal"] + ["unknown"]))
                           for _ in range(rng.randint(0, 6))]),
            "motives": maybe({"organisation": maybe(rng.choice(TEXTS)),
                              "personal": maybe(["safety", "achievement", "nope"][:rng.randint(0, 3)]),
                              "balance": maybe(rng.choice([-2, -1, 0, 1, 2, 9]))})})
    for lid, ids, leveled in CLIENT_POINT_LISTS:
        if leveled:
            for one in people:
                one["personal"] = client_points(ids, leveled)
        else:
            wb["client"][lid] = client_points(ids, leveled)
    wb["people"] = maybe(people)
    person_ids = ["p-1", "p-2", "p-3", "p-12", "p-13", "nobody"]
    wb["stage"] = maybe(rng.choice(STAGES))
    needs = []
    for k in range(rng.choice([0, 1, 2, 3, 5, 8, 13, 30, 31, 34])):
        needs.append({"id": maybe("need-%d" % rng.randint(1, 40)), "text": maybe(rng.choice(TEXTS)),
                      "severity": maybe(rng.randint(1, 3)),
                      "visibility": maybe(rng.choice(VISIBILITIES)),
                      "known": maybe(rng.random() < 0.5), "stage": stage(),
                      "owner": maybe(rng.choice([None] + person_ids))})
    wb["client"]["needs"] = maybe(needs)
    shared = []
    for k in range(rng.choice([0, 1, 2, 4, 7, 30, 33])):
        shared.append({"id": maybe("cg-%d" % rng.randint(1, 40)), "text": maybe(rng.choice(TEXTS)),
                       "category": maybe(rng.choice(CATEGORIES)),
                       "narrowness": maybe(rng.choice(NARROWNESS)), "stage": stage(),
                       "with": maybe([rng.choice(person_ids) for _ in range(rng.randint(0, 3))])})
    wb["common_ground"] = maybe(shared)
    s = {}
    if rng.random() < 0.8:
        s["preset"] = maybe(rng.choice(PRESETS + ["custom"]))
    if rng.random() < 0.7:
        s["weights"] = maybe({k: maybe(_rng_number(rng, 0, 5))
                              for k in ("needs", "preferences", "personal") if rng.random() < 0.9})
    if rng.random() < 0.6:
        s["seller_personal_weight"] = maybe(_rng_number(rng, 0, 3))
    if rng.random() < 0.5:
        s["level_values"] = maybe({k: maybe(_rng_number(rng, 0, 6)) for k in LEVELS
                                   if rng.random() < 0.9})
    wb["settings"] = maybe(s)
    return wb


def parity_cases(seed=1234, n=240):
    """Edge cases, then n workbooks from random.Random(seed), a third of them
    malformed.  Non-finite floats are NON_FINITE marker strings."""
    rng = random.Random(seed)
    cases = [{}, None, [], "workbook", 7, _empty(), worked_example(), worked_example_account(),
             largest_workbook(), largest_workbook(needs=31, shared=33, people=13)]
    w = worked_example()
    w["people"][0]["contact_factor"] = 0
    cases.append(w)
    w = worked_example()
    w["settings"] = {"preset": "needs_locked"}
    cases.append(w)
    w = worked_example()
    w["settings"] = {"weights": {"needs": "__nan__", "preferences": "__inf__",
                                 "personal": "__-inf__"},
                     "seller_personal_weight": True,
                     "level_values": {"public": 2.675, "semi_public": 1 / 3, "private": 1e300}}
    w["people"][0]["contact_factor"] = "__inf__"
    cases.append(w)
    for x in ODD_FLOATS:
        w = worked_example_account()
        w["settings"] = {"weights": {"needs": x, "preferences": x, "personal": x},
                         "seller_personal_weight": x,
                         "level_values": {"public": x, "semi_public": x, "private": x}}
        w["people"][1]["contact_factor"] = x
        w["people"][1]["influence"] = x
        cases.append(w)
    for k in range(n):
        cases.append(random_workbook(rng, malformed=0.0 if k % 3 else 0.08))
    return cases
