"""What an edit on the worksheets changes, decided without the page: the
record of a new row, a preset chosen, a setting typed, what a note does to
a point's status, how a removed row comes back, the account's people
(added, copied, moved, removed and brought back with what named them, told
a point, sharing an item), and what an import does to the workbooks
already in the browser.  Pure; the glue passes the
workbook's parts and puts the result in place."""

import json

import content
import scoring
from jsontext import format_number, is_blank


def next_row_id(records, prefix):
    """need-N / cg-N: the first number after the list's length not taken."""
    taken = [record["id"] for record in records]
    number = len(records) + 1
    while prefix + str(number) in taken:
        number += 1
    return prefix + str(number)


def new_row(list_path, records, method, people=()):
    """The record of a row added to a free list ("client.needs" or
    "common_ground"): the core's reading of a bare record, with the choices
    a row added by hand makes on top.  A need written down is one the seller
    knows of; a shared item is of middling narrowness, in the core's
    category for none in particular ("other": a category is required, and
    the first one would say 学习经历 of anything not changed), shared with
    the account's one person when it has only one (`people`: the
    workbook's), else with nobody until ticked."""
    if list_path == "client.needs":
        bare = {"id": next_row_id(records, "need-"), "text": "", "known": True}
        return scoring.normalise({"client": {"needs": [bare]}}, method)["client"]["needs"][0]
    bare = {"id": next_row_id(records, "cg-"), "text": "",
            "category": content.read(method).default_category, "narrowness": 2}
    item = scoring.normalise({"common_ground": [bare]}, method)["common_ground"][0]
    item["with"] = [people[0]["id"]] if len(people) == 1 else []
    return item


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


# The path of no one part (Scorer.reread then reads the workbook in full):
# an edit that changed two parts at once.
WHOLE_WORKBOOK = "workbook"


def told_prepares(point, told):
    """Telling somebody one of your points is preparing it, as writing its
    note is (note_written): an empty point ticked as told becomes prepared.
    Un-ticking leaves it as it is. True when the status changed."""
    if told and point.get("status") == "empty":
        point["status"] = "prepared"
        return True
    return False


def list_records(workbook, list_path):
    """The records of a list of the workbook ("client.needs", "common_ground",
    "people", or a person's personal points: "people.p-2.personal"; [] for
    a person not in the workbook)."""
    if list_path.startswith(PEOPLE + ".") and list_path.endswith(".personal"):
        person = find_person(workbook, list_path[len(PEOPLE) + 1:-len(".personal")])
        return [] if person is None else person["personal"]
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


def untouched_ids(stored_by_id, model):
    """The workbooks among `stored_by_id` (id -> stored workbook, or None
    when unreadable) that nobody wrote in (scoring.untouched): an import
    may replace them."""
    found = []
    for workbook_id in stored_by_id:
        stored = stored_by_id[workbook_id]
        if isinstance(stored, dict) and scoring.untouched(scoring.normalise(stored, model), model):
            found.append(workbook_id)
    return found


def plan_import(imported, stored_by_id, model):
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
        for workbook_id in untouched_ids(stored_by_id, model):
            if workbook_id not in [workbook.get("id") for workbook in already_here]:
                replace.append(workbook_id)
    return {"add": add, "already_here": already_here, "replace_untouched": replace}


# ---------------------------------------------------------------- the account's people

PEOPLE = "people"


def person_path(person_id):
    """The part of the workbook a person's edit changes, as the core's
    Scorer rereads it: "people.p-2"."""
    return PEOPLE + "." + person_id


def personal_path(person_id):
    """The list of a person's personal points, as the personal sheet names
    it while that person is picked: "people.p-2.personal"."""
    return person_path(person_id) + ".personal"


def score_path(list_path, record_id=None):
    """The narrowest part the core reads again after an edit of a record
    of `list_path`: a person's field or own list is that person ("people"
    and "p-2", or "people.p-2.personal" -> "people.p-2"); any other list
    is itself."""
    if list_path == PEOPLE and record_id is not None:
        return person_path(record_id)
    if list_path.startswith(PEOPLE + ".") and list_path.endswith(".personal"):
        return list_path[:-len(".personal")]
    return list_path


def find_person(workbook, person_id):
    for person in workbook[PEOPLE]:
        if person["id"] == person_id:
            return person
    return None


def person_position(workbook, person_id):
    people = workbook[PEOPLE]
    for position in range(len(people)):
        if people[position]["id"] == person_id:
            return position
    return None


def next_person_id(people):
    """p-N: the first number after the list's length not taken."""
    return next_row_id(people, "p-")


