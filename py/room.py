"""Trust Workbook: a room's results gathered for the facilitator, pure.

A room is plain data built file by file (``add_file``); ``room_view`` works
out everything the facilitator page shows (rows sorted by any column, the
room's averages, the points most often missing, the chart's bars, the files
that could not be read), optionally anonymised; ``csv_text`` writes the
table for a spreadsheet.  Runs under CPython and MicroPython alike: every
sort has a full key (MicroPython's sort is not stable), every walk that
decides an order goes over a list, numbers are averaged as integers of 1/100.
"""

import content
import jsontext
import results
import scoring

COLUMNS = ("participant", "account", "T", "IS", "IC", "R", "readiness", "weakest")
NUMBER_COLUMNS = ("T", "IS", "IC", "R", "readiness")
TOP_MISSING = 5

CHART_WIDTH = 640
CHART_LABEL_WIDTH = 170     # room for the participant's name left of the bar
CHART_VALUE_WIDTH = 70      # room for the value right of the longest bar
CHART_ROW_HEIGHT = 22
CHART_BAR_HEIGHT = 16
CHART_LABEL_CHARS = 16

_CSV_FORMULA_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"   # a spreadsheet would run a cell starting so
# Characters a spreadsheet skips before it looks for a formula sign: spaces
# (no-break, ideographic and the rest), zero-width ones and the BOM.
_CSV_SKIPPED = (" \t\n\r\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                "\u200b\u200c\u200d\u2060\u202f\u205f\u3000\ufeff")


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


# ---------------------------------------------------------------- the room

def new_room():
    """An empty room: no rows, no problems, no files yet."""
    return {"rows": [], "problems": [], "files": 0}


def _missing(workbook, digest):
    """Positions in digest.fixed_points of the points this workbook has not
    disclosed (seller) or does not know (client).  The workbook is valid (read by
    results.read_document): its records are objects with known, unique ids;
    a point it does not list is missing."""
    missing = []
    position = 0
    for spec in digest.seller_lists + digest.client_lists:
        if spec.free:
            continue
        done = {}
        records = workbook.get(spec.side) or {}
        for record in records.get(spec.id) or ():
            if spec.side == "seller":
                if record.get("status") == "disclosed":
                    done[record["id"]] = True
            elif record.get("known") is True:
                done[record["id"]] = True
        for point_id in spec.point_ids:
            if point_id not in done:
                missing.append(position)
            position += 1
    return missing


def _text(workbook, key):
    value = workbook.get(key)
    return value if isinstance(value, str) else ""


def _file_stem(file_name):
    name = file_name if isinstance(file_name, str) else ""
    if name[-5:].lower() == ".json":
        name = name[:-5]
    return name


def _row(key, file_number, file_name, workbook, result, digest):
    name = _text(workbook, "name")
    account = _text(workbook, "account")
    participant = _file_stem(file_name) if jsontext.is_blank(name) else name
    weakest = result["indicators"]["weakest"]
    return {
        "key": key,
        "file": file_number,
        "identity": [_text(workbook, "id"), name, account, result["text"]["T"]],
        "participant": " ".join(participant.split()),
        "account": " ".join(account.split()),
        "T": _cents(result["T"]),
        "IS": _cents(result["IS"]),
        "IC": _cents(result["IC"]),
        "R": _cents(result["R"]),
        "readiness": _cents(result["indicators"]["readiness"]["overall"]["percent"]),
        "weakest": digest.client_list_position[weakest["list"]],
        "weakest_percent": _cents(weakest["percent"]),
        "missing": _missing(workbook, digest),
    }


def add_file(room, file_name, text, method, language):
    """The room with one more file read: a row per workbook it holds, or the
    file listed with its problems (a bad file never stops the others).  A
    workbook already in the room (same id, name, account and T) is skipped
    and said so: dropping the same folder twice must not count anyone twice."""
    digest = content.read(method)
    # Not normalised: score() reads a valid workbook as normalise() would.
    workbooks, errors = results.read_document(text, digest, language, normalise=False)
    file_number = room["files"] + 1
    rows = list(room["rows"])
    problems = list(room["problems"])
    if errors:
        problems.append({"file": file_number, "name": file_name, "errors": errors})
        return {"rows": rows, "problems": problems, "files": file_number}
    seen = [row["identity"] for row in rows]
    skipped = []
    for index in range(len(workbooks)):
        workbook = workbooks[index]
        result = scoring.score(workbook, digest)
        row = _row(len(rows) + 1, file_number, file_name, workbook, result, digest)
        if row["identity"] in seen:
            path = "workbooks[" + str(index) + "]" if len(workbooks) > 1 else ""
            skipped.append({"path": path, "message": digest.ui_text(language, "room_duplicate")})
            continue
        seen.append(row["identity"])
        rows.append(row)
    if skipped:
        problems.append({"file": file_number, "name": file_name, "errors": skipped})
    return {"rows": rows, "problems": problems, "files": file_number}


def add_problem(room, file_name, errors):
    """The room with a file that was not read (too large), listed with its errors."""
    file_number = room["files"] + 1
    problems = list(room["problems"]) + [{"file": file_number, "name": file_name, "errors": errors}]
    return {"rows": list(room["rows"]), "problems": problems, "files": file_number}


# ---------------------------------------------------------------- names

def aliases(room):
    """Stand-in names for projecting: participants and accounts numbered in
    the order they were loaded, so the same person keeps the same number
    whatever the table is sorted by."""
    participants = {}
    accounts = {}
    for row in room["rows"]:
        if row["participant"] not in participants:
            participants[row["participant"]] = len(participants) + 1
        if row["account"] and row["account"] not in accounts:
            accounts[row["account"]] = len(accounts) + 1
    return {"participants": participants, "accounts": accounts}


def _shown_names(row, names, digest, language):
    """(participant, account, participant sort key) as the table shows them."""
    if names is None:
        return row["participant"], row["account"], row["participant"]
    number = names["participants"][row["participant"]]
    account = ""
    if row["account"]:
        account = digest.ui_text(language, "room_account_n", {"n": names["accounts"][row["account"]]})
    return digest.ui_text(language, "room_participant_n", {"n": number}), account, number


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
    the participant, the account and the load order, so ties come out the same
    in every interpreter; descending reverses the column, not the tie-breaks."""
    if column not in COLUMNS:
        column = "T"
    if column == "participant":
        primary = [row["participant_key"] for row in rows]
    elif column == "account":
        primary = [row["account"] for row in rows]
    elif column == "weakest":
        primary = [(row["weakest"], row["weakest_percent"]) for row in rows]
    else:
        primary = [row[column] for row in rows]
    ranks = _ranks(primary)
    keyed = []
    for position in range(len(rows)):
        rank = ranks[primary[position]]
        row = rows[position]
        keyed.append(((-rank if descending else rank, row["participant_key"], row["account"],
                       row["key"]), row))
    keyed.sort(key=_first)
    return [item[1] for item in keyed]


def _first(item):
    return item[0]


# ---------------------------------------------------------------- the view

def _weakest_label(digest, language, list_position):
    return content.pick(digest.client_lists[list_position].label, language)


def _average(rows, name):
    total = 0
    for row in rows:
        total += row[name]
    count = len(rows)
    # rounded half away from zero, in integers of 1/100
    return (2 * total + count) // (2 * count) if count else 0


def _most_common_weakest(rows, lists):
    counts = [0] * lists
    for row in rows:
        counts[row["weakest"]] += 1
    best = 0
    for position in range(1, lists):
        if counts[position] > counts[best]:
            best = position
    return best


def most_missing(room, method, language, top=TOP_MISSING):
    """The points most often missing across the room: seller points not
    disclosed and client points not known, counted over the workbooks, most
    first (ties in content order); points nobody misses are left out."""
    digest = content.read(method)
    counts = [0] * len(digest.fixed_points)
    for row in room["rows"]:
        for position in row["missing"]:
            counts[position] += 1
    ranked = [(-counts[position], position) for position in range(len(counts)) if counts[position]]
    ranked.sort()
    total = len(room["rows"])
    found = []
    for negative, position in ranked[:top]:
        side, list_id, point_id, list_label, point_label = digest.fixed_points[position]
        found.append({
            "side": side, "list": list_id, "id": point_id, "count": -negative, "total": total,
            "label": content.pick(list_label, language) + " · " + content.pick(point_label, language),
            "state": digest.ui_text(language, "room_missing_" + side),
            "text": digest.ui_text(language, "room_missing_count", {"count": -negative, "total": total}),
        })
    return found


def chart_bars(rows):
    """Bars of T for the rows in their order, in the coordinates of the SVG
    the page draws: whole pixels, so every interpreter draws the same."""
    top = 0
    for row in rows:
        if row["T"] > top:
            top = row["T"]
    span = CHART_WIDTH - CHART_LABEL_WIDTH - CHART_VALUE_WIDTH
    bars = []
    for position in range(len(rows)):
        row = rows[position]
        label = row["cells"][0]
        if len(label) > CHART_LABEL_CHARS:
            label = label[:CHART_LABEL_CHARS - 1] + "…"
        width = row["T"] * span // top if top > 0 else 0
        y = 4 + position * CHART_ROW_HEIGHT
        bars.append({"key": row["key"], "label": label, "value": row["cells"][2],
                     "x": CHART_LABEL_WIDTH, "y": y, "width": width,
                     "text_y": y + CHART_BAR_HEIGHT - 3, "value_x": CHART_LABEL_WIDTH + width + 6})
    return {"width": CHART_WIDTH, "height": 8 + len(rows) * CHART_ROW_HEIGHT,
            "bar_height": CHART_BAR_HEIGHT, "label_x": CHART_LABEL_WIDTH - 6, "bars": bars}


def room_view(room, method, language, sort_column="T", descending=True, anonymise=False,
              top=TOP_MISSING):
    """Everything the facilitator page shows, as texts and whole numbers."""
    digest = content.read(method)
    names = aliases(room) if anonymise else None
    rows = []
    for row in room["rows"]:
        participant, account, participant_key = _shown_names(row, names, digest, language)
        shown = {"key": row["key"], "participant_key": participant_key, "account": account,
                 "weakest": row["weakest"], "weakest_percent": row["weakest_percent"]}
        for name in NUMBER_COLUMNS:
            shown[name] = row[name]
        shown["cells"] = [participant, account, _cents_text(row["T"]), _cents_text(row["IS"]),
                          _cents_text(row["IC"]), _cents_text(row["R"]),
                          _percent_text(row["readiness"]),
                          _weakest_label(digest, language, row["weakest"])]
        rows.append(shown)
    rows = sort_rows(rows, sort_column, descending)
    average = None
    if rows:
        average = [digest.ui_text(language, "room_average"), ""]
        for name in NUMBER_COLUMNS:
            cents = _average(rows, name)
            average.append(_percent_text(cents) if name == "readiness" else _cents_text(cents))
        average.append(_weakest_label(digest, language,
                                      _most_common_weakest(rows, len(digest.client_lists))))
    problems = []
    for problem in room["problems"]:
        name = problem["name"]
        if anonymise:
            name = digest.ui_text(language, "room_file_n", {"n": problem["file"]})
        problems.append({"file": name, "errors": problem["errors"]})
    return {
        "columns": list(COLUMNS),
        "sort": {"column": sort_column if sort_column in COLUMNS else "T", "descending": descending},
        "rows": rows,
        "average": average,
        "missing": most_missing(room, digest, language, top),
        "chart": chart_bars(rows),
        "problems": problems,
        "summary": digest.ui_text(language, "room_summary",
                       {"rows": len(rows), "files": room["files"], "problems": len(problems)}),
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


def csv_text(view, method, language):
    """The table as CSV for a spreadsheet: UTF-8 with a byte order mark (so
    Excel reads the Chinese), RFC 4180 quoting and CRLF line ends, the rows
    in the order shown.  Text cells that a spreadsheet would run as a formula
    (= + - @) get a leading quote; numbers are plain (readiness in %)."""
    digest = content.read(method)
    header = [digest.ui_text(language, "room_col_" + column) for column in COLUMNS]
    header[6] = header[6] + " (%)"
    lines = [",".join([_csv_cell(cell, True) for cell in header])]
    for row in view["rows"]:
        cells = list(row["cells"])
        cells[6] = _cents_text(row["readiness"])
        lines.append(",".join([_csv_cell(cells[position], position in (0, 1, 7))
                               for position in range(len(cells))]))
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def csv_file_name(date, language, method):
    parts = [content.read(method).ui_text(language, "room_csv_file"), results.clean_file_name_part(date)]
    return "-".join([part for part in parts if part]) + ".csv"
