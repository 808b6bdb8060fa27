# Page glue for the relationship map: puts relationship_map's drawing into
# the page (templates/_relationship_map.html) and a copy of it into the
# printed handout. Everything shown is decided by the pure module; this
# only creates, changes and removes the elements it names. User text goes
# in as text (dom.set_user_text), never as markup.
from pyscript import document
from pyscript.ffi import is_none

import dom
import relationship_map

SVG_NS = relationship_map.SVG_NS
HANDOUT_COPY_DELAY_MS = 200


class MapPainter:
    """What the map shows now, kept so that an edit writes only what it
    changed, and a keystroke that changes nothing on the map writes
    nothing."""

    def __init__(self):
        self.fingerprint = None
        self.parts = None          # the section's elements, found on the first show
        self.elements = {}         # scene key -> the SVG element drawn for it
        self.drawn = {}            # the scene drawn (relationship_map.index)
        self.rows = []             # the text alternative's cells as shown
        self.row_ids = []
        self.shown = {}            # caption, notes, size as shown
        # The handout's copy is made in a pause of typing, not on each key.
        self.handout_copy = dom.Debounced(self.copy_to_handout, HANDOUT_COPY_DELAY_MS)

    def find_parts(self):
        section = document.querySelector("[data-map]")
        if is_none(section):
            return False
        svg = section.querySelector("[data-map-svg]")
        self.parts = {"section": section, "svg": svg, "figure": section.querySelector("[data-map-figure]"),
                      "caption": section.querySelector("[data-map-caption]"),
                      "notes": section.querySelector("[data-map-notes]"),
                      "legend": section.querySelector("[data-map-legend]"),
                      "rows": section.querySelector("[data-map-rows]"),
                      "row_template": section.querySelector("[data-map-row-template]")}
        for layer in ("edges", "seats", "nodes"):
            self.parts[layer] = svg.querySelector("[data-map-layer='" + layer + "']")
        return True

    def show(self, result, workbook, texts):
        planned = self.worked_out(result, workbook, texts)
        return planned is not None and self.paint(planned, texts)

    def worked_out(self, result, workbook, texts):
        """What the map of `workbook` scored as `result` is to show, for
        paint(); None when nothing on it changed."""
        fingerprint = relationship_map.fingerprint(workbook, result, texts.language)
        if fingerprint == self.fingerprint:
            return None
        drawing = relationship_map.drawing(workbook, result, texts)
        return fingerprint, drawing, relationship_map.scene(drawing)

    def prepared(self, texts):
        """Finds the map's place in the page and draws its legend, once;
        False when the page has no map."""
        if self.parts is None:
            if not self.find_parts():
                return False
            draw_legend(self.parts["legend"], relationship_map.legend(texts))
        return True

    def paint(self, planned, texts):
        """Writes what worked_out() planned; False when the page has no map."""
        if not self.prepared(texts):
            return False
        fingerprint, drawing, scene = planned
        self.fingerprint = fingerprint
        self.apply(relationship_map.changes(self.drawn, scene))
        self.drawn = relationship_map.index(scene)
        self.put_size(drawing)
        self.put_text("caption", drawing["caption"])
        self.put_text("notes", " ".join(drawing["notes"]))
        self.put_rows(drawing["rows"], drawing["row_ids"])
        self.handout_copy.soon()
        return True

    def apply(self, operations):
        elements = self.elements
        for operation in operations:
            kind, key = operation[0], operation[1]
            if kind == "set":
                if operation[3] is None:
                    elements[key].removeAttribute(operation[2])
                else:
                    elements[key].setAttribute(operation[2], operation[3])
            elif kind == "text":
                dom.set_user_text(elements[key], "textContent", operation[2])
            elif kind == "create":
                element = document.createElementNS(SVG_NS, operation[3])
                parent = elements.get(operation[2])
                (self.parts[operation[2]] if parent is None else parent).appendChild(element)
                elements[key] = element
            else:  # remove, with what goes with it
                elements[key].remove()
                for gone in operation[2]:
                    elements.pop(gone, None)

    def put_size(self, drawing):
        size = drawing["view_box"]
        if self.shown.get("size") != size:
            self.shown["size"] = size
            svg = self.parts["svg"]
            svg.setAttribute("viewBox", size)
            svg.setAttribute("width", str(drawing["width"]))
            svg.setAttribute("height", str(drawing["height"]))
            # The stylesheet scales the map from its natural width (one unit a pixel).
            svg.style.setProperty("--map-width", str(drawing["width"]) + "px")

    def put_text(self, name, text):
        if self.shown.get(name) != text:
            self.shown[name] = text
            dom.set_user_text(self.parts[name], "textContent", text)

    def put_rows(self, rows, row_ids):
        """The text alternative: changed cells only, while the same people
        are listed in the same order."""
        body = self.parts["rows"]
        if row_ids != self.row_ids:
            body.replaceChildren()
            template = self.parts["row_template"]
            for cells in rows:
                fragment = template.content.cloneNode(True)
                row = fragment.querySelector("tr")
                for k in range(len(cells)):
                    dom.set_user_text(row.children.item(k), "textContent", cells[k])
                body.appendChild(fragment)
        else:
            for r in range(len(rows)):
                if rows[r] != self.rows[r]:
                    row = body.children.item(r)
                    for k in range(len(rows[r])):
                        if rows[r][k] != self.rows[r][k]:
                            dom.set_user_text(row.children.item(k), "textContent", rows[r][k])
        self.rows = rows
        self.row_ids = row_ids

    def copy_to_handout(self):
        """The printed handout shows the same figure (templates/_handout.html),
        as a picture: its copy has no links, no ids and none of the hooks
        by which the page finds its map."""
        self.handout_copy.cancel()
        target = document.querySelector("[data-handout-map]")
        if is_none(target) or self.parts is None:
            return
        copy = self.parts["figure"].cloneNode(True)
        copy.removeAttribute("data-map-figure")
        for hook in ("data-map-caption", "data-map-notes", "data-map-legend", "data-map-svg"):
            element = copy.querySelector("[" + hook + "]")
            element.removeAttribute(hook)
            element.removeAttribute("id")
        for element in copy.querySelectorAll("[data-map-layer]"):
            element.removeAttribute("data-map-layer")
        for link in copy.querySelectorAll("a"):
            for name in ("href", "data-action", "data-person"):
                link.removeAttribute(name)
        copy.querySelector("svg").setAttribute("aria-labelledby", "handout-people-title")
        target.replaceChildren(copy)


