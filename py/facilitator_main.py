# Page glue of the facilitator view: files in, table out. What the page shows
# is decided by the pure modules (results reads a file, room gathers the
# room); this file reads the files the facilitator picks or drops, copies
# texts into the DOM with textContent (never innerHTML: every text comes from
# someone's file) and wires the events.
import asyncio
import json

from pyscript import document, window
from pyscript.ffi import create_proxy, to_js

import content
import results
import room

with open("method.json") as content_file:
    CONTENT = content.read(json.loads(content_file.read()))  # json.load is slower under MicroPython

LANGUAGE = "zh" if str(document.documentElement.lang).startswith("zh") else "en"


class Session:
    loaded = room.new_room()
    sort_column = "T"
    descending = True
    anonymise = False
    view = None
    reading = 0           # batches of files still being read
    cleared = None        # the room before "Clear", until undone or replaced
    message = None        # a line the status shows instead of the summary, once


def ui_text(key, values=None):
    return CONTENT.ui_text(LANGUAGE, key, values)


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


def today():
    now = window.Date.new()
    month = int(now.getMonth()) + 1
    day = int(now.getDate())
    return str(int(now.getFullYear())) + "-" + ("0" if month < 10 else "") + str(month) + "-" + (
        "0" if day < 10 else "") + str(day)


# ---------------------------------------------------------------- showing

def show_rows(view):
    body = find("[data-rows]")
    template = find("[data-row-template]").content.firstElementChild
    fragment = document.createDocumentFragment()
    for row in view["rows"]:
        line = template.cloneNode(True)
        line.setAttribute("data-key", str(row["key"]))
        if row["continues"]:
            line.className = "continues"
        cells = line.children
        texts = row["cells"]
        for position in range(len(texts)):
            set_user_text(cells[position], "textContent", texts[position])
        fragment.appendChild(line)
    body.replaceChildren(fragment)
    average = find("[data-average]").children
    texts = view["average"] or [""] * len(view["columns"])
    for position in range(len(texts)):
        average[position].textContent = texts[position]
    for header in document.querySelectorAll("th[data-column]"):
        column = header.getAttribute("data-column")
        state = "none"
        if column == view["sort"]["column"]:
            state = "descending" if view["sort"]["descending"] else "ascending"
        header.setAttribute("aria-sort", state)


