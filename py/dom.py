# Page glue, second half: the page's DOM. Writes a workbook into the
# worksheets' controls and its score into the score panel, shows the status
# line, reads an edited control back, fetches the results module. What is
# shown is decided by the pure modules (scoring, view, panel, editing);
# main.py decides when.
import gc
import json

from pyscript import document, window
from pyscript.ffi import create_proxy, is_none, to_js

import editing
import jsontext
import panel
import scoring
import store
import view

# Garbage is collected in pauses of typing (Debounced) or on a full heap,
# not after every 16 KB: that cost ~3 ms per keystroke (docs/PERFORMANCE.md).
if hasattr(gc, "threshold"):
    gc.threshold(-1)

NUMBER_FIELDS = ("stage", "severity", "narrowness")
# Notes grow with their text through CSS (field-sizing) where the engine has
# it; elsewhere each note box is fitted to its text here.
NOTES_SIZE_THEMSELVES = bool(window.CSS.supports("field-sizing", "content"))
SCROLL_TO_MIDDLE = to_js({"block": "center"})
KEEP_IN_VIEW_FRAMES = 30


def now_ms():
    return int(window.Date.now())


def now_iso():
    return str(window.Date.new().toISOString())


def set_user_text(element, name, text):
    """element.name = text, for text someone typed or imported. A string
    crossing into JavaScript ends at its first NUL, so text holding one
    crosses in pieces that page.js joins (trustWorkbookText)."""
    if "\x00" in text:
        window.trustWorkbookText.put(element, name, to_js(text.split("\x00")))
    else:
        setattr(element, name, text)


def typed_text(control):
    """A control's value; a lone surrogate in it (which would cost the
    characters after it on the way into Python) arrives as U+FFFD."""
    return window.trustWorkbookText.value(control)


def held_at_text_limit(control, value, before, limit, texts):
    """value, cut to the limit of a field when it grew past it (a field's
    maxlength stops typing there, not a script; a text already longer,
    kept from before the limit, is never cut); at the limit the participant
    is told, or a paste cut short would pass unnoticed."""
    if not isinstance(value, str) or len(value) < limit:
        return value
    kept_from_before = isinstance(before, str) and len(before) > limit
    if len(value) > limit and not kept_from_before:
        value = value[:limit]
        set_user_text(control, "value", value)
    show_status(texts.ui_text("text_limit_reached", {"limit": limit}))
    return value


def read_control(control, field):
    if field == "known":  # the one checkbox field
        return bool(control.checked)
    if field in NUMBER_FIELDS:
        value = control.value
        return int(value) if value else None
    return typed_text(control)


def write_control(control, value):
    if control.type == "checkbox":
        control.checked = value is True
    else:
        set_user_text(control, "value", "" if value is None else str(value))
        fit_to_text(control)


def fit_to_text(control):
    if not NOTES_SIZE_THEMSELVES and control.tagName == "TEXTAREA":
        control.style.height = "auto"
        if control.scrollHeight > 0:  # 0 while its sheet is not laid out: the rows attribute holds
            control.style.height = str(control.scrollHeight + 2) + "px"


def edit_of(control):
    """What an input event's control edits, as (the part of the workbook
    changed, record id or None, field, value): a record's field
    ("client.needs", "need-1", "text", "…"), a workbook field ("name",
    None, "name", "…") or a setting ("settings", None, "weights.needs",
    "0.5"); None for anything else."""
    field = control.getAttribute("data-field")
    if field:
        owner = control.closest("[data-item], [data-row]")
        container = owner.closest("[data-list]") if owner is not None else None
        if container is None:
            return None
        record_id = owner.getAttribute("data-item") or owner.getAttribute("data-row")
        return container.getAttribute("data-list"), record_id, field, read_control(control, field)
    field = control.getAttribute("data-workbook-field")
    if field:
        return field, None, field, typed_text(control)
    path = control.getAttribute("data-setting")
    if path:
        return "settings", None, path, str(control.value)
    return None


