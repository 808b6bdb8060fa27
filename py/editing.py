"""What an edit on the worksheets changes, decided without the page: the
record of a new row, a preset chosen, a setting typed.  Pure; the glue
passes the workbook's parts and puts the result in place."""

import json

import content
import scoring


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
