# Page glue: DOM events in, localStorage out. Every decision that can be made
# without the DOM lives in the pure modules (scoring, library, view), where it
# is tested under CPython and MicroPython alike.
import gc
import json

from pyscript import document, window
from pyscript.ffi import create_proxy, to_js

import edits
import library
import migrations
import scoring
import view

# One read and json.loads: json.load on the file object is several times
# slower under MicroPython.
with open("method.json") as content_file:
    METHOD = json.loads(content_file.read())

# MicroPython in the page collects garbage only when control returns to
# JavaScript, and by default once every 16 KB allocated: a recompute of a
# large workbook allocates about 36 KB, so every keystroke ended with a full
# collection (about 3 ms of its 5). Collections now wait for a pause in
# typing (collect_after_pause) or a full heap. CPython (the Pyodide build)
# has its own collector and no gc.threshold.
if hasattr(gc, "threshold"):
    gc.threshold(-1)

# The core digests the content once; every call below reuses the digest.
MODEL = scoring.prepare(METHOD)
LANGUAGE = "zh" if str(document.documentElement.lang).startswith("zh") else "en"
TEXTS = view.Texts(MODEL, LANGUAGE)
STORAGE = window.localStorage
NUMBER_FIELDS = ("stage", "severity", "narrowness")
# Notes grow with their text through CSS (field-sizing) where the engine has
# it; elsewhere the glue fits each note box to its text.
NOTES_SIZE_THEMSELVES = bool(window.CSS.supports("field-sizing", "content"))
EDITS_BEFORE_BACKUP_REMINDER = 150
SAVE_DELAY_MS = 300
SCROLL_TO_MIDDLE = to_js({"block": "center"})
KEEP_IN_VIEW_FRAMES = 30
TEXT_LIMIT = MODEL.max_text   # characters in one field (the controls' maxlength)


class Session:
    index = library.empty_index()
    workbook = None
    undo = None             # what the status line's undo does: the last removal undone
    pending_import = None   # (workbooks already here, untouched blanks) while the user chooses
    revision = 0            # the workbook's save counter as this tab last saw it
    edits_since_backup = 0
    results = None          # the results module, once loaded
    save_timer = None       # a save waiting for typing to pause
    save_state = None       # what the workbook bar says about saving
    shown = {}              # text last written into each score element
    elements = {}           # score elements, found once
    slots = []              # what show_score() writes where, found on the first score
    rendered = False        # whether any workbook has been written into the sheets yet
    scorer = None           # the workbook as the core last read it, kept between edits
    blank_records = {}      # list path -> id -> a new workbook's record


# ---------------------------------------------------------------- storage

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


def show_status(message, undo=False, details=(), import_choice=False):
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


def read_stored(key):
    """The stored JSON under key, or None; unreadable data is set aside."""
    raw = STORAGE.getItem(key)
    if not isinstance(raw, str):  # None, or JsNull under Pyodide
        return None
    try:
        return json.loads(raw)
    except ValueError:
        if write_text(key + ":unreadable:" + str(now_ms()), raw):
            STORAGE.removeItem(key)
        show_status(TEXTS.ui_text("stored_unreadable"))
        return None


def read_migrated(key, migrate, version_of):
    """read_stored(key) at the current version: migrated data is saved back
    once, after the text as it was is kept under key:before-migration:N."""
    data = read_stored(key)
    migrated = migrate(data)
    if migrated is not data and write_text(key + ":before-migration:" + str(version_of(data)), STORAGE.getItem(key)):
        write_stored(key, migrated)
    return migrated


def read_workbook(workbook_id):
    return read_migrated(library.workbook_key(workbook_id),
                         lambda data: migrations.migrate_stored_workbook(data, METHOD), migrations.workbook_version)


def write_text(key, text):
    """Saves text under key; on failure (storage full or disabled) the last
    good copy stays as it was and the user is told at once."""
    if window.trustWorkbookStorage.write(key, text):
        show_status(TEXTS.ui_text("save_failed"))
        return False
    return True


def write_stored(key, data):
    return write_text(key, json.dumps(data))


def save_index():
    return write_stored(library.INDEX_KEY, Session.index)


def stored_revision(workbook_id):
    raw = STORAGE.getItem(library.revision_key(workbook_id))
    try:
        return int(raw) if isinstance(raw, str) else 0
    except ValueError:
        return 0