def add_person(workbook, method):
    """A new person at the end of the account's people (in place), with
    every default of the core; None when the account already has as many
    people as method.json allows."""
    people = workbook[PEOPLE]
    if len(people) >= content.read(method).max_people:
        return None
    person = scoring.blank_person(method, next_person_id(people))
    people.append(person)
    return person


def duplicate_person(workbook, person_id, copy_suffix, method):
    """A copy of a person right after them (in place): a new id, the name
    marked as a copy, everything the person holds (personal points, what
    they have been told, motives) copied. Shared items and needs keep
    naming whom they named: the copy starts sharing nothing. None when the
    person is unknown or the account is full."""
    position = person_position(workbook, person_id)
    people = workbook[PEOPLE]
    if position is None or len(people) >= content.read(method).max_people:
        return None
    person = json.loads(json.dumps(people[position]))
    person["id"] = next_person_id(people)
    person["name"] = (person.get("name") or "") + copy_suffix
    people.insert(position + 1, person)
    return person


def move_person(workbook, person_id, step):
    """Moves a person `step` places (-1 up, 1 down) among the people (in
    place); their new position, or None when they cannot move that way."""
    position = person_position(workbook, person_id)
    people = workbook[PEOPLE]
    if position is None or not 0 <= position + step < len(people):
        return None
    people.insert(position + step, people.pop(position))
    return position + step


def remove_person(workbook, person_id):
    """Takes a person out of the account (in place), and out of every
    shared item's `with`, every need's `owner` and every `reports_to`.
    Returns what restore_person() needs to put all of it back, or None:
    the person is unknown, or the last one (an account has somebody)."""
    position = person_position(workbook, person_id)
    people = workbook[PEOPLE]
    if position is None or len(people) < 2:
        return None
    shared = []
    for item in workbook["common_ground"]:
        if person_id in item.get("with", []):
            shared.append(item["id"])
            item["with"] = [other for other in item["with"] if other != person_id]
    owned = []
    for need in workbook["client"]["needs"]:
        if need.get("owner") == person_id:
            owned.append(need["id"])
            need["owner"] = None
    reporting = []
    for other in people:
        if other.get("reports_to") == person_id:
            reporting.append(other["id"])
            other["reports_to"] = None
    return {"workbook": workbook.get("id"), "position": position, "person": people.pop(position),
            "shared": shared, "owned": owned, "reporting": reporting}


def restore_person(workbook, removed, method):
    """Undo of remove_person(): the person returns to their place, into the
    `with` of the shared items still there, as `owner` of the needs still
    there and nobody else's since, and as the manager of those who still
    report to nobody (in place). True when they came back; not into another
    workbook, nor twice, nor past the limit of people."""
    person = removed["person"]
    people = workbook[PEOPLE]
    if (workbook.get("id") != removed["workbook"] or find_person(workbook, person["id"]) is not None
            or len(people) >= content.read(method).max_people):
        return False
    people.insert(min(removed["position"], len(people)), person)
    for item in workbook["common_ground"]:
        if item["id"] in removed["shared"]:
            item["with"] = shared_with(item, workbook, person["id"], True)
    for need in workbook["client"]["needs"]:
        if need["id"] in removed["owned"] and need.get("owner") is None:
            need["owner"] = person["id"]
    for other in people:
        if other["id"] in removed["reporting"] and other.get("reports_to") is None:
            other["reports_to"] = person["id"]
    return True


def _in_order(ids, order):
    return [x for x in order if x in ids]


def shared_with(item, workbook, person_id, shared):
    """A shared item's `with` once `person_id` is ticked (shared True) or
    cleared, in the order of the account's people."""
    ids = [other for other in item.get("with", []) if other != person_id]
    if shared:
        ids.append(person_id)
    return _in_order(ids, [person["id"] for person in workbook[PEOPLE]])


def told_after(person, point_id, told, method):
    """A person's `told` once the seller's personal point `point_id` is
    ticked as told to them (or cleared), in content order."""
    ids = [other for other in person.get("told", []) if other != point_id]
    if told:
        ids.append(point_id)
    digest = content.read(method)
    order = []
    for spec in digest.seller_lists:
        if spec.leveled:
            order = spec.point_ids
    return _in_order(ids, order) + [x for x in ids if x not in order]


def managers_for(workbook, person_id):
    """Whom a person may report to: every other person except those who
    report to them, directly or through others (a hierarchy has no circle)."""
    below = [person_id]
    grew = True
    while grew:
        grew = False
        for person in workbook[PEOPLE]:
            if person["id"] not in below and person.get("reports_to") in below:
                below.append(person["id"])
                grew = True
    return [person for person in workbook[PEOPLE] if person["id"] not in below]


