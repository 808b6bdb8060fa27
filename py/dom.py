# Page glue: the page's DOM at large. Reads an edited control back and
# writes a record into its controls, shows the status line, keeps
# localStorage behind the store's port, fetches the results module. The
# painters write the rest (sheet_painter: the worksheets; panel_painter:
# the score panel; handout_painter: the printout). What is shown is decided
# by the pure modules (scoring, view, panel, editing); main.py decides when.
import gc

from pyscript import document, window
from pyscript.ffi import create_proxy, to_js

import jsontext
import store
import view

# Garbage is collected in pauses of typing (Debounced) or on a full heap,
# not after every 16 KB: that cost ~3 ms per keystroke (docs/PERFORMANCE.md).
if hasattr(gc, "threshold"):
    gc.threshold(-1)

NUMBER_FIELDS = ("stage", "severity", "narrowness", "influence")
PERSON_FIELDS = ("owner", "reports_to")  # a person's id, or nobody
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
    if not isinstance(value, str):
        return value
    if len(value) < limit:
        if FIELD_MESSAGES[0]:
            say_by_field(control, "")
        return value
    kept_from_before = isinstance(before, str) and len(before) > limit
    if len(value) > limit and not kept_from_before:
        value = value[:limit]
        set_user_text(control, "value", value)
    say_by_field(control, texts.ui_text("text_limit_reached", {"limit": limit}))
    return value


FIELD_MESSAGES = [0]  # how many fields say something now: none, no DOM look-up per keystroke


def say_by_field(control, message):
    """A message on what became of a field's input, right under the field
    where the participant is typing, announced politely; "" takes it away."""
    field = control.closest("label") or control
    said = field.nextElementSibling
    if not (said and said.hasAttribute("data-field-message")):
        if not message:
            return
        said = document.createElement("p")
        said.className = "field-message"
        said.setAttribute("role", "status")
        said.setAttribute("data-field-message", "")
        said.hidden = True
        field.after(said)
    appearing = bool(message) and said.hidden
    if said.hidden != (not message):
        FIELD_MESSAGES[0] += -1 if not message else 1
    set_user_text(said, "textContent", message)
    said.hidden = not message
    if appearing:
        said.scrollIntoView(to_js({"block": "nearest"}))


def read_control(control, field):
    if field == "known":  # the one checkbox field
        return bool(control.checked)
    if field in NUMBER_FIELDS:
        value = control.value
        return int(value) if value else None
    if field in PERSON_FIELDS:
        return str(control.value) or None
    return typed_text(control)


def write_control(control, value):
    if control.type == "checkbox":
        control.checked = value is True
    else:
        if isinstance(value, float):
            value = jsontext.format_number(value, 6)
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


class SheetGlue:
    """What the glue of a sheet's buttons works with (people_glue,
    rows_glue): `session` is main's Session (the open workbook, what the
    status line offers); `saved(path)` saves the workbook at once and scores
    it again, reading `path` again (None: all of it)."""

    def __init__(self, model, texts, sheets, session, saved):
        self.model = model
        self.texts = texts
        self.sheets = sheets
        self.session = session
        self.saved = saved


START_HERE_SHOWN = [False]  # whether the status line says "start here" now: no DOM read on every keystroke


def start_here(message):
    """A new workbook asked for while the open one is still blank: that one
    is where to start (a second blank would only sit unused beside it). Said
    until the workbook changes (show_save_state), when it is no longer true."""
    show_status(message)
    START_HERE_SHOWN[0] = True
    bring_into_view(document.querySelector("[data-workbook-field='name']"))


def show_status(message, undo=False, details=(), import_choice=False):
    """The status line; `undo` shows its undo button, `import_choice` the
    buttons that answer whether an import replaces workbooks or keeps both."""
    START_HERE_SHOWN[0] = False
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
    if undo:  # the line floats at the foot of the screen (app.css): its undo is the next key press
        status.querySelector("[data-action='undo-delete']").focus()


# How the status line words what the store reports.
STORE_EVENT_MESSAGES = {store.SET_ASIDE: "stored_unreadable", store.NOT_SET_ASIDE: "stored_unreadable_read_only",
                        store.INDEX_NOT_SET_ASIDE: "stored_index_unreadable", store.FAILED: "save_failed"}


def tell(events, texts):
    """Shows what happened in the store (store.SET_ASIDE, ...), if anything."""
    if events:
        show_status(" ".join(texts.ui_text(STORE_EVENT_MESSAGES[event]) for event in events))


def hide_status():
    START_HERE_SHOWN[0] = False
    document.querySelector("[data-status]").hidden = True


SAVE_STATE = [None]  # what the workbook bar says now: no DOM read on every keystroke


def show_save_state(state):
    """pending, saved or failed: the workbook bar shows it, and tests wait
    on it instead of on the clock. Every edit (typed: pending; a button's:
    saved) and every workbook opened passes here: "start here" is then said
    and done, and over the phone's sheets it would cover what is edited."""
    if START_HERE_SHOWN[0]:
        hide_status()
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


