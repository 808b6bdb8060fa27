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
import room_view

with open("method.json") as content_file:
    CONTENT = content.read(json.loads(content_file.read()))  # json.load is slower under MicroPython

LANGUAGE = "zh" if str(document.documentElement.lang).startswith("zh") else "en"
REASONS_CELL = room.COLUMNS.index("reasons")
PROGRESS_EVERY = 25   # files read between two paints of the progress


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


def set_user_text(element, name, text):
    """element.name = text, for text from someone's file. A string crossing
    into JavaScript ends at its first NUL, so text holding one crosses in
    pieces that page.js joins (trustWorkbookText; main.py does the same)."""
    if "\x00" in text:
        window.trustWorkbookText.put(element, name, to_js(text.split("\x00")))
    else:
        setattr(element, name, text)


def find(selector):
    return document.querySelector(selector)


def element(tag, class_name="", text=None):
    """A new element; text is someone's, so it goes in as text."""
    made = document.createElement(tag)
    if class_name:
        made.className = class_name
    if text is not None:
        set_user_text(made, "textContent", text)
    return made


def fill(selector, items, make):
    """Replaces the children of the element at selector with make(item) of
    every item, in one step."""
    fragment = document.createDocumentFragment()
    for item in items:
        fragment.appendChild(make(item))
    find(selector).replaceChildren(fragment)


# ---------------------------------------------------------------- showing

def show_rows(view):
    template = find("[data-row-template]").content.firstElementChild

    def make(row):
        line = template.cloneNode(True)
        line.setAttribute("data-key", str(row["key"]))
        if row["continues"]:
            line.className = "continues"
        cells = line.children
        for position in range(len(row["cells"])):
            set_user_text(cells[position], "textContent", row["cells"][position])
        # Which reasons the count stands for, on hover.
        cells[REASONS_CELL].title = row["reasons_text"]
        return line

    fill("[data-rows]", view["rows"], make)
    average = find("[data-average]").children
    texts = room_view.average_cells(view)
    for position in range(len(texts)):
        average[position].textContent = texts[position]
    for header in document.querySelectorAll("th[data-column]"):
        header.setAttribute("aria-sort", room_view.aria_sort(header.getAttribute("data-column"), view))


def show_distributions(view):
    template = find("[data-distribution-template]").content.firstElementChild

    def make(plot):
        figure = template.cloneNode(True)
        figure.setAttribute("data-distribution", plot["column"])
        figure.querySelector(".plot-title").textContent = plot["title"]
        figure.querySelector(".plot-summary").textContent = plot["summary"]
        figure.querySelector(".plot-max").textContent = plot["scale_max"]
        area = figure.querySelector(".plot")
        area.setAttribute("aria-label", plot["title"] + ": " + plot["summary"])
        area.classList.add("lanes-" + str(max(plot["lanes"], 1)))
        area.querySelector(".median").style.left = room_view.percent_of_thousand(plot["median_x"])
        for dot in plot["dots"]:
            mark = element("span", "dot lane-" + str(dot["lane"]))
            set_user_text(mark, "title", dot["label"])
            mark.setAttribute("data-key", str(dot["key"]))
            # Set through the style object: the page's CSP refuses style attributes.
            mark.style.left = room_view.percent_of_thousand(dot["x"])
            area.appendChild(mark)
        return figure

    fill("[data-distributions]", view["distributions"], make)


def show_chart(view):
    template = find("[data-bar-template]").content.firstElementChild

    def make(bar):
        item = template.cloneNode(True)
        set_user_text(item.querySelector(".bar-label"), "textContent", bar["label"])
        item.querySelector(".bar-value").textContent = bar["value"]
        shape = item.querySelector(".bar")
        shape.setAttribute("data-key", str(bar["key"]))
        shape.style.width = room_view.percent_of_thousand(bar["permille"])
        return item

    fill("[data-chart]", view["chart"]["bars"], make)


