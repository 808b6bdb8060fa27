# The workbook's keystroke with its Python in a PyScript worker that never
# touches the page (sync_main_only: no SharedArrayBuffer, no COOP/COEP, so it
# runs on GitHub Pages): bench/bench_worker_keystroke.py measures it. The
# page's JavaScript (bench/worker_keystroke.js) reads each edit off its
# control as plain data and calls keystroke() asynchronously; this worker
# applies the edits to its workbook, as py/main.py's on_input and
# py/people_glue.py's ticked do, has the real core read again what changed
# and work out the figures (py/panel_painter.py's show_score), and answers
# the writes that changed as one JSON text, [[element key, text], ...], which
# the page applies to elements it looked up once. Everything crosses as text.
# It runs unchanged under CPython (tests/test_bench_pages.py checks its
# answers against a fresh score).
import json

import editing
import panel
import scoring
import view

try:
    import js

    def now_ms():  # on the page's clock too: both count from the epoch
        return js.performance.timeOrigin + js.performance.now()
except ImportError:  # CPython, in the tests
    import time

    def now_ms():
        return time.time() * 1000


def read_json(name):
    with open(name) as read:  # one read and json.loads: json.load is several times slower under MicroPython
        return json.loads(read.read())


METHOD = read_json("method.json")  # the content in the page's language, as the workbook page reads it
MODEL = scoring.prepare(METHOD)
WORKBOOK = read_json("workbook.json")  # the largest workbook, as stored
SCORER = scoring.Scorer(WORKBOOK, MODEL)


class Shown:
    texts = None     # view.Texts in the page's language
    slots = []       # (figure's name, element key) of each figure the page has an element for
    text = {}        # element key -> the text last handed to the page
    worked = []      # [began, ended] of each keystroke() call, ms since the epoch
    dumped = []      # ms of each saved_text()'s json.dumps


def changed_writes(shown):
    """[[element key, text]] of the figures whose text changed since last handed over."""
    writes = []
    for name, key in Shown.slots:
        if Shown.text.get(key) != shown[name]:
            Shown.text[key] = shown[name]
            writes.append([key, shown[name]])
    return writes


def start(keys, language):
    """The page's element keys (a JSON list) and language: the figures'
    writes of the opened workbook, as a JSON text."""
    Shown.texts = view.Texts(MODEL, str(language))
    shown = view.figures_view(SCORER.figures(), Shown.texts)
    Shown.slots = panel.figure_slots(shown, set(json.loads(str(keys))))
    return json.dumps(changed_writes(shown))


def applied(edit):
    """Applies one edit to the workbook: (the part the core reads again,
    whether the figures may change)."""
    if "told" in edit:  # py/people_glue.py ticked()
        person_id, point_id = edit["person"], edit["told"]
        person = editing.find_person(WORKBOOK, person_id)
        person["told"] = editing.told_after(person, point_id, edit["checked"], MODEL)
        point = None
        for record in WORKBOOK["seller"]["personal"]:
            if record["id"] == point_id:
                point = record
        if point is not None and editing.told_prepares(point, edit["checked"]):
            return editing.WHOLE_WORKBOOK, True
        return editing.person_path(person_id), True
    # py/main.py on_input, a record's field
    list_path, record_id, field = edit["list"], edit["id"], edit["field"]
    for record in editing.list_records(WORKBOOK, list_path):
        if record["id"] == record_id:
            record[field] = edit["value"]
            status_changed = editing.note_written(record, field)
            return editing.score_path(list_path, record_id), panel.figures_may_change(field, status_changed)
    return None, False  # gone meanwhile


def keystroke(edits):
    """The page's edits since its last call (a JSON list, the latest value
    of each control, in the order typed): applied, the core reads each
    changed part again once, and the figures that changed come back as one
    JSON text of writes."""
    began = now_ms()
    paths = []
    figures = False
    for edit in json.loads(str(edits)):
        path, may_change = applied(edit)
        if path is not None and path not in paths:
            paths.append(path)
        figures = figures or may_change
    for path in paths:
        SCORER.reread(WORKBOOK, path)
    writes = changed_writes(view.figures_view(SCORER.figures(), Shown.texts)) if figures else []
    answer = json.dumps(writes)
    Shown.worked.append([began, now_ms()])
    return answer


def saved_text():
    """The workbook as the page keeps it in localStorage (py/store.py save's text)."""
    began = now_ms()
    text = json.dumps(WORKBOOK)
    Shown.dumped.append(now_ms() - began)
    return text


def details_ms():
    """What the pause's details cost this worker (a full score with the
    next moves and the panel's view of it): how long a keystroke typed just
    then would wait."""
    began = now_ms()
    result = SCORER.score()
    need_texts = {}
    for need in WORKBOOK["client"]["needs"]:
        need_texts[need["id"]] = need["text"]
    view.score_view(result, Shown.texts, need_texts, WORKBOOK)
    return now_ms() - began


def check(expected):
    """Whether the workbook holds each expected value (a JSON list of edits),
    and T from a fresh score of it, as JSON: what the page must show."""
    holds = True
    for edit in json.loads(str(expected)):
        if "told" in edit:
            person = editing.find_person(WORKBOOK, edit["person"])
            holds = holds and (edit["told"] in person["told"]) == edit["checked"]
        else:
            for record in editing.list_records(WORKBOOK, edit["list"]):
                if record["id"] == edit["id"]:
                    holds = holds and record[edit["field"]] == edit["value"]
    fresh = view.figures_view(scoring.Scorer(WORKBOOK, MODEL).figures(), Shown.texts)
    return json.dumps({"holds": holds, "T": fresh["T"]})


def worker_times():
    """When each keystroke() call began and ended, and the ms of each
    json.dumps, since the last asking, as JSON."""
    times = {"worked": Shown.worked, "dumped": Shown.dumped}
    Shown.worked, Shown.dumped = [], []
    return json.dumps(times)


def ping():
    """Nothing: what a call costs on its way there and back alone."""
    return ""


__export__ = ["ping", "start", "keystroke", "saved_text", "details_ms", "check", "worker_times"]
