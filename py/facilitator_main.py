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
TEXT_COLUMNS = ("participant", "account", "weakest")


class Session:
    loaded = room.new_room()
    sort_column = "T"
    descending = True
    anonymise = False
    view = None
    reading = 0           # batches of files still being read


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


def show_missing(view):
    listing = find("[data-missing]")
    fragment = document.createDocumentFragment()
    for point in view["missing"]:
        item = document.createElement("li")
        label = document.createElement("span")
        label.textContent = point["label"] + " "
        count = document.createElement("span")
        count.className = "count"
        count.textContent = point["state"] + " " + point["text"]
        item.append(label, count)
        fragment.appendChild(item)
    listing.replaceChildren(fragment)
    find("[data-no-missing]").hidden = len(view["missing"]) > 0


def svg_element(name, attributes, text=None):
    # The chart's own namespace: the SVG one, without naming its address here.
    element = document.createElementNS(find("[data-chart]").namespaceURI, name)
    for attribute in attributes:
        element.setAttribute(attribute, str(attributes[attribute]))
    if text is not None:
        set_user_text(element, "textContent", text)
    return element


def show_chart(view):
    chart = view["chart"]
    svg = find("[data-chart]")
    svg.setAttribute("viewBox", "0 0 " + str(chart["width"]) + " " + str(chart["height"]))
    fragment = document.createDocumentFragment()
    for bar in chart["bars"]:
        fragment.appendChild(svg_element(
            "text", {"class": "bar-label", "x": chart["label_x"], "y": bar["text_y"], "text-anchor": "end"},
            bar["label"]))
        fragment.appendChild(svg_element(
            "rect", {"class": "bar", "x": bar["x"], "y": bar["y"], "width": bar["width"],
                     "height": chart["bar_height"], "rx": 2, "data-key": bar["key"]}))
        fragment.appendChild(svg_element(
            "text", {"class": "bar-value", "x": bar["value_x"], "y": bar["text_y"]}, bar["value"]))
    find("[data-bars]").replaceChildren(fragment)


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


def show_room():
    view = room.room_view(Session.loaded, CONTENT, LANGUAGE, Session.sort_column,
                          Session.descending, Session.anonymise)
    Session.view = view
    has_rows = len(view["rows"]) > 0
    for section in document.querySelectorAll("[data-results]"):
        section.hidden = not has_rows
    show_rows(view)
    show_missing(view)
    show_chart(view)
    show_problems(view)
    find("[data-action='download-csv']").disabled = not has_rows
    find("[data-action='clear']").disabled = Session.loaded["files"] == 0
    if Session.loaded["files"] == 0:
        find("[data-room-status]").textContent = ui_text("room_empty")
    elif Session.reading == 0:
        find("[data-room-status]").textContent = view["summary"]


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
    show_room()
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
        Session.descending = column not in TEXT_COLUMNS  # big numbers first, names A to Z
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
    Session.loaded = room.new_room()
    show_room()
    document.body.setAttribute("data-loaded", "0")


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


def on_drag(event):
    # Without preventDefault the browser opens a dropped file in place of
    # the page, and the room's results are gone.
    event.preventDefault()
    inside = event.target.closest("[data-drop-zone]") is not None
    find("[data-drop-zone]").classList.toggle("dragging", inside and event.type == "dragover")
    if event.type == "drop" and inside:
        load(file_list(event.dataTransfer.files))


def start():
    document.addEventListener("change", create_proxy(on_change))
    document.addEventListener("click", create_proxy(on_click))
    drag = create_proxy(on_drag)
    for name in ("dragover", "dragleave", "drop"):
        document.addEventListener(name, drag)
    find("[data-control='files']").disabled = False
    show_room()
    # Last step on purpose: tests and users wait for this marker.
    document.body.setAttribute("data-ready", "1")


start()
