# Page glue: DOM events in, localStorage out, the painters write the page; every decision without the DOM is pure.
import json

from pyscript import document, window
from pyscript.ffi import create_proxy

import dom
import editing
import library
import panel
import panel_painter
import people_glue
import review_glue
import rows_glue
import scoring
import sheet_painter
import store
import view

LANGUAGE = "zh" if str(document.documentElement.lang).startswith("zh") else "en"
EDITS_BEFORE_BACKUP_REMINDER = 150
SAVE_DELAY_MS = 300
METHOD = MODEL = TEXTS = SHEETS = PANEL = PEOPLE = REVIEW = TEXT_LIMIT = None  # set by the start's steps (START)
STORAGE = dom.LocalStorage()
WRITER = str(dom.now_ms()) + "-" + str(window.Math.random())[2:8]  # this tab's saves, told from another's


class Session:
    index = library.empty_index()
    damaged_index = None    # the stored index's text while it is unreadable and not yet set aside
    workbook = None
    read_only_reason = None  # why the open workbook may not be written over, if it may not
    offered = {}            # what the status line's buttons do, once: "undo", "import" (its answer)
    revision = ""           # the workbook's revision as this tab last saw it
    edits_since_backup = 0
    files = None            # the results files' glue, once used
    shown = False           # whether the page shows the workbook yet: not while START opens it
    index_events = []       # what reading the stored index found, told once the first workbook is open


# ---------------------------------------------------------------- saving

def save_index(report=True):  # report=False when only which workbook is open changed
    outcome, Session.damaged_index = store.save_index(STORAGE, Session.index, Session.damaged_index, dom.now_ms())
    if outcome == store.FAILED and report:
        dom.tell([outcome], TEXTS)


def save_soon():
    """Typing saves once it pauses: a save costs more than a recompute, and
    nothing waits on it. flush_save() runs it at once where it matters."""
    PENDING_SAVE.soon()
    dom.show_save_state("pending")


def flush_save(event=None):
    if PENDING_SAVE.waiting():
        save_workbook()


def save_workbook():
    """Saves the open workbook; returns store's outcome."""
    PENDING_SAVE.cancel()
    outcome, Session.revision = store.save(STORAGE, Session.workbook, Session.revision, WRITER)
    if outcome == store.CONFLICT:
        return keep_as_copy()
    if outcome == store.FAILED:
        dom.tell([outcome], TEXTS)
        dom.show_save_state("failed")
        return outcome
    dom.show_save_state("saved")
    Session.index = library.touch(Session.index, Session.workbook["id"], dom.now_iso())
    save_index()
    return outcome


PENDING_SAVE = dom.Debounced(save_workbook, SAVE_DELAY_MS)


def keep_as_copy():
    """This tab's version may not be written where it was: it becomes a new workbook."""
    name = Session.workbook["name"] or TEXTS.ui_text("untitled")
    reason = Session.read_only_reason or "conflict_message"
    if add_workbook(store.named_copy(Session.workbook, TEXTS.ui_text("untitled"),
                                     TEXTS.ui_text("conflict_copy_suffix"))) != store.SAVED:
        return store.FAILED  # the copy's own failure has been reported
    dom.show_status(TEXTS.ui_text(reason, {"name": name, "copy": Session.workbook["name"]}))
    return store.CONFLICT


def remind_to_back_up():
    Session.edits_since_backup += 1
    if Session.edits_since_backup == EDITS_BEFORE_BACKUP_REMINDER:
        dom.show_status(TEXTS.ui_text("backup_reminder"))


# ---------------------------------------------------------------- the page

def fill_settings():
    """Shows the settings the score uses (typed values clamped, rounded)."""
    Session.workbook["settings"] = scoring.settings_for(Session.workbook, MODEL)
    SHEETS.fill_settings(Session.workbook["settings"])


def render_workbook():
    Session.workbook["settings"] = scoring.settings_for(Session.workbook, MODEL)
    if Session.shown:
        SHEETS.render_workbook(Session.workbook, Session.index)
        show_workbook_score()


