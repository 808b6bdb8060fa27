"""What tests, benchmarks and tools share: the content as the tests read it
and the fixed workbooks, each written once.

- `METHOD` (content/method.json), `POINTS` and the lists of allowed values;
- `worked_example()`: METHOD.md's worked example (T 248) in schema version 2
  (one person), `worked_example_v1()` the same as version 1 wrote it,
  `worked_example_account()` version 2's example (a second person: T 192.25),
  and `named()` the first under a participant's name;
- `largest_workbook()`: the largest workbook a user can make (every point
  filled at its deepest, both free lists at their limits, 12 people);
- `largest_stored_workbook()`: the same size with the texts a participant
  would type (Chinese notes), as the page stores it: what load benchmarks read;
- `stored_items(workbook)`: the localStorage entries of a browser holding
  one workbook, to seed a page with;
- `CHROMIUM`, `CHROMIUM_ARGS`: the browser the tests, benches and tools drive.

Plain Python and json only: the benchmarks import it without pytest or
hypothesis.
"""

import copy
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
METHOD_PATH = ROOT / "content" / "method.json"
DEMO_WORKBOOK_PATH = ROOT / "tools" / "demo_workbook.json"

CHROMIUM = os.environ.get("TRUST_WORKBOOK_CHROMIUM", "/usr/bin/chromium")
# Nothing of Chromium's own may reach for the network: the pages are offline.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]


def load_method():
    with open(METHOD_PATH, encoding="utf-8") as f:
        return json.load(f)


METHOD = load_method()
POINTS = {ps["id"]: [it["id"] for it in ps["items"]] for ps in METHOD["point_sets"]}
SELLER_LISTS = [(sl["id"], POINTS[sl["points"]], sl.get("leveled") is True)
                for sl in METHOD["seller_lists"]]
CLIENT_POINT_LISTS = [(cl["id"], POINTS[cl["points"]], cl.get("leveled") is True)
                      for cl in METHOD["client_lists"] if not cl.get("free_list")]
LEVELS = [lv["id"] for lv in METHOD["levels"]]
STATUSES = [s["id"] for s in METHOD["statuses"]]
STAGES = [s["id"] for s in METHOD["stages"]]
VISIBILITIES = [v["id"] for v in METHOD["visibilities"]]
CATEGORIES = [c["id"] for c in METHOD["common_ground_categories"]]
PRESETS = [p["id"] for p in METHOD["presets"]]
NARROWNESS = [n["value"] for n in METHOD["narrowness"]]


# ------------------------------------------------------------ fixed workbooks

# The default settings, written out as a user's file would hold them.
DEFAULT_SETTINGS = {"preset": "balanced",
                    "weights": {"needs": 1, "preferences": 1, "personal": 0.5},
                    "seller_personal_weight": 0.5,
                    "level_values": {"public": 1, "semi_public": 2, "private": 3}}
MAX_PEOPLE = METHOD["limits"]["people"]
ROLES = [role["id"] for role in METHOD["roles"]]
ATTITUDES = [attitude["id"] for attitude in METHOD["attitudes"]]


def person(person_id, name="", role="other", influence=2, attitude="neutral", contact_factor=1,
           personal=(), told=(), reports_to=None, title=""):
    """A person of the account as a file holds them."""
    return {"id": person_id, "name": name, "title": title, "role": role, "influence": influence,
            "attitude": attitude, "contact_factor": contact_factor, "reports_to": reports_to,
            "personal": list(personal), "told": list(told),
            "motives": {"organisation": "", "personal": [], "balance": 0}}


def _empty(id_="wb-test", name="test"):
    return {"schema": "trust-workbook", "schema_version": 2, "id": id_, "name": name,
            "account": "", "stage": 1, "seller": {"product": [], "company": [], "personal": []},
            "client": {"needs": [], "preferences": []}, "people": [person("p-1")],
            "common_ground": [], "settings": {}}


