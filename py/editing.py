"""What an edit on the worksheets changes, decided without the page: the
record of a new row, a preset chosen, a setting typed, what a note does to
a point's status, how a removed row comes back, and what an import does to
the workbooks already in the browser.  Pure; the glue passes the
workbook's parts and puts the result in place."""

import json

import content
import scoring
from jsontext import is_blank


def next_row_id(records, prefix):
    """need-N / cg-N: the first number after the list's length not taken."""
    taken = [record["id"] for record in records]
    number = len(records) + 1
    while prefix + str(number) in taken:
        number += 1
    return prefix + str(number)


def new_row(list_path, records, method):
    """The record of a row added to a free list ("client.needs" or
    "common_ground"): the core's reading of a bare record, with the choices
    a row added by hand makes on top.  A need written down is one the seller
    knows of; a shared item starts in the first category, of middling
    narrowness."""
    if list_path == "client.needs":
        bare = {"id": next_row_id(records, "need-"), "text": "", "known": True}
        return scoring.normalise({"client": {"needs": [bare]}}, method)["client"]["needs"][0]
    bare = {"id": next_row_id(records, "cg-"), "text": "",
            "category": content.read(method).categories[0], "narrowness": 2}
    return scoring.normalise({"common_ground": [bare]}, method)["common_ground"][0]


def setting_value(settings, path):
    """The value at a setting's path ("contact_factor", "weights.needs")."""
    head, _, tail = path.partition(".")
    value = settings.get(head)
    return value.get(tail) if tail else value


def with_setting(settings, path, text, method):
    """The settings after a setting control changed to `text`, or None while
    a number is half typed ("", "-", "1e"): the score keeps the last good
    value.  A preset brings its weights; a weight typed by hand makes the
    preset "custom"."""
    settings = json.loads(json.dumps(settings))
    if path == "preset":
        settings["preset"] = text
        weights = content.read(method).preset_weights.get(text)
        if weights is not None:
            settings["weights"] = dict(weights)
        return settings
    try:
        value = float(text)
    except ValueError:
        return None
    head, _, tail = path.partition(".")
    if tail:
        settings[head][tail] = value
    else:
        settings[head] = value
    if head == "weights":
        settings["preset"] = content.CUSTOM_PRESET
    return settings


def status_after_note(status, note):
    """The status of one of your points once its note reads `note`. Writing
    a note is preparing the point, so an empty point with a note becomes
    prepared; a prepared point whose note is cleared is empty again. A
    disclosed point stays disclosed: what was said cannot be unsaid."""
    if status == "empty" and not is_blank(note):
        return "prepared"
    if status == "prepared" and is_blank(note):
        return "empty"
    return status


def note_written(record, field):
    """Brings a point's status in line with its note (status_after_note)
    after `field` of `record` was typed in; True when the status changed."""
    status = record.get("status")
    if field != "note" or status is None:
        return False
    record["status"] = status_after_note(status, record.get("note"))
    return record["status"] != status


def list_records(workbook, list_path):
    """The records of a list of the workbook ("client.needs", "common_ground")."""
    side, _, name = list_path.partition(".")
    return workbook[side][name] if name else workbook[side]


def remove_record(workbook, list_path, record_id):
    """Takes the record with `record_id` out of the workbook's list (in
    place) and returns what restore_record() needs to put it back, or None."""
    records = list_records(workbook, list_path)
    for position in range(len(records)):
        if records[position]["id"] == record_id:
            return {"workbook": workbook.get("id"), "list": list_path, "position": position,
                    "record": records.pop(position)}
    return None


def restore_record(workbook, removed):
    """Undo of remove_record(): the record returns to its place (in place),
    True when it did. Not into another workbook (its rows are not the ones
    removed), nor twice when its id came back meanwhile."""
    if workbook.get("id") != removed["workbook"]:
        return False
    records = list_records(workbook, removed["list"])
    record = removed["record"]
    for present in records:
        if present["id"] == record["id"]:
            return False
    records.insert(min(removed["position"], len(records)), record)
    return True


def _content(workbook):
    """A workbook without what only tells it apart: its id and name."""
    content = {}
    for key in workbook:
        if key not in ("id", "name"):
            content[key] = workbook[key]
    return content


def is_untouched(workbook, blank, untitled_names):
    """Whether `workbook` is still the blank one the page made on its own:
    no name typed (or the "untitled" name in some language) and nothing
    else differs from `blank`. An import may replace it."""
    name = workbook.get("name") or ""
    if not is_blank(name) and name not in untitled_names:
        return False
    return _content(workbook) == _content(blank)


def untouched_ids(stored_by_id, model, untitled_names):
    """The workbooks among `stored_by_id` (id -> stored workbook, or None
    when unreadable) that nobody wrote in."""
    blank = scoring.blank_workbook(model)
    found = []
    for workbook_id in stored_by_id:
        stored = stored_by_id[workbook_id]
        if isinstance(stored, dict) and is_untouched(scoring.normalise(stored, model), blank, untitled_names):
            found.append(workbook_id)
    return found


def plan_import(imported, stored_by_id, model, untitled_names):
    """What an import does. `imported`: the file's workbooks (normalised);
    `stored_by_id`: id -> the stored workbook, for every workbook in the
    browser.

    Returns {"add": [...], "already_here": [...], "replace_untouched": [...]}:
    workbooks whose id is not in the browser are added; those whose id is
    there are the user's to decide (replace the one here, or keep both);
    the blank workbooks nobody wrote in go once the import brings anything."""
    add = []
    already_here = []
    for workbook in imported:
        if workbook.get("id") in stored_by_id:
            already_here.append(workbook)
        else:
            add.append(workbook)
    replace = []
    if add or already_here:
        for workbook_id in untouched_ids(stored_by_id, model, untitled_names):
            if workbook_id not in [workbook.get("id") for workbook in already_here]:
                replace.append(workbook_id)
    return {"add": add, "already_here": already_here, "replace_untouched": replace}
