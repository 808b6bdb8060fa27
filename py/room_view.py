"""Trust Workbook: what the facilitator page says around the room, pure.

``room.room_view`` works out the room itself; this module decides the rest
of what the page shows: the status line, the notices of keeping, restoring
and clearing, the heat map's rows and cells as drawn, the problems' lines,
the next sort, the chart's positions as CSS percentages and today's date in
a file name.  Plain data in, texts out; the same under CPython and
MicroPython.
"""

import content
import room

NOT_APPLICABLE = "–"   # a heat map cell with no share (a client point is never "prepared")


def _ui(method, language, key, values=None):
    return content.read(method).ui_text(language, key, values)


def date_text(year, month, day):
    """A date as the file names carry it: 2026-11-26."""
    return "%04d-%02d-%02d" % (year, month, day)


def percent_of_thousand(permille):
    """A position in 1/1000 of a plot as a CSS length: 503 -> "50.3%"."""
    return str(permille // 10) + "." + str(permille % 10) + "%"


def average_cells(view):
    """The texts of the table's average row: blank while the room has no rows."""
    return view["average"] or [""] * len(view["columns"])


def aria_sort(column, view):
    """How a column's heading says the table is sorted by it."""
    if column != view["sort"]["column"]:
        return "none"
    return "descending" if view["sort"]["descending"] else "ascending"


def fold_after_load(shown, loaded):
    """Fold loading and problems away (True) when a load brings the first
    rows (shown is the view before it, None before the first); else leave
    them as they are (None): the facilitator may have opened them."""
    had_rows = shown is not None and len(shown["rows"]) > 0
    return True if not had_rows and loaded["rows"] else None


def heat_cell(cell, method, language):
    """A heat map cell as drawn: its class, its text, and for a cell that
    does not apply a label a screen reader says in place of the dash."""
    if cell is None:
        return {"class": "number heat none", "text": NOT_APPLICABLE,
                "label": _ui(method, language, "room_heat_not_applicable")}
    return {"class": "number heat band-" + str(cell["band"]), "text": cell["text"], "label": None}


def heat_tables(view, method, language):
    """One small table per list: the list's average first, then its points."""
    tables = []
    for listed in view["coverage"]["lists"]:
        rows = [{"class": "list-row", "cells": [heat_cell(cell, method, language) for cell in listed["cells"]],
                 "label": _ui(method, language, "room_heat_list_average", {"list": listed["label"]})}]
        for point in listed["points"]:
            rows.append({"class": "", "label": point["label"],
                         "cells": [heat_cell(cell, method, language) for cell in point["cells"]]})
        tables.append({"list": listed["side"] + "." + listed["list"], "caption": listed["label"], "rows": rows})
    return tables


def error_line(error, method, language):
    """One error of a file, with where in the file it is when known."""
    if error["path"]:
        return _ui(method, language, "results_error_at", {"path": error["path"], "message": error["message"]})
    return error["message"]


def problems(view, method, language):
    """The files that could not be read: a title, the status line's link to
    them and, per file, its lines."""
    count = {"count": len(view["problems"])}
    return {"title": _ui(method, language, "room_problems_count", count),
            "link": _ui(method, language, "room7_problems_link", count),
            "files": [{"file": problem["file"], "lines": [error_line(error, method, language)
                                                          for error in problem["errors"]]}
                      for problem in view["problems"]]}


def status_line(message, view, files, reading, method, language):
    """The status line: a one-off message first, else the room's summary
    once no file is being read; None keeps the line as it is (it says which
    files are being read)."""
    if message is not None:
        return message
    if files == 0:
        return _ui(method, language, "room_empty")
    if reading == 0:
        return view["summary"]
    return None


def csv_refusal(view, method, language):
    """Why the room's table cannot be downloaded (None: it can). A CSV of
    headers alone is no use to a trainer: an empty room (cleared, or only
    unreadable files) has nothing to download, and says so."""
    if view is not None and view["rows"]:
        return None
    return _ui(method, language, "room9_csv_empty")


def next_sort(column, sort_column, descending):
    """(column, descending) after a click on a column's heading: the same
    column turns round; another starts with big numbers (and the most roles
    missing) first, names A to Z."""
    if column == sort_column:
        return column, not descending
    return column, column not in room.ASCENDING_FIRST


def restored_notice(kept, method, language):
    """What the page says when it opens on a room kept in the browser: that
    it could not be read (kept is None), how many rows came back, or nothing."""
    if kept is None:
        return _ui(method, language, "room_stored_unreadable")
    if kept["rows"]:
        return _ui(method, language, "room_restored", {"rows": len(kept["rows"])})
    return None


def cleared_notice(cleared, method, language):
    return _ui(method, language, "room_cleared", {"rows": len(cleared["rows"])})


# ---------------------------------------------------------------- reading in page workers

MOST_READERS = 4        # each worker is an interpreter more to start and to hold in memory
CHUNKS_PER_READER = 4   # so that readers finish close together when files differ in size


def reader_count(cores, address_query):
    """How many page workers read a room's files: one a core (the page's
    own worker mostly merges meanwhile), at least 2, at most MOST_READERS;
    or what the address asks (?readers=N, 0: the page's own worker reads
    alone; the benchmark compares the two)."""
    for part in (address_query or "").lstrip("?").split("&"):
        name, _, value = part.partition("=")
        if name == "readers" and value.isdigit():
            return min(int(value), MOST_READERS)
    cores = cores if type(cores) is int and cores > 0 else 2
    return max(2, min(cores, MOST_READERS))


# How long the page waits for a page worker's slice before its own worker
# reads it instead: a reader can die without a word (the browser ends a
# worker short of memory), and its slice would be waited for forever. Far
# longer than a reader takes on a slow phone (about 0.1 s a largest file at
# 4x), so a slow reader is rarely read after.
READER_PATIENCE_MS = 4000
READER_PATIENCE_PER_FILE_MS = 500


def reader_patience_ms(files):
    """How long a slice of `files` files may take a page worker, in ms."""
    return READER_PATIENCE_MS + READER_PATIENCE_PER_FILE_MS * files


def reading_chunks(count, readers, step):
    """(start, end) of the slices of `count` files handed to `readers`
    workers, in file order: about CHUNKS_PER_READER each, of a size that
    divides `step` (the page's progress step), so that the progress line
    says the same steps as when the page reads on its own."""
    share = -(-count // (max(readers, 1) * CHUNKS_PER_READER))
    size = 1
    for divisor in range(1, step + 1):
        if step % divisor == 0 and divisor <= share:
            size = divisor
    return [(start, min(start + size, count)) for start in range(0, count, size)]
