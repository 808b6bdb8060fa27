# Page glue of the facilitator view: the room's view (room.room_view) written
# into the page: the table, the dot plots, the chart, what to talk about next,
# the heat map and the lists. Every text from someone's file goes in with
# textContent, never innerHTML.
from pyscript import document, window
from pyscript.ffi import create_proxy, to_js

import room
import room_view

REASONS_CELL = room.COLUMNS.index("reasons")


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
    watch_table_width()


class TableWidth:
    observer = None   # a ResizeObserver, made with the first rows


def show_scroll_hint(*_):
    """The line above the table says it scrolls sideways while it is wider
    than its box: a narrow screen, a long name, presenting's larger text."""
    box = find("[data-table-scroll]")
    find("[data-scroll-hint]").hidden = not int(box.scrollWidth) > int(box.clientWidth)


def watch_table_width():
    show_scroll_hint()
    if TableWidth.observer is None:
        # The box changes with the window, the table with its text's size.
        TableWidth.observer = window.ResizeObserver.new(create_proxy(show_scroll_hint))
        TableWidth.observer.observe(find("[data-table-scroll]"))
        TableWidth.observer.observe(find("[data-table-scroll] table"))


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


def show_coverage(view, content, language):
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

    fill("[data-heat]", room_view.heat_tables(view, content, language), make)


def show_lists(view, content, language):
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
    problems = room_view.problems(view, content, language)
    fill("[data-problem-list]", problems["files"], problem_item)
    find("[data-problems]").hidden = len(problems["files"]) == 0
    find("[data-problems-title]").textContent = problems["title"]
    link = find("[data-problems-link]")
    link.hidden = len(problems["files"]) == 0
    link.textContent = problems["link"]
    fill("[data-notices]", view["notices"], lambda notice: element("li", "", notice))
    find("[data-notices]").hidden = len(view["notices"]) == 0


def open_problems():
    """The status line's link: the folded list of files that could not be
    read, at the page's foot, opens and takes the focus."""
    panel = find("[data-problems]")
    panel.open = True
    panel.querySelector("summary").focus()
    panel.scrollIntoView()