def save_soon():
    """Typing saves once it pauses: a save costs more than a recompute, and
    nothing waits on it. flush_save() runs it at once where it matters."""
    cancel_pending_save()
    Session.save_timer = window.setTimeout(SAVE_PENDING_WORK, SAVE_DELAY_MS)
    show_save_state("pending")


def show_save_state(state):
    """pending, saved or failed: the workbook bar shows it, and tests wait
    on it instead of on the clock."""
    if Session.save_state != state:
        Session.save_state = state
        document.body.setAttribute("data-save-state", state)


def cancel_pending_save():
    if Session.save_timer is not None:
        window.clearTimeout(Session.save_timer)
        Session.save_timer = None


def flush_save(event=None):
    if Session.save_timer is not None:
        save_workbook()


def save_workbook():
    cancel_pending_save()
    workbook = Session.workbook
    if stored_revision(workbook["id"]) != Session.revision:
        keep_conflicting_copy()
        return
    if not write_stored(library.workbook_key(workbook["id"]), workbook):
        show_save_state("failed")
    else:
        show_save_state("saved")
        Session.revision += 1
        write_stored(library.revision_key(workbook["id"]), Session.revision)
        Session.index = library.touch(Session.index, workbook["id"], now_iso())
        save_index()


def save_after_pause(*_):
    save_workbook()
    gc.collect()  # runs as this callback returns to JavaScript, while nobody types


SAVE_PENDING_WORK = create_proxy(save_after_pause)


def remind_to_back_up():
    Session.edits_since_backup += 1
    if Session.edits_since_backup == EDITS_BEFORE_BACKUP_REMINDER:
        show_status(TEXTS.ui_text("backup_reminder"))


def keep_conflicting_copy():
    """Another tab saved this workbook since this tab read it: neither
    version may overwrite the other, so this tab's becomes a copy."""
    name = Session.workbook["name"] or TEXTS.ui_text("untitled")
    copy = json.loads(json.dumps(Session.workbook))
    copy["name"] = name + TEXTS.ui_text("conflict_copy_suffix")
    add_workbook(copy)
    show_status(TEXTS.ui_text("conflict_message", {"name": name, "copy": Session.workbook["name"]}))


# ---------------------------------------------------------------- workbook <-> form

def list_records(list_path):
    side, _, name = list_path.partition(".")
    return Session.workbook[side][name] if name else Session.workbook[side]


def find_record(records, record_id):
    for record in records:
        if record["id"] == record_id:
            return record
    return None


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


def fill_controls(owner, record):
    for control in owner.querySelectorAll("[data-field]"):
        write_control(control, record.get(control.getAttribute("data-field")))
    mark_filled(owner, record)


def mark_filled(owner, record):
    owner.setAttribute("data-filled", "1" if view.is_filled(record) else "0")


def blank_records(list_path):
    """id -> the record of a new workbook: what the markup shows before the
    glue has written anything into it."""
    if not Session.blank_records:
        blank = scoring.blank_workbook(MODEL)
        for side in ("seller", "client"):
            for name in blank[side]:
                Session.blank_records[side + "." + name] = {record["id"]: record for record in blank[side][name]}
    return Session.blank_records.get(list_path, {})


def fill_points(section, pristine):
    """Writes each fixed point into its controls. Controls the glue has not
    touched yet already show a new workbook's values, so in a pristine
    sheet only points that differ from those are written."""
    list_path = section.getAttribute("data-list")
    records = list_records(list_path)
    if pristine:
        blanks = blank_records(list_path)
        if all(record == blanks.get(record["id"]) for record in records):
            return
    for fieldset in section.querySelectorAll("[data-item]"):
        record = find_record(records, fieldset.getAttribute("data-item"))
        if record is not None:
            fill_controls(fieldset, record)


def render_rows(section):
    rows = section.querySelector("[data-rows]")
    rows.replaceChildren()
    template = section.querySelector("[data-row-template]")
    row_label = section.getAttribute("data-row-label")
    records = list_records(section.getAttribute("data-list"))
    for number, record in enumerate(records, 1):
        fragment = template.content.cloneNode(True)
        row = fragment.querySelector("li")
        row.setAttribute("data-row", record["id"])
        row.querySelector("[data-row-title]").textContent = row_label + " " + str(number)
        fill_controls(row, record)
        rows.appendChild(fragment)


