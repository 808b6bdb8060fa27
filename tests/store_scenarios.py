"""The storage port's scenarios, in the Python both interpreters share:
tests/test_store.py runs each under CPython (pytest) and all of them under
MicroPython, as the page runs py/store.py.  Each scenario takes method.json
(a dict) and raises AssertionError when the store breaks a promise.

FakeStorage stands in for localStorage: a dict with a quota, and a hook that
lets a second tab write right after one of this tab's writes."""

import json

import content
import editing
import library
import scoring
import store

UNTITLED = "未命名客户"
SUFFIX = "(冲突副本)"


class FakeStorage:
    """localStorage as a dict.  `quota`: room in characters of keys and
    values (None: unlimited); `after_set(key)`: runs once after the next
    write, as another tab writing in between."""

    def __init__(self, items=None, quota=None):
        self.items = dict(items or {})
        self.quota = quota
        self.after_set = None

    def used(self):
        return sum(len(key) + len(self.items[key]) for key in self.items)

    def get(self, key):
        return self.items.get(key)

    def set(self, key, text):
        old = self.items.get(key)
        growth = len(key) + len(text) - (0 if old is None else len(key) + len(old))
        if self.quota is not None and self.used() + growth > self.quota:
            raise store.StorageRefused()
        self.items[key] = text
        hook = self.after_set
        self.after_set = None
        if hook is not None:
            hook(key)

    def remove(self, key):
        if key in self.items:
            del self.items[key]

    def keys(self):
        return sorted(self.items)

    def full(self):
        """No room for one more character."""
        self.quota = self.used()
        return self


def workbook(method, workbook_id="wb-1", name="省税务局", note="响应快"):
    made = scoring.blank_workbook(method, workbook_id, name)
    made["seller"]["product"][0]["note"] = note
    made["seller"]["product"][0]["status"] = "disclosed"
    return made


def saved_once(method):
    """A storage holding one workbook saved by tab "a", and its revision."""
    storage = FakeStorage()
    outcome, revision = store.save(storage, workbook(method), "", "a")
    assert outcome == store.SAVED, outcome
    return storage, revision


def stored(storage, workbook_id="wb-1"):
    return json.loads(storage.get(library.workbook_key(workbook_id)))


def aside(storage):
    return [storage.items[key] for key in storage.keys() if ":unreadable:" in key]


# ---------------------------------------------------------------- saving

def a_saved_workbook_opens_as_it_was_saved(method):
    storage, revision = saved_once(method)
    opened = store.open_workbook(storage, "wb-1", method, 1)
    assert opened.data == workbook(method) and opened.revision == revision and opened.events == []
    assert revision == "1:a"


def a_save_over_the_revision_this_tab_saw_moves_it_on(method):
    storage, revision = saved_once(method)
    outcome, revision = store.save(storage, workbook(method, note="更快"), revision, "a")
    assert (outcome, revision) == (store.SAVED, "2:a")
    assert stored(storage)["seller"]["product"][0]["note"] == "更快"


def a_save_refused_by_full_storage_leaves_the_stored_workbook_as_it_was(method):
    storage, revision = saved_once(method)
    before = dict(storage.items)
    storage.full()
    outcome, held = store.save(storage, workbook(method, note="x" * 100), revision, "a")
    assert outcome == store.FAILED
    assert stored(storage) == json.loads(before[library.workbook_key("wb-1")])
    # The next save after room is made goes through.
    storage.quota = None
    assert store.save(storage, workbook(method, note="x" * 100), held, "a")[0] == store.SAVED


def a_first_save_into_full_storage_fails_and_says_so(method):
    storage = FakeStorage().full()
    assert store.save(storage, workbook(method), "", "a") == (store.FAILED, "")
    assert storage.items == {}


def a_save_after_another_tab_saved_is_a_conflict_and_writes_nothing(method):
    storage, seen = saved_once(method)
    assert store.save(storage, workbook(method, note="另一个标签页"), seen, "b")[0] == store.SAVED
    before = dict(storage.items)
    assert store.save(storage, workbook(method, note="这个标签页"), seen, "a") == (store.CONFLICT, seen)
    assert storage.items == before


def a_save_that_another_tab_writes_over_at_once_is_a_conflict(method):
    storage, seen = saved_once(method)

    def other_tab(key):
        if key != library.workbook_key("wb-1"):
            storage.after_set = other_tab  # not yet: right after this tab's workbook write
            return
        storage.set(library.revision_key("wb-1"), store.next_revision(seen, "b"))
        storage.set(key, json.dumps(workbook(method, note="另一个标签页")))

    storage.after_set = other_tab
    assert store.save(storage, workbook(method, note="这个标签页"), seen, "a")[0] == store.CONFLICT
    assert stored(storage)["seller"]["product"][0]["note"] == "另一个标签页"