def show_workbook_score():
    REVIEW.show_workbook(Session.workbook)
    show_score()


def show_score(changed=None, figures=True):
    PANEL.show_score(Session.workbook, changed, figures)
    REVIEW.soon()  # shown once the panel's details are (PANEL.after_details), not in the edit's own task


# ---------------------------------------------------------------- workbooks

def open_workbook(workbook_id):
    flush_save()
    opened = store.open_workbook(STORAGE, workbook_id, MODEL, dom.now_ms())
    dom.tell(opened.events, TEXTS)
    name = Session.index["workbooks"][library.find(Session.index, workbook_id)]["name"]
    Session.workbook = opened.workbook(workbook_id, name, MODEL)
    Session.revision = opened.revision
    # Damaged and not yet set aside: never written over, edits go to a new workbook.
    Session.read_only_reason = "read_only_copy_message" if store.NOT_SET_ASIDE in opened.events else None
    Session.index = library.open_workbook(Session.index, workbook_id)
    save_index(report=False)
    render_workbook()
    dom.show_save_state("saved")


def add_workbook(workbook):  # returns the save's outcome
    flush_save()
    Session.index, Session.workbook = store.added(Session.index, workbook, dom.now_ms(), dom.now_iso())
    Session.read_only_reason = None
    Session.revision = store.read_revision(STORAGE, Session.workbook["id"])
    outcome = save_workbook()
    render_workbook()
    return outcome


def new_workbook(asked=False):  # asked: the New button, while the open workbook may still be blank
    if asked and Session.read_only_reason is None and scoring.untouched(Session.workbook, MODEL):
        return dom.start_here(TEXTS.ui_text("blank_start_here"))
    add_workbook(scoring.blank_workbook(MODEL, "", TEXTS.ui_text("untitled")))


def delete_workbook():
    PENDING_SAVE.cancel()  # the edits go with it, and come back with undo
    workbook = Session.workbook
    Session.index, removed = library.remove(Session.index, workbook["id"])
    Session.offered["undo"] = lambda: undo_delete(removed, workbook)
    store.delete(STORAGE, workbook["id"])
    if Session.index["current"] is None:
        new_workbook()
    else:
        open_workbook(Session.index["current"])
    name = workbook["name"] or TEXTS.ui_text("untitled")
    dom.show_status(TEXTS.ui_text("deleted_message", {"name": name}), undo=True)


def take_offered(name, *answer):
    """Does what the status line offered (undo, replace or keep both), once."""
    action = Session.offered.pop(name, None)
    if action is not None:
        action(*answer)


def undo_delete(removed, workbook):
    Session.index = library.restore(Session.index, removed)
    Session.workbook = workbook
    Session.revision = store.read_revision(STORAGE, workbook["id"])
    save_workbook()
    render_workbook()


def with_files(action):
    """action(the results files' glue), fetched after ready (dom.with_later_modules)."""
    def made():
        if Session.files is None:
            import files_glue

            Session.files = files_glue.FilesGlue(MODEL, LANGUAGE, TEXTS, STORAGE, Session, flush_save, open_workbook, WRITER)
        action(Session.files)

    dom.with_later_modules(made, TEXTS)


# ---------------------------------------------------------------- settings

def saved_and_scored(path):
    save_workbook()
    show_score(path)


def change_setting(path, text):
    settings = editing.with_setting(Session.workbook["settings"], path, text, MODEL)
    if settings is None:
        return  # half typed: the score keeps the last good value
    Session.workbook["settings"] = settings
    if path == "preset":
        fill_settings()
    elif settings["preset"] == "custom":
        document.querySelector("[data-setting='preset']").value = "custom"


# ---------------------------------------------------------------- events

