# Rules of editing a workbook that the page follows: what a note does to a
# point's status, how a removed row comes back, and what an import does to
# the workbooks already in the browser. Pure: the glue passes plain data in
# and applies what comes back.

import scoring
from jsontext import is_blank


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


def remove_record(records, record_id):
    """Takes the record with `record_id` out of `records` (in place) and
    returns what restore_record() needs to put it back, or None."""
    for position in range(len(records)):
        if records[position]["id"] == record_id:
            return {"position": position, "record": records.pop(position)}
    return None


def restore_record(records, removed):
    """Undo of remove_record(): the record returns to its place (in place).
    A record whose id came back meanwhile is not added twice."""
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


def same_content(first, second):
    return _content(first) == _content(second) and first.get("name") == second.get("name")


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
