# Page glue: why the client may not sign yet (the review sheet and the
# score panel's line), each person's motives on their personal sheet with
# the method's advice beside them, and the kind of client on the account
# sheet. What is found and what is said is decided by the pure modules
# (diagnosis, review_view, editing); main.py saves and scores after an edit
# here (the part edited() returns), and asks for the review after each
# score: once typing pauses, or at once after a click or a change.
import json

from pyscript import document
from pyscript.ffi import is_none

import diagnosis
import dom
import editing
import review_view

REVIEW_DELAY_MS = 400   # the review runs once typing pauses this long


def part(item, selector):
    return item.querySelector(selector)


def place_in_order(parent, items):
    """Puts `items` into `parent` in this order, moving only those out of
    place: an item taken out and put back, even where it was, loses the
    click being made on it (its mousedown and mouseup land on a node that
    left the page in between)."""
    ahead = parent.firstElementChild
    for item in items:
        if not is_none(ahead) and ahead.isSameNode(item):
            ahead = ahead.nextElementSibling
        else:
            parent.insertBefore(item, ahead)


class ReviewGlue:
    def __init__(self, model, texts, sheets, panel, session, text_limit):
        """`sheets`: the SheetPainter (whose person the personal sheet
        shows); `panel`: the PanelPainter (the core's last result);
        `session`: main's Session (the open workbook)."""
        self.model = model
        self.texts = texts
        self.sheets = sheets
        self.panel = panel
        self.session = session
        self.text_limit = text_limit
        self.pending = dom.Debounced(self.review_in_turn, REVIEW_DELAY_MS)
        self.painting = dom.Debounced(self.paint, 0)  # the page written from the review in the task after it
        self.reviewed = None    # the review (entries, reasons) waiting to be written
        self.after_panel = False  # a review waits for the panel's details and map (after_details())
        self.items = None       # reason id -> its item's elements, made on the first review
        self.shown = {}         # what was written last, by reason id (and "line", "advice")
        sheets.person_shown = self.show_motives

    # -------------------------------------------------------- when

    def soon(self):
        """The review once the edits pause (the score is already shown)."""
        self.painting.cancel()
        self.pending.soon()
        self.mark("waiting")

    def mark(self, state):
        """body[data-review]: "waiting" until the review shows the workbook
        as it is, "written" then: tests wait on it instead of on the clock."""
        if self.shown.get("state") != state:
            self.shown["state"] = state
            document.body.setAttribute("data-review", state)

    def after_details(self):
        """The panel's details and map are shown: a review that waits for
        them comes in the tasks after them."""
        if self.pending.waiting() or self.after_panel:
            self.pending.cancel()
            self.review_in_turn()

    def review_in_turn(self):
        """After a pause: the core's review and its words in this task, the
        page written in the next, so neither holds input up for long. After
        the panel's details and map, which it would otherwise work out in
        its own task."""
        self.after_panel = self.panel.details_waiting()
        if self.after_panel:
            return
        self.reviewed = self.review()
        self.painting.soon()

    def review(self):
        workbook = self.session.workbook
        entries = diagnosis.review(workbook, self.model, self.panel.current_result())
        return entries, review_view.reasons(entries, workbook, self.texts)

    def paint(self):
        self.painting.cancel()
        entries, reasons = self.reviewed
        self.show_reasons(reasons)
        line = review_view.panel_line(entries, self.texts)
        if self.shown.get("line") != line:
            self.shown["line"] = line
            document.querySelector("[data-review-line]").textContent = line
        self.show_advice()
        self.mark("written")

    # -------------------------------------------------------- the review

    def make_items(self, reasons):
        template = document.querySelector("template[data-review-template]")
        self.items = {}
        for reason in reasons:
            item = template.content.firstElementChild.cloneNode(True)
            item.setAttribute("data-reason", reason["id"])
            self.items[reason["id"]] = {
                "item": item, "label": part(item, "[data-review-label]"), "tag": part(item, "[data-review-tag]"),
                "why": part(item, "[data-review-why]"), "next": part(item, "[data-review-next]"),
                "move": part(item, "[data-review-move]"), "check": part(item, "[data-review-check]"),
                "check_label": part(item, "[data-review-check-label]"), "note": part(item, "[data-review-note]"),
                "note_field": part(item, "[data-review-note-field]")}
            self.shown[reason["id"]] = {}

    def show_reasons(self, reasons):
        """Each reason in its list, in content order; only what changed is
        written, and a control that had the focus keeps it when its item
        moves to another list."""
        if self.items is None:
            self.make_items(reasons)
        moved = [reason for reason in reasons if self.shown[reason["id"]].get("group") != reason["group"]]
        if moved:
            focused = document.activeElement
            for group in review_view.GROUPS:
                place_in_order(document.querySelector("[data-review-group='" + group + "']"),
                               [self.items[reason["id"]]["item"] for reason in reasons if reason["group"] == group])
            if not is_none(focused) and not is_none(focused.closest("[data-reason]")):
                focused.focus()
        for reason in reasons:
            self.show_reason(reason)
        groups = [reason["group"] for reason in reasons]
        document.querySelector("[data-review-none]").hidden = review_view.OPEN in groups
        for heading in document.querySelectorAll("[data-review-heading]"):
            heading.hidden = heading.getAttribute("data-review-heading") not in groups

    def show_reason(self, reason):
        elements = self.items[reason["id"]]
        shown = self.shown[reason["id"]]

        def changed(name, value):
            if shown.get(name) == value:
                return False
            shown[name] = value
            return True

        changed("group", reason["group"])
        if changed("label", reason["label"]):
            elements["label"].textContent = reason["label"]
        if changed("tag", reason["tag"]):
            elements["tag"].textContent = reason["tag"]
            elements["tag"].hidden = reason["tag"] == ""
        if changed("why", reason["why"]):
            dom.set_user_text(elements["why"], "textContent", reason["why"])
        if changed("move", json.dumps(reason["move"])):
            move = reason["move"]
            elements["next"].hidden = move is None
            if move is not None:
                dom.set_user_text(elements["move"], "textContent", move["text"])
                elements["move"].setAttribute("href", "#" + move["section"])
                elements["move"].setAttribute("data-target", move["target"])
                elements["move"].setAttribute("data-person", move["person"])
        if changed("check", reason["check"]):
            elements["check"].setAttribute("data-review-check", reason["check"])
        if changed("check_label", reason["check_label"]):
            elements["check_label"].textContent = reason["check_label"]
        if changed("checked", reason["checked"]):
            elements["check"].checked = reason["checked"]
        if changed("note", reason["note"]):
            dom.write_control(elements["note"], reason["note"])
        if changed("show_note", reason["show_note"]):
            elements["note_field"].hidden = not reason["show_note"]

    # -------------------------------------------------------- motives

    def picked_person(self, workbook):
        return editing.find_person(workbook, self.sheets.picked)

    def show_motives(self, workbook):
        """The motives of the person the personal sheet shows, in its controls."""
        holder = document.querySelector("[data-motives]")
        person = self.picked_person(workbook)
        if is_none(holder) or person is None:
            return
        motives = person["motives"]
        dom.write_control(holder.querySelector("[data-motive='organisation']"), motives["organisation"])
        for box in holder.querySelectorAll("[data-motive='personal']"):
            box.checked = str(box.value) in motives["personal"]
        holder.querySelector("[data-motive='balance']").value = str(motives["balance"])
        self.show_advice()

    def show_advice(self):
        """What to disclose first for the person shown, each point with its
        status now and a link to it."""
        listed = document.querySelector("[data-motive-advice]")
        workbook = self.session.workbook
        person = self.picked_person(workbook)
        if is_none(listed) or person is None:
            return
        advice = review_view.motive_advice(person, workbook, self.texts)
        text = json.dumps(advice)
        if self.shown.get("advice") == text:
            return
        self.shown["advice"] = text
        listed.replaceChildren()
        item_template = document.querySelector("template[data-motive-advice-template]")
        point_template = document.querySelector("template[data-advice-point-template]")
        for entry in advice:
            item = item_template.content.firstElementChild.cloneNode(True)
            item.querySelector("[data-advice-title]").textContent = entry["title"]
            item.querySelector("[data-advice-text]").textContent = entry["advice"]
            item.querySelector("[data-advice-first]").hidden = not entry["points"]
            points = item.querySelector("[data-advice-points]")
            for point in entry["points"]:
                shown = point_template.content.firstElementChild.cloneNode(True)
                link = shown.querySelector("[data-advice-point]")
                link.textContent = point["text"]
                link.setAttribute("href", "#" + point["section"])
                link.setAttribute("data-target", point["target"])
                shown.querySelector("[data-advice-status]").textContent = point["status"]
                points.appendChild(shown)
            listed.appendChild(item)
        document.querySelector("[data-motive-advice-none]").hidden = len(advice) > 0

    # -------------------------------------------------------- the kind of client

    def show_workbook(self, workbook):
        """The kind of client of a workbook just opened."""
        document.querySelector("[data-control='client-type']").value = workbook.get("client_type") or ""
        document.querySelector("[data-client-type-applied]").textContent = ""

    # -------------------------------------------------------- edits

    def edited(self, control):
        """After an input event on one of this glue's controls: the part of
        the workbook it changed (for the score), or None when `control` is
        none of them."""
        workbook = self.session.workbook
        if control.hasAttribute("data-review-check"):
            reason_id = control.closest("[data-reason]").getAttribute("data-reason")
            state = editing.review_state(control.getAttribute("data-review-check"), bool(control.checked))
            workbook["review"] = editing.with_review(workbook["review"], reason_id, self.model, state=state)
            return "review"
        if control.hasAttribute("data-review-note"):
            reason_id = control.closest("[data-reason]").getAttribute("data-reason")
            before = self.shown[reason_id].get("note")
            note = dom.held_at_text_limit(control, dom.typed_text(control), before, self.text_limit, self.texts)
            self.shown[reason_id]["note"] = note
            dom.fit_to_text(control)
            workbook["review"] = editing.with_review(workbook["review"], reason_id, self.model, note=note)
            return "review"
        field = control.getAttribute("data-motive")
        if field:
            person = self.picked_person(workbook)
            if person is None:
                return None
            if field == "organisation":
                value = dom.held_at_text_limit(control, dom.typed_text(control), person["motives"]["organisation"],
                                               self.text_limit, self.texts)
                dom.fit_to_text(control)
            else:
                value = str(control.value)
            checked = bool(control.checked) if field == "personal" else True  # a select has no `checked`
            person["motives"] = editing.with_motive(person["motives"], field, value, self.model, checked=checked)
            self.show_advice()
            return editing.person_path(person["id"])
        if control.getAttribute("data-control") == "client-type":  # kept before ready as the page's controls are
            client_type, settings = editing.with_client_type(workbook["settings"], str(control.value), self.model)
            workbook["client_type"] = client_type
            applied = ""
            if client_type is not None:
                workbook["settings"] = settings
                self.sheets.render_all_deferred(workbook)  # the settings sheet, to show the preset set
                self.sheets.fill_settings(settings)
                preset = document.querySelector("[data-setting='preset']").selectedOptions.item(0)
                applied = review_view.client_type_applied(str(preset.textContent), self.texts)
            document.querySelector("[data-client-type-applied]").textContent = applied
            return "settings"
        return None
