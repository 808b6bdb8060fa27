# Page glue: the worksheets. Writes a workbook into the sheets' controls,
# puts the sheets that wait in a <template> in place, fills the workbook
# switcher and takes a next move's link to its field. What a record holds
# is decided by the pure modules (scoring, editing); main.py decides when.
import gc

from pyscript import document, window
from pyscript.ffi import create_proxy, is_none

import dom
import editing
import jsontext
import scoring


class SheetPainter:
    """What the worksheets show now, kept so that a pristine sheet is not
    written again."""

    def __init__(self, model, texts):
        self.model = model
        self.texts = texts
        self.rendered = False     # whether any workbook has been written into the sheets yet
        self.blanks = {}          # list path -> id -> a new workbook's record

    def blank_records(self, list_path):
        """id -> the record of a new workbook: what the markup shows before
        anything has been written into it."""
        if not self.blanks:
            blank = scoring.blank_workbook(self.model)
            for side in ("seller", "client"):
                for name in blank[side]:
                    self.blanks[side + "." + name] = {record["id"]: record for record in blank[side][name]}
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

    def render_rows(self, section, records, focus_id=None):
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
            row.querySelector("[data-row-title]").textContent = row_label + " " + str(number)
            dom.fill_controls(row, record)
            rows.appendChild(fragment)
        if focus_id is not None:
            section.querySelector("[data-row='" + focus_id + "'] [data-field]").focus()

    def fill_settings(self, settings):
        for control in document.querySelectorAll("[data-setting]"):
            value = editing.setting_value(settings, control.getAttribute("data-setting"))
            control.value = value if isinstance(value, str) else jsontext.format_number(value, 6)

    def fill_sheet(self, section, workbook, pristine=False):
        if section.id == "settings":
            self.fill_settings(workbook["settings"])
        elif section.hasAttribute("data-row-label"):
            self.render_rows(section, editing.list_records(workbook, section.getAttribute("data-list")))
        else:
            self.fill_points(section, editing.list_records(workbook, section.getAttribute("data-list")), pristine)

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
        its <template>, scrolls into view with focus."""
        self.render_all_deferred(workbook)
        field = document.querySelector(link.getAttribute("data-target"))
        if field:  # None, or JsNull under Pyodide
            dom.bring_into_view(field)

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
            dom.set_user_text(control, "value", workbook.get(control.getAttribute("data-workbook-field")) or "")
        for section in document.querySelectorAll(".worksheet[data-list], .worksheet.settings"):
            if not section.querySelector(":scope > template[data-deferred]"):
                self.fill_sheet(section, workbook, pristine=not self.rendered)
        self.rendered = True
        self.fill_switcher(index)
