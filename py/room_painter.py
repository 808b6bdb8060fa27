"""Trust Workbook: the facilitator page's writes, pure.

The facilitator page's Python runs in a worker, away from the page (its
start and its reading of 200 files never hold the page up), and a worker
cannot reach the page's elements. So what the page shows is worked out here
as plain data, a list of *writes*, and one small function of the page
(``static/room_page.js``, ``applyWrites``) puts them in, in order. Each write
is a list whose first item says what it does, and it applies to every
element its selector finds:

- ``["text", selector, text]``: the element's text (always as text: most
  texts come from someone's file);
- ``["prop", selector, name, value]``: a property (hidden, disabled, open,
  title);
- ``["attr", selector, name, value]``: an attribute;
- ``["class", selector, name, on]``: a class on or off;
- ``["fill", selector, nodes]``: the children replaced by new elements.

A node is a dict: ``template`` (the selector of a ``<template>`` whose first
element is cloned) or ``tag``; then any of ``class`` (replaces the class
name), ``add_class``, ``text``, ``attrs``, ``props``, ``style`` (through the
style object: the page's CSP refuses style attributes), ``children`` (nodes,
or strings put in as text), ``find`` (``[selector, node]`` pairs: the node's
settings applied to what the selector finds inside) and ``cells`` (the
settings of each child in turn). Plain data in, plain data out; the same
under CPython and MicroPython.
"""

import room
import room_view

REASONS_CELL = room.COLUMNS.index("reasons")
OUTCOME = "[data-room-outcome]"   # the status line, where the focus goes when an action takes it away


def _node(tag, class_name="", text=None):
    made = {"tag": tag}
    if class_name:
        made["class"] = class_name
    if text is not None:
        made["text"] = text
    return made


# ---------------------------------------------------------------- the room's parts

def rows_writes(view):
    def row_node(row):
        line = {"template": "[data-row-template]", "attrs": {"data-key": str(row["key"])},
                "cells": [{"text": text} for text in row["cells"]]}
        if row["continues"]:
            line["class"] = "continues"
        # Which reasons the count stands for, on hover.
        line["cells"][REASONS_CELL]["props"] = {"title": row["reasons_text"]}
        return line

    writes = [["fill", "[data-rows]", [row_node(row) for row in view["rows"]]]]
    texts = room_view.average_cells(view)
    for position in range(len(texts)):
        writes.append(["text", "[data-average] > :nth-child(%d)" % (position + 1), texts[position]])
    for column in view["columns"]:
        writes.append(["attr", "th[data-column='%s']" % column, "aria-sort", room_view.aria_sort(column, view)])
    return writes


def distributions_writes(view):
    def plot_node(plot):
        dots = []
        for dot in plot["dots"]:
            mark = _node("span", "dot lane-" + str(dot["lane"]))
            mark["props"] = {"title": dot["label"]}
            mark["attrs"] = {"data-key": str(dot["key"])}
            mark["style"] = {"left": room_view.percent_of_thousand(dot["x"])}
            dots.append(mark)
        return {"template": "[data-distribution-template]", "attrs": {"data-distribution": plot["column"]},
                "find": [[".plot-title", {"text": plot["title"]}],
                         [".plot-summary", {"text": plot["summary"]}],
                         [".plot-max", {"text": plot["scale_max"]}],
                         [".plot", {"attrs": {"aria-label": plot["title"] + ": " + plot["summary"]},
                                    "add_class": ["lanes-" + str(max(plot["lanes"], 1))],
                                    "children": dots}],
                         [".median", {"style": {"left": room_view.percent_of_thousand(plot["median_x"])}}]]}

    return [["fill", "[data-distributions]", [plot_node(plot) for plot in view["distributions"]]]]


def chart_writes(view):
    def bar_node(bar):
        return {"template": "[data-bar-template]",
                "find": [[".bar-label", {"text": bar["label"]}],
                         [".bar-value", {"text": bar["value"]}],
                         [".bar", {"attrs": {"data-key": str(bar["key"])},
                                   "style": {"width": room_view.percent_of_thousand(bar["permille"])}}]]}

    return [["fill", "[data-chart]", [bar_node(bar) for bar in view["chart"]["bars"]]]]


def reasons_writes(view):
    """What to talk about next: the reasons open most often in the room,
    each with a bar of its share of the workbooks."""
    def reason_node(reason):
        return {"template": "[data-reason-template]", "attrs": {"data-reason": reason["reason"]},
                "find": [[".reason-name", {"text": reason["label"]}],
                         [".reason-count", {"text": reason["text"]}],
                         [".reason-bar", {"style": {"width": room_view.percent_of_thousand(reason["permille"])}}]]}

    return [["fill", "[data-reasons]", [reason_node(reason) for reason in view["reasons"]]],
            ["prop", "[data-no-reasons]", "hidden", len(view["reasons"]) > 0]]


