# The facilitator page's Python: a PyScript worker of its own, so that
# neither the interpreter's start nor the reading of a room's files ever
# holds the page up (docs/PERFORMANCE.md). static/room_page.js starts it and
# calls what __export__ names; plain data crosses both ways as JSON text.
# The page starts more of the same worker to read a large load's files on
# every core: those only ever read (read_files).
#
# Shipped as source (a worker's script runs as text); what it imports is
# bytecode from its config's files (build.py ROOM_WORKER_PY_MODULES).
import json

import content
import room
import room_page
import room_view

with open("method.json") as content_file:
    CONTENT = content.read(json.loads(content_file.read()))  # json.load is slower under MicroPython
LANGUAGE = content.only_language(CONTENT)   # the worker reads its page's content file
# What the room reads of the content is worked out on the first file: done
# here, while the worker starts, rather than in the first load.
room.read_file("warm-up.json", "{}", CONTENT, LANGUAGE)


class Page:
    room = room_page.RoomPage(CONTENT, LANGUAGE)


def _text(value):
    """A string the page passed, or None for its null or undefined."""
    return value if isinstance(value, str) else None


def _json(made):
    return json.dumps(made)


# ---------------------------------------------------------------- the page's requests

def open_room(kept_text):
    return _json(Page.room.open(_text(kept_text)))


def keeping_failed():
    return _json(Page.room.keeping_failed())


def hide_names(on):
    return _json(Page.room.hide_names(bool(on)))


def sort_by(column):
    return _json(Page.room.sort_by(str(column)))


def clear():
    return _json(Page.room.clear())


def undo_clear():
    return _json(Page.room.undo_clear())


def csv(year, month, day):
    return _json(Page.room.csv(int(year), int(month), int(day)))


def chosen(count):
    return _json(Page.room.chosen(int(count)))


def load_start(files):
    return _json(Page.room.load_start(json.loads(str(files))))


def reader_count(cores, address_query):
    return _json(room_view.reader_count(int(cores), str(address_query)))


def reading_plan(count, readers):
    return _json(Page.room.reading_plan(int(count), int(readers)))


def merge(records, names, texts, end, count):
    """records: a page worker's JSON text, or null to read names (JSON) and
    texts (a JavaScript array) here. Names cross as JSON: a string handed
    between JavaScript and Python ends at its first NUL, which a file name
    may hold."""
    records = _text(records)
    if records is None:
        answer = Page.room.merge(None, json.loads(str(names)), texts, int(end), int(count))
    else:
        answer = Page.room.merge(json.loads(records), None, None, int(end), int(count))
    return _json(answer)


def load_end():
    return _json(Page.room.load_end())


# ---------------------------------------------------------------- a reader's one request

def read_files(names, texts):
    """The records of the files names[i] (JSON) with texts[i] (a JavaScript
    array, a text null when the page could not decode the file), in order,
    as JSON."""
    return _json(room_page.read_records(json.loads(str(names)), texts, CONTENT, LANGUAGE))


__export__ = ["open_room", "keeping_failed", "hide_names", "sort_by", "clear", "undo_clear", "csv", "chosen",
              "load_start", "reader_count", "reading_plan", "merge", "load_end", "read_files"]