def show_status(message, undo=False, details=(), import_choice=False):
    """The status line; `undo` shows its undo button, `import_choice` the
    buttons that answer whether an import replaces workbooks or keeps both."""
    status = document.querySelector("[data-status]")
    set_user_text(status.querySelector("[data-status-text]"), "textContent", message)
    status.querySelector("[data-action='undo-delete']").hidden = not undo
    for action in ("import-replace", "import-keep-both"):
        status.querySelector("[data-action='" + action + "']").hidden = not import_choice
    listed = status.querySelector("[data-status-details]")
    listed.replaceChildren()
    for detail in details:
        item = document.createElement("li")
        set_user_text(item, "textContent", detail)
        listed.appendChild(item)
    status.hidden = False


# How the status line words what the store reports.
STORE_EVENT_MESSAGES = {store.SET_ASIDE: "stored_unreadable", store.NOT_SET_ASIDE: "stored_unreadable_read_only",
                        store.INDEX_NOT_SET_ASIDE: "stored_index_unreadable", store.FAILED: "save_failed"}


def tell(events, texts):
    """Shows what happened in the store (store.SET_ASIDE, ...), if anything."""
    if events:
        show_status(" ".join(texts.ui_text(STORE_EVENT_MESSAGES[event]) for event in events))


def hide_status():
    document.querySelector("[data-status]").hidden = True


SAVE_STATE = [None]  # what the workbook bar says now: no DOM read on every keystroke


def show_save_state(state):
    """pending, saved or failed: the workbook bar shows it, and tests wait
    on it instead of on the clock."""
    if SAVE_STATE[0] != state:
        SAVE_STATE[0] = state
        document.body.setAttribute("data-save-state", state)


class Debounced:
    """Runs `work` once calls to soon() pause for `delay_ms`, then collects
    the garbage while nobody types."""

    def __init__(self, work, delay_ms):
        self.work = work
        self.delay_ms = delay_ms
        self.timer = None
        self.proxy = create_proxy(self.after_pause)

    def soon(self):
        self.cancel()
        self.timer = window.setTimeout(self.proxy, self.delay_ms)

    def cancel(self):
        if self.timer is not None:
            window.clearTimeout(self.timer)
            self.timer = None

    def waiting(self):
        return self.timer is not None

    def after_pause(self, *_):
        self.timer = None
        self.work()
        gc.collect()


LOADED = {}  # the results module, once fetched


def with_results(action, texts):
    """Runs action(results module). results.py is needed only to download or
    import, so it is fetched on first use instead of on every page load."""
    if "results" in LOADED:
        action(LOADED["results"])
        return
    # The release named, so the service worker serves this page's own
    # release of it even once a newer release has taken over.
    root = document.documentElement
    url = str(root.getAttribute("data-results-module")) + "?release=" + str(root.dataset.build)

    def loaded(buffer):
        # Saved under the served name: results.mpy (bytecode) or results.py.
        with open(url.rpartition("/")[2].partition("?")[0], "wb") as module_file:
            module_file.write(bytes(window.Uint8Array.new(buffer)))
        import results

        LOADED["results"] = results
        action(results)

    def fetched(response):
        if response.ok:
            response.arrayBuffer().then(create_proxy(loaded))
        else:  # the service worker no longer has this page's release of it
            show_status(texts.ui_text("release_gone"))

    window.fetch(url).then(create_proxy(fetched))


class LocalStorage:
    """The store's port onto localStorage. Writes go through page.js, which
    reports a refusal instead of throwing: a JS exception raised inside a
    call from MicroPython cannot be caught here."""

    def get(self, key):
        text = window.localStorage.getItem(key)
        return text if isinstance(text, str) else None

    def set(self, key, text):
        refused = window.trustWorkbookStorage.write(key, text)
        if refused:
            raise store.StorageRefused(str(refused))

    def remove(self, key):
        window.localStorage.removeItem(key)

    def keys(self):
        return [str(window.localStorage.key(n)) for n in range(window.localStorage.length)]


def show_participant(name):
    """The participant's name in its field; asked for while there is none."""
    document.querySelector("[data-control='participant']").value = name
    document.querySelector("[data-participant-ask]").hidden = name.strip() != ""