def show_reasons(view):
    """What to talk about next: the reasons open most often in the room,
    each with a bar of its share of the workbooks."""
    template = find("[data-reason-template]").content.firstElementChild

    def make(reason):
        item = template.cloneNode(True)
        item.setAttribute("data-reason", reason["reason"])
        item.querySelector(".reason-name").textContent = reason["label"]
        item.querySelector(".reason-count").textContent = reason["text"]
        item.querySelector(".reason-bar").style.width = room_view.percent_of_thousand(reason["permille"])
        return item

    fill("[data-reasons]", view["reasons"], make)
    find("[data-no-reasons]").hidden = len(view["reasons"]) > 0


def show_coverage(view):
    """A small table per list, side by side: the lists the room neglects
    stand out at a glance."""
    template = find("[data-heat-template]").content.firstElementChild

    def heat_cell(cell):
        box = element("td", cell["class"], cell["text"])
        if cell["label"] is not None:
            box.setAttribute("aria-label", cell["label"])
        return box

    def make(listed):
        table = template.cloneNode(True)
        table.setAttribute("data-list", listed["list"])
        table.querySelector("caption").textContent = listed["caption"]
        body = table.querySelector("tbody")
        for row in listed["rows"]:
            label = element("th", "", row["label"])
            label.setAttribute("scope", "row")
            line = element("tr", row["class"])
            line.append(label, *[heat_cell(cell) for cell in row["cells"]])
            body.appendChild(line)
        return table

    fill("[data-heat]", room_view.heat_tables(view, CONTENT, LANGUAGE), make)


def show_lists(view):
    """The separating points, the most-missed roles, the files that could
    not be read and the notices: each a list of texts from the room."""
    def separating_item(point):
        item = element("li")
        item.append(element("span", "point-name", point["label"]), document.createTextNode(": "),
                    element("span", "count", point["text"]))
        return item

    def problem_item(problem):
        item = element("li")
        errors = element("ul")
        for line in problem["lines"]:
            errors.appendChild(element("li", "", line))
        item.append(element("strong", "", problem["file"]), errors)
        return item

    fill("[data-separating]", view["separating"], separating_item)
    find("[data-no-separating]").hidden = len(view["separating"]) > 0
    fill("[data-roles-missing]", view["roles_missing"], separating_item)
    find("[data-no-roles-missing]").hidden = len(view["roles_missing"]) > 0
    problems = room_view.problems(view, CONTENT, LANGUAGE)
    fill("[data-problem-list]", problems["files"], problem_item)
    find("[data-problems]").hidden = len(problems["files"]) == 0
    find("[data-problems-title]").textContent = problems["title"]
    fill("[data-notices]", view["notices"], lambda notice: element("li", "", notice))
    find("[data-notices]").hidden = len(view["notices"]) == 0


def show_room():
    view = room.room_view(Session.loaded, CONTENT, LANGUAGE, Session.sort_column,
                          Session.descending, Session.anonymise)
    Session.view = view
    has_rows = len(view["rows"]) > 0
    for section in document.querySelectorAll("[data-results]"):
        section.hidden = not has_rows
    if not has_rows and document.body.classList.contains("presenting"):
        present(False)
    show_rows(view)
    show_reasons(view)
    show_distributions(view)
    show_chart(view)
    show_coverage(view)
    show_lists(view)
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

    # One load at a time: a second batch chosen while one is read waits, so
    # files are numbered in the order they were chosen.
    async with Session.adding:
        Session.loaded = room.add_files(Session.loaded, unread, CONTENT, LANGUAGE)
        for start in range(0, len(readable), PROGRESS_EVERY):
            end = min(start + PROGRESS_EVERY, len(readable))
            Session.loaded = room.add_files(Session.loaded, read_in_turn(start, end), CONTENT, LANGUAGE)
            if end < len(readable):
                # Let the page paint how far the reading is (a few ms a step).
                # sleep(0) would run on in the same JavaScript task: MicroPython's
                # asyncio hands control back to the browser only for a timer.
                find("[data-room-status]").textContent = CONTENT.ui_text(
                    LANGUAGE, "room_reading_progress", {"done": end, "count": len(readable)})
                await asyncio.sleep(0.001)
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


start()