def setting_value(settings, path):
    head, _, tail = path.partition(".")
    value = settings.get(head)
    return value.get(tail) if tail else value


def fill_settings():
    settings = scoring.settings_for(Session.workbook, MODEL)
    Session.workbook["settings"] = settings
    for control in document.querySelectorAll("[data-setting]"):
        value = setting_value(settings, control.getAttribute("data-setting"))
        control.value = value if isinstance(value, str) else scoring.format_number(value, 6)


def fill_sheet(section, pristine=False):
    if section.id == "settings":
        fill_settings()
    elif section.hasAttribute("data-row-label"):
        render_rows(section)
    else:
        fill_points(section, pristine)


def render_sheets(pristine):
    for section in document.querySelectorAll(".worksheet[data-list], .worksheet.settings"):
        if not section.querySelector(":scope > template[data-deferred]"):
            fill_sheet(section, pristine)


def render_next_deferred_sheet():
    """Puts the first sheet still waiting in its <template> in place and
    fills it; False once every sheet is in place."""
    template = document.querySelector("template[data-deferred]")
    if not template:  # None, or JsNull under Pyodide
        document.body.setAttribute("data-sheets", "all")
        gc.collect()  # start-up's garbage, once the page is complete
        return False
    section = template.parentElement
    template.replaceWith(template.content)
    fill_sheet(section, pristine=True)
    return True


def render_deferred_sheets_in_turn(*_):
    """One sheet per task, so typing in the first sheet is never held up for
    long while the rest arrive."""
    if render_next_deferred_sheet():
        window.setTimeout(RENDER_DEFERRED_LATER, 0)


RENDER_DEFERRED_LATER = create_proxy(render_deferred_sheets_in_turn)


def render_all_deferred_sheets():
    while render_next_deferred_sheet():
        pass


def fill_workbook_fields():
    for control in document.querySelectorAll("[data-workbook-field]"):
        set_user_text(control, "value", Session.workbook.get(control.getAttribute("data-workbook-field")) or "")


def fill_switcher():
    switcher = document.querySelector("[data-control='workbook-switch']")
    switcher.replaceChildren()
    for entry in Session.index["workbooks"]:
        option = document.createElement("option")
        option.value = entry["id"]
        set_user_text(option, "textContent", entry["name"] or TEXTS.ui_text("untitled"))
        option.selected = entry["id"] == Session.index["current"]
        switcher.appendChild(option)


def render_workbook():
    fill_workbook_fields()
    render_sheets(pristine=not Session.rendered)
    Session.rendered = True
    fill_switcher()
    show_score()


# ---------------------------------------------------------------- score panel

def find_score_elements():
    found = {}
    for attribute in ("data-score", "data-indicator", "data-part", "data-bar", "data-bar-value"):
        for element in document.querySelectorAll("[" + attribute + "]"):
            found[attribute + ":" + element.getAttribute(attribute)] = element
    for name in ("data-moves", "data-no-moves", "data-move-template", "data-weakest", "data-plan-reading",
                 "data-curve-line", "data-curve-now", "data-curve-now-label", "data-curve-summary"):
        found[name] = document.querySelector("[" + name + "]")
    for attribute in ("data-curve-dot", "data-curve-value", "data-curve-stage"):
        for element in document.querySelectorAll("[" + attribute + "]"):
            found[attribute + ":" + element.getAttribute(attribute)] = element
    Session.elements = found


def put_text(key, text):
    if Session.shown.get(key) != text:
        Session.shown[key] = text
        Session.elements[key].textContent = text


def put_attribute(key, name, value):
    """Sets an attribute of a score element when its value changed; `key`
    names the element and the attribute ("data-curve-dot:0@cx")."""
    value = str(value)
    if Session.shown.get(key) != value:
        Session.shown[key] = value
        Session.elements[key.partition("@")[0]].setAttribute(name, value)


def need_texts():
    texts = {}
    for need in Session.workbook["client"]["needs"]:
        texts[need["id"]] = need["text"]
    return texts


def show_moves(moves):
    key = json.dumps(moves)
    if Session.shown.get("moves") == key:
        return
    Session.shown["moves"] = key
    elements = Session.elements
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


# The keys of the curve's elements and attributes at each stage, made once:
# show_curve() runs on every keystroke.
CURVE_KEY_PATTERNS = ("data-curve-dot:{0}@cx", "data-curve-dot:{0}@cy", "data-curve-value:{0}@x",
                      "data-curve-value:{0}@y", "data-curve-value:{0}", "data-curve-stage:{0}@x")