def worked_example():
    """METHOD.md's worked example in schema version 2, one person:
    IS 7, IC 6.5, R 9, T 248."""
    wb = _empty("wb-worked", "worked example")
    s = wb["seller"]
    s["product"] = [{"id": i, "note": "n", "status": "disclosed", "stage": 1}
                    for i in POINTS["product"][:3]]
    s["company"] = [{"id": i, "note": "n", "status": "disclosed", "stage": 1}
                    for i in POINTS["company"][:2]]
    s["personal"] = [{"id": i, "note": "n", "status": "prepared", "stage": 2,
                      "level": "semi_public"} for i in POINTS["personal"][:2]]
    c = wb["client"]
    c["needs"] = [{"id": "need-1", "text": "预算紧张", "severity": 3, "visibility": "hidden",
                   "known": True, "stage": 1, "owner": None},
                  {"id": "need-2", "text": "系统老旧", "severity": 2, "visibility": "explicit",
                   "known": True, "stage": 1, "owner": None}]
    c["preferences"] = [{"id": i, "note": "n", "known": True, "stage": 2}
                        for i in POINTS["preferences"][:3]]
    wb["people"] = [person("p-1", personal=[{"id": POINTS["personal"][0], "note": "n",
                                             "known": True, "stage": 3, "level": "private"}],
                           told=POINTS["personal"][:2])]
    wb["common_ground"] = [{"id": "cg-1", "text": "同一所大学", "category": "education",
                            "narrowness": 2, "stage": 2, "with": ["p-1"]}]
    wb["settings"] = copy.deepcopy(DEFAULT_SETTINGS)
    return wb


def worked_example_account():
    """METHOD.md's version-2 worked example: the director (influence 3,
    T 248) and a procurement officer (influence 1) told nothing personal, of
    whom nothing personal is known, sharing nothing (T 25): account T 192.25."""
    wb = worked_example()
    wb["id"] = "wb-account"
    director = wb["people"][0]
    director.update({"name": "王主任", "title": "主任", "role": "decision_maker", "influence": 3})
    wb["people"].append(person("p-2", name="李科长", title="采购科", role="procurement",
                               influence=1, reports_to="p-1"))
    return wb


def as_version_1(workbook):
    """A well-formed one-person workbook (version 2) as schema version 1
    wrote it: the person's points and P on the account, what they were told
    disclosed, no people, stage, client type, review, `with` or `owner`."""
    wb = copy.deepcopy(workbook)
    one = wb.pop("people")[0]
    for key in ("stage", "client_type", "review"):
        wb.pop(key, None)
    wb["schema_version"] = 1
    wb["client"]["personal"] = one["personal"]
    wb["settings"]["contact_factor"] = one["contact_factor"]
    for record in wb["seller"]["personal"]:
        if record["id"] in one["told"]:
            record["status"] = "disclosed"
    for need in wb["client"]["needs"]:
        del need["owner"]
    for item in wb["common_ground"]:
        del item["with"]
    return wb


def worked_example_v1():
    """METHOD.md's worked example as schema version 1 wrote it."""
    return as_version_1(worked_example())


def named(name, account=""):
    """The worked example under another name (and account): one participant's."""
    workbook = worked_example()
    workbook["name"] = name
    workbook["account"] = account
    workbook["id"] = "wb-" + name
    return workbook