def on_input(event):
    edit = dom.edit_of(event.target)
    if edit is None:
        # A "told to" or "shared with" checkbox, a motive, the review, the kind of client, the name, or nothing of ours.
        ticked = PEOPLE.ticked(event.target) or REVIEW.edited(event.target) or dom.participant_typed(event.target, STORAGE)
        if ticked is not None:
            typed(ticked)
        return
    changed, record_id, field, value = edit
    if record_id is not None:
        record = dom.find_record(editing.list_records(Session.workbook, changed), record_id)
        if changed == editing.PEOPLE:
            value = PEOPLE.value_of(event.target, field, value)
        if record is None or (value is None and field == "contact_factor"):
            return  # gone meanwhile, or a number half typed: the score keeps the last good one
        record[field] = dom.held_at_text_limit(event.target, value, record.get(field), TEXT_LIMIT, TEXTS)
        status_changed = editing.note_written(record, field)
        dom.show_edited(event.target, record, status_changed)
        if changed == editing.PEOPLE:
            PEOPLE.edited(record, field)
        changed = editing.score_path(changed, record_id)
        return typed(changed, panel.figures_may_change(field, status_changed))
    elif changed == "settings":
        change_setting(field, value)
    else:
        Session.workbook[field] = int(value) if field == "stage" else value
        if field == "name":
            Session.index = library.rename(Session.index, Session.workbook["id"], value)
            SHEETS.fill_switcher(Session.index)
    typed(changed, panel.figures_may_change(field))


def typed(changed, figures=True):
    """After typing changed the part `changed` of the workbook (`figures`:
    whether that can change the score's figures)."""
    save_soon()
    show_score(changed, figures)
    remind_to_back_up()


def on_change(event):
    control = event.target
    if control.getAttribute("data-control") == "workbook-switch":
        open_workbook(control.value)
    elif control.getAttribute("data-control") == "import":
        with_files(lambda files: files.choose_file(control))
    elif control.getAttribute("data-control") == "participant":
        with_files(lambda files: files.save_participant(control))
    elif PEOPLE.changed(control):
        pass
    elif control.getAttribute("data-setting"):
        fill_settings()  # show the value the score uses once the user is done typing
    elif control.getAttribute("data-workbook-field") == "name":
        name = Session.index["workbooks"][library.find(Session.index, Session.workbook["id"])]["name"]
        dom.set_user_text(control, "value", name)
        Session.workbook["name"] = name
        save_workbook()


def reset_settings():
    Session.workbook["settings"] = scoring.default_settings(MODEL)
    fill_settings()
    save_workbook()
    show_score("settings")


ACTIONS = {
    "new-workbook": lambda control: new_workbook(asked=True),
    "duplicate-workbook": lambda control: add_workbook(store.named_copy(
        Session.workbook, TEXTS.ui_text("untitled"), TEXTS.ui_text("copy_suffix"))),
    "delete-workbook": lambda control: delete_workbook(),
    "undo-delete": lambda control: (take_offered("undo"), dom.hide_status()),
    "close-status": lambda control: dom.hide_status(),
    "import-replace": lambda control: take_offered("import", True),
    "import-keep-both": lambda control: take_offered("import", False),
    "print": lambda control: dom.with_later_modules(lambda: (prepare_for_print(), window.print()), TEXTS),
    "go-to-move": lambda control: SHEETS.go_to_move(control, Session.workbook),
    "reset-settings": lambda control: reset_settings(),
}


def prepare_for_print(event=None):
    SHEETS.render_all_deferred(Session.workbook)
    document.querySelector("[data-score-details]").open = True
    if dom.later_modules_loaded():  # else printed (Ctrl+P) in the moment after ready: no handout yet
        import handout_painter

        handout_painter.fill_handout(Session.workbook, dom.typed_participant(), TEXTS, MODEL, PANEL.current_result())


def on_click(event):
    control = event.target.closest("[data-action]")
    if control is None:
        return
    name = control.getAttribute("data-action")
    action = ACTIONS.get(name)
    if action is None:  # the results files' buttons (buttons: nothing to prevent), or page.js's (reload)
        with_files(lambda files: files.actions().get(name, lambda control: None)(control))
    else:
        event.preventDefault()  # a next move's link goes to its field, not just its sheet
        action(control)