def percent_of_thousand(permille):
    return str(permille // 10) + "." + str(permille % 10) + "%"


def show_distributions(view):
    template = find("[data-distribution-template]").content.firstElementChild
    fragment = document.createDocumentFragment()
    for plot in view["distributions"]:
        figure = template.cloneNode(True)
        figure.setAttribute("data-distribution", plot["column"])
        figure.querySelector(".plot-title").textContent = plot["title"]
        figure.querySelector(".plot-summary").textContent = plot["summary"]
        figure.querySelector(".plot-max").textContent = plot["scale_max"]
        area = figure.querySelector(".plot")
        area.setAttribute("aria-label", plot["title"] + ": " + plot["summary"])
        area.classList.add("lanes-" + str(max(plot["lanes"], 1)))
        area.querySelector(".median").style.left = percent_of_thousand(plot["median_x"])
        for dot in plot["dots"]:
            mark = document.createElement("span")
            mark.className = "dot lane-" + str(dot["lane"])
            set_user_text(mark, "title", dot["label"])
            mark.setAttribute("data-key", str(dot["key"]))
            # Set through the style object: the page's CSP refuses style attributes.
            mark.style.left = percent_of_thousand(dot["x"])
            area.appendChild(mark)
        fragment.appendChild(figure)
    find("[data-distributions]").replaceChildren(fragment)


def show_chart(view):
    template = find("[data-bar-template]").content.firstElementChild
    fragment = document.createDocumentFragment()
    for bar in view["chart"]["bars"]:
        item = template.cloneNode(True)
        set_user_text(item.querySelector(".bar-label"), "textContent", bar["label"])
        item.querySelector(".bar-value").textContent = bar["value"]
        shape = item.querySelector(".bar")
        shape.setAttribute("data-key", str(bar["key"]))
        shape.style.width = percent_of_thousand(bar["permille"])
        fragment.appendChild(item)
    find("[data-chart]").replaceChildren(fragment)


def heat_cell(cell):
    box = document.createElement("td")
    if cell is None:
        box.className = "number heat none"
        box.textContent = "–"
        box.setAttribute("aria-label", ui_text("room_heat_not_applicable"))
    else:
        box.className = "number heat band-" + str(cell["band"])
        box.textContent = cell["text"]
    return box


def show_coverage(view):
    """A small table per list, side by side: the lists the room neglects
    stand out at a glance."""
    template = find("[data-heat-template]").content.firstElementChild
    fragment = document.createDocumentFragment()
    for listed in view["coverage"]["lists"]:
        table = template.cloneNode(True)
        table.setAttribute("data-list", listed["side"] + "." + listed["list"])
        table.querySelector("caption").textContent = listed["label"]
        body = table.querySelector("tbody")
        heading = document.createElement("tr")
        heading.className = "list-row"
        name = document.createElement("th")
        name.setAttribute("scope", "row")
        name.textContent = ui_text("room_heat_list_average", {"list": listed["label"]})
        heading.append(name, heat_cell(listed["cells"][0]), heat_cell(listed["cells"][1]))
        body.appendChild(heading)
        for point in listed["points"]:
            line = document.createElement("tr")
            label = document.createElement("th")
            label.setAttribute("scope", "row")
            label.textContent = point["label"]
            line.append(label, heat_cell(point["cells"][0]), heat_cell(point["cells"][1]))
            body.appendChild(line)
        fragment.appendChild(table)
    find("[data-heat]").replaceChildren(fragment)


def show_separating(view):
    listing = find("[data-separating]")
    fragment = document.createDocumentFragment()
    for point in view["separating"]:
        item = document.createElement("li")
        label = document.createElement("span")
        label.className = "point-name"
        label.textContent = point["label"]
        count = document.createElement("span")
        count.className = "count"
        count.textContent = point["text"]
        item.append(label, document.createTextNode(": "), count)
        fragment.appendChild(item)
    listing.replaceChildren(fragment)
    find("[data-no-separating]").hidden = len(view["separating"]) > 0


def error_line(error):
    if error["path"]:
        return ui_text("results_error_at", {"path": error["path"], "message": error["message"]})
    return error["message"]


def show_problems(view):
    listing = find("[data-problem-list]")
    fragment = document.createDocumentFragment()
    for problem in view["problems"]:
        item = document.createElement("li")
        name = document.createElement("strong")
        set_user_text(name, "textContent", problem["file"])
        errors = document.createElement("ul")
        for error in problem["errors"]:
            line = document.createElement("li")
            set_user_text(line, "textContent", error_line(error))
            errors.appendChild(line)
        item.append(name, errors)
        fragment.appendChild(item)
    listing.replaceChildren(fragment)
    find("[data-problems]").hidden = len(view["problems"]) == 0
    find("[data-problems-title]").textContent = ui_text("room_problems_count", {"count": len(view["problems"])})


def show_notices(view):
    listing = find("[data-notices]")
    fragment = document.createDocumentFragment()
    for notice in view["notices"]:
        item = document.createElement("li")
        set_user_text(item, "textContent", notice)
        fragment.appendChild(item)
    listing.replaceChildren(fragment)
    listing.hidden = len(view["notices"]) == 0


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
    show_distributions(view)
    show_chart(view)
    show_coverage(view)
    show_separating(view)
    show_problems(view)
    show_notices(view)
    find("[data-action='download-csv']").disabled = not has_rows
    find("[data-action='clear']").disabled = Session.loaded["files"] == 0
    find("[data-action='undo-clear']").hidden = Session.cleared is None
    status = find("[data-room-status]")
    if Session.message is not None:
        status.textContent = Session.message
        Session.message = None
    elif Session.loaded["files"] == 0:
        status.textContent = ui_text("room_empty")
    elif Session.reading == 0:
        status.textContent = view["summary"]


def fold_away(has_rows):
    """Once the room has results, loading and problems fold to one line so
    that a projector shows the results first; an empty room opens loading."""
    find("[data-load-panel]").open = not has_rows
    find("[data-problems]").open = not has_rows


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
        Session.message = ui_text("room_store_failed")


def restore_room():
    text = window.localStorage.getItem(room.ROOM_KEY)
    if not isinstance(text, str):  # None, or JsNull under Pyodide
        return
    kept = room.room_from_text(text, CONTENT)
    if kept is None:
        # Set aside rather than deleted; the files themselves can be loaded again.
        window.trustWorkbookStorage.write(room.ROOM_KEY + ":unreadable", text)
        window.localStorage.removeItem(room.ROOM_KEY)
        Session.message = ui_text("room_stored_unreadable")
        return
    Session.loaded = kept
    if kept["rows"]:
        Session.message = ui_text("room_restored", {"rows": len(kept["rows"])})


# ---------------------------------------------------------------- files

def file_list(files):
    """A Python list of the File objects of a FileList (read it before the
    input is reset)."""
    return [files.item(position) for position in range(int(files.length))]


async def read_files(files):
    """Adds the files to the room: too large ones are listed unread, the rest
    are read as text (all at once) and handed to the pure reader."""
    Session.reading += 1
    find("[data-room-status]").textContent = ui_text("room_reading", {"count": len(files)})
    readable = []
    for file in files:
        errors = results.size_errors(int(file.size), CONTENT, LANGUAGE)
        if errors:
            Session.loaded = room.add_problem(Session.loaded, str(file.name), errors)
        else:
            readable.append(file)
    texts = await window.Promise.all(to_js([window.trustWorkbookText.read(file) for file in readable]))
    for position in range(len(readable)):
        name = str(readable[position].name)
        text = texts[position]
        if text is None:  # neither UTF-8 nor UTF-16 (page.js)
            Session.loaded = room.add_problem(Session.loaded, name, results.encoding_errors(CONTENT, LANGUAGE))
        else:
            Session.loaded = room.add_file(Session.loaded, name, str(text), CONTENT, LANGUAGE)
    Session.reading -= 1
    Session.cleared = None
    had_rows = Session.view is not None and len(Session.view["rows"]) > 0
    keep_room()
    show_room()
    if not had_rows and Session.loaded["rows"]:
        fold_away(True)
    # Last step of a load on purpose: tests wait for this marker.
    document.body.setAttribute("data-loaded", str(Session.loaded["files"]))


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
    if column == Session.sort_column:
        Session.descending = not Session.descending
    else:
        Session.sort_column = column
        Session.descending = column not in room.TEXT_COLUMNS  # big numbers first, names A to Z
    show_room()


def download_csv():
    text = room.csv_text(Session.view, CONTENT, LANGUAGE)
    # Crossing into JavaScript, a string loses a leading byte order mark and
    # ends at its first NUL: page.js adds the mark and joins the pieces.
    byte_order_mark = text[:1] == "\ufeff"
    if byte_order_mark:
        text = text[1:]
    window.trustWorkbookStorage.download(room.csv_file_name(today(), LANGUAGE, CONTENT), to_js(text.split("\x00")),
                                         "text/csv;charset=utf-8", byte_order_mark)


def clear_room():
    """Empties the room; undo brings it back until files are loaded again."""
    Session.cleared = Session.loaded
    Session.loaded = room.new_room()
    keep_room()
    Session.message = ui_text("room_cleared", {"rows": len(Session.cleared["rows"])})
    show_room()
    fold_away(False)
    document.body.setAttribute("data-loaded", "0")


def undo_clear():
    if Session.cleared is None:
        return
    Session.loaded = Session.cleared
    Session.cleared = None
    keep_room()
    show_room()
    fold_away(len(Session.loaded["rows"]) > 0)
    document.body.setAttribute("data-loaded", str(Session.loaded["files"]))


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


def start():
    document.addEventListener("change", create_proxy(on_change))
    document.addEventListener("click", create_proxy(on_click))
    drag = create_proxy(on_drag)
    for name in ("dragover", "dragleave", "drop"):
        document.addEventListener(name, drag)
    find("[data-control='files']").disabled = False
    restore_room()
    show_room()
    fold_away(len(Session.loaded["rows"]) > 0)
    document.body.setAttribute("data-loaded", str(Session.loaded["files"]))
    # Last step on purpose: tests and users wait for this marker.
    document.body.setAttribute("data-ready", "1")


start()