def two_saves_crossing_between_tabs_keep_a_copy_and_a_later_save_reloads(method):
    storage, seen = saved_once(method)
    # Both tabs saved from revision 1: the other tab's "2:b" landed after this tab's "2:a".
    assert store.save(storage, workbook(method, note="这个标签页"), seen, "a")[0] == store.SAVED
    storage.set(library.revision_key("wb-1"), store.next_revision(seen, "b"))
    assert store.after_other_write(storage, "wb-1", "2:a", unsaved=False) == "keep_copy"
    # A save built on this tab's: show it.
    storage.set(library.revision_key("wb-1"), store.next_revision("2:a", "b"))
    assert store.after_other_write(storage, "wb-1", "2:a", unsaved=False) == "reload"
    assert store.after_other_write(storage, "wb-1", "2:a", unsaved=True) == "keep_copy"
    assert store.after_other_write(storage, "wb-1", "3:b", unsaved=False) is None
    store.delete(storage, "wb-1")
    assert store.after_other_write(storage, "wb-1", "3:b", unsaved=False) is None


def a_revision_from_an_earlier_release_is_saved_over(method):
    storage = FakeStorage({library.revision_key("wb-1"): "7"})
    assert store.save(storage, workbook(method), "7", "a") == (store.SAVED, "8:a")


def a_conflicting_copy_is_named_after_the_workbook(method):
    copy = store.named_copy(workbook(method, name=""), UNTITLED, SUFFIX)
    assert copy["name"] == UNTITLED + SUFFIX
    assert copy["seller"] == workbook(method)["seller"]


# ---------------------------------------------------------------- reading what is damaged

def an_unparseable_workbook_is_set_aside_then_removed(method):
    storage, revision = saved_once(method)
    key = library.workbook_key("wb-1")
    storage.items[key] = '{"seller": [broken'
    opened = store.open_workbook(storage, "wb-1", method, 5)
    assert opened.events == [store.SET_ASIDE] and opened.data is None and opened.revision == revision
    assert storage.items[key + ":unreadable:5"] == '{"seller": [broken'
    assert key not in storage.items


def a_damaged_workbook_that_full_storage_cannot_set_aside_opens_read_only_and_untouched(method):
    storage, _ = saved_once(method)
    key = library.workbook_key("wb-1")
    storage.items[key] = storage.items[key][:-10]
    damaged = storage.items[key]
    storage.full()
    opened = store.open_workbook(storage, "wb-1", method, 5)
    assert opened.events == [store.NOT_SET_ASIDE] and opened.revision == store.READ_ONLY
    assert aside(storage) == [] and storage.items[key] == damaged
    assert store.save(storage, workbook(method, note="新"), opened.revision, "a")[0] == store.CONFLICT
    assert storage.items[key] == damaged
    # Once there is room it is set aside, and opens as any other.
    storage.quota = None
    assert store.open_workbook(storage, "wb-1", method, 6).events == [store.SET_ASIDE]
    assert aside(storage) == [damaged]


def a_workbook_of_the_wrong_shape_is_set_aside_and_what_reads_is_kept(method):
    storage, revision = saved_once(method)
    key = library.workbook_key("wb-1")
    damaged = stored(storage)
    damaged["seller"]["product"] = {"performance": damaged["seller"]["product"][0]}
    storage.items[key] = json.dumps(damaged)
    opened = store.open_workbook(storage, "wb-1", method, 5)
    assert opened.events == [store.SET_ASIDE] and opened.revision == revision
    assert aside(storage) == [json.dumps(damaged)]
    assert opened.data == scoring.normalise(damaged, method) == stored(storage)


def shapes_that_do_not_read_cleanly(method):
    clean = workbook(method)
    assert store.reads_cleanly(clean, method)
    broken = []
    for change in ("seller", "needs", "note", "id", "repeat", "name", "settings", "record", "list"):
        damaged = json.loads(json.dumps(clean))
        if change == "seller":
            damaged["seller"] = []
        elif change == "needs":
            too_many = content.read(method).max_needs + 1
            damaged["client"]["needs"] = [{"id": "need-" + str(n), "text": "t"} for n in range(too_many)]
        elif change == "note":
            damaged["seller"]["product"][0]["note"] = 5
        elif change == "id":
            damaged["seller"]["product"][0]["id"] = "no-such-point"
        elif change == "repeat":
            damaged["seller"]["product"][1]["id"] = damaged["seller"]["product"][0]["id"]
        elif change == "name":
            damaged["name"] = ["省税务局"]
        elif change == "settings":
            damaged["settings"] = "balanced"
        elif change == "record":
            damaged["common_ground"] = ["同一所大学"]
        else:
            damaged = [damaged]
        broken.append(store.reads_cleanly(damaged, method))
    assert broken == [False] * 9, broken


