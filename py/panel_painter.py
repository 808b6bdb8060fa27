# Page glue: the score panel. Scores the workbook through the core's
# Scorer (which reads again only the part an edit changed) and writes what
# view.score_view() says into the panel, touching only what changed. What
# is shown, and where, is decided by the pure modules (view, panel).
import json

from pyscript import document

import dom
import panel
import scoring
import view


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

    def find_score_elements(self):
        found = {}
        for attribute in ("data-score", "data-indicator", "data-part", "data-bar", "data-bar-value",
                          "data-curve-dot", "data-curve-value", "data-curve-stage"):
            for element in document.querySelectorAll("[" + attribute + "]"):
                found[attribute + ":" + element.getAttribute(attribute)] = element
        for name in ("data-moves", "data-no-moves", "data-move-template", "data-weakest", "data-plan-reading",
                     "data-curve-line", "data-curve-now", "data-curve-now-label", "data-curve-summary",
                     "data-people-scores", "data-person-score-template", "data-common-ground-hints",
                     "data-common-ground-template", "data-no-common-ground"):
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
        elements = self.elements
        elements["data-moves"].replaceChildren()
        for move in moves:
            fragment = elements["data-move-template"].content.cloneNode(True)
            link = fragment.querySelector("[data-move-text]")
            dom.set_user_text(link, "textContent", move["text"])
            link.setAttribute("href", "#" + move["section"])
            link.setAttribute("data-target", move["target"])
            link.setAttribute("data-person", move["person"])
            fragment.querySelector("[data-move-gain]").textContent = move["gain"]
            elements["data-moves"].appendChild(fragment)
        elements["data-no-moves"].hidden = len(moves) > 0

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
        listed = self.elements["data-people-scores"]
        listed.replaceChildren()
        for person in people:
            item = self.elements["data-person-score-template"].content.firstElementChild.cloneNode(True)
            link = item.querySelector("[data-action='open-person']")
            link.setAttribute("data-person", person["id"])
            dom.set_user_text(link, "textContent", person["name"])
            item.querySelector("[data-person-role]").textContent = person["role"]
            item.querySelector("[data-person-lowest]").hidden = not person["lowest"]
            for cell in item.querySelectorAll("[data-person-figure]"):
                cell.textContent = person["figures"][cell.getAttribute("data-person-figure")]
            summary = item.querySelector("[data-person-figures-summary]")
            summary.setAttribute("aria-label", self.texts.ui_text("people_figures_of", {"person": person["name"]}))
            listed.appendChild(item)

    def show_common_ground(self, hints):
        """Where to look for common ground, person by person."""
        if not self.changed("common_ground", hints):
            return
        listed = self.elements["data-common-ground-hints"]
        listed.replaceChildren()
        for hint in hints:
            item = self.elements["data-common-ground-template"].content.firstElementChild.cloneNode(True)
            dom.set_user_text(item.querySelector("[data-common-ground-person]"), "textContent", hint["title"])
            dom.fill_list(item.querySelector("[data-common-ground-sources]"), hint["sources"])
            item.querySelector("[data-common-ground-gains]").textContent = hint["gains"]
            listed.appendChild(item)
        self.elements["data-no-common-ground"].hidden = len(hints) > 0

    def show_curve(self, curve):
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
        put_attribute("data-curve-now-label@y", "y", curve["now_y"] - 4)
        self.put_text("data-curve-now-label", self.texts.ui_text("curve_now") + " " + curve["now_text"])
        self.put_text("data-curve-summary", " · ".join(dot["text"] for dot in curve["dots"]))

    def show_score(self, workbook, changed=None):
        """Scores the workbook and shows it. `changed` names the one part of
        the workbook an edit changed ("seller.product", "settings", ...): the
        core reads only that part again. None reads it all."""
        if self.scorer is None:
            self.scorer = scoring.Scorer(workbook, self.model)
        else:
            self.scorer.reread(workbook, changed)
        need_texts = {need["id"]: need["text"] for need in workbook["client"]["needs"]}
        self.result = self.scorer.score()
        shown = view.score_view(self.result, self.texts, need_texts, workbook)
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
        self.show_curve(shown["curve"])
        self.show_relationship_map(self.result, workbook)

    def show_relationship_map(self, result, workbook):
        """The hook of the relationship map (relationship_map.py and its
        painter): called after every score with the core's result and the
        workbook scored. Nothing is drawn until the map is connected here."""