def person_value(field, text, method):
    """The value a person's field takes from what its control holds, or
    None while a number is half typed ("", "1e"): the score keeps the last
    good value. Influence is a number, reports_to "" is nobody, and the
    contact factor is clamped to method.json's range."""
    if field == "influence":
        try:
            return int(text)
        except ValueError:
            return None
    if field == "reports_to":
        return text or None
    if field == "contact_factor":
        try:
            value = float(text)
        except ValueError:
            return None
        if value != value:
            return None
        low, high = content.read(method).contact_factor_range
        return min(max(value, low), high)
    return text


def person_value_message(field, text, value, method):
    """What the page says by a person's field when what was typed is not
    what is kept (a P of 99 is read as 10): (ui key, values), or None when
    it is kept as typed or still half typed."""
    if field != "contact_factor" or value is None:
        return None
    try:
        typed = float(text)
    except ValueError:
        return None
    if typed == value:
        return None
    low, high = content.read(method).contact_factor_range
    return ("ux_contact_factor_clamped", {"typed": text.strip(), "value": format_number(value, 6),
                                          "low": format_number(low, 6), "high": format_number(high, 6)})


# ---------------------------------------------------------------- motives, the review and the kind of client

# What a review reason's checkbox says, by what the data found (METHOD.md,
# "Why clients do not sign"): a reason only the seller can know is ticked;
# a reason the data finds is cleared by hand; one the data does not find
# may still be counted by hand.
CHECK_TICK = "tick"
CHECK_CLEAR = "clear"
CHECK_COUNT = "count"
_UNCHANGED = "unchanged"


def review_check(entry):
    """Which checkbox a review entry (diagnosis.review()) offers."""
    if entry["by_hand"]:
        return CHECK_TICK
    return CHECK_CLEAR if entry["found"] is True else CHECK_COUNT


def review_state(check, checked):
    """The seller's state of a reason once its checkbox of kind `check`
    reads `checked`: "cleared" or "open", or None (the data decides)."""
    if not checked:
        return None
    return "cleared" if check == CHECK_CLEAR else "open"


def with_review(review, reason_id, method, state=_UNCHANGED, note=None):
    """The workbook's `review` list once the seller's word on `reason_id`
    changed: its state ("open", "cleared" or None), its note, or both. One
    record per reason, in content order; a reason with neither a state nor
    a note drops out (it is the data's again); an unknown reason or state
    changes nothing."""
    digest = content.read(method)
    records = [dict(record) for record in review
               if isinstance(record, dict) and record.get("id") in digest.is_review_reason]
    if reason_id not in digest.is_review_reason or state not in (_UNCHANGED, None, "open", "cleared"):
        return records
    record = None
    for present in records:
        if present["id"] == reason_id:
            record = present
    if record is None:
        record = {"id": reason_id, "state": None, "note": ""}
        records.append(record)
    if state != _UNCHANGED:
        record["state"] = state
    if note is not None:
        record["note"] = note
    kept = [present for present in records
            if present.get("state") is not None or not is_blank(present.get("note"))]
    return [present for reason in digest.review_reason_ids for present in kept if present["id"] == reason]


def with_motive(motives, field, value, method, checked=True):
    """A person's `motives` once one of its controls changed: the
    organisation's motive (`value`: text), a personal motive (`value`: its
    id, ticked when `checked`; content order) or the balance (`value`: the
    select's text; anything not a balance of the method keeps the old)."""
    digest = content.read(method)
    motives = motives if isinstance(motives, dict) else {}
    balance = _balance(motives.get("balance"), digest)
    changed = {"organisation": motives.get("organisation") or "",
               "personal": [motive for motive in motives.get("personal") or [] if motive in digest.is_motive],
               "balance": digest.default_balance if balance is None else balance}
    if field == "organisation":
        changed["organisation"] = value
    elif field == "personal" and value in digest.is_motive:
        chosen = [motive for motive in changed["personal"] if motive != value]
        if checked:
            chosen.append(value)
        changed["personal"] = [motive for motive in digest.motives if motive in chosen]
    elif field == "balance" and _balance(value, digest) is not None:
        changed["balance"] = _balance(value, digest)
    return changed


def _balance(value, digest):
    """A balance of the method from a number or its text, else None."""
    try:
        balance = int(value)
    except (ValueError, TypeError):
        return None
    return balance if digest.min_balance <= balance <= digest.max_balance else None


def with_client_type(settings, type_id, method):
    """(client_type, settings) once the kind of client is chosen: a kind of
    the method sets the preset it suggests, with that preset's weights (the
    user may change them after); "" or an unknown kind is none, and the
    settings stay as they are."""
    presets = content.read(method).client_type_presets
    if type_id not in presets:
        return None, settings
    return type_id, with_setting(settings, "preset", presets[type_id], method)