def coverage_writes(view, method, language):
    """A small table per list, side by side: the lists the room neglects
    stand out at a glance."""
    def heat_cell(cell):
        box = _node("td", cell["class"], cell["text"])
        if cell["label"] is not None:
            box["attrs"] = {"aria-label": cell["label"]}
        return box

    def table_node(listed):
        rows = []
        for row in listed["rows"]:
            label = _node("th", "", row["label"])
            label["attrs"] = {"scope": "row"}
            line = _node("tr", row["class"])
            line["children"] = [label] + [heat_cell(cell) for cell in row["cells"]]
            rows.append(line)
        return {"template": "[data-heat-template]", "attrs": {"data-list": listed["list"]},
                "find": [["caption", {"text": listed["caption"]}], ["tbody", {"children": rows}]]}

    return [["fill", "[data-heat]", [table_node(listed) for listed in room_view.heat_tables(view, method, language)]]]


def lists_writes(view, method, language):
    """The separating points, the most-missed roles, the files that could
    not be read and the notices: each a list of texts from the room."""
    def counted_item(point):
        item = _node("li")
        item["children"] = [_node("span", "point-name", point["label"]), ": ", _node("span", "count", point["text"])]
        return item

    def problem_item(problem):
        errors = _node("ul")
        errors["children"] = [_node("li", "", line) for line in problem["lines"]]
        item = _node("li")
        item["children"] = [_node("strong", "", problem["file"]), errors]
        return item

    problems = room_view.problems(view, method, language)
    no_problems = len(problems["files"]) == 0
    return [["fill", "[data-separating]", [counted_item(point) for point in view["separating"]]],
            ["prop", "[data-no-separating]", "hidden", len(view["separating"]) > 0],
            ["fill", "[data-roles-missing]", [counted_item(role) for role in view["roles_missing"]]],
            ["prop", "[data-no-roles-missing]", "hidden", len(view["roles_missing"]) > 0],
            ["fill", "[data-problem-list]", [problem_item(problem) for problem in problems["files"]]],
            ["prop", "[data-problems]", "hidden", no_problems],
            ["text", "[data-problems-title]", problems["title"]],
            ["prop", "[data-problems-link]", "hidden", no_problems],
            ["text", "[data-problems-link]", problems["link"]],
            ["fill", "[data-notices]", [_node("li", "", notice) for notice in view["notices"]]],
            ["prop", "[data-notices]", "hidden", len(view["notices"]) == 0]]


# ---------------------------------------------------------------- the page

def status_writes(text):
    """The status line; None leaves it as it is."""
    return [] if text is None else [["text", "[data-room-status]", text]]


def presenting_writes(on):
    return [["class", "body", "presenting", on],
            ["attr", "[data-action='present']", "aria-pressed", "true" if on else "false"]]


def room_writes(view, files, cleared, status, method, language, names_hidden=False):
    """Everything the page shows of the room: `files` the files read in all,
    `cleared` whether a clear can be undone, `status` the status line (None
    keeps it), `names_hidden` whether the view hides the names. A room
    without rows leaves presenting: there is nothing to present.

    The body says whether what is shown holds names (data-names): while
    "Hide names" is ticked on the page and the worker has not yet answered
    (it may be reading a load), the page's stylesheet keeps whatever holds
    names out of sight, so a projector never shows them."""
    has_rows = len(view["rows"]) > 0
    writes = [["prop", "[data-results]", "hidden", not has_rows]]
    if not has_rows:
        writes.extend(presenting_writes(False))
    writes.extend(rows_writes(view))
    writes.extend(reasons_writes(view))
    writes.extend(distributions_writes(view))
    writes.extend(chart_writes(view))
    writes.extend(coverage_writes(view, method, language))
    writes.extend(lists_writes(view, method, language))
    writes.append(["prop", "[data-action='download-csv']", "disabled", not has_rows])
    # Why it cannot be clicked, on hover; csv() says it too if clicked meanwhile.
    writes.append(["prop", "[data-action='download-csv']", "title",
                   room_view.csv_refusal(view, method, language) or ""])
    writes.append(["prop", "[data-action='clear']", "disabled", files == 0])
    writes.append(["prop", "[data-action='undo-clear']", "hidden", not cleared])
    writes.extend(status_writes(status))
    writes.append(["attr", "body", "data-names", "hidden" if names_hidden else "shown"])
    return writes


def fold_writes(fold):
    """Loading and problems folded (True) or open (False); None leaves them."""
    if fold is None:
        return []
    return [["prop", "[data-load-panel]", "open", not fold], ["prop", "[data-problems]", "open", not fold]]
