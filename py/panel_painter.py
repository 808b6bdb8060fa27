# Page glue: the score panel. Scores the workbook through the core's
# Scorer (which reads again only the part an edit changed) and writes what
# view.score_view() says into the panel, touching only what changed. What
# is shown, and where, is decided by the pure modules (view, panel).
#
# A keystroke writes the figures at once from a score without the next
# moves (most of a score's cost with 12 people); the details (people,
# moves, common ground, charts, tables) follow in the next pause of typing,
# from a full score; the relationship map, then what else needs a full
# score (main.py: the review), each in a task after them (docs/PERFORMANCE.md).
import json

from pyscript import document

import dom
import panel
import scoring
import view

DETAILS_DELAY_MS = 150


PERSON_FIGURES = ("T", "IS", "IC", "R", "P", "told", "known", "reciprocity")


PANEL_STATE = [None]  # what body[data-panel] says now: no DOM read on every keystroke


def show_panel_state(state):
    """"figures" while the details wait for a pause, "complete" once they
    show the workbook as it is: tests wait on it instead of on the clock."""
    if PANEL_STATE[0] != state:
        PANEL_STATE[0] = state
        document.body.setAttribute("data-panel", state)


def write_text(element, text):
    element.textContent = text


def write_user_text(element, text):
    dom.set_user_text(element, "textContent", text)


def write_hidden(element, hidden):
    element.hidden = hidden


def write_move(link, gain, move):
    dom.set_user_text(link, "textContent", move["text"])
    link.setAttribute("href", "#" + move["section"])
    link.setAttribute("data-target", move["target"])
    link.setAttribute("data-person", move["person"])
    gain.textContent = move["gain"]


def attribute_writer(name):
    return lambda element, value: element.setAttribute(name, value)


class ListedItems:
    """A list of the panel with one item per entry, cloned from a
    <template>. The items stay while the number of entries does, and only
    what changed in an entry is written: most edits change a few figures."""

    def __init__(self, listed, template, parts):
        """`parts`: (name, selector in an item, writer(element, value)) of
        each thing an entry sets."""
        self.listed = listed
        self.template = template
        self.parts = parts
        self.items = []           # per item: name -> (element, writer)
        self.shown = []           # per item: name -> the value last written

    def show(self, entries):
        if len(entries) != len(self.items):
            self.listed.replaceChildren()
            self.items, self.shown = [], []
            for _ in entries:
                item = self.template.content.firstElementChild.cloneNode(True)
                self.items.append(dict((name, (item.querySelector(selector), writer))
                                       for name, selector, writer in self.parts))
                self.shown.append({})
                self.listed.appendChild(item)
        for position in range(len(entries)):
            elements, shown, entry = self.items[position], self.shown[position], entries[position]
            for name in entry:
                if shown.get(name) != entry[name]:
                    shown[name] = entry[name]
                    element, writer = elements[name]
                    writer(element, entry[name])


