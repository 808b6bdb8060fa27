"""Trust Workbook: a room's results gathered for the facilitator, pure.

A room is plain data built file by file (``add_file``): a row per workbook,
grouped by participant (the name in the file, else the file's name), the
files that could not be read, and what replaced what.  ``room_view`` works
out everything the facilitator page shows (rows sorted by any column, the
room's averages, the distribution of T and readiness, the chart's bars, the
coverage heat map, the points that separate the strongest workbooks from the
weakest, the reasons the client may not sign that are open most often),
optionally anonymised; ``csv_text`` writes the table for a
spreadsheet; ``room_text`` / ``room_from_text`` keep a room in the browser.
Runs under CPython and MicroPython alike: every sort has a full key
(MicroPython's sort is not stable), every walk that decides an order goes
over a list, numbers are integers of 1/100.
"""

import json

import content
import diagnosis
import jsontext
import library
import results
import scoring

COLUMNS = ("participant", "workbook", "account", "T", "decider_T", "people", "IS", "IC", "R",
           "readiness", "disclosure", "knowledge", "weakest", "roles_missing", "reasons")
NUMBER_COLUMNS = ("T", "decider_T", "people", "IS", "IC", "R", "readiness", "disclosure", "knowledge",
                  "reasons")
PERCENT_COLUMNS = ("readiness", "disclosure", "knowledge")
TEXT_COLUMNS = ("participant", "workbook", "account", "weakest", "roles_missing")
WRAPPED_COLUMNS = ("weakest", "roles_missing")   # names: they wrap, so that the table fits a laptop
ASCENDING_FIRST = ("participant", "workbook", "account", "weakest")   # names A to Z; the rest big first
NO_DECIDER = -1         # decider_T of a workbook where nobody is the decision maker
NO_FIGURE = "—"         # how the table shows it
DISTRIBUTIONS = ("T", "readiness")
TOP_SEPARATING = 5

ROOM_VERSION = 3    # the shape of a room kept in the browser (2: the account's people; 3: open reasons)
ROOM_KEY = "trust-workbook:room"    # where the facilitator page keeps it

DOT_SPACING = 25        # dots closer than this (in 1/1000 of the plot) go on another lane
DOT_LANES = 5
HEAT_BANDS = 5          # colour steps of the heat map: 0-19 %, 20-39 %, … 80-100 %

