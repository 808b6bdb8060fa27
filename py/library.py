# The set of client workbooks kept in one browser: pure functions over plain
# data. The glue stores the index and each workbook under the keys named here;
# everything else (ids, names, order, undo) is decided in this module.
import jsontext

INDEX_KEY = "trust-workbook:index"
WORKBOOK_KEY_PREFIX = "trust-workbook:workbook:"
# A counter per workbook, bumped on every save: a tab that finds it moved on
# since it last read knows another tab has written in between.
REVISION_KEY_PREFIX = "trust-workbook:revision:"
INDEX_VERSION = 1
NAME_LIMIT = 120
PARTICIPANT_LIMIT = 60   # characters of a participant's name kept in a file and in this browser


def workbook_key(workbook_id):
    return WORKBOOK_KEY_PREFIX + workbook_id


def revision_key(workbook_id):
    return REVISION_KEY_PREFIX + workbook_id


def workbook_id_of(key):
    """The workbook id a storage key holds, or None for any other key."""
    if key.startswith(WORKBOOK_KEY_PREFIX):
        rest = key[len(WORKBOOK_KEY_PREFIX):]
        if rest and ":" not in rest:
            return rest
    return None


def empty_index():
    return {"version": INDEX_VERSION, "current": None, "workbooks": []}


def _clean_entry(entry):
    if not isinstance(entry, dict):
        return None
    workbook_id = entry.get("id")
    if not isinstance(workbook_id, str) or not workbook_id:
        return None
    name = entry.get("name")
    updated = entry.get("updated")
    return {
        "id": workbook_id,
        "name": clean_name(name if isinstance(name, str) else ""),
        "updated": updated if isinstance(updated, str) else "",
    }


def read_index(data):
    """An index from whatever was stored: anything unusable is dropped."""
    index = empty_index()
    if not isinstance(data, dict):
        return index
    seen = []
    entries = data.get("workbooks")
    for entry in entries if isinstance(entries, list) else []:
        entry = _clean_entry(entry)
        if entry is not None and entry["id"] not in seen:
            seen.append(entry["id"])
            index["workbooks"].append(entry)
    current = data.get("current")
    index["current"] = current if current in seen else (seen[0] if seen else None)
    return index


def clean_name(name):
    name = " ".join(name.split())
    return name[:NAME_LIMIT]


def ids(index):
    return [entry["id"] for entry in index["workbooks"]]


def find(index, workbook_id):
    for position, entry in enumerate(index["workbooks"]):
        if entry["id"] == workbook_id:
            return position
    return -1


def new_id(index, now_ms):
    """A fresh id from the clock; never one the index already holds."""
    taken = ids(index)
    candidate = "wb-" + str(now_ms)
    counter = 1
    while candidate in taken:
        candidate = "wb-" + str(now_ms) + "-" + str(counter)
        counter += 1
    return candidate


def unique_name(index, wanted, skip_id=None):
    """`wanted`, or `wanted (2)`, `wanted (3)`…: names tell workbooks apart."""
    names = [entry["name"] for entry in index["workbooks"] if entry["id"] != skip_id]
    wanted = clean_name(wanted)
    if wanted not in names:
        return wanted
    counter = 2
    while wanted + " (" + str(counter) + ")" in names:
        counter += 1
    return wanted + " (" + str(counter) + ")"


def _copy(index):
    return {
        "version": INDEX_VERSION,
        "current": index["current"],
        "workbooks": [dict(entry) for entry in index["workbooks"]],
    }


def add(index, workbook_id, name, updated, after_id=None):
    """Adds a workbook (after `after_id`, else at the end) and opens it."""
    index = _copy(index)
    entry = {"id": workbook_id, "name": unique_name(index, name), "updated": updated}
    position = find(index, after_id)
    if position < 0:
        index["workbooks"].append(entry)
    else:
        index["workbooks"].insert(position + 1, entry)
    index["current"] = workbook_id
    return index


def rename(index, workbook_id, name):
    index = _copy(index)
    position = find(index, workbook_id)
    if position >= 0:
        index["workbooks"][position]["name"] = unique_name(index, name, skip_id=workbook_id)
    return index


def touch(index, workbook_id, updated):
    index = _copy(index)
    position = find(index, workbook_id)
    if position >= 0:
        index["workbooks"][position]["updated"] = updated
    return index


def open_workbook(index, workbook_id):
    index = _copy(index)
    if find(index, workbook_id) >= 0:
        index["current"] = workbook_id
    return index


def remove(index, workbook_id):
    """Removes a workbook; returns the new index and what `restore` needs."""
    index = _copy(index)
    position = find(index, workbook_id)
    if position < 0:
        return index, None
    entry = index["workbooks"].pop(position)
    if index["current"] == workbook_id:
        remaining = index["workbooks"]
        index["current"] = remaining[min(position, len(remaining) - 1)]["id"] if remaining else None
    return index, {"entry": entry, "position": position}


def restore(index, removed):
    """Undo of `remove`: the workbook comes back where it was, and opens."""
    index = _copy(index)
    entry = removed["entry"]
    if find(index, entry["id"]) < 0:
        position = min(removed["position"], len(index["workbooks"]))
        index["workbooks"].insert(position, dict(entry))
    index["current"] = entry["id"]
    return index


def adopt(index, found):
    """Adds stored workbooks the index does not list (an index lost or
    written by an older tab must not hide anybody's work). `found` holds
    (id, name) pairs in storage order."""
    index = _copy(index)
    for workbook_id, name in found:
        if find(index, workbook_id) < 0:
            index["workbooks"].append({"id": workbook_id, "name": unique_name(index, name), "updated": ""})
    if index["current"] is None and index["workbooks"]:
        index["current"] = index["workbooks"][0]["id"]
    return index


# ---------------------------------------------------------------- names on one line
# The participant's name is kept here as it is typed (the page keeps it at
# every keystroke, before results.py is fetched), and written into files.

def clean_participant(name):
    """A participant's name as a file keeps it: text on one line, spaces
    collapsed, at most PARTICIPANT_LIMIT characters; "" for anything else."""
    if not isinstance(name, str):
        return ""
    return one_line(name, drop_controls=True)[:PARTICIPANT_LIMIT].strip()


def one_line(text, drop_controls=False):
    """text with every run of spaces, tabs and line breaks as one space,
    trimmed; the same in both interpreters (MicroPython's split() knows only
    ASCII spaces). Other control characters are the user's text and stay,
    unless drop_controls (a name typed for a file name, where they mean
    nothing) turns them into spaces too."""
    kept = []
    for ch in text:
        is_control = ch < " " or ch == "\x7f"
        kept.append(" " if ch in jsontext.WHITESPACE or (drop_controls and is_control) else ch)
    return " ".join([word for word in "".join(kept).split(" ") if word])