class PanelPainter:
    """What the score panel shows now, kept so that only what changed is written."""

    def __init__(self, model, texts):
        self.model = model
        self.texts = texts
        self.scorer = None        # the workbook as the core last read it, kept between edits
        self.elements = {}        # score elements, found once
        self.shown = {}           # text last written into each score element
        self.slots = []           # what show_score() writes where, found on the first score
        self.curve_keys = panel.curve_keys(len(model.stages))
        self.result = None        # the core's last result
        self.people = None        # the list of people's trust (ListedItems), made on the first score
        self.hints = None         # where to look for common ground (ListedItems)
        self.workbook = None      # the workbook scored last
        self.figures_slots = []   # the slots of the figures alone
        # After a pause, each in a task of its own: the details worked out, then written; the map worked
        # out, then drawn; then what else waits for a full score.
        self.details_due = dom.Debounced(self.work_out_details, DETAILS_DELAY_MS)
        self.details_worked_out = dom.Debounced(self.write_details, 0)
        self.details = None       # the details worked out (view.score_view()), to write
        self.map_due = dom.Debounced(self.work_out_map, 0)
        self.map_worked_out = dom.Debounced(self.draw_map, 0)
        self.map = None           # the map worked out (map_painter), to draw
        self.after_details = None  # what else waits for a full score (main.py: the review), in the task after the map
        self.after_details_due = dom.Debounced(lambda: self.after_details(), 0)
        self.idle_collector = dom.IdleCollector()

    def find_score_elements(self):
        found = {}
        for attribute in ("data-score", "data-indicator", "data-part", "data-bar", "data-bar-value",
                          "data-curve-dot", "data-curve-value", "data-curve-stage"):
            for element in document.querySelectorAll("[" + attribute + "]"):
                found[attribute + ":" + element.getAttribute(attribute)] = element
        for name in ("data-moves", "data-no-moves", "data-move-template", "data-weakest", "data-plan-reading",
                     "data-curve-line", "data-curve-now", "data-curve-now-label", "data-curve-summary",
                     "data-people-scores", "data-person-score-template", "data-common-ground-hints",
                     "data-common-ground-template", "data-no-common-ground", "data-plan-stage", "data-curve-current"):
            found[name] = document.querySelector("[" + name + "]")
        self.elements = found

    def put_text(self, key, text):
        if self.shown.get(key) != text:
            self.shown[key] = text
            self.elements[key].textContent = text

    def put_attribute(self, key, name, value):
        """Sets an attribute of a score element when its value changed; `key`
        names the element and the attribute ("data-curve-dot:0@cx")."""
        value = str(value)
        if self.shown.get(key) != value:
            self.shown[key] = value
            self.elements[key.partition("@")[0]].setAttribute(name, value)

    def show_moves(self, moves):
        if not self.changed("moves", moves):
            return
        self.write_moves(self.elements["data-moves"], moves)
        self.elements["data-no-moves"].hidden = len(moves) > 0

    def write_moves(self, listed, moves):
        """Next moves into a list, each a link to its field and its gain."""
        listed.replaceChildren()
        for move in moves:
            fragment = self.elements["data-move-template"].content.cloneNode(True)
            write_move(fragment.querySelector("[data-move-text]"), fragment.querySelector("[data-move-gain]"), move)
            listed.appendChild(fragment)

    def write_first_move(self, line, move):
        """The best move of whoever trusts the seller least, beside the badge."""
        line.hidden = move is None
        if move is not None:
            write_move(line.querySelector("[data-move-text]"), line.querySelector("[data-move-gain]"), move)

    def changed(self, key, value):
        """Whether `value` differs from what was shown under `key` (kept)."""
        text = json.dumps(value)
        if self.shown.get(key) == text:
            return False
        self.shown[key] = text
        return True

    def show_people(self, people):
        """Each person's line (name, role, T_i) and their own figures."""
        if not self.changed("people", people):
            return
        if self.people is None:
            parts = [("id", "[data-action='open-person']", attribute_writer("data-person")),
                     ("name", "[data-action='open-person']", write_user_text),
                     ("role", "[data-person-role]", write_text),
                     ("not_lowest", "[data-person-lowest]", write_hidden),
                     ("figures_of", "[data-person-figures-summary]", attribute_writer("aria-label")),
                     ("moves", "[data-person-moves]", self.write_moves),
                     ("first_move", "[data-person-first-move]", self.write_first_move)]
            parts += [("figure:" + name, "[data-person-figure='" + name + "']", write_text) for name in PERSON_FIGURES]
            self.people = ListedItems(self.elements["data-people-scores"], self.elements["data-person-score-template"],
                                      parts)
        entries = []
        for person in people:
            entry = {"id": person["id"], "name": person["name"], "role": person["role"],
                     "not_lowest": not person["lowest"],
                     "figures_of": self.texts.ui_text("people_figures_of", {"person": person["name"]}),
                     "moves": person.get("moves") or [], "first_move": person.get("first_move")}
            for name in PERSON_FIGURES:
                entry["figure:" + name] = person["figures"][name]
            entries.append(entry)
        self.people.show(entries)

    def show_common_ground(self, hints):
        """Where to look for common ground, person by person."""
        if not self.changed("common_ground", hints):
            return
        if self.hints is None:
            self.hints = ListedItems(self.elements["data-common-ground-hints"],
                                     self.elements["data-common-ground-template"],
                                     [("title", "[data-common-ground-person]", write_user_text),
                                      ("sources", "[data-common-ground-sources]", dom.fill_list),
                                      ("gains", "[data-common-ground-gains]", write_text)])
        self.hints.show([{"title": hint["title"], "sources": hint["sources"], "gains": hint["gains"]}
                         for hint in hints])
        self.elements["data-no-common-ground"].hidden = len(hints) > 0

    def show_curve(self, curve, current=None):
        """The planned curve, today's T across it and the account's current
        stage (its place on the curve, or None) marked."""
        put_attribute = self.put_attribute
        put_attribute("data-curve-line@points", "points", curve["points"])
        for position, dot in enumerate(curve["dots"]):
            dot_x, dot_y, value_x, value_y, value, stage_x = self.curve_keys[position]
            put_attribute(dot_x, "cx", dot["x"])
            put_attribute(dot_y, "cy", dot["y"])
            put_attribute(value_x, "x", dot["x"])
            put_attribute(value_y, "y", dot["y"] - 8)
            self.put_text(value, dot["text"])
            put_attribute(stage_x, "x", dot["x"])
        put_attribute("data-curve-now@y1", "y1", curve["now_y"])
        put_attribute("data-curve-now@y2", "y2", curve["now_y"])
        put_attribute("data-curve-now-label@y", "y", curve["now_label_y"])
        self.put_text("data-curve-now-label", self.texts.ui_text("curve_now") + " " + curve["now_text"])
        summary = " · ".join(dot["text"] for dot in curve["dots"])
        if current is not None:
            dot = curve["dots"][current]
            put_attribute("data-curve-current@x1", "x1", dot["x"])
            put_attribute("data-curve-current@x2", "x2", dot["x"])
            put_attribute("data-curve-current@y1", "y1", dot["y"])  # from the planned dot down: clear of its value
            for position in range(len(curve["dots"])):
                put_attribute("data-curve-stage:" + str(position) + "@data-current", "data-current",
                              "1" if position == current else "0")
            summary += " · " + self.texts.ui_text("review_curve_current", {"stage": self.model.stages[current]})
        self.put_text("data-curve-summary", summary)

    def show_score(self, workbook, changed=None, figures=True):
        """Scores the workbook and shows its figures now, its details after
        the next pause. `changed` names the one part of the workbook an
        edit changed ("seller.product", "settings", ...): the core reads
        only that part again; None reads it all. `figures` False: the edit
        cannot change the figures (panel.figures_may_change), only the
        details."""
        if self.scorer is None or workbook is not self.workbook:
            self.scorer = scoring.Scorer(workbook, self.model)
            self.workbook = workbook
            figures = True
        else:
            self.scorer.reread(workbook, changed)
        if figures:
            shown = view.figures_view(self.scorer.figures(), self.texts)
            if not self.figures_slots:
                self.figures_slots = panel.figure_slots(shown, self.elements)
            for name, key in self.figures_slots:
                self.put_text(key, shown[name])
        self.details_worked_out.cancel()  # worked out before this edit
        self.map_worked_out.cancel()
        self.details_due.soon()
        self.idle_collector.soon()
        show_panel_state("figures")

    def show_details(self):
        """Everything else the panel shows, and the relationship map, from
        a full score (with the next moves) of the workbook as it is now."""
        self.details_due.cancel()
        self.details = self.worked_out_details()
        self.write_details()

    def work_out_details(self):
        self.details = self.worked_out_details()
        self.details_worked_out.soon()

    def worked_out_details(self):
        workbook = self.workbook
        need_texts = {need["id"]: need["text"] for need in workbook["client"]["needs"]}
        self.result = self.scorer.score()
        return view.score_view(self.result, self.texts, need_texts, workbook)

    def write_details(self):
        self.details_worked_out.cancel()
        shown = self.details
        if not self.slots:
            self.slots = panel.slots(shown, self.elements)
        for group, name, text_key, width_key in self.slots:
            value = shown[group][name]
            if width_key is not None:
                self.put_attribute(width_key, "width", value["width"])
                value = value["text"]
            self.put_text(text_key, value)
        self.put_text("data-weakest", shown["weakest"])
        self.put_text("data-plan-reading", shown["plan_reading"])
        self.put_text("data-no-moves", shown["no_moves"])
        self.show_moves(shown["moves"])
        self.show_people(shown["people"])
        self.show_common_ground(shown["common_ground"])
        self.put_text("data-plan-stage", shown["plan_stage"])
        self.show_curve(shown["curve"], shown["current_stage"])
        self.map_due.soon()

    def current_result(self):
        """The full score of the workbook as it is now, its details and map
        shown first if they were still to come: for printing, and whatever
        needs the next moves."""
        if self.details_due.waiting() or self.details_worked_out.waiting() or self.result is None:
            self.show_details()
        if self.map_due.waiting() or self.map_worked_out.waiting():
            self.show_relationship_map()
        return self.result

    def details_waiting(self):
        """Whether the details or the map are still to be worked out or written."""
        return (self.details_due.waiting() or self.details_worked_out.waiting() or self.map_due.waiting()
                or self.map_worked_out.waiting())

    def work_out_map(self):
        if not dom.later_modules_loaded():
            dom.with_later_modules(self.map_due.soon, self.texts)
            return
        import map_painter

        if map_painter.PAINTER.parts is None:  # the legend, in a task before the first drawing
            map_painter.PAINTER.prepared(self.texts)
            self.map_due.soon()
            return
        self.map = map_painter.PAINTER.worked_out(self.result, self.workbook, self.texts)
        if self.map is None:
            self.map_drawn()
        else:
            self.map_worked_out.soon()

    def draw_map(self):
        import map_painter

        self.map_worked_out.cancel()
        map_painter.PAINTER.paint(self.map, self.texts)
        self.map_drawn()

    def show_relationship_map(self):
        """The relationship map of the last full score (map_painter redraws
        only what changed). Its modules are fetched after ready: until they
        are, the map (and what waits for it) waits for them."""
        self.map_due.cancel()
        self.map_worked_out.cancel()
        if not dom.later_modules_loaded():
            dom.with_later_modules(self.map_due.soon, self.texts)
            return
        import map_painter

        map_painter.show(self.result, self.workbook, self.texts, self.model)
        self.map_drawn()

    def map_drawn(self):
        if not (self.details_due.waiting() or self.details_worked_out.waiting()):
            show_panel_state("complete")
        if self.after_details is not None:
            self.after_details_due.soon()