CURVE_KEYS = [tuple(pattern.format(position) for pattern in CURVE_KEY_PATTERNS)
              for position in range(len(METHOD["stages"]))]


def show_curve(curve):
    put_attribute("data-curve-line@points", "points", curve["points"])
    for position, dot in enumerate(curve["dots"]):
        dot_x, dot_y, value_x, value_y, value, stage_x = CURVE_KEYS[position]
        put_attribute(dot_x, "cx", dot["x"])
        put_attribute(dot_y, "cy", dot["y"])
        put_attribute(value_x, "x", dot["x"])
        put_attribute(value_y, "y", dot["y"] - 8)
        put_text(value, dot["text"])
        put_attribute(stage_x, "x", dot["x"])
    put_attribute("data-curve-now@y1", "y1", curve["now_y"])
    put_attribute("data-curve-now@y2", "y2", curve["now_y"])
    put_attribute("data-curve-now-label@y", "y", curve["now_y"] - 4)
    put_text("data-curve-now-label", TEXTS.ui_text("curve_now") + " " + curve["now_text"])
    put_text("data-curve-summary", " · ".join(dot["text"] for dot in curve["dots"]))


def score_slots(shown):
    """(group, name, text's key, bar width's key or None) of every text the
    score panel shows, made on the first score: show_score() runs on every
    keystroke."""
    slots = []
    for group, prefix in (("figures", "data-score:"), ("indicators", "data-indicator:"), ("parts", "data-part:")):
        for name in shown[group]:
            if prefix + name in Session.elements:
                slots.append((group, name, prefix + name, None))
    for name in shown["bars"]:
        slots.append(("bars", name, "data-bar-value:" + name, "data-bar:" + name + "@width"))
    return slots


def show_score(changed=None):
    """Scores the workbook and shows it. `changed` names the one part of the
    workbook an edit changed ("seller.product", "settings", ...): the core
    reads only that part again. None reads it all."""
    if Session.scorer is None:
        Session.scorer = scoring.Scorer(Session.workbook, MODEL)
    else:
        Session.scorer.reread(Session.workbook, changed)
    result = Session.scorer.score()
    shown = view.score_view(result, TEXTS, need_texts(), Session.workbook)
    if not Session.slots:
        Session.slots = score_slots(shown)
    for group, name, text_key, width_key in Session.slots:
        value = shown[group][name]
        if width_key is not None:
            put_attribute(width_key, "width", value["width"])
            value = value["text"]
        put_text(text_key, value)
    put_text("data-weakest", shown["weakest"])
    put_text("data-plan-reading", shown["plan_reading"])
    show_moves(shown["moves"])
    show_curve(shown["curve"])


# ---------------------------------------------------------------- workbooks

def open_workbook(workbook_id):
    flush_save()
    stored = read_workbook(workbook_id)
    if stored is None:
        name = Session.index["workbooks"][library.find(Session.index, workbook_id)]["name"]
        stored = scoring.blank_workbook(MODEL, workbook_id, name)
    workbook = scoring.normalise(stored, MODEL)
    workbook["id"] = workbook_id
    Session.workbook = workbook
    Session.revision = stored_revision(workbook_id)
    if migrations.is_newer_workbook(stored):
        # From a newer release: never overwritten, edits go into a copy.
        Session.revision = -1
    Session.index = library.open_workbook(Session.index, workbook_id)
    save_index()
    render_workbook()


def add_workbook(workbook):
    flush_save()
    workbook_id = library.new_id(Session.index, now_ms())
    workbook["id"] = workbook_id
    Session.index = library.add(Session.index, workbook_id, workbook["name"], now_iso(),
                                after_id=Session.index["current"])
    workbook["name"] = Session.index["workbooks"][library.find(Session.index, workbook_id)]["name"]
    Session.workbook = workbook
    Session.revision = stored_revision(workbook_id)
    save_workbook()
    render_workbook()


def new_workbook():
    add_workbook(scoring.blank_workbook(MODEL, "", TEXTS.ui_text("untitled")))


def duplicate_workbook():
    copy = json.loads(json.dumps(Session.workbook))
    copy["name"] = (copy["name"] or TEXTS.ui_text("untitled")) + TEXTS.ui_text("copy_suffix")
    add_workbook(copy)


