# Page glue: the worksheets. Writes a workbook into the sheets' controls,
# puts the sheets that wait in a <template> in place, fills the workbook
# switcher and takes a next move's link to its field. The account's people
# run through several sheets: their own rows, the personal sheet's picker
# (the sheet shows the picked person's points), a "told to" group on each
# of the seller's personal points, a "shared with" group on each shared
# item and a need's owner. What a record holds is decided by the pure
# modules (scoring, editing, people_view); main.py decides when.
import gc

from pyscript import document, window
from pyscript.ffi import create_proxy, is_none

import dom
import editing
import jsontext
import people_view
import scoring
import view

PERSON_SHEET = "[data-person-sheet]"


def clone(template_attribute):
    """The first element of a <template data-...> of the page, cloned."""
    return document.querySelector("template[" + template_attribute + "]").content.firstElementChild.cloneNode(True)


def close_overlaid_details(link):
    """A link followed from the score details where they hang over the
    form (a phone: app.css) closes them, so its field is not under them."""
    details = link.closest("[data-score-details]")
    if details and window.getComputedStyle(details.querySelector(".score-details-body")).position == "absolute":
        details.open = False


class SheetPainter:
    """What the worksheets show now, kept so that a pristine sheet is not
    written again, and whose personal points the personal sheet shows."""

    def __init__(self, model, texts):
        self.model = model
        self.texts = texts
        self.rendered = False     # whether any workbook has been written into the sheets yet
        self.blanks = {}          # list path -> id -> a new workbook's record
        self.picked = None        # the person whose points the personal sheet shows
        self.person_shown = None  # called with the workbook once the personal sheet shows the person picked

    def blank_records(self, list_path):
        """id -> the record of a new workbook: what the markup shows before
        anything has been written into it."""
        if not self.blanks:
            blank = scoring.blank_workbook(self.model)
            for side in ("seller", "client"):
                for name in blank[side]:
                    self.blanks[side + "." + name] = {record["id"]: record for record in blank[side][name]}
            self.blanks["person.personal"] = {record["id"]: record for record in blank["people"][0]["personal"]}
        if list_path.startswith(editing.PEOPLE + "."):
            list_path = "person.personal"
        return self.blanks.get(list_path, {})

    def fill_points(self, section, records, pristine):
        """Writes each fixed point into its controls; in a pristine sheet,
        which already shows a new workbook, only when a point differs."""
        if pristine:
            blanks = self.blank_records(section.getAttribute("data-list"))
            if all(record == blanks.get(record["id"]) for record in records):
                return
        for fieldset in section.querySelectorAll("[data-item]"):
            record = dom.find_record(records, fieldset.getAttribute("data-item"))
            if record is not None:
                dom.fill_controls(fieldset, record)

    def render_rows(self, section, records, workbook, focus_id=None):
        """Writes a free list's rows; the focus goes to the first field of
        row `focus_id`, or to the add button when it is None after a change."""
        rows = section.querySelector("[data-rows]")
        rows.replaceChildren()
        template = section.querySelector("[data-row-template]")
        row_label = section.getAttribute("data-row-label")
        for number, record in enumerate(records, 1):
            fragment = template.content.cloneNode(True)
            row = fragment.querySelector("li")
            row.setAttribute("data-row", record["id"])
            title = row_label.replace("{n}", str(number)) if "{n}" in row_label else row_label + " " + str(number)
            row.querySelector("[data-row-title]").textContent = title
            self.fill_people_controls(row, record, workbook)
            dom.fill_controls(row, record)
            rows.appendChild(fragment)
        if section.id == "people":
            self.mark_person_rows(section, len(records))
        if focus_id is not None:
            section.querySelector("[data-row=" + view.css_string(focus_id) + "] [data-field]").focus()

    # -------------------------------------------------------- the account's people

    def fill_people_controls(self, owner, record, workbook):
        """The controls of a row or point that name people: a select's
        choices (a need's owner, a person's manager) and a group of
        checkboxes (a shared item's "shared with")."""
        for select in owner.querySelectorAll("[data-person-options]"):
            if select.getAttribute("data-person-options") == "managers":
                choices = editing.managers_for(workbook, record["id"])
                manager = editing.find_person(workbook, record.get("reports_to"))
                if manager is not None and manager not in choices:
                    choices.append(manager)  # a circle from elsewhere is shown as it is
            else:
                choices = workbook[editing.PEOPLE]
            self.fill_options(select, choices, workbook)
        for group in owner.querySelectorAll("[data-person-checks='with']"):
            self.fill_checks(group, workbook, record.get("with") or [])

    def fill_options(self, select, choices, workbook):
        """A select's choice of nobody (its first option, in the markup)
        and of each person among `choices`, by name."""
        names = people_view.name_by_id(workbook, self.texts)
        while select.options.length > 1:
            select.lastElementChild.remove()
        for person in choices:
            option = clone("data-person-option-template")
            option.value = person["id"]
            option.setAttribute("data-person-name", person["id"])
            dom.set_user_text(option, "textContent", names[person["id"]])
            select.appendChild(option)

    def fill_checks(self, group, workbook, checked_ids):
        """One checkbox per person in a "told to" or "shared with" group,
        ticked for the ids in `checked_ids`."""
        for old in group.querySelectorAll("label"):
            old.remove()
        for person_id, name, _ in people_view.names(workbook, self.texts):
            label = clone("data-person-check-template")
            box = label.querySelector("input")
            box.setAttribute("data-person-check", group.getAttribute("data-person-checks"))
            box.setAttribute("data-person", person_id)
            box.checked = person_id in checked_ids
            text = label.querySelector("[data-person-name]")
            text.setAttribute("data-person-name", person_id)
            dom.set_user_text(text, "textContent", name)
            group.appendChild(label)

    def fill_told(self, section, workbook):
        """Each seller personal point's "told to" group."""
        told = {}
        for person in workbook[editing.PEOPLE]:
            for point_id in person["told"]:
                told.setdefault(point_id, []).append(person["id"])
        for group in section.querySelectorAll("[data-person-checks='told']"):
            point_id = group.closest("[data-item]").getAttribute("data-item")
            self.fill_checks(group, workbook, told.get(point_id, []))

    def mark_person_rows(self, section, count):
        """First and last rows move one way only; the only person stays."""
        rows = section.querySelectorAll("[data-row]")
        for position in range(rows.length):
            row = rows.item(position)
            row.querySelector("[data-action='move-person-up']").disabled = position == 0
            row.querySelector("[data-action='move-person-down']").disabled = position == count - 1
            row.querySelector("[data-action='remove-person']").disabled = count < 2

    def person_sheet_path(self, workbook):
        """The picked person's points, as the personal sheet's data-list
        names them; the first person when the one picked is gone."""
        if editing.find_person(workbook, self.picked) is None:
            self.picked = workbook[editing.PEOPLE][0]["id"]
        return editing.personal_path(self.picked)

    def render_picker(self, section, workbook):
        choices = section.querySelector("[data-picker-choices]")
        if is_none(choices):
            return  # the sheet still waits in its <template>
        choices.replaceChildren()
        for person_id, _, label in people_view.names(workbook, self.texts):
            choice = clone("data-picker-template")
            radio = choice.querySelector("input")
            radio.value = person_id
            radio.checked = person_id == self.picked
            text = choice.querySelector("[data-person-label]")
            text.setAttribute("data-person-label", person_id)
            dom.set_user_text(text, "textContent", label)
            choices.appendChild(choice)
        self.show_picked(section, workbook)

    def show_picked(self, section, workbook):
        """Says whose points the personal sheet shows (once it is in place)."""
        line = section.querySelector("[data-picked]")
        for person_id, name, label in people_view.names(workbook, self.texts):
            if person_id == self.picked and not is_none(line):
                dom.set_user_text(line, "textContent", self.texts.ui_text("people_picked", {"person": label}))

    def pick_person(self, workbook, person_id):
        """Shows `person_id`'s points on the personal sheet."""
        self.picked = person_id
        section = document.querySelector(PERSON_SHEET)
        section.setAttribute("data-list", self.person_sheet_path(workbook))
        if is_none(section.querySelector(":scope > template[data-deferred]")):
            for radio in section.querySelectorAll("[data-control='pick-person']"):
                radio.checked = radio.value == self.picked
            self.show_picked(section, workbook)
            self.fill_points(section, editing.list_records(workbook, section.getAttribute("data-list")), False)
            self.showing_person(workbook)

    def showing_person(self, workbook):
        """Tells whoever asked (the motives beside the points) that the
        personal sheet shows the person picked."""
        if self.person_shown is not None:
            self.person_shown(workbook)

    def rename_person(self, workbook, person_id):
        """A person's name and role, wherever a control names them."""
        for found_id, name, label in people_view.names(workbook, self.texts):
            if found_id == person_id:
                quoted = view.css_string(person_id)
                for element in document.querySelectorAll("[data-person-name=" + quoted + "]"):
                    dom.set_user_text(element, "textContent", name)
                for element in document.querySelectorAll("[data-person-label=" + quoted + "]"):
                    dom.set_user_text(element, "textContent", label)
        self.show_picked(document.querySelector(PERSON_SHEET), workbook)

    def fill_managers(self, workbook):
        """Every person's choice of manager, after one changed: nobody may
        report to someone below them."""
        for row in document.querySelectorAll("#people [data-row]"):
            person = editing.find_person(workbook, row.getAttribute("data-row"))
            if person is not None:
                self.fill_people_controls(row, person, workbook)
                dom.write_control(row.querySelector("[data-field='reports_to']"), person.get("reports_to"))

    def people_changed(self, workbook, focus_id=None):
        """After people were added, moved, copied or removed: every sheet
        that names them, as far as it is in place."""
        for section in document.querySelectorAll("#people, #client-needs, #common-ground, #seller-personal, "
                                                 + PERSON_SHEET):
            if is_none(section.querySelector(":scope > template[data-deferred]")):
                self.fill_sheet(section, workbook)
        if focus_id is not None:
            document.querySelector("#people [data-row=" + view.css_string(focus_id) + "] [data-field]").focus()

    # -------------------------------------------------------- sheets

    def fill_settings(self, settings):
        for control in document.querySelectorAll("[data-setting]"):
            value = editing.setting_value(settings, control.getAttribute("data-setting"))
            control.value = value if isinstance(value, str) else jsontext.format_number(value, 6)

    def fill_sheet(self, section, workbook, pristine=False):
        if section.id == "settings":
            self.fill_settings(workbook["settings"])
            return
        if section.hasAttribute("data-person-sheet"):
            section.setAttribute("data-list", self.person_sheet_path(workbook))
            self.render_picker(section, workbook)
            self.showing_person(workbook)
        records = editing.list_records(workbook, section.getAttribute("data-list"))
        if section.hasAttribute("data-row-label"):
            self.render_rows(section, records, workbook)
            return
        self.fill_points(section, records, pristine)
        if section.id == "seller-personal":
            self.fill_told(section, workbook)

    def render_next_deferred_sheet(self, workbook):
        """Puts the first sheet still waiting in its <template> in place and
        fills it; False once every sheet is in place."""
        template = document.querySelector("template[data-deferred]")
        if is_none(template):
            document.body.setAttribute("data-sheets", "all")
            gc.collect()  # start-up's garbage, once the page is complete
            return False
        section = template.parentElement
        template.replaceWith(template.content)
        self.fill_sheet(section, workbook, pristine=True)
        return True

    def render_deferred_in_turn(self, workbook_now):
        """Puts the deferred sheets in place one per task, so typing in the
        first sheet is never held up for long while the rest arrive;
        workbook_now() is the workbook open at the time."""
        def next_sheet(*_):
            if self.render_next_deferred_sheet(workbook_now()):
                window.setTimeout(later, 0)

        later = create_proxy(next_sheet)
        window.setTimeout(later, 0)

    def render_all_deferred(self, workbook):
        while self.render_next_deferred_sheet(workbook):
            pass

    def go_to_move(self, link, workbook):
        """A next move's link: its field, in a sheet that may still wait in
        its <template>, scrolls into view with focus; a move about a
        person's own point first picks that person."""
        close_overlaid_details(link)
        self.render_all_deferred(workbook)
        person_id = link.getAttribute("data-person")
        if person_id and editing.find_person(workbook, person_id) is not None:
            self.pick_person(workbook, person_id)
        field = document.querySelector(link.getAttribute("data-target"))
        if field:  # None, or JsNull under Pyodide
            dom.bring_into_view(field)

    def open_person(self, workbook, person_id, link=None):
        """The personal sheet of `person_id`, picked and in view with focus
        on its choice in the picker. `link`: what was clicked, if anything."""
        if link is not None:
            close_overlaid_details(link)
        self.render_all_deferred(workbook)
        if editing.find_person(workbook, person_id) is None:
            return
        self.pick_person(workbook, person_id)
        for radio in document.querySelectorAll("[data-control='pick-person']"):
            if radio.value == person_id:
                dom.bring_into_view(radio)

    def fill_switcher(self, index):
        switcher = document.querySelector("[data-control='workbook-switch']")
        switcher.replaceChildren()
        for entry in index["workbooks"]:
            option = document.createElement("option")
            option.value = entry["id"]
            dom.set_user_text(option, "textContent", entry["name"] or self.texts.ui_text("untitled"))
            option.selected = entry["id"] == index["current"]
            switcher.appendChild(option)

    def render_workbook(self, workbook, index):
        for control in document.querySelectorAll("[data-workbook-field]"):
            value = workbook.get(control.getAttribute("data-workbook-field"))
            dom.set_user_text(control, "value", "" if value is None else str(value))
        document.querySelector(PERSON_SHEET).setAttribute("data-list", self.person_sheet_path(workbook))
        for section in document.querySelectorAll(".worksheet[data-list], .worksheet.settings"):
            if not section.querySelector(":scope > template[data-deferred]"):
                self.fill_sheet(section, workbook, pristine=not self.rendered)
        self.rendered = True
        self.fill_switcher(index)