def download(results, workbooks, method, language, texts, participant=""):
    """Hands the workbooks to the browser as a results file, named after
    the participant who downloads it."""
    now = now_iso()
    exported = results.export_document(workbooks, method, now, str(document.documentElement.dataset.build),
                                       participant)
    name = results.file_name(workbooks, now[:10], language, method, participant)
    window.trustWorkbookStorage.download(name, results.document_text(exported))
    show_status(texts.ui_text("downloaded_message", {"file": name}))


def import_chosen_file(control, method, language, texts, imported):
    """Reads the file chosen in a file control (fetching the results module
    first) and passes (file name, workbooks) to imported(); the control is
    emptied so that choosing the same file again fires again."""
    chosen = control.files.item(0)
    control.value = ""
    if chosen is not None:
        with_results(lambda results: read_import(chosen, results, method, language, texts, imported), texts)


def read_import(chosen, results, method, language, texts, imported):
    """Reads a chosen results file and passes (file name, workbooks) to
    imported(), or shows why it cannot be imported."""
    name = str(chosen.name)

    def refuse(errors):
        details = [(error["path"] + ": " if error["path"] else "") + error["message"] for error in errors]
        show_status(texts.ui_text("import_failed", {"file": name}), details=details)

    def read(text):
        if text is None:  # neither UTF-8 nor UTF-16 (page.js)
            refuse(results.encoding_errors(method, language))
            return
        workbooks, errors = results.read_document(str(text), method, language)
        if errors:
            refuse(errors)
        else:
            imported(name, workbooks)

    too_large = results.size_errors(int(chosen.size), method, language)
    if too_large:
        refuse(too_large)
    else:
        window.trustWorkbookText.read(chosen).then(create_proxy(read))


def mark_filled(owner, record):
    owner.setAttribute("data-filled", "1" if view.is_filled(record) else "0")


def show_edited(control, record, status_changed):
    """After typing into `control`: its note box fits the text, a status
    the note changed shows, and its point or row is marked filled or not."""
    fit_to_text(control)
    owner = control.closest("[data-item], [data-row]")
    if status_changed:
        write_control(owner.querySelector("[data-field='status']"), record["status"])
    mark_filled(owner, record)


def fill_controls(owner, record):
    for control in owner.querySelectorAll("[data-field]"):
        write_control(control, record.get(control.getAttribute("data-field")))
    mark_filled(owner, record)


def find_record(records, record_id):
    for record in records:
        if record["id"] == record_id:
            return record
    return None


def fill_list(element, texts):
    element.replaceChildren()
    for text in texts:
        item = document.createElement("li")
        set_user_text(item, "textContent", text)
        element.appendChild(item)


def keep_in_view(field, frames):
    """Sheets coming into view are laid out a frame or more later
    (content-visibility) and can push the field away: for a few frames, a
    field pushed out of the window is scrolled back to its middle."""
    box = field.getBoundingClientRect()
    if box.bottom < 0 or box.top > window.innerHeight:
        field.scrollIntoView(SCROLL_TO_MIDDLE)
    if frames > 0:
        window.requestAnimationFrame(create_proxy(lambda *_: keep_in_view(field, frames - 1)))