_CSV_FORMULA_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"   # a spreadsheet would run a cell starting so
# Characters a spreadsheet skips before it looks for a formula sign: spaces
# (no-break, ideographic and the rest), zero-width ones and the BOM.
_CSV_SKIPPED = (" \t\n\r\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                "\u200b\u200c\u200d\u2060\u202f\u205f\u3000\ufeff")


def _ui(method, language, key, values=None):
    """An interface text of the content in `language`, {name}s filled."""
    return _digest(method)[1].ui_text(language, key, values)


def _pick(labels, language):
    return content.pick(labels, language)


def _cents(value):
    """A score figure (a value the core rounded to 2 decimals, never
    negative) as an integer of 1/100."""
    if type(value) is int:
        return value * 100
    return int(value * 100 + 0.5)


def _cents_text(cents):
    """Text of an integer of 1/100, trailing zeros cut: 24850 -> "248.5"."""
    return jsontext.decimal_text(cents, 2)


def _percent_text(cents):
    """A percent in whole numbers, as the worksheet page shows it: 2258 -> "23%"."""
    return str((cents + 50) // 100) + "%"


def _share_cents(count, total):
    """count / total as a percent in integers of 1/100, rounded half up."""
    return (2 * count * 10000 + total) // (2 * total) if total else 0


# ---------------------------------------------------------------- the room

class _Catalogue:
    """What the room reads of the content (py/content.py), in content order:
    every fixed point a workbook can cover, the lists that hold them, and
    the per-list figures a row keeps."""

    def __init__(self, digest):
        self.points = digest.fixed_points   # (side, list id, point id, list label, point label)
        self.lists = []       # (side, list id, list label, its point ids): what _coverage walks
        for spec in digest.seller_lists + digest.client_lists:
            if not spec.free:
                self.lists.append((spec.side, spec.id, spec.label, spec.point_ids))
        self.client_lists = [spec.id for spec in digest.client_lists]
        # The list each person of the account holds (their personal points)
        # and the seller's list that is told person by person.
        self.person_list = digest.client_lists[digest.client_personal].id
        self.told_list = digest.seller_lists[digest.seller_personal].id
        self.seat_roles = digest.seat_roles
        self.role_labels = [digest.choice_labels["roles"][role] for role in digest.seat_roles]
        # The reasons the client may not sign (the review), in content order.
        self.reasons = digest.review_reason_ids
        self.reason_position = digest.is_review_reason
        self.reason_labels = [reason["label"] for reason in digest.review_reasons]
        # (indicator, side, list id, list label): the CSV's columns per list
        self.figures = []
        for indicator, specs in (("readiness", digest.seller_lists), ("disclosure", digest.seller_lists),
                                 ("knowledge", digest.client_lists)):
            for spec in specs:
                self.figures.append((indicator, spec.side, spec.id, spec.label))


_digested = [None, None, None]   # the method given, its content.Content, its _Catalogue


def _digest(method):
    """(_Catalogue, content.Content) of method.json or of its Content, worked
    out once for the same argument: a room reads many files with it."""
    if _digested[0] is not method:
        digest = content.read(method)
        _digested[1] = _Catalogue(digest)
        _digested[2] = digest
        _digested[0] = method
    return _digested[1], _digested[2]


def new_room():
    """An empty room.  people, accounts and workbooks list the names in the
    order they were first loaded: anonymising numbers them so, and a name
    keeps its number while the room lasts (a replaced file keeps it too)."""
    return {"version": ROOM_VERSION, "rows": [], "problems": [], "notices": [], "files": 0,
            "next_key": 1, "people": [], "accounts": [], "workbooks": []}


def _coverage(workbook, catalogue):
    """A digit per catalogue point: 2 disclosed (seller) or known (client),
    1 prepared (seller), 0 neither.  A seller's personal point is disclosed
    once it is told to somebody, a person's point known when it is known of
    somebody.  The workbook is valid (read by results.read_document): its
    records are objects with known, unique ids; a point it does not list is
    empty."""
    people = [person for person in workbook.get("people") or () if isinstance(person, dict)]
    told = {}
    for person in people:
        for point_id in person.get("told") or ():
            told[point_id] = True
    digits = []
    for side, list_id, list_label, ids in catalogue.lists:
        state = {}
        if side == "client" and list_id == catalogue.person_list:
            for person in people:
                for record in person.get(list_id) or ():
                    if record.get("known") is True:
                        state[record["id"]] = "2"
        else:
            records = workbook.get(side) or {}
            for record in records.get(list_id) or ():
                if side == "seller":
                    status = record.get("status")
                    if status == "disclosed" and list_id != catalogue.told_list:
                        state[record["id"]] = "2"
                    elif status == "prepared" or status == "disclosed":
                        state[record["id"]] = "1"
                elif record.get("known") is True:
                    state[record["id"]] = "2"
            if side == "seller" and list_id == catalogue.told_list:
                for point_id in told:
                    state[point_id] = "2"
        for point_id in ids:
            digits.append(state.get(point_id, "0"))
    return "".join(digits)


def _decider_cents(people):
    """The decision maker's T (the lowest of several) in integers of 1/100,
    NO_DECIDER when nobody has that role."""
    lowest = NO_DECIDER
    for person in people:
        if person["role"] == "decision_maker":
            cents = _cents(person["T"])
            if lowest == NO_DECIDER or cents < lowest:
                lowest = cents
    return lowest


def _roles_missing(people, catalogue):
    """The places (in content order) of the seat roles nobody holds."""
    held = {}
    for person in people:
        held[person["role"]] = True
    return [position for position in range(len(catalogue.seat_roles))
            if catalogue.seat_roles[position] not in held]


def _open_reasons(entries, catalogue):
    """The places (in content order) of the open reasons of a review."""
    return [catalogue.reason_position[entry["id"]] for entry in entries if entry["open"]]


def _text(workbook, key):
    value = workbook.get(key)
    return value if isinstance(value, str) else ""


def _file_stem(file_name):
    name = file_name if isinstance(file_name, str) else ""
    if name[-5:].lower() == ".json":
        name = name[:-5]
    return name


def _read_row(read, workbook, result, reasons, catalogue):
    """A row of the table as one file gives it: everything but what the room
    decides (its key, the file's number and the participant, see
    _placed_row)."""
    name = library.one_line(_text(workbook, "name"))
    account = library.one_line(_text(workbook, "account"))
    indicators = result["indicators"]
    weakest = indicators["weakest"]
    lists = []
    for indicator, side, list_id, list_label in catalogue.figures:
        lists.append(_cents(indicators[indicator][list_id]["percent"]))
    return {
        "named": read["participant"] != "",
        "exported_at": read["exported_at"],
        "id": _text(workbook, "id"),
        # the identity less its first item, the participant
        "identity": [_text(workbook, "id"), _text(workbook, "name"), _text(workbook, "account"),
                     result["text"]["T"]],
        "workbook": name,
        "account": account,
        "T": _cents(result["T"]),
        "decider_T": _decider_cents(result["people"]),
        "people": len(result["people"]) * 100,
        "roles_missing": _roles_missing(result["people"], catalogue),
        "reasons": len(reasons) * 100,
        "reasons_open": reasons,
        "IS": _cents(result["IS"]),
        "IC": _cents(result["IC"]),
        "R": _cents(result["R"]),
        "readiness": _cents(indicators["readiness"]["overall"]["percent"]),
        "disclosure": _cents(indicators["disclosure"]["overall"]["percent"]),
        "knowledge": _cents(indicators["knowledge"]["overall"]["percent"]),
        "lists": lists,
        "weakest": catalogue.client_lists.index(weakest["list"]),
        "weakest_percent": _cents(weakest["percent"]),
        "coverage": _coverage(workbook, catalogue),
    }


def _placed_row(read_row, key, file_number, participant):
    """A read row as the room keeps it, its fields in _ROW_FIELDS order
    whichever interpreter (or worker) read it: every row is built here."""
    row = {"key": key, "file": file_number, "participant": participant}
    for name, kind in _ROW_FIELDS[3:]:
        row[name] = read_row[name]
    row["identity"] = [participant] + read_row["identity"]
    return row


def _copy(room):
    copied = {}
    for name in ("rows", "problems", "notices", "people", "accounts", "workbooks"):
        copied[name] = list(room[name])
    copied["version"] = ROOM_VERSION
    copied["files"] = room["files"]
    copied["next_key"] = room["next_key"]
    return copied


def _remember(names, name):
    if name and name not in names:
        names.append(name)


def _same_workbook(row, participant, workbook_id, identity):
    """Whether a loaded row is this participant's copy of this workbook."""
    if row["participant"] != participant:
        return False
    if workbook_id:
        return row["id"] == workbook_id
    return row["identity"] == identity


def add_file(room, file_name, text, method, language):
    """The room with one more file read: a row per workbook it holds, or the
    file listed with its problems (a bad file never stops the others).
    Rows belong to the participant the file names (else to the file's name).
    A participant's later download of a workbook replaces their earlier one
    (newest export wins, said in the notices); the very same workbook again
    is skipped and said so: dropping the same folder twice must not count
    anyone twice."""
    return add_files(room, [(file_name, text)], method, language)


def add_problem(room, file_name, errors):
    """The room with a file that was not read (too large), listed with its errors."""
    return merge_records(room, [{"name": file_name, "errors": errors}], None, None)


def add_files(room, files, method, language):
    """The room with many files added in turn, as add_file() and
    add_problem() one by one would add them, in one copy of the room (200
    files copied the room's lists 200 times).  `files`: any iterable (a
    generator lets the caller hand each text over only when it is read) of
    (file name, text) for a file to read, or (file name, errors) for a file
    that was not read (a list of {path, message}: too large, not UTF-8).
    The same as read_file() on each and merge_records() of what they give."""
    loaded = _copy(room)
    for file_name, text in files:
        _merge(loaded, read_file(file_name, text, method, language), method, language)
    return loaded


# What a notice says of a workbook read: replaced by a newer download, older
# than one loaded, the very same again, or blank (see _merge).
NOTICE_KINDS = ("replaced", "older", "duplicate", "blank")


def read_file(file_name, text, method, language):
    """What the room needs of one file, read on its own: a record of plain
    data (text, whole numbers, booleans, lists; json.dumps and json.loads
    give it back unchanged) that merge_records() puts into a room.  It
    depends on no room, so files can be read in any order, in page workers
    at once, and merged in the order they were chosen.  `text`: the file's
    text, or the list of errors of a file that was not read.

    {"name", "errors"} for a file with problems, else {"name",
    "participant" (the file's, else its name's; "" when neither: the room
    numbers it), "workbooks": [{"workbook", "account", "blank", "row"}]},
    "row" None for a blank workbook."""
    if isinstance(text, list):
        return {"name": file_name, "errors": text}
    # Not normalised: score() reads a valid workbook as normalise() would.
    catalogue, digest = _digest(method)
    read = results.read_results(text, digest, language, normalise=False)
    if read["errors"]:
        return {"name": file_name, "errors": read["errors"]}
    found = []
    for workbook in read["workbooks"]:
        # The room shows neither moves nor common-ground leads: scored
        # without them (the review's moves taken from the score are then
        # None; the room shows no move).  One reading of the workbook
        # serves the score and the review.
        book, result = scoring.score_and_normalise(workbook, digest, moves=False)
        one = {"workbook": library.one_line(book["name"]), "account": library.one_line(book["account"]),
               "blank": False, "row": None}
        if scoring.untouched(book, digest):
            # A workbook made and never written in ("download all" takes it
            # along) would count as a T of 0 in every average of the room.
            one["blank"] = True
        else:
            reasons = _open_reasons(diagnosis.review(book, digest, result, normalised=True), catalogue)
            one["row"] = _read_row(read, workbook, result, reasons, catalogue)
        found.append(one)
    return {"name": file_name, "participant": read["participant"] or library.one_line(_file_stem(file_name)),
            "workbooks": found}


def merge_records(room, records, method, language):
    """The room with the records of read_file() added in their order, as
    add_files() would add those files: numbering, duplicates, older and
    newer downloads, blank workbooks, the names remembered."""
    loaded = _copy(room)
    for record in records:
        _merge(loaded, record, method, language)
    return loaded


def _merge(loaded, record, method, language):
    """merge_records() of one record on a room of the batch's own (changed in place)."""
    loaded["files"] += 1
    file_number = loaded["files"]
    if "errors" in record:
        loaded["problems"].append({"file": file_number, "name": record["name"], "errors": record["errors"]})
        return
    file_name = record["name"]
    participant = record["participant"]
    if not participant:
        participant = _ui(method, language, "room_file_n", {"n": file_number})
    rows = loaded["rows"]
    for found in record["workbooks"]:
        notice = {"file": file_number, "name": file_name, "participant": participant,
                  "workbook": found["workbook"], "account": found["account"]}
        if found["blank"]:
            notice["kind"] = "blank"
            loaded["notices"].append(notice)
            continue
        row = _placed_row(found["row"], loaded["next_key"], file_number, participant)
        earlier = None
        for position in range(len(rows)):
            if _same_workbook(rows[position], participant, row["id"], row["identity"]):
                earlier = position
                break
        if earlier is not None and rows[earlier]["identity"] == row["identity"]:
            # Read and counted once: a notice, not a problem of the file.
            notice["kind"] = "duplicate"
            loaded["notices"].append(notice)
            continue
        if earlier is not None:
            if row["exported_at"] < rows[earlier]["exported_at"]:
                # Named as the kept row is: the page shows (or numbers) that one.
                notice["workbook"] = rows[earlier]["workbook"]
                notice["account"] = rows[earlier]["account"]
                notice["kind"] = "older"
                loaded["notices"].append(notice)
                continue
            # Newest wins; a replaced row keeps its place in the loading order.
            row["key"] = rows[earlier]["key"]
            rows[earlier] = row
            notice["kind"] = "replaced"
            loaded["notices"].append(notice)
        else:
            loaded["next_key"] += 1
            rows.append(row)
        _remember(loaded["people"], participant)
        _remember(loaded["accounts"], row["account"])
        _remember(loaded["workbooks"], row["workbook"])


# ---------------------------------------------------------------- keeping a room

_ROW_FIELDS = (("key", int), ("file", int), ("participant", str), ("named", bool),
               ("exported_at", str), ("id", str), ("identity", list), ("workbook", str),
               ("account", str), ("T", int), ("decider_T", int), ("people", int), ("roles_missing", list),
               ("reasons", int), ("reasons_open", list),
               ("IS", int), ("IC", int), ("R", int),
               ("readiness", int), ("disclosure", int), ("knowledge", int), ("lists", list),
               ("weakest", int), ("weakest_percent", int), ("coverage", str))


def room_text(room):
    """The room as text to keep in the browser (read back by room_from_text).
    Plain json.dumps: a room holds only text, whole numbers and booleans, and
    the interpreter's own writer is many times faster than a canonical one
    (key order does not matter to the reader)."""
    return json.dumps(room)


def _is_text_list(value):
    if type(value) is not list:
        return False
    for item in value:
        if type(item) is not str:
            return False
    return True


def _kept_row(row, catalogue):
    if type(row) is not dict:
        return False
    for name, kind in _ROW_FIELDS:
        if type(row.get(name)) is not kind:
            return False
    if len(row["coverage"]) != len(catalogue.points) or len(row["lists"]) != len(catalogue.figures):
        return False
    for figure in row["lists"]:
        if type(figure) is not int:
            return False
    for role in row["roles_missing"]:
        if type(role) is not int or not 0 <= role < len(catalogue.seat_roles):
            return False
    for reason in row["reasons_open"]:
        if type(reason) is not int or not 0 <= reason < len(catalogue.reasons):
            return False
    if row["reasons"] != len(row["reasons_open"]) * 100:
        return False
    return 0 <= row["weakest"] < len(catalogue.client_lists)


def room_from_text(text, method):
    """The room kept by room_text, or None when the text is not one (another
    version, another content file, damaged): the page then starts empty."""
    if not isinstance(text, str) or not text:
        return None
    try:
        data = json.loads(text)
    except Exception:  # ValueError; RuntimeError when nested too deep
        return None
    if type(data) is not dict or data.get("version") != ROOM_VERSION:
        return None
    for name in ("rows", "problems", "notices"):
        if type(data.get(name)) is not list:
            return None
    for name in ("people", "accounts", "workbooks"):
        if not _is_text_list(data.get(name)):
            return None
    if type(data.get("files")) is not int or type(data.get("next_key")) is not int:
        return None
    catalogue = _digest(method)[0]
    for row in data["rows"]:
        if not _kept_row(row, catalogue) or row["participant"] not in data["people"]:
            return None
    for problem in data["problems"]:
        if not _kept_problem(problem):
            return None
    for notice in data["notices"]:
        if type(notice) is not dict or notice.get("kind") not in NOTICE_KINDS:
            return None
        for name in ("participant", "workbook", "account"):
            if type(notice.get(name)) is not str:
                return None
    return data


def _kept_problem(problem):
    if type(problem) is not dict or type(problem.get("name")) is not str or type(problem.get("file")) is not int:
        return False
    errors = problem.get("errors")
    if type(errors) is not list:
        return False
    for error in errors:
        if type(error) is not dict or type(error.get("path")) is not str or type(error.get("message")) is not str:
            return False
    return True


# ---------------------------------------------------------------- names

def aliases(room):
    """Stand-in names for projecting: participants, accounts and workbooks
    numbered in the order they were first loaded, each number used once, so
    the same person keeps the same number whatever the table is sorted by."""
    shown = {"people": {}, "accounts": {}, "workbooks": {}}
    for row in room["rows"]:
        shown["people"][row["participant"]] = True
        shown["accounts"][row["account"]] = True
        shown["workbooks"][row["workbook"]] = True
    found = {}
    for name in ("people", "accounts", "workbooks"):
        # A name whose rows a newer download replaced gives its number up:
        # no gaps in the numbers on the screen.
        numbers = {}
        for listed in room[name]:
            if listed in shown[name]:
                numbers[listed] = len(numbers) + 1
        found[name] = numbers
    # Someone only the notices name (their one workbook was blank) is
    # numbered too, after everyone in the table, so a notice says whom it
    # means without their name.
    for notice in room["notices"]:
        if notice["participant"] not in found["people"]:
            found["people"][notice["participant"]] = len(found["people"]) + 1
    return found


def _alias(names, kind, name, method, language):
    if not name:
        return ""
    key = {"people": "room_participant_n", "accounts": "room_account_n", "workbooks": "room_workbook_n"}[kind]
    number = names[kind].get(name)
    if number is None:  # no row shows it any more: a number would point at nothing
        return _ui(method, language, "untitled")
    return _ui(method, language, key, {"n": number})


def _shown_names(row, names, method, language):
    """(participant, workbook, account, participant sort key) as the table shows them."""
    if names is None:
        return row["participant"], row["workbook"], row["account"], row["participant"]
    return (_alias(names, "people", row["participant"], method, language),
            _alias(names, "workbooks", row["workbook"], method, language),
            _alias(names, "accounts", row["account"], method, language),
            names["people"][row["participant"]])


# ---------------------------------------------------------------- sorting

def _ranks(values):
    """Each distinct value's place in ascending order."""
    ordered = sorted(set(values))
    ranks = {}
    for position in range(len(ordered)):
        ranks[ordered[position]] = position
    return ranks


def sort_rows(rows, column, descending):
    """Rows (as room_view shows them) sorted by a column.  The key ends with
    the participant, the workbook, the account and the load order, so ties
    come out the same in every interpreter; descending reverses the column,
    not the tie-breaks."""
    if column not in COLUMNS:
        column = "T"
    if column == "participant":
        primary = [row["participant_key"] for row in rows]
    elif column in ("workbook", "account"):
        primary = [row[column] for row in rows]
    elif column == "weakest":
        primary = [(row["weakest"], row["weakest_percent"]) for row in rows]
    elif column == "roles_missing":
        # the most roles missing counts as the most: descending puts them first
        primary = [(len(row["roles_missing"]), tuple([-role for role in row["roles_missing"]]))
                   for row in rows]
    else:
        primary = [row[column] for row in rows]
    ranks = _ranks(primary)
    keyed = []
    for position in range(len(rows)):
        rank = ranks[primary[position]]
        row = rows[position]
        keyed.append(((-rank if descending else rank, row["participant_key"], row["workbook"],
                       row["account"], row["key"]), row))
    keyed.sort(key=_first)
    return [item[1] for item in keyed]


def _first(item):
    return item[0]


# ---------------------------------------------------------------- figures

def _weakest_label(method, language, list_position):
    return _pick(_digest(method)[1].client_lists[list_position].label, language)


def _average(rows, name):
    """The mean of a column in integers of 1/100, rounded half away from
    zero; the decider's T over the rows that have one (NO_DECIDER when none)."""
    total = 0
    count = 0
    for row in rows:
        if row[name] != NO_DECIDER:
            total += row[name]
            count += 1
    if not count:
        return NO_DECIDER if name == "decider_T" else 0
    return (2 * total + count) // (2 * count)


def _median(values):
    ordered = sorted(values)
    count = len(ordered)
    if count == 0:
        return 0
    if count % 2:
        return ordered[count // 2]
    return (ordered[count // 2 - 1] + ordered[count // 2] + 1) // 2


def _most_common_weakest(rows, lists):
    counts = [0] * lists
    for row in rows:
        counts[row["weakest"]] += 1
    best = 0
    for position in range(1, lists):
        if counts[position] > counts[best]:
            best = position
    return best


def _figure_text(column, cents):
    if column == "decider_T" and cents == NO_DECIDER:
        return NO_FIGURE
    return _percent_text(cents) if column in PERCENT_COLUMNS else _cents_text(cents)


def _labels_text(positions, labels, method, language):
    """The labels at these places, joined as the language lists things; a
    word for none."""
    if not positions:
        return _ui(method, language, "room_roles_none")
    return _ui(method, language, "room_list_separator").join([_pick(labels[position], language)
                                                              for position in positions])


def _roles_text(positions, method, language):
    """The labels of seat roles (by their places)."""
    return _labels_text(positions, _digest(method)[0].role_labels, method, language)


def roles_missing(rows, method, language):
    """The room's most-missed seat roles: for each role nobody holds in
    some workbook, in how many workbooks; the most first, ties in content
    order."""
    catalogue = _digest(method)[0]
    counts = [0] * len(catalogue.seat_roles)
    for row in rows:
        for position in row["roles_missing"]:
            counts[position] += 1
    ranked = [(-counts[position], position) for position in range(len(counts)) if counts[position]]
    ranked.sort()
    found = []
    for count, position in ranked:
        found.append({"role": catalogue.seat_roles[position], "count": -count,
                      "label": _pick(catalogue.role_labels[position], language),
                      "text": _ui(method, language, "room_roles_line", {"count": -count, "rows": len(rows)})})
    return found


def reasons_open(rows, method, language):
    """What to talk about next: each reason the client may not sign that is
    open in some workbook, with in how many, the most first (ties in
    content order), its label in `language`, and its share of the room's
    workbooks in 1/1000 (the bar drawn under it)."""
    catalogue = _digest(method)[0]
    counts = [0] * len(catalogue.reasons)
    for row in rows:
        for position in row["reasons_open"]:
            counts[position] += 1
    ranked = [(-counts[position], position) for position in range(len(counts)) if counts[position]]
    ranked.sort()
    found = []
    for count, position in ranked:
        found.append({"reason": catalogue.reasons[position], "count": -count,
                      "label": _pick(catalogue.reason_labels[position], language),
                      "text": _ui(method, language, "room_reasons_line", {"count": -count, "rows": len(rows)}),
                      "permille": -count * 1000 // len(rows)})
    return found


def _reasons_text(positions, method, language):
    """The labels of open reasons (by their places)."""
    return _labels_text(positions, _digest(method)[0].reason_labels, method, language)


def _scale_top(rows, column):
    """The value at the right end of a plot: 100 % for a share, else the
    largest value shown (at least 1, so an all-zero room draws at 0)."""
    if column in PERCENT_COLUMNS:
        return 10000
    top = 1
    for row in rows:
        if row[column] > top:
            top = row[column]
    return top


def chart_bars(rows):
    """Bars of T for the rows in their order; widths in 1/1000 of the
    longest bar's room, whole numbers so that every interpreter draws the
    same.  The page draws them as text and boxes at the size they are shown."""
    top = _scale_top(rows, "T")
    bars = []
    for row in rows:
        bars.append({"key": row["key"], "label": row["cells"][0], "value": _cents_text(row["T"]),
                     "permille": row["T"] * 1000 // top if row["T"] > 0 else 0})
    return {"bars": bars}


def distribution(rows, column, method, language):
    """A dot plot of one column over the room: a dot per row at its value
    (in 1/1000 of the scale), dots too close to each other on further
    lanes, the median marked, and the lowest, median and highest value."""
    top = _scale_top(rows, column)
    placed = []
    for row in rows:
        placed.append((((row[column] * 1000 // top if row[column] > 0 else 0), row["key"]), row))
    placed.sort(key=_first)
    lane_ends = []
    dots = []
    for order, row in placed:
        x, key = order
        lane = None
        for position in range(len(lane_ends)):
            if x - lane_ends[position] >= DOT_SPACING:
                lane = position
                break
        if lane is None:
            if len(lane_ends) < DOT_LANES:
                lane = len(lane_ends)
                lane_ends.append(-DOT_SPACING)
            else:
                lane = len(dots) % DOT_LANES
        lane_ends[lane] = x
        dots.append({"key": key, "x": x, "lane": lane,
                     "label": row["cells"][0] + " " + _figure_text(column, row[column])})
    values = [row[column] for row in rows]
    median = _median(values)
    texts = {"min": "", "median": "", "max": ""}
    if values:
        texts = {"min": _figure_text(column, min(values)), "median": _figure_text(column, median),
                 "max": _figure_text(column, max(values))}
    return {
        "column": column,
        "title": _ui(method, language, "room_col_" + column),
        "dots": dots,
        "lanes": len(lane_ends),
        "median_x": median * 1000 // top if median > 0 else 0,
        "scale_max": _figure_text(column, top) if values else "",
        "summary": _ui(method, language, "room_distribution_summary", texts) if values else "",
    }


def _band(cents):
    band = cents * HEAT_BANDS // 10000
    return band if band < HEAT_BANDS else HEAT_BANDS - 1


def coverage(room, method, language):
    """The coverage heat map: for every fixed point, grouped by list, the
    share of participants who prepared it (or disclosed it) and who
    disclosed it (seller) or know it (client).  A participant with several
    workbooks counts once, by the share of their workbooks: one person, one
    voice.  Shares in integers of 1/100 %, a colour band 0-4, and text."""
    catalogue = _digest(method)[0]
    size = len(catalogue.points)
    # Per participant: how many workbooks, and per point how many of them
    # prepared-or-better ([0]) and disclosed / known ([1]); one pass a row.
    people = []
    positions = {}
    for row in room["rows"]:
        if row["participant"] not in positions:
            positions[row["participant"]] = len(people)
            people.append([0, [0] * size, [0] * size])
        counts = people[positions[row["participant"]]]
        counts[0] += 1
        digits = row["coverage"]
        for position in range(size):
            digit = digits[position]
            if digit != "0":
                counts[1][position] += 1
                if digit == "2":
                    counts[2][position] += 1
    lists = []
    point = 0
    for side, list_id, list_label, ids in catalogue.lists:
        points = []
        totals = [0, 0]
        for item_id in ids:
            shares = []
            for level in (1, 2):
                total = 0
                for counts in people:
                    total += _share_cents(counts[level][point], counts[0])
                shares.append((2 * total + len(people)) // (2 * len(people)) if people else 0)
            if side == "client":
                shares[0] = None  # a client point is known or not: no "prepared"
            cells = []
            for position in range(2):
                share = shares[position]
                if share is None:
                    cells.append(None)
                else:
                    totals[position] += share
                    cells.append({"share": share, "text": _percent_text(share), "band": _band(share)})
            points.append({"id": item_id, "label": _pick(catalogue.points[point][4], language), "cells": cells})
            point += 1
        averages = []
        for position in range(2):
            if side == "client" and position == 0:
                averages.append(None)
            else:
                share = (2 * totals[position] + len(ids)) // (2 * len(ids)) if ids else 0
                averages.append({"share": share, "text": _percent_text(share), "band": _band(share)})
        lists.append({"side": side, "list": list_id, "label": _pick(list_label, language),
                      "cells": averages, "points": points})
    return {"participants": len(people), "lists": lists,
            "columns": [_ui(method, language, "room_heat_prepared"),
                        _ui(method, language, "room_heat_done")]}


def separating(room, method, language, top=TOP_SEPARATING):
    """The points that most separate the strongest workbooks (by T, the top
    third) from the weakest (the bottom third): disclosed (seller) or known
    (client) by many more of the strongest; the widest gaps first, ties in
    content order, only points with a gap.  Needs two workbooks."""
    rows = room["rows"]
    if len(rows) < 2:
        return []
    catalogue = _digest(method)[0]
    ranked = [((-row["T"], row["key"]), row) for row in rows]
    ranked.sort(key=_first)
    group = len(rows) // 3 if len(rows) >= 6 else 1
    strongest = [item[1] for item in ranked[:group]]
    weakest = [item[1] for item in ranked[-group:]]
    gaps = []
    for position in range(len(catalogue.points)):
        strong = 0
        for row in strongest:
            if row["coverage"][position] == "2":
                strong += 1
        weak = 0
        for row in weakest:
            if row["coverage"][position] == "2":
                weak += 1
        if strong > weak:
            gaps.append((weak - strong, position, strong, weak))
    gaps.sort()
    found = []
    for gap, position, strong, weak in gaps[:top]:
        side, list_id, point_id, list_label, point_label = catalogue.points[position]
        found.append({
            "side": side, "list": list_id, "id": point_id, "strong": strong, "weak": weak, "group": group,
            "label": _pick(list_label, language) + " · " + _pick(point_label, language),
            "text": _ui(method, language, "room_separating_" + side,
                                    {"strong": strong, "weak": weak, "group": group}),
        })
    return found


def _notice_text(notice, names, method, language):
    participant = notice["participant"]
    workbook = notice["workbook"] or notice["account"]
    if names is not None:
        participant = _alias(names, "people", participant, method, language)
        workbook = (_alias(names, "workbooks", notice["workbook"], method, language)
                    if notice["workbook"] else _alias(names, "accounts", notice["account"], method, language))
    if not workbook:
        workbook = _ui(method, language, "untitled")
    return _ui(method, language, "room_notice_" + notice["kind"],
                           {"participant": participant, "workbook": workbook})


# ---------------------------------------------------------------- the view

def room_view(room, method, language, sort_column="T", descending=True, anonymise=False):
    """Everything the facilitator page shows, as texts and whole numbers."""
    names = aliases(room) if anonymise else None
    rows = []
    for row in room["rows"]:
        participant, workbook, account, participant_key = _shown_names(row, names, method, language)
        shown = {"key": row["key"], "participant_key": participant_key, "workbook": workbook,
                 "account": account, "weakest": row["weakest"], "weakest_percent": row["weakest_percent"],
                 "roles_missing": row["roles_missing"], "reasons_open": row["reasons_open"],
                 "reasons_text": _reasons_text(row["reasons_open"], method, language), "lists": row["lists"]}
        cells = [participant, workbook, account]
        for name in COLUMNS[3:]:
            if name in NUMBER_COLUMNS:
                shown[name] = row[name]
                cells.append(_figure_text(name, row[name]))
            elif name == "weakest":
                cells.append(_weakest_label(method, language, row["weakest"]))
            else:
                cells.append(_roles_text(row["roles_missing"], method, language))
        shown["cells"] = cells
        rows.append(shown)
    rows = sort_rows(rows, sort_column, descending)
    previous = None
    for row in rows:
        # Rows of one participant that follow each other read as one group.
        row["continues"] = row["participant_key"] == previous
        previous = row["participant_key"]
    missed = roles_missing(rows, method, language)
    average = None
    if rows:
        average = [_ui(method, language, "room_average"), "", ""]
        for name in COLUMNS[3:]:
            if name in NUMBER_COLUMNS:
                average.append(_figure_text(name, _average(rows, name)))
            elif name == "weakest":
                average.append(_weakest_label(method, language,
                                              _most_common_weakest(rows, len(_digest(method)[1].client_lists))))
            else:
                average.append(missed[0]["label"] if missed else _ui(method, language, "room_roles_none"))
    problems = []
    for problem in room["problems"]:
        name = problem["name"]
        if anonymise:
            name = _ui(method, language, "room_file_n", {"n": problem["file"]})
        problems.append({"file": name, "errors": problem["errors"]})
    notices = [_notice_text(notice, names, method, language) for notice in room["notices"]]
    people = {}
    for row in room["rows"]:
        people[row["participant"]] = True
    return {
        "columns": list(COLUMNS),
        "sort": {"column": sort_column if sort_column in COLUMNS else "T", "descending": descending},
        "rows": rows,
        "average": average,
        "distributions": [distribution(rows, column, method, language) for column in DISTRIBUTIONS],
        "chart": chart_bars(rows),
        "coverage": coverage(room, method, language),
        "separating": separating(room, method, language),
        "roles_missing": missed,
        "reasons": reasons_open(rows, method, language),
        "problems": problems,
        "notices": notices,
        "summary": _ui(method, language, "room_summary",
                       {"people": len(people), "rows": len(rows), "files": room["files"],
                        "problems": len(problems)}),
    }


# ---------------------------------------------------------------- CSV

def _starts_a_formula(text):
    """True when a spreadsheet could read the cell as a formula: its first
    character after any spaces and invisible ones is a formula sign."""
    for ch in text:
        if ch not in _CSV_SKIPPED:
            return ch in _CSV_FORMULA_STARTS
        if ch in _CSV_FORMULA_STARTS:  # a tab or a carriage return
            return True
    return False


def _csv_cell(text, guard):
    if guard and _starts_a_formula(text):
        text = "'" + text
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        text = '"' + text.replace('"', '""') + '"'
    return text


def csv_header(method, language):
    """The CSV's column names: every column of the table, then readiness and
    disclosure per seller list and knowledge per client list, then which
    reasons are open."""
    header = []
    for column in COLUMNS:
        name = _ui(method, language, "room_col_" + column)
        header.append(name + " (%)" if column in PERCENT_COLUMNS else name)
    for indicator, side, list_id, list_label in _digest(method)[0].figures:
        header.append(_ui(method, language, "room_csv_list_figure", {
            "figure": _ui(method, language, "room_col_" + indicator),
            "list": _pick(list_label, language)}) + " (%)")
    header.append(_ui(method, language, "room_csv_reasons_open"))
    return header


def csv_text(view, method, language):
    """The table as CSV for a spreadsheet: UTF-8 with a byte order mark (so
    Excel reads the Chinese), RFC 4180 quoting and CRLF line ends, the rows
    in the order shown, the column names in the page's language.  Text cells
    that a spreadsheet would run as a formula (= + - @) get a leading quote;
    numbers are plain (percents with 2 decimals)."""
    lines = [",".join([_csv_cell(cell, True) for cell in csv_header(method, language)])]
    for row in view["rows"]:
        cells = []
        for position in range(len(COLUMNS)):
            column = COLUMNS[position]
            if column in TEXT_COLUMNS:
                cells.append(_csv_cell(row["cells"][position], True))
            elif row[column] == NO_DECIDER and column == "decider_T":
                cells.append("")   # nobody decides: an empty cell, not text in a column of numbers
            else:
                cells.append(_cents_text(row[column]))
        for figure in row["lists"]:
            cells.append(_cents_text(figure))
        cells.append(_csv_cell(row["reasons_text"], True))
        lines.append(",".join(cells))
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def csv_file_name(date, language, method):
    parts = [_ui(method, language, "room_csv_file"), results.clean_file_name_part(date)]
    return "-".join([part for part in parts if part]) + ".csv"