def delete_workbook():
    cancel_pending_save()  # the edits go with it, and come back with undo
    workbook = Session.workbook
    Session.index, removed = library.remove(Session.index, workbook["id"])
    Session.undo = lambda: undo_delete(removed, workbook)
    STORAGE.removeItem(library.workbook_key(workbook["id"]))
    STORAGE.removeItem(library.revision_key(workbook["id"]))
    if Session.index["current"] is None:
        new_workbook()
    else:
        open_workbook(Session.index["current"])
    name = workbook["name"] or TEXTS.ui_text("untitled")
    show_status(TEXTS.ui_text("deleted_message", {"name": name}), undo=True)


def undo_last_removal():
    undo = Session.undo
    Session.undo = None
    if undo is not None:
        undo()
    document.querySelector("[data-status]").hidden = True


def undo_delete(removed, workbook):
    Session.index = library.restore(Session.index, removed)
    Session.workbook = workbook
    Session.revision = stored_revision(workbook["id"])
    save_workbook()
    render_workbook()


# ---------------------------------------------------------------- results files

def with_results(action):
    """Runs action(results module). results.py is needed only to download or
    import, so it is fetched on first use instead of on every page load."""
    if Session.results is not None:
        action(Session.results)
        return

    url = str(document.documentElement.getAttribute("data-results-module"))

    def loaded(buffer):
        # Saved under the served name: results.mpy (bytecode) or results.py.
        with open(url.rpartition("/")[2], "wb") as module_file:
            module_file.write(bytes(window.Uint8Array.new(buffer)))
        import results

        Session.results = results
        action(results)

    window.fetch(url).then(create_proxy(lambda response: response.arrayBuffer())).then(create_proxy(loaded))


def download(workbooks):
    flush_save()
    with_results(lambda results: download_with(results, workbooks))


def download_with(results, workbooks):
    date = now_iso()[:10]
    results_document = results.export_document(workbooks, MODEL, now_iso(), str(document.documentElement.dataset.build))
    name = results.file_name(workbooks, date, LANGUAGE, MODEL)
    window.trustWorkbookStorage.download(name, results.document_text(results_document))
    Session.edits_since_backup = 0
    show_status(TEXTS.ui_text("downloaded_message", {"file": name}))


def download_all():
    workbooks = []
    for entry in Session.index["workbooks"]:
        if entry["id"] == Session.workbook["id"]:
            workbooks.append(Session.workbook)
        else:
            stored = read_workbook(entry["id"])
            if isinstance(stored, dict):
                workbooks.append(stored)
    download(workbooks)


def import_text(results, file_name, text):
    if text is None:  # neither UTF-8 nor UTF-16 (page.js)
        show_import_errors(file_name, results.encoding_errors(MODEL, LANGUAGE))
        return
    workbooks, errors = results.read_document(text, MODEL, LANGUAGE)
    if errors:
        show_import_errors(file_name, errors)
        return
    stored = {}
    for entry in Session.index["workbooks"]:
        if entry["id"] == Session.workbook["id"]:
            stored[entry["id"]] = Session.workbook
        else:
            stored[entry["id"]] = read_workbook(entry["id"])
    untitled = [METHOD["ui"]["untitled"][language] for language in ("zh", "en")]
    plan = edits.plan_import(workbooks, stored, MODEL, untitled)
    for workbook in plan["add"]:
        add_workbook(workbook)
    if plan["already_here"]:
        Session.pending_import = (plan["already_here"], plan["replace_untouched"])
        names = plan["already_here"][0]["name"] or TEXTS.ui_text("untitled")
        key = "import_already_here" if len(plan["already_here"]) == 1 else "import_already_here_many"
        show_status(TEXTS.ui_text(key, {"name": names, "count": len(plan["already_here"])}), import_choice=True)
        return
    drop_workbooks(plan["replace_untouched"])
    show_status(TEXTS.ui_text("imported_message", {"count": len(workbooks)}))


def drop_workbooks(workbook_ids):
    """Removes workbooks nobody wrote in (the blank one an import replaces)."""
    for workbook_id in workbook_ids:
        Session.index, _ = library.remove(Session.index, workbook_id)
        STORAGE.removeItem(library.workbook_key(workbook_id))
        STORAGE.removeItem(library.revision_key(workbook_id))
    if workbook_ids:
        save_index()
        if Session.index["current"] != Session.workbook["id"]:
            open_workbook(Session.index["current"])
        fill_switcher()


