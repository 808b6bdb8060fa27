# Page glue for the relationship map: puts relationship_map's drawing into
# the page (templates/_relationship_map.html) and a copy of it into the
# printed handout. Everything shown is decided by the pure module; this
# only creates, changes and removes the elements it names. User text goes
# in as text (dom.set_user_text), never as markup.
#
# The map is drawn only once it is needed: scrolled near the screen, the
# sheet before it used from the keyboard, a link to it followed, or the page
# printed. Until then each score is kept, not drawn: on a phone the map is
# below the first screen, and drawing it in the pause after ready cost three
# tasks of 40-100 ms at 4x and a layout of up to 500 ms (docs/PERFORMANCE.md).
from pyscript import document, window
from pyscript.ffi import create_proxy, is_none, to_js

import dom
import relationship_map

SVG_NS = relationship_map.SVG_NS
HANDOUT_COPY_DELAY_MS = 200
# "Near": within three quarters of the screen's height above or below it.
# Generous enough to be drawn before it is scrolled into sight, yet on a
# phone the map (about one screen below the first) waits for a scroll.
NEAR_MARGIN = "75% 0px"
# Keyboard users reach the map's links from this sheet, which may be taller than the margin.
SHEET_BEFORE = "#people"


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
        self.wanted = False        # whether the map is drawn after each score, or only kept (see above)
        self.held = None           # (result, workbook, texts) of the last score, while not wanted
        self.planned = None        # what the first drawing worked out, to paint in the task after
        self.first_drawing = dom.Debounced(self.draw_in_turn, 0)
        self.watchers = []         # what tells that the map is needed: undone once it is

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
        paint(); None when nothing on it changed, or when the map is not
        needed yet (then kept, and drawn once it is)."""
        if not self.wanted:
            self.held = (result, workbook, texts)
            self.watch()
            return None
        self.held = self.planned = None  # a first drawing still under way would paint an older score
        fingerprint = relationship_map.fingerprint(workbook, result, texts.language)
        if fingerprint == self.fingerprint:
            return None
        drawing = relationship_map.drawing(workbook, result, texts)
        return fingerprint, drawing, relationship_map.scene(drawing)

    def prepared(self, texts):
        """Finds the map's place in the page and draws its legend, once
        the map is needed; False when the page has no map."""
        if self.parts is None and not self.find_parts():
            return False
        if self.wanted and not self.parts.get("legend_drawn"):
            self.parts["legend_drawn"] = True
            draw_legend(self.parts["legend"], relationship_map.legend(texts))
        return True

    # ---------------------------------------------------------------- when the map is needed

    def watch(self):
        """Starts looking out for the map being needed, once."""
        if self.watchers or self.wanted or (self.parts is None and not self.find_parts()):
            return
        section = self.parts["section"]
        near = create_proxy(self.seen)
        observer = window.IntersectionObserver.new(near, to_js({"rootMargin": NEAR_MARGIN}))
        observer.observe(section)
        self.watchers.append(lambda: observer.disconnect())
        wanted_now = create_proxy(lambda *_: self.need_now())
        for element in [document.querySelector(SHEET_BEFORE)] + list(
                document.querySelectorAll("a[href='#" + str(section.id) + "']")):
            if not is_none(element):
                kind = "click" if element.tagName == "A" else "focusin"
                element.addEventListener(kind, wanted_now)
                self.watchers.append(lambda element=element, kind=kind: element.removeEventListener(kind, wanted_now))

    def seen(self, entries, *_):
        for k in range(entries.length):
            if entries[k].isIntersecting:
                self.wanted = True
                self.stop_watching()
                self.first_drawing.soon()
                return

    def stop_watching(self):
        for undo in self.watchers:
            undo()
        self.watchers = []

    def draw_in_turn(self):
        """The first drawing once scrolled near, a step per task as the
        panel draws it after a score: the legend, the drawing worked out,
        then written."""
        if self.held is None:
            if self.planned is not None:
                planned, self.planned = self.planned, None
                self.paint(planned, planned[3])
            return
        if not self.parts.get("legend_drawn"):
            self.prepared(self.held[2])
        else:
            result, workbook, texts = self.held
            self.held = None
            found = self.worked_out(result, workbook, texts)
            self.planned = None if found is None else found + (texts,)
        self.first_drawing.soon()

    def need_now(self):
        """The map is needed at once (printing, a link to it followed, the
        keyboard in the sheet before it): drawn now from the last score, and
        after every score from now on."""
        self.wanted = True
        self.stop_watching()
        self.first_drawing.cancel()
        if self.held is not None:
            result, workbook, texts = self.held
            self.held = None
            self.prepared(texts)
            self.show(result, workbook, texts)
        elif self.planned is not None:
            planned, self.planned = self.planned, None
            self.paint(planned, planned[3])

    def paint(self, planned, texts):
        """Writes what worked_out() planned; False when the page has no map."""
        if not self.prepared(texts):
            return False
        fingerprint, drawing, scene = planned[:3]
        self.fingerprint = fingerprint
        self.apply(relationship_map.changes(self.drawn, scene))
        self.drawn = relationship_map.index(scene)
        self.put_size(drawing)
        self.put_text("caption", drawing["caption"])
        self.put_text("notes", " ".join(drawing["notes"]))
        self.put_rows(drawing["rows"], drawing["row_ids"])
        if self.fingerprint is not None and not self.shown.get("drawn"):
            self.shown["drawn"] = True
            self.parts["section"].removeAttribute("aria-busy")
        if not is_none(document.querySelector("[data-handout-map]")):  # else the handout waits in its <template>
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
        if is_none(target):
            return
        self.need_now()
        self.handout_copy.cancel()  # made here and now
        if self.parts is None:
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
    score. Cheap when nothing on the map changed. Until the map is needed
    (see need_now) the score is kept and drawn then. `digest`: the content
    digest (texts.content when not given; the map reads it from texts).
    Returns whether anything was redrawn."""
    return PAINTER.show(result, workbook, texts)


def need_now():
    """The map drawn now from the last score, and after every score from
    now on, wherever the page is scrolled."""
    PAINTER.need_now()


def copy_to_handout():
    """The handout's copy of the map made now (before printing), not after
    the pause it waits for while the user types; the map is drawn first if
    it was not yet."""
    PAINTER.copy_to_handout()
