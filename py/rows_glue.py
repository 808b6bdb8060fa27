# Page glue: the free lists (needs, shared items): a row added at the end,
# a row removed with the status line's undo. What each changes is decided by
# editing.py; sheet_painter shows the rows; main.py saves and scores after it
# (the `saved` it passes in).
import dom
import editing


class RowsGlue(dom.SheetGlue):
    def actions(self):
        """What the free lists' buttons do, by their data-action."""
        return {
            "add-row": lambda control: self.add(control.closest("[data-list]")),
            "remove-row": self.remove,
        }

    def add(self, section):
        workbook = self.session.workbook
        list_path = section.getAttribute("data-list")
        records = editing.list_records(workbook, list_path)
        limit = int(section.getAttribute("data-limit"))
        if len(records) >= limit:
            dom.show_status(self.texts.ui_text("list_full", {"limit": limit}))
            return
        records.append(editing.new_row(list_path, records, self.model, workbook["people"]))
        self.changed(section, focus_id=records[-1]["id"])

    def remove(self, control):
        session = self.session
        section, row = control.closest("[data-list]"), control.closest("[data-row]")
        removed = editing.remove_record(session.workbook, section.getAttribute("data-list"),
                                        row.getAttribute("data-row"))
        if removed is None:
            return
        self.changed(section)
        section.querySelector("[data-action='add-row']").focus()
        session.offered["undo"] = lambda: editing.restore_record(session.workbook, removed) and self.changed(section)
        name = removed["record"].get("text") or str(row.querySelector("[data-row-title]").textContent)
        dom.show_status(self.texts.ui_text("row_removed_message", {"name": name}), undo=True)

    def changed(self, section, focus_id=None):
        workbook = self.session.workbook
        list_path = section.getAttribute("data-list")
        self.sheets.render_rows(section, editing.list_records(workbook, list_path), workbook, focus_id)
        self.saved(list_path)