def finish_import(replace):
    """The user's answer about imported workbooks already in the browser."""
    if Session.pending_import is None:
        return
    workbooks, untouched = Session.pending_import
    Session.pending_import = None
    for workbook in workbooks:
        if replace:
            replace_workbook(workbook)
        else:
            add_workbook(workbook)
    drop_workbooks([workbook_id for workbook_id in untouched if workbook_id != Session.workbook["id"]])
    key = "replaced_message" if replace else "imported_message"
    show_status(TEXTS.ui_text(key, {"count": len(workbooks)}))


def replace_workbook(workbook):
    open_workbook(workbook["id"])
    Session.workbook = scoring.normalise(workbook, MODEL)
    Session.index = library.rename(Session.index, workbook["id"], workbook["name"])
    Session.workbook["name"] = Session.index["workbooks"][library.find(Session.index, workbook["id"])]["name"]
    Session.scorer = None
    save_workbook()
    render_workbook()


def show_import_errors(file_name, errors):
    details = [(error["path"] + ": " if error["path"] else "") + error["message"] for error in errors]
    show_status(TEXTS.ui_text("import_failed", {"file": file_name}), details=details)


def import_file(control):
    chosen = control.files.item(0)
    control.value = ""  # choosing the same file again must fire again
    if chosen is not None:
        with_results(lambda results: import_chosen(results, chosen))


def import_chosen(results, chosen):
    name = str(chosen.name)
    too_large = results.size_errors(int(chosen.size), MODEL, LANGUAGE)
    if too_large:
        show_import_errors(name, too_large)
        return
    window.trustWorkbookText.read(chosen).then(
        create_proxy(lambda text: import_text(results, name, None if text is None else str(text))))


# ---------------------------------------------------------------- free lists

def next_row_id(records, prefix):
    taken = [record["id"] for record in records]
    number = len(records) + 1
    while prefix + str(number) in taken:
        number += 1
    return prefix + str(number)


def add_row(section):
    records = list_records(section.getAttribute("data-list"))
    limit = int(section.getAttribute("data-limit"))
    if len(records) >= limit:
        show_status(TEXTS.ui_text("list_full", {"limit": limit}))
        return
    is_need = section.getAttribute("data-list") == "client.needs"
    record = {"id": next_row_id(records, "need-" if is_need else "cg-"), "text": "", "stage": None}
    if is_need:
        record.update({"severity": 2, "visibility": METHOD["visibilities"][0]["id"], "known": True})
    else:
        record.update({"category": METHOD["common_ground_categories"][0]["id"], "narrowness": 2})
    records.append(record)
    render_rows(section)
    section.querySelector("[data-row='" + record["id"] + "'] [data-field]").focus()
    save_workbook()
    show_score(section.getAttribute("data-list"))


def remove_row(control):
    section = control.closest("[data-list]")
    row = control.closest("[data-row]")
    list_path = section.getAttribute("data-list")
    removed = edits.remove_record(list_records(list_path), row.getAttribute("data-row"))
    if removed is None:
        return
    name = str(row.querySelector("[data-row-title]").textContent)
    record_text = removed["record"].get("text") or ""
    row_changed(section)
    section.querySelector("[data-action='add-row']").focus()
    workbook_id = Session.workbook["id"]
    Session.undo = lambda: undo_remove_row(workbook_id, list_path, removed)
    show_status(TEXTS.ui_text("row_removed_message", {"name": record_text or name}), undo=True)


def undo_remove_row(workbook_id, list_path, removed):
    if Session.workbook["id"] != workbook_id:
        return  # another workbook is open: its rows are not the ones removed
    if edits.restore_record(list_records(list_path), removed):
        row_changed(document.querySelector("[data-list='" + list_path + "']"))


def row_changed(section):
    render_rows(section)
    save_workbook()
    show_score(section.getAttribute("data-list"))


# ---------------------------------------------------------------- settings

def change_setting(control):
    path = control.getAttribute("data-setting")
    settings = Session.workbook["settings"]
    if path == "preset":
        settings["preset"] = control.value
        for preset in METHOD["presets"]:
            if preset["id"] == control.value:
                settings["weights"] = dict(preset["weights"])
        fill_settings()
        return
    try:
        value = float(control.value)
    except ValueError:
        return  # half-typed numbers ("", "-", "1e") keep the last good value
    head, _, tail = path.partition(".")
    if tail:
        settings[head][tail] = value
    else:
        settings[head] = value
    if head == "weights":
        settings["preset"] = "custom"
        document.querySelector("[data-setting='preset']").value = "custom"