def a_workbook_from_a_newer_release_opens_read_only(method):
    newer = workbook(method)
    newer["schema_version"] = scoring.SCHEMA_VERSION + 1
    storage = FakeStorage({library.workbook_key("wb-1"): json.dumps(newer)})
    opened = store.open_workbook(storage, "wb-1", method, 5)
    assert opened.revision == store.READ_ONLY and opened.events == [] and aside(storage) == []


def a_pilot_workbook_is_migrated_and_its_text_kept_before(method):
    pilot = {"id": "wb-1", "name": "省税务局",
             "seller": {"product": {"performance": {"note": "响应快", "status": "disclosed"}}}}
    storage = FakeStorage({library.workbook_key("wb-1"): json.dumps(pilot)})
    opened = store.open_workbook(storage, "wb-1", method, 5)
    assert opened.events == [] and opened.data["schema_version"] == scoring.SCHEMA_VERSION
    assert storage.items[library.workbook_key("wb-1") + ":before-migration:0"] == json.dumps(pilot)
    assert stored(storage) == opened.data


def a_version_1_workbook_becomes_one_person_and_its_text_is_kept_before(method):
    text = json.dumps({"schema": "trust-workbook", "schema_version": 1, "id": "wb-1", "name": "省税务局",
                       "seller": {"personal": [{"id": "hobbies", "status": "disclosed", "level": "private"}]},
                       "client": {"personal": [{"id": "hobbies", "known": True, "level": "private"}]},
                       "common_ground": [{"id": "cg-1", "text": "同乡", "narrowness": 1}],
                       "settings": {"contact_factor": 2}})
    storage = FakeStorage({library.workbook_key("wb-1"): text})
    opened = store.open_workbook(storage, "wb-1", method, 5)
    assert opened.events == [] and opened.data["schema_version"] == scoring.SCHEMA_VERSION
    [person] = opened.data["people"]
    assert person["told"] == ["hobbies"] and person["contact_factor"] == 2
    assert opened.data["common_ground"][0]["with"] == [person["id"]]
    assert storage.items[library.workbook_key("wb-1") + ":before-migration:1"] == text
    # 0.5 x 3 told, 0.5 x 3 known, R 4, P 2
    assert scoring.score(stored(storage), method)["T"] == 2 * (1.5 + 4) * (1.5 + 4)


# ---------------------------------------------------------------- the index

def a_lost_index_is_rebuilt_from_the_stored_workbooks(method):
    storage, _ = saved_once(method)
    store.save(storage, workbook(method, "wb-2", ""), "", "a")
    loaded = store.load_index(storage, method, UNTITLED, 5)
    assert [(entry["id"], entry["name"]) for entry in loaded.index["workbooks"]] == [
        ("wb-1", "省税务局"), ("wb-2", UNTITLED)]
    assert loaded.events == [] and loaded.damaged is None


def an_unreadable_index_that_cannot_be_set_aside_is_not_written_over_until_it_can(method):
    storage, _ = saved_once(method)
    storage.items[library.INDEX_KEY] = "{broken"
    storage.full()
    loaded = store.load_index(storage, method, UNTITLED, 5)
    assert loaded.events == [store.INDEX_NOT_SET_ASIDE] and loaded.damaged == "{broken"
    assert library.ids(loaded.index) == ["wb-1"]
    assert store.save_index(storage, loaded.index, loaded.damaged, 6) == (store.NOT_SET_ASIDE, "{broken")
    assert storage.items[library.INDEX_KEY] == "{broken"
    storage.quota = None
    assert store.save_index(storage, loaded.index, loaded.damaged, 7) == (store.SAVED, None)
    assert aside(storage) == ["{broken"]
    assert json.loads(storage.items[library.INDEX_KEY]) == loaded.index


def the_pilot_index_is_migrated_with_its_workbooks_names(method):
    storage, _ = saved_once(method)
    storage.items[library.INDEX_KEY] = json.dumps(["wb-1"])
    loaded = store.load_index(storage, method, UNTITLED, 5)
    assert loaded.index["workbooks"] == [{"id": "wb-1", "name": "省税务局", "updated": ""}]
    assert storage.items[library.INDEX_KEY + ":before-migration:0"] == json.dumps(["wb-1"])


# ---------------------------------------------------------------- importing