def on_storage(event):
    """Another tab wrote to localStorage (this tab's own writes never arrive here)."""
    key = event.key
    if key == library.INDEX_KEY:
        index = store.read_index(STORAGE)
        if index is not None:
            Session.index = library.open_workbook(index, Session.index["current"])
            SHEETS.fill_switcher(Session.index)
    elif key == library.revision_key(Session.workbook["id"]):
        action = store.after_other_write(STORAGE, Session.workbook["id"], Session.revision, PENDING_SAVE.waiting())
        if action == "keep_copy":
            PENDING_SAVE.cancel()
            keep_as_copy()
        elif action == "reload":
            open_workbook(Session.workbook["id"])
            dom.show_status(TEXTS.ui_text("synced_message"))


# ---------------------------------------------------------------- the start, a step per task (templates/index.html)

def read_content():
    global METHOD
    with open("method.json") as content_file:  # one read and json.loads: json.load is several times slower here
        METHOD = json.loads(content_file.read())


def digest_content():
    global MODEL, TEXT_LIMIT
    MODEL = scoring.prepare(METHOD)
    TEXT_LIMIT = MODEL.max_text   # characters in one field (the controls' maxlength)


def make_painters():
    global TEXTS, SHEETS, PANEL, PEOPLE, REVIEW
    TEXTS = view.Texts(MODEL, LANGUAGE)
    SHEETS = sheet_painter.SheetPainter(MODEL, TEXTS)
    PANEL = panel_painter.PanelPainter(MODEL, TEXTS)
    PEOPLE = people_glue.PeopleGlue(MODEL, TEXTS, SHEETS, Session, saved_and_scored)
    ACTIONS.update(rows_glue.RowsGlue(MODEL, TEXTS, SHEETS, Session, saved_and_scored).actions())
    REVIEW = review_glue.ReviewGlue(MODEL, TEXTS, SHEETS, PANEL, Session, TEXT_LIMIT)
    PANEL.after_details = REVIEW.after_details
    ACTIONS.update(PEOPLE.actions())


def read_index():
    """The stored index (what reading it found is told once the workbook is open), and where the score goes."""
    loaded = store.load_index(STORAGE, MODEL, TEXTS.ui_text("untitled"), dom.now_ms())
    Session.index, Session.damaged_index, Session.index_events = loaded.index, loaded.damaged, loaded.events
    PANEL.find_score_elements()


def open_first_workbook():
    """The workbook the page opens with (stored, or a new one), not yet shown."""
    if Session.index["current"] is None:
        new_workbook()
    else:
        open_workbook(Session.index["current"])
    dom.tell(Session.index_events, TEXTS)


def listen_and_be_ready():
    Session.shown = True
    document.addEventListener("input", create_proxy(on_input))
    document.addEventListener("change", create_proxy(on_change))
    document.addEventListener("click", create_proxy(on_click))
    # window.addEventListener raises "Illegal invocation" from MicroPython here.
    window.onbeforeprint = create_proxy(prepare_for_print)
    window.onstorage = create_proxy(on_storage)
    window.onpagehide = create_proxy(flush_save)
    document.onvisibilitychange = create_proxy(flush_save)
    window.trustWorkbookEarlyEdits.replay()  # what was done before ready (templates/_keep_early_edits.js)
    # Last step on purpose: tests and users wait for this marker.
    document.body.setAttribute("data-ready", "1")
    SHEETS.render_deferred_in_turn(lambda: Session.workbook)
    # Fetched now, to be there when the map or a click needs them.
    window.setTimeout(create_proxy(lambda *_: dom.with_later_modules(lambda: None, TEXTS)), 0)


# Each in a task of its own: input waits for none of them for long.
START = [read_content, digest_content, make_painters, read_index, open_first_workbook,
         lambda: SHEETS.render_workbook(Session.workbook, Session.index), show_workbook_score,
         lambda: dom.show_participant(store.participant(STORAGE)), listen_and_be_ready]