def reset_settings():
    Session.workbook["settings"] = scoring.default_settings(MODEL)
    fill_settings()


# ---------------------------------------------------------------- events

def held_at_text_limit(control, value, before):
    """value, cut to the limit of a field when it grew past it (a field's
    maxlength stops typing there, not a script; a text already longer,
    kept from before the limit, is never cut); at the limit the participant
    is told, or a paste cut short would pass unnoticed."""
    if not isinstance(value, str) or len(value) < TEXT_LIMIT:
        return value
    kept_from_before = isinstance(before, str) and len(before) > TEXT_LIMIT
    if len(value) > TEXT_LIMIT and not kept_from_before:
        value = value[:TEXT_LIMIT]
        set_user_text(control, "value", value)
    show_status(TEXTS.ui_text("text_limit_reached", {"limit": TEXT_LIMIT}))
    return value


def on_input(event):
    control = event.target
    field = control.getAttribute("data-field")
    if field:
        owner = control.closest("[data-item], [data-row]")
        container = owner.closest("[data-list]") if owner is not None else None
        if container is None:
            return
        changed = container.getAttribute("data-list")
        record = find_record(list_records(changed), owner.getAttribute("data-item") or owner.getAttribute("data-row"))
        if record is None:
            return
        record[field] = held_at_text_limit(control, read_control(control, field), record.get(field))
        fit_to_text(control)
        if field == "note" and "status" in record:
            status = edits.status_after_note(record["status"], record["note"])
            if status != record["status"]:
                record["status"] = status
                write_control(owner.querySelector("[data-field='status']"), status)
        mark_filled(owner, record)
    elif control.getAttribute("data-workbook-field"):
        changed = control.getAttribute("data-workbook-field")
        Session.workbook[changed] = typed_text(control)
        if changed == "name":
            Session.index = library.rename(Session.index, Session.workbook["id"], Session.workbook[changed])
            fill_switcher()
    elif control.getAttribute("data-setting"):
        changed = "settings"
        change_setting(control)
    else:
        return
    save_soon()
    show_score(changed)
    remind_to_back_up()


def on_change(event):
    control = event.target
    if control.getAttribute("data-control") == "workbook-switch":
        open_workbook(control.value)
    elif control.getAttribute("data-control") == "import":
        import_file(control)
    elif control.getAttribute("data-setting"):
        fill_settings()  # show the value the score uses once the user is done typing
    elif control.getAttribute("data-workbook-field") == "name":
        name = Session.index["workbooks"][library.find(Session.index, Session.workbook["id"])]["name"]
        set_user_text(control, "value", name)
        Session.workbook["name"] = name
        save_workbook()


ACTIONS = {
    "new-workbook": lambda control: new_workbook(),
    "duplicate-workbook": lambda control: duplicate_workbook(),
    "delete-workbook": lambda control: delete_workbook(),
    "undo-delete": lambda control: undo_last_removal(),
    "import-replace": lambda control: finish_import(True),
    "import-keep-both": lambda control: finish_import(False),
    "print": lambda control: (fill_handout(), window.print()),
    "download-current": lambda control: download([Session.workbook]),
    "download-all": lambda control: download_all(),
    "reset-settings": lambda control: (reset_settings(), save_workbook(), show_score("settings")),
    "add-row": lambda control: add_row(control.closest("[data-list]")),
    "remove-row": remove_row,
}


def go_to_move(control):
    """A next move's link: its field, in a sheet that may still wait in its
    <template>, scrolls into view with focus."""
    render_all_deferred_sheets()
    field = document.querySelector(control.getAttribute("data-target"))
    if field:  # None, or JsNull under Pyodide
        field.focus()
        field.scrollIntoView(SCROLL_TO_MIDDLE)
        keep_in_view(field, KEEP_IN_VIEW_FRAMES)


def keep_in_view(field, frames):
    """Sheets coming into view are laid out a frame or more later
    (content-visibility) and can push the field away: for a few frames,
    a field pushed out of the window is scrolled back to its middle."""
    box = field.getBoundingClientRect()
    if box.bottom < 0 or box.top > window.innerHeight:
        field.scrollIntoView(SCROLL_TO_MIDDLE)
    if frames > 0:
        window.requestAnimationFrame(create_proxy(lambda *_: keep_in_view(field, frames - 1)))


