# Page glue: the account's people. The people sheet's buttons (add, move,
# copy, remove with the status line's undo, open a person's sheet), the
# personal sheet's picker, and the "told to" and "shared with" checkboxes.
# What each changes is decided by editing.py; sheet_painter shows it; main.py
# saves and scores after it (the `saved` and `typed` it passes in).
from pyscript import document

import dom
import editing
import people_view
import view


def row_of(control):
    """The id of the person whose row holds `control`."""
    return control.closest("[data-row]").getAttribute("data-row")


class PeopleGlue(dom.SheetGlue):
    def actions(self):
        """What the people's buttons do, by their data-action."""
        return {
            "add-person": self.add,
            "duplicate-person": self.duplicate,
            "move-person-up": lambda control: self.move(control, -1),
            "move-person-down": lambda control: self.move(control, 1),
            "remove-person": self.remove,
            "open-person": self.open,
        }

    def structure_changed(self, focus_id=None):
        """People came, went or moved: every sheet naming them is written
        again, and the whole workbook read again (a removal also changes
        shared items, needs and managers)."""
        self.sheets.people_changed(self.session.workbook, focus_id)
        self.saved(None)

    def tell_full(self):
        dom.show_status(self.texts.ui_text("people_full", {"limit": self.model.max_people}))

    def add(self, control):
        person = editing.add_person(self.session.workbook, self.model)
        if person is None:
            return self.tell_full()
        self.structure_changed(person["id"])

    def duplicate(self, control):
        person = editing.duplicate_person(self.session.workbook, row_of(control),
                                          self.texts.ui_text("copy_suffix"), self.model)
        if person is None:
            return self.tell_full()
        self.structure_changed(person["id"])

    def move(self, control, step):
        person_id = row_of(control)
        if editing.move_person(self.session.workbook, person_id, step) is None:
            return
        self.structure_changed()
        # The focus stays with the person moved: on the same button while
        # it can still move that way, else on the other one.
        row = document.querySelector("#people [data-row=" + view.css_string(person_id) + "]")
        for action in (control.getAttribute("data-action"), "move-person-up", "move-person-down"):
            button = row.querySelector("[data-action='" + action + "']")
            if not button.disabled:
                button.focus()
                return

    def remove(self, control):
        workbook = self.session.workbook
        person_id = row_of(control)
        number = editing.person_position(workbook, person_id)
        removed = editing.remove_person(workbook, person_id)
        if removed is None:
            return dom.show_status(self.texts.ui_text("people_last"))
        self.structure_changed()
        document.querySelector("#people [data-action='add-person']").focus()
        self.session.offered["undo"] = lambda: self.undo_remove(removed)
        name = people_view.person_name(removed["person"], number + 1, self.texts)
        dom.show_status(self.texts.ui_text("row_removed_message", {"name": name}), undo=True)

    def undo_remove(self, removed):
        if editing.restore_person(self.session.workbook, removed, self.model):
            self.structure_changed(removed["person"]["id"])

    def open(self, control):
        """A person's personal sheet, from their row or from a node that
        names them (data-person: the score panel, the relationship map)."""
        person_id = control.getAttribute("data-person") or row_of(control)
        self.sheets.open_person(self.session.workbook, person_id, control)

    def value_of(self, control, field, text):
        """The value a person's field takes from what was typed
        (editing.person_value); the field says so when that is not what
        was typed."""
        value = editing.person_value(field, text, self.model)
        if field == "contact_factor":
            message = editing.person_value_message(field, text, value, self.model)
            dom.say_by_field(control, "" if message is None else self.texts.ui_text(message[0], message[1]))
        return value

    def changed(self, control):
        """After a change event: a person picked for the personal sheet, or
        the P the score uses shown once typed. False for any other control."""
        if control.getAttribute("data-control") == "pick-person":
            self.sheets.pick_person(self.session.workbook, str(control.value))
        elif control.getAttribute("data-field") == "contact_factor":
            person = editing.find_person(self.session.workbook, row_of(control))
            if person is not None:
                dom.write_control(control, person["contact_factor"])
        else:
            return False
        return True

    def edited(self, person, field):
        """After a person's field was typed in: their name or role shows
        wherever they are named; a new manager changes who may be whose."""
        if field in ("name", "role"):
            self.sheets.rename_person(self.session.workbook, person["id"])
        elif field == "reports_to":
            self.sheets.fill_managers(self.session.workbook)

    def ticked(self, control):
        """A "told to" or "shared with" checkbox changed; returns the part
        of the workbook it changed (for the score), or None when `control`
        is no such checkbox."""
        kind = control.getAttribute("data-person-check")
        if not kind:
            return None
        workbook = self.session.workbook
        person_id = control.getAttribute("data-person")
        checked = bool(control.checked)
        if kind == "told":
            person = editing.find_person(workbook, person_id)
            owner = control.closest("[data-item]")
            point_id = owner.getAttribute("data-item")
            person["told"] = editing.told_after(person, point_id, checked, self.model)
            point = dom.find_record(workbook["seller"]["personal"], point_id)
            if point is not None and editing.told_prepares(point, checked):
                dom.write_control(owner.querySelector("[data-field='status']"), point["status"])
                dom.mark_filled(owner, point)
                return editing.WHOLE_WORKBOOK  # the seller's point and the person
            return editing.person_path(person_id)
        item = dom.find_record(workbook["common_ground"], row_of(control))
        item["with"] = editing.shared_with(item, workbook, person_id, checked)
        return "common_ground"
