# Page glue of the facilitator view: files in, table out. What the page shows
# is decided by the pure modules (results reads a file, room gathers the
# room, room_view words the rest); this file reads the files the facilitator
# picks or drops, copies texts into the DOM with textContent (never
# innerHTML: every text comes from someone's file) and wires the events.
import asyncio
import json

from pyscript import document, window
from pyscript.ffi import create_proxy, to_js

import content
import results
import room
import room_painter
import room_view
import room_workers
from room_painter import find

with open("method.json") as content_file:
    CONTENT = content.read(json.loads(content_file.read()))  # json.load is slower under MicroPython

LANGUAGE = "zh" if str(document.documentElement.lang).startswith("zh") else "en"
PROGRESS_EVERY = 25   # files read between two paints of the progress
# The executor of a promise settled in a later JavaScript task, once the
# browser has run what is due (observers, a paint).
NEXT_TASK = create_proxy(lambda resolve, reject: window.setTimeout(resolve, 1))


class Session:
    loaded = room.new_room()
    sort_column = "T"
    descending = True
    anonymise = False
    view = None
    reading = 0           # batches of files still being read
    cleared = None        # the room before "Clear", until undone or replaced
    adding = asyncio.Lock()   # held while a batch of files is added to the room
    message = None        # a line the status shows instead of the summary, once


def show_room():
    view = room.room_view(Session.loaded, CONTENT, LANGUAGE, Session.sort_column,
                          Session.descending, Session.anonymise)
    Session.view = view
    has_rows = len(view["rows"]) > 0
    for section in document.querySelectorAll("[data-results]"):
        section.hidden = not has_rows
    if not has_rows and document.body.classList.contains("presenting"):
        present(False)
    room_painter.show_rows(view)
    room_painter.show_reasons(view)
    room_painter.show_distributions(view)
    room_painter.show_chart(view)
    room_painter.show_coverage(view, CONTENT, LANGUAGE)
    room_painter.show_lists(view, CONTENT, LANGUAGE)
    find("[data-action='download-csv']").disabled = not has_rows
    find("[data-action='clear']").disabled = Session.loaded["files"] == 0
    find("[data-action='undo-clear']").hidden = Session.cleared is None
    status = room_view.status_line(Session.message, view, Session.loaded["files"], Session.reading,
                                   CONTENT, LANGUAGE)
    Session.message = None
    if status is not None:
        find("[data-room-status]").textContent = status


def settle(fold):
    """Shows the room; once it has results, loading and problems fold to one
    line (fold True) so that a projector shows the results first, an empty
    room opens loading (False; None leaves both as they are). Sets the load
    marker last on purpose: tests wait for it."""
    show_room()
    if fold is not None:
        find("[data-load-panel]").open = not fold
        find("[data-problems]").open = not fold
    document.body.setAttribute("data-loaded", str(Session.loaded["files"]))


def present(on):
    document.body.classList.toggle("presenting", on)
    find("[data-action='present']").setAttribute("aria-pressed", "true" if on else "false")


# ---------------------------------------------------------------- keeping the room

def keep_room():
    """Keeps the room in this browser until it is cleared (a reload brings it
    back); says so when the browser refuses."""
    if Session.loaded["files"] == 0:
        window.localStorage.removeItem(room.ROOM_KEY)
        return
    if window.trustWorkbookStorage.write(room.ROOM_KEY, room.room_text(Session.loaded)):
        Session.message = CONTENT.ui_text(LANGUAGE, "room_store_failed")


def restore_room():
    text = window.localStorage.getItem(room.ROOM_KEY)
    if not isinstance(text, str):  # None, or JsNull under Pyodide
        return
    kept = room.room_from_text(text, CONTENT)
    Session.message = room_view.restored_notice(kept, CONTENT, LANGUAGE)
    if kept is None:
        # Set aside rather than deleted; the files themselves can be loaded again.
        window.trustWorkbookStorage.write(room.ROOM_KEY + ":unreadable", text)
        window.localStorage.removeItem(room.ROOM_KEY)
    else:
        Session.loaded = kept


# ---------------------------------------------------------------- files

def file_list(files):
    """A Python list of the File objects of a FileList (read it before the
    input is reset)."""
    return [files.item(position) for position in range(int(files.length))]