class IdleCollector:
    """Collects the garbage once the page is idle after an edit. The
    interpreter collects when its heap is full, and a collection inside a
    keystroke's handler was what made the slowest keystrokes slow
    (docs/PERFORMANCE.md); collected between keystrokes, it rarely is."""

    def __init__(self):
        self.pending = False
        self.proxy = create_proxy(self.collect)
        self.idle_callbacks = getattr(window, "requestIdleCallback", None) is not None  # Safari has none

    def soon(self):
        if self.pending:
            return
        self.pending = True
        if self.idle_callbacks:
            window.requestIdleCallback(self.proxy)
        else:
            window.setTimeout(self.proxy, 50)   # soon after the paint

    def collect(self, *_):
        self.pending = False
        gc.collect()


LOADED = {}  # the results module, once fetched
LATER = {"waiting": None, "loaded": False}  # the modules fetched after ready: who waits for them, whether imported


def fetch_module(name, written, texts):
    """Fetches the module `name`, which the site ships apart from the page's
    bundle (build.py: AFTER_READY_PY_MODULES, LAZY_PY_MODULES), writes it
    into the interpreter's files, then calls written()."""
    # The release named, so the service worker serves this page's own
    # release of it even once a newer release has taken over.
    root = document.documentElement
    url = str(root.getAttribute("data-module-url")).replace("{}", name) + "?release=" + str(root.dataset.build)

    def loaded(buffer):
        # Saved under the served name: results.mpy (bytecode) or results.py.
        with open(url.rpartition("/")[2].partition("?")[0], "wb") as module_file:
            module_file.write(bytes(window.Uint8Array.new(buffer)))
        written()

    def fetched(response):
        if response.ok:
            response.arrayBuffer().then(create_proxy(loaded))
        else:  # the service worker no longer has this page's release of it
            show_status(texts.ui_text("release_gone"))

    window.fetch(url).then(create_proxy(fetched))


def with_results(action, texts):
    """Runs action(results module). results.py is needed only to download or
    import, so it is fetched on first use instead of on every page load."""
    if "results" in LOADED:
        action(LOADED["results"])
        return

    def written():
        import results

        LOADED["results"] = results
        action(results)

    fetch_module("results", written, texts)


def later_modules_loaded():
    return LATER["loaded"]


def with_later_modules(action, texts):
    """Runs action() once the modules the page needs only after ready (the
    relationship map, the handout, results files: <html data-later-modules>,
    build.py AFTER_READY_PY_MODULES) are imported: at once if they are. The
    first call fetches them all; each is imported in a task of its own."""
    if LATER["loaded"]:
        action()
        return
    if LATER["waiting"] is not None:
        LATER["waiting"].append(action)
        return
    LATER["waiting"] = [action]
    names = str(document.documentElement.getAttribute("data-later-modules")).split()
    to_import = list(names)

    def import_next(*_):
        __import__(to_import.pop(0))
        if to_import:
            window.setTimeout(next_task, 0)
            return
        LATER["loaded"] = True
        for waiting in LATER["waiting"]:
            waiting()
        LATER["waiting"] = []

    next_task = create_proxy(import_next)

    def written(name):
        names.remove(name)
        if not names:  # every one written: import them in order (each may import the ones before it)
            window.setTimeout(next_task, 0)

    for name in list(names):
        fetch_module(name, lambda name=name: written(name), texts)


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


def typed_participant():
    """The participant's name as its field holds it, trimmed: typed just
    before a download or a print, it may not be kept yet (it is kept on
    change, once results.py is here)."""
    return str(document.querySelector("[data-control='participant']").value).strip()


def show_participant(name):
    """The participant's name in its field; asked for while there is none."""
    document.querySelector("[data-control='participant']").value = name
    ask_for_participant(name)


def participant_typed(control, storage):
    """Keeps the participant's name at every keystroke, if control is its
    field: a name typed and the page closed at once is still there. None:
    the name changes no figure."""
    if control.getAttribute("data-control") == "participant":
        ask_for_participant(control.value)
        store.keep_participant(storage, control.value)


def ask_for_participant(name):
    """The request for a name shown while there is none. Hidden as the name
    is typed, not when the field is left: leaving it is often the click on
    Download, which the line's going would move from under the pointer."""
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


def keep_in_view(field, frames, left_at=None):
    """Sheets coming into view are laid out a frame or more later
    (content-visibility) and can push the field away: for a few frames, a
    field pushed out of the window is scrolled back to its middle. Pushed,
    the page has not scrolled since the frame before (`left_at`); scrolled,
    the reader went elsewhere (a wheel, a key, the next link clicked) and is
    left there: pulled back, their click would land on what came under it."""
    box = field.getBoundingClientRect()
    if box.bottom < 0 or box.top > window.innerHeight:
        if left_at is not None and abs(window.scrollY - left_at) > 1:
            return
        field.scrollIntoView(SCROLL_TO_MIDDLE)
    if frames > 0:
        at = window.scrollY
        window.requestAnimationFrame(create_proxy(lambda *_: keep_in_view(field, frames - 1, at)))


def bring_into_view(field):
    """Focus on `field`, in the middle of the window, and kept there while
    the sheets above it are laid out."""
    field.focus()
    field.scrollIntoView(SCROLL_TO_MIDDLE)
    keep_in_view(field, KEEP_IN_VIEW_FRAMES)