def largest_workbook(needs=30, shared=30, people=MAX_PEOPLE):
    """The largest workbook a user can make: every product and company
    point disclosed, every seller personal point prepared at private and
    told to everybody, 12 people with every personal point known at
    private, 30 known needs, 30 shared items shared with everybody."""
    wb = _empty("wb-largest", "largest")
    for lid, ids, leveled in SELLER_LISTS:
        recs = []
        for k, i in enumerate(ids):
            r = {"id": i, "note": "note " * 20, "status": "prepared" if leveled else "disclosed",
                 "stage": 1 + k % 4}
            if leveled:
                r["level"] = "private"
            recs.append(r)
        wb["seller"][lid] = recs
    personal = []
    for lid, ids, leveled in CLIENT_POINT_LISTS:
        recs = []
        for k, i in enumerate(ids):
            r = {"id": i, "note": "note " * 20, "known": True, "stage": 1 + k % 4}
            if leveled:
                r["level"] = "private"
            recs.append(r)
        if leveled:
            personal = recs
        else:
            wb["client"][lid] = recs
    wb["people"] = [person("p-%d" % (k + 1), name="联系人 %d" % (k + 1),
                           role=ROLES[k % len(ROLES)], influence=1 + k % 3,
                           attitude=ATTITUDES[k % len(ATTITUDES)],
                           personal=copy.deepcopy(personal), told=POINTS["personal"],
                           reports_to=None if k == 0 else "p-%d" % ((k - 1) // 3 + 1))
                    for k in range(people)]
    wb["client"]["needs"] = [
        {"id": "need-%d" % (k + 1), "text": "需求 %d: 预算与流程" % k, "severity": 1 + k % 3,
         "visibility": VISIBILITIES[k % 3], "known": True, "stage": 1 + k % 4,
         "owner": "p-%d" % (k % people + 1)}
        for k in range(needs)]
    everybody = [p["id"] for p in wb["people"]]
    wb["common_ground"] = [
        {"id": "cg-%d" % (k + 1), "text": "共同点 %d" % k, "category": CATEGORIES[k % 8],
         "narrowness": 1 + k % 3, "stage": None if k % 5 == 0 else 1 + k % 4,
         "with": everybody}
        for k in range(shared)]
    wb["settings"] = copy.deepcopy(DEFAULT_SETTINGS)
    return wb


def largest_stored_workbook(workbook_id="wb-1764000000000"):
    """The largest workbook with the texts a participant would type, as
    normalise() writes it into storage."""
    import scoring

    workbook = scoring.blank_workbook(METHOD, workbook_id, "最大的工作簿 · largest workbook")
    workbook["account"] = "市政务数据局"
    note = "已整理的要点:数字、案例、第三方评测与可参观的现场。" * 2
    for records in workbook["seller"].values():
        for number, record in enumerate(records):
            record.update({"note": note, "status": "prepared" if "level" in record else "disclosed",
                           "stage": number % 4 + 1})
            if "level" in record:
                record["level"] = "private"
    for records in workbook["client"].values():
        for number, record in enumerate(records):
            record.update({"note": note, "known": True, "stage": number % 4 + 1})
    people = largest_workbook()["people"]
    for number, one in enumerate(people):
        one["name"] = "联系人%d · 王主任" % (number + 1)
        one["title"] = "数据局 · 处长"
        for record in one["personal"]:
            record["note"] = note
    workbook["people"] = people
    workbook["client"]["needs"] = [
        {"id": f"need-{n}", "text": f"需求 {n}:数据共享平台在高峰期响应慢,影响窗口办事效率。",
         "severity": 3, "visibility": ("explicit", "hidden", "unrecognised")[n % 3],
         "known": True, "stage": n % 4 + 1}
        for n in range(1, METHOD["limits"]["needs"] + 1)
    ]
    workbook["common_ground"] = [
        {"id": f"cg-{n}", "text": f"共同点 {n}:同一所大学、同一届校友会。",
         "category": CATEGORIES[n % len(CATEGORIES)], "narrowness": 3, "stage": n % 4 + 1,
         "with": [one["id"] for one in people]}
        for n in range(1, METHOD["limits"]["common_ground"] + 1)
    ]
    return scoring.normalise(workbook, METHOD)


def demo_workbook():
    """The demo workbook of the README's screenshots (tools/demo_workbook.json)."""
    return json.loads(DEMO_WORKBOOK_PATH.read_text(encoding="utf-8"))


def stored_items(workbook, updated="2026-11-26T00:00:00.000Z"):
    """key -> text of the localStorage of a browser holding this one
    workbook, opened: its index, the workbook and its save counter."""
    import library

    workbook_id = workbook["id"]
    index = {"version": library.INDEX_VERSION, "current": workbook_id,
             "workbooks": [{"id": workbook_id, "name": workbook["name"], "updated": updated}]}
    return {library.INDEX_KEY: json.dumps(index), library.workbook_key(workbook_id): json.dumps(workbook),
            library.revision_key(workbook_id): "0"}