def svg_element(tag, attributes):
    element = document.createElementNS(SVG_NS, tag)
    for name in attributes:
        element.setAttribute(name, str(attributes[name]))
    return element


def legend_key(item):
    """The small picture of one legend item, in the map's own classes."""
    size = 2 * 26 + 4
    picture = svg_element("svg", {"class": "map-key", "viewBox": "-28 -28 56 56", "width": size // 2,
                                  "height": size // 2, "aria-hidden": "true"})
    kind = item["kind"]
    if kind == "step":
        picture.appendChild(svg_element("circle", {"r": 20, "class": "map-node map-step-" + str(item["step"])}))
    elif kind == "attitude":
        picture.appendChild(svg_element("circle", {"r": 18, "class": "map-badge map-attitude-" + item["attitude"]}))
        symbol = svg_element("text", {"y": 10, "class": "map-symbol map-key-symbol"})
        symbol.textContent = item["symbol"]
        picture.appendChild(symbol)
    elif kind == "influence":
        picture.appendChild(svg_element("circle", {"r": item["r"], "class": "map-node map-step-2"}))
    else:
        picture.appendChild(svg_element("circle", {"r": item["r"], "class": "map-seat-circle"}))
    return picture


def draw_legend(container, groups):
    """The legend, once: its words do not change while the page is open."""
    for group in groups:
        block = document.createElement("div")
        block.className = "map-legend-group"
        heading = document.createElement("span")
        heading.className = "map-legend-heading"
        heading.textContent = group["heading"]
        block.appendChild(heading)
        items = document.createElement("ul")
        for item in group["items"]:
            entry = document.createElement("li")
            entry.appendChild(legend_key(item))
            words = document.createElement("span")
            words.textContent = item["label"]
            entry.appendChild(words)
            items.appendChild(entry)
        block.appendChild(items)
        container.appendChild(block)


PAINTER = MapPainter()


def show(result, workbook, texts, digest=None):
    """Draws the map of `workbook` scored as `result` (scoring.score), in the
    language of `texts` (view.Texts); the page glue calls it after every
    score. Cheap when nothing on the map changed. `digest`: the content
    digest (texts.content when not given; the map reads it from texts).
    Returns whether anything was redrawn."""
    return PAINTER.show(result, workbook, texts)


def copy_to_handout():
    """The handout's copy of the map made now (before printing), not after
    the pause it waits for while the user types."""
    PAINTER.copy_to_handout()