async def read_files(files):
    """Adds the files to the room: too large ones are listed unread, the rest
    are read as text (all at once) and handed to the pure reader."""
    Session.reading += 1
    find("[data-room-status]").textContent = CONTENT.ui_text(LANGUAGE, "room_reading", {"count": len(files)})
    unread = []
    readable = []
    for file in files:
        errors = results.size_errors(int(file.size), CONTENT, LANGUAGE)
        if errors:
            unread.append((str(file.name), errors))
        else:
            readable.append(file)
    texts = await window.Promise.all(to_js([window.trustWorkbookText.read(file) for file in readable]))
    # Marks for bench/bench_facilitator.py: where a load's time goes.
    window.performance.mark("room:files-read")

    def read_in_turn(start, end):
        # Each text crosses into Python only when the room reads it: 200
        # texts of 58 KB held at once would be scanned by every collection.
        for position in range(start, end):
            text = texts[position]
            if text is None:  # neither UTF-8 nor UTF-16 (page.js)
                yield str(readable[position].name), results.encoding_errors(CONTENT, LANGUAGE)
            else:
                yield str(readable[position].name), str(text)

    async def show_progress(end):
        if end < len(readable) and end % PROGRESS_EVERY == 0:
            find("[data-room-status]").textContent = CONTENT.ui_text(
                LANGUAGE, "room_reading_progress", {"done": end, "count": len(readable)})
            # Let the page paint how far the reading is (a few ms a step).
            # asyncio.sleep() can run on in the same JavaScript task (sleep(0)
            # always, a short sleep when the machine is slow and its time has
            # passed when the loop looks): a promise settled by a timer cannot.
            await window.Promise.new(NEXT_TASK)

    async def merge(start, end, records):
        # What the page workers read, in file order; a slice they could not
        # read is read here.
        if records is None:
            Session.loaded = room.add_files(Session.loaded, read_in_turn(start, end), CONTENT, LANGUAGE)
        else:
            Session.loaded = room.merge_records(Session.loaded, json.loads(records), CONTENT, LANGUAGE)
        await show_progress(end)

    # One load at a time: a second batch chosen while one is read waits, so
    # files are numbered in the order they were chosen.
    async with Session.adding:
        Session.loaded = room.add_files(Session.loaded, unread, CONTENT, LANGUAGE)
        if room_workers.ready() and readable:
            names = [str(file.name) for file in readable]
            read_here = await room_workers.read(names, texts, LANGUAGE, PROGRESS_EVERY, merge)
            # For tests and the benchmark: who read the files.
            document.body.setAttribute("data-read-by", "page workers" + (" and page" if read_here else ""))
        else:
            document.body.setAttribute("data-read-by", "page")
            for start in range(0, len(readable), PROGRESS_EVERY):
                end = min(start + PROGRESS_EVERY, len(readable))
                Session.loaded = room.add_files(Session.loaded, read_in_turn(start, end), CONTENT, LANGUAGE)
                await show_progress(end)
    window.performance.mark("room:files-added")
    Session.reading -= 1
    Session.cleared = None
    keep_room()
    window.performance.mark("room:kept")
    settle(room_view.fold_after_load(Session.view, Session.loaded))


def load(files):
    if files:
        asyncio.create_task(read_files(files))


# ---------------------------------------------------------------- events

def on_change(event):
    control = event.target
    name = control.getAttribute("data-control")
    if name == "files":
        files = file_list(control.files)
        control.value = ""  # choosing the same file again loads it again
        load(files)
    elif name == "anonymise":
        Session.anonymise = bool(control.checked)
        show_room()


def sort_by(column):
    Session.sort_column, Session.descending = room_view.next_sort(column, Session.sort_column, Session.descending)
    show_room()


def download_csv():
    now = window.Date.new()
    today = room_view.date_text(int(now.getFullYear()), int(now.getMonth()) + 1, int(now.getDate()))
    pieces, byte_order_mark = room_view.text_for_javascript(room.csv_text(Session.view, CONTENT, LANGUAGE))
    window.trustWorkbookStorage.download(room.csv_file_name(today, LANGUAGE, CONTENT), to_js(pieces),
                                         "text/csv;charset=utf-8", byte_order_mark)


def clear_room():
    """Empties the room; undo brings it back until files are loaded again."""
    Session.cleared = Session.loaded
    Session.loaded = room.new_room()
    keep_room()
    Session.message = room_view.cleared_notice(Session.cleared, CONTENT, LANGUAGE)
    settle(False)


def undo_clear():
    if Session.cleared is None:
        return
    Session.loaded = Session.cleared
    Session.cleared = None
    keep_room()
    settle(len(Session.loaded["rows"]) > 0)


def on_click(event):
    control = event.target.closest("[data-action]")
    if control is None:
        return
    action = control.getAttribute("data-action")
    if action == "sort":
        sort_by(control.getAttribute("data-column"))
    elif action == "download-csv":
        download_csv()
    elif action == "clear":
        clear_room()
    elif action == "undo-clear":
        undo_clear()
    elif action == "present":
        present(not document.body.classList.contains("presenting"))
    elif action == "show-problems":
        event.preventDefault()   # the panel opens and takes the focus; the address stays as it is
        room_painter.open_problems()


def on_drag(event):
    # Without preventDefault the browser opens a dropped file in place of
    # the page, and the room's results are gone. Files dropped anywhere on
    # the page load: the drop zone is folded away once the room has results.
    event.preventDefault()
    inside = event.target.closest("[data-drop-zone]") is not None
    find("[data-drop-zone]").classList.toggle("dragging", inside and event.type == "dragover")
    if event.type == "drop" and event.dataTransfer is not None:
        load(file_list(event.dataTransfer.files))


def on_key(event):
    # A trainer at the projector leaves presenting as a slideshow is left.
    if event.key == "Escape" and document.body.classList.contains("presenting"):
        present(False)


def start():
    document.addEventListener("keydown", create_proxy(on_key))
    document.addEventListener("change", create_proxy(on_change))
    document.addEventListener("click", create_proxy(on_click))
    drag = create_proxy(on_drag)
    for name in ("dragover", "dragleave", "drop"):
        document.addEventListener(name, drag)
    find("[data-control='files']").disabled = False
    restore_room()
    settle(len(Session.loaded["rows"]) > 0)
    # Last step on purpose: tests and users wait for this marker.
    document.body.setAttribute("data-ready", "1")
    room_workers.start_when_idle()


start()