class Painter:
    """What the page shows now, kept so that only what changed is written."""

    def __init__(self, model, texts):
        self.model = model
        self.texts = texts
        self.rendered = False     # whether any workbook has been written into the sheets yet
        self.blanks = {}          # list path -> id -> a new workbook's record
        self.scorer = None        # the workbook as the core last read it, kept between edits
        self.elements = {}        # score elements, found once
        self.shown = {}           # text last written into each score element
        self.slots = []           # what show_score() writes where, found on the first score
        self.curve_keys = panel.curve_keys(len(model.stages))

    # -------------------------------------------------------- worksheets

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
            record = find_record(records, fieldset.getAttribute("data-item"))
            if record is not None:
                fill_controls(fieldset, record)

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
            fill_controls(row, record)
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

    def prepare_for_print(self, workbook, participant):
        self.render_all_deferred(workbook)
        self.fill_handout(workbook, participant)
        document.querySelector("[data-score-details]").open = True

    def fill_handout(self, workbook, participant):
        """The printout's cover, stage plan and tables, from the workbook now."""
        facts = {"participant": participant,
                 "client": workbook.get("account") or workbook.get("name") or self.texts.ui_text("untitled"),
                 "date": now_iso()[:10]}
        for name in facts:
            set_user_text(document.querySelector("[data-handout-field='" + name + "']"), "textContent", facts[name])
            document.querySelector("[data-handout-fact='" + name + "']").hidden = not facts[name]
        handout = view.handout_view(workbook, self.texts, self.model)
        for element in document.querySelectorAll("[data-plan]"):
            stage, _, kind = element.getAttribute("data-plan").partition(".")
            fill_list(element, handout["plan"][int(stage)][kind])
        for section in document.querySelectorAll("[data-handout-list]"):
            rows = handout["tables"][section.getAttribute("data-handout-list")]
            body = section.querySelector("[data-handout-rows]")
            body.replaceChildren()
            for cells in rows:
                row = document.createElement("tr")
                for text in cells:
                    cell = document.createElement("td")
                    set_user_text(cell, "textContent", text)
                    row.appendChild(cell)
                body.appendChild(row)
            section.hidden = len(rows) == 0

    def go_to_move(self, link, workbook):
        """A next move's link: its field, in a sheet that may still wait in
        its <template>, scrolls into view with focus."""
        self.render_all_deferred(workbook)
        field = document.querySelector(link.getAttribute("data-target"))
        if field:  # None, or JsNull under Pyodide
            field.focus()
            field.scrollIntoView(SCROLL_TO_MIDDLE)
            keep_in_view(field, KEEP_IN_VIEW_FRAMES)

    def fill_switcher(self, index):
        switcher = document.querySelector("[data-control='workbook-switch']")
        switcher.replaceChildren()
        for entry in index["workbooks"]:
            option = document.createElement("option")
            option.value = entry["id"]
            set_user_text(option, "textContent", entry["name"] or self.texts.ui_text("untitled"))
            option.selected = entry["id"] == index["current"]
            switcher.appendChild(option)

    def render_workbook(self, workbook, index):
        for control in document.querySelectorAll("[data-workbook-field]"):
            set_user_text(control, "value", workbook.get(control.getAttribute("data-workbook-field")) or "")
        for section in document.querySelectorAll(".worksheet[data-list], .worksheet.settings"):
            if not section.querySelector(":scope > template[data-deferred]"):
                self.fill_sheet(section, workbook, pristine=not self.rendered)
        self.rendered = True
        self.fill_switcher(index)
        self.show_score(workbook)

    # -------------------------------------------------------- score panel

    def find_score_elements(self):
        found = {}
        for attribute in ("data-score", "data-indicator", "data-part", "data-bar", "data-bar-value",
                          "data-curve-dot", "data-curve-value", "data-curve-stage"):
            for element in document.querySelectorAll("[" + attribute + "]"):
                found[attribute + ":" + element.getAttribute(attribute)] = element
        for name in ("data-moves", "data-no-moves", "data-move-template", "data-weakest", "data-plan-reading",
                     "data-curve-line", "data-curve-now", "data-curve-now-label", "data-curve-summary"):
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
        key = json.dumps(moves)
        if self.shown.get("moves") == key:
            return
        self.shown["moves"] = key
        elements = self.elements
        elements["data-moves"].replaceChildren()
        for move in moves:
            fragment = elements["data-move-template"].content.cloneNode(True)
            link = fragment.querySelector("[data-move-text]")
            set_user_text(link, "textContent", move["text"])
            link.setAttribute("href", "#" + move["section"])
            link.setAttribute("data-target", move["target"])
            fragment.querySelector("[data-move-gain]").textContent = move["gain"]
            elements["data-moves"].appendChild(fragment)
        elements["data-no-moves"].hidden = len(moves) > 0

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
        shown = view.score_view(self.scorer.score(), self.texts, need_texts, workbook)
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
        self.show_moves(shown["moves"])
        self.show_curve(shown["curve"])