def on_click(event):
    control = event.target.closest("[data-action]")
    if control is None:
        return
    if control.getAttribute("data-action") == "go-to-move":
        event.preventDefault()
        go_to_move(control)
        return
    action = ACTIONS.get(control.getAttribute("data-action"))
    if action is not None:  # page.js handles the rest (reload after an update)
        action(control)


def on_storage(event):
    """Another tab wrote to localStorage (this tab's own writes never arrive here)."""
    key = event.key
    if key == library.INDEX_KEY:
        current = Session.index["current"]
        Session.index = library.open_workbook(library.read_index(read_stored(library.INDEX_KEY)), current)
        fill_switcher()
    elif key == library.revision_key(Session.workbook["id"]) and stored_revision(Session.workbook["id"]) > Session.revision:
        if Session.save_timer is not None:
            flush_save()  # this tab's unsaved edits meet the other tab's: both are kept
            return
        open_workbook(Session.workbook["id"])
        show_status(TEXTS.ui_text("synced_message"))


def stored_workbook_ids():
    ids = [library.workbook_id_of(str(STORAGE.key(n))) for n in range(STORAGE.length)]
    return [workbook_id for workbook_id in ids if workbook_id is not None]


def names_of(workbook_ids):
    """(id, name) of stored workbooks, each read (and migrated) once."""
    found = []
    for workbook_id in workbook_ids:
        stored = read_workbook(workbook_id)
        if isinstance(stored, dict):
            found.append((workbook_id, stored.get("name") or TEXTS.ui_text("untitled")))
    return found


def load_index():
    """The index, migrated, with every stored workbook it lacks adopted.
    Only workbooks the index does not list are read here: the rest wait
    until they are opened or downloaded."""
    stored = read_stored(library.INDEX_KEY)
    listed = []
    if migrations.index_version(stored) == library.INDEX_VERSION:
        listed = library.ids(library.read_index(stored))
    # Keys first: reading a workbook may add a key (set aside) or remove one.
    found = names_of([workbook_id for workbook_id in stored_workbook_ids() if workbook_id not in listed])
    stored = read_migrated(library.INDEX_KEY, lambda data: migrations.migrate_stored_index(data, found),
                           migrations.index_version)
    return library.adopt(library.read_index(stored), found)


def fill_list(element, texts):
    element.replaceChildren()
    for text in texts:
        item = document.createElement("li")
        set_user_text(item, "textContent", text)
        element.appendChild(item)


def fill_handout():
    """The printout's cover, stage plan and tables, from the workbook now."""
    workbook = Session.workbook
    facts = {"participant": workbook.get("participant") or "",
             "client": workbook.get("account") or workbook.get("name") or TEXTS.ui_text("untitled"),
             "date": now_iso()[:10]}
    for name in facts:
        set_user_text(document.querySelector("[data-handout-field='" + name + "']"), "textContent", facts[name])
        document.querySelector("[data-handout-fact='" + name + "']").hidden = not facts[name]
    handout = view.handout_view(workbook, TEXTS, METHOD)
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


def prepare_for_print(event):
    render_all_deferred_sheets()
    fill_handout()
    document.querySelector("[data-score-details]").open = True


def start():
    Session.index = load_index()
    find_score_elements()
    if Session.index["current"] is None:
        new_workbook()
    else:
        open_workbook(Session.index["current"])
    if window.matchMedia("(max-width: 56rem)").matches:
        document.querySelector("[data-score-details]").open = False
    document.addEventListener("input", create_proxy(on_input))
    document.addEventListener("change", create_proxy(on_change))
    document.addEventListener("click", create_proxy(on_click))
    # window.addEventListener raises "Illegal invocation" from MicroPython here.
    window.onbeforeprint = create_proxy(prepare_for_print)
    window.onstorage = create_proxy(on_storage)
    window.onpagehide = create_proxy(flush_save)
    document.onvisibilitychange = create_proxy(flush_save)
    show_save_state("saved")
    # Last step on purpose: tests and users wait for this marker.
    document.body.setAttribute("data-ready", "1")
    window.setTimeout(RENDER_DEFERRED_LATER, 0)


start()