def an_import_stores_every_workbook_or_none(method):
    storage, _ = saved_once(method)
    index = library.add(library.empty_index(), "wb-1", "省税务局", "")
    many = [workbook(method, "", "客户 " + str(n), "要点 " * 50) for n in range(20)]
    room = len(json.dumps(many[0])) * 3
    storage.quota = storage.used() + room
    before = dict(storage.items)
    assert store.import_workbooks(storage, index, many, 1000, "2026-12-01", "a") == (store.FAILED, None, [])
    assert storage.items == before
    storage.quota = None
    outcome, imported, ids = store.import_workbooks(storage, index, many, 1000, "2026-12-01", "a")
    assert outcome == store.SAVED and len(ids) == 20 and library.ids(imported) == ["wb-1"] + ids
    assert json.loads(storage.items[library.INDEX_KEY]) == imported
    assert [stored(storage, workbook_id)["name"] for workbook_id in ids] == ["客户 " + str(n) for n in range(20)]



def an_import_that_replaces_a_workbook_stores_all_of_it_or_puts_everything_back(method):
    storage, _ = saved_once(method)
    assert store.save(storage, scoring.blank_workbook(method, "wb-0", UNTITLED), "", "a")[0] == store.SAVED
    index = library.add(library.add(library.empty_index(), "wb-0", UNTITLED, ""), "wb-1", "省税务局", "")
    storage.items[library.INDEX_KEY] = json.dumps(index)
    newer = workbook(method, note="更快 " * 500)
    other = workbook(method, "", "市医院", "要点")
    # Room for the new workbook, not for the longer one replacing wb-1.
    storage.quota = storage.used() + len(json.dumps(other)) + 200
    before = dict(storage.items)
    failed = store.import_workbooks(storage, index, [other], 1000, "2026-12-01", "b", [newer], ["wb-0"])
    assert failed == (store.FAILED, None, []) and storage.items == before
    storage.quota = None
    outcome, imported, ids = store.import_workbooks(storage, index, [other], 1000, "2026-12-01", "b", [newer], ["wb-0"])
    assert outcome == store.SAVED and len(ids) == 2 and ids[1] == "wb-1", (outcome, ids)
    assert sorted(library.ids(imported)) == sorted(ids) and json.loads(storage.items[library.INDEX_KEY]) == imported
    assert stored(storage)["seller"]["product"][0]["note"] == "更快 " * 500
    assert store.read_revision(storage, "wb-1") == "2:b" and stored(storage, ids[0])["name"] == "市医院"
    assert library.workbook_key("wb-0") not in storage.items and library.revision_key("wb-0") not in storage.items

# ---------------------------------------------------------------- edits (py/editing.py runs in the page too)

def edits_are_decided_as_under_cpython(method):
    need = editing.new_row("client.needs", [{"id": "need-1"}], method)
    assert need["id"] == "need-2" and need["known"] is True and need["severity"] == 2, need
    settings = editing.with_setting(scoring.default_settings(method), "weights.needs", "0.25", method)
    assert settings["preset"] == "custom" and settings["weights"]["needs"] == 0.25
    assert editing.with_setting(settings, "contact_factor", "-", method) is None


SCENARIOS = [
    a_saved_workbook_opens_as_it_was_saved,
    a_save_over_the_revision_this_tab_saw_moves_it_on,
    a_save_refused_by_full_storage_leaves_the_stored_workbook_as_it_was,
    a_first_save_into_full_storage_fails_and_says_so,
    a_save_after_another_tab_saved_is_a_conflict_and_writes_nothing,
    a_save_that_another_tab_writes_over_at_once_is_a_conflict,
    two_saves_crossing_between_tabs_keep_a_copy_and_a_later_save_reloads,
    a_revision_from_an_earlier_release_is_saved_over,
    a_conflicting_copy_is_named_after_the_workbook,
    an_unparseable_workbook_is_set_aside_then_removed,
    a_damaged_workbook_that_full_storage_cannot_set_aside_opens_read_only_and_untouched,
    a_workbook_of_the_wrong_shape_is_set_aside_and_what_reads_is_kept,
    shapes_that_do_not_read_cleanly,
    a_workbook_from_a_newer_release_opens_read_only,
    a_pilot_workbook_is_migrated_and_its_text_kept_before,
    a_version_1_workbook_becomes_one_person_and_its_text_is_kept_before,
    a_lost_index_is_rebuilt_from_the_stored_workbooks,
    an_unreadable_index_that_cannot_be_set_aside_is_not_written_over_until_it_can,
    the_pilot_index_is_migrated_with_its_workbooks_names,
    an_import_stores_every_workbook_or_none,
    an_import_that_replaces_a_workbook_stores_all_of_it_or_puts_everything_back,
    edits_are_decided_as_under_cpython,
]
